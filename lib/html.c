/* html -- the veiligheidsbeeld report (see html.h).
 *
 * Reads the picture directory of docs/tables.md: stats.tsv (or
 * crime/rates.tsv), series.tsv, priorities.tsv, disagreement.tsv,
 * evaluation.tsv, quarterly.tsv, manifest.tsv, messages.txt, monitor/ and
 * partners/ tables, ref/areas.tsv, ref/themes.tsv, ref/buurt.geojson and
 * ref/wijk.geojson.  Classes and statistics come from the exact values;
 * disclosure control runs on a copy, and only that copy is printed. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <nettle/sha2.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "html.h"
#include "msg.h"
#include "rec.h"
#include "svg.h"
#include "table.h"
#include "xlsx.h"

#define MAXFILES	64

struct rep {
	FILE		*fp;
	const struct html_opts *o;
	bool		 en;
	char		 dec, grp;
	struct table	*areas, *themes, *stats, *pub, *series, *pseries;
	struct table	*prio, *manifest;
	struct svg_map	*bmap, *wmap;
	int		*cls;		/* per stats row: class 0-4, 5 ≈ */
	char		 year[16];
	char		 files[MAXFILES][1024];	/* read, for provenance */
	char		 sums[MAXFILES][65];
	int		 nfiles;
	int		 nmaps, ncharts;
};

#define L(nl, en_)	(r->en ? (en_) : (nl))

void
html_text(FILE *fp, const char *s)
{
	svg_text(fp, s);
}

/* SHA-256 of path in hex, or "" when it cannot be read. */
static void
sha256_file(const char *path, char hex[65])
{
	struct sha256_ctx ctx;
	unsigned char buf[65536], d[SHA256_DIGEST_SIZE];
	FILE *fp = fopen(path, "rb");
	size_t n, i;

	hex[0] = '\0';
	if (fp == NULL)
		return;
	sha256_init(&ctx);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sha256_update(&ctx, n, buf);
	if (!ferror(fp)) {
		sha256_digest(&ctx, sizeof(d), d);
		for (i = 0; i < sizeof(d); i++)
			sprintf(hex + 2 * i, "%02x", d[i]);
	}
	fclose(fp);
}

static void
note_file(struct rep *r, const char *path)
{
	if (r->nfiles >= MAXFILES)
		return;
	snprintf(r->files[r->nfiles], sizeof(r->files[0]), "%s", path);
	sha256_file(path, r->sums[r->nfiles]);
	r->nfiles++;
}

/* Load dir/name; NULL when it does not exist.  Other errors are fatal (-1
 * in *bad with err set). */
static struct table *
load(struct rep *r, const char *name, int *bad, char *err, size_t errlen)
{
	char path[1024];
	struct table *t;
	FILE *fp;

	if (name[0] == '/' || strncmp(name, "./", 2) == 0)
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "%s/%s", r->o->dir, name);
	if ((fp = fopen(path, "rb")) == NULL) {
		if (errno != ENOENT) {
			snprintf(err, errlen, "source-missing: %s: %s", path,
			    strerror(errno));
			*bad = 1;
		}
		return NULL;
	}
	fclose(fp);
	if ((t = table_load(path, err, errlen)) == NULL) {
		*bad = 1;
		return NULL;
	}
	note_file(r, path);
	return t;
}

static struct table *
table_copy(const struct table *t)
{
	struct table *c = table_new((const char *const *)t->name, t->ncols);
	size_t i;

	snprintf(c->src, sizeof(c->src), "%s", t->src);
	for (i = 0; i < t->nrows; i++) {
		size_t row = table_add(c, (const char *const *)t->cell +
		    i * t->ncols, t->ncols);

		c->line[row] = t->line[i];
	}
	return c;
}

/* A number in C-locale form, exponent allowed (upstream tables print
 * small p-values as 5.9e-05). */
static bool
is_num(const char *s)
{
	double v;

	return s[0] != '\0' && strchr("-0123456789", s[0]) != NULL &&
	    field_double(field_str(s), &v);
}

/* A number for people: grouping of thousands and the decimal separator of
 * the language; dec >= 0 rounds to that many decimals first.  Symbols and
 * text are returned unchanged. */
static const char *
num(const struct rep *r, const char *s, int dec, char *buf, size_t len)
{
	char tmp[64], *p, *dot;
	size_t n, i, k = 0, intlen;
	double v;

	if (!is_num(s) || strlen(s) > 40)
		return s;
	if (!table_is_number(s) && dec < 0)
		dec = 6;
	if (dec >= 0 && field_double(field_str(s), &v)) {
		snprintf(tmp, sizeof(tmp), "%.*f", dec, v);
		if (strcmp(tmp, "-0") == 0 || strncmp(tmp, "-0.", 3) == 0) {
			for (p = tmp + 1; *p == '0' || *p == '.'; p++)
				continue;
			if (*p == '\0')
				memmove(tmp, tmp + 1, strlen(tmp));
		}
	} else {
		snprintf(tmp, sizeof(tmp), "%s", s);
	}
	p = tmp;
	if (*p == '-' && k + 1 < len)
		buf[k++] = *p++;
	dot = strchr(p, '.');
	intlen = dot ? (size_t)(dot - p) : strlen(p);
	for (i = 0; i < intlen && k + 2 < len; i++) {
		buf[k++] = p[i];
		n = intlen - i - 1;
		if (n > 0 && n % 3 == 0 && intlen > 4)
			buf[k++] = r->grp;
	}
	if (dot != NULL) {
		buf[k++] = r->dec;
		for (p = dot + 1; *p != '\0' && k + 1 < len; p++)
			buf[k++] = *p;
	}
	buf[k] = '\0';
	return buf;
}

/* A p-value as "= 0,118" or "< 0,001". */
static const char *
pval(const struct rep *r, const char *s, char *buf, size_t len)
{
	char tmp[64];
	double v;

	if (!field_double(field_str(s), &v))
		return s;
	if (v < 0.001) {
		snprintf(buf, len, "< 0%c001", r->dec);
		return buf;
	}
	snprintf(buf, len, "= %s", num(r, s, 3, tmp, sizeof(tmp)));
	return buf;
}

static const char *
area_name(const struct rep *r, const char *code)
{
	size_t i;
	int ca, cn;

	if (r->areas == NULL)
		return code;
	ca = table_col(r->areas, "area");
	cn = table_col(r->areas, "name");
	for (i = 0; i < r->areas->nrows; i++)
		if (strcmp(table_get(r->areas, i, ca), code) == 0)
			return table_get(r->areas, i, cn);
	return code;
}

static const char *
theme_name(const struct rep *r, const char *theme)
{
	size_t i;
	int ct, cn;

	if (r->themes == NULL)
		return theme;
	ct = table_col(r->themes, "theme");
	cn = table_col(r->themes, r->en ? "name_en" : "name_nl");
	for (i = 0; i < r->themes->nrows; i++)
		if (strcmp(table_get(r->themes, i, ct), theme) == 0)
			return table_get(r->themes, i, cn)[0] ?
			    table_get(r->themes, i, cn) : theme;
	return theme;
}

static const char *
get(const struct table *t, size_t row, const char *col)
{
	return table_get(t, row, table_col(t, col));
}

static double
getd(const struct table *t, size_t row, const char *col)
{
	double v;

	return table_num(get(t, row, col), &v) ? v : NAN;
}

/* Index class of a value: 0 <=70, 1 (70,90], 2 (90,110], 3 (110,130],
 * 4 >130 (METHOD.md §5.2). */
static int
class_of(double v)
{
	return v <= 70 ? 0 : v <= 90 ? 1 : v <= 110 ? 2 : v <= 130 ? 3 : 4;
}

/* Classes from the exact statistics: the class of the index when the
 * index and its 95 % interval lie in one class, 5 (≈) when the interval
 * crosses a boundary, -1 without an index. */
static void
classify(struct rep *r)
{
	const struct table *t = r->stats;
	size_t i;

	r->cls = xcalloc(t->nrows + 1, sizeof(*r->cls));
	for (i = 0; i < t->nrows; i++) {
		double idx = getd(t, i, "index"), lo = getd(t, i, "index_lo"),
		    hi = getd(t, i, "index_hi"), eb = getd(t, i, "eb_rate"),
		    rt = getd(t, i, "rate"), pooled;

		r->cls[i] = -1;
		if (isnan(idx))
			continue;
		if (isnan(lo) || isnan(hi)) {
			/* index = 100 * eb_rate / pooled; the interval of
			 * the rate scaled the same way. */
			if (isnan(eb))
				eb = rt;
			if (idx <= 0 || isnan(eb) || eb <= 0) {
				lo = hi = idx;
			} else {
				pooled = 100 * eb / idx;
				lo = 100 * getd(t, i, "rate_lo") / pooled;
				hi = 100 * getd(t, i, "rate_hi") / pooled;
			}
		}
		if (isnan(lo) || isnan(hi))
			r->cls[i] = 5;
		else if (class_of(lo) == class_of(hi) &&
		    class_of(idx) == class_of(lo))
			r->cls[i] = class_of(idx);
		else
			r->cls[i] = 5;
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int
cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *const fills[] = {
	"#2166ac", "#92c5de", "#e6e6e0", "#f4a582", "#b2182b", "hatch"
};

static void
css(FILE *fp)
{
	fputs("<style>\n"
":root{--ink:#1d2733;--muted:#5b6675;--line:#d9dee5;--bg:#f5f7fa;"
"--accent:#0b4f8a;--prio:#b2182b;--strat:#e08214;--beh:#4d9221}\n"
"*{box-sizing:border-box}\n"
"body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 "
"system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,"
"sans-serif}\n"
"header.top{background:var(--accent);color:#fff;padding:28px 40px 22px}\n"
"header.top h1{margin:0 0 4px;font-size:28px;font-weight:650;"
"letter-spacing:-.01em}\n"
"header.top p{margin:0;opacity:.9}\n"
"nav{background:#fff;border-bottom:1px solid var(--line);padding:10px 40px;"
"font-size:14px}\n"
"nav a{color:var(--accent);text-decoration:none;margin-right:18px}\n"
"main a{color:var(--accent)}\n"
"main{max-width:1120px;margin:0 auto;padding:8px 24px 40px}\n"
"section{background:#fff;border:1px solid var(--line);border-radius:8px;"
"padding:20px 26px;margin:22px 0;overflow-x:auto}\n"
"h2{font-size:21px;margin:0 0 10px;color:var(--accent)}\n"
"h3{font-size:16px;margin:18px 0 6px}\n"
"p.lead{font-size:16px;margin:6px 0 14px}\n"
".muted{color:var(--muted);font-size:13px}\n"
".kpis{display:flex;flex-wrap:wrap;gap:14px;margin:8px 0 16px}\n"
".kpi{flex:1 1 180px;border:1px solid var(--line);border-radius:6px;"
"padding:10px 14px;background:var(--bg)}\n"
".kpi b{display:block;font-size:24px;color:var(--accent)}\n"
".kpi span{font-size:13px;color:var(--muted)}\n"
"table{border-collapse:collapse;width:100%;font-size:13.5px;margin:6px 0 "
"10px}\n"
"th{text-align:left;font-weight:600;border-bottom:2px solid var(--ink);"
"padding:5px 8px;vertical-align:bottom}\n"
"td{border-bottom:1px solid var(--line);padding:4px 8px;\n"
"overflow-wrap:break-word}\n"
"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;"
"white-space:nowrap}\n"
"tr.gm td{font-weight:600;background:var(--bg)}\n"
"td.sym{color:var(--muted)}\n"
".tier{display:inline-block;border-radius:10px;padding:1px 10px;"
"font-size:12.5px;font-weight:600;color:#fff;vertical-align:middle;"
"white-space:nowrap}\n"
".tier.prioriteit{background:var(--prio)}.tier.strategisch"
"{background:var(--strat)}.tier.beheers{background:var(--beh)}\n"
".figs{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}\n"
"figure{margin:0}\n"
"figcaption{font-size:13px;color:var(--muted);margin-top:2px}\n"
"svg.chart .grid{stroke:#e3e7ec;stroke-width:1}\n"
"svg.chart .tick{font-size:11px;fill:#5b6675}\n"
"svg.chart .axis,svg.chart .legend{font-size:11.5px;fill:#1d2733}\n"
"svg.chart .band{fill:#0b4f8a;fill-opacity:.14;stroke:none}\n"
"svg.chart .line{fill:none;stroke:#0b4f8a;stroke-width:2.6}\n"
"svg.chart .thin{fill:none;stroke:#9aa5b1;stroke-width:1.1;"
"stroke-opacity:.8}\n"
"svg.chart .dot{fill:#0b4f8a;stroke:#fff;stroke-width:1.5}\n"
"svg.map .lbl{font-size:11px;font-weight:600;fill:#1d2733;"
"text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:3px}\n"
".legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12.5px;"
"margin:6px 0 4px}\n"
".legend i{display:inline-block;width:14px;height:14px;border:1px solid "
"#aab;vertical-align:-2px;margin-right:5px}\n"
".legend i.h{background:repeating-linear-gradient(45deg,#f4f4f4 0 3px,"
"#b4b4b4 3px 5px)}\n"
".matrix{display:grid;grid-template-columns:120px repeat(3,1fr);"
"gap:4px;margin:10px 0 6px}\n"
".matrix div{border-radius:5px;padding:8px;min-height:64px;font-size:13px}"
"\n"
".matrix .ax{background:none;color:var(--muted);font-size:12px;"
"display:flex;align-items:center;min-height:0}\n"
".matrix .c0{background:#e8f1e0}.matrix .c1{background:#fbe7cf}"
".matrix .c2{background:#f6d3d3}\n"
"a.chip{color:var(--ink);text-decoration:none}\n"
".chip{display:inline-block;background:#fff;border:1px solid #c9ced6;"
"border-radius:12px;padding:0 8px;margin:2px;font-size:12.5px}\n"
".chip.g::after{content:' *';color:var(--prio)}\n"
"details summary{cursor:default;color:var(--accent);font-weight:600;"
"margin:6px 0}\n"
".theme{border-top:1px solid var(--line);padding-top:14px;margin-top:22px}"
"\n"
".theme:first-of-type{border-top:0;margin-top:6px}\n"
"code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;"
"word-break:break-all}\n"
"footer{max-width:1120px;margin:0 auto;padding:0 24px 40px;"
"color:var(--muted);font-size:12.5px}\n"
"@media print{body{background:#fff}section{border:0;padding:0}"
"nav{display:none}details{display:block}}\n"
"</style>\n", fp);
}

static void
td_num(struct rep *r, const char *cls, const char *v, int dec)
{
	char buf[80];
	bool sym = strcmp(v, ".") == 0 || strcmp(v, "x") == 0 ||
	    strcmp(v, "-") == 0 || strcmp(v, "<5") == 0;

	fprintf(r->fp, "<td class=\"n %s%s\">", cls, sym ? " sym" : "");
	html_text(r->fp, num(r, v, sym ? -1 : dec, buf, sizeof(buf)));
	fputs("</td>", r->fp);
}

/* The legend of the index classes. */
static void
legend(struct rep *r)
{
	static const char *const nl[] = { "&#8804; 70", "70&#8211;90",
	    "90&#8211;110", "110&#8211;130", "&gt; 130" };
	int i;

	fputs("<div class=\"legend\">", r->fp);
	for (i = 0; i < 5; i++)
		fprintf(r->fp, "<span><i style=\"background:%s\"></i>%s</span>",
		    fills[i], nl[i]);
	fprintf(r->fp, "<span><i class=\"h\"></i>&#8776; %s</span>"
	    "<span><i style=\"background:#c8c8c8\"></i>x %s</span>"
	    "<span><i style=\"background:#fff\"></i>%s</span></div>\n",
	    L("interval valt over een klassegrens", "interval crosses a class "
	    "boundary"), L("geheim of samengevoegd", "secret or merged"),
	    L("geen cijfer", "no figure"));
}

/* Fill the areas of map m for theme at level from the stats rows. */
static void
draw_map(struct rep *r, const struct svg_map *m, const struct svg_map *outl,
    const char *theme, const char *level, const char *cap)
{
	struct svg_area *a = xcalloc(m->n + 1, sizeof(*a));
	char (*titles)[256] = xcalloc(m->n + 1, sizeof(*titles));
	char (*labels)[8] = xcalloc(m->n + 1, sizeof(*labels));
	char id[32], b1[64];
	size_t i, k;

	snprintf(id, sizeof(id), "m%d", ++r->nmaps);
	for (k = 0; k < m->n; k++) {
		const char *code = m->s[k].code;

		a[k].fill = NULL;
		snprintf(titles[k], sizeof(titles[k]), "%s: %s", area_name(r,
		    code), L("geen cijfer", "no figure"));
		a[k].title = titles[k];
		if (strcmp(level, "wijk") == 0 && strlen(code) == 8) {
			snprintf(labels[k], sizeof(labels[k]), "%s", code + 6);
			a[k].label = labels[k];
		}
		for (i = 0; i < r->stats->nrows; i++) {
			const char *cnt;

			if (strcmp(get(r->stats, i, "area"), code) != 0 ||
			    strcmp(get(r->stats, i, "theme"), theme) != 0)
				continue;
			cnt = get(r->pub, i, "count");
			if (strcmp(cnt, "x") == 0 || strcmp(cnt, "<5") == 0 ||
			    strcmp(get(r->pub, i, "index"), "x") == 0) {
				a[k].fill = "#c8c8c8";
				snprintf(titles[k], sizeof(titles[k]), "%s: x "
				    "(%s)", area_name(r, code), L("geheim of "
				    "samengevoegd", "secret or merged"));
			} else if (r->cls[i] >= 0) {
				a[k].fill = fills[r->cls[i]];
				snprintf(titles[k], sizeof(titles[k]),
				    "%s: index %s%s", area_name(r, code),
				    num(r, get(r->pub, i, "index"), 0, b1,
				    sizeof(b1)), r->cls[i] == 5 ?
				    L(" (onzeker)", " (uncertain)") : "");
			}
			break;
		}
	}
	fputs("<figure>", r->fp);
	svg_map_write(r->fp, m, a, outl, 280, 300, id, cap);
	fputs("<figcaption>", r->fp);
	html_text(r->fp, cap);
	fputs("</figcaption></figure>\n", r->fp);
	free(a);
	free(titles);
	free(labels);
}

/* Trend chart of theme: the gemeente rate (or count) per year with its
 * interval, the wijken as thin lines; published values only. */
static void
draw_chart(struct rep *r, const char *theme, bool rates)
{
	const struct table *t = r->pseries;
	char (*per)[16] = NULL, (*lab)[160] = NULL;
	const char **xl;
	double *y, *lo, *hi;
	struct svg_series *s;
	size_t np = 0, na = 0, i, j, k;
	char **areas = NULL, cap[256];

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows; i++) {
		const char *p = get(t, i, "period"), *a = get(t, i, "area");
		const char *lv = get(t, i, "level");

		if (strcmp(get(t, i, "theme"), theme) != 0 || strlen(p) != 4 ||
		    (strcmp(lv, "gemeente") != 0 && strcmp(lv, "wijk") != 0 &&
		    strncmp(a, "GM", 2) != 0 && strncmp(a, "WK", 2) != 0))
			continue;
		for (j = 0; j < np && strcmp(per[j], p) != 0; j++)
			continue;
		if (j == np) {
			per = xrealloc(per, (np + 1) * sizeof(*per));
			snprintf(per[np++], sizeof(per[0]), "%s", p);
		}
		for (j = 0; j < na && strcmp(areas[j], a) != 0; j++)
			continue;
		if (j == na) {
			areas = xrealloc(areas, (na + 1) * sizeof(*areas));
			areas[na++] = xstrdup(a);
		}
	}
	if (np == 0 || na == 0) {
		free(per);
		free(areas);
		return;
	}
	/* Periods ascending, gemeente first, then wijken by code. */
	qsort(per, np, sizeof(*per), cmp_str);
	for (i = 0; i < na; i++)
		for (j = i + 1; j < na; j++)
			if ((strncmp(areas[j], "GM", 2) == 0 &&
			    strncmp(areas[i], "GM", 2) != 0) ||
			    ((strncmp(areas[j], "GM", 2) == 0) ==
			    (strncmp(areas[i], "GM", 2) == 0) &&
			    strcmp(areas[j], areas[i]) < 0)) {
				char *x = areas[i];

				areas[i] = areas[j];
				areas[j] = x;
			}
	xl = xcalloc(np, sizeof(*xl));
	for (i = 0; i < np; i++)
		xl[i] = per[i];
	y = xcalloc(na * np, sizeof(*y));
	lo = xcalloc(na * np, sizeof(*lo));
	hi = xcalloc(na * np, sizeof(*hi));
	s = xcalloc(na, sizeof(*s));
	lab = xcalloc(na, sizeof(*lab));
	for (k = 0; k < na * np; k++)
		y[k] = lo[k] = hi[k] = NAN;
	for (i = 0; i < t->nrows; i++) {
		if (strcmp(get(t, i, "theme"), theme) != 0)
			continue;
		for (j = 0; j < na && strcmp(areas[j], get(t, i, "area")); j++)
			continue;
		for (k = 0; k < np && strcmp(per[k], get(t, i, "period")); k++)
			continue;
		if (j == na || k == np)
			continue;
		/* Exact values for the lines: the published table only
		 * decides whether a point may be shown. */
		if (!table_is_number(get(t, i, "count")) &&
		    strcmp(get(t, i, "count"), "-") != 0)
			continue;
		y[j * np + k] = getd(r->series, i, rates ? "rate" : "count");
		if (rates && strncmp(areas[j], "GM", 2) == 0) {
			lo[j * np + k] = getd(r->series, i, "rate_lo");
			hi[j * np + k] = getd(r->series, i, "rate_hi");
		}
	}
	for (j = 0; j < na; j++) {
		bool gm = strncmp(areas[j], "GM", 2) == 0;

		snprintf(lab[j], sizeof(lab[j]), "%s", area_name(r, areas[j]));
		s[j].label = lab[j];
		s[j].y = y + j * np;
		s[j].lo = gm ? lo + j * np : NULL;
		s[j].hi = gm ? hi + j * np : NULL;
		s[j].strong = gm;
	}
	snprintf(cap, sizeof(cap), "%s %s", L("Ontwikkeling", "Trend"),
	    theme_name(r, theme));
	fputs("<figure>", r->fp);
	svg_chart_write(r->fp, xl, np, s, na, rates ? L("per 1.000",
	    "per 1,000") : L("aantal", "count"), r->dec, cap);
	fputs("<figcaption>", r->fp);
	html_text(r->fp, rates ? L("Per 1.000 (gemeente dik, met 95%-interval;"
	    " wijken dun)", "Per 1,000 (city bold, with 95% interval; wijken "
	    "thin)") : L("Aantal geregistreerde misdrijven (gemeente dik; "
	    "wijken dun)", "Registered crimes (city bold; wijken thin)"));
	fputs("</figcaption></figure>\n", r->fp);
	r->ncharts++;
	for (j = 0; j < na; j++)
		free(areas[j]);
	free(areas);
	free(per);
	free(xl);
	free(y);
	free(lo);
	free(hi);
	free(s);
	free(lab);
}

static const char *
trend_word(struct rep *r, const char *t)
{
	if (strcmp(t, "stijging") == 0)
		return L("&#9650; stijging", "&#9650; rise");
	if (strcmp(t, "daling") == 0)
		return L("&#9660; daling", "&#9660; fall");
	return NULL;
}

/* Why a cell is hidden, for its tooltip (the note column of disclose). */
static const char *
note_text(struct rep *r, const char *note)
{
	if (strcmp(note, "D1") == 0)
		return L("kleine buurt: samengevoegd met de wijk", "small "
		    "buurt: merged into the wijk");
	if (strcmp(note, "D2") == 0)
		return L("gevoelig delict: niet onder wijkniveau of onder 5",
		    "sensitive offence: not below wijk level or below 5");
	if (strcmp(note, "D3") == 0)
		return L("1 tot en met 4", "1 to 4");
	if (strcmp(note, "D5") == 0)
		return L("secundair onderdrukt", "secondary suppression");
	if (strcmp(note, "bron") == 0)
		return L("ontbreekt in de bron", "missing in the source");
	return "";
}

static void
stats_row(struct rep *r, size_t i)
{
	const struct table *p = r->pub;
	const char *lv = get(p, i, "level"), *tw;
	static const char *const cname[] = { "&#8804;70", "70&#8211;90",
	    "90&#8211;110", "110&#8211;130", "&gt;130", "&#8776;" };
	bool gm = strcmp(lv, "gemeente") == 0;
	char buf[64];

	fprintf(r->fp, "<tr%s data-area=\"", gm ? " class=\"gm\"" : "");
	html_text(r->fp, get(p, i, "area"));
	fputs("\" data-theme=\"", r->fp);
	html_text(r->fp, get(p, i, "theme"));
	fputs("\"><td>", r->fp);
	html_text(r->fp, area_name(r, get(p, i, "area")));
	fputs("</td>", r->fp);
	if (get(p, i, "note")[0] != '\0') {
		fprintf(r->fp, "<td class=\"n count sym\" title=\"%s\">",
		    note_text(r, get(p, i, "note")));
		html_text(r->fp, get(p, i, "count"));
		fputs("</td>", r->fp);
	} else {
		td_num(r, "count", get(p, i, "count"), -1);
	}
	td_num(r, "rate", get(p, i, "rate"), 1);
	fputs("<td class=\"n ci\">", r->fp);
	if (!is_num(get(p, i, "rate_lo")) || !is_num(get(p, i, "rate_hi"))) {
		html_text(r->fp, get(p, i, "rate_lo"));
	} else {
		fputs("<span class=\"lo\">", r->fp);
		html_text(r->fp, num(r, get(p, i, "rate_lo"), 1, buf,
		    sizeof(buf)));
		fputs("</span>&#8211;<span class=\"hi\">", r->fp);
		html_text(r->fp, num(r, get(p, i, "rate_hi"), 1, buf,
		    sizeof(buf)));
		fputs("</span>", r->fp);
	}
	fputs("</td>", r->fp);
	td_num(r, "eb", get(p, i, "eb_rate"), 1);
	td_num(r, "index", get(p, i, "index"), 0);
	fprintf(r->fp, "<td class=\"n cls\">%s</td>",
	    r->cls[i] >= 0 && table_is_number(get(p, i, "index")) ?
	    cname[r->cls[i]] : "");
	td_num(r, "rank", gm ? "" : get(p, i, "rank"), -1);
	tw = trend_word(r, get(p, i, "trend"));
	fprintf(r->fp, "<td class=\"trend\">%s</td></tr>\n", tw ? tw :
	    strcmp(get(p, i, "trend"), "x") == 0 ? "x" : "");
}

static void
stats_head(struct rep *r)
{
	fprintf(r->fp, "<table class=\"stats\"><thead><tr><th>%s</th>"
	    "<th class=\"n\">%s</th><th class=\"n\">%s</th>"
	    "<th class=\"n\">%s</th><th class=\"n\">%s</th>"
	    "<th class=\"n\">%s</th><th class=\"n\">%s</th>"
	    "<th class=\"n\">%s</th><th>%s</th></tr></thead><tbody>\n",
	    L("Gebied", "Area"), L("Aantal", "Count"), L("Per 1.000",
	    "Per 1,000"), L("95%-interval", "95% interval"), L("EB-cijfer",
	    "EB rate"), L("Index", "Index"), L("Klasse", "Class"),
	    L("Rang", "Rank"), L("Trend", "Trend"));
}

static const char *
tier_of(struct rep *r, const char *theme)
{
	size_t i;

	if (r->prio == NULL)
		return "";
	for (i = 0; i < r->prio->nrows; i++)
		if (strcmp(get(r->prio, i, "theme"), theme) == 0)
			return get(r->prio, i, "tier");
	return "";
}

static const char *
tier_label(struct rep *r, const char *tier)
{
	if (strcmp(tier, "prioriteit") == 0)
		return L("prioriteit", "priority");
	if (strcmp(tier, "strategisch") == 0)
		return L("overig strategisch thema", "other strategic theme");
	if (strcmp(tier, "beheers") == 0)
		return L("beheersthema", "management theme");
	return tier;
}

static void
theme_section(struct rep *r, const char *theme)
{
	const struct table *p = r->pub;
	size_t i, nb = 0;
	const char *tier = tier_of(r, theme), *denom = "";
	char b1[64], b2[64], cap[256];
	bool rates = false;
	long gmrow = -1;

	for (i = 0; i < p->nrows; i++) {
		if (strcmp(get(p, i, "theme"), theme) != 0)
			continue;
		if (get(r->stats, i, "rate")[0] != '\0')
			rates = true;
		if (strcmp(get(p, i, "level"), "gemeente") == 0 ||
		    strncmp(get(p, i, "area"), "GM", 2) == 0)
			gmrow = (long)i;
		if (strcmp(get(p, i, "level"), "buurt") == 0)
			nb++;
		if (denom[0] == '\0')
			denom = get(p, i, "denom");
	}
	fputs("<div class=\"theme\" id=\"t-", r->fp);
	html_text(r->fp, theme);
	fputs("\"><h3>", r->fp);
	html_text(r->fp, theme_name(r, theme));
	fputs(" <span class=\"muted\">", r->fp);
	html_text(r->fp, theme);
	fputs("</span>", r->fp);
	if (tier[0] != '\0')
		fprintf(r->fp, " <span class=\"tier %s\">%s</span>", tier,
		    tier_label(r, tier));
	fputs("</h3>\n", r->fp);
	if (gmrow >= 0) {
		const char *tw = trend_word(r, get(p, (size_t)gmrow, "trend"));

		fprintf(r->fp, "<p>%s %s: <b>", L("Geregistreerd in",
		    "Registered in"), r->year);
		html_text(r->fp, num(r, get(p, (size_t)gmrow, "count"), -1, b1,
		    sizeof(b1)));
		fputs("</b>", r->fp);
		if (rates) {
			fputs(" (", r->fp);
			html_text(r->fp, num(r, get(p, (size_t)gmrow, "rate"),
			    1, b2, sizeof(b2)));
			fprintf(r->fp, " %s)", strcmp(denom, "woningen") == 0 ?
			    L("per 1.000 woningen", "per 1,000 dwellings") :
			    L("per 1.000 inwoners", "per 1,000 inhabitants"));
		}
		if (get(p, (size_t)gmrow, "trend_rr")[0] != '\0' &&
		    table_is_number(get(p, (size_t)gmrow, "trend_rr"))) {
			fprintf(r->fp, ". %s ", L("Ten opzichte van het "
			    "gemiddelde van de drie jaren ervoor:", "Against "
			    "the mean of the three years before:"));
			html_text(r->fp, num(r, get(p, (size_t)gmrow,
			    "trend_rr"), 2, b1, sizeof(b1)));
			fputs(" &#215;", r->fp);
			if (is_num(get(p, (size_t)gmrow, "trend_p"))) {
				fputs(" (p ", r->fp);
				html_text(r->fp, pval(r, get(p, (size_t)gmrow,
				    "trend_p"), b2, sizeof(b2)));
				fputs(")", r->fp);
			}
			fprintf(r->fp, ", %s", tw ? tw : L("geen significante "
			    "verandering", "no significant change"));
		}
		fputs(".</p>\n", r->fp);
	}
	fputs("<div class=\"figs\">\n", r->fp);
	draw_chart(r, theme, rates);
	if (rates && r->wmap != NULL) {
		snprintf(cap, sizeof(cap), "%s %s", L("Index per wijk,",
		    "Index per wijk,"), r->year);
		draw_map(r, r->wmap, NULL, theme, "wijk", cap);
	}
	if (rates && r->bmap != NULL && nb > 0) {
		snprintf(cap, sizeof(cap), "%s %s", L("Index per buurt,",
		    "Index per buurt,"), r->year);
		draw_map(r, r->bmap, r->wmap, theme, "buurt", cap);
	}
	fputs("</div>\n", r->fp);
	if (rates)
		legend(r);
	stats_head(r);
	for (i = 0; i < p->nrows; i++)
		if (strcmp(get(p, i, "theme"), theme) == 0 &&
		    strcmp(get(p, i, "level"), "buurt") != 0)
			stats_row(r, i);
	fputs("</tbody></table>\n", r->fp);
	if (nb > 0) {
		fprintf(r->fp, "<details><summary>%s (%zu)</summary>",
		    L("Buurten", "Buurten"), nb);
		stats_head(r);
		for (i = 0; i < p->nrows; i++)
			if (strcmp(get(p, i, "theme"), theme) == 0 &&
			    strcmp(get(p, i, "level"), "buurt") == 0)
				stats_row(r, i);
		fputs("</tbody></table></details>\n", r->fp);
	}
	fprintf(r->fp, "<p class=\"muted\">%s</p>\n</div>\n", L("x geheim: "
	    "kleine buurt samengevoegd met de wijk, gevoelig delict, of "
	    "onderdrukt zodat een geheim cijfer niet uit het totaal volgt "
	    "&#183; &lt;5 1 tot en met 4 &#183; . onbetrouwbaar (minder dan "
	    "5) &#183; &#8211; nihil &#183; &#8776; het interval valt over "
	    "een klassegrens &#183; buurtaantallen afgerond op 5.", "x "
	    "secret: small buurt merged into the wijk, sensitive offence, or "
	    "suppressed so that a secret figure does not follow from the "
	    "total &#183; &lt;5 1 to 4 &#183; . unreliable (fewer than 5) "
	    "&#183; &#8211; nil &#183; &#8776; the interval crosses a class "
	    "boundary &#183; buurt counts rounded to 5."));
}

/* Themes in report order: priority tier, then theme id. */
static char **
theme_order(struct rep *r, size_t *n)
{
	static const char *const tiers[] = { "prioriteit", "strategisch",
	    "beheers", "" };
	char **th = NULL;
	size_t i, j, k = 0;
	int ti;

	for (ti = 0; ti < 4; ti++) {
		size_t start = k;

		for (i = 0; i < r->stats->nrows; i++) {
			const char *t = get(r->stats, i, "theme");
			const char *tr = tier_of(r, t);
			bool known = false;

			if (strcmp(t, "total") == 0 || strcmp(t, "excl") == 0)
				continue;
			if (ti < 3 ? strcmp(tr, tiers[ti]) != 0 :
			    (strcmp(tr, "prioriteit") == 0 ||
			    strcmp(tr, "strategisch") == 0 ||
			    strcmp(tr, "beheers") == 0))
				continue;
			for (j = 0; j < k; j++)
				known |= strcmp(th[j], t) == 0;
			if (known)
				continue;
			th = xrealloc(th, (k + 1) * sizeof(*th));
			th[k++] = xstrdup(t);
		}
		if (k > start)
			qsort(th + start, k - start, sizeof(*th), cmp_strp);
	}
	*n = k;
	return th;
}

/* Columns holding codes, never formatted as numbers ("2.1" is a theme). */
static bool
is_code(const char *name)
{
	return table_is_code_col(name) || strstr(name, "period") != NULL ||
	    strcmp(name, "year") == 0 || strcmp(name, "round") == 0 ||
	    strcmp(name, "wijk") == 0 || strcmp(name, "themes") == 0 ||
	    strcmp(name, "ref_area") == 0 || strcmp(name, "benchmark") == 0;
}

static const char *
pattern_label(struct rep *r, const char *v)
{
	if (strcmp(v, "registratie-hoog-beleving-laag") == 0)
		return L("registratie hoog, beleving niet", "registered high, "
		    "not perceived");
	if (strcmp(v, "registratie-laag-beleving-hoog") == 0)
		return L("beleving hoog, registratie niet", "perceived high, "
		    "not registered");
	return v;
}

/* Column headings people read. */
static const char *
heading(struct rep *r, const char *col)
{
	static const char *const h[][3] = {
		{ "theme", "Thema", "Theme" }, { "name", "Naam", "Name" },
		{ "tier", "Niveau", "Tier" }, { "gevoelig", "Gevoelig",
		"Sensitive" }, { "count", "Aantal", "Count" },
		{ "rate", "Per 1.000", "Per 1,000" }, { "period", "Periode",
		"Period" }, { "area", "Gebied", "Area" }, { "indicator",
		"Indicator", "Indicator" }, { "value", "Waarde", "Value" },
		{ "ref_value", "Referentie", "Reference" }, { "mark",
		"Verschil", "Difference" }, { "registered", "Registratie",
		"Registered" }, { "residents", "Bewoners", "Residents" },
		{ "partners", "Partners", "Partners" }, { "pattern", "Patroon",
		"Pattern" }, { "label", "Thema", "Theme" }, { "direction",
		"Richting", "Direction" }, { "criterion", "Criterium",
		"Criterion" }, { "mean", "Gemiddelde", "Mean" },
		{ "n_org", "Organisaties", "Organisations" }, { "n_resp",
		"Respondenten", "Respondents" }, { "count_prev",
		"Jaar eerder", "Year before" }, { "change_pct", "Verandering %",
		"Change %" }, { "S_W0", "Score", "Score" }, { "missing",
		"Ontbreekt", "Missing" }, { "trend_rr", "Trend (RR)",
		"Trend (RR)" }, { "trend_p", "p (trend)", "p (trend)" },
		{ "partner_trend", "Trend partners", "Partners' trend" },
		{ "rr", "RR", "RR" }, { "p", "p", "p" }, { "period_from",
		"Van", "From" }, { "period_to", "Tot", "To" }, { "count_from",
		"Aantal (van)", "Count (from)" }, { "count_to", "Aantal (tot)",
		"Count (to)" }, { "rate_from", "Per 1.000 (van)",
		"Per 1,000 (from)" }, { "rate_to", "Per 1.000 (tot)",
		"Per 1,000 (to)" }, { "status", "Status", "Status" },
		{ "period_prev", "Vergeleken met", "Compared with" },
		{ "source", "Bron", "Source" }, { NULL, NULL, NULL } };
	size_t i;

	for (i = 0; h[i][0] != NULL; i++)
		if (strcmp(h[i][0], col) == 0)
			return h[i][r->en ? 2 : 1];
	return col;
}

/* A table of the listed columns that exist (all columns when cols is
 * NULL); numbers formatted, themes and areas named. */
static void
plain_table(struct rep *r, const struct table *t, const char *const *cols,
    const char *cls)
{
	int idx[64];
	size_t n = 0, i, j;
	char buf[80];

	if (cols == NULL)
		for (i = 0; i < t->ncols && n < 64; i++)
			idx[n++] = (int)i;
	else
		for (i = 0; cols[i] != NULL && n < 64; i++)
			if (table_col(t, cols[i]) >= 0)
				idx[n++] = table_col(t, cols[i]);
	fprintf(r->fp, "<table class=\"%s\"><thead><tr>", cls);
	for (j = 0; j < n; j++) {
		bool numeric = true, any = false;

		for (i = 0; i < t->nrows && numeric; i++) {
			const char *v = table_get(t, i, idx[j]);

			if (v[0] != '\0') {
				any = true;
				numeric = is_num(v) &&
				    !is_code(t->name[idx[j]]);
			}
		}
		fprintf(r->fp, "<th%s>", numeric && any ? " class=\"n\"" : "");
		html_text(r->fp, heading(r, t->name[idx[j]]));
		fputs("</th>", r->fp);
	}
	fputs("</tr></thead><tbody>\n", r->fp);
	for (i = 0; i < t->nrows; i++) {
		fputs("<tr>", r->fp);
		for (j = 0; j < n; j++) {
			const char *name = t->name[idx[j]];
			const char *v = table_get(t, i, idx[j]);

			if (strcmp(name, "theme") == 0 && t->ncols > 1 &&
			    table_col(t, "name") < 0) {
				fputs("<td>", r->fp);
				html_text(r->fp, theme_name(r, v));
				fputs("</td>", r->fp);
			} else if (strcmp(name, "area") == 0) {
				fputs("<td>", r->fp);
				html_text(r->fp, area_name(r, v));
				fputs("</td>", r->fp);
			} else if (strcmp(name, "tier") == 0) {
				fprintf(r->fp, "<td><span class=\"tier %s\">",
				    strcmp(v, "prioriteit") == 0 ||
				    strcmp(v, "strategisch") == 0 ||
				    strcmp(v, "beheers") == 0 ? v : "");
				html_text(r->fp, tier_label(r, v));
				fputs("</span></td>", r->fp);
			} else if (strcmp(name, "gevoelig") == 0) {
				fprintf(r->fp, "<td>%s</td>", strcmp(v, "1") ==
				    0 ? L("ja", "yes") : "");
			} else if (strcmp(name, "pattern") == 0) {
				fputs("<td>", r->fp);
				html_text(r->fp, pattern_label(r, v));
				fputs("</td>", r->fp);
			} else if (is_num(v) && !is_code(name)) {
				double d;
				int dec = -1;

				if (field_double(field_str(v), &d) &&
				    strpbrk(v, ".e") != NULL)
					dec = fabs(d) < 1 && d != 0 ? 3 : 2;
				if (strcmp(name, "rate") == 0 ||
				    strstr(name, "rate_") == name)
					dec = 1;
				fprintf(r->fp, "<td class=\"n\">");
				if (strcmp(name, "p") == 0 ||
				    strcmp(name, "trend_p") == 0) {
					const char *pv = pval(r, v, buf,
					    sizeof(buf));

					/* "= 0,118" reads oddly in a cell. */
					html_text(r->fp, pv[0] == '=' ? pv + 2 :
					    pv);
				} else {
					html_text(r->fp, num(r, v, dec, buf,
					    sizeof(buf)));
				}
				fputs("</td>", r->fp);
			} else {
				fputs("<td>", r->fp);
				html_text(r->fp, v);
				fputs("</td>", r->fp);
			}
		}
		fputs("</tr>\n", r->fp);
	}
	fputs("</tbody></table>\n", r->fp);
}

static void
matrix(struct rep *r)
{
	const struct table *t = r->prio;
	static const char *const band_nl[] = { "laag (&lt; 2,5)",
	    "midden (2,5&#8211;3,5)", "hoog (&#8805; 3,5)" };
	static const char *const band_en[] = { "low (&lt; 2.5)",
	    "middle (2.5&#8211;3.5)", "high (&#8805; 3.5)" };
	int bx, by;
	size_t i;

	fprintf(r->fp, "<h3>%s</h3><p class=\"muted\">%s</p>"
	    "<div class=\"matrix\">\n", L("Prioriteringsmatrix",
	    "Priority matrix"), L("Horizontaal: objectief (omvang, trend, "
	    "ernst). Verticaal: beleving en partners. Een * markeert een "
	    "gevoelig thema: een andere weging geeft een ander niveau.",
	    "Horizontal: objective (size, trend, severity). Vertical: "
	    "perception and partners. A * marks a sensitive theme: another "
	    "weighting gives another tier."));
	for (by = 2; by >= 0; by--) {
		fprintf(r->fp, "<div class=\"ax\">%s</div>", r->en ?
		    band_en[by] : band_nl[by]);
		for (bx = 0; bx < 3; bx++) {
			int c = (bx == 2) + (by == 2);

			fprintf(r->fp, "<div class=\"c%d\">", c);
			for (i = 0; i < t->nrows; i++) {
				double x = getd(t, i, "x"), y = getd(t, i, "y");
				int ix = isnan(x) ? -1 : x < 2.5 ? 0 : x < 3.5 ?
				    1 : 2;
				int iy = isnan(y) ? -1 : y < 2.5 ? 0 : y < 3.5 ?
				    1 : 2;

				if (ix != bx || iy != by)
					continue;
				fprintf(r->fp, "<span class=\"chip%s\">",
				    strcmp(get(t, i, "gevoelig"), "1") == 0 ?
				    " g" : "");
				html_text(r->fp, theme_name(r, get(t, i,
				    "theme")));
				fputs("</span>", r->fp);
			}
			fputs("</div>", r->fp);
		}
		fputs("\n", r->fp);
	}
	fputs("<div class=\"ax\"></div>", r->fp);
	for (bx = 0; bx < 3; bx++)
		fprintf(r->fp, "<div class=\"ax\">%s %s</div>",
		    L("objectief", "objective"), r->en ? band_en[bx] :
		    band_nl[bx]);
	fputs("</div>\n", r->fp);
}

/* The priority table ordered by tier (prioriteit, strategisch, beheers),
 * then by score S_W0 descending, then theme id. */
static const struct table *sort_src;

static int
tier_rank(const char *t)
{
	return strcmp(t, "prioriteit") == 0 ? 0 : strcmp(t, "strategisch") ==
	    0 ? 1 : strcmp(t, "beheers") == 0 ? 2 : 3;
}

static int
prio_cmp(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int ti = tier_rank(get(sort_src, i, "tier"));
	int tj = tier_rank(get(sort_src, j, "tier"));
	double si = getd(sort_src, i, "S_W0"), sj = getd(sort_src, j, "S_W0");

	if (ti != tj)
		return ti < tj ? -1 : 1;
	if (!isnan(si) && !isnan(sj) && si != sj)
		return si > sj ? -1 : 1;
	return strcmp(get(sort_src, i, "theme"), get(sort_src, j, "theme"));
}

static struct table *
prio_sorted(const struct table *t)
{
	struct table *c = table_new((const char *const *)t->name, t->ncols);
	size_t *ix = xcalloc(t->nrows + 1, sizeof(*ix)), i;

	for (i = 0; i < t->nrows; i++)
		ix[i] = i;
	sort_src = t;
	if (t->nrows > 0)
		qsort(ix, t->nrows, sizeof(*ix), prio_cmp);
	for (i = 0; i < t->nrows; i++)
		table_add(c, (const char *const *)t->cell + ix[i] * t->ncols,
		    t->ncols);
	free(ix);
	return c;
}

/* The city's significant rises and falls, for the summary. */
static void
trend_points(struct rep *r)
{
	const struct table *p = r->pub;
	size_t i;
	int pass, n;
	char buf[64];

	for (pass = 0; pass < 2; pass++) {
		const char *want = pass ? "daling" : "stijging";

		n = 0;
		for (i = 0; i < p->nrows; i++) {
			if (strcmp(get(p, i, "level"), "gemeente") != 0 ||
			    strcmp(get(p, i, "trend"), want) != 0)
				continue;
			if (n++ == 0)
				fprintf(r->fp, "<p><b>%s</b> ", pass ?
				    L("&#9660; Significant gedaald:",
				    "&#9660; Significant fall:") :
				    L("&#9650; Significant gestegen:",
				    "&#9650; Significant rise:"));
			else
				fputs(", ", r->fp);
			fputs("<a href=\"#t-", r->fp);
			html_text(r->fp, get(p, i, "theme"));
			fputs("\">", r->fp);
			html_text(r->fp, theme_name(r, get(p, i, "theme")));
			fputs("</a> (", r->fp);
			html_text(r->fp, num(r, get(p, i, "trend_rr"), 2, buf,
			    sizeof(buf)));
			fputs(" &#215;)", r->fp);
		}
		if (n > 0)
			fputs(".</p>\n", r->fp);
	}
	fprintf(r->fp, "<p class=\"muted\">%s %s.</p>\n", L("Trend: het "
	    "laatste jaar tegen het gemiddelde van de drie jaren ervoor, "
	    "gemeente,", "Trend: the last year against the mean of the three "
	    "years before, city,"), r->year);
}

static void
summary(struct rep *r, struct table *cy)
{
	size_t i, np = 0, ns = 0;
	char buf[64];

	fprintf(r->fp, "<section id=\"samenvatting\"><h2>%s</h2>\n",
	    L("Samenvatting", "Summary"));
	fputs("<div class=\"kpis\">", r->fp);
	if (cy != NULL) {
		const char *best = NULL;

		for (i = 0; i < cy->nrows; i++)
			if (strcmp(get(cy, i, "soort"), "0.0.0") == 0 &&
			    strncmp(get(cy, i, "area"), "GM", 2) == 0 &&
			    strcmp(get(cy, i, "period"), r->year) == 0)
				best = get(cy, i, "count");
		if (best != NULL && best[0] != '\0') {
			fprintf(r->fp, "<div class=\"kpi\"><b>");
			html_text(r->fp, num(r, best, -1, buf, sizeof(buf)));
			fprintf(r->fp, "</b><span>%s %s</span></div>",
			    L("geregistreerde misdrijven in", "registered "
			    "crimes in"), r->year);
		}
	}
	if (r->prio != NULL) {
		for (i = 0; i < r->prio->nrows; i++) {
			np += strcmp(get(r->prio, i, "tier"),
			    "prioriteit") == 0;
			ns += strcmp(get(r->prio, i, "gevoelig"), "1") == 0;
		}
		fprintf(r->fp, "<div class=\"kpi\"><b>%zu</b><span>%s</span>"
		    "</div><div class=\"kpi\"><b>%zu</b><span>%s</span></div>"
		    "<div class=\"kpi\"><b>%zu</b><span>%s</span></div>", np,
		    L("thema's met prioriteit", "priority themes"),
		    r->prio->nrows, L("thema's beoordeeld", "themes scored"),
		    ns, L("gevoelig voor de weging", "sensitive to the "
		    "weighting"));
	}
	fputs("</div>\n", r->fp);
	trend_points(r);
	if (r->prio == NULL) {
		fprintf(r->fp, "<p class=\"muted\">%s</p></section>\n",
		    L("Geen prioriteringstabel (priorities.tsv) in deze map.",
		    "No priority table (priorities.tsv) in this directory."));
		return;
	}
	if (np > 3)
		fprintf(r->fp, "<p><b>%s</b></p>\n", L("Let op: meer dan drie "
		    "thema's met prioriteit; het CCV adviseert er weinig.",
		    "Note: more than three priority themes; CCV advises few."));
	matrix(r);
	{
		static const char *const cols[] = { "theme", "tier", "O", "T",
		    "E", "B", "P", "x", "y", "S_W0", "gevoelig",
		    NULL };
		struct table *s = prio_sorted(r->prio);
		int ct = table_col(s, "theme");

		/* Theme names instead of ids, tiers in matrix order. */
		for (i = 0; i < s->nrows; i++)
			table_set(s, i, ct, theme_name(r, table_get(s, i, ct)));
		fprintf(r->fp, "<h3>%s</h3>\n", L("Scores per thema",
		    "Scores per theme"));
		plain_table(r, s, cols, "prio");
		table_free(s);
	}
	fputs("</section>\n", r->fp);
}

/* Every table in dir/sub (sorted by name), as a plain table. */
static void
dir_tables(struct rep *r, const char *sub, int *bad, char *err,
    size_t errlen)
{
	char path[1024], rel[512];
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, i;
	DIR *d;

	snprintf(path, sizeof(path), "%s/%s", r->o->dir, sub);
	if ((d = opendir(path)) == NULL) {
		fprintf(r->fp, "<p class=\"muted\">%s</p>\n", L("Niet "
		    "beschikbaar in deze map.", "Not available in this "
		    "directory."));
		return;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len > 4 && strcmp(de->d_name + len - 4, ".tsv") == 0 &&
		    strcmp(de->d_name, "rejects.tsv") != 0) {
			names = xrealloc(names, (n + 1) * sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_strp);
	for (i = 0; i < n && !*bad; i++) {
		struct table *t;
		int cn = -1, cv;
		size_t k;

		snprintf(rel, sizeof(rel), "%s/%s", sub, names[i]);
		if ((t = load(r, rel, bad, err, errlen)) == NULL)
			continue;
		/* D7: survey figures on fewer than 50 respondents. */
		if ((cn = table_col(t, "n")) >= 0)
			for (k = 0; k < t->nrows; k++) {
				long nn;

				if (!field_long(field_str(table_get(t, k, cn)),
				    &nn) || nn >= 50)
					continue;
				if ((cv = table_col(t, "value")) >= 0)
					table_set(t, k, cv, ".");
				if ((cv = table_col(t, "lower")) >= 0)
					table_set(t, k, cv, ".");
				if ((cv = table_col(t, "upper")) >= 0)
					table_set(t, k, cv, ".");
			}
		fputs("<h3>", r->fp);
		html_text(r->fp, names[i]);
		fprintf(r->fp, " <span class=\"muted\">(%zu %s)</span></h3>\n",
		    t->nrows, L("rijen", "rows"));
		if (t->nrows > 40)
			fprintf(r->fp, "<details><summary>%s</summary>",
			    L("Toon de tabel", "Show the table"));
		plain_table(r, t, NULL, "plain");
		if (t->nrows > 40)
			fputs("</details>\n", r->fp);
		table_free(t);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void
simple_section(struct rep *r, const char *id, const char *title,
    const char *intro, const char *file, const char *const *cols, int *bad,
    char *err, size_t errlen)
{
	struct table *t = load(r, file, bad, err, errlen);

	fprintf(r->fp, "<section id=\"%s\"><h2>%s</h2>\n<p>%s</p>\n", id,
	    title, intro);
	if (t == NULL)
		fprintf(r->fp, "<p class=\"muted\">%s (%s)</p>\n",
		    L("Niet beschikbaar in deze map", "Not available in this "
		    "directory"), file);
	else if (t->nrows == 0)
		fprintf(r->fp, "<p class=\"muted\">%s</p>\n", L("Geen rijen.",
		    "No rows."));
	else
		plain_table(r, t, cols, "plain");
	table_free(t);
	fputs("</section>\n", r->fp);
}

/* A significance mark: the direction of a significant difference, green
 * when it is better, red when worse. */
static void
mark(struct rep *r, const char *sign, const char *better)
{
	const char *col = strcmp(better, "1") == 0 ? "#1a7f37" :
	    strcmp(better, "-1") == 0 ? "#b2182b" : "#5b6675";

	if (strcmp(sign, "1") == 0)
		fprintf(r->fp, "<span style=\"color:%s\" title=\"%s\">&#9650;"
		    "</span>", col, L("significant hoger", "significantly "
		    "higher"));
	else if (strcmp(sign, "-1") == 0)
		fprintf(r->fp, "<span style=\"color:%s\" title=\"%s\">&#9660;"
		    "</span>", col, L("significant lager", "significantly "
		    "lower"));
}

/* Veiligheidsmonitor, city level, last wave: each indicator with its
 * value, the previous wave and the benchmark, and significance marks
 * (monitor/significance.tsv, from vb-survey sig). */
static void
monitor_view(struct rep *r, int *bad, char *err, size_t errlen)
{
	struct table *t = load(r, "monitor/significance.tsv", bad, err,
	    errlen);
	char last[16] = "", buf[64], b2[64];
	size_t i, j;
	int pass;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows; i++)
		if (strncmp(get(t, i, "area"), "GM", 2) == 0 &&
		    strlen(get(t, i, "period")) < sizeof(last) &&
		    strcmp(get(t, i, "period"), last) > 0)
			snprintf(last, sizeof(last), "%s", get(t, i, "period"));
	fprintf(r->fp, "<h3>%s %s</h3>\n<table class=\"monitor\"><thead><tr>"
	    "<th>%s</th><th class=\"n\">%s</th><th class=\"n\">n</th>"
	    "<th class=\"n\">%s</th><th></th><th class=\"n\">%s</th><th></th>"
	    "</tr></thead><tbody>\n", L("Gemeente,", "City,"), last,
	    L("Indicator", "Indicator"), last, L("Vorige meting",
	    "Previous wave"), L("Benchmark", "Benchmark"));
	for (i = 0; i < t->nrows; i++) {
		const char *ind = get(t, i, "indicator");
		bool seen = false;
		long n = -1;

		if (strncmp(get(t, i, "area"), "GM", 2) != 0 ||
		    strcmp(get(t, i, "period"), last) != 0)
			continue;
		for (j = 0; j < i && !seen; j++)
			seen = strcmp(get(t, j, "indicator"), ind) == 0 &&
			    strncmp(get(t, j, "area"), "GM", 2) == 0 &&
			    strcmp(get(t, j, "period"), last) == 0;
		if (seen)
			continue;
		field_long(field_str(get(t, i, "n")), &n);
		fputs("<tr><td>", r->fp);
		html_text(r->fp, ind);
		/* D7: fewer than 50 respondents. */
		fprintf(r->fp, "</td><td class=\"n\">%s</td><td class=\"n\">%s"
		    "</td>", n >= 0 && n < 50 ? "." : num(r, get(t, i, "value"),
		    1, buf, sizeof(buf)), num(r, get(t, i, "n"), -1, b2,
		    sizeof(b2)));
		for (pass = 0; pass < 2; pass++) {
			const char *want = pass ? "benchmark" : "wave";
			bool found = false;

			for (j = 0; j < t->nrows && !found; j++) {
				if (strcmp(get(t, j, "indicator"), ind) != 0 ||
				    strcmp(get(t, j, "area"), get(t, i,
				    "area")) != 0 || strcmp(get(t, j,
				    "period"), last) != 0 || strcmp(get(t, j,
				    "comparison"), want) != 0)
					continue;
				found = true;
				fprintf(r->fp, "<td class=\"n\">%s</td><td>",
				    num(r, get(t, j, "ref_value"), 1, buf,
				    sizeof(buf)));
				if (n < 0 || n >= 50)
					mark(r, get(t, j, "sign"), get(t, j,
					    "better"));
				fputs("</td>", r->fp);
			}
			if (!found)
				fputs("<td class=\"n\"></td><td></td>", r->fp);
		}
		fputs("</tr>\n", r->fp);
	}
	fprintf(r->fp, "</tbody></table>\n<p class=\"muted\">%s</p>\n",
	    L("&#9650;/&#9660; significant hoger/lager (95%); groen is "
	    "gunstig, rood ongunstig.", "&#9650;/&#9660; significantly "
	    "higher/lower (95%); green is favourable, red unfavourable."));
	table_free(t);
}

/* Partners: per theme the organisation-balanced means of ernst, trend and
 * prioriteit, and Kendall's W (partners/theme-scores.tsv, agreement.tsv). */
static void
partner_view(struct rep *r, int *bad, char *err, size_t errlen)
{
	static const char *const crit[] = { "ernst", "trend", "prioriteit" };
	struct table *t = load(r, "partners/theme-scores.tsv", bad, err,
	    errlen), *a;
	char buf[64];
	size_t i, j;
	int c;

	if (t != NULL) {
		fprintf(r->fp, "<table class=\"partners\"><thead><tr><th>%s"
		    "</th><th class=\"n\">%s</th><th class=\"n\">%s</th>"
		    "<th class=\"n\">%s</th><th class=\"n\">%s</th>"
		    "<th class=\"n\">%s</th></tr></thead><tbody>\n",
		    L("Thema", "Theme"), L("Ernst (1&#8211;5)", "Severity "
		    "(1&#8211;5)"), L("Trend (&#8722;1..+1)", "Trend "
		    "(&#8722;1..+1)"), L("Prioriteit (1&#8211;5)", "Priority "
		    "(1&#8211;5)"), L("Organisaties", "Organisations"),
		    L("Respondenten", "Respondents"));
		for (i = 0; i < t->nrows; i++) {
			const char *th = get(t, i, "theme");
			bool seen = false;

			for (j = 0; j < i && !seen; j++)
				seen = strcmp(get(t, j, "theme"), th) == 0;
			if (seen)
				continue;
			fputs("<tr><td>", r->fp);
			html_text(r->fp, theme_name(r, th));
			fputs("</td>", r->fp);
			for (c = 0; c < 3; c++) {
				const char *v = "";

				for (j = 0; j < t->nrows; j++)
					if (strcmp(get(t, j, "theme"), th) ==
					    0 && strcmp(get(t, j, "criterion"),
					    crit[c]) == 0)
						v = get(t, j, "mean");
				fprintf(r->fp, "<td class=\"n\">%s</td>",
				    num(r, v, 2, buf, sizeof(buf)));
			}
			fprintf(r->fp, "<td class=\"n\">%s</td>", num(r, get(t,
			    i, "n_org"), -1, buf, sizeof(buf)));
			fprintf(r->fp, "<td class=\"n\">%s</td></tr>\n", num(r,
			    get(t, i, "n_resp"), -1, buf, sizeof(buf)));
		}
		fputs("</tbody></table>\n", r->fp);
		table_free(t);
	}
	if (*bad || (a = load(r, "partners/agreement.tsv", bad, err,
	    errlen)) == NULL)
		return;
	for (i = 0; i < a->nrows; i++) {
		double w = getd(a, i, "w");

		if (get(a, i, "wijk")[0] != '\0' || isnan(w))
			continue;
		fprintf(r->fp, "<p><b>%s: W = %s</b> (m = %s %s, n = %s %s). "
		    "%s</p>\n", L("Overeenstemming tussen de partners",
		    "Agreement between the partners"), num(r, get(a, i, "w"),
		    2, buf, sizeof(buf)), get(a, i, "m"), L("organisaties",
		    "organisations"), get(a, i, "n"), L("thema's", "themes"),
		    w < 0.3 ? L("Lage overeenstemming: bespreek het beeld in "
		    "een validatiesessie met de partners.", "Low agreement: "
		    "discuss the picture with the partners in a validation "
		    "session.") : L("De partners ordenen de thema's in "
		    "redelijke mate gelijk.", "The partners rank the themes "
		    "fairly alike."));
		break;
	}
	table_free(a);
}

static void
method(struct rep *r)
{
	const struct disc_opts *d = r->o->disc;

	fprintf(r->fp, "<section id=\"methode\"><h2>%s</h2>\n",
	    L("Methode", "Method"));
	fputs(L("<p><b>Cijfers.</b> Geregistreerde misdrijven (CBS/Politie, "
	    "tabellen 47018NED en 47022NED) per wijk en buurt, gekoppeld aan "
	    "thema's van het Kernbeleid Veiligheid. Het cijfer per 1.000 "
	    "gebruikt inwoners op 1 januari (woninginbraak: woningen). Het "
	    "95%-interval is exact (Garwood) bij kleine aantallen en volgens "
	    "Byar vanaf 10.</p>\n"
	    "<p><b>Kleine gebieden.</b> Het EB-cijfer (Empirical Bayes, "
	    "Marshall) trekt cijfers van kleine buurten naar het "
	    "stadsgemiddelde, zodat toeval geen uitschieters maakt. De index "
	    "is 100 &#215; EB-cijfer / stadscijfer: boven 100 is relatief "
	    "onveilig (Amsterdamse ori&#235;ntatie). Een klasse (&#8804;70, "
	    "70&#8211;90, 90&#8211;110, 110&#8211;130, &gt;130) staat er "
	    "alleen als het 95%-interval binnen &#233;&#233;n klasse valt; "
	    "anders &#8776;. Er wordt nooit gerangschikt op ruwe cijfers van "
	    "kleine gebieden.</p>\n"
	    "<p><b>Trend.</b> Het laatste jaar tegen het gemiddelde van de "
	    "drie jaren ervoor, met de conditionele binomiale toets; voor "
	    "buurten gecorrigeerd voor veelvoudig toetsen (Benjamini&#8211;"
	    "Hochberg, q = 0,10).</p>\n"
	    "<p><b>Prioritering.</b> Per thema scores 1&#8211;5 voor omvang, "
	    "trend, ernst, beleving (Veiligheidsmonitor) en partners; de "
	    "matrix zet objectief tegen subjectief. Een thema is gevoelig als "
	    "een andere weging het in een ander niveau plaatst.</p>\n",
	    "<p><b>Figures.</b> Registered crime (CBS/Politie tables 47018NED "
	    "and 47022NED) per wijk and buurt, grouped into the themes of the "
	    "Kernbeleid Veiligheid. Rates per 1,000 use inhabitants on 1 "
	    "January (domestic burglary: dwellings). The 95% interval is exact "
	    "(Garwood) for small counts and Byar's from 10.</p>\n"
	    "<p><b>Small areas.</b> The EB rate (Empirical Bayes, Marshall) "
	    "pulls the rates of small buurten towards the city rate so that "
	    "chance makes no outliers. The index is 100 &#215; EB rate / city "
	    "rate: above 100 is relatively unsafe (Amsterdam orientation). A "
	    "class (&#8804;70, 70&#8211;90, 90&#8211;110, 110&#8211;130, "
	    "&gt;130) is shown only when the 95% interval lies within one "
	    "class; otherwise &#8776;. Raw small-area rates are never "
	    "ranked.</p>\n"
	    "<p><b>Trend.</b> The last year against the mean of the three "
	    "years before, by the conditional binomial test; for buurten "
	    "adjusted for multiple testing (Benjamini&#8211;Hochberg, q = "
	    "0.10).</p>\n"
	    "<p><b>Priorities.</b> Per theme, scores 1&#8211;5 for size, "
	    "trend, severity, perception (Veiligheidsmonitor) and partners; "
	    "the matrix sets objective against subjective. A theme is "
	    "sensitive when another weighting puts it in another tier.</p>\n"),
	    r->fp);
	if (d == NULL) {
		fprintf(r->fp, "<p><b>%s</b></p>\n", L("Intern rapport: zonder "
		    "geheimhouding (--no-disclosure). Niet publiceren.",
		    "Internal report: without disclosure control "
		    "(--no-disclosure). Do not publish."));
	} else {
		fprintf(r->fp, L("<p><b>Geheimhouding.</b> Buurtaantallen zijn "
		    "afgerond op veelvouden van %ld; wijk- en gemeentecijfers "
		    "zijn exact. Buurten met minder dan %ld inwoners of %ld "
		    "woningen tellen alleen mee in hun wijk. Gevoelige "
		    "delicten "
		    "staan niet onder wijkniveau; aantallen 1&#8211;4 worden "
		    "niet getoond. Waar &#233;&#233;n cel geheim is, is er nog "
		    "een onderdrukt, zodat geen geheim cijfer uit een totaal "
		    "is "
		    "terug te rekenen. Cijfers per 1.000 zijn berekend op de "
		    "exacte aantallen en afgerond op 1 decimaal.</p>\n",
		    "<p><b>Disclosure control.</b> Buurt counts are rounded to "
		    "multiples of %ld; wijk and city figures are exact. "
		    "Buurten with fewer than %ld inhabitants or %ld dwellings "
		    "count only "
		    "within their wijk. Sensitive offences are not shown below "
		    "wijk level; counts 1&#8211;4 are not shown. Where one "
		    "cell "
		    "is secret another is suppressed too, so no secret figure "
		    "can be recomputed from a total. Rates are computed from "
		    "the exact counts and rounded to 1 decimal.</p>\n"),
		    d->base, d->min_population, d->min_dwellings);
	}
	fprintf(r->fp, "<p class=\"muted\">%s</p></section>\n",
	    L("Tekens: . gegevens ontbreken of onbetrouwbaar &#183; x geheim "
	    "&#183; &#8211; nihil &#183; &lt;5 1 tot en met 4.",
	    "Symbols: . missing or unreliable &#183; x secret &#183; &#8211; "
	    "nil &#183; &lt;5 1 to 4."));
}

static void
provenance(struct rep *r)
{
	const struct disc_opts *d = r->o->disc;
	char path[1024], line[1024];
	FILE *fp;
	int i;

	fprintf(r->fp, "<section id=\"herkomst\"><h2>%s</h2>\n<p>%s</p>\n",
	    L("Herkomst", "Provenance"), L("Elk cijfer is terug te voeren op "
	    "de bestanden hieronder (SHA-256), de versie en de parameters.",
	    "Every figure traces back to the files below (SHA-256), the "
	    "version and the parameters."));
	if (r->manifest != NULL) {
		static const char *const cols[] = { "kind", "name", "value",
		    "sha256", "records", "rejects", NULL };

		fprintf(r->fp, "<h3>%s</h3>\n", L("Manifest van de pijplijn",
		    "Pipeline manifest"));
		plain_table(r, r->manifest, cols, "manifest");
	}
	snprintf(path, sizeof(path), "%s/messages.txt", r->o->dir);
	if ((fp = fopen(path, "r")) != NULL) {
		fprintf(r->fp, "<h3>%s</h3><ul>\n", L("Meldingen",
		    "Messages"));
		while (fgets(line, sizeof(line), fp) != NULL) {
			line[strcspn(line, "\n")] = '\0';
			fputs("<li>", r->fp);
			html_text(r->fp, line);
			fputs("</li>\n", r->fp);
		}
		fputs("</ul>\n", r->fp);
		fclose(fp);
	}
	fprintf(r->fp, "<h3>%s</h3>\n<table class=\"files\"><thead><tr>"
	    "<th>%s</th><th>SHA-256</th></tr></thead><tbody>\n",
	    L("Gelezen door dit rapport", "Read by this report"),
	    L("Bestand", "File"));
	for (i = 0; i < r->nfiles; i++) {
		fputs("<tr><td>", r->fp);
		html_text(r->fp, r->files[i]);
		fputs("</td><td><code>", r->fp);
		html_text(r->fp, r->sums[i]);
		fputs("</code></td></tr>\n", r->fp);
	}
	fputs("</tbody></table>\n", r->fp);
	fprintf(r->fp, "<h3>%s</h3><table class=\"params\"><tbody>\n"
	    "<tr><td>vb-format</td><td>", L("Parameters van dit rapport",
	    "Parameters of this report"));
	html_text(r->fp, r->o->version);
	fprintf(r->fp, "</td></tr>\n<tr><td>lang</td><td>%s</td></tr>\n",
	    r->en ? "en" : "nl");
	if (d != NULL)
		fprintf(r->fp, "<tr><td>disclosure</td><td>D1 min_population="
		    "%ld min_dwellings=%ld; D2/D3 threshold=%ld; D4 base=%ld; "
		    "D5 secondary suppression; ranks among published areas"
		    "</td></tr>\n", d->min_population, d->min_dwellings,
		    d->threshold, d->base);
	else
		fputs("<tr><td>disclosure</td><td>off (--no-disclosure)"
		    "</td></tr>\n", r->fp);
	fputs("</tbody></table>\n</section>\n", r->fp);
}

/* The last period in the stats table: the year of the report. */
static void
last_year(struct rep *r)
{
	size_t i;

	r->year[0] = '\0';
	for (i = 0; i < r->stats->nrows; i++) {
		const char *p = get(r->stats, i, "period");

		if (strlen(p) < sizeof(r->year) && strcmp(p, r->year) > 0)
			snprintf(r->year, sizeof(r->year), "%s", p);
	}
}

/* Keep only the rows of the last period (crime/rates.tsv holds all). */
static struct table *
only_year(struct table *t, const char *year)
{
	struct table *c = table_new((const char *const *)t->name, t->ncols);
	size_t i, row;

	snprintf(c->src, sizeof(c->src), "%s", t->src);
	for (i = 0; i < t->nrows; i++)
		if (strcmp(get(t, i, "period"), year) == 0) {
			row = table_add(c, (const char *const *)t->cell +
			    i * t->ncols, t->ncols);
			c->line[row] = t->line[i];
		}
	table_free(t);
	return c;
}

static int
load_map(struct rep *r, const char *opt, const char *rel,
    struct svg_map **m, char *err, size_t errlen)
{
	char path[1024];
	FILE *fp;

	if (opt != NULL)
		snprintf(path, sizeof(path), "%s", opt);
	else
		snprintf(path, sizeof(path), "%s/%s", r->o->dir, rel);
	if (opt == NULL && (fp = fopen(path, "rb")) == NULL)
		return 0;
	if (opt == NULL)
		fclose(fp);
	if ((*m = svg_map_load(path, err, errlen)) == NULL)
		return -1;
	note_file(r, path);
	return 0;
}

int
html_report(FILE *fp, struct html_opts *o, char *err, size_t errlen)
{
	struct rep rr = { .fp = fp, .o = o }, *r = &rr;
	struct disc_stats st;
	struct disc_opts dopt;
	struct table *cy = NULL, *cls = NULL;
	char **th = NULL;
	size_t nth = 0, i;
	int bad = 0, rc = -1;
	const char *title;
	static const char *const dis_cols[] = { "name", "registered",
	    "residents", "partners", "O", "T", "B", "P", "trend_rr", "trend_p",
	    "partner_trend", "pattern", NULL };
	static const char *const eval_cols[] = { "label", "period_from",
	    "period_to", "count_from", "count_to", "rate_from", "rate_to", "rr",
	    "p", "direction", "source", NULL };
	static const char *const q_cols[] = { "period", "period_prev", "name",
	    "tier", "count", "count_prev", "rr", "p", "change_pct", "status",
	    NULL };

	r->en = o->lang != NULL && strcmp(o->lang, "en") == 0;
	r->dec = r->en ? '.' : ',';
	r->grp = r->en ? ',' : '.';
	r->areas = o->areas ? table_load(o->areas, err, errlen) :
	    load(r, "ref/areas.tsv", &bad, err, errlen);
	if ((o->areas && r->areas == NULL) || bad)
		goto out;
	if (o->areas)
		note_file(r, o->areas);
	r->themes = o->themes ? table_load(o->themes, err, errlen) :
	    load(r, "ref/themes.tsv", &bad, err, errlen);
	if ((o->themes && r->themes == NULL) || bad)
		goto out;
	if (o->themes)
		note_file(r, o->themes);
	if ((r->stats = load(r, "stats.tsv", &bad, err, errlen)) == NULL &&
	    !bad)
		r->stats = load(r, "crime/rates.tsv", &bad, err, errlen);
	if (bad)
		goto out;
	if (r->stats == NULL) {
		snprintf(err, errlen, "source-missing: %s: neither stats.tsv "
		    "nor crime/rates.tsv", o->dir);
		goto out;
	}
	if (table_col(r->stats, "theme") < 0 ||
	    table_col(r->stats, "area") < 0 ||
	    table_col(r->stats, "count") < 0) {
		snprintf(err, errlen, "%s:1: missing-label: the picture table "
		    "needs area, theme and count", r->stats->src);
		goto out;
	}
	last_year(r);
	r->stats = only_year(r->stats, r->year);
	if ((r->series = load(r, "series.tsv", &bad, err, errlen)) == NULL &&
	    !bad)
		r->series = load(r, "crime/rates.tsv", &bad, err, errlen);
	r->prio = bad ? NULL : load(r, "priorities.tsv", &bad, err, errlen);
	r->manifest = bad ? NULL : load(r, "manifest.tsv", &bad, err, errlen);
	cy = bad ? NULL : load(r, "crime/counts-year.tsv", &bad, err, errlen);
	if (bad)
		goto out;
	if (load_map(r, o->buurt_map, "ref/buurt.geojson", &r->bmap, err,
	    errlen) != 0 || load_map(r, o->wijk_map, "ref/wijk.geojson",
	    &r->wmap, err, errlen) != 0)
		goto out;
	classify(r);
	o->rows = r->stats->nrows;
	r->pub = table_copy(r->stats);
	r->pseries = r->series ? table_copy(r->series) : NULL;
	if (o->disc != NULL) {
		dopt = *o->disc;
		if (dopt.classes == NULL) {
			/* Without the classes every code would be class A:
			 * take the picture's copy, or say so. */
			cls = load(r, "ref/soort-theme.tsv", &bad, err, errlen);
			if (bad)
				goto out;
			if (cls == NULL)
				warnmsg("config-error: no disclosure table "
				    "(--disclosure-table, or %s/ref/"
				    "soort-theme.tsv): every code is treated "
				    "as class A", o->dir);
			dopt.classes = cls;
		}
		if (disclose_apply(r->pub, &dopt, &st, err, errlen) != 0)
			goto out;
		o->stats = st;
		if (r->pseries != NULL && table_col(r->pseries, "area") >= 0 &&
		    table_col(r->pseries, "count") >= 0 &&
		    disclose_apply(r->pseries, &dopt, &st, err, errlen) != 0)
			goto out;
	}
	title = o->title ? o->title : L("Veiligheidsbeeld", "Safety picture");
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>",
	    r->en ? "en" : "nl");
	html_text(fp, title);
	fprintf(fp, " %s</title>\n", r->year);
	css(fp);
	fputs("</head>\n<body>\n<header class=\"top\"><h1>", fp);
	html_text(fp, title);
	fprintf(fp, " %s</h1><p>%s ", r->year,
	    L("Geregistreerde criminaliteit, beleving en partners &#183; "
	    "rapport van", "Registered crime, perception and partners &#183; "
	    "report of"));
	html_text(fp, o->timestamp ? o->timestamp : "");
	fputs(" &#183; vb ", fp);
	html_text(fp, o->version);
	fputs("</p></header>\n", fp);
	fprintf(fp, "<nav><a href=\"#samenvatting\">%s</a><a href=\"#themas\">"
	    "%s</a><a href=\"#monitor\">%s</a><a href=\"#partners\">%s</a>"
	    "<a href=\"#verschillen\">%s</a><a href=\"#evaluatie\">%s</a>"
	    "<a href=\"#methode\">%s</a><a href=\"#herkomst\">%s</a></nav>\n"
	    "<main>\n", L("Samenvatting", "Summary"), L("Thema's", "Themes"),
	    L("Veiligheidsmonitor", "Safety monitor"), L("Partners",
	    "Partners"), L("Verschillen", "Disagreements"), L("Evaluatie",
	    "Evaluation"), L("Methode", "Method"), L("Herkomst",
	    "Provenance"));
	summary(r, cy);
	fprintf(fp, "<section id=\"themas\"><h2>%s</h2>\n<p class=\"muted\">"
	    "%s</p>\n", L("Thema's", "Themes"), L("Per thema: de ontwikkeling "
	    "in de stad, kaarten van de index per wijk en buurt, en de tabel. "
	    "Gemeente- en wijkcijfers zijn exact; buurtaantallen afgerond.",
	    "Per theme: the trend in the city, maps of the index per wijk and "
	    "buurt, and the table. City and wijk figures are exact; buurt "
	    "counts rounded."));
	th = theme_order(r, &nth);
	fputs("<p>", fp);
	for (i = 0; i < nth; i++) {
		const char *tr = tier_of(r, th[i]);

		fputs("<a class=\"chip\" href=\"#t-", fp);
		html_text(fp, th[i]);
		fprintf(fp, "\"%s>", strcmp(tr, "prioriteit") == 0 ?
		    " style=\"border-color:#b2182b\"" : "");
		html_text(fp, theme_name(r, th[i]));
		fputs("</a>", fp);
	}
	fputs("</p>\n", fp);
	for (i = 0; i < nth; i++)
		theme_section(r, th[i]);
	fputs("</section>\n", fp);
	fprintf(fp, "<section id=\"monitor\"><h2>%s</h2>\n<p>%s</p>\n",
	    L("Veiligheidsmonitor", "Safety monitor"), L("Indicatoren van de "
	    "Veiligheidsmonitor met significantie van verschillen "
	    "(&#9650;/&#9660;: significant hoger/lager). Minder dan 50 "
	    "respondenten: .", "Safety monitor indicators with the "
	    "significance of differences (&#9650;/&#9660;: significantly "
	    "higher/lower). Fewer than 50 respondents: ."));
	if (!bad)
		monitor_view(r, &bad, err, errlen);
	if (!bad) {
		fprintf(fp, "<details><summary>%s</summary>\n",
		    L("Alle tabellen van de Veiligheidsmonitor",
		    "All Safety monitor tables"));
		dir_tables(r, "monitor", &bad, err, errlen);
		fputs("</details>\n", fp);
	}
	fputs("</section>\n", fp);
	fprintf(fp, "<section id=\"partners\"><h2>%s</h2>\n<p>%s</p>\n",
	    L("Partners", "Partners"), L("Het oordeel van de partners per "
	    "thema (gemiddelde over organisaties) en hun overeenstemming "
	    "(Kendall's W; onder 0,3: valideren met de partners).",
	    "The partners' view per theme (mean over organisations) and "
	    "their agreement (Kendall's W; below 0.3: validate with the "
	    "partners)."));
	if (!bad)
		partner_view(r, &bad, err, errlen);
	if (!bad) {
		fprintf(fp, "<details><summary>%s</summary>\n",
		    L("Alle tabellen van de partnerenqu&#234;te",
		    "All partner survey tables"));
		dir_tables(r, "partners", &bad, err, errlen);
		fputs("</details>\n", fp);
	}
	fputs("</section>\n", fp);
	if (!bad)
		simple_section(r, "verschillen", L("Waar de invalshoeken "
		    "verschillen", "Where the angles disagree"),
		    L("Thema's waar registratie, bewoners en partners een "
		    "ander beeld geven: de agenda voor de validatie met de "
		    "partners.", "Themes where registrations, residents and "
		    "partners disagree: the agenda for the validation with the "
		    "partners."), "disagreement.tsv", dis_cols, &bad, err,
		    errlen);
	if (!bad)
		simple_section(r, "evaluatie", L("Evaluatie vorig programma",
		    "Evaluation of the previous programme"),
		    L("De ontwikkeling "
		    "van de thema's van het vorige programma over de "
		    "programmaperiode.", "The trend of the previous "
		    "programme's "
		    "themes over its period."), "evaluation.tsv", eval_cols,
		    &bad, err, errlen);
	if (!bad)
		simple_section(r, "kwartaal", L("Kwartaalrapportage",
		    "Quarterly report"), L("Prioritaire thema's: het kwartaal "
		    "tegen hetzelfde kwartaal een jaar eerder.", "Priority "
		    "themes: the quarter against the same quarter a year "
		    "earlier."), "quarterly.tsv", q_cols, &bad, err, errlen);
	if (bad)
		goto out;
	method(r);
	provenance(r);
	fprintf(fp, "</main>\n<footer>%s &#183; vb ", L("Bron: CBS / Politie "
	    "(CC BY 4.0); grenzen: CBS, Kadaster (CC BY 4.0)", "Source: CBS / "
	    "Politie (CC BY 4.0); boundaries: CBS, Kadaster (CC BY 4.0)"));
	html_text(fp, o->version);
	fputs(" &#183; ", fp);
	html_text(fp, o->timestamp ? o->timestamp : "");
	fputs("</footer>\n</body>\n</html>\n", fp);
	rc = 0;
out:
	for (i = 0; i < nth; i++)
		free(th[i]);
	free(th);
	free(r->cls);
	table_free(r->areas);
	table_free(r->themes);
	table_free(r->stats);
	table_free(r->pub);
	table_free(r->series);
	table_free(r->pseries);
	table_free(r->prio);
	table_free(r->manifest);
	table_free(cy);
	table_free(cls);
	svg_map_free(r->bmap);
	svg_map_free(r->wmap);
	return rc;
}
