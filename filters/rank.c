/* rank -- rank areas within windows, with the small-area statistics of
 * METHOD.md §5.2 and §8, and score themes for the priority matrix (§6).
 *
 * Default mode: reads records, groups them into windows (records sharing
 * the values of the -w fields), orders each window by a value and adds
 * rank and percentile; with the statistics options it reads count and
 * population (--count, --population) and adds rate, rate_lo, rate_hi
 * (--ci), eb_rate, eb_w, eb_local (--eb, --neighbours), index (--index),
 * funnel limits and flags (--funnel) and the trend test against
 * base_count/base_population (--trend).  Added columns replace input
 * columns of the same name.  Output: windows in key byte order; within a
 * window ranked records by rank, then unranked ones by key.
 *
 * --priorities: reads one record per theme (theme, optional name, O or
 * count/population/bench_rate, T or count/population/base_count/
 * base_population/haal/partner_trend, E, B, P) and writes theme, name,
 * O T E B P x y tier S_W0..S_W3 gevoelig, the other input columns, then
 * omvang_ratio trend_rr trend_p missing.
 *
 * --neighbours-of GEOJSON: writes `area neighbour`, the queen contiguity
 * of the polygons. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "gzin.h"
#include "msg.h"
#include "nbr.h"
#include "opt.h"
#include "rec.h"
#include "reject.h"
#include "stats.h"
#include "stats2.h"

#define MAXW	16		/* window fields */

struct opts {
	const char	*window;
	const char	*value;
	const char	*key;
	const char	*count;
	const char	*pop;
	const char	*neighbours;
	const char	*nbr_geojson;
	const char	*code_prop;
	double		 per;
	double		 q;
	double		 high;
	double		 snap;
	long		 top, bottom;
	long		 max_prio;
	int		 nwsets;
	double		 w[STATS_NWSETS][STATS_NCRIT];
	bool		 desc, index, ci, eb, funnel, trend, rotterdam;
	bool		 priorities, sorted;
};

struct row {
	struct field	*f;		/* copies of the input fields */
	unsigned long	 line;
	double		 val;		/* ranking value; NaN: unranked */
	long		 c, bc;		/* count, base count; -1: missing */
	double		 n, bn;		/* population, base population */
	double		 rate, lo, hi, eb, ebw, ebl, index, ilo, ihi, pct, pex;
	double		 phi;
	double		 padj;
	struct stats_funnel fl;
	struct stats_rtest tr;
	long		 rank;		/* 0: unranked */
	int		 fun, fun998;	/* +1 hoog, -1 laag, 0 */
	int		 trend;		/* +1 stijging, -1 daling, 0 */
	bool		 elig;		/* count and population usable */
	bool		 trok, bh, hasfl;
};

/* The columns the filter reads (-1: absent). */
struct cols {
	int		 w[MAXW];
	int		 nw;
	int		 key, value, count, pop, bcount, bpop, level;
};

/* Output slot of each added column (-1: not written). */
enum { A_RATE, A_LO, A_HI, A_EB, A_EBW, A_EBL, A_INDEX, A_ILO, A_IHI,
	A_RANK, A_PCT,
	A_FLO95, A_FHI95, A_FLO998, A_FHI998, A_PHI, A_FUN, A_FUN998, A_PEX,
	A_TRR, A_TLO, A_THI, A_TP, A_TPADJ, A_TREND, A_N };
static const char *const added_name[A_N] = { "rate", "rate_lo", "rate_hi",
	"eb_rate", "eb_w", "eb_local", "index", "index_lo", "index_hi", "rank",
	"percentile",
	"funnel_lo95", "funnel_hi95", "funnel_lo998", "funnel_hi998", "phi",
	"funnel", "funnel998", "pexcess", "trend_rr", "trend_lo", "trend_hi",
	"trend_p", "trend_padj", "trend" };

struct nbrtab {
	struct nbr_pair	*p;
	size_t		 n;
};

enum { OPT_DESC = 256, OPT_INDEX, OPT_TOP, OPT_BOTTOM, OPT_COUNT,
	OPT_PER, OPT_CI, OPT_EB, OPT_NBR, OPT_NBROF, OPT_CODEPROP, OPT_FUNNEL,
	OPT_TREND, OPT_Q, OPT_ORIENT, OPT_PRIO, OPT_WSET, OPT_HIGH, OPT_MAXPRIO,
	OPT_SORTED, OPT_SNAP, OPT_VERSION, OPT_MAXREC };

static const struct option longopts[] = {
	{ "bottom", required_argument, NULL, OPT_BOTTOM },
	{ "ci", no_argument, NULL, OPT_CI },
	{ "code-prop", required_argument, NULL, OPT_CODEPROP },
	{ "count", required_argument, NULL, OPT_COUNT },
	{ "desc", no_argument, NULL, OPT_DESC },
	{ "eb", no_argument, NULL, OPT_EB },
	{ "funnel", no_argument, NULL, OPT_FUNNEL },
	{ "help", no_argument, NULL, 'h' },
	{ "index", no_argument, NULL, OPT_INDEX },
	{ "key", required_argument, NULL, 'k' },
	{ "max-priorities", required_argument, NULL, OPT_MAXPRIO },
	{ "max-record-bytes", required_argument, NULL, OPT_MAXREC },
	{ "neighbours", required_argument, NULL, OPT_NBR },
	{ "neighbours-of", required_argument, NULL, OPT_NBROF },
	{ "orientation", required_argument, NULL, OPT_ORIENT },
	{ "per", required_argument, NULL, OPT_PER },
	{ "population", required_argument, NULL, 'p' },
	{ "priorities", no_argument, NULL, OPT_PRIO },
	{ "q", required_argument, NULL, OPT_Q },
	{ "tier-threshold", required_argument, NULL, OPT_HIGH },
	{ "snap", required_argument, NULL, OPT_SNAP },
	{ "sorted", no_argument, NULL, OPT_SORTED },
	{ "top", required_argument, NULL, OPT_TOP },
	{ "trend", no_argument, NULL, OPT_TREND },
	{ "value", required_argument, NULL, 'v' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "weight-set", required_argument, NULL, OPT_WSET },
	{ "window", required_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 }
};

/* Where the ranking value comes from: an input column, or a column this
 * filter computes (then the computed value wins over an input column of
 * the same name). */
enum { V_INPUT, V_RATE, V_EB, V_INDEX };
static int vsrc = V_INPUT;

static struct opts o = { .key = "area", .count = "count",
	.pop = "population", .code_prop = "statcode", .per = 1000, .q = 0.10,
	.high = 3.5, .max_prio = 3 };
static struct arena arena;		/* what lives for the whole run */
static struct arena warena[2];		/* the fields of the rows read */
static int wcur;

static noreturn void
usage(int status)
{
	FILE *fp = status == 0 ? stdout : stderr;

	fprintf(fp, "usage: %s [-h] [-k key] [-p field] [-v field] [-w fields] "
	    "[--bottom n]\n"
	    "          [--ci] [--count field] [--desc] [--eb] [--funnel] "
	    "[--index]\n"
	    "          [--max-record-bytes n] [--neighbours file]\n"
	    "          [--orientation amsterdam|rotterdam] [--per n] [--q q] "
	    "[--sorted]\n          [--top n] [--trend] [file]\n"
	    "       %s --priorities [--max-priorities n] "
	    "[--tier-threshold x]\n"
	    "          [--weight-set o,t,e,b,p ...] [file]\n"
	    "       %s --neighbours-of geojson [--code-prop name] "
	    "[--snap d]\n",
	    progname, progname, progname);
	if (status == 0)
		fputs("\nRank records within windows (records sharing the -w "
		    "fields) by a value,\nwith rates, exact Poisson intervals, "
		    "Empirical Bayes rates, index against\nthe pooled window "
		    "rate, funnel flags and trend tests (METHOD.md §5, §8);\n"
		    "or score themes for the priority matrix (§6); or derive "
		    "queen neighbours\nfrom boundaries.  See vb-rank(1).\n",
		    fp);
	exit(status);
}

static double
parse_num(const char *s, const char *opt, double min, double max)
{
	double v;

	if (!field_double(field_str(s), &v) || v < min || v > max)
		die(2, "usage-error: %s wants a number from %g to %g, not "
		    "'%s'", opt, min, max, s);
	return v;
}

static void
parse_wset(const char *s)
{
	double *w;
	char buf[256], *p, *save = NULL;
	int k = 0;

	if (o.nwsets == STATS_NWSETS)
		die(2, "usage-error: at most %d --weight-set options",
		    STATS_NWSETS);
	w = o.w[o.nwsets];
	snprintf(buf, sizeof(buf), "%s", s);
	for (p = strtok_r(buf, ",", &save); p != NULL;
	    p = strtok_r(NULL, ",", &save)) {
		if (k == STATS_NCRIT)
			break;
		w[k++] = parse_num(p, "--weight-set", 0, 1000);
	}
	if (k != STATS_NCRIT || p != NULL)
		die(2, "usage-error: --weight-set wants 5 weights o,t,e,b,p");
	o.nwsets++;
}

/* Format v (NaN or inf: empty) in C-locale %.10g form. */
static struct field
fmt(char *buf, double v)
{
	if (!isfinite(v)) {
		buf[0] = '\0';
		return field_str(buf);
	}
	if (v == 0)
		v = 0;		/* no "-0" */
	snprintf(buf, 40, "%.10g", v);
	return field_str(buf);
}

static int
cmp_field(struct field a, struct field b)
{
	size_t n = a.len < b.len ? a.len : b.len;
	int r = memcmp(a.p, b.p, n);

	if (r != 0)
		return r;
	return (a.len > b.len) - (a.len < b.len);
}

static struct cols cols;

/* Window, then input order. */
static int
cmp_window(const void *a, const void *b)
{
	const struct row *p = *(struct row *const *)a;
	const struct row *q = *(struct row *const *)b;
	int i, r;

	for (i = 0; i < cols.nw; i++)
		if ((r = cmp_field(p->f[cols.w[i]], q->f[cols.w[i]])) != 0)
			return r;
	return (p->line > q->line) - (p->line < q->line);
}

/* Window order only (no tie-break by line). */
static int
cmp_window_rows(const struct row *p, const struct row *q)
{
	int i, r;

	for (i = 0; i < cols.nw; i++)
		if ((r = cmp_field(p->f[cols.w[i]], q->f[cols.w[i]])) != 0)
			return r;
	return 0;
}

static bool
same_window(const struct row *p, const struct row *q)
{
	int i;

	for (i = 0; i < cols.nw; i++)
		if (cmp_field(p->f[cols.w[i]], q->f[cols.w[i]]) != 0)
			return false;
	return true;
}

static int
cmp_key(const struct row *p, const struct row *q)
{
	int r = 0;

	if (cols.key >= 0)
		r = cmp_field(p->f[cols.key], q->f[cols.key]);
	if (r != 0)
		return r;
	return (p->line > q->line) - (p->line < q->line);
}

/* Ranked rows by value (--desc: highest first), ties by key bytes; then
 * unranked rows by key. */
static int
cmp_rankorder(const void *a, const void *b)
{
	const struct row *p = *(struct row *const *)a;
	const struct row *q = *(struct row *const *)b;
	bool rp = !isnan(p->val), rq = !isnan(q->val);

	if (rp != rq)
		return rp ? -1 : 1;
	if (rp && p->val != q->val)
		return (p->val < q->val) == o.desc ? 1 : -1;
	return cmp_key(p, q);
}

static int
cmp_pair_a(const void *k, const void *e)
{
	const struct field *key = k;
	const struct nbr_pair *p = e;
	size_t n = strlen(p->a);
	int r = memcmp(key->p, p->a, key->len < n ? key->len : n);

	if (r != 0)
		return r;
	return (key->len > n) - (key->len < n);
}

static int
cmp_pair(const void *a, const void *b)
{
	const struct nbr_pair *p = a, *q = b;
	int r = strcmp(p->a, q->a);

	return r != 0 ? r : strcmp(p->b, q->b);
}

static struct nbrtab
read_neighbours(const char *path)
{
	struct rec_reader *in;
	struct record r;
	struct nbrtab t = { NULL, 0 };
	size_t cap = 0;
	int ca, cb, rc;

	if ((in = rec_open(path)) == NULL)
		die_errno(1, "source-missing: %s", path);
	ca = schema_col(rec_schema(in), "area");
	cb = schema_col(rec_schema(in), "neighbour");
	if (rec_schema(in)->ncols > 0 && (ca < 0 || cb < 0))
		die(1, "%s:1: missing-label: a neighbour file needs the "
		    "columns area and neighbour", rec_name(in));
	while ((rc = rec_read(in, &r)) == 1) {
		if (t.n == cap) {
			cap = cap ? cap * 2 : 256;
			t.p = xrealloc(t.p, cap * sizeof(*t.p));
		}
		t.p[t.n].a = arena_strndup(&arena, r.f[ca].p, r.f[ca].len);
		t.p[t.n].b = arena_strndup(&arena, r.f[cb].p, r.f[cb].len);
		t.n++;
	}
	if (rc < 0)
		die(1, "%s", rec_errmsg(in));
	rec_close(in);
	if (t.n > 0)
		qsort(t.p, t.n, sizeof(*t.p), cmp_pair);
	return t;
}

/* Position of e[] row with key k in the key-sorted es[] (pos maps back to
 * e[]), or -1. */
static long
find_key(struct row **es, const size_t *pos, size_t n, struct field k)
{
	size_t lo = 0, hi = n, mid;
	int r;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		r = cmp_field(es[mid]->f[cols.key], k);
		if (r == 0)
			return (long)pos[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int
cmp_rowkey(const void *a, const void *b)
{
	return cmp_key(*(struct row *const *)a, *(struct row *const *)b);
}

/* Local EB over the queen neighbours found in this window. */
static void
eb_local(struct row **e, size_t ne, const double *cn, const double *xn,
    const struct nbrtab *nt)
{
	struct row **es = xcalloc(ne, sizeof(*es));
	size_t *pos = xcalloc(ne, sizeof(*pos)), *off, *nb = NULL;
	size_t k, cnt = 0, cap = 0;
	double *ebl = xcalloc(ne, sizeof(*ebl));

	/* es: e sorted by key; pos[k]: index in e of es[k].  The rows are
	 * tagged with their index through ebl, overwritten below. */
	for (k = 0; k < ne; k++) {
		es[k] = e[k];
		e[k]->ebl = (double)k;
	}
	if (ne > 0)
		qsort(es, ne, sizeof(*es), cmp_rowkey);
	for (k = 0; k < ne; k++)
		pos[k] = (size_t)es[k]->ebl;
	off = xcalloc(ne + 1, sizeof(*off));
	for (k = 0; k < ne; k++) {
		struct field key = e[k]->f[cols.key];
		size_t lo = 0, hi = nt->n, mid;
		long j;

		off[k] = cnt;
		while (lo < hi) {	/* first pair with a >= key */
			mid = lo + (hi - lo) / 2;
			if (cmp_pair_a(&key, &nt->p[mid]) > 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < nt->n && cmp_pair_a(&key, &nt->p[lo]) == 0; lo++) {
			j = find_key(es, pos, ne, field_str(nt->p[lo].b));
			if (j < 0 || (size_t)j == k)
				continue;
			if (cnt == cap) {
				cap = cap ? cap * 2 : 64;
				nb = xrealloc(nb, cap * sizeof(*nb));
			}
			nb[cnt++] = (size_t)j;
		}
	}
	off[ne] = cnt;
	stats_eb_local(cn, xn, ne, off, nb, ebl, NULL, NULL, NULL);
	for (k = 0; k < ne; k++)
		e[k]->ebl = off[k + 1] > off[k] ? ebl[k] * o.per : NAN;
	free(es);
	free(pos);
	free(off);
	free(nb);
	free(ebl);
}

static unsigned long nwin_eb, nwin_flat;

static void
do_window(struct row **w, size_t m, const struct nbrtab *nt)
{
	struct row **e = xcalloc(m, sizeof(*e));
	double *cn = xcalloc(m, sizeof(*cn)), *xn = xcalloc(m, sizeof(*xn));
	double *eb = xcalloc(m, sizeof(*eb)), *ew = xcalloc(m, sizeof(*ew));
	double *pv = xcalloc(m, sizeof(*pv)), *pa = xcalloc(m, sizeof(*pa));
	double *v = xcalloc(m, sizeof(*v)), *rk = xcalloc(m, sizeof(*rk));
	size_t *work = xcalloc(m, sizeof(*work));
	struct row **bh = xcalloc(m, sizeof(*bh));
	double sc = 0, sn = 0, b, phi = NAN;
	size_t i, k, ne = 0, nbh = 0, nr = 0, nout = 0;
	bool needc = o.index || o.ci || o.eb || o.funnel;
	bool widen = false;

	for (i = 0; i < m; i++) {
		struct row *r = w[i];

		if (!r->elig)
			continue;
		cn[ne] = (double)r->c;
		xn[ne] = r->n;
		e[ne++] = r;
		sc += (double)r->c;
		sn += r->n;
		r->rate = o.per * (double)r->c / r->n;
		if (o.ci)
			stats_rate_ci95(r->c, r->n, o.per, &r->lo, &r->hi);
	}
	b = sn > 0 ? sc / sn : NAN;
	if (o.eb && ne > 0) {
		struct stats_eb par;

		stats_eb_global(cn, xn, ne, eb, ew, &par);
		if (ne >= 2) {
			nwin_eb++;
			nwin_flat += par.flat;
		}
		for (k = 0; k < ne; k++) {
			e[k]->eb = eb[k] * o.per;
			e[k]->ebw = ew[k];
		}
		if (nt != NULL)
			eb_local(e, ne, cn, xn, nt);
	}
	if (o.index && b > 0)
		for (k = 0; k < ne; k++) {
			double x = o.eb ? e[k]->eb : e[k]->rate;

			e[k]->index = 100 * x / (b * o.per);
			e[k]->ilo = 100 * e[k]->lo / (b * o.per);
			e[k]->ihi = 100 * e[k]->hi / (b * o.per);
			if (o.rotterdam) {
				double t = e[k]->ilo;

				e[k]->index = 200 - e[k]->index;
				e[k]->ilo = 200 - e[k]->ihi;
				e[k]->ihi = 200 - t;
			}
		}
	if (o.funnel && b > 0) {
		phi = stats_overdispersion(cn, xn, ne, b, &nout);
		widen = (double)nout > 0.05 * (double)ne && phi > 1;
		for (k = 0; k < ne; k++) {
			struct row *r = e[k];
			double p = (double)r->c / r->n;

			stats_funnel_limits(r->n, b, &r->fl);
			if (widen)
				stats_funnel_widen(&r->fl, b, phi);
			r->hasfl = true;
			r->phi = widen ? phi : NAN;
			r->fun = p > r->fl.hi95 ? 1 : p < r->fl.lo95 ? -1 : 0;
			r->fun998 = p > r->fl.hi998 ? 1 :
			    p < r->fl.lo998 ? -1 : 0;
			stats_probmap(r->c, r->n, b, NULL, &r->pex, NULL);
		}
	}
	if (o.trend) {
		for (i = 0; i < m; i++) {
			struct row *r = w[i];

			if (r->c < 0 || !(r->n > 0) || r->bc < 0 ||
			    !(r->bn > 0))
				continue;
			r->trok = stats_rate_test(r->c, r->n, r->bc, r->bn,
			    0.95, &r->tr) == 0;
			if (r->trok && r->bh) {
				pv[nbh] = r->tr.p;
				bh[nbh++] = r;
			}
		}
		stats_bh_adjust(pv, nbh, pa, work);
		for (k = 0; k < nbh; k++)
			bh[k]->padj = pa[k];
		for (i = 0; i < m; i++) {
			struct row *r = w[i];
			bool sig;

			if (!r->trok)
				continue;
			sig = r->bh ? r->padj <= o.q : r->tr.p < 0.05;
			if (sig)
				r->trend = r->tr.rr > 1 ? 1 : -1;
		}
	}
	for (i = 0; i < m; i++) {
		struct row *r = w[i];

		if (needc && !r->elig)
			r->val = NAN;
		else if (o.eb && vsrc != V_INDEX)
			r->val = r->eb;
		else if (vsrc == V_RATE)
			r->val = r->rate;
		else if (vsrc == V_INDEX)
			r->val = r->index;
	}
	qsort(w, m, sizeof(*w), cmp_rankorder);
	for (i = 0; i < m && !isnan(w[i]->val); i++) {
		w[i]->rank = (long)i + 1;
		v[nr++] = w[i]->val;
	}
	stats_rank_avg(v, nr, false, rk, work);
	for (i = 0; i < nr; i++)
		w[i]->pct = nr == 1 ? 100 : 100 * (rk[i] - 1) /
		    (double)(nr - 1);
	free(e);
	free(cn);
	free(xn);
	free(eb);
	free(ew);
	free(pv);
	free(pa);
	free(v);
	free(rk);
	free(work);
	free(bh);
}

/* Output slot of each added column; the input columns come first. */
static struct schema *
out_schema(const struct schema *in, int *slot)
{
	const char **names = xcalloc(in->ncols + A_N, sizeof(*names));
	bool want[A_N] = { false };
	size_t n = in->ncols, i;
	struct schema *s;
	int a, c;

	want[A_RANK] = want[A_PCT] = true;
	want[A_RATE] = o.index || o.ci || o.eb || o.funnel;
	want[A_LO] = want[A_HI] = o.ci;
	want[A_EB] = want[A_EBW] = o.eb;
	want[A_EBL] = o.eb && o.neighbours != NULL;
	want[A_INDEX] = o.index;
	want[A_ILO] = want[A_IHI] = o.index && o.ci;
	for (a = A_FLO95; a <= A_PEX; a++)
		want[a] = o.funnel;
	for (a = A_TRR; a <= A_TREND; a++)
		want[a] = o.trend;
	for (i = 0; i < in->ncols; i++)
		names[i] = in->name[i];
	for (a = 0; a < A_N; a++) {
		slot[a] = -1;
		if (!want[a])
			continue;
		if ((c = schema_col(in, added_name[a])) >= 0) {
			slot[a] = c;
		} else {
			slot[a] = (int)n;
			names[n++] = added_name[a];
		}
	}
	s = schema_new(names, n);
	free(names);
	return s;
}

static const char *
flag_word(int f, const char *up, const char *down)
{
	return f > 0 ? up : f < 0 ? down : "";
}

static void
write_row(struct rec_writer *out, const struct row *r, size_t nin,
    size_t nout, const int *slot, struct field *of)
{
	char buf[A_N][40];
	struct field v[A_N];
	size_t i;
	int a;

	for (i = 0; i < nin; i++)
		of[i] = r->f[i];
	v[A_RATE] = fmt(buf[A_RATE], r->rate);
	v[A_LO] = fmt(buf[A_LO], r->lo);
	v[A_HI] = fmt(buf[A_HI], r->hi);
	v[A_EB] = fmt(buf[A_EB], r->eb);
	v[A_EBW] = fmt(buf[A_EBW], r->ebw);
	v[A_EBL] = fmt(buf[A_EBL], r->ebl);
	v[A_INDEX] = fmt(buf[A_INDEX], r->index);
	v[A_ILO] = fmt(buf[A_ILO], r->ilo);
	v[A_IHI] = fmt(buf[A_IHI], r->ihi);
	v[A_RANK] = r->rank > 0 ? field_fmt_long(buf[A_RANK], r->rank) :
	    field_str("");
	v[A_PCT] = fmt(buf[A_PCT], r->rank > 0 ? r->pct : NAN);
	v[A_FLO95] = fmt(buf[A_FLO95], r->hasfl ? r->fl.lo95 * o.per : NAN);
	v[A_FHI95] = fmt(buf[A_FHI95], r->hasfl ? r->fl.hi95 * o.per : NAN);
	v[A_FLO998] = fmt(buf[A_FLO998], r->hasfl ? r->fl.lo998 * o.per :
	    NAN);
	v[A_FHI998] = fmt(buf[A_FHI998], r->hasfl ? r->fl.hi998 * o.per :
	    NAN);
	v[A_PHI] = fmt(buf[A_PHI], r->phi);
	v[A_FUN] = field_str(flag_word(r->fun, "hoog", "laag"));
	v[A_FUN998] = field_str(flag_word(r->fun998, "hoog", "laag"));
	v[A_PEX] = fmt(buf[A_PEX], r->pex);
	v[A_TRR] = fmt(buf[A_TRR], r->trok ? r->tr.rr : NAN);
	v[A_TLO] = fmt(buf[A_TLO], r->trok ? r->tr.lo : NAN);
	v[A_THI] = fmt(buf[A_THI], r->trok ? r->tr.hi : NAN);
	v[A_TP] = fmt(buf[A_TP], r->trok ? r->tr.p : NAN);
	v[A_TPADJ] = fmt(buf[A_TPADJ], r->trok && r->bh ? r->padj : NAN);
	v[A_TREND] = field_str(flag_word(r->trend, "stijging", "daling"));
	for (a = 0; a < A_N; a++)
		if (slot[a] >= 0)
			of[slot[a]] = v[a];
	rec_write(out, of, nout);
}

/* The column named name, or exit 1 naming it. */
static int
need_col(const struct rec_reader *in, const char *name)
{
	int c = schema_col(rec_schema(in), name);

	if (c < 0)
		die(1, "%s:1: missing-label: no column named '%s'",
		    rec_name(in), name);
	return c;
}

static double
num_or_die(const struct rec_reader *in, const struct record *r, int c,
    const char *name)
{
	double v;

	if (c < 0 || r->f[c].len == 0)
		return NAN;
	if (!field_double(r->f[c], &v))
		die(1, "%s:%lu: type-error: field '%s' is not a number",
		    rec_name(in), r->line, name);
	return v;
}

static long
count_or_die(const struct rec_reader *in, const struct record *r, int c,
    const char *name)
{
	long v;

	if (c < 0 || r->f[c].len == 0)
		return -1;
	if (!field_long(r->f[c], &v) || v < 0)
		die(1, "%s:%lu: type-error: field '%s' is not a count (a "
		    "whole number >= 0)", rec_name(in), r->line, name);
	return v;
}

static struct field *
copy_fields(struct arena *a, const struct record *r)
{
	struct field *f = arena_alloc(a, r->nf * sizeof(*f));
	size_t i;

	for (i = 0; i < r->nf; i++) {
		f[i].p = arena_strndup(a, r->f[i].p, r->f[i].len);
		f[i].len = r->f[i].len;
	}
	return f;
}

/* Rank the windows of rp[0..n-1] (sorted by window) and write them. */
static void
emit(struct row **rp, size_t n, const struct nbrtab *nt,
    struct rec_writer *out, size_t nin, size_t nout, const int *slot,
    struct field *of)
{
	size_t i, j, k;

	for (i = 0; i < n; i = j) {
		long nr = 0;

		for (j = i + 1; j < n && same_window(rp[i], rp[j]); j++)
			continue;
		do_window(rp + i, j - i, nt);
		for (k = i; k < j; k++)
			nr += rp[k]->rank > 0;
		for (k = i; k < j; k++) {
			long rk = rp[k]->rank;

			if ((o.top > 0 || o.bottom > 0) && !(rk > 0 &&
			    ((o.top > 0 && rk <= o.top) ||
			    (o.bottom > 0 && rk > nr - o.bottom))))
				continue;
			write_row(out, rp[k], nin, nout, slot, of);
		}
	}
}

static int
run_rank(const char *path)
{
	struct rec_reader *in;
	struct rec_writer *out;
	struct record rec;
	struct schema *osc;
	struct row *rows = NULL, **rp = NULL;
	struct field *of;
	struct nbrtab nt = { NULL, 0 };
	const struct schema *isc;
	int slot[A_N], rc;
	size_t n = 0, cap = 0, i;
	unsigned long nread = 0;
	bool needc = o.index || o.ci || o.eb || o.funnel;

	if (!o.eb && o.value == NULL)
		die(2, "usage-error: -v FIELD is required (or --eb, which "
		    "ranks on the EB rate)");
	if (o.neighbours != NULL && !o.eb)
		die(2, "usage-error: --neighbours needs --eb");
	if ((in = rec_open(path)) == NULL)
		die_errno(1, "source-missing: %s", path);
	isc = rec_schema(in);
	if (isc->ncols == 0) {
		rec_read(in, &rec);
		die(1, "%s", rec_errmsg(in));
	}
	memset(&cols, 0, sizeof(cols));
	if (o.window != NULL && o.window[0] != '\0') {
		char buf[1024], *p, *save = NULL;

		snprintf(buf, sizeof(buf), "%s", o.window);
		for (p = strtok_r(buf, ",", &save); p != NULL;
		    p = strtok_r(NULL, ",", &save)) {
			if (cols.nw == MAXW)
				die(2, "usage-error: -w takes at most %d "
				    "fields", MAXW);
			cols.w[cols.nw++] = need_col(in, p);
		}
	}
	cols.key = schema_col(isc, o.key);
	if (o.neighbours != NULL)
		cols.key = need_col(in, o.key);
	if (o.value != NULL && needc && strcmp(o.value, "rate") == 0)
		vsrc = V_RATE;
	else if (o.value != NULL && o.eb && strcmp(o.value, "eb_rate") == 0)
		vsrc = V_EB;
	else if (o.value != NULL && o.index && strcmp(o.value, "index") == 0)
		vsrc = V_INDEX;
	cols.value = o.eb || vsrc != V_INPUT ? -1 : need_col(in, o.value);
	cols.count = needc || o.trend ? need_col(in, o.count) : -1;
	cols.pop = needc || o.trend ? need_col(in, o.pop) : -1;
	cols.bcount = o.trend ? need_col(in, "base_count") : -1;
	cols.bpop = o.trend ? need_col(in, "base_population") : -1;
	cols.level = schema_col(isc, "level");
	if (o.neighbours != NULL)
		nt = read_neighbours(o.neighbours);
	osc = out_schema(isc, slot);
	out = rec_wopen(stdout, osc);
	of = xcalloc(osc->ncols, sizeof(*of));
	while ((rc = rec_read(in, &rec)) == 1) {
		struct row *r;

		nread++;
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			rows = xrealloc(rows, cap * sizeof(*rows));
			rp = xrealloc(rp, cap * sizeof(*rp));
		}
		r = &rows[n++];
		memset(r, 0, sizeof(*r));
		r->line = rec.line;
		r->rate = r->lo = r->hi = r->eb = r->ebw = r->ebl = NAN;
		r->index = r->pct = r->pex = r->phi = r->padj = NAN;
		r->ilo = r->ihi = NAN;
		r->val = cols.value >= 0 ? num_or_die(in, &rec, cols.value,
		    o.value) : NAN;
		r->c = count_or_die(in, &rec, cols.count, o.count);
		r->n = num_or_die(in, &rec, cols.pop, o.pop);
		r->bc = count_or_die(in, &rec, cols.bcount, "base_count");
		r->bn = num_or_die(in, &rec, cols.bpop, "base_population");
		r->elig = r->c >= 0 && r->n > 0 && isfinite(r->n);
		r->bh = cols.level < 0 || field_eq(rec.f[cols.level], "buurt");
		r->f = copy_fields(&warena[wcur], &rec);
		if (!o.sorted || n < 2 || same_window(&rows[n - 2], r))
			continue;
		/* --sorted: a new window begins with r.  Windows must come in
		 * byte order, so that the output is the one of the default
		 * mode. */
		if (cmp_window_rows(&rows[n - 2], r) > 0)
			die(1, "%s:%lu: row-constraint/sorted: --sorted, but "
			    "this record's window comes before the previous "
			    "one (sort the input by -w under LC_ALL=C)",
			    rec_name(in), rec.line);
		for (i = 0; i + 1 < n; i++)
			rp[i] = &rows[i];
		emit(rp, n - 1, o.neighbours != NULL ? &nt : NULL, out,
		    isc->ncols, osc->ncols, slot, of);
		/* Keep r: copy it into the other arena, drop this one. */
		arena_reset(&warena[1 - wcur]);
		rows[0] = *r;
		rows[0].f = copy_fields(&warena[1 - wcur], &rec);
		wcur = 1 - wcur;
		arena_reset(&warena[1 - wcur]);
		n = 1;
	}
	if (rc < 0)
		die(1, "%s", rec_errmsg(in));
	for (i = 0; i < n; i++)
		rp[i] = &rows[i];
	if (!o.sorted && n > 0)
		qsort(rp, n, sizeof(*rp), cmp_window);
	emit(rp, n, o.neighbours != NULL ? &nt : NULL, out, isc->ncols,
	    osc->ncols, slot, of);
	if (nwin_flat > 0)
		warnmsg("%lu of %lu windows: no detectable difference between "
		    "areas (EB a = 0): their EB rates equal the pooled rate",
		    nwin_flat, nwin_eb);
	if (rec_wclose(out) != 0)
		die_errno(1, "io-error: write error");
	msg_close_stdout();
	/* Every record is written (ranked or not): the stage summary. */
	reject_summary(reject_open("rank", NULL), nread, nread);
	rec_close(in);
	schema_free(osc);
	free(of);
	free(rp);
	free(rows);
	free(nt.p);
	arena_free(&arena);
	arena_free(&warena[0]);
	arena_free(&warena[1]);
	return 0;
}

/* --- priority mode ---------------------------------------------------- */

struct prow {
	struct field	*f;
	double		 given[STATS_NCRIT];	/* NaN: missing */
	double		 ratio, rr, p;
	char		 missing[16];
};

static const char *const crit_name[STATS_NCRIT] = { "O", "T", "E", "B",
	"P" };

static int
run_priorities(const char *path)
{
	struct rec_reader *in;
	struct rec_writer *out;
	struct record rec;
	const struct schema *isc;
	struct schema *osc;
	struct prow *pr = NULL;
	struct stats_theme *th = NULL;
	struct field *of;
	const char **names;
	size_t n = 0, cap = 0, i, nn, *work, nprio = 0;
	int ct, cname, ccrit[STATS_NCRIT], cc, cpop, cbench, cbc, cbp, chaal,
	    cptr, cbr, cbz, c, rc, s;
	bool *extra;

	if ((in = rec_open(path)) == NULL)
		die_errno(1, "source-missing: %s", path);
	isc = rec_schema(in);
	if (isc->ncols == 0) {
		rec_read(in, &rec);
		die(1, "%s", rec_errmsg(in));
	}
	ct = need_col(in, "theme");
	cname = schema_col(isc, "name");
	for (c = 0; c < STATS_NCRIT; c++)
		ccrit[c] = schema_col(isc, crit_name[c]);
	cc = schema_col(isc, "count");
	cpop = schema_col(isc, "population");
	cbench = schema_col(isc, "bench_rate");
	cbc = schema_col(isc, "base_count");
	cbp = schema_col(isc, "base_population");
	chaal = schema_col(isc, "haal");
	cptr = schema_col(isc, "partner_trend");
	cbr = schema_col(isc, "b_ratio");
	cbz = schema_col(isc, "b_z");
	while ((rc = rec_read(in, &rec)) == 1) {
		struct prow *p;
		long cnt, bc;
		double pop, bench, bp, haal, ptr, br, bz;

		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			pr = xrealloc(pr, cap * sizeof(*pr));
			th = xrealloc(th, cap * sizeof(*th));
		}
		p = &pr[n];
		memset(p, 0, sizeof(*p));
		memset(&th[n], 0, sizeof(th[n]));
		p->ratio = p->rr = p->p = NAN;
		for (c = 0; c < STATS_NCRIT; c++) {
			p->given[c] = num_or_die(in, &rec, ccrit[c],
			    crit_name[c]);
			if (!isnan(p->given[c]) && (p->given[c] < 1 ||
			    p->given[c] > 5))
				die(1, "%s:%lu: constraint-error: field '%s' "
				    "is not a score from 1 to 5",
				    rec_name(in), rec.line, crit_name[c]);
		}
		cnt = count_or_die(in, &rec, cc, "count");
		pop = num_or_die(in, &rec, cpop, "population");
		bench = num_or_die(in, &rec, cbench, "bench_rate");
		bc = count_or_die(in, &rec, cbc, "base_count");
		bp = num_or_die(in, &rec, cbp, "base_population");
		haal = num_or_die(in, &rec, chaal, "haal");
		ptr = num_or_die(in, &rec, cptr, "partner_trend");
		br = num_or_die(in, &rec, cbr, "b_ratio");
		bz = num_or_die(in, &rec, cbz, "b_z");
		if (isnan(p->given[STATS_B]) && br > 0) {
			int sc = stats_score_beleving(br, bz);

			if (sc > 0)
				p->given[STATS_B] = sc;
		}
		if (isnan(p->given[STATS_O]) && cnt >= 0 && pop > 0 &&
		    bench > 0) {
			double e = pop * bench / o.per;
			int sc = stats_score_omvang(cnt, e);

			p->ratio = (double)cnt / e;
			if (sc > 0)
				p->given[STATS_O] = sc;
		}
		if (cnt >= 0 && pop > 0 && bc >= 0 && bp > 0) {
			struct stats_rtest t;

			if (stats_rate_test(cnt, pop, bc, bp, 0.95, &t) == 0) {
				int sc = haal > 0 ?
				    stats_score_trend_haal(t.p, t.rr, ptr) :
				    stats_score_trend(t.p, t.rr);

				p->rr = t.rr;
				p->p = t.p;
				if (isnan(p->given[STATS_T]) && sc > 0)
					p->given[STATS_T] = sc;
			}
		}
		p->f = copy_fields(&arena, &rec);
		th[n].id = p->f[ct].p;
		for (c = 0; c < STATS_NCRIT; c++) {
			th[n].score[c] = isnan(p->given[c]) ? 3 :
			    p->given[c];
			if (isnan(p->given[c])) {
				if (p->missing[0] != '\0')
					strcat(p->missing, ",");
				strcat(p->missing, crit_name[c]);
			}
		}
		n++;
	}
	if (rc < 0)
		die(1, "%s", rec_errmsg(in));
	if (o.nwsets == 0)
		for (s = 0; s < STATS_NWSETS; s++)
			memcpy(o.w[s], stats_weight_set(s), sizeof(o.w[s]));
	work = xcalloc(n + 1, sizeof(*work));
	/* Rows in theme id order. */
	{
		struct stats_theme *t2 = xcalloc(n + 1, sizeof(*t2));
		struct prow *p2 = xcalloc(n + 1, sizeof(*p2));
		size_t *ord = xcalloc(n + 1, sizeof(*ord));
		size_t a, b2, tmp;

		for (i = 0; i < n; i++)
			ord[i] = i;
		for (a = 1; a < n; a++)	/* insertion sort: few themes */
			for (b2 = a; b2 > 0 && strcmp(pr[ord[b2 - 1]].f[ct].p,
			    pr[ord[b2]].f[ct].p) > 0; b2--) {
				tmp = ord[b2];
				ord[b2] = ord[b2 - 1];
				ord[b2 - 1] = tmp;
			}
		for (i = 0; i < n; i++) {
			t2[i] = th[ord[i]];
			p2[i] = pr[ord[i]];
			t2[i].id = p2[i].f[ct].p;
		}
		free(th);
		free(pr);
		free(ord);
		th = t2;
		pr = p2;
	}
	stats2_sensitivity(th, n, (const double (*)[STATS_NCRIT])o.w, o.high,
	    work);
	/* Output columns. */
	names = xcalloc(isc->ncols + 32, sizeof(*names));
	extra = xcalloc(isc->ncols + 1, sizeof(*extra));
	nn = 0;
	names[nn++] = "theme";
	if (cname >= 0)
		names[nn++] = "name";
	{
		static const char *const lead[] = { "O", "T", "E", "B", "P",
		    "x", "y", "tier", "S_W0", "S_W1", "S_W2", "S_W3",
		    "gevoelig" };
		static const char *const tail[] = { "omvang_ratio",
		    "trend_rr", "trend_p", "missing" };
		size_t l;

		for (l = 0; l < sizeof(lead) / sizeof(lead[0]); l++)
			names[nn++] = lead[l];
		for (i = 0; i < isc->ncols; i++) {
			bool skip = false;

			for (l = 0; l < nn; l++)
				skip |= strcmp(names[l], isc->name[i]) == 0;
			for (l = 0; l < sizeof(tail) / sizeof(tail[0]); l++)
				skip |= strcmp(tail[l], isc->name[i]) == 0;
			if (!skip) {
				extra[i] = true;
				names[nn++] = isc->name[i];
			}
		}
		for (l = 0; l < sizeof(tail) / sizeof(tail[0]); l++)
			names[nn++] = tail[l];
	}
	osc = schema_new(names, nn);
	out = rec_wopen(stdout, osc);
	of = xcalloc(nn, sizeof(*of));
	for (i = 0; i < n; i++) {
		char buf[16][40];
		size_t k = 0, b = 0;
		static const char *const tiername[] = { "beheers",
		    "strategisch", "prioriteit" };

		of[k++] = pr[i].f[ct];
		if (cname >= 0)
			of[k++] = pr[i].f[cname];
		for (c = 0; c < STATS_NCRIT; c++, b++)
			of[k++] = fmt(buf[b], pr[i].given[c]);
		of[k++] = fmt(buf[b++], stats_axis_x(th[i].score));
		of[k++] = fmt(buf[b++], stats_axis_y(th[i].score));
		of[k++] = field_str(tiername[th[i].tier]);
		for (s = 0; s < STATS_NWSETS; s++)
			of[k++] = fmt(buf[b++], th[i].s[s]);
		of[k++] = field_str(th[i].gevoelig ? "1" : "0");
		for (c = 0; c < (int)isc->ncols; c++)
			if (extra[c])
				of[k++] = pr[i].f[c];
		of[k++] = fmt(buf[b++], pr[i].ratio);
		of[k++] = fmt(buf[b++], pr[i].rr);
		of[k++] = fmt(buf[b++], pr[i].p);
		of[k++] = field_str(pr[i].missing);
		rec_write(out, of, k);
		nprio += th[i].tier == STATS_PRIORITEIT;
	}
	if (nprio > (size_t)o.max_prio)
		warnmsg("warning: %zu themes reach prioriteit; CCV advises "
		    "keeping the number small (at most %ld)", nprio,
		    o.max_prio);
	if (rec_wclose(out) != 0)
		die_errno(1, "io-error: write error");
	msg_close_stdout();
	rec_close(in);
	schema_free(osc);
	free(of);
	free(names);
	free(extra);
	free(work);
	free(th);
	free(pr);
	arena_free(&arena);
	return 0;
}

/* --- neighbours ------------------------------------------------------- */

static int
run_neighbours_of(const char *path)
{
	static const char *const names[] = { "area", "neighbour" };
	struct nbr_pair *p = NULL;
	struct rec_writer *out;
	struct schema *osc;
	struct field f[2];
	char *buf = NULL, err[512];
	size_t len = 0;
	long n, i;

	if ((buf = gzin_slurp(path, 0, &len, err, sizeof(err))) == NULL)
		die(1, "%s", err);
	if ((n = nbr_from_geojson(buf, len, o.code_prop, o.snap, &p, err,
	    sizeof(err))) < 0)
		die(1, "%s: format-error: %s", path, err);
	osc = schema_new(names, 2);
	out = rec_wopen(stdout, osc);
	for (i = 0; i < n; i++) {
		f[0] = field_str(p[i].a);
		f[1] = field_str(p[i].b);
		rec_write(out, f, 2);
	}
	if (rec_wclose(out) != 0)
		die_errno(1, "io-error: write error");
	msg_close_stdout();
	nbr_free(p, n);
	schema_free(osc);
	free(buf);
	return 0;
}

int
main(int argc, char *argv[])
{
	const char *path;
	int ch;

	msg_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "hk:p:v:w:", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'h':
			usage(0);
		case 'k':
			o.key = optarg;
			break;
		case 'v':
			o.value = optarg;
			break;
		case 'w':
			o.window = optarg;
			break;
		case OPT_BOTTOM:
			o.bottom = (long)parse_num(optarg, "--bottom", 1, 1e9);
			break;
		case OPT_CI:
			o.ci = true;
			break;
		case OPT_CODEPROP:
			o.code_prop = optarg;
			break;
		case OPT_COUNT:
			o.count = optarg;
			break;
		case OPT_DESC:
			o.desc = true;
			break;
		case OPT_EB:
			o.eb = true;
			break;
		case OPT_FUNNEL:
			o.funnel = true;
			break;
		case OPT_INDEX:
			o.index = true;
			break;
		case OPT_MAXREC:
			rec_set_max_record(opt_ulong(optarg,
			    "--max-record-bytes"));
			break;
		case OPT_MAXPRIO:
			o.max_prio = (long)parse_num(optarg,
			    "--max-priorities", 0, 1e6);
			break;
		case OPT_NBR:
			o.neighbours = optarg;
			break;
		case OPT_NBROF:
			o.nbr_geojson = optarg;
			break;
		case OPT_ORIENT:
			if (strcmp(optarg, "rotterdam") == 0)
				o.rotterdam = true;
			else if (strcmp(optarg, "amsterdam") == 0)
				o.rotterdam = false;
			else
				die(2, "usage-error: --orientation wants "
				    "amsterdam or rotterdam, not '%s'", optarg);
			break;
		case OPT_PER:
			o.per = parse_num(optarg, "--per", 1e-9, 1e12);
			break;
		case 'p':
			o.pop = optarg;
			break;
		case OPT_PRIO:
			o.priorities = true;
			break;
		case OPT_Q:
			o.q = parse_num(optarg, "--q", 0, 1);
			break;
		case OPT_HIGH:
			o.high = parse_num(optarg, "--tier-threshold", 1, 5);
			break;
		case OPT_TOP:
			o.top = (long)parse_num(optarg, "--top", 1, 1e9);
			break;
		case OPT_SNAP:
			o.snap = parse_num(optarg, "--snap", 0, 1e6);
			break;
		case OPT_SORTED:
			o.sorted = true;
			break;
		case OPT_TREND:
			o.trend = true;
			break;
		case OPT_WSET:
			parse_wset(optarg);
			break;
		case OPT_VERSION:
			printf("vb-rank %s\n", VB_VERSION);
			return 0;
		default:
			usage(2);
		}
	}
	if (argc - optind > 1)
		usage(2);
	if (o.nwsets != 0 && o.nwsets != STATS_NWSETS)
		die(2, "usage-error: give all %d --weight-set options or none",
		    STATS_NWSETS);
	path = optind < argc ? argv[optind] : "-";
	if (o.nbr_geojson != NULL)
		return run_neighbours_of(o.nbr_geojson);
	if (o.priorities)
		return run_priorities(path);
	return run_rank(path);
}
