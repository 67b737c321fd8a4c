/* validate -- check a data drop against a schema: one report line per problem.
 *
 * Reads CSV (any dialect lib/csvin reads) or a vb record stream and checks it
 * against a small line-based schema file (vb-validate(1)): the header against
 * the declared fields and match policy, every cell against its type, pattern,
 * enumeration, code list, range and length, and the table against its primary
 * key, unique fields and duplicate rows.  Writes a record stream
 *	source line row field_number field code severity message value
 * (or, with --json, one JSON document) with one entry per problem, in input
 * order.  Codes are those of QUALITY.md section 2.3.  Messages never quote a
 * value; the value column holds a short excerpt, a mask for fields declared
 * personal=quasi and nothing for personal fields.  Exit 0 when valid, 1 when
 * not (or unreadable), 2 for usage and schema errors.  The schema file is
 * parsed by lib/vschema.  With --profile it checks a source profile of
 * incidents.sh instead (lib/profile) and writes it as records
 *	key value
 * one per known key; exit 1 when the profile is bad. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <regex.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "msg.h"
#include "opt.h"
#include "profile.h"
#include "progress.h"
#include "rec.h"
#include "vschema.h"

#define EXCERPT_MAX	40

enum severity { S_INFO, S_WARNING, S_ERROR, S_FATAL };

static const char *const sev_names[] = { "info", "warning", "error", "fatal" };

struct opts {
	const char	*schema;
	const char	*profile;	/* --profile: check this instead */
	const char	*refdir;
	struct csv_dialect d;
	bool		 delim_set, enc_set, skip_set, lazy_set;
	bool		 records, csv;
	bool		 json;
	bool		 strict;
	bool		 progress;
	unsigned long	 max_errors;
};

struct codecount {
	const char	*code;
	unsigned long	 n;
};

/* The report of one input. */
struct report {
	const char	*source;
	struct rec_writer *w;		/* TSV report, or NULL with --json */
	bool		 json;
	unsigned long	 max_errors;
	unsigned long	 listed;	/* problem entries written */
	unsigned long	 errors, warnings;
	bool		 partial, fatal;
	struct codecount *cc;
	size_t		 ncc;
	bool		 first_json;
};

enum { OPT_SKIP = 256, OPT_LAZY, OPT_RECORDS, OPT_CSV, OPT_JSON,
	OPT_MAXERR, OPT_STRICT, OPT_REFDIR, OPT_PROGRESS, OPT_VERSION,
	OPT_PROFILE, OPT_MAXREC };

static const struct option longopts[] = {
	{ "csv", no_argument, NULL, OPT_CSV },
	{ "delimiter", required_argument, NULL, 'd' },
	{ "encoding", required_argument, NULL, 'e' },
	{ "help", no_argument, NULL, 'h' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "lazy-quotes", no_argument, NULL, OPT_LAZY },
	{ "max-errors", required_argument, NULL, OPT_MAXERR },
	{ "max-record-bytes", required_argument, NULL, OPT_MAXREC },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "records", no_argument, NULL, OPT_RECORDS },
	{ "ref-dir", required_argument, NULL, OPT_REFDIR },
	{ "schema", required_argument, NULL, 's' },
	{ "skip-lines", required_argument, NULL, OPT_SKIP },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static noreturn void
usage(int status)
{
	FILE *fp = status == 0 ? stdout : stderr;

	fprintf(fp, "usage: %s [-h] [--csv | --records] [-d delim] "
	    "[-e encoding] [--json]\n"
	    "          [--lazy-quotes] [--max-errors n] [--max-record-bytes n]\n"
	    "          [--progress] [--ref-dir dir] [--skip-lines n] [--strict] "
	    "-s schema\n          [file ...]\n",
	    progname);
	if (status == 0)
		fprintf(fp, "       %s --profile file\n", progname);
	if (status == 0)
		fputs("\nChecks CSV or vb records against a schema and "
		    "reports one line per problem\n(source line row "
		    "field_number field code severity message value).\n"
		    "Exit 0 valid, 1 invalid, 2 usage or schema error.  "
		    "Unique, primary-key and\nduplicate-row checks keep one "
		    "key per row: memory O(rows).\n--profile checks a source "
		    "profile of incidents.sh and prints it as key/value\n"
		    "records (exit 1 when it is bad).  See vb-validate(1).\n",
		    fp);
	exit(status);
}

/* --- key sets: unique values, primary keys, rows ------------------------- */

/* A set of keys (tuples of fields) with one number per key: open
 * addressing over FNV-1a hashes of the length-prefixed fields, every key
 * copied once.  Memory grows with the keys. */
struct keyset {
	char		**key;		/* slot -> encoded key, NULL: empty */
	size_t		*klen;
	unsigned long	*val;
	uint64_t	*hash;
	size_t		 cap, n;
	char		*buf;		/* scratch for encoding */
	size_t		 bufcap;
};

static struct keyset *
keyset_new(void)
{
	struct keyset *k = xcalloc(1, sizeof(*k));

	k->cap = 1024;
	k->key = xcalloc(k->cap, sizeof(*k->key));
	k->klen = xcalloc(k->cap, sizeof(*k->klen));
	k->val = xcalloc(k->cap, sizeof(*k->val));
	k->hash = xcalloc(k->cap, sizeof(*k->hash));
	return k;
}

static void
keyset_free(struct keyset *k)
{
	size_t i;

	if (k == NULL)
		return;
	for (i = 0; i < k->cap; i++)
		free(k->key[i]);
	free(k->key);
	free(k->klen);
	free(k->val);
	free(k->hash);
	free(k->buf);
	free(k);
}

/* Encode f[0..nf-1] into k->buf (length-prefixed, so that field boundaries
 * count); its length. */
static size_t
keyset_encode(struct keyset *k, const struct field *f, size_t nf)
{
	size_t i, n = 0, need = 0;

	for (i = 0; i < nf; i++)
		need += sizeof(size_t) + f[i].len;
	if (need > k->bufcap) {
		k->bufcap = need * 2;
		k->buf = xrealloc(k->buf, k->bufcap);
	}
	for (i = 0; i < nf; i++) {
		memcpy(k->buf + n, &f[i].len, sizeof(size_t));
		n += sizeof(size_t);
		if (f[i].len > 0)
			memcpy(k->buf + n, f[i].p, f[i].len);
		n += f[i].len;
	}
	return n;
}

static uint64_t
fnv1a(const char *p, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* The slot of the encoded key in k->buf (n bytes, hash h): its own or the
 * empty one where it would go. */
static size_t
keyset_slot(const struct keyset *k, size_t n, uint64_t h)
{
	size_t i = (size_t)h & (k->cap - 1);

	while (k->key[i] != NULL && (k->hash[i] != h || k->klen[i] != n ||
	    memcmp(k->key[i], k->buf, n) != 0))
		i = (i + 1) & (k->cap - 1);
	return i;
}

static void
keyset_grow(struct keyset *k)
{
	struct keyset old = *k;
	size_t i, j;

	k->cap *= 2;
	k->key = xcalloc(k->cap, sizeof(*k->key));
	k->klen = xcalloc(k->cap, sizeof(*k->klen));
	k->val = xcalloc(k->cap, sizeof(*k->val));
	k->hash = xcalloc(k->cap, sizeof(*k->hash));
	for (i = 0; i < old.cap; i++) {
		if (old.key[i] == NULL)
			continue;
		j = (size_t)old.hash[i] & (k->cap - 1);
		while (k->key[j] != NULL)
			j = (j + 1) & (k->cap - 1);
		k->key[j] = old.key[i];
		k->klen[j] = old.klen[i];
		k->val[j] = old.val[i];
		k->hash[j] = old.hash[i];
	}
	free(old.key);
	free(old.klen);
	free(old.val);
	free(old.hash);
}

/* The number of key f[0..nf-1], adding the key with number 0 when absent
 * (*added says so). */
static unsigned long *
keyset_get(struct keyset *k, const struct field *f, size_t nf, bool *added)
{
	size_t n, i;
	uint64_t h;

	if (2 * (k->n + 1) > k->cap)
		keyset_grow(k);
	n = keyset_encode(k, f, nf);
	h = fnv1a(k->buf, n);
	i = keyset_slot(k, n, h);
	*added = k->key[i] == NULL;
	if (*added) {
		k->key[i] = xmalloc(n + 1);
		memcpy(k->key[i], k->buf, n);
		k->klen[i] = n;
		k->hash[i] = h;
		k->val[i] = 0;
		k->n++;
	}
	return &k->val[i];
}

/* --- the report ---------------------------------------------------------- */

static void
json_str(const char *p, size_t len)
{
	size_t i;

	putchar('"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c == '\r')
			fputs("\\r", stdout);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void
count_code(struct report *rp, const char *code)
{
	size_t i;

	for (i = 0; i < rp->ncc; i++)
		if (strcmp(rp->cc[i].code, code) == 0) {
			rp->cc[i].n++;
			return;
		}
	rp->cc = xrealloc(rp->cc, (rp->ncc + 1) * sizeof(*rp->cc));
	rp->cc[rp->ncc].code = xstrdup(code);
	rp->cc[rp->ncc++].n = 1;
}

static int
cc_cmp(const void *a, const void *b)
{
	return strcmp(((const struct codecount *)a)->code,
	    ((const struct codecount *)b)->code);
}

/* A value as the report may show it: personal fields never. */
static const char *
excerpt(const struct vschema_field *f, struct field v, char *buf, size_t size)
{
	size_t i, n;

	if (f == NULL || v.p == NULL || f->personal == VS_PERSONAL_DIRECT)
		return "";
	n = v.len < EXCERPT_MAX ? v.len : EXCERPT_MAX;
	if (n >= size - 4)
		n = size - 4;
	if (f->personal == VS_PERSONAL_QUASI) {
		for (i = 0; i < n; i++) {
			unsigned char c = (unsigned char)v.p[i];

			buf[i] = isdigit(c) ? '9' : isalpha(c) ? 'A' :
			    c == ' ' ? ' ' : c < 0x80 ? '?' : 'A';
		}
	} else {
		memcpy(buf, v.p, n);
		/* Do not cut a UTF-8 sequence in two. */
		while (n < v.len && n > 0 &&
		    ((unsigned char)v.p[n] & 0xc0) == 0x80)
			n--;
	}
	buf[n] = '\0';
	if (n < v.len)
		strcat(buf, "...");
	return buf;
}

/* Report one problem; row 0 / line 0 / fieldno 0 mean "not applicable". */
static void VB_PRINTF(9, 10)
problem(struct report *rp, unsigned long line, unsigned long row,
    size_t fieldno, const char *field, const char *code, enum severity sev,
    const char *value, const char *fmt, ...)
{
	char msg[512], lb[24], rb[24], fb[24];
	va_list ap;

	count_code(rp, code);
	if (sev >= S_ERROR)
		rp->errors++;
	else if (sev == S_WARNING)
		rp->warnings++;
	else
		return;
	if (sev == S_FATAL)
		rp->fatal = true;
	if (rp->max_errors > 0 && rp->listed >= rp->max_errors) {
		rp->partial = true;
		return;
	}
	rp->listed++;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(lb, sizeof(lb), "%lu", line);
	snprintf(rb, sizeof(rb), "%lu", row);
	snprintf(fb, sizeof(fb), "%zu", fieldno);
	if (rp->json) {
		printf("%s\n{\"line\":%s,\"row\":%s,\"field_number\":%s,"
		    "\"field\":", rp->first_json ? "" : ",",
		    line ? lb : "null", row ? rb : "null",
		    fieldno ? fb : "null");
		rp->first_json = false;
		if (field != NULL)
			json_str(field, strlen(field));
		else
			fputs("null", stdout);
		fputs(",\"code\":", stdout);
		json_str(code, strlen(code));
		printf(",\"severity\":\"%s\",\"message\":", sev_names[sev]);
		json_str(msg, strlen(msg));
		fputs(",\"value\":", stdout);
		json_str(value, strlen(value));
		putchar('}');
	} else {
		struct field out[9];

		out[0] = field_str(rp->source);
		out[1] = field_str(line ? lb : "");
		out[2] = field_str(row ? rb : "");
		out[3] = field_str(fieldno ? fb : "");
		out[4] = field_str(field ? field : "");
		out[5] = field_str(code);
		out[6] = field_str(sev_names[sev]);
		out[7] = field_str(msg);
		out[8] = field_str(value);
		rec_write(rp->w, out, 9);
	}
}

/* Split "name:line: code: text" (a csvin or rec message) into its parts. */
static void
split_errmsg(const char *msg, const char *name, unsigned long *line,
    char *code, size_t csize, const char **text)
{
	size_t n = strlen(name);
	const char *p = msg, *c;
	char *end;

	*line = 0;
	if (strncmp(p, name, n) == 0 && p[n] == ':') {
		*line = strtoul(p + n + 1, &end, 10);
		p = end;
		if (*p == ':')
			p++;
		while (*p == ' ')
			p++;
	}
	c = strstr(p, ": ");
	if (c != NULL && (size_t)(c - p) < csize &&
	    strspn(p, "abcdefghijklmnopqrstuvwxyz-/") == (size_t)(c - p)) {
		memcpy(code, p, (size_t)(c - p));
		code[c - p] = '\0';
		*text = c + 2;
	} else {
		snprintf(code, csize, "format-error");
		*text = p;
	}
}

/* --- cell checks --------------------------------------------------------- */

static const char *const known_missing[] = {
	"NULL", "null", "Null", "N/A", "n/a", "NA", "na", "nan", "NaN", "-",
	".", "x", "X", "*", "onbekend", "Onbekend", "ONBEKEND", "none",
	"None", "#N/A", NULL
};

static bool
is_known_missing(struct field v)
{
	int i;

	for (i = 0; known_missing[i] != NULL; i++)
		if (field_eq(v, known_missing[i]))
			return true;
	return false;
}

static bool
all_digits(const char *p, size_t n)
{
	size_t i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)p[i]))
			return false;
	return true;
}

/* Does v look like a number written with group separator g (1.234,
 * 12.345.678)? */
static bool
looks_grouped(struct field v, int g)
{
	const char *p = v.p, *e = v.p + v.len, *s;

	if (p < e && *p == '-')
		p++;
	s = memchr(p, g, (size_t)(e - p));
	if (s == NULL || s == p || s - p > 3 || !all_digits(p, (size_t)(s - p)))
		return false;
	while (s < e && *s == g) {
		if (e - s < 4 || !all_digits(s + 1, 3))
			return false;
		s += 4;
	}
	return s == e;
}

/* Parse v as a number under the field's decimal and group characters into
 * *d.  0 ok, 1 type error, 2 ambiguous. */
static int
parse_number(const struct vschema_field *f, struct field v, bool integer, double *d)
{
	char buf[64];
	size_t i, n = 0;
	int dec = f->decimal ? f->decimal : '.';
	bool seen_dec = false, digits = false;
	char *end;

	if (v.len == 0 || v.len >= sizeof(buf))
		return 1;
	if (f->group == 0 && f->decimal == 0 &&
	    (looks_grouped(v, '.') || (integer && looks_grouped(v, ','))))
		return 2;
	if (f->group != 0 && !looks_grouped(v, f->group) &&
	    memchr(v.p, f->group, v.len) != NULL) {
		/* a group char in the wrong place: "1.23,4" */
		const char *dp = memchr(v.p, dec, v.len);
		struct field head = { v.p, dp ? (size_t)(dp - v.p) : v.len };

		if (!looks_grouped(head, f->group))
			return 1;
	}
	for (i = 0; i < v.len; i++) {
		char c = v.p[i];

		if (c == '-' && i == 0) {
			buf[n++] = c;
		} else if (isdigit((unsigned char)c)) {
			buf[n++] = c;
			digits = true;
		} else if (f->group != 0 && c == f->group && !seen_dec) {
			continue;
		} else if (c == dec && !integer && !seen_dec && digits &&
		    i + 1 < v.len) {
			buf[n++] = '.';
			seen_dec = true;
		} else {
			return 1;
		}
	}
	if (!digits)
		return 1;
	buf[n] = '\0';
	errno = 0;
	*d = strtod(buf, &end);
	if (errno == ERANGE || *end != '\0')
		return 1;
	if (integer && (*d > (double)LONG_MAX || *d < (double)LONG_MIN))
		return 1;
	return 0;
}

static bool
leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Does v match the strptime-like format exactly (%Y %m %d %H %M %S %%, other
 * bytes literal), with a real calendar date? */
static bool
date_ok(const char *fmt, struct field v)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	const char *p = v.p, *e = v.p + v.len;
	long y = 2000, m = 1, d = 1, x;
	int w;

	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			if (p >= e || *p++ != *fmt)
				return false;
			continue;
		}
		fmt++;
		if (*fmt == '%') {
			if (p >= e || *p++ != '%')
				return false;
			continue;
		}
		if (*fmt == '\0')
			return false;
		w = *fmt == 'Y' ? 4 : 2;
		if (strchr("YmdHMS", *fmt) == NULL ||
		    e - p < w || !all_digits(p, (size_t)w))
			return false;
		x = strtol((char[5]){ p[0], p[1], w > 2 ? p[2] : 0,
		    w > 2 ? p[3] : 0, 0 }, NULL, 10);
		p += w;
		switch (*fmt) {
		case 'Y': y = x; break;
		case 'm': if (x < 1 || x > 12) return false; m = x; break;
		case 'd': if (x < 1 || x > 31) return false; d = x; break;
		case 'H': if (x > 23) return false; break;
		case 'M': case 'S': if (x > 59) return false; break;
		}
	}
	if (p != e)
		return false;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

static bool
period_ok(struct field v)
{
	const char *p = v.p;

	if (v.len != 8 || !all_digits(p, 4))
		return false;
	if (memcmp(p + 4, "JJ00", 4) == 0)
		return true;
	if (memcmp(p + 4, "MM", 2) == 0 && all_digits(p + 6, 2))
		return (p[6] == '0' && p[7] != '0') ||
		    (p[6] == '1' && p[7] <= '2');
	if (memcmp(p + 4, "KW0", 3) == 0)
		return p[7] >= '1' && p[7] <= '4';
	return false;
}

/* Length in code points. */
static long
utf8_len(struct field v)
{
	long n = 0;
	size_t i;

	for (i = 0; i < v.len; i++)
		if (((unsigned char)v.p[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/* Check one cell; report its problems.  False when the row is invalid. */
static bool
check_cell(struct report *rp, struct vschema_field *f, struct field raw,
    unsigned long line, unsigned long row)
{
	struct field v = f->trim ? field_trim(raw) : raw;
	char xb[EXCERPT_MAX + 8], sub[96], nbuf[512];
	const char *x = excerpt(f, raw, xb, sizeof(xb));
	size_t fno = (size_t)f->col + 1;
	double d;
	int rc;

	if (v.len == 0 || vschema_list_has(&f->missing, v.p, v.len)) {
		if (f->required) {
			problem(rp, line, row, fno, f->name,
			    "constraint-error/required", S_ERROR, x,
			    "field '%s' is required but missing", f->name);
			return false;
		}
		return true;
	}
	switch (f->type) {
	case VS_INTEGER:
	case VS_NUMBER:
		rc = parse_number(f, v, f->type == VS_INTEGER, &d);
		if (rc == 1 && is_known_missing(v)) {
			problem(rp, line, row, fno, f->name,
			    "undeclared-missing-value", S_ERROR, x,
			    "field '%s' holds a missing-value marker the "
			    "schema does not declare", f->name);
			return false;
		}
		if (rc == 2) {
			problem(rp, line, row, fno, f->name, "ambiguous-number",
			    S_ERROR, x, "field '%s': a group or decimal "
			    "separator that the schema does not declare",
			    f->name);
			return false;
		}
		if (rc == 1) {
			snprintf(sub, sizeof(sub), "type-error/%s",
			    vschema_type_names[f->type]);
			problem(rp, line, row, fno, f->name, sub, S_ERROR, x,
			    "field '%s' is not %s", f->name,
			    f->type == VS_INTEGER ? "an integer" : "a number");
			return false;
		}
		if (f->has_min && d < f->min) {
			problem(rp, line, row, fno, f->name,
			    "constraint-error/minimum", S_ERROR, x,
			    "field '%s' is below its minimum %s", f->name,
			    field_fmt_double(nbuf, f->min, 9).p);
			return false;
		}
		if (f->has_max && d > f->max) {
			problem(rp, line, row, fno, f->name,
			    "constraint-error/maximum", S_ERROR, x,
			    "field '%s' is above its maximum %s", f->name,
			    field_fmt_double(nbuf, f->max, 9).p);
			return false;
		}
		break;
	case VS_DATE:
		if (!date_ok(f->format, v) && is_known_missing(v)) {
			problem(rp, line, row, fno, f->name,
			    "undeclared-missing-value", S_ERROR, x,
			    "field '%s' holds a missing-value marker the "
			    "schema does not declare", f->name);
			return false;
		}
		if (!date_ok(f->format, v)) {
			snprintf(sub, sizeof(sub), "type-error/date/%s",
			    f->format);
			problem(rp, line, row, fno, f->name, sub, S_ERROR, x,
			    "field '%s' is not a date in the form %s",
			    f->name, f->format);
			return false;
		}
		break;
	case VS_PERIOD:
		if (!period_ok(v)) {
			problem(rp, line, row, fno, f->name,
			    "type-error/period", S_ERROR, x, "field '%s' is "
			    "not a CBS period code (YYYYJJ00, YYYYMMnn, "
			    "YYYYKWnn)", f->name);
			return false;
		}
		break;
	case VS_STRING:
	case VS_CODE:
		break;
	}
	if (f->pattern != NULL) {
		char *tmp = v.len < sizeof(nbuf) ? nbuf : xmalloc(v.len + 1);
		bool ok;

		memcpy(tmp, v.p, v.len);
		tmp[v.len] = '\0';
		ok = regexec(&f->re, tmp, 0, NULL, 0) == 0;
		if (tmp != nbuf)
			free(tmp);
		if (!ok) {
			problem(rp, line, row, fno, f->name,
			    "constraint-error/pattern", S_ERROR, x,
			    "field '%s' does not match its pattern", f->name);
			return false;
		}
	}
	if (f->enumv.n > 0 && !vschema_list_has(&f->enumv, v.p, v.len)) {
		problem(rp, line, row, fno, f->name, "constraint-error/enum",
		    S_ERROR, x, "field '%s' is not one of the %zu allowed "
		    "values", f->name, f->enumv.n);
		return false;
	}
	if (f->minlen >= 0 && utf8_len(v) < f->minlen) {
		problem(rp, line, row, fno, f->name,
		    "constraint-error/minLength", S_ERROR, x, "field '%s' is "
		    "shorter than %ld characters", f->name, f->minlen);
		return false;
	}
	if (f->maxlen >= 0 && utf8_len(v) > f->maxlen) {
		problem(rp, line, row, fno, f->name,
		    "constraint-error/maxLength", S_ERROR, x, "field '%s' is "
		    "longer than %ld characters", f->name, f->maxlen);
		return false;
	}
	if (f->codes != NULL) {
		unsigned long times = vschema_code_count(f, v.p, v.len);

		if (times == 0) {
			problem(rp, line, row, fno, f->name, "foreign-key",
			    S_ERROR, x, "field '%s' is not in its code list",
			    f->name);
			return false;
		}
		if (times > 1) {
			problem(rp, line, row, fno, f->name,
			    "foreign-key/ambiguous", S_ERROR, x, "field '%s': "
			    "the code is listed %lu times in its code list",
			    f->name, times);
			return false;
		}
	}
	return true;
}

/* Record key k (nk fields) for row in set t; the row where it was first
 * seen, or 0. */
static unsigned long
seen_before(struct keyset *t, const struct field *k, size_t nk,
    unsigned long row)
{
	bool added;
	unsigned long *first = keyset_get(t, k, nk, &added);

	if (added)
		*first = row;
	return added ? 0 : *first;
}

/* --- one input ----------------------------------------------------------- */

struct tablestate {
	struct keyset	*pk, *rows;
	struct field	*key;
	struct keyset	**seen;		/* per field: unique (value: first
					   row) */
	struct vschema_field *extra;	/* the undeclared columns */
	size_t		 nextra;
};

/* Match the header to the schema (sets the fields' columns) and report
 * header problems. */
static void
check_header(struct report *rp, struct vschema *s, struct tablestate *ts,
    const struct schema *h, unsigned long hline)
{
	size_t i, j, nh = 0, matched = 0;
	size_t *hpos = xcalloc(h->ncols + 1, sizeof(*hpos));

	/* Provenance columns of a record stream are not data labels. */
	for (i = 0; i < h->ncols; i++)
		if (h->name[i][0] != '_')
			hpos[nh++] = i;
	for (j = 0; j < s->nf; j++) {
		s->f[j].col = schema_col(h, s->f[j].name);
		if (s->f[j].col >= 0)
			matched++;
	}
	/* Undeclared columns get the checks of the 'other' line (shallow
	 * copies: the template owns names, patterns and lists). */
	if (s->other != NULL) {
		ts->extra = xcalloc(nh + 1, sizeof(*ts->extra));
		for (i = 0; i < nh; i++) {
			for (j = 0; j < s->nf; j++)
				if (s->f[j].col == (int)hpos[i])
					break;
			if (j < s->nf)
				continue;
			ts->extra[ts->nextra] = *s->other;
			ts->extra[ts->nextra].name = (char *)h->name[hpos[i]];
			ts->extra[ts->nextra++].col = (int)hpos[i];
		}
	}
	switch (s->match) {
	case VS_MATCH_EXACT:
		for (i = 0; i < nh || i < s->nf; i++) {
			if (i >= s->nf) {
				problem(rp, hline, 0, hpos[i] + 1,
				    h->name[hpos[i]], "extra-label", S_ERROR,
				    h->name[hpos[i]], "column %zu is not in "
				    "the schema", hpos[i] + 1);
			} else if (i >= nh) {
				problem(rp, hline, 0, 0, s->f[i].name,
				    "missing-label", S_ERROR, "", "the header "
				    "lacks field '%s'", s->f[i].name);
			} else if (strcmp(h->name[hpos[i]], s->f[i].name)
			    != 0) {
				problem(rp, hline, 0, hpos[i] + 1,
				    s->f[i].name, "incorrect-label", S_ERROR,
				    h->name[hpos[i]], "column %zu should be "
				    "'%s'", hpos[i] + 1, s->f[i].name);
			}
		}
		break;
	case VS_MATCH_EQUAL:
	case VS_MATCH_SUBSET:
	case VS_MATCH_SUPERSET:
		if (s->match != VS_MATCH_SUBSET)
			for (j = 0; j < s->nf; j++)
				if (s->f[j].col < 0)
					problem(rp, hline, 0, 0, s->f[j].name,
					    "missing-label", S_ERROR, "",
					    "the header lacks field '%s'",
					    s->f[j].name);
		if (s->match != VS_MATCH_SUPERSET)
			for (i = 0; i < nh; i++) {
				for (j = 0; j < s->nf; j++)
					if (strcmp(s->f[j].name,
					    h->name[hpos[i]]) == 0)
						break;
				if (j == s->nf)
					problem(rp, hline, 0, hpos[i] + 1,
					    h->name[hpos[i]], "extra-label",
					    S_ERROR, h->name[hpos[i]],
					    "column %zu is not in the schema",
					    hpos[i] + 1);
			}
		break;
	case VS_MATCH_PARTIAL:
		if (matched == 0)
			problem(rp, hline, 0, 0, NULL, "unmatched-header",
			    S_ERROR, "", "no column of the header is a "
			    "field of the schema");
		break;
	}
	free(hpos);
}

static void
check_row(struct report *rp, struct vschema *s, struct tablestate *ts,
    const struct field *cells, size_t ncells, unsigned long line,
    unsigned long row, bool *invalid)
{
	size_t j;
	unsigned long first;

	for (j = 0; j < s->nf; j++) {
		struct vschema_field *f = &s->f[j];
		struct field v;

		if (f->col < 0 || (size_t)f->col >= ncells)
			continue;
		if (!check_cell(rp, f, cells[f->col], line, row)) {
			*invalid = true;
			continue;
		}
		if (!f->unique)
			continue;
		v = f->trim ? field_trim(cells[f->col]) : cells[f->col];
		if (v.len == 0)
			continue;
		if (ts->seen[j] == NULL)
			ts->seen[j] = keyset_new();
		first = seen_before(ts->seen[j], &v, 1, row);
		if (first != 0) {
			problem(rp, line, row, (size_t)f->col + 1, f->name,
			    "unique-error", S_ERROR, "", "field '%s' repeats "
			    "the value of row %lu", f->name, first);
			*invalid = true;
		}
	}
	for (j = 0; j < ts->nextra; j++)
		if ((size_t)ts->extra[j].col < ncells &&
		    !check_cell(rp, &ts->extra[j], cells[ts->extra[j].col], line,
		    row))
			*invalid = true;
	if (s->npk > 0) {
		bool complete = true;

		for (j = 0; j < s->npk; j++) {
			const struct vschema_field *f = &s->f[s->pk[j]];

			if (f->col < 0 || (size_t)f->col >= ncells) {
				complete = false;
				break;
			}
			ts->key[j] = f->trim ? field_trim(cells[f->col]) :
			    cells[f->col];
		}
		if (complete && (first = seen_before(ts->pk, ts->key, s->npk,
		    row)) != 0) {
			problem(rp, line, row, 0, s->f[s->pk[0]].name,
			    "primary-key", S_ERROR, "", "the primary key "
			    "repeats that of row %lu", first);
			*invalid = true;
		}
	}
	if (s->unique_rows && ts->rows != NULL &&
	    (first = seen_before(ts->rows, cells, ncells, row)) != 0) {
		problem(rp, line, row, 0, NULL, "duplicate-row", S_ERROR, "",
		    "the row repeats row %lu", first);
		*invalid = true;
	}
}

/* Did reading fail on the header itself (so that it cannot be matched)? */
static bool
header_bad(const struct schema *h, const char *code, unsigned long line,
    unsigned long hline)
{
	size_t i;

	if (h == NULL || h->ncols == 0 || line <= hline ||
	    strcmp(code, "blank-header") == 0 ||
	    strcmp(code, "blank-label") == 0 ||
	    strcmp(code, "duplicate-label") == 0 ||
	    strcmp(code, "empty-source") == 0)
		return true;
	for (i = 0; i < h->ncols; i++)
		if (h->name[i] == NULL)
			return true;
	return false;
}

/* Validate one input; returns true when it is valid. */
static bool
validate(const char *path, struct vschema *s, const struct opts *o,
    struct report *rp)
{
	struct tablestate ts = { 0 };
	struct csvin *cin = NULL;
	struct rec_reader *rin = NULL;
	const struct schema *h;
	struct progress *pg;
	struct csv_row cr;
	struct record rr;
	char code[64];
	const char *text, *name;
	unsigned long nrows = 0, ninvalid = 0, line = 0, hline;
	size_t j;
	int rc, lcol = -1;
	bool records = o->records || (s->records && !o->csv);
	struct csv_dialect d = s->d;

	if (o->delim_set)
		d.delim = o->d.delim;
	if (o->enc_set)
		d.encoding = o->d.encoding;
	if (o->skip_set)
		d.skip_lines = o->d.skip_lines;
	if (o->lazy_set)
		d.lazy_quotes = true;
	rp->source = strcmp(path, "-") == 0 ? "<stdin>" : path;
	if (records)
		rin = rec_open(path);
	else
		cin = csvin_open(path, &d);
	if (rin == NULL && cin == NULL) {
		problem(rp, 0, 0, 0, NULL, "source-missing", S_FATAL, "",
		    "cannot open: %s", strerror(errno));
		goto done;
	}
	name = records ? rec_name(rin) : csvin_name(cin);
	pg = progress_start(name, o->progress);
	rc = records ? rec_read(rin, &rr) : csvin_read(cin, &cr);
	h = records ? rec_schema(rin) : csvin_schema(cin);
	hline = records ? 1 : d.skip_lines + 1;
	if (rc < 0)
		split_errmsg(records ? rec_errmsg(rin) : csvin_errmsg(cin),
		    name, &line, code, sizeof(code), &text);
	if (rc < 0 && header_bad(h, code, line, hline)) {
		/* The header itself is bad (or the file is empty). */
		problem(rp, line, 0, 0, NULL, code,
		    strcmp(code, "empty-source") == 0 && !o->strict ?
		    S_WARNING : S_FATAL, "", "%s", text);
		progress_end(pg);
		goto done;
	}
	check_header(rp, s, &ts, h, hline);
	ts.seen = xcalloc(s->nf, sizeof(*ts.seen));
	if (records)
		lcol = schema_col(h, "_line");
	ts.key = xcalloc(s->npk + 1, sizeof(*ts.key));
	if (s->npk > 0)
		ts.pk = keyset_new();
	if (s->unique_rows)
		ts.rows = keyset_new();
	for (; rc == 1; rc = records ? rec_read(rin, &rr) :
	    csvin_read(cin, &cr)) {
		bool invalid = false;
		long l;

		nrows++;
		if (records) {
			progress_tick(pg, nrows, rec_bytes(rin), rec_size(rin));
			line = rr.line;
			if (lcol >= 0 && field_long(rr.f[lcol], &l) && l > 0)
				line = (unsigned long)l;
			check_row(rp, s, &ts, rr.f, rr.nf, line, nrows,
			    &invalid);
		} else {
			progress_tick(pg, nrows, csvin_bytes(cin),
			    csvin_size(cin));
			if (cr.code != NULL) {
				problem(rp, cr.line, cr.row, 0, NULL, cr.code,
				    S_ERROR, "", "%s", cr.msg);
				invalid = true;
			} else {
				check_row(rp, s, &ts, cr.f, cr.nf, cr.line,
				    cr.row, &invalid);
			}
		}
		if (invalid)
			ninvalid++;
	}
	progress_end(pg);
	if (rc < 0) {
		split_errmsg(records ? rec_errmsg(rin) : csvin_errmsg(cin),
		    name, &line, code, sizeof(code), &text);
		problem(rp, line, nrows + 1, 0, NULL, code, S_FATAL, "",
		    "%s; the rest of the file is not checked", text);
	} else if (nrows == 0) {
		problem(rp, hline, 0, 0, NULL, "empty-source",
		    o->strict ? S_ERROR : S_WARNING, "", "no records");
	}
	if (cin != NULL) {
		if (csvin_bom(cin))
			problem(rp, 1, 0, 0, NULL, "bom-stripped", S_INFO, "",
			    "BOM");
		if (csvin_blank_lines(cin) > 0)
			problem(rp, 0, 0, 0, NULL, "blank-row",
			    o->strict ? S_ERROR : S_WARNING, "",
			    "%lu blank lines skipped; they are not records",
			    csvin_blank_lines(cin));
		if (csvin_mixed_endings(cin))
			problem(rp, 0, 0, 0, NULL, "line-ending-mixed",
			    o->strict ? S_ERROR : S_WARNING, "",
			    "both LF and CRLF line ends");
	}
done:
	if (rp->partial) {
		/* The truncation itself is always listed. */
		unsigned long keep = rp->max_errors;

		rp->max_errors = 0;
		problem(rp, 0, 0, 0, NULL, "error-limit-reached", S_WARNING,
		    "", "report truncated after %lu problems (--max-errors)",
		    keep);
		rp->warnings--;
		rp->max_errors = keep;
	}
	if (cin != NULL && csvin_close(cin) != 0)
		rp->fatal = true;
	if (rin != NULL && rec_close(rin) != 0)
		rp->fatal = true;
	keyset_free(ts.pk);
	keyset_free(ts.rows);
	free(ts.key);
	for (j = 0; ts.seen != NULL && j < s->nf; j++)
		keyset_free(ts.seen[j]);
	free(ts.seen);
	free(ts.extra);
	{
		bool valid = rp->errors == 0;
		const char *st = valid ? "OK" : "DATA_ERROR";
		size_t i;

		if (rp->ncc > 1)
			qsort(rp->cc, rp->ncc, sizeof(*rp->cc), cc_cmp);
		if (rp->json) {
			printf("%s],\"source\":", rp->first_json ? "" : "\n");
			json_str(rp->source, strlen(rp->source));
			printf(",\"valid\":%s,\"partial\":%s,\"rows\":%lu,"
			    "\"rows_valid\":%lu,\"rows_invalid\":%lu,"
			    "\"errors\":%lu,\"warnings\":%lu,\"fatal\":%s,"
			    "\"codes\":{", valid ? "true" : "false",
			    rp->partial ? "true" : "false", nrows,
			    nrows - ninvalid, ninvalid, rp->errors,
			    rp->warnings, rp->fatal ? "true" : "false");
			for (i = 0; i < rp->ncc; i++) {
				printf("%s", i ? "," : "");
				json_str(rp->cc[i].code,
				    strlen(rp->cc[i].code));
				printf(":%lu", rp->cc[i].n);
			}
			printf("}}");
		}
		fprintf(stderr, "%s: %s: read %lu, kept %lu, rejected %lu; "
		    "status=%s warnings=%lu errors=%lu fatal=%d partial=%d "
		    "codes=", progname, rp->source, nrows, nrows - ninvalid,
		    ninvalid, st, rp->warnings, rp->errors, rp->fatal ? 1 : 0,
		    rp->partial ? 1 : 0);
		for (i = 0; i < rp->ncc; i++)
			fprintf(stderr, "%s%s:%lu", i ? "," : "",
			    rp->cc[i].code, rp->cc[i].n);
		fprintf(stderr, "%s\n", rp->ncc ? "" : "-");
		for (i = 0; i < rp->ncc; i++)
			free((char *)rp->cc[i].code);
		free(rp->cc);
		return valid;
	}
}

/* --profile: check the profile and print it as records "key value", one
 * per known key in the fixed order (value empty when not given). */
static int
print_profile(const char *path)
{
	static const char *cols[] = { "key", "value" };
	struct profile *p;
	struct schema *sc;
	struct rec_writer *w;
	struct field out[2];
	char err[8192];
	int i;

	if ((p = profile_load(path, err, sizeof(err))) == NULL)
		die(1, "%s", err);
	sc = schema_new(cols, 2);
	w = rec_wopen(stdout, sc);
	for (i = 0; i < PROFILE_NKEYS; i++) {
		out[0] = field_str(profile_keys[i]);
		out[1] = field_str(profile_get(p, profile_keys[i]));
		rec_write(w, out, 2);
	}
	if (rec_wclose(w) != 0)
		die_errno(1, "io-error: write error");
	schema_free(sc);
	profile_free(p);
	msg_close_stdout();
	return 0;
}

int
main(int argc, char *argv[])
{
	struct opts o = { .max_errors = 1000 };
	struct vschema *s;
	struct rec_writer *w = NULL;
	struct schema *osc = NULL;
	static const char *cols[] = { "source", "line", "row", "field_number",
	    "field", "code", "severity", "message", "value" };
	static const char *stdin_only[] = { "-" };
	const char **paths;
	char err[8192];
	int ch, n, i, x;
	bool valid = true, partial = false;

	msg_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "d:e:hs:", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'd':
			if ((x = csv_delim_name(optarg)) < 0)
				die(2, "usage-error: -d wants one of , ; | "
				    "tab, not '%s'", optarg);
			o.d.delim = x;
			o.delim_set = true;
			break;
		case 'e':
			if ((x = csv_encoding_name(optarg)) < 0)
				die(2, "usage-error: unknown encoding '%s' "
				    "(utf-8, cp1252, latin1)", optarg);
			o.d.encoding = (enum csv_encoding)x;
			o.enc_set = true;
			break;
		case 'h':
			usage(0);
		case 's':
			o.schema = optarg;
			break;
		case OPT_SKIP:
			o.d.skip_lines = opt_ulong(optarg, "--skip-lines");
			o.skip_set = true;
			break;
		case OPT_LAZY:
			o.lazy_set = true;
			break;
		case OPT_RECORDS:
			o.records = true;
			break;
		case OPT_CSV:
			o.csv = true;
			break;
		case OPT_JSON:
			o.json = true;
			break;
		case OPT_MAXREC:
			rec_set_max_record(opt_ulong(optarg,
			    "--max-record-bytes"));
			break;
		case OPT_MAXERR:
			o.max_errors = opt_ulong(optarg, "--max-errors");
			break;
		case OPT_STRICT:
			o.strict = true;
			break;
		case OPT_REFDIR:
			o.refdir = optarg;
			break;
		case OPT_PROGRESS:
			o.progress = true;
			break;
		case OPT_PROFILE:
			o.profile = optarg;
			break;
		case OPT_VERSION:
			printf("vb-validate %s\n", VB_VERSION);
			return 0;
		default:
			usage(2);
		}
	}
	if (o.profile != NULL) {
		if (o.schema != NULL || optind < argc)
			die(2, "usage-error: --profile takes no schema and no "
			    "file");
		return print_profile(o.profile);
	}
	if (o.schema == NULL) {
		warnmsg("usage-error: -s schema is required");
		usage(2);
	}
	if (o.records && o.csv)
		die(2, "usage-error: --csv and --records exclude each other");
	if ((s = vschema_load(o.schema, o.refdir, err, sizeof(err))) == NULL)
		die(2, "%s", err);
	n = argc - optind;
	paths = (const char **)argv + optind;
	if (n == 0) {
		paths = stdin_only;
		n = 1;
	}
	if (o.json) {
		fputs("{\"schema\":", stdout);
		json_str(o.schema, strlen(o.schema));
		fputs(",\"tables\":[", stdout);
	} else {
		osc = schema_new(cols, 9);
		w = rec_wopen(stdout, osc);
	}
	for (i = 0; i < n; i++) {
		struct report rp = { .w = w, .json = o.json,
		    .max_errors = o.max_errors, .first_json = true };

		if (o.json)
			printf("%s\n{\"problems\":[", i ? "," : "");
		if (!validate(paths[i], s, &o, &rp))
			valid = false;
		partial |= rp.partial;
	}
	if (o.json)
		printf("\n],\"valid\":%s,\"partial\":%s}\n",
		    valid ? "true" : "false", partial ? "true" : "false");
	if (w != NULL && rec_wclose(w) != 0)
		die_errno(1, "io-error: write error");
	schema_free(osc);
	msg_close_stdout();
	vschema_free(s);
	return valid ? 0 : 1;
}
