/* ivm -- the Veiligheidsmonitor reader: indicator table, DataProperties and
 * the StatLine and flat layouts of a Veiligheidsmonitor record stream, read
 * into parts (see ivm.h).  Reads the stream's dimension columns (Marges
 * RegioS Perioden, or period area indicator value margin lower upper n under
 * any accepted name), its indicator columns and the provenance columns
 * _line and _file; writes nothing. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "ivm.h"
#include "msg.h"

const char *const ivm_cell_name[] = { "", "missing", "secret",
	"suppressed" };

struct ivm_props {
	char		**key, **title;	/* title normalised */
	size_t		 n;
};

/* The largest number of respondents: every whole number up to it is exact
 * in a double. */
#define IVM_MAX_N	9007199254740992

/* Flat layout columns, by any of their accepted names. */
enum { FL_PERIOD, FL_AREA, FL_IND, FL_VALUE, FL_MARGIN, FL_LOWER, FL_UPPER,
	FL_N, NFL };
static const char *const flat_names[NFL] = {
	"period,jaar,perioden,year",
	"area,gebied,regios,wijk,regio",
	"indicator",
	"value,waarde",
	"margin,marge",
	"lower,ondergrens",
	"upper,bovengrens",
	"n,respondenten,aantal respondenten",
};

struct ivm {
	const struct ivm_table *t;
	const struct ivm_props *pp;	/* or NULL */
	int		 decimal;	/* 0: by layout */
	struct ivm_warn	 w;
	struct rec_reader *in;
	const struct schema *sc;
	char		*err;		/* the last error, or NULL */
	bool		 ready;		/* ivm_begin succeeded */
	bool		 statline;
	int		*col2ind;	/* StatLine: indicator of a column */
	int		 mcol, rcol, pcol;
	int		 fc[NFL];	/* flat: column of each role or -1 */
	int		 line_col, file_col;
	unsigned long	 row;
	struct intern	*areas;
	struct intern	*keys;		/* row keys seen (primary-key) */
	struct ivm_part	*parts;
	size_t		 nparts, cap;
};

char *
ivm_norm_name(const char *s, size_t len)
{
	char *o = xmalloc(len + 1), *q = o;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isalnum(c))
			*q++ = (char)tolower(c);
		else if (c >= 0x80)
			*q++ = (char)c;
	}
	*q = '\0';
	return o;
}

int
ivm_parse_year(struct field f)
{
	long y;
	char buf[8];

	f = field_trim(f);
	if (f.len == 8 && memcmp(f.p + 4, "JJ00", 4) == 0)
		f.len = 4;
	if (f.len != 4)
		return -1;
	memcpy(buf, f.p, 4);
	buf[4] = '\0';
	if (strspn(buf, "0123456789") != 4 ||
	    !field_long(field_str(buf), &y) || y < 1900)
		return -1;
	return (int)y;
}

/* A message of any length, for ivm_errmsg and the warnings. */
static char *
vfmt(const char *fmt, va_list ap)
{
	va_list aq;
	char *s;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	s = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	if (n < 0)
		s[0] = '\0';
	else
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

static int VB_PRINTF(2, 3)
fail(struct ivm *s, const char *fmt, ...)
{
	va_list ap;

	free(s->err);
	va_start(ap, fmt);
	s->err = vfmt(fmt, ap);
	va_end(ap);
	return -1;
}

static void VB_PRINTF(4, 5)
warn(struct ivm *s, const char *src, unsigned long line, const char *fmt,
    ...)
{
	va_list ap;
	char *m;

	if (s->w.fn == NULL)
		return;
	va_start(ap, fmt);
	m = vfmt(fmt, ap);
	va_end(ap);
	s->w.fn(s->w.arg, src, line, "schema-drift", m);
	free(m);
}

/* --- Indicator table -------------------------------------------------- */

static char *
tcol(const struct record *r, int col)
{
	if (col < 0)
		return xstrdup("");
	return xstrdup(r->f[col].p);
}

void
ivm_table_free(struct ivm_table *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->ind[i].id);
		free(t->ind[i].stem);
		free(t->ind[i].title);
		free(t->ind[i].aliases);
		free(t->ind[i].unit);
		free(t->ind[i].direction);
		free(t->ind[i].theme);
		free(t->ind[i].breaks);
	}
	free(t->ind);
	free(t);
}

/* One row into d (zeroed, already counted in t->n so that
 * ivm_table_free frees what it holds).  false with the message in err. */
static bool
table_row(struct ivm_table *t, struct ivm_indicator *d,
    const struct record *r, const int *col, int acol, const char *path,
    char *err, size_t errlen)
{
	const char *p;
	size_t i;
	long y;

	if (r->f[col[0]].len == 0) {
		snprintf(err, errlen, "%s:%lu: config-error: empty indicator "
		    "id", path, r->line);
		return false;
	}
	for (i = 0; i + 1 < t->n; i++)
		if (field_eq(r->f[col[0]], t->ind[i].id)) {
			snprintf(err, errlen, "%s:%lu: config-error: indicator "
			    "'%s' given twice", path, r->line, t->ind[i].id);
			return false;
		}
	d->id = tcol(r, col[0]);
	d->stem = ivm_norm_name(r->f[col[1]].p, r->f[col[1]].len);
	d->title = ivm_norm_name(r->f[col[2]].p, r->f[col[2]].len);
	d->unit = tcol(r, col[3]);
	d->direction = tcol(r, col[4]);
	d->theme = tcol(r, col[5]);
	if (acol >= 0) {
		/* Normalise each alias, keeping the '|' between. */
		char *a = xmalloc(r->f[acol].len + 1), *q = a;

		for (p = r->f[acol].p; *p != '\0'; p++) {
			unsigned char c = (unsigned char)*p;

			if (c == '|')
				*q++ = '|';
			else if (isalnum(c))
				*q++ = (char)tolower(c);
			else if (c >= 0x80)
				*q++ = (char)c;
		}
		*q = '\0';
		d->aliases = a;
	}
	if (*d->stem == '\0' || *d->unit == '\0') {
		snprintf(err, errlen, "%s:%lu: config-error: indicator '%s' "
		    "needs a stem and a unit", path, r->line, d->id);
		return false;
	}
	if (strcmp(d->direction, "") != 0 && strcmp(d->direction, "0") != 0 &&
	    strcmp(d->direction, "1") != 0) {
		snprintf(err, errlen, "%s:%lu: config-error: direction is 1 "
		    "(higher is better), 0 or empty", path, r->line);
		return false;
	}
	if (strcmp(d->unit, "n") == 0) {
		if (t->respondents >= 0) {
			snprintf(err, errlen, "%s:%lu: config-error: two rows "
			    "with unit n", path, r->line);
			return false;
		}
		t->respondents = (int)(t->n - 1);
	}
	for (p = r->f[col[6]].p; *p != '\0';) {
		const char *c = strchr(p, ',');
		struct field f = { p, c ? (size_t)(c - p) : strlen(p) };

		if (!field_long(field_trim(f), &y) || y < 1900 || y > 2999) {
			snprintf(err, errlen, "%s:%lu: config-error: breaks "
			    "wants years separated by commas", path, r->line);
			return false;
		}
		d->breaks = xrealloc(d->breaks, (d->nbreaks + 1) *
		    sizeof(*d->breaks));
		d->breaks[d->nbreaks++] = (int)y;
		p = c ? c + 1 : p + f.len;
	}
	return true;
}

static struct ivm_table *
table_read(struct rec_reader *in, const char *path, char *err, size_t errlen)
{
	static const char *const need[] = { "indicator", "stem", "title",
		"unit", "direction", "theme", "breaks" };
	struct ivm_table *t = xcalloc(1, sizeof(*t));
	const struct schema *sc = rec_schema(in);
	struct record r;
	int col[7], acol, rc;
	size_t i;

	t->respondents = -1;
	for (i = 0; i < 7; i++)
		if (sc->ncols > 0 && (col[i] = schema_col(sc, need[i])) < 0) {
			snprintf(err, errlen, "%s:1: config-error: no column "
			    "'%s'", path, need[i]);
			goto fail;
		}
	acol = schema_col(sc, "aliases");
	while ((rc = rec_read(in, &r)) == 1) {
		struct ivm_indicator *d;

		t->ind = xrealloc(t->ind, (t->n + 1) * sizeof(*t->ind));
		d = &t->ind[t->n++];
		memset(d, 0, sizeof(*d));
		if (!table_row(t, d, &r, col, acol, path, err, errlen))
			goto fail;
	}
	if (rc < 0) {
		snprintf(err, errlen, "config-error: %s", rec_errmsg(in));
		goto fail;
	}
	if (t->n == 0) {
		snprintf(err, errlen, "%s:1: config-error: no indicators",
		    path);
		goto fail;
	}
	rec_close(in);
	return t;
fail:
	rec_close(in);
	ivm_table_free(t);
	return NULL;
}

struct ivm_table *
ivm_table_load(const char *path, char *err, size_t errlen)
{
	struct rec_reader *in;

	if ((in = rec_open(path)) == NULL) {
		snprintf(err, errlen, "config-error: %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	return table_read(in, path, err, errlen);
}

struct ivm_table *
ivm_table_load_mem(const void *buf, size_t len, const char *name, char *err,
    size_t errlen)
{
	struct rec_reader *in;

	if ((in = rec_open_mem(buf, len, name)) == NULL) {
		snprintf(err, errlen, "config-error: %s: %s", name,
		    strerror(errno));
		return NULL;
	}
	return table_read(in, name, err, errlen);
}

static bool
alias_match(const char *aliases, const char *name)
{
	const char *p = aliases, *c;
	size_t n = strlen(name);

	if (aliases == NULL || n == 0)
		return false;
	for (;;) {
		c = strchr(p, '|');
		if (c == NULL)
			c = p + strlen(p);
		if ((size_t)(c - p) == n && memcmp(p, name, n) == 0)
			return true;
		if (*c == '\0')
			return false;
		p = c + 1;
	}
}

/* Indicators whose title (or alias, or id) equals the normalised name: the
 * index when exactly one, -1 when none, -2 when several. */
static int
table_by_title(const struct ivm_table *t, const char *nname)
{
	size_t i;
	int hit = -1;

	for (i = 0; i < t->n; i++) {
		char *nid = ivm_norm_name(t->ind[i].id, strlen(t->ind[i].id));
		bool m = strcmp(t->ind[i].title, nname) == 0 ||
		    alias_match(t->ind[i].aliases, nname) ||
		    strcmp(nid, nname) == 0;

		free(nid);
		if (!m)
			continue;
		if (hit >= 0)
			return -2;
		hit = (int)i;
	}
	return hit;
}

static int
table_by_stem(const struct ivm_table *t, const char *nstem)
{
	size_t i;
	int hit = -1;

	for (i = 0; i < t->n; i++) {
		if (strcmp(t->ind[i].stem, nstem) != 0)
			continue;
		if (hit >= 0)
			return -2;
		hit = (int)i;
	}
	return hit;
}

void
ivm_series(const struct ivm_indicator *d, int y, char *buf, size_t len)
{
	int lo = 0, hi = 0;
	size_t i;

	for (i = 0; i < d->nbreaks; i++) {
		if (d->breaks[i] <= y && d->breaks[i] > lo)
			lo = d->breaks[i];
		if (d->breaks[i] > y && (hi == 0 || d->breaks[i] < hi))
			hi = d->breaks[i];
	}
	if (d->nbreaks == 0)
		buf[0] = '\0';
	else if (lo == 0)
		snprintf(buf, len, "-%d", hi - 1);
	else if (hi == 0)
		snprintf(buf, len, "%d-", lo);
	else
		snprintf(buf, len, "%d-%d", lo, hi - 1);
}

/* --- DataProperties ---------------------------------------------------- */

void
ivm_props_free(struct ivm_props *pp)
{
	size_t i;

	if (pp == NULL)
		return;
	for (i = 0; i < pp->n; i++) {
		free(pp->key[i]);
		free(pp->title[i]);
	}
	free(pp->key);
	free(pp->title);
	free(pp);
}

static struct ivm_props *
props_read(struct csvin *in, const char *path, char *err, size_t errlen)
{
	struct ivm_props *pp = xcalloc(1, sizeof(*pp));
	struct csv_row r;
	int kc, tc, rc;

	if ((rc = csvin_read(in, &r)) < 0) {
		snprintf(err, errlen, "config-error: %s", csvin_errmsg(in));
		goto fail;
	}
	kc = schema_col(csvin_schema(in), "Key");
	tc = schema_col(csvin_schema(in), "Title");
	if (kc < 0 || tc < 0) {
		snprintf(err, errlen, "%s:1: config-error: DataProperties "
		    "needs the columns Key and Title", path);
		goto fail;
	}
	for (; rc == 1; rc = csvin_read(in, &r)) {
		struct field k, ti;

		if (r.code != NULL) {
			snprintf(err, errlen, "%s:%lu: config-error: %s", path,
			    r.line, r.msg);
			goto fail;
		}
		k = field_trim(r.f[kc]);
		ti = field_trim(r.f[tc]);
		pp->key = xrealloc(pp->key, (pp->n + 1) * sizeof(char *));
		pp->title = xrealloc(pp->title, (pp->n + 1) * sizeof(char *));
		pp->key[pp->n] = xmalloc(k.len + 1);
		memcpy(pp->key[pp->n], k.p, k.len);
		pp->key[pp->n][k.len] = '\0';
		pp->title[pp->n] = ivm_norm_name(ti.p, ti.len);
		pp->n++;
	}
	if (rc < 0) {
		snprintf(err, errlen, "config-error: %s", csvin_errmsg(in));
		goto fail;
	}
	csvin_close(in);
	return pp;
fail:
	csvin_close(in);
	ivm_props_free(pp);
	return NULL;
}

struct ivm_props *
ivm_props_load(const char *path, char *err, size_t errlen)
{
	struct csv_dialect d = { 0 };
	struct csvin *in;

	if ((in = csvin_open(path, &d)) == NULL) {
		snprintf(err, errlen, "config-error: %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	return props_read(in, path, err, errlen);
}

struct ivm_props *
ivm_props_load_mem(const void *buf, size_t len, const char *name, char *err,
    size_t errlen)
{
	struct csv_dialect d = { 0 };
	struct csvin *in;

	if ((in = csvin_open_mem(buf, len, name, &d)) == NULL) {
		snprintf(err, errlen, "config-error: %s: %s", name,
		    strerror(errno));
		return NULL;
	}
	return props_read(in, name, err, errlen);
}

static const char *
props_title(const struct ivm_props *pp, const char *key)
{
	size_t i;

	for (i = 0; i < pp->n; i++)
		if (strcmp(pp->key[i], key) == 0)
			return pp->title[i];
	return NULL;
}

/* --- Value cells -------------------------------------------------------- */

/* Parse a published value with decimal character dec.  Returns 1 with *v
 * and *st for a number or symbol, 0 for something else.  Empty, '.' =
 * missing, 'x' = secret, '-' = nil (0). */
static int
parse_cell(struct field f, int dec, double *v, enum ivm_cell *st)
{
	char buf[64];
	size_t i;

	f = field_trim(f);
	*v = NAN;
	*st = IVM_OK;
	if (f.len == 0 || (f.len == 1 && f.p[0] == '.')) {
		*st = IVM_MISSING;
		return 1;
	}
	if (f.len == 1 && (f.p[0] == 'x' || f.p[0] == 'X')) {
		*st = IVM_SECRET;
		return 1;
	}
	if (f.len == 1 && f.p[0] == '-') {
		*v = 0;
		return 1;
	}
	if (f.len >= sizeof(buf))
		return 0;
	for (i = 0; i < f.len; i++) {
		char c = f.p[i];

		/* The other separator is never reinterpreted (QUALITY V1). */
		if ((c == '.' || c == ',') && c != dec)
			return 0;
		buf[i] = c == ',' ? '.' : c;
	}
	return field_double((struct field){ buf, f.len }, v) ? 1 : 0;
}

/* --- The stream --------------------------------------------------------- */

struct ivm *
ivm_new(const struct ivm_table *t, const struct ivm_props *pp, int decimal,
    const struct ivm_warn *w)
{
	struct ivm *s = xcalloc(1, sizeof(*s));

	s->t = t;
	s->pp = pp;
	s->decimal = decimal;
	if (w != NULL)
		s->w = *w;
	s->areas = intern_new();
	s->keys = intern_new();
	return s;
}

void
ivm_free(struct ivm *s)
{
	if (s == NULL)
		return;
	free(s->err);
	free(s->col2ind);
	free(s->parts);
	intern_free(s->areas);
	intern_free(s->keys);
	free(s);
}

const char *
ivm_errmsg(const struct ivm *s)
{
	return s->err != NULL ? s->err : "";
}

bool
ivm_statline(const struct ivm *s)
{
	return s->statline;
}

struct ivm_part *
ivm_parts(struct ivm *s, size_t *n)
{
	*n = s->nparts;
	return s->parts;
}

const struct intern *
ivm_areas(const struct ivm *s)
{
	return s->areas;
}

static void
add_part(struct ivm *s, int year, uint32_t area, int ind, int marge,
    double v, enum ivm_cell st)
{
	if (s->nparts == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->parts = xrealloc(s->parts, s->cap * sizeof(*s->parts));
	}
	s->parts[s->nparts++] = (struct ivm_part){ year, area, ind, marge, v,
	    st };
}

/* True when key (NUL-free bytes) was seen before; remembers it. */
static bool
seen_key(struct intern *keys, const char *k, size_t len)
{
	uint32_t before = intern_count(keys);

	return intern_id(keys, k, len) < before;
}

static bool
fld_eq_ci(struct field f, const char *s)
{
	size_t n = strlen(s), i;

	if (f.len != n)
		return false;
	for (i = 0; i < n; i++)
		if (tolower((unsigned char)f.p[i]) !=
		    tolower((unsigned char)s[i]))
			return false;
	return true;
}

/* The first column from column from on that has one of the names of role
 * which, or -1. */
static int
flat_col(const struct schema *sc, int which, size_t from)
{
	size_t c;
	const char *p;

	for (c = from; c < sc->ncols; c++) {
		struct field f = field_str(sc->name[c]);

		for (p = flat_names[which];;) {
			const char *e = strchr(p, ',');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			char nm[32];

			snprintf(nm, sizeof(nm), "%.*s", (int)n, p);
			if (fld_eq_ci(f, nm))
				return (int)c;
			if (e == NULL)
				break;
			p = e + 1;
		}
	}
	return -1;
}

/* Resolve the indicator columns of a StatLine header into col2ind. */
static int
resolve_statline(struct ivm *s, const char *src)
{
	const struct schema *sc = s->sc;
	size_t c, d, nres = 0;

	for (c = 0; c < sc->ncols; c++) {
		const char *k = sc->name[c], *us = strrchr(k, '_');
		const char *ptitle;
		char *stem;
		int hit = -1;

		s->col2ind[c] = -1;
		if (strcmp(k, "ID") == 0 || strcmp(k, "Marges") == 0 ||
		    strcmp(k, "RegioS") == 0 || strcmp(k, "Perioden") == 0 ||
		    k[0] == '_')
			continue;
		if (us == NULL || us == k || us[1] == '\0' ||
		    strspn(us + 1, "0123456789") != strlen(us + 1)) {
			warn(s, src, 1, "column '%s' is no dimension and no "
			    "<Name>_<n> key; ignored", k);
			continue;
		}
		ptitle = s->pp != NULL ? props_title(s->pp, k) : NULL;
		if (ptitle != NULL)
			hit = table_by_title(s->t, ptitle);
		if (hit == -2)
			return fail(s, "%s:1: config-error: column '%s': its "
			    "Title matches several indicators", src, k);
		if (hit < 0) {
			stem = ivm_norm_name(k, (size_t)(us - k));
			hit = table_by_stem(s->t, stem);
			free(stem);
			if (hit == -2)
				return fail(s, "%s:1: config-error: column "
				    "'%s': its stem fits several indicators; "
				    "give --properties with its Title", src,
				    k);
		}
		if (hit < 0) {
			warn(s, src, 1, "column '%s' is not in the indicator "
			    "table; ignored", k);
			continue;
		}
		for (d = 0; d < c; d++)
			if (s->col2ind[d] == hit)
				return fail(s, "%s:1: config-error: columns "
				    "'%s' and '%s' are both indicator '%s'",
				    src, sc->name[d], k, s->t->ind[hit].id);
		s->col2ind[c] = hit;
		nres++;
	}
	if (nres == 0)
		return fail(s, "%s:1: config-error: no column resolves to an "
		    "indicator of the table", src);
	return 0;
}

int
ivm_begin(struct ivm *s, struct rec_reader *in)
{
	const char *name = rec_name(in);
	struct record r;
	int k;

	s->in = in;
	s->sc = rec_schema(in);
	if (s->sc->ncols == 0 && rec_read(in, &r) < 0)
		return fail(s, "%s", rec_errmsg(in));
	s->line_col = schema_col(s->sc, "_line");
	s->file_col = schema_col(s->sc, "_file");
	s->statline = schema_col(s->sc, "Marges") >= 0;
	if (s->statline) {
		s->mcol = schema_col(s->sc, "Marges");
		s->rcol = schema_col(s->sc, "RegioS");
		s->pcol = schema_col(s->sc, "Perioden");
		if (s->rcol < 0 || s->pcol < 0)
			return fail(s, "%s:1: missing-label: the StatLine "
			    "layout needs RegioS and Perioden", name);
		s->col2ind = xcalloc(s->sc->ncols, sizeof(*s->col2ind));
		if (resolve_statline(s, name) != 0)
			return -1;
		s->ready = true;
		return 0;
	}
	for (k = 0; k < NFL; k++) {
		int dup;

		s->fc[k] = flat_col(s->sc, k, 0);
		/* Two names of one role: which one holds the data depends on
		 * the column order (corpus/ivm/crash-flat-two-period-names). */
		if (s->fc[k] >= 0 && (dup = flat_col(s->sc, k,
		    (size_t)s->fc[k] + 1)) >= 0)
			return fail(s, "%s:1: duplicate-label: columns '%s' "
			    "and '%s' are both the flat layout's %.*s column",
			    name, s->sc->name[s->fc[k]], s->sc->name[dup],
			    (int)strcspn(flat_names[k], ","), flat_names[k]);
	}
	if (s->fc[FL_PERIOD] < 0 || s->fc[FL_AREA] < 0 || s->fc[FL_IND] < 0 ||
	    s->fc[FL_VALUE] < 0)
		return fail(s, "%s:1: missing-label: neither the StatLine "
		    "layout (Marges RegioS Perioden) nor the flat one (period "
		    "area indicator value)", name);
	s->ready = true;
	return 0;
}

static int VB_PRINTF(4, 5)
reject(struct ivm_reject *rj, const char *field, const char *code,
    const char *fmt, ...)
{
	va_list ap;

	rj->field = field;
	rj->code = code;
	va_start(ap, fmt);
	vsnprintf(rj->msg, sizeof(rj->msg), fmt, ap);
	va_end(ap);
	return 2;
}

/* One StatLine row: 1 kept, 2 rejected. */
static int
statline_row(struct ivm *s, const struct record *r, struct ivm_reject *rj)
{
	static const char *const mcode[] = { "MW00000", "MOG0095", "MBG0095" };
	const struct schema *sc = s->sc;
	struct field m = field_trim(r->f[s->mcol]);
	struct field reg = field_trim(r->f[s->rcol]);
	char key[128];
	double v;
	enum ivm_cell st;
	uint32_t area;
	size_t c;
	int marge, year, dec = s->decimal ? s->decimal : '.';
	int kl;

	for (marge = 0; marge < 3; marge++)
		if (field_eq(m, mcode[marge]))
			break;
	if (marge == 3)
		return reject(rj, "Marges", "constraint-error/enum", "Marges "
		    "is not MW00000, MOG0095 or MBG0095");
	if ((year = ivm_parse_year(r->f[s->pcol])) < 0)
		return reject(rj, "Perioden", "type-error/period", "period is "
		    "not YYYY or YYYYJJ00");
	if (reg.len == 0 || reg.len > 64)
		return reject(rj, "RegioS", "constraint-error/required", "no "
		    "region code");
	for (c = 0; c < sc->ncols; c++) {
		if (s->col2ind[c] < 0)
			continue;
		if (!parse_cell(r->f[c], dec, &v, &st))
			return reject(rj, sc->name[c], "type-error/number",
			    "not a number with decimal '%c' nor a CBS symbol",
			    dec);
	}
	/* A count of respondents becomes a long when the cells are joined
	 * (corpus/ivm/crash-fractional-respondents).  Checked after every
	 * cell has parsed, so that the code does not depend on the column
	 * order (corpus/ivm/crash-two-bad-cells). */
	for (c = 0; c < sc->ncols; c++) {
		if (s->col2ind[c] < 0 || s->col2ind[c] != s->t->respondents)
			continue;
		parse_cell(r->f[c], dec, &v, &st);
		if (st == IVM_OK && (v < 0 || v != floor(v)))
			return reject(rj, sc->name[c], "type-error/integer",
			    "n is not a whole number");
		if (st == IVM_OK && v > IVM_MAX_N)
			return reject(rj, sc->name[c],
			    "constraint-error/maximum", "n is larger than "
			    "2^53");
	}
	kl = snprintf(key, sizeof(key), "%d\037%.*s\037%d", marge,
	    (int)reg.len, reg.p, year);
	if (seen_key(s->keys, key, (size_t)kl))
		return reject(rj, NULL, "primary-key", "the same Marges, "
		    "RegioS and Perioden as an earlier row");
	area = intern_id(s->areas, reg.p, reg.len);
	for (c = 0; c < sc->ncols; c++) {
		if (s->col2ind[c] < 0)
			continue;
		parse_cell(r->f[c], dec, &v, &st);
		add_part(s, year, area, s->col2ind[c], marge, v, st);
	}
	return 1;
}

/* One flat row: 1 kept, 2 rejected. */
static int
flat_row(struct ivm *s, const struct record *r, struct ivm_reject *rj)
{
	const struct schema *sc = s->sc;
	const int *fc = s->fc;
	struct field reg = field_trim(r->f[fc[FL_AREA]]);
	struct field fi = field_trim(r->f[fc[FL_IND]]);
	double v[NFL];
	enum ivm_cell st[NFL];
	char key[512], *nn;
	uint32_t area;
	long n = -1;
	int year, ind, kl, dec = s->decimal ? s->decimal : ',';
	int k;

	if ((year = ivm_parse_year(r->f[fc[FL_PERIOD]])) < 0)
		return reject(rj, sc->name[fc[FL_PERIOD]], "type-error/period",
		    "period is not YYYY or YYYYJJ00");
	if (reg.len == 0 || reg.len > 64)
		return reject(rj, sc->name[fc[FL_AREA]],
		    "constraint-error/required", "no area code");
	nn = ivm_norm_name(fi.p, fi.len);
	ind = table_by_title(s->t, nn);
	if (ind < 0)
		ind = table_by_stem(s->t, nn);
	free(nn);
	if (ind < 0 || ind == s->t->respondents)
		return reject(rj, sc->name[fc[FL_IND]], ind == -2 ?
		    "foreign-key/ambiguous" : "foreign-key", "indicator name "
		    "not in the indicator table");
	for (k = FL_VALUE; k <= FL_UPPER; k++) {
		v[k] = NAN;
		st[k] = IVM_MISSING;
		if (fc[k] >= 0 && !parse_cell(r->f[fc[k]], dec, &v[k], &st[k]))
			return reject(rj, sc->name[fc[k]], "type-error/number",
			    "not a number with decimal '%c' nor a CBS symbol",
			    dec);
	}
	if (fc[FL_N] >= 0 && r->f[fc[FL_N]].len > 0 &&
	    (!field_long(field_trim(r->f[fc[FL_N]]), &n) || n < 0))
		return reject(rj, sc->name[fc[FL_N]], "type-error/integer",
		    "n is not a whole number");
	if (n > IVM_MAX_N)
		return reject(rj, sc->name[fc[FL_N]],
		    "constraint-error/maximum", "n is larger than 2^53");
	kl = snprintf(key, sizeof(key), "%d\037%.*s\037%d", year,
	    (int)reg.len, reg.p, ind);
	if (seen_key(s->keys, key, (size_t)kl))
		return reject(rj, NULL, "primary-key", "the same period, area "
		    "and indicator as an earlier row");
	area = intern_id(s->areas, reg.p, reg.len);
	add_part(s, year, area, ind, IVM_VALUE, v[FL_VALUE], st[FL_VALUE]);
	if (fc[FL_LOWER] >= 0 && st[FL_LOWER] == IVM_OK)
		add_part(s, year, area, ind, IVM_LOWER, v[FL_LOWER], IVM_OK);
	if (fc[FL_UPPER] >= 0 && st[FL_UPPER] == IVM_OK)
		add_part(s, year, area, ind, IVM_UPPER, v[FL_UPPER], IVM_OK);
	if (fc[FL_MARGIN] >= 0 && st[FL_MARGIN] == IVM_OK)
		add_part(s, year, area, ind, IVM_HALF, v[FL_MARGIN], IVM_OK);
	/* n of this cell: it differs between indicators when respondents
	 * skip a question. */
	if (n >= 0)
		add_part(s, year, area, ind, IVM_N, (double)n, IVM_OK);
	return 1;
}

int
ivm_read(struct ivm *s, struct ivm_reject *rj)
{
	struct record r;
	long v;
	int rc;

	if (!s->ready)
		return fail(s, "internal-error: ivm_read before a successful "
		    "ivm_begin");
	if ((rc = rec_read(s->in, &r)) != 1) {
		if (rc < 0)
			fail(s, "%s", rec_errmsg(s->in));
		return rc;
	}
	s->row++;
	rj->row = s->row;
	rj->line = r.line;
	if (s->line_col >= 0 && field_long(r.f[s->line_col], &v) && v > 0)
		rj->line = (unsigned long)v;
	rj->source = rec_name(s->in);
	if (s->file_col >= 0 && r.f[s->file_col].len > 0)
		rj->source = r.f[s->file_col].p;
	rj->field = rj->code = NULL;
	rj->msg[0] = '\0';
	return s->statline ? statline_row(s, &r, rj) : flat_row(s, &r, rj);
}
