/* survey -- the Veiligheidsmonitor and the partner survey as tidy tables.
 *
 * Three modes, named by the first operand (METHOD.md §6, §7; FORMATS.md §5,
 * §7):
 *
 * ivm       reads a Veiligheidsmonitor table as records (vb-ingest output)
 *           in the CBS StatLine layout (Marges RegioS Perioden <Stem>_<n>...)
 *           or the flat city layout (period area indicator value margin n,
 *           Dutch column names accepted) and writes one record per area,
 *           wave and indicator:
 *             period area indicator value lower upper n unit direction
 *             theme series status flags
 *           Indicator columns are resolved through an editable table by
 *           DataProperties Title or by name stem, never by position or key
 *           suffix.  The table is buffered, so row order does not matter.
 *           lib/ivm reads the table and the stream into parts; here they
 *           are joined into cells, with margins, n and flags.
 * sig       reads those tidy records (several drops concatenated), rejects a
 *           repeated (period, area, indicator), optionally writes the clean
 *           stream, and writes the difference tests of METHOD.md §7.3:
 *             period area indicator comparison ref_period ref_area value
 *             ref_value diff z p sign mark better n ref_n flags
 * partners  reads the partner survey long format (round respondent_id
 *           organisation organisation_type theme criterion score [wijk]),
 *           validates it and writes per round, wijk, theme and criterion:
 *             round wijk theme criterion score n_org n_resp n_dk org_min
 *             org_max org_sd flags
 *           and, with --agreement, Kendall's W over the organisations' theme
 *           rankings:
 *             round wijk basis m n n_themes w chi2 df p flag */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "csvin.h"
#include "intern.h"
#include "ivm.h"
#include "msg.h"
#include "opt.h"
#include "rec.h"
#include "reject.h"
#include "stats.h"

enum mode { MODE_IVM, MODE_SIG, MODE_PARTNERS };

struct opts {
	enum mode	 mode;
	const char	*rejects;
	const char	*indicators;	/* ivm: indicator table */
	const char	*properties;	/* ivm: DataProperties CSV */
	const char	*themes;	/* partners: themes.tsv */
	const char	*agreement;	/* partners: Kendall's W output */
	const char	*clean;		/* sig: deduplicated indicators */
	const char	*benchmark;	/* sig: one benchmark for all */
	const char	*scores;	/* sig: Beleving per theme */
	const char	*scores_area;	/* sig: area of those scores */
	const char	*org_types;	/* partners: allowed types */
	unsigned long	 max_rejects;
	double		 max_rate;
	int		 decimal;	/* ivm: 0 = by layout */
	double		 deff;
	long		 min_n, indicative_n;
	double		 low_w;
	double		 spread;
};

struct cell {
	int		 year;
	uint32_t	 area;
	int		 ind;
	double		 v, lo, hi, half;
	long		 n;
	enum ivm_cell	 st;
	bool		 has_v, has_lo, has_hi, has_half;
};

enum { OPT_REJECTS = 256, OPT_MAXREJ, OPT_MAXRATE, OPT_VERSION, OPT_IND,
	OPT_PROPS, OPT_THEMES, OPT_AGREE, OPT_CLEAN, OPT_BENCH, OPT_ORGTYPES,
	OPT_DECIMAL, OPT_DEFF, OPT_MINN, OPT_INDN, OPT_LOWW, OPT_SPREAD,
	OPT_SCORES, OPT_SCAREA, OPT_MAXREC };

static const struct option longopts[] = {
	{ "agreement", required_argument, NULL, OPT_AGREE },
	{ "benchmark", required_argument, NULL, OPT_BENCH },
	{ "clean", required_argument, NULL, OPT_CLEAN },
	{ "decimal", required_argument, NULL, OPT_DECIMAL },
	{ "deff", required_argument, NULL, OPT_DEFF },
	{ "help", no_argument, NULL, 'h' },
	{ "indicative-n", required_argument, NULL, OPT_INDN },
	{ "indicators", required_argument, NULL, OPT_IND },
	{ "low-w", required_argument, NULL, OPT_LOWW },
	{ "max-reject-rate", required_argument, NULL, OPT_MAXRATE },
	{ "max-record-bytes", required_argument, NULL, OPT_MAXREC },
	{ "max-rejects", required_argument, NULL, OPT_MAXREJ },
	{ "min-n", required_argument, NULL, OPT_MINN },
	{ "org-types", required_argument, NULL, OPT_ORGTYPES },
	{ "properties", required_argument, NULL, OPT_PROPS },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "scores", required_argument, NULL, OPT_SCORES },
	{ "scores-area", required_argument, NULL, OPT_SCAREA },
	{ "spread", required_argument, NULL, OPT_SPREAD },
	{ "themes", required_argument, NULL, OPT_THEMES },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static const char default_org_types[] = "gemeente,politie,om,brandweer,"
    "veiligheidshuis,riec,woningcorporatie,zorg,welzijn,jongerenwerk,"
    "onderwijs,ondernemers,overig";

static const char *const crit_name[] = { "ernst", "trend", "prioriteit" };
enum { CRIT_ERNST, CRIT_TREND, CRIT_PRIO, NCRIT };

static noreturn void
usage(int status)
{
	FILE *fp = status == 0 ? stdout : stderr;

	fprintf(fp, "usage: %s ivm --indicators file [-h] [--decimal c] "
	    "[--deff d]\n"
	    "          [--indicative-n n] [--max-record-bytes n] "
	    "[--max-reject-rate r]\n"
	    "          [--max-rejects n] [--min-n n] [--properties file] "
	    "[--rejects file]\n          [file]\n"
	    "       %s sig [-h] [--benchmark area] [--clean file]\n"
	    "          [--max-record-bytes n] [--max-reject-rate r] "
	    "[--max-rejects n]\n"
	    "          [--rejects file] [--scores file] [--scores-area area] "
	    "[file]\n"
	    "       %s partners --themes file [-h] [--agreement file] "
	    "[--low-w w]\n"
	    "          [--max-record-bytes n] [--max-reject-rate r] "
	    "[--max-rejects n]\n"
	    "          [--org-types list] [--rejects file] [--spread s] "
	    "[file]\n",
	    progname, progname, progname);
	if (status == 0)
		fputs("\nivm: Veiligheidsmonitor records (StatLine or flat "
		    "layout) to tidy indicators.\nsig: difference tests "
		    "between waves and against a benchmark (METHOD.md 7.3).\n"
		    "partners: partner survey to theme scores per criterion "
		    "and Kendall's W.\nSee vb-survey(1).\n", fp);
	exit(status);
}

static double
parse_double(const char *s, const char *opt)
{
	double v;

	if (!field_double(field_str(s), &v) || v < 0)
		die(2, "usage-error: %s wants a non-negative number, not '%s'",
		    opt, s);
	return v;
}

/* True when the comma list contains f. */
static bool
list_has(const char *list, struct field f)
{
	const char *p = list, *c;

	for (;;) {
		c = strchr(p, ',');
		if (c == NULL)
			c = p + strlen(p);
		if ((size_t)(c - p) == f.len && memcmp(p, f.p, f.len) == 0)
			return true;
		if (*c == '\0')
			return false;
		p = c + 1;
	}
}

/* --- Provenance of a record ------------------------------------------ */

struct prov {
	int		 line_col, file_col;
	const char	*name;
};

static void
prov_init(struct prov *pv, struct rec_reader *in)
{
	pv->line_col = schema_col(rec_schema(in), "_line");
	pv->file_col = schema_col(rec_schema(in), "_file");
	pv->name = rec_name(in);
}

static unsigned long
prov_line(const struct prov *pv, const struct record *r)
{
	long v;

	if (pv->line_col >= 0 && field_long(r->f[pv->line_col], &v) && v > 0)
		return (unsigned long)v;
	return r->line;
}

static const char *
prov_source(const struct prov *pv, const struct record *r)
{
	if (pv->file_col >= 0 && r->f[pv->file_col].len > 0)
		return r->f[pv->file_col].p;
	return pv->name;
}

/* True when key (NUL-free bytes) was seen before; remembers it. */
static bool
seen_key(struct intern *keys, const char *k, size_t len)
{
	uint32_t before = intern_count(keys);

	return intern_id(keys, k, len) < before;
}

static const struct intern *sort_areas;	/* for the qsort comparators */

static int
cmp_part(const void *a, const void *b)
{
	const struct ivm_part *x = a, *y = b;
	int c;

	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	if (x->area != y->area &&
	    (c = strcmp(intern_str(sort_areas, x->area),
	    intern_str(sort_areas, y->area))) != 0)
		return c;
	if (x->ind != y->ind)
		return x->ind < y->ind ? -1 : 1;
	return x->marge - y->marge;
}

static void
flag_add(char *buf, size_t len, const char *flag)
{
	size_t n = strlen(buf);

	snprintf(buf + n, len - n, "%s%s", n > 0 ? "," : "", flag);
}

/* Join the parts into cells and write them. */
static void
ivm_write(struct ivm *s, const struct ivm_table *t, const struct opts *o,
    struct rec_writer *w)
{
	struct ivm_part *parts;
	struct cell c;
	struct field f[13];
	char by[32], bv[32], blo[32], bhi[32], bn[32], ser[32], flags[128];
	size_t i, j, k, nparts;

	parts = ivm_parts(s, &nparts);
	sort_areas = ivm_areas(s);
	if (nparts > 0)
		qsort(parts, nparts, sizeof(*parts), cmp_part);
	for (i = 0; i < nparts; i = j) {
		const struct ivm_part *p = &parts[i];
		const struct ivm_indicator *d = &t->ind[p->ind];
		long n = -1;

		memset(&c, 0, sizeof(c));
		c.st = IVM_MISSING;
		for (j = i; j < nparts && parts[j].year == p->year &&
		    parts[j].area == p->area && parts[j].ind == p->ind; j++) {
			const struct ivm_part *q = &parts[j];

			if (q->st != IVM_OK)
				continue;
			switch (q->marge) {
			case IVM_VALUE:
				c.v = q->v, c.has_v = true;
				break;
			case IVM_LOWER:
				c.lo = q->v, c.has_lo = true;
				break;
			case IVM_UPPER:
				c.hi = q->v, c.has_hi = true;
				break;
			case IVM_HALF:
				c.half = q->v, c.has_half = true;
				break;
			default:
				c.n = (long)q->v;
				n = c.n;
			}
		}
		if (p->ind == t->respondents)
			continue;
		/* The value's own status (from the MW row) wins. */
		for (k = i; k < j; k++)
			if (parts[k].marge == IVM_VALUE)
				c.st = parts[k].st;
		if (c.has_v && c.st == IVM_MISSING)
			c.st = IVM_OK;
		if (c.st != IVM_OK)
			c.has_v = false;
		/* n of this area and wave: the respondents part, before or
		 * after this run of parts in the sorted array. */
		if (n < 0 && t->respondents >= 0) {
			for (k = i; k-- > 0 && parts[k].year == p->year &&
			    parts[k].area == p->area;)
				if (parts[k].ind == t->respondents &&
				    parts[k].marge == IVM_VALUE &&
				    parts[k].st == IVM_OK)
					n = (long)parts[k].v;
			for (k = j; n < 0 && k < nparts &&
			    parts[k].year == p->year &&
			    parts[k].area == p->area; k++)
				if (parts[k].ind == t->respondents &&
				    parts[k].marge == IVM_VALUE &&
				    parts[k].st == IVM_OK)
					n = (long)parts[k].v;
		}
		flags[0] = '\0';
		if (n >= 0 && n < o->min_n && c.st == IVM_OK) {
			c.st = IVM_SUPPRESSED;
			c.has_v = false;
		}
		if (c.has_half && c.has_v) {
			c.lo = c.v - c.half, c.has_lo = true;
			c.hi = c.v + c.half, c.has_hi = true;
		}
		if (c.has_v && !(c.has_lo && c.has_hi) && n > 0 &&
		    strcmp(d->unit, "pct") == 0) {
			double m = 100 * stats_share_margin(c.v / 100,
			    (double)n, o->deff);
			char fl[48];

			c.lo = c.v - m, c.hi = c.v + m;
			c.has_lo = c.has_hi = true;
			snprintf(fl, sizeof(fl), "marge-berekend:deff=%g",
			    o->deff);
			flag_add(flags, sizeof(flags), fl);
		}
		if (c.has_v && !(c.has_lo && c.has_hi))
			flag_add(flags, sizeof(flags), "geen-marge");
		if (n < 0)
			flag_add(flags, sizeof(flags), "geen-n");
		else if (n >= o->min_n && n < o->indicative_n)
			flag_add(flags, sizeof(flags), "indicatief");
		if (c.st != IVM_OK)
			c.has_v = c.has_lo = c.has_hi = false;
		ivm_series(d, p->year, ser, sizeof(ser));
		f[0] = field_fmt_long(by, p->year);
		f[1] = field_str(intern_str(sort_areas, p->area));
		f[2] = field_str(d->id);
		f[3] = c.has_v ? field_fmt_double(bv, c.v, 6) : field_str("");
		f[4] = c.has_lo ? field_fmt_double(blo, c.lo, 6) :
		    field_str("");
		f[5] = c.has_hi ? field_fmt_double(bhi, c.hi, 6) :
		    field_str("");
		f[6] = n >= 0 ? field_fmt_long(bn, n) : field_str("");
		f[7] = field_str(d->unit);
		f[8] = field_str(d->direction);
		f[9] = field_str(d->theme);
		f[10] = field_str(ser);
		f[11] = field_str(ivm_cell_name[c.st]);
		f[12] = field_str(flags);
		rec_write(w, f, 13);
	}
}

/* A schema-drift warning of the reader, counted by the reject stream. */
static void
ivm_warned(void *arg, const char *source, unsigned long line,
    const char *code, const char *msg)
{
	reject_warn(arg, source, line, code, "%s", msg);
}

static int
run_ivm(const struct opts *o, const char *path)
{
	struct ivm_table *t;
	struct ivm_props *pp = NULL;
	struct ivm_reject x;
	struct ivm_warn wn;
	struct ivm *s;
	struct rec_reader *in;
	struct rec_writer *w;
	struct reject *rj;
	struct schema *osc;
	char err[4096];
	int rc;
	unsigned long nread = 0, nkept = 0;

	if ((t = ivm_table_load(o->indicators, err, sizeof(err))) == NULL)
		die(1, "%s", err);
	if (o->properties != NULL &&
	    (pp = ivm_props_load(o->properties, err, sizeof(err))) == NULL)
		die(1, "%s", err);
	rj = reject_open("survey-ivm", o->rejects);
	reject_limits(rj, o->max_rejects, o->max_rate);
	wn = (struct ivm_warn){ ivm_warned, rj };
	s = ivm_new(t, pp, o->decimal, &wn);
	if ((in = rec_open(path)) == NULL)
		die_errno(1, "source-missing: %s", path);
	if (ivm_begin(s, in) != 0)
		die(1, "%s", ivm_errmsg(s));
	osc = schema_parse("period,area,indicator,value,lower,upper,n,unit,"
	    "direction,theme,series,status,flags");
	while ((rc = ivm_read(s, &x)) > 0) {
		nread++;
		if (rc == 1)
			nkept++;
		else
			reject_row(rj, x.source, x.line, x.row, x.field,
			    x.code, "%s", x.msg);
	}
	if (rc < 0)
		die(1, "%s", ivm_errmsg(s));
	if (nread == 0)
		reject_warn(rj, rec_name(in), 1, "empty-source", "no records");
	w = rec_wopen(stdout, osc);
	ivm_write(s, t, o, w);
	if (rec_wclose(w) != 0)
		die_errno(1, "io-error: write error");
	msg_close_stdout();
	rec_close(in);
	schema_free(osc);
	ivm_free(s);
	ivm_table_free(t);
	ivm_props_free(pp);
	return reject_summary(rj, nread, nkept) == 0 ? 0 : 1;
}

/* --- sig: difference tests --------------------------------------------- */

struct trow {
	const char	*area, *ind, *unit, *direction, *series, *flags;
	const char	*theme;
	int		 year;
	double		 v, lo, hi;
	long		 n;
	bool		 usable;	/* value and bounds, no status */
	bool		 has_v;
};

static int
cmp_trow(const void *a, const void *b)
{
	const struct trow *x = a, *y = b;
	int c;

	if ((c = strcmp(x->ind, y->ind)) != 0)
		return c;
	if ((c = strcmp(x->area, y->area)) != 0)
		return c;
	return x->year - y->year;
}

static const struct trow *
trow_find(const struct trow *t, size_t n, const char *ind, const char *area,
    int year)
{
	struct trow k = { .area = area, .ind = ind, .year = year };

	return bsearch(&k, t, n, sizeof(*t), cmp_trow);
}

/* The default benchmark of an area: its gemeente for a WK/BU code, NL01
 * for a gemeente; NULL otherwise. */
static const char *
default_bench(const char *area, char *buf, size_t len)
{
	if ((strncmp(area, "WK", 2) == 0 || strncmp(area, "BU", 2) == 0) &&
	    strlen(area) >= 6) {
		snprintf(buf, len, "GM%.4s", area + 2);
		return buf;
	}
	if (strncmp(area, "GM", 2) == 0)
		return "NL01";
	return NULL;
}

static void
sig_write(struct rec_writer *w, const struct trow *a, const struct trow *b,
    const char *kind)
{
	struct field f[17];
	char b0[32], b1[32], b2[32], b3[32], b4[32], b5[32], b6[32], b7[32],
	    b8[32], b9[32], b10[32], flags[128];
	double z, p, m1, m2;
	int sign, better = 0;
	bool brk = strcmp(a->series, b->series) != 0;

	m1 = (b->hi - b->lo) / 2;
	m2 = (a->hi - a->lo) / 2;
	z = stats_diff_z(b->v, m1, a->v, m2);
	p = isnan(z) ? NAN : stats_p_two_sided(z);
	sign = isnan(z) ? 0 : stats_diff_sign(z);
	flags[0] = '\0';
	if (brk)
		flag_add(flags, sizeof(flags), "methodebreuk");
	if (strstr(a->flags, "indicatief") || strstr(b->flags, "indicatief"))
		flag_add(flags, sizeof(flags), "indicatief");
	if (strstr(a->flags, "marge-berekend") ||
	    strstr(b->flags, "marge-berekend"))
		flag_add(flags, sizeof(flags), "marge-berekend");
	if (strcmp(a->direction, "1") == 0)
		better = sign;
	else if (strcmp(a->direction, "0") == 0)
		better = -sign;
	f[0] = field_fmt_long(b0, a->year);
	f[1] = field_str(a->area);
	f[2] = field_str(a->ind);
	f[3] = field_str(kind);
	f[4] = field_fmt_long(b1, b->year);
	f[5] = field_str(b->area);
	f[6] = field_fmt_double(b2, a->v, 6);
	f[7] = field_fmt_double(b3, b->v, 6);
	f[8] = field_fmt_double(b4, a->v - b->v, 6);
	f[9] = field_fmt_double(b5, z, 6);
	f[10] = field_fmt_double(b6, p, 6);
	/* Across a method break the difference is shown, never marked. */
	f[11] = brk || isnan(z) ? field_str("") : field_fmt_long(b7, sign);
	f[12] = field_str(brk || sign == 0 ? "" : sign > 0 ? "+" : "\u2013");
	f[13] = brk || isnan(z) || a->direction[0] == '\0' ? field_str("") :
	    field_fmt_long(b8, better);
	f[14] = a->n >= 0 ? field_fmt_long(b9, a->n) : field_str("");
	f[15] = b->n >= 0 ? field_fmt_long(b10, b->n) : field_str("");
	f[16] = field_str(flags);
	rec_write(w, f, 17);
}

static int
cmp_strp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Beleving per theme (METHOD.md §6, criterion B): for the area's latest
 * wave with a usable benchmark, every share indicator where lower is
 * better ("% veel overlast", "% onveilig", ...) gets the band of
 * value / benchmark, capped at 3 unless the difference test is significant
 * (stats_score_beleving); B is their mean, rounded half up. */
static void
scores_write(const struct opts *o, const struct trow *t, size_t nt)
{
	struct rec_writer *w;
	struct schema *sc;
	FILE *fp;
	const char *area = o->scores_area, *bench;
	char bb[16], b1[32], b2[32], b3[32], list[1024];
	const char **th;
	int year = -1;
	size_t i, j, k, nth = 0;

	/* Default area: the first gemeente code in the data. */
	for (i = 0; area == NULL && i < nt; i++)
		if (strncmp(t[i].area, "GM", 2) == 0)
			area = t[i].area;
	for (i = 0; i < nt && area != NULL; i++)
		if (area == t[i].area || strcmp(area, t[i].area) == 0)
			area = t[i].area;
	bench = area == NULL ? NULL : o->benchmark != NULL ? o->benchmark :
	    default_bench(area, bb, sizeof(bb));
	for (i = 0; bench != NULL && i < nt; i++) {
		const struct trow *b;

		if (strcmp(t[i].area, area) != 0 || !t[i].usable ||
		    t[i].year <= year)
			continue;
		b = trow_find(t, nt, t[i].ind, bench, t[i].year);
		if (b != NULL && b->usable)
			year = t[i].year;
	}
	if ((fp = fopen(o->scores, "w")) == NULL)
		die_errno(1, "io-error: %s", o->scores);
	sc = schema_parse("theme,B,area,period,benchmark,n_ind,indicators");
	w = rec_wopen(fp, sc);
	/* The themes, in byte order of their ids. */
	th = xcalloc(nt + 1, sizeof(*th));
	for (i = 0; year >= 0 && i < nt; i++) {
		for (k = 0; k < nth && strcmp(th[k], t[i].theme) != 0; k++)
			continue;
		if (k == nth && t[i].theme[0] != '\0')
			th[nth++] = t[i].theme;
	}
	qsort(th, nth, sizeof(*th), cmp_strp);
	for (j = 0; j < nth; j++) {
		double sum = 0;
		long n = 0;
		struct field f[7];

		list[0] = '\0';
		for (k = 0; k < nt; k++) {
			const struct trow *a = &t[k], *b;
			char item[96];
			double z;
			int sv;

			if (strcmp(a->theme, th[j]) != 0 ||
			    strcmp(a->area, area) != 0 || a->year != year ||
			    !a->usable || strcmp(a->unit, "pct") != 0 ||
			    strcmp(a->direction, "0") != 0)
				continue;
			b = trow_find(t, nt, a->ind, bench, year);
			if (b == NULL || !b->usable || !(b->v > 0))
				continue;
			z = stats_diff_z(b->v, (b->hi - b->lo) / 2, a->v,
			    (a->hi - a->lo) / 2);
			sv = stats_score_beleving(a->v / b->v, z);
			sum += sv;
			n++;
			snprintf(item, sizeof(item), "%s:%d", a->ind, sv);
			flag_add(list, sizeof(list), item);
		}
		if (n == 0)
			continue;
		f[0] = field_str(th[j]);
		f[1] = field_fmt_long(b1, (long)floor(sum / (double)n + 0.5));
		f[2] = field_str(area);
		f[3] = field_fmt_long(b2, year);
		f[4] = field_str(bench);
		f[5] = field_fmt_long(b3, n);
		f[6] = field_str(list);
		rec_write(w, f, 7);
	}
	if (rec_wclose(w) != 0 || fclose(fp) != 0)
		die_errno(1, "io-error: %s", o->scores);
	schema_free(sc);
	free(th);
}

static int
run_sig(const struct opts *o, const char *path)
{
	static const char *const need[] = { "period", "area", "indicator",
		"value", "lower", "upper", "n", "unit", "direction", "series",
		"status", "flags", "theme" };
	enum { NNEED = sizeof(need) / sizeof(need[0]) };
	struct rec_reader *in;
	struct rec_writer *w, *cw = NULL;
	struct record r;
	struct prov pv;
	struct arena ar = { 0 };
	struct intern *keys = intern_new();
	const struct schema *sc;
	struct schema *osc;
	struct trow *t = NULL;
	size_t *first = NULL;	/* key id -> index in t */
	struct reject *rj;
	FILE *cfp = NULL;
	size_t nt = 0, cap = 0, i;
	int col[NNEED], rc;
	unsigned long nread = 0, nkept = 0;

	rj = reject_open("survey-sig", o->rejects);
	reject_limits(rj, o->max_rejects, o->max_rate);
	if ((in = rec_open(path)) == NULL)
		die_errno(1, "source-missing: %s", path);
	prov_init(&pv, in);
	sc = rec_schema(in);
	if (sc->ncols == 0 && rec_read(in, &r) < 0)
		die(1, "%s", rec_errmsg(in));
	for (i = 0; i < NNEED; i++)
		if ((col[i] = schema_col(sc, need[i])) < 0)
			die(1, "%s:1: missing-label: no column '%s' (vb-survey "
			    "ivm output expected)", pv.name, need[i]);
	if (o->clean != NULL) {
		if ((cfp = fopen(o->clean, "w")) == NULL)
			die_errno(1, "io-error: %s", o->clean);
		cw = rec_wopen(cfp, sc);
	}
	while ((rc = rec_read(in, &r)) == 1) {
		struct trow *x;
		char key[256];
		int kl, year;
		const char *src = prov_source(&pv, &r);
		unsigned long line = prov_line(&pv, &r);

		nread++;
		if ((year = ivm_parse_year(r.f[col[0]])) < 0) {
			reject_row(rj, src, line, nread, "period",
			    "type-error/period", "period is not YYYY");
			continue;
		}
		kl = snprintf(key, sizeof(key), "%d\037%s\037%s", year,
		    r.f[col[1]].p, r.f[col[2]].p);
		if (r.f[col[1]].len == 0 || r.f[col[2]].len == 0) {
			reject_row(rj, src, line, nread, NULL,
			    "constraint-error/required", "no area or "
			    "indicator");
			continue;
		}
		if (seen_key(keys, key, (size_t)kl)) {
			const struct trow *e = &t[first[intern_find(keys, key,
			    (size_t)kl)]];
			double v;

			/* The same figure from two drops (a city file and
			 * StatLine) is a duplicate; a different one a clash. */
			if (field_eq(r.f[col[6]], "") == (e->n < 0) &&
			    (r.f[col[6]].len == 0 || strtol(r.f[col[6]].p,
			    NULL, 10) == e->n) &&
			    field_double(r.f[col[3]], &v) == e->has_v &&
			    (!e->has_v || v == e->v))
				reject_row(rj, src, line, nread, NULL,
				    "duplicate-row", "the same period, area, "
				    "indicator and value as an earlier record");
			else
				reject_row(rj, src, line, nread, NULL,
				    "primary-key", "the same period, area and "
				    "indicator as an earlier record, another "
				    "value");
			continue;
		}
		if (nt == cap) {
			cap = cap ? 2 * cap : 256;
			t = xrealloc(t, cap * sizeof(*t));
			first = xrealloc(first, cap * sizeof(*first));
		}
		first[intern_count(keys) - 1] = nt;
		x = &t[nt];
		x->year = year;
		x->area = arena_strndup(&ar, r.f[col[1]].p, r.f[col[1]].len);
		x->ind = arena_strndup(&ar, r.f[col[2]].p, r.f[col[2]].len);
		x->unit = arena_strndup(&ar, r.f[col[7]].p, r.f[col[7]].len);
		x->direction = arena_strndup(&ar, r.f[col[8]].p,
		    r.f[col[8]].len);
		x->series = arena_strndup(&ar, r.f[col[9]].p,
		    r.f[col[9]].len);
		x->flags = arena_strndup(&ar, r.f[col[11]].p,
		    r.f[col[11]].len);
		x->theme = arena_strndup(&ar, r.f[col[12]].p,
		    r.f[col[12]].len);
		if (r.f[col[6]].len == 0 || !field_long(r.f[col[6]], &x->n))
			x->n = -1;
		x->has_v = field_double(r.f[col[3]], &x->v);
		x->usable = r.f[col[10]].len == 0 && x->has_v &&
		    field_double(r.f[col[4]], &x->lo) &&
		    field_double(r.f[col[5]], &x->hi) && x->hi >= x->lo;
		nt++;
		nkept++;
		if (cw != NULL)
			rec_write(cw, r.f, r.nf);
	}
	if (rc < 0)
		die(1, "%s", rec_errmsg(in));
	if (nread == 0)
		reject_warn(rj, pv.name, 1, "empty-source", "no records");
	if (cw != NULL && (rec_wclose(cw) != 0 || fclose(cfp) != 0))
		die_errno(1, "io-error: %s", o->clean);
	if (nt > 0)
		qsort(t, nt, sizeof(*t), cmp_trow);
	osc = schema_parse("period,area,indicator,comparison,ref_period,"
	    "ref_area,value,ref_value,diff,z,p,sign,mark,better,n,ref_n,flags");
	w = rec_wopen(stdout, osc);
	for (i = 0; i < nt; i++) {
		const struct trow *a = &t[i], *b;
		char bb[16];
		const char *bench;
		size_t k;

		if (!a->usable)
			continue;
		/* Previous usable wave of the same area and indicator. */
		for (k = i; k-- > 0 && strcmp(t[k].ind, a->ind) == 0 &&
		    strcmp(t[k].area, a->area) == 0;)
			if (t[k].usable) {
				sig_write(w, a, &t[k], "wave");
				break;
			}
		bench = o->benchmark != NULL ? o->benchmark :
		    default_bench(a->area, bb, sizeof(bb));
		if (bench == NULL || strcmp(bench, a->area) == 0)
			continue;
		b = trow_find(t, nt, a->ind, bench, a->year);
		if (b != NULL && b->usable)
			sig_write(w, a, b, "benchmark");
	}
	if (rec_wclose(w) != 0)
		die_errno(1, "io-error: write error");
	if (o->scores != NULL)
		scores_write(o, t, nt);
	msg_close_stdout();
	rec_close(in);
	schema_free(osc);
	arena_free(&ar);
	intern_free(keys);
	free(t);
	free(first);
	return reject_summary(rj, nread, nkept) == 0 ? 0 : 1;
}

/* --- partners ----------------------------------------------------------- */

struct prow {
	uint32_t	 round, resp, org, wijk, rk;	/* interned */
	int		 theme;		/* index in themes.tsv */
	int		 crit;
	int		 score;
	bool		 dk;		/* empty score: "weet niet" */
	const char	*src;
	unsigned long	 line, row;
};

struct pstate {
	struct intern	*str;		/* rounds, respondents, orgs... */
	char		**theme;
	size_t		 ntheme;
	struct prow	*rows;
	size_t		 n, cap;
};

static void
themes_load(struct pstate *ps, const char *path)
{
	struct rec_reader *in;
	struct record r;
	int col = -1, rc;

	if ((in = rec_open(path)) == NULL)
		die_errno(1, "config-error: %s", path);
	if (rec_schema(in)->ncols > 0 &&
	    (col = schema_col(rec_schema(in), "theme")) < 0)
		die(1, "%s:1: config-error: no column 'theme'", path);
	while ((rc = rec_read(in, &r)) == 1) {
		/* excl and total are bookkeeping ids, not themes to score. */
		if (field_eq(r.f[col], "excl") || field_eq(r.f[col], "total") ||
		    r.f[col].len == 0)
			continue;
		ps->theme = xrealloc(ps->theme, (ps->ntheme + 1) *
		    sizeof(char *));
		ps->theme[ps->ntheme++] = xstrdup(r.f[col].p);
	}
	if (rc < 0)
		die(1, "config-error: %s", rec_errmsg(in));
	if (ps->ntheme == 0)
		die(1, "%s:1: config-error: no themes", path);
	rec_close(in);
}

static int
theme_index(const struct pstate *ps, struct field f)
{
	size_t i;

	for (i = 0; i < ps->ntheme; i++)
		if (field_eq(f, ps->theme[i]))
			return (int)i;
	return -1;
}

static bool
round_ok(struct field f)
{
	size_t i;

	if (f.len != 4 && f.len != 7)
		return false;
	for (i = 0; i < f.len; i++)
		if (!(i == 4 ? f.p[i] == '-' : isdigit((unsigned char)f.p[i])))
			return false;
	return true;
}

static bool
wijk_ok(struct field f)
{
	size_t i;

	if (f.len == 0)
		return true;
	if (f.len != 8 || memcmp(f.p, "WK", 2) != 0)
		return false;
	for (i = 2; i < 8; i++)
		if (!isdigit((unsigned char)f.p[i]))
			return false;
	return true;
}

enum { PC_ROUND, PC_RESP, PC_ORG, PC_OTYPE, PC_THEME, PC_CRIT, PC_SCORE,
	PC_WIJK, NPC };
static const char *const pcol_name[NPC] = { "round", "respondent_id",
	"organisation", "organisation_type", "theme", "criterion", "score",
	"wijk" };

/* Row-local checks of one partner record; true when it is stored. */
static bool
partner_row(struct pstate *ps, struct reject *rj, const struct opts *o,
    const struct record *r, const int *pc, const char *src,
    unsigned long line, unsigned long row)
{
	struct field f[NPC];
	struct prow *x;
	long sc = 0;
	int k, crit = -1, th;
	char key[256];
	size_t kl;

	for (k = 0; k < NPC; k++)
		f[k] = pc[k] >= 0 ? field_trim(r->f[pc[k]]) : field_str("");
	for (k = PC_ROUND; k <= PC_CRIT; k++)
		if (f[k].len == 0) {
			reject_row(rj, src, line, row, pcol_name[k],
			    "constraint-error/required", "empty");
			return false;
		}
	if (!round_ok(f[PC_ROUND])) {
		reject_row(rj, src, line, row, "round",
		    "constraint-error/pattern", "round is not YYYY or YYYY-nn");
		return false;
	}
	if (memchr(f[PC_RESP].p, '@', f[PC_RESP].len) != NULL) {
		/* A pseudonym only; the value is not echoed. */
		reject_row(rj, src, line, row, "respondent_id",
		    "constraint-error/pattern", "looks like an e-mail address, "
		    "not a pseudonym");
		return false;
	}
	if (!list_has(o->org_types, f[PC_OTYPE])) {
		reject_row(rj, src, line, row, "organisation_type",
		    "constraint-error/enum", "not in the list of organisation "
		    "types");
		return false;
	}
	if ((th = theme_index(ps, f[PC_THEME])) < 0) {
		reject_row(rj, src, line, row, "theme", "foreign-key",
		    "theme id not in the themes table");
		return false;
	}
	for (k = 0; k < NCRIT; k++)
		if (field_eq(f[PC_CRIT], crit_name[k]))
			crit = k;
	if (crit < 0) {
		reject_row(rj, src, line, row, "criterion",
		    "constraint-error/enum", "criterion is not ernst, trend or "
		    "prioriteit");
		return false;
	}
	if (f[PC_SCORE].len > 0) {
		long lo = crit == CRIT_TREND ? -1 : 1;
		long hi = crit == CRIT_TREND ? 1 : 5;

		if (!field_long(f[PC_SCORE], &sc)) {
			reject_row(rj, src, line, row, "score",
			    "type-error/integer", "score is not a whole "
			    "number");
			return false;
		}
		if (sc < lo || sc > hi) {
			reject_row(rj, src, line, row, "score",
			    sc < lo ? "constraint-error/minimum" :
			    "constraint-error/maximum",
			    "score outside %ld..%ld for %s", lo, hi,
			    crit_name[crit]);
			return false;
		}
	}
	if (!wijk_ok(f[PC_WIJK])) {
		reject_row(rj, src, line, row, "wijk",
		    "constraint-error/pattern", "wijk is not empty or WK + 6 "
		    "digits");
		return false;
	}
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 1024;
		ps->rows = xrealloc(ps->rows, ps->cap * sizeof(*ps->rows));
	}
	x = &ps->rows[ps->n++];
	x->round = intern_id(ps->str, f[PC_ROUND].p, f[PC_ROUND].len);
	x->resp = intern_id(ps->str, f[PC_RESP].p, f[PC_RESP].len);
	x->org = intern_id(ps->str, f[PC_ORG].p, f[PC_ORG].len);
	x->wijk = intern_id(ps->str, f[PC_WIJK].p, f[PC_WIJK].len);
	kl = (size_t)snprintf(key, sizeof(key), "%.*s\037%.*s",
	    (int)f[PC_ROUND].len, f[PC_ROUND].p, (int)f[PC_RESP].len,
	    f[PC_RESP].p);
	x->rk = intern_id(ps->str, key, kl < sizeof(key) ? kl :
	    sizeof(key) - 1);
	x->theme = th;
	x->crit = crit;
	x->score = (int)sc;
	x->dk = f[PC_SCORE].len == 0;
	x->src = src;
	x->line = line;
	x->row = row;
	return true;
}

static const struct pstate *sort_ps;

static int
cmp_str_id(uint32_t a, uint32_t b)
{
	return a == b ? 0 : strcmp(intern_str(sort_ps->str, a),
	    intern_str(sort_ps->str, b));
}

/* Order of aggregation: round, wijk, theme, criterion, organisation. */
static int
cmp_prow(const void *pa, const void *pb)
{
	const struct prow *a = pa, *b = pb;
	int c;

	if ((c = cmp_str_id(a->round, b->round)) != 0 ||
	    (c = cmp_str_id(a->wijk, b->wijk)) != 0)
		return c;
	if (a->theme != b->theme)
		return a->theme < b->theme ? -1 : 1;
	if (a->crit != b->crit)
		return a->crit - b->crit;
	if ((c = cmp_str_id(a->org, b->org)) != 0)
		return c;
	return a->row < b->row ? -1 : a->row > b->row;
}

/* Organisation means of one (round, wijk) scope, for Kendall's W. */
struct omean {
	uint32_t	 org;
	int		 theme, crit;
	double		 mean;
};

static void
agreement_write(struct rec_writer *w, const struct pstate *ps,
    const struct prow *first, struct omean *om, size_t nom,
    const struct opts *o)
{
	struct field f[11];
	char b[8][32];
	uint32_t *org = NULL;
	size_t norg = 0, i, j, k, n = 0, nany = 0;
	int *basis, nb[NCRIT] = { 0 };
	double *mat, *ranks, wv = NAN, chi2 = NAN, p = NAN;
	size_t *work;
	bool *item;

	for (i = 0; i < nom; i++) {
		for (j = 0; j < norg && org[j] != om[i].org; j++)
			continue;
		if (j == norg) {
			org = xrealloc(org, (norg + 1) * sizeof(*org));
			org[norg++] = om[i].org;
		}
	}
	basis = xcalloc(norg + 1, sizeof(*basis));
	mat = xmalloc((norg * ps->ntheme + 1) * sizeof(*mat));
	for (i = 0; i < norg * ps->ntheme; i++)
		mat[i] = NAN;
	/* Each organisation ranks by prioriteit, or by ernst if it gave no
	 * prioriteit score (METHOD.md §6). */
	for (j = 0; j < norg; j++) {
		basis[j] = CRIT_ERNST;
		for (i = 0; i < nom; i++)
			if (om[i].org == org[j] && om[i].crit == CRIT_PRIO)
				basis[j] = CRIT_PRIO;
		nb[basis[j]]++;
	}
	for (i = 0; i < nom; i++) {
		for (j = 0; org[j] != om[i].org; j++)
			continue;
		if (om[i].crit == basis[j])
			mat[j * ps->ntheme + (size_t)om[i].theme] = om[i].mean;
	}
	/* Items: the themes every organisation rated. */
	item = xcalloc(ps->ntheme + 1, sizeof(*item));
	for (k = 0; k < ps->ntheme; k++) {
		bool all = norg > 0, any = false;

		for (j = 0; j < norg; j++) {
			if (isnan(mat[j * ps->ntheme + k]))
				all = false;
			else
				any = true;
		}
		item[k] = all;
		n += all;
		nany += any;
	}
	if (norg >= 2 && n >= 2) {
		double *v = xmalloc(n * sizeof(*v));

		ranks = xmalloc(norg * n * sizeof(*ranks));
		work = xmalloc(n * sizeof(*work));
		for (j = 0; j < norg; j++) {
			size_t q = 0;

			for (k = 0; k < ps->ntheme; k++)
				if (item[k])
					v[q++] = mat[j * ps->ntheme + k];
			stats_rank_avg(v, n, true, ranks + j * n, work);
		}
		wv = stats_kendall_w(ranks, norg, n, work);
		chi2 = (double)norg * (double)(n - 1) * wv;
		p = 1 - stats_pgamma((double)(n - 1) / 2, chi2 / 2);
		free(v);
		free(ranks);
		free(work);
	}
	f[0] = field_str(intern_str(ps->str, first->round));
	f[1] = field_str(intern_str(ps->str, first->wijk));
	f[2] = field_str(norg == 0 ? "" : nb[CRIT_PRIO] == (int)norg ?
	    "prioriteit" : nb[CRIT_ERNST] == (int)norg ? "ernst" : "gemengd");
	f[3] = field_fmt_long(b[0], (long)norg);
	f[4] = field_fmt_long(b[1], (long)n);
	f[5] = field_fmt_long(b[2], (long)nany);
	f[6] = field_fmt_double(b[3], wv, 6);
	f[7] = field_fmt_double(b[4], chi2, 6);
	f[8] = isnan(wv) ? field_str("") : field_fmt_long(b[5], (long)n - 1);
	f[9] = field_fmt_double(b[6], p, 6);
	f[10] = field_str(isnan(wv) ? "te-weinig" : wv < o->low_w ?
	    "validatie" : "");
	rec_write(w, f, 11);
	free(org);
	free(basis);
	free(mat);
	free(item);
}

static int
run_partners(const struct opts *o, const char *path)
{
	struct pstate ps = { 0 };
	struct rec_reader *in;
	struct rec_writer *w, *aw = NULL;
	struct record r;
	struct prov pv;
	struct reject *rj;
	struct arena ar = { 0 };
	struct intern *pk = intern_new();
	const struct schema *sc;
	struct schema *osc, *asc;
	struct omean *om = NULL;
	FILE *afp = NULL;
	uint32_t *rorg, norg_ids;
	bool *conflict;
	size_t i, j, k, nom = 0, omcap = 0, scope;
	int pc[NPC], rc;
	unsigned long nread = 0, nkept = 0;

	themes_load(&ps, o->themes);
	ps.str = intern_new();
	rj = reject_open("survey-partners", o->rejects);
	reject_limits(rj, o->max_rejects, o->max_rate);
	if ((in = rec_open(path)) == NULL)
		die_errno(1, "source-missing: %s", path);
	prov_init(&pv, in);
	sc = rec_schema(in);
	if (sc->ncols == 0 && rec_read(in, &r) < 0)
		die(1, "%s", rec_errmsg(in));
	for (k = 0; k < NPC; k++)
		if ((pc[k] = schema_col(sc, pcol_name[k])) < 0 && k != PC_WIJK)
			die(1, "%s:1: missing-label: no column '%s' "
			    "(FORMATS.md §7)", pv.name, pcol_name[k]);
	while ((rc = rec_read(in, &r)) == 1) {
		const char *src = prov_source(&pv, &r);

		nread++;
		if (src != pv.name)
			src = arena_strndup(&ar, src, strlen(src));
		partner_row(&ps, rj, o, &r, pc, src, prov_line(&pv, &r),
		    nread);
	}
	if (rc < 0)
		die(1, "%s", rec_errmsg(in));
	if (nread == 0)
		reject_warn(rj, pv.name, 1, "empty-source", "no records");
	/* A respondent belongs to one organisation per round: when one
	 * answers for two, none of their answers can be attributed. */
	norg_ids = intern_count(ps.str);
	rorg = xmalloc((norg_ids + 1) * sizeof(*rorg));
	conflict = xcalloc(norg_ids + 1, sizeof(*conflict));
	for (i = 0; i < norg_ids; i++)
		rorg[i] = UINT32_MAX;
	for (i = 0; i < ps.n; i++) {
		struct prow *x = &ps.rows[i];

		if (rorg[x->rk] == UINT32_MAX)
			rorg[x->rk] = x->org;
		else if (rorg[x->rk] != x->org)
			conflict[x->rk] = true;
	}
	for (i = j = 0; i < ps.n; i++) {
		struct prow *x = &ps.rows[i];
		char key[96];
		int kl;

		if (conflict[x->rk]) {
			reject_row(rj, x->src, x->line, x->row,
			    "organisation", "row-constraint", "respondent "
			    "answers for more than one organisation in this "
			    "round");
			continue;
		}
		kl = snprintf(key, sizeof(key), "%u\037%d\037%d\037%u", x->rk,
		    x->theme, x->crit, x->wijk);
		if (seen_key(pk, key, (size_t)kl)) {
			reject_row(rj, x->src, x->line, x->row, NULL,
			    "primary-key", "the same round, respondent, theme, "
			    "criterion and wijk as an earlier row");
			continue;
		}
		ps.rows[j++] = *x;
	}
	ps.n = j;
	nkept = (unsigned long)ps.n;
	sort_ps = &ps;
	if (ps.n > 0)
		qsort(ps.rows, ps.n, sizeof(*ps.rows), cmp_prow);

	osc = schema_parse("round,wijk,theme,criterion,score,n_org,n_resp,"
	    "n_dk,org_min,org_max,org_sd,flags");
	asc = schema_parse("round,wijk,basis,m,n,n_themes,w,chi2,df,p,flag");
	w = rec_wopen(stdout, osc);
	if (o->agreement != NULL) {
		if ((afp = fopen(o->agreement, "w")) == NULL)
			die_errno(1, "io-error: %s", o->agreement);
		aw = rec_wopen(afp, asc);
	}
	scope = 0;
	for (i = 0; i < ps.n; i = j) {
		const struct prow *g = &ps.rows[i];
		double sum = 0, ss = 0, mn = INFINITY, mx = -INFINITY, lim;
		double mean = NAN, sd = NAN;
		long norg = 0, nresp = 0, ndk = 0;
		struct field f[12];
		char b[8][32], flags[64];

		for (j = i; j < ps.n && ps.rows[j].round == g->round &&
		    ps.rows[j].wijk == g->wijk &&
		    ps.rows[j].theme == g->theme && ps.rows[j].crit == g->crit;
		    j++)
			continue;
		/* Mean per organisation first, then over organisations. */
		for (k = i; k < j;) {
			size_t e;
			double os = 0;
			long on = 0;

			for (e = k; e < j && ps.rows[e].org == ps.rows[k].org;
			    e++) {
				if (ps.rows[e].dk) {
					ndk++;
					continue;
				}
				os += ps.rows[e].score;
				on++;
			}
			if (on > 0) {
				double m = os / (double)on;

				sum += m;
				ss += m * m;
				norg++;
				nresp += on;
				mn = m < mn ? m : mn;
				mx = m > mx ? m : mx;
				if (nom == omcap) {
					omcap = omcap ? 2 * omcap : 256;
					om = xrealloc(om, omcap * sizeof(*om));
				}
				om[nom++] = (struct omean){ ps.rows[k].org,
				    g->theme, g->crit, m };
			}
			k = e;
		}
		if (norg > 0)
			mean = sum / (double)norg;
		if (norg > 1)
			sd = sqrt(fmax(0, (ss - (double)norg * mean * mean) /
			    (double)(norg - 1)));
		flags[0] = '\0';
		/* trend spans -1..1, half the width of the 1..5 scales. */
		lim = g->crit == CRIT_TREND ? o->spread / 2 : o->spread;
		if (sd >= lim)
			flag_add(flags, sizeof(flags), "spreiding");
		if (norg < 3)
			flag_add(flags, sizeof(flags), "weinig-organisaties");
		f[0] = field_str(intern_str(ps.str, g->round));
		f[1] = field_str(intern_str(ps.str, g->wijk));
		f[2] = field_str(ps.theme[g->theme]);
		f[3] = field_str(crit_name[g->crit]);
		f[4] = field_fmt_double(b[0], mean, 6);
		f[5] = field_fmt_long(b[1], norg);
		f[6] = field_fmt_long(b[2], nresp);
		f[7] = field_fmt_long(b[3], ndk);
		f[8] = norg > 0 ? field_fmt_double(b[5], mn, 6) : field_str("");
		f[9] = norg > 0 ? field_fmt_double(b[6], mx, 6) : field_str("");
		f[10] = field_fmt_double(b[4], sd, 6);
		f[11] = field_str(flags);
		rec_write(w, f, 12);
		/* End of a (round, wijk) scope: its agreement row. */
		if (j == ps.n || ps.rows[j].round != g->round ||
		    ps.rows[j].wijk != g->wijk) {
			if (aw != NULL)
				agreement_write(aw, &ps, &ps.rows[scope], om,
				    nom, o);
			nom = 0;
			scope = j;
		}
	}
	if (rec_wclose(w) != 0)
		die_errno(1, "io-error: write error");
	if (aw != NULL && (rec_wclose(aw) != 0 || fclose(afp) != 0))
		die_errno(1, "io-error: %s", o->agreement);
	msg_close_stdout();
	rec_close(in);
	schema_free(osc);
	schema_free(asc);
	intern_free(pk);
	arena_free(&ar);
	free(rorg);
	free(conflict);
	free(om);
	free(ps.rows);
	for (i = 0; i < ps.ntheme; i++)
		free(ps.theme[i]);
	free(ps.theme);
	intern_free(ps.str);
	return reject_summary(rj, nread, nkept) == 0 ? 0 : 1;
}

int
main(int argc, char *argv[])
{
	struct opts o = { .max_rate = -1, .deff = 1.3, .min_n = 50,
	    .indicative_n = 100, .low_w = 0.3, .spread = 1,
	    .org_types = default_org_types };
	const char *path;
	int ch;

	msg_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage(0);
		case OPT_VERSION:
			printf("vb-survey %s\n", VB_VERSION);
			return 0;
		default:
			usage(2);
		}
	}
	if (optind >= argc)
		usage(2);
	if (strcmp(argv[optind], "ivm") == 0)
		o.mode = MODE_IVM;
	else if (strcmp(argv[optind], "sig") == 0)
		o.mode = MODE_SIG;
	else if (strcmp(argv[optind], "partners") == 0)
		o.mode = MODE_PARTNERS;
	else
		die(2, "usage-error: unknown mode '%s' (ivm, sig, partners)",
		    argv[optind]);
	optind++;
	/* The mode's own options follow it; getopt_long starts over. */
	argc -= optind - 1;
	argv[optind - 1] = argv[0];	/* getopt's messages name us */
	argv += optind - 1;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage(0);
		case OPT_VERSION:
			printf("vb-survey %s\n", VB_VERSION);
			return 0;
		case OPT_REJECTS:
			o.rejects = optarg;
			break;
		case OPT_MAXREC:
			rec_set_max_record(opt_ulong(optarg,
			    "--max-record-bytes"));
			break;
		case OPT_MAXREJ:
			o.max_rejects = opt_ulong(optarg,
			    "--max-rejects");
			break;
		case OPT_MAXRATE:
			o.max_rate = opt_fraction(optarg, "--max-reject-rate");
			break;
		case OPT_IND:
			o.indicators = optarg;
			break;
		case OPT_PROPS:
			o.properties = optarg;
			break;
		case OPT_THEMES:
			o.themes = optarg;
			break;
		case OPT_AGREE:
			o.agreement = optarg;
			break;
		case OPT_CLEAN:
			o.clean = optarg;
			break;
		case OPT_BENCH:
			o.benchmark = optarg;
			break;
		case OPT_SCORES:
			o.scores = optarg;
			break;
		case OPT_SCAREA:
			o.scores_area = optarg;
			break;
		case OPT_ORGTYPES:
			o.org_types = optarg;
			break;
		case OPT_DECIMAL:
			if (strcmp(optarg, ".") != 0 &&
			    strcmp(optarg, ",") != 0)
				die(2, "usage-error: --decimal wants . or ,");
			o.decimal = optarg[0];
			break;
		case OPT_DEFF:
			o.deff = parse_double(optarg, "--deff");
			break;
		case OPT_MINN:
			o.min_n = (long)opt_ulong(optarg, "--min-n");
			break;
		case OPT_INDN:
			o.indicative_n = (long)opt_ulong(optarg,
			    "--indicative-n");
			break;
		case OPT_LOWW:
			o.low_w = parse_double(optarg, "--low-w");
			break;
		case OPT_SPREAD:
			o.spread = parse_double(optarg, "--spread");
			break;
		default:
			usage(2);
		}
	}
	if (argc - optind > 1)
		usage(2);
	path = optind < argc ? argv[optind] : "-";
	switch (o.mode) {
	case MODE_IVM:
		if (o.indicators == NULL)
			die(2, "usage-error: ivm needs --indicators FILE");
		return run_ivm(&o, path);
	case MODE_SIG:
		return run_sig(&o, path);
	default:
		if (o.themes == NULL)
			die(2, "usage-error: partners needs --themes FILE");
		return run_partners(&o, path);
	}
}
