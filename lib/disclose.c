/* disclose -- statistical disclosure control of a count table (see
 * disclose.h and METHOD.md §9.2). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "msg.h"
#include "rec.h"

enum { LV_OTHER, LV_GEMEENTE, LV_WIJK, LV_BUURT };
enum { ST_PUB, ST_MISSING, ST_PRIMARY, ST_SECONDARY };

struct drow {
	long		 count;		/* exact; -1 when missing */
	int		 level;
	int		 cls;
	int		 state;
	const char	*sym;		/* symbol when not published */
	const char	*note;
};

static const char *const key_cols[] = {
	"period", "year", "month", "quarter", "provisional", "area", "level",
	"soort", "theme", "name", "title", "status", "population",
	"dwellings", "parent", "gemeente", "wijk", "buurt", "grp", "denom",
	"sev", "disc", "tags", "notes", "note", "indicator", "tier", NULL
};

void
disclose_defaults(struct disc_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->min_population = 200;
	o->min_dwellings = 50;
	o->threshold = 5;
	o->base = 5;
}

bool
disclose_is_key(const char *c)
{
	size_t i;

	if (c[0] == '_')
		return true;
	for (i = 0; key_cols[i] != NULL; i++)
		if (strcmp(c, key_cols[i]) == 0)
			return true;
	return false;
}

bool
disclose_is_rate(const char *c)
{
	return strstr(c, "rate") != NULL || strncmp(c, "index", 5) == 0 ||
	    strcmp(c, "lo") == 0 || strcmp(c, "hi") == 0 ||
	    strncmp(c, "ci_", 3) == 0;
}

long
disclose_round(long c, long base)
{
	long r;

	if (base <= 1 || c < 0)
		return c;
	r = c % base;
	return 2 * r < base ? c - r : c - r + base;
}

static int
strictness(int cls)
{
	return cls == 'S' ? 3 : cls == 'B' ? 2 : 1;
}

int
disclose_class(const struct table *cl, const char *soort, const char *theme)
{
	int cs, ct, cd, best = 0;
	size_t r, n;

	if (cl == NULL)
		return 'A';
	cs = table_col(cl, "soort");
	ct = table_col(cl, "theme");
	cd = table_col(cl, "disc");
	if (cd < 0)
		return 'A';
	if (soort != NULL && soort[0] != '\0' && cs >= 0) {
		for (r = 0; r < cl->nrows; r++)
			if (strcmp(table_get(cl, r, cs), soort) == 0)
				return table_get(cl, r, cd)[0] ? table_get(cl,
				    r, cd)[0] : 'A';
	}
	if (theme == NULL || theme[0] == '\0' || ct < 0)
		return 'A';
	n = strlen(theme);
	for (r = 0; r < cl->nrows; r++) {
		const char *t = table_get(cl, r, ct);
		int c = table_get(cl, r, cd)[0];

		if (strcmp(t, theme) == 0 || (strncmp(t, theme, n) == 0 &&
		    t[n] == '/'))
			if (c != 0 && (best == 0 ||
			    strictness(c) > strictness(best)))
				best = c;
	}
	return best ? best : 'A';
}

static int
level_of(const char *level, const char *area)
{
	if (strcmp(level, "buurt") == 0)
		return LV_BUURT;
	if (strcmp(level, "wijk") == 0)
		return LV_WIJK;
	if (strcmp(level, "gemeente") == 0)
		return LV_GEMEENTE;
	if (level[0] != '\0')
		return LV_OTHER;
	if (strncmp(area, "BU", 2) == 0)
		return LV_BUURT;
	if (strncmp(area, "WK", 2) == 0)
		return LV_WIJK;
	if (strncmp(area, "GM", 2) == 0)
		return LV_GEMEENTE;
	return LV_OTHER;
}

/* Where the sizes of areas come from: the row's own columns, then the
 * population table, searched through an index sorted by (area, period). */
struct sizes {
	int		 c_pop, c_dw, c_area, c_period, c_denom;
	const struct table *p;
	int		 p_area, p_period, p_pop, p_dw;
	size_t		*idx;
};

static const struct table *sizes_sort_t;
static int sizes_sort_area, sizes_sort_period;

static int
sizes_cmp(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(table_get(sizes_sort_t, i, sizes_sort_area),
	    table_get(sizes_sort_t, j, sizes_sort_area));

	if (c != 0)
		return c;
	c = strcmp(table_get(sizes_sort_t, i, sizes_sort_period),
	    table_get(sizes_sort_t, j, sizes_sort_period));
	return c != 0 ? c : (i < j ? -1 : i > j);
}

static void
sizes_init(struct sizes *z, const struct table *t, const struct table *p)
{
	size_t i;

	z->c_pop = table_col(t, "population");
	z->c_dw = table_col(t, "dwellings");
	z->c_area = table_col(t, "area");
	z->c_period = table_col(t, "period");
	z->c_denom = table_col(t, "denom");
	z->p = p;
	z->idx = NULL;
	z->p_area = z->p_period = z->p_pop = z->p_dw = -1;
	if (p == NULL)
		return;
	z->p_area = table_col(p, "area");
	z->p_period = table_col(p, "period");
	z->p_pop = table_col(p, "population");
	z->p_dw = table_col(p, "dwellings");
	z->idx = xcalloc(p->nrows + 1, sizeof(*z->idx));
	for (i = 0; i < p->nrows; i++)
		z->idx[i] = i;
	sizes_sort_t = p;
	sizes_sort_area = z->p_area;
	sizes_sort_period = z->p_period;
	if (p->nrows > 0)
		qsort(z->idx, p->nrows, sizeof(*z->idx), sizes_cmp);
}

/* Population and dwellings of the row's area in the year of its period:
 * from its own population/dwellings columns (population holds dwellings
 * when denom is "woningen"), else from the population table.  -1 when
 * unknown. */
static void
size_of(const struct sizes *z, const struct table *t, size_t row,
    long *pop, long *dw)
{
	const struct table *p = z->p;
	const char *area, *period;
	char year[8];
	size_t lo, hi, mid, r;
	long v;
	int c;

	*pop = *dw = -1;
	if (field_long(field_str(table_get(t, row, z->c_pop)), &v)) {
		if (strcmp(table_get(t, row, z->c_denom), "woningen") == 0)
			*dw = v;
		else if (strcmp(table_get(t, row, z->c_denom), "") == 0 ||
		    strcmp(table_get(t, row, z->c_denom), "inwoners") == 0)
			*pop = v;
	}
	if (field_long(field_str(table_get(t, row, z->c_dw)), &v))
		*dw = v;
	if (p == NULL || (*pop >= 0 && *dw >= 0))
		return;
	area = table_get(t, row, z->c_area);
	period = table_get(t, row, z->c_period);
	snprintf(year, sizeof(year), "%.4s", period);
	/* First index entry with (area, period) >= (area, year). */
	lo = 0;
	hi = p->nrows;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		r = z->idx[mid];
		c = strcmp(table_get(p, r, z->p_area), area);
		if (c == 0 && period[0] != '\0')
			c = strcmp(table_get(p, r, z->p_period), year);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == p->nrows)
		return;
	r = z->idx[lo];
	if (strcmp(table_get(p, r, z->p_area), area) != 0 ||
	    (period[0] != '\0' && strcmp(table_get(p, r, z->p_period),
	    year) != 0))
		return;
	if (*pop < 0 && field_long(field_str(table_get(p, r, z->p_pop)), &v))
		*pop = v;
	if (*dw < 0 && field_long(field_str(table_get(p, r, z->p_dw)), &v))
		*dw = v;
}

struct keyed { char *key; size_t row; };

static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return x->row < y->row ? -1 : x->row > y->row;
}

static bool
suppressed(const struct drow *d)
{
	return d->state != ST_PUB;
}

/* One pass of D5 over the groups of ks[0..n-1] (sorted; rows with an empty
 * key are in no group).  Returns the number of new suppressions. */
static unsigned long
secondary_pass(struct keyed *ks, size_t n, struct drow *d)
{
	unsigned long added = 0;
	size_t i = 0, j, k, nsup;
	long best;
	size_t pick;

	while (i < n) {
		for (j = i; j < n && strcmp(ks[j].key, ks[i].key) == 0; j++)
			continue;
		if (ks[i].key[0] == '\0' || j - i < 2) {
			i = j;
			continue;
		}
		nsup = 0;
		for (k = i; k < j; k++)
			nsup += suppressed(&d[ks[k].row]);
		if (nsup == 1) {
			best = -1;
			pick = 0;
			/* Smallest non-zero published cell; a zero one only
			 * when there is no other, so the total never equals
			 * the hidden cell. */
			for (k = i; k < j; k++) {
				struct drow *x = &d[ks[k].row];

				if (suppressed(x) || x->count <= 0)
					continue;
				if (best < 0 || x->count < best) {
					best = x->count;
					pick = ks[k].row;
				}
			}
			if (best < 0)
				for (k = i; k < j; k++)
					if (!suppressed(&d[ks[k].row])) {
						best = 0;
						pick = ks[k].row;
						break;
					}
			if (best >= 0) {
				d[pick].state = ST_SECONDARY;
				d[pick].sym = "x";
				d[pick].note = "D5";
				added++;
			}
		}
		i = j;
	}
	return added;
}

/* Key of row for dimension dim: the other key columns joined by TAB, or ""
 * when the row is not in a group of that dimension. */
static char *
group_key(const struct table *t, size_t row, const struct drow *d, int dim)
{
	const char *area = table_get(t, row, table_col(t, "area"));
	const char *period = table_get(t, row, table_col(t, "period"));
	const char *soort = table_get(t, row, table_col(t, "soort"));
	const char *theme = table_get(t, row, table_col(t, "theme"));
	char buf[512];

	buf[0] = '\0';
	switch (dim) {
	case 0:	/* buurten of a wijk */
		if (d->level == LV_BUURT && strlen(area) >= 8)
			snprintf(buf, sizeof(buf), "%s\t%s\t%s\t%.6s",
			    period, soort, theme, area + 2);
		break;
	case 1:	/* wijken of a gemeente */
		if (d->level == LV_WIJK && strlen(area) >= 6)
			snprintf(buf, sizeof(buf), "%s\t%s\t%s\t%.4s",
			    period, soort, theme, area + 2);
		break;
	case 2:	/* codes of a theme */
		if (table_col(t, "soort") >= 0 && table_col(t, "theme") >= 0 &&
		    soort[0] != '\0' && theme[0] != '\0')
			snprintf(buf, sizeof(buf), "%s\t%s\t%s", period, area,
			    theme);
		break;
	case 3:	/* months of a year */
		if (strlen(period) == 7 && period[4] == '-')
			snprintf(buf, sizeof(buf), "%.4s\t%s\t%s\t%s", period,
			    area, soort, theme);
		break;
	}
	return xstrdup(buf);
}

static void
rerank(struct table *t, struct drow *d)
{
	int rc = table_col(t, "rank"), pc = table_col(t, "percentile");
	struct keyed *ks;
	size_t i, j, k, n = t->nrows;
	double *orig;

	if (rc < 0)
		return;
	ks = xcalloc(n ? n : 1, sizeof(*ks));
	orig = xcalloc(n ? n : 1, sizeof(*orig));
	for (i = 0; i < n; i++) {
		char buf[512];

		snprintf(buf, sizeof(buf), "%s\t%s\t%s\t%d",
		    table_get(t, i, table_col(t, "period")),
		    table_get(t, i, table_col(t, "soort")),
		    table_get(t, i, table_col(t, "theme")), d[i].level);
		ks[i].key = xstrdup(buf);
		ks[i].row = i;
		if (!table_num(table_get(t, i, rc), &orig[i]))
			orig[i] = -1;
	}
	qsort(ks, n, sizeof(*ks), keyed_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && strcmp(ks[j].key, ks[i].key) == 0; j++)
			continue;
		long npub = 0;

		for (k = i; k < j; k++)
			npub += !suppressed(&d[ks[k].row]) &&
			    orig[ks[k].row] >= 0;
		for (k = i; k < j; k++) {
			size_t r = ks[k].row, m;
			long nr = 1, below = 0, ties = 0;
			char buf[32];

			if (suppressed(&d[r])) {
				table_set(t, r, rc, strcmp(d[r].sym, "<5") ==
				    0 ? "." : d[r].sym);
				continue;
			}
			if (orig[r] < 0)
				continue;
			/* Competition ranking among published rows; the
			 * percentile is 100 (ascending average rank - 1) /
			 * (n - 1) among them, as vb-rank defines it. */
			for (m = i; m < j; m++) {
				size_t q = ks[m].row;

				if (suppressed(&d[q]) || orig[q] < 0)
					continue;
				if (orig[q] < orig[r])
					nr++;
				else if (orig[q] > orig[r])
					below++;
				else
					ties++;
			}
			snprintf(buf, sizeof(buf), "%ld", nr);
			table_set(t, r, rc, buf);
			if (pc >= 0 && table_get(t, r, pc)[0] != '\0') {
				double asc = below + (ties + 1) / 2.0;

				field_fmt_double(buf, npub > 1 ? 100 *
				    (asc - 1) / (double)(npub - 1) : 100, 6);
				table_set(t, r, pc, buf);
			}
		}
	}
	for (i = 0; i < n; i++)
		free(ks[i].key);
	free(ks);
	free(orig);
}

int
disclose_apply(struct table *t, const struct disc_opts *o,
    struct disc_stats *st, char *err, size_t errlen)
{
	int ca = table_col(t, "area"), cc = table_col(t, "count");
	int cl = table_col(t, "level"), cs = table_col(t, "soort");
	int ct = table_col(t, "theme"), cd = table_col(t, "disc");
	int cst = table_col(t, "status"), cn;
	struct drow *d;
	struct keyed *ks;
	struct sizes z;
	size_t i, c, n = t->nrows;
	unsigned long added;
	int dim;

	memset(st, 0, sizeof(*st));
	if (ca < 0 || cc < 0) {
		snprintf(err, errlen, "%s:1: missing-label: disclosure control "
		    "needs the columns area and count (or --no-disclosure)",
		    t->src);
		return -1;
	}
	d = xcalloc(n ? n : 1, sizeof(*d));
	sizes_init(&z, t, o->population);
	for (i = 0; i < n; i++) {
		const char *cnt = table_get(t, i, cc);
		const char *area = table_get(t, i, ca);
		long pop, dw;

		st->cells++;
		d[i].level = level_of(table_get(t, i, cl), area);
		if (cd >= 0 && table_get(t, i, cd)[0] != '\0') {
			d[i].cls = table_get(t, i, cd)[0];
		} else if (i > 0 && strcmp(table_get(t, i, cs),
		    table_get(t, i - 1, cs)) == 0 && strcmp(table_get(t, i,
		    ct), table_get(t, i - 1, ct)) == 0 && (cd < 0 ||
		    table_get(t, i - 1, cd)[0] == '\0')) {
			/* Rows come grouped by code: reuse the lookup. */
			d[i].cls = d[i - 1].cls;
		} else {
			d[i].cls = disclose_class(o->classes,
			    cs >= 0 ? table_get(t, i, cs) : NULL,
			    ct >= 0 ? table_get(t, i, ct) : NULL);
		}
		if (cnt[0] == '\0') {
			d[i].count = -1;
			d[i].state = ST_MISSING;
			d[i].sym = strcmp(table_get(t, i, cst), "secret") == 0
			    ? "x" : ".";
			d[i].note = "bron";
			st->missing++;
			continue;
		}
		if (!field_long(field_str(cnt), &d[i].count) ||
		    d[i].count < 0) {
			snprintf(err, errlen, "%s:%lu: type-error: count is no "
			    "whole number >= 0", t->src, t->line[i]);
			free(d);
			free(z.idx);
			return -1;
		}
		if (d[i].level == LV_BUURT) {
			size_of(&z, t, i, &pop, &dw);
			if ((pop >= 0 && pop < o->min_population) ||
			    (dw >= 0 && dw < o->min_dwellings)) {
				d[i].state = ST_PRIMARY;
				d[i].sym = "x";
				d[i].note = "D1";
			} else if (d[i].cls == 'S') {
				d[i].state = ST_PRIMARY;
				d[i].sym = "x";
				d[i].note = "D2";
			} else if (d[i].cls == 'B' && d[i].count > 0 &&
			    d[i].count < o->threshold) {
				d[i].state = ST_PRIMARY;
				d[i].sym = "<5";
				d[i].note = "D3";
			}
		} else if (d[i].level == LV_WIJK && d[i].cls == 'S' &&
		    d[i].count > 0 && d[i].count < o->threshold) {
			d[i].state = ST_PRIMARY;
			d[i].sym = "x";
			d[i].note = "D2";
		}
		if (d[i].state == ST_PRIMARY)
			st->primary++;
	}
	/* D5 over all four dimensions until nothing changes.  The groups do
	 * not change, only the cells' states: sort each dimension once. */
	ks = xcalloc(4 * (n ? n : 1), sizeof(*ks));
	for (dim = 0; dim < 4; dim++) {
		for (i = 0; i < n; i++) {
			ks[dim * n + i].key = group_key(t, i, &d[i], dim);
			ks[dim * n + i].row = i;
		}
		if (n > 0)
			qsort(ks + dim * n, n, sizeof(*ks), keyed_cmp);
	}
	do {
		added = 0;
		for (dim = 0; dim < 4; dim++)
			added += secondary_pass(ks + dim * n, n, d);
		st->secondary += added;
	} while (added > 0);
	for (i = 0; i < 4 * n; i++)
		free(ks[i].key);
	free(ks);
	free(z.idx);
	rerank(t, d);
	cn = table_add_col(t, "note");
	for (i = 0; i < n; i++) {
		char buf[64];

		if (suppressed(&d[i])) {
			for (c = 0; c < t->ncols; c++) {
				if ((int)c == cn || (int)c == cc ||
				    disclose_is_key(t->name[c]) ||
				    strcmp(t->name[c], "rank") == 0)
					continue;
				if (table_get(t, i, (int)c)[0] == '\0' &&
				    d[i].state == ST_MISSING)
					continue;
				table_set(t, i, (int)c, strcmp(d[i].sym,
				    "<5") == 0 ? "." : d[i].sym);
			}
			table_set(t, i, cc, d[i].sym);
			table_set(t, i, cn, d[i].note);
			continue;
		}
		if (d[i].count == 0) {
			table_set(t, i, cc, "-");
		} else if (d[i].level == LV_BUURT) {
			long r = disclose_round(d[i].count, o->base);

			if (r != d[i].count)
				st->rounded++;
			snprintf(buf, sizeof(buf), "%ld", r);
			table_set(t, i, cc, buf);
		}
		for (c = 0; c < t->ncols; c++) {
			const char *v = table_get(t, i, (int)c);
			size_t nl = strlen(t->name[c]);
			double x;
			long k;

			/* Other counts of a buurt (base_count, ...) are
			 * rounded like the count. */
			if (d[i].level == LV_BUURT && (int)c != cc && nl > 5 &&
			    strcmp(t->name[c] + nl - 5, "count") == 0 &&
			    field_long(field_str(v), &k) && k >= 0) {
				snprintf(buf, sizeof(buf), "%ld",
				    disclose_round(k, o->base));
				table_set(t, i, (int)c, buf);
				continue;
			}
			if (!disclose_is_rate(t->name[c]) ||
			    disclose_is_key(t->name[c]) || v[0] == '\0')
				continue;
			if (d[i].level == LV_BUURT &&
			    d[i].count < o->threshold) {
				table_set(t, i, (int)c, ".");
				continue;
			}
			if (table_num(v, &x)) {
				/* Half away from zero, on the decimal
				 * string's value. */
				x = round(x * 10.0 + (x >= 0 ? 1e-9 : -1e-9))
				    / 10.0;
				/* The program runs in the C locale. */
				snprintf(buf, sizeof(buf), "%.1f",
				    x == 0 ? 0.0 : x);
				table_set(t, i, (int)c, buf);
			}
		}
	}
	free(d);
	return 0;
}
