/* profile -- parse and check the source profiles of pipelines/incidents.sh.
 *
 * Line by line with getline: the first error stops the load and comes back
 * as text, "config-error: path:N: why", the messages the shell parser of
 * incidents.sh gave.  The checks that need the whole file (required keys,
 * crs, the map triples) run after the last line and name the line of the
 * key they are about. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "profile.h"

const char *const profile_keys[PROFILE_NKEYS] = {
	"source", "delimiter", "encoding", "id", "date", "date_format",
	"code", "street", "postcode", "number", "letter", "toevoeging", "crs",
	"x", "y", "lat", "lon", "decimal_comma", "code_map", "theme_map",
	"areas", "area_code", "pc6", "gemeente", "ref_version"
};

static const char *const required[] = {
	"id", "date", "code", "areas", "pc6", "theme_map"
};

/* Write "config-error: path[:line]: why" into err (line 0: none); NULL. */
static struct profile * VB_PRINTF(5, 6)
fail(char *err, size_t errlen, const char *path, unsigned long line,
    const char *fmt, ...)
{
	va_list ap;
	int n;

	if (line > 0)
		n = snprintf(err, errlen, "config-error: %s:%lu: ", path,
		    line);
	else
		n = snprintf(err, errlen, "config-error: %s: ", path);
	if (n >= 0 && (size_t)n < errlen) {
		va_start(ap, fmt);
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return NULL;
}

int
profile_key(const char *name)
{
	int i;

	for (i = 0; i < PROFILE_NKEYS; i++)
		if (strcmp(name, profile_keys[i]) == 0)
			return i;
	return -1;
}

const char *
profile_get(const struct profile *p, const char *name)
{
	int i = profile_key(name);

	if (i < 0)
		return NULL;
	return p->val[i] != NULL ? p->val[i] : "";
}

void
profile_free(struct profile *p)
{
	int i;

	if (p == NULL)
		return;
	for (i = 0; i < PROFILE_NKEYS; i++)
		free(p->val[i]);
	free(p);
}

static bool
is_keychar(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* Parse line[0..len-1] (no LF) into p.  0: ok or blank; 1: not "key =
 * value"; 2: unknown key (its name NUL-terminated at *key). */
static int
parse_line(struct profile *p, char *line, size_t len, unsigned long n,
    char **key)
{
	char *s, *e, *k, *ke, *hash;
	int i;

	if ((hash = memchr(line, '#', len)) != NULL)
		len = (size_t)(hash - line);
	if (len > 0 && line[len - 1] == '\r')
		len--;
	s = line;
	e = line + len;
	while (s < e && isspace((unsigned char)*s))
		s++;
	if (s == e)
		return 0;
	if (memchr(s, '\0', (size_t)(e - s)) != NULL)
		return 1;
	for (k = s; s < e && is_keychar((unsigned char)*s); s++)
		continue;
	ke = s;
	while (s < e && isspace((unsigned char)*s))
		s++;
	if (ke == k || s == e || *s != '=')
		return 1;
	s++;
	while (s < e && isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	*ke = '\0';
	*key = k;
	if ((i = profile_key(k)) < 0)
		return 2;
	free(p->val[i]);
	p->val[i] = xmalloc((size_t)(e - s) + 1);
	memcpy(p->val[i], s, (size_t)(e - s));
	p->val[i][e - s] = '\0';
	p->line[i] = n;
	return 0;
}

/* Is v three words, "file keycol valcol"?  Words are separated by spaces
 * and tabs, as the shell's read splits them. */
static bool
is_triple(const char *v)
{
	int words = 0;

	while (*v != '\0') {
		v += strspn(v, " \t");
		if (*v == '\0')
			break;
		words++;
		v += strcspn(v, " \t");
	}
	return words == 3;
}

/* The checks that need the whole profile; NULL when it passes them, else
 * p freed and the message in err. */
static struct profile *
check(struct profile *p, const char *path, char *err, size_t errlen)
{
	const char *crs = profile_get(p, "crs");
	unsigned long cl = p->line[profile_key("crs")];
	size_t i;

	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (profile_get(p, required[i])[0] == '\0')
			return fail(err, errlen, path, 0, "'%s' is required",
			    required[i]);
	if (strcmp(crs, "rd") == 0) {
		if (profile_get(p, "x")[0] == '\0' ||
		    profile_get(p, "y")[0] == '\0')
			return fail(err, errlen, path, cl,
			    "crs = rd wants x and y");
	} else if (strcmp(crs, "wgs84") == 0) {
		if (profile_get(p, "lat")[0] == '\0' ||
		    profile_get(p, "lon")[0] == '\0')
			return fail(err, errlen, path, cl,
			    "crs = wgs84 wants lat and lon");
	} else if (crs[0] != '\0') {
		return fail(err, errlen, path, cl, "crs is rd or wgs84");
	}
	if (!is_triple(profile_get(p, "theme_map")))
		return fail(err, errlen, path,
		    p->line[profile_key("theme_map")],
		    "theme_map wants 'file keycol valcol'");
	if (profile_get(p, "code_map")[0] != '\0' &&
	    !is_triple(profile_get(p, "code_map")))
		return fail(err, errlen, path,
		    p->line[profile_key("code_map")],
		    "code_map wants 'file keycol valcol'");
	return p;
}

/* Read the profile from fp (closed here) under the name path. */
static struct profile *
load(FILE *fp, const char *path, char *err, size_t errlen)
{
	struct profile *p = xcalloc(1, sizeof(*p));
	char *line = NULL, *key = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long n = 0;
	int rc = 0;

	while ((len = getline(&line, &cap, fp)) != -1) {
		n++;
		if (len > 0 && line[len - 1] == '\n')
			len--;
		if ((rc = parse_line(p, line, (size_t)len, n, &key)) != 0)
			break;
	}
	if (rc == 1)
		fail(err, errlen, path, n, "want 'key = value'");
	else if (rc == 2)
		fail(err, errlen, path, n, "unknown key '%s'", key);
	else if (ferror(fp)) {
		snprintf(err, errlen, "config-error: reading %s: %s", path,
		    strerror(errno));
		rc = 3;
	}
	fclose(fp);
	free(line);
	if (rc == 0 && check(p, path, err, errlen) != NULL)
		return p;
	profile_free(p);
	return NULL;
}

struct profile *
profile_load(const char *path, char *err, size_t errlen)
{
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "config-error: cannot read profile %s: "
		    "%s", path, strerror(errno));
		return NULL;
	}
	return load(fp, path, err, errlen);
}

struct profile *
profile_load_mem(const void *buf, size_t len, const char *name, char *err,
    size_t errlen)
{
	FILE *fp = fmemopen(len > 0 ? (void *)buf : (void *)"", len, "r");

	if (fp == NULL) {
		snprintf(err, errlen, "config-error: cannot read profile %s: "
		    "%s", name, strerror(errno));
		return NULL;
	}
	return load(fp, name, err, errlen);
}
