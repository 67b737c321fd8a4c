/* fuzz_profile -- the source-profile parser (lib/profile) on arbitrary
 * bytes, against the rule the shell parser of incidents.sh applied.
 *
 * The oracle reads each line as that parser did: cut at the first '#', drop
 * one CR at the end, skip it when blank, else match the bash regex
 *	^[[:space:]]*([a-z0-9_]+)[[:space:]]*=[[:space:]]*(.*[^[:space:]])?[[:space:]]*$
 * (with regcomp) and look the key up in a list of its own; a NUL byte, which
 * bash cannot hold, makes the line malformed.  Checked: no crash, leak or
 * sanitizer report; the first line the oracle rejects is the line of
 * profile_load_mem's "want 'key = value'" or "unknown key" error, and
 * lines it accepts never give one; a profile that loads holds the oracle's
 * values for every key, is printed through lib/rec as vb-validate --profile
 * prints it, reads back with one record per key in profile_keys order, and
 * loads again from "key = value" lines rebuilt from those records with the
 * same values.  The whole-file rules (required keys, crs, the map
 * triples) are checked again over the oracle's values, with words counted
 * by strtok_r: a loaded profile passes them, and any other error is the
 * first one they give, at a line that sets crs, theme_map or code_map, or
 * without a line for a required key.  profile_keys is in the shell's order. */
#define _GNU_SOURCE
#include <regex.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "profile.h"
#include "rec.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define NAME	"fuzz.profile"
#define PFX	"config-error: " NAME ":"

/* The keys of the shell's case statement, in its order. */
static const char *const shell_keys[] = {
	"source", "delimiter", "encoding", "id", "date", "date_format", "code",
	"street", "postcode", "number", "letter", "toevoeging", "crs", "x",
	"y", "lat", "lon", "decimal_comma", "code_map", "theme_map", "areas",
	"area_code", "pc6", "gemeente", "ref_version"
};
#define NSHELL	(sizeof(shell_keys) / sizeof(shell_keys[0]))

static const char *const required[] = {
	"id", "date", "code", "areas", "pc6", "theme_map"
};

/* What the oracle made of the input. */
struct oracle {
	char		*val[NSHELL];	/* NULL: not set */
	unsigned long	 bad_line;	/* first rejected line, 0: none */
	bool		 bad_key;	/* it was rejected for its key */
};

static int
shell_key(const char *k)
{
	size_t i;

	for (i = 0; i < NSHELL; i++)
		if (strcmp(k, shell_keys[i]) == 0)
			return (int)i;
	return -1;
}

static void
oracle_run(struct oracle *o, const char *in, size_t size)
{
	static regex_t re;
	static bool compiled;
	regmatch_t m[3];
	const char *p = in, *end = in + size, *nl;
	unsigned long n = 0;
	char *line, *hash;
	size_t len;
	int k;

	if (!compiled) {
		if (regcomp(&re, "^[[:space:]]*([a-z0-9_]+)[[:space:]]*="
		    "[[:space:]]*(.*[^[:space:]])?[[:space:]]*$",
		    REG_EXTENDED) != 0)
			abort();
		compiled = true;
	}
	memset(o, 0, sizeof(*o));
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		n++;
		line = malloc(len + 1);
		memcpy(line, p, len);
		line[len] = '\0';
		p += len + (nl != NULL);
		if ((hash = memchr(line, '#', len)) != NULL)
			len = (size_t)(hash - line);
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (strspn(line, " \t\n\v\f\r") >= len) {
			free(line);
			continue;
		}
		if (memchr(line, '\0', len) != NULL) {
			o->bad_line = n;
			free(line);
			return;
		}
		line[len] = '\0';
		if (regexec(&re, line, 3, m, 0) != 0) {
			o->bad_line = n;
			free(line);
			return;
		}
		line[m[1].rm_eo] = '\0';
		if ((k = shell_key(line + m[1].rm_so)) < 0) {
			o->bad_line = n;
			o->bad_key = true;
			free(line);
			return;
		}
		free(o->val[k]);
		if (m[2].rm_so < 0) {
			o->val[k] = strdup("");
		} else {
			line[m[2].rm_eo] = '\0';
			o->val[k] = strdup(line + m[2].rm_so);
		}
		free(line);
	}
}

static void
oracle_free(struct oracle *o)
{
	size_t i;

	for (i = 0; i < NSHELL; i++)
		free(o->val[i]);
}

/* The words of v split as the shell's read splits them (strtok_r). */
static int
count_words(const char *v)
{
	char *copy = strdup(v), *save, *w;
	int n = 0;

	for (w = strtok_r(copy, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save))
		n++;
	free(copy);
	return n;
}

static const char *
oval(const struct oracle *o, const char *key)
{
	int k = shell_key(key);

	return o->val[k] != NULL ? o->val[k] : "";
}

/* The whole-file rules of vb-validate(1), in their order, over the
 * oracle's values: NULL when they pass, else the message after the
 * position ("'id' is required", "crs is rd or wgs84", ...). */
static const char *
oracle_check(const struct oracle *o, char *buf, size_t size)
{
	const char *crs = oval(o, "crs");
	size_t i;

	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (*oval(o, required[i]) == '\0') {
			snprintf(buf, size, "'%s' is required", required[i]);
			return buf;
		}
	if (strcmp(crs, "rd") == 0 && (!*oval(o, "x") || !*oval(o, "y")))
		return "crs = rd wants x and y";
	if (strcmp(crs, "wgs84") == 0 && (!*oval(o, "lat") ||
	    !*oval(o, "lon")))
		return "crs = wgs84 wants lat and lon";
	if (*crs && strcmp(crs, "rd") != 0 && strcmp(crs, "wgs84") != 0)
		return "crs is rd or wgs84";
	if (count_words(oval(o, "theme_map")) != 3)
		return "theme_map wants 'file keycol valcol'";
	if (*oval(o, "code_map") && count_words(oval(o, "code_map")) != 3)
		return "code_map wants 'file keycol valcol'";
	return NULL;
}

/* Does line k (1 = first) of p[0..n-1] set key, as "  key ="? */
static bool
line_sets(const char *p, size_t n, unsigned long k, const char *key)
{
	size_t i = prefix_len(p, n, k - 1), kl = strlen(key);

	while (i < n && strchr(" \t\v\f\r", p[i]) != NULL && p[i] != '\0')
		i++;
	return n - i > kl && memcmp(p + i, key, kl) == 0 &&
	    strchr(" \t\v\f\r=", p[i + kl]) != NULL && p[i + kl] != '\0';
}

/* The profile as vb-validate --profile prints it, read back and turned
 * into "key = value" lines; loaded again, it must hold the same values. */
static void
check_roundtrip(const struct profile *pr)
{
	static const char *cols[] = { "key", "value" };
	struct schema *sc = schema_new(cols, 2);
	struct rec_writer *w;
	struct rec_reader *rd;
	struct record r;
	struct field out[2];
	struct profile *pr2;
	char *buf = NULL, *text = NULL, err[512];
	size_t len = 0, tlen = 0, i = 0;
	FILE *fp, *tf;
	int rc;

	if ((fp = open_memstream(&buf, &len)) == NULL ||
	    (tf = open_memstream(&text, &tlen)) == NULL)
		abort();
	w = rec_wopen(fp, sc);
	for (i = 0; i < PROFILE_NKEYS; i++) {
		out[0] = field_str(profile_keys[i]);
		out[1] = field_str(profile_get(pr, profile_keys[i]));
		rec_write(w, out, 2);
	}
	if (rec_wclose(w) != 0)
		abort();
	fclose(fp);
	schema_free(sc);
	rd = rec_open_mem(buf, len, "printed");
	if (rd == NULL || rec_schema(rd)->ncols != 2 ||
	    strcmp(rec_schema(rd)->name[0], "key") != 0 ||
	    strcmp(rec_schema(rd)->name[1], "value") != 0)
		abort();
	for (i = 0; (rc = rec_read(rd, &r)) == 1; i++) {
		if (i >= PROFILE_NKEYS ||
		    !field_eq(r.f[0], profile_keys[i]) ||
		    !field_eq(r.f[1], profile_get(pr, profile_keys[i])))
			abort();
		if (r.f[1].len > 0)
			fprintf(tf, "%s = %s\n", r.f[0].p, r.f[1].p);
	}
	if (rc != 0 || i != PROFILE_NKEYS)
		abort();
	rec_close(rd);
	fclose(tf);
	if ((pr2 = profile_load_mem(text, tlen, "rebuilt", err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "fuzz_profile: rebuilt profile fails: %s\n",
		    err);
		abort();
	}
	for (i = 0; i < PROFILE_NKEYS; i++)
		if (strcmp(profile_get(pr, profile_keys[i]),
		    profile_get(pr2, profile_keys[i])) != 0)
			abort();
	profile_free(pr2);
	free(buf);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *msg, *want;
	struct profile *pr, *pre;
	struct oracle o;
	char err[512], err2[512], *end;
	unsigned long n;
	size_t i;
	int k;

	if (NSHELL != PROFILE_NKEYS)
		abort();
	oracle_run(&o, in, size);
	err[0] = '\0';
	pr = profile_load_mem(in, size, NAME, err, sizeof(err));
	for (i = 0; i < NSHELL; i++)
		if (strcmp(profile_keys[i], shell_keys[i]) != 0)
			abort();
	if (pr != NULL) {
		if (o.bad_line != 0 ||
		    oracle_check(&o, err2, sizeof(err2)) != NULL)
			abort();
		for (i = 0; i < NSHELL; i++) {
			k = profile_key(shell_keys[i]);
			if (k < 0 || strcmp(profile_get(pr, shell_keys[i]),
			    o.val[i] != NULL ? o.val[i] : "") != 0 ||
			    (pr->val[k] != NULL) != (o.val[i] != NULL))
				abort();
		}
		check_roundtrip(pr);
		profile_free(pr);
		oracle_free(&o);
		return 0;
	}
	if (strncmp(err, PFX, strlen(PFX)) != 0)
		abort();
	msg = err + strlen(PFX);
	if (*msg == ' ') {
		/* No line: only a required key that is missing. */
		for (i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
			snprintf(err2, sizeof(err2), " '%s' is required",
			    required[i]);
			if (strcmp(msg, err2) == 0)
				break;
		}
		if (i == sizeof(required) / sizeof(required[0]) ||
		    o.bad_line != 0)
			abort();
		if ((want = oracle_check(&o, err2, sizeof(err2))) == NULL ||
		    strcmp(msg + 1, want) != 0)
			abort();
		oracle_free(&o);
		return 0;
	}
	n = strtoul(msg, &end, 10);
	if (end == msg || n == 0 || strncmp(end, ": ", 2) != 0)
		abort();
	end += 2;
	if (strcmp(end, "want 'key = value'") == 0 ||
	    strncmp(end, "unknown key '", 13) == 0) {
		if (o.bad_line != n || o.bad_key != (end[0] == 'u'))
			abort();
		/* The same error from the first n lines. */
		pre = profile_load_mem(in, prefix_len(in, size, n), NAME, err2,
		    sizeof(err2));
		if (pre != NULL || strcmp(err, err2) != 0)
			abort();
	} else if (o.bad_line != 0 ||
	    (want = oracle_check(&o, err2, sizeof(err2))) == NULL ||
	    strcmp(end, want) != 0 ||
	    !(strncmp(end, "crs ", 4) == 0 ? line_sets(in, size, n, "crs") :
	    strncmp(end, "theme_map ", 10) == 0 ?
	    line_sets(in, size, n, "theme_map") :
	    strncmp(end, "code_map ", 9) == 0 &&
	    line_sets(in, size, n, "code_map"))) {
		fprintf(stderr, "fuzz_profile: unexpected error: %s\n", err);
		abort();
	}
	oracle_free(&o);
	return 0;
}
