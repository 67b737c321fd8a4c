/* vschema -- parse, print and free the schema files of vb-validate(1).
 *
 * The parser reads one line at a time and stops at the first error, which
 * it writes as "path:line: config-error: why" into the caller's buffer; the
 * partly built schema is freed.  Code lists are read with lib/rec into a
 * one-key hashtab that counts how often each (trimmed) code is listed. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <regex.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hashtab.h"
#include "msg.h"
#include "rec.h"
#include "vschema.h"

/* Bounds of minlen, maxlen and skip-lines: any double in here converts to
 * long exactly enough and without overflow. */
#define VS_INT_MAX	1e18

const char *const vschema_type_names[] = {
	"string", "integer", "number", "date", "code", "period"
};
static const char *const match_names[] = {
	"exact", "equal", "subset", "superset", "partial"
};
#define NTYPES	(sizeof(vschema_type_names) / sizeof(vschema_type_names[0]))
#define NMATCH	(sizeof(match_names) / sizeof(match_names[0]))

/* The state of one load. */
struct parse {
	const char	*path;
	const char	*base;		/* code lists are relative to it */
	unsigned long	 line;
	char		*err;
	size_t		 errlen;
};

/* Write "path:line: config-error: why" into p->err; false. */
static bool VB_PRINTF(2, 3)
fail(struct parse *p, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(p->err, p->errlen, "%s:%lu: config-error: ", p->path,
	    p->line);
	if (n < 0 || (size_t)n >= p->errlen)
		return false;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

static void
list_split(struct vschema_list *l, const char *s)
{
	const char *p = s, *c;

	for (;;) {
		c = strchr(p, ',');
		if (c == NULL)
			c = p + strlen(p);
		l->s = xrealloc(l->s, (l->n + 1) * sizeof(*l->s));
		l->s[l->n] = xmalloc((size_t)(c - p) + 1);
		memcpy(l->s[l->n], p, (size_t)(c - p));
		l->s[l->n++][c - p] = '\0';
		if (*c == '\0')
			break;
		p = c + 1;
	}
}

bool
vschema_list_has(const struct vschema_list *l, const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strlen(l->s[i]) == len && memcmp(l->s[i], p, len) == 0)
			return true;
	return false;
}

static void
list_free(struct vschema_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->s[i]);
	free(l->s);
	l->s = NULL;
	l->n = 0;
}

unsigned long
vschema_code_count(const struct vschema_field *f, const char *p, size_t len)
{
	struct field k = { p, len };
	uint32_t id = hashtab_find(f->codes, &k, hashtab_hash(f->codes, &k));

	return id == UINT32_MAX ? 0 :
	    *(const unsigned long *)hashtab_value(f->codes, id);
}

/* The directory part of path ("." when none), owned by the caller. */
static char *
dir_of(const char *path)
{
	const char *s = strrchr(path, '/');
	char *d;

	if (s == NULL)
		return xstrdup(".");
	d = xmalloc((size_t)(s - path) + 1);
	memcpy(d, path, (size_t)(s - path));
	d[s - path] = '\0';
	return d[0] == '\0' ? (free(d), xstrdup("/")) : d;
}

/* Load the column of the record stream a spec FILE:COLUMN names into f's
 * code list (replacing an earlier one). */
static bool
load_codes(struct parse *p, struct vschema_field *f, const char *spec)
{
	const char *colon = strrchr(spec, ':');
	struct rec_reader *in;
	struct record r;
	struct field k;
	char *file, *path;
	int col, rc;
	bool added, ok = true;
	uint32_t id;

	if (colon == NULL || colon == spec || colon[1] == '\0')
		return fail(p, "codes wants FILE:COLUMN");
	file = xmalloc((size_t)(colon - spec) + 1);
	memcpy(file, spec, (size_t)(colon - spec));
	file[colon - spec] = '\0';
	if (file[0] == '/') {
		path = file;
	} else {
		path = xmalloc(strlen(p->base) + strlen(file) + 2);
		sprintf(path, "%s/%s", p->base, file);
		free(file);
	}
	if ((in = rec_open(path)) == NULL) {
		fail(p, "cannot read code list %s: %s", path, strerror(errno));
		free(path);
		return false;
	}
	if ((col = schema_col(rec_schema(in), colon + 1)) < 0) {
		fail(p, "code list %s has no column '%s'", path, colon + 1);
		rec_close(in);
		free(path);
		return false;
	}
	if (f->codes != NULL)
		hashtab_free(f->codes);
	free(f->codes_spec);
	f->codes = hashtab_new(1, sizeof(unsigned long));
	f->codes_spec = xstrdup(spec);
	while ((rc = rec_read(in, &r)) == 1) {
		k = field_trim(r.f[col]);
		if (k.len == 0)
			continue;
		id = hashtab_get(f->codes, &k, hashtab_hash(f->codes, &k),
		    &added);
		(*(unsigned long *)hashtab_value(f->codes, id))++;
	}
	if (rc < 0)
		ok = fail(p, "code list: %s", rec_errmsg(in));
	rec_close(in);
	free(path);
	return ok;
}

/* v as a number into *d; key names the attribute in the message. */
static bool
parse_num(struct parse *p, const char *v, const char *key, double *d)
{
	if (!field_double(field_str(v), d))
		return fail(p, "%s wants a number", key);
	return true;
}

/* v as a whole count (minlen, maxlen, skip-lines) into *n. */
static bool
parse_count(struct parse *p, const char *v, const char *key, double lo,
    long *n)
{
	double d;

	if (!parse_num(p, v, key, &d))
		return false;
	if (d < lo || d > VS_INT_MAX)
		return fail(p, "%s is out of range", key);
	*n = (long)d;
	return true;
}

/* Bounds of a pattern.  glibc's regcomp copies a group once per repetition
 * it allows (a{3} is aaa; a+ is aa*), recurses once per nesting level, and
 * takes time and memory far beyond the pattern's size when a repeat applies
 * to what can match the empty string: "(a?){99}{99}" takes gigabytes,
 * "((()*){10}){10}" minutes.  Such patterns are refused (POSIX leaves
 * adjacent repeats like "a**" undefined anyway), as are those past these
 * sizes. */
#define VS_PATTERN_COST		10000.0	/* positions after expansion */
#define VS_PATTERN_DEPTH	33	/* nested groups: 32 and the ^(...)$ */

/* The bounds of an interval "{m}", "{m,}", "{m,n}", "{,n}" at *pp (just
 * past the '{'): *lo, and the upper one as the result (for "{m,}": m + 1,
 * what regcomp copies), moving *pp past the '}'; -1 when it is none (then
 * the brace is a literal and *pp stays). */
static double
interval_bound(const char **pp, double *lo)
{
	const char *p = *pp;
	double m = 0, n = -1;
	bool comma = false, digits = false;

	for (; *p >= '0' && *p <= '9'; p++, digits = true)
		m = m * 10 + (*p - '0');
	if (*p == ',') {
		comma = true;
		p++;
		if (*p >= '0' && *p <= '9')
			for (n = 0; *p >= '0' && *p <= '9'; p++, digits = true)
				n = n * 10 + (*p - '0');
	}
	if (*p != '}' || !digits)
		return -1;
	*pp = p + 1;
	*lo = m;
	if (!comma)
		return m;
	return n < 0 ? m + 1 : (n > m ? n : m);
}

/* The positions of the alternatives at *pp once repetitions are expanded,
 * up to the ')' that ends them (or the end); *nullable: they can match the
 * empty string.  HUGE_VAL for a pattern to refuse.  depth: groups around. */
static double
pattern_cost(const char **pp, int depth, bool *nullable)
{
	const char *p = *pp, *q;
	double total = 0, atom, b, lo;
	bool alt_null = true, an;

	*nullable = false;
	while (*p != '\0' && !(*p == ')' && depth > 0)) {
		if (*p == '|') {
			*nullable |= alt_null;
			alt_null = true;
			p++;
			continue;
		}
		atom = 1;
		an = false;
		if (*p == '(') {
			p++;
			if (depth + 1 > VS_PATTERN_DEPTH)
				return HUGE_VAL;
			atom = pattern_cost(&p, depth + 1, &an);
			if (*p == ')')
				p++;
		} else if (*p == '[') {
			/* "[]a]", "[^]a]", "[[:digit:]]" */
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			while (*p != '\0' && *p != ']') {
				if (*p == '[' && (p[1] == ':' || p[1] == '.' ||
				    p[1] == '=')) {
					const char *e = strchr(p + 2, p[1]);

					while (e != NULL && e[1] != ']')
						e = strchr(e + 1, p[1]);
					p = e != NULL ? e + 2 : p + 1;
				} else {
					p++;
				}
			}
			if (*p == ']')
				p++;
		} else if (*p == '\\' && p[1] != '\0') {
			/* anchors (\b \< ...) and back-references may
			 * match nothing */
			an = strchr("bB<>`'123456789", p[1]) != NULL;
			p += 2;
		} else {
			an = *p == '^' || *p == '$';
			p++;
		}
		for (;;) {
			if (*p == '*' || *p == '?' || *p == '+') {
				if (an)
					return HUGE_VAL;
				if (*p == '+')
					atom *= 2;
				else
					an = true;
				p++;
			} else if (*p == '{') {
				q = p + 1;
				if ((b = interval_bound(&q, &lo)) < 0)
					break;
				if (an)
					return HUGE_VAL;
				atom *= b > 1 ? b : 1;
				an = lo == 0;
				p = q;
			} else {
				break;
			}
		}
		alt_null &= an;
		total += atom;
		if (total > VS_PATTERN_COST)
			return HUGE_VAL;
	}
	*nullable |= alt_null;
	*pp = p;
	return total;
}

/* One "key=value" (or flag) attribute of a field line. */
static bool
field_attr(struct parse *p, struct vschema_field *f, char *tok)
{
	char *eq = strchr(tok, '='), *v = eq ? eq + 1 : NULL;
	int rc;

	if (eq != NULL)
		*eq = '\0';
	if (strcmp(tok, "required") == 0 && v == NULL) {
		f->required = true;
	} else if (strcmp(tok, "unique") == 0 && v == NULL) {
		f->unique = true;
	} else if (strcmp(tok, "trim") == 0 && v == NULL) {
		f->trim = true;
	} else if (strcmp(tok, "personal") == 0) {
		if (v == NULL || strcmp(v, "direct") == 0)
			f->personal = VS_PERSONAL_DIRECT;
		else if (strcmp(v, "quasi") == 0)
			f->personal = VS_PERSONAL_QUASI;
		else
			return fail(p, "personal is direct or quasi");
	} else if (v == NULL) {
		return fail(p, "unknown flag '%s'", tok);
	} else if (strcmp(tok, "pattern") == 0) {
		char *re = xmalloc(strlen(v) + 5);
		const char *cost;
		bool nullable;

		if (f->pattern != NULL) {
			regfree(&f->re);
			free(f->pattern);
			f->pattern = NULL;
		}
		/* The cost of what regcomp sees: a ')' in v may close the
		 * group around it. */
		sprintf(re, "^(%s)$", v);
		cost = re;
		if (pattern_cost(&cost, 0, &nullable) > VS_PATTERN_COST) {
			free(re);
			return fail(p, "pattern: too hard for regcomp (a "
			    "repeat of what can match nothing, as in (a?)*, "
			    "over %.0f positions once repeats are expanded, "
			    "or over %d nested groups)", VS_PATTERN_COST,
			    VS_PATTERN_DEPTH - 1);
		}
		rc = regcomp(&f->re, re, REG_EXTENDED | REG_NOSUB);
		free(re);
		if (rc != 0) {
			char buf[128];

			regerror(rc, &f->re, buf, sizeof(buf));
			return fail(p, "pattern: %s", buf);
		}
		f->pattern = xstrdup(v);
	} else if (strcmp(tok, "enum") == 0) {
		list_split(&f->enumv, v);
	} else if (strcmp(tok, "missing") == 0) {
		list_split(&f->missing, v);
	} else if (strcmp(tok, "codes") == 0) {
		return load_codes(p, f, v);
	} else if (strcmp(tok, "min") == 0) {
		if (!parse_num(p, v, tok, &f->min))
			return false;
		f->has_min = true;
	} else if (strcmp(tok, "max") == 0) {
		if (!parse_num(p, v, tok, &f->max))
			return false;
		f->has_max = true;
	} else if (strcmp(tok, "minlen") == 0) {
		return parse_count(p, v, tok, -VS_INT_MAX, &f->minlen);
	} else if (strcmp(tok, "maxlen") == 0) {
		return parse_count(p, v, tok, -VS_INT_MAX, &f->maxlen);
	} else if (strcmp(tok, "format") == 0) {
		free(f->format);
		f->format = xstrdup(v);
	} else if (strcmp(tok, "decimal") == 0 || strcmp(tok, "group") == 0) {
		if (strlen(v) != 1 || strchr(".,' ", v[0]) == NULL)
			return fail(p, "%s wants one of . , '", tok);
		if (tok[0] == 'd')
			f->decimal = v[0];
		else
			f->group = v[0];
	} else {
		return fail(p, "unknown attribute '%s'", tok);
	}
	return true;
}

static void
field_init(struct vschema_field *f, const char *name)
{
	memset(f, 0, sizeof(*f));
	f->name = xstrdup(name);
	f->minlen = f->maxlen = -1;
	f->col = -1;
	f->format = xstrdup("%Y-%m-%d");
}

static void
field_free(struct vschema_field *f)
{
	free(f->name);
	free(f->format);
	if (f->pattern != NULL)
		regfree(&f->re);
	free(f->pattern);
	list_free(&f->enumv);
	list_free(&f->missing);
	free(f->codes_spec);
	if (f->codes != NULL)
		hashtab_free(f->codes);
}

static size_t
type_index(const char *type)
{
	size_t i;

	for (i = 0; i < NTYPES; i++)
		if (strcmp(type, vschema_type_names[i]) == 0)
			break;
	return i;
}

static bool
line_field(struct parse *p, struct vschema *s, char **save)
{
	char *name = strtok_r(NULL, " \t", save);
	char *type = strtok_r(NULL, " \t", save);
	char *tok;
	struct vschema_field *f;
	size_t i, j;

	if (name == NULL || type == NULL)
		return fail(p, "field wants NAME TYPE");
	s->f = xrealloc(s->f, (s->nf + 1) * sizeof(*s->f));
	f = &s->f[s->nf++];
	field_init(f, name);
	if ((i = type_index(type)) == NTYPES)
		return fail(p, "unknown type '%s' (string, integer, number, "
		    "date, code, period)", type);
	f->type = (enum vschema_type)i;
	for (j = 0; j + 1 < s->nf; j++)
		if (strcmp(s->f[j].name, name) == 0)
			return fail(p, "field '%s' twice", name);
	while ((tok = strtok_r(NULL, " \t", save)) != NULL)
		if (!field_attr(p, f, tok))
			return false;
	return true;
}

static bool
line_other(struct parse *p, struct vschema *s, char **save)
{
	char *type = strtok_r(NULL, " \t", save);
	char *tok;
	struct vschema_field *f;
	size_t i;

	if (type == NULL || s->other != NULL)
		return fail(p, "one 'other TYPE' line");
	f = s->other = xmalloc(sizeof(*f));
	field_init(f, "(other)");
	if ((i = type_index(type)) == NTYPES)
		return fail(p, "unknown type '%s'", type);
	f->type = (enum vschema_type)i;
	while ((tok = strtok_r(NULL, " \t", save)) != NULL)
		if (!field_attr(p, f, tok))
			return false;
	if (f->unique || f->required)
		return fail(p, "other cannot be unique or required");
	return true;
}

static bool
line_dialect(struct parse *p, struct vschema *s, char **save)
{
	char *tok, *v;
	long n;
	int x;

	while ((tok = strtok_r(NULL, " \t", save)) != NULL) {
		if ((v = strchr(tok, '=')) != NULL)
			*v++ = '\0';
		if (strcmp(tok, "records") == 0 && v == NULL) {
			s->records = true;
		} else if (strcmp(tok, "csv") == 0 && v == NULL) {
			s->records = false;
		} else if (strcmp(tok, "lazy-quotes") == 0 && v == NULL) {
			s->d.lazy_quotes = true;
		} else if (strcmp(tok, "delimiter") == 0 && v != NULL &&
		    (x = csv_delim_name(v)) > 0) {
			s->d.delim = x;
		} else if (strcmp(tok, "encoding") == 0 && v != NULL &&
		    (x = csv_encoding_name(v)) >= 0) {
			s->d.encoding = (enum csv_encoding)x;
		} else if (strcmp(tok, "skip-lines") == 0 && v != NULL) {
			if (!parse_count(p, v, tok, 0, &n))
				return false;
			s->d.skip_lines = (unsigned long)n;
		} else {
			return fail(p, "bad dialect item '%s'", tok);
		}
	}
	return true;
}

static bool
line_pk(struct parse *p, struct vschema *s, char **save)
{
	struct vschema_list l = { NULL, 0 };
	char *tok;
	size_t i, j;
	bool ok = true;

	if ((tok = strtok_r(NULL, " \t", save)) == NULL)
		return fail(p, "primary-key wants a field list");
	list_split(&l, tok);
	free(s->pk);
	s->pk = xcalloc(l.n, sizeof(*s->pk));
	s->npk = 0;
	for (i = 0; i < l.n && ok; i++) {
		for (j = 0; j < s->nf; j++)
			if (strcmp(s->f[j].name, l.s[i]) == 0)
				break;
		if (j == s->nf)
			ok = fail(p, "primary-key names '%s', not a field "
			    "above", l.s[i]);
		s->pk[i] = j;
	}
	if (ok)
		s->npk = l.n;
	list_free(&l);
	return ok;
}

/* One line of the file, comments and all; false on an error. */
static bool
parse_line(struct parse *p, struct vschema *s, char *line)
{
	char *tok, *save;
	size_t i;

	/* The first '#' that starts a word starts the comment ("a#b" is a
	 * word). */
	for (tok = line; (tok = strchr(tok, '#')) != NULL; tok++)
		if (tok == line || isspace((unsigned char)tok[-1])) {
			*tok = '\0';
			break;
		}
	if ((tok = strtok_r(line, " \t", &save)) == NULL)
		return true;
	if (strcmp(tok, "field") == 0)
		return line_field(p, s, &save);
	if (strcmp(tok, "other") == 0)
		return line_other(p, s, &save);
	if (strcmp(tok, "dialect") == 0)
		return line_dialect(p, s, &save);
	if (strcmp(tok, "match") == 0) {
		tok = strtok_r(NULL, " \t", &save);
		for (i = 0; tok != NULL && i < NMATCH; i++)
			if (strcmp(tok, match_names[i]) == 0)
				break;
		if (tok == NULL || i == NMATCH)
			return fail(p, "match is exact, equal, subset, "
			    "superset or partial");
		s->match = (enum vschema_match)i;
		return true;
	}
	if (strcmp(tok, "primary-key") == 0)
		return line_pk(p, s, &save);
	if (strcmp(tok, "unique-rows") == 0) {
		s->unique_rows = true;
		return true;
	}
	return fail(p, "unknown directive '%s'", tok);
}

/* Read the schema from fp (closed here) under the name path. */
static struct vschema *
load(FILE *fp, const char *path, const char *refdir, char *err,
    size_t errlen)
{
	struct vschema *s = xcalloc(1, sizeof(*s));
	struct parse p = { path, NULL, 0, err, errlen };
	char *line = NULL, *base;
	size_t cap = 0;
	ssize_t len;
	bool ok = true;

	s->path = xstrdup(path);
	base = refdir ? xstrdup(refdir) : dir_of(path);
	p.base = base;
	while (ok && (len = getline(&line, &cap, fp)) != -1) {
		p.line++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		ok = parse_line(&p, s, line);
	}
	if (ok && ferror(fp)) {
		snprintf(err, errlen, "config-error: reading %s: %s", path,
		    strerror(errno));
		ok = false;
	}
	fclose(fp);
	free(line);
	free(base);
	if (ok && s->nf == 0)
		ok = fail(&p, "no fields");
	if (!ok) {
		vschema_free(s);
		return NULL;
	}
	return s;
}

struct vschema *
vschema_load(const char *path, const char *refdir, char *err, size_t errlen)
{
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "config-error: cannot read schema %s: %s",
		    path, strerror(errno));
		return NULL;
	}
	return load(fp, path, refdir, err, errlen);
}

struct vschema *
vschema_load_mem(const void *buf, size_t len, const char *name,
    const char *refdir, char *err, size_t errlen)
{
	FILE *fp;

	fp = fmemopen(len > 0 ? (void *)buf : (void *)"", len, "r");
	if (fp == NULL) {
		snprintf(err, errlen, "config-error: cannot read schema %s: %s",
		    name, strerror(errno));
		return NULL;
	}
	return load(fp, name, refdir, err, errlen);
}

void
vschema_free(struct vschema *s)
{
	size_t i;

	if (s == NULL)
		return;
	if (s->other != NULL) {
		field_free(s->other);
		free(s->other);
	}
	for (i = 0; i < s->nf; i++)
		field_free(&s->f[i]);
	free(s->f);
	free(s->pk);
	free(s->path);
	free(s);
}

static void
print_list(FILE *fp, const char *key, const struct vschema_list *l)
{
	size_t i;

	if (l->n == 0)
		return;
	fprintf(fp, " %s=", key);
	for (i = 0; i < l->n; i++)
		fprintf(fp, "%s%s", i ? "," : "", l->s[i]);
}

/* The attributes of f, each with a leading space. */
static void
print_attrs(FILE *fp, const struct vschema_field *f)
{
	if (f->required)
		fputs(" required", fp);
	if (f->unique)
		fputs(" unique", fp);
	if (f->trim)
		fputs(" trim", fp);
	if (f->personal != VS_PERSONAL_NONE)
		fprintf(fp, " personal=%s", f->personal == VS_PERSONAL_QUASI ?
		    "quasi" : "direct");
	if (strcmp(f->format, "%Y-%m-%d") != 0)
		fprintf(fp, " format=%s", f->format);
	if (f->pattern != NULL)
		fprintf(fp, " pattern=%s", f->pattern);
	print_list(fp, "enum", &f->enumv);
	print_list(fp, "missing", &f->missing);
	if (f->codes_spec != NULL)
		fprintf(fp, " codes=%s", f->codes_spec);
	/* %.17g gives back the same double. */
	if (f->has_min)
		fprintf(fp, " min=%.17g", f->min);
	if (f->has_max)
		fprintf(fp, " max=%.17g", f->max);
	if (f->minlen != -1)
		fprintf(fp, " minlen=%ld", f->minlen);
	if (f->maxlen != -1)
		fprintf(fp, " maxlen=%ld", f->maxlen);
	if (f->decimal != 0)
		fprintf(fp, " decimal=%c", f->decimal);
	if (f->group != 0)
		fprintf(fp, " group=%c", f->group);
}

int
vschema_print(FILE *fp, const struct vschema *s)
{
	static const char *const enc[] = { "utf-8", "cp1252", "latin1" };
	size_t i;

	fprintf(fp, "dialect %s", s->records ? "records" : "csv");
	if (s->d.lazy_quotes)
		fputs(" lazy-quotes", fp);
	if (s->d.delim == '\t')
		fputs(" delimiter=tab", fp);
	else if (s->d.delim != 0)
		fprintf(fp, " delimiter=%c", s->d.delim);
	fprintf(fp, " encoding=%s", enc[s->d.encoding]);
	if (s->d.skip_lines > 0)
		fprintf(fp, " skip-lines=%lu", s->d.skip_lines);
	fprintf(fp, "\nmatch %s\n", match_names[s->match]);
	for (i = 0; i < s->nf; i++) {
		fprintf(fp, "field %s %s", s->f[i].name,
		    vschema_type_names[s->f[i].type]);
		print_attrs(fp, &s->f[i]);
		fputc('\n', fp);
	}
	if (s->other != NULL) {
		fprintf(fp, "other %s", vschema_type_names[s->other->type]);
		print_attrs(fp, s->other);
		fputc('\n', fp);
	}
	if (s->npk > 0) {
		fputs("primary-key ", fp);
		for (i = 0; i < s->npk; i++)
			fprintf(fp, "%s%s", i ? "," : "",
			    s->f[s->pk[i]].name);
		fputc('\n', fp);
	}
	if (s->unique_rows)
		fputs("unique-rows\n", fp);
	return ferror(fp) ? -1 : 0;
}
