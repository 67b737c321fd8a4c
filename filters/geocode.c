/* geocode -- add buurt, wijk and gemeente to incident records, then drop the
 * address.
 *
 * Reads a record stream whose rows place an incident by RD New coordinates
 * (--xy), WGS84 latitude/longitude (--latlon) or postcode + huisnummer
 * (--address, looked up in the CBS pc6hnr table given with --pc6).
 * Coordinates are located in the boundaries of --areas (GeoJSON, or CSV/TSV
 * with a WKT column) by lib/geo's boundary rule (lowest code wins on a
 * shared edge).  Writes the input columns minus the address fields, the
 * coordinates and the date (privacy by construction, METHOD.md §9.3; --keep
 * brings one back), plus period (YYYY-MM, with --date), buurt, wijk,
 * gemeente, geo_method and, with --ref-version, ref_version.
 *
 * Order per row: non-empty coordinates are used, and a bad coordinate is a
 * reject (never geocoded somewhere wrong, never retried by address); empty
 * coordinates fall through to the address.  Rejects carry the position and
 * a reason code, never a value: a postcode shows at most as its mask. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "geo.h"
#include "gzin.h"
#include "msg.h"
#include "opt.h"
#include "pc6.h"
#include "postcode.h"
#include "progress.h"
#include "rec.h"
#include "reject.h"

/* Column names that hold an address, a coordinate or a geometry: dropped
 * from the output unless --keep names them (compared case-insensitively). */
static const char *const address_names[] = {
	"adres", "address", "geometrie", "geometry", "huisletter",
	"huisnummer", "huisnummertoevoeging", "lat", "latitude", "lng", "lon",
	"longitude", "openbare_ruimte", "pc6", "plaats", "postcode", "rd_x",
	"rd_y", "straat", "straatnaam", "street", "toevoeging", "woonplaats",
	"x", "x_rd", "y", "y_rd",
};

enum method { M_RD, M_WGS84, M_NEAREST, M_PC6HNR, M_PC6, NMETHOD };
static const char *const method_name[NMETHOD] = {
	"rd", "wgs84", "nearest", "pc6hnr", "pc6",
};
static struct field method_field[NMETHOD];

struct opts {
	const char	*areas;
	const char	*code_prop;
	const char	*wkt_col;
	const char	*pc6;
	const char	*xy;
	const char	*latlon;
	const char	*address;
	const char	*keep;
	const char	*drop;
	const char	*date;
	const char	*date_format;
	const char	*ref_version;
	const char	*gemeente;
	const char	*rejects;
	double		 nearest;	/* < 0: off */
	unsigned long	 max_rejects;
	double		 max_rate;
	bool		 decimal_comma;
	bool		 progress;
};

/* What one area of --areas stands for. */
struct area_info {
	char		 buurt[GEO_MAX_CODE + 1];
	char		 wijk[GEO_MAX_CODE + 1];
	char		 gemeente[GEO_MAX_CODE + 1];
	struct field	 fb, fw, fg;	/* views of the three, for output */
};

/* The outcome for one row: an area, or a reject reason. */
struct result {
	struct field	 buurt, wijk, gemeente;
	enum method	 method;
	const char	*code;		/* NULL: geocoded */
	int		 field;		/* column the reason is about, or -1 */
	const char	*msg;		/* the reason: a constant, or buf */
	char		 buf[128];
};

/* Per-method tallies for the match-rate line. */
struct tally {
	unsigned long	 rd_try, rd_ok, wgs_try, wgs_ok, addr_try, addr_ok;
	unsigned long	 by[NMETHOD];
	unsigned long	 nolocation;
};

struct ctx {
	const struct opts *o;
	struct geo_set	*geo;
	struct area_info *info;
	double		 bx0, by0, bx1, by1;	/* areas' box, widened */
	struct pc6	*pc6;
	int		 cx, cy, clat, clon;	/* input columns or -1 */
	int		 cpc, cnr, cletter, ctoev;
	int		 cdate;
	struct tally	 t;
};

enum { OPT_AREAS = 256, OPT_CODEPROP, OPT_WKTCOL, OPT_PC6, OPT_XY,
	OPT_LATLON, OPT_ADDRESS, OPT_KEEP, OPT_DROP, OPT_DATE, OPT_DATEFMT,
	OPT_REFVER, OPT_GEMEENTE, OPT_REJECTS, OPT_NEAREST, OPT_MAXREJ,
	OPT_MAXRATE, OPT_COMMA, OPT_PROGRESS, OPT_VERSION, OPT_MAXREC };

static const struct option longopts[] = {
	{ "address", required_argument, NULL, OPT_ADDRESS },
	{ "areas", required_argument, NULL, OPT_AREAS },
	{ "code-prop", required_argument, NULL, OPT_CODEPROP },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "date-format", required_argument, NULL, OPT_DATEFMT },
	{ "decimal-comma", no_argument, NULL, OPT_COMMA },
	{ "drop", required_argument, NULL, OPT_DROP },
	{ "gemeente", required_argument, NULL, OPT_GEMEENTE },
	{ "help", no_argument, NULL, 'h' },
	{ "keep", required_argument, NULL, OPT_KEEP },
	{ "latlon", required_argument, NULL, OPT_LATLON },
	{ "max-record-bytes", required_argument, NULL, OPT_MAXREC },
	{ "max-reject-rate", required_argument, NULL, OPT_MAXRATE },
	{ "max-rejects", required_argument, NULL, OPT_MAXREJ },
	{ "nearest", required_argument, NULL, OPT_NEAREST },
	{ "pc6", required_argument, NULL, OPT_PC6 },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "ref-version", required_argument, NULL, OPT_REFVER },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "wkt-column", required_argument, NULL, OPT_WKTCOL },
	{ "xy", required_argument, NULL, OPT_XY },
	{ NULL, 0, NULL, 0 }
};

static noreturn void
usage(int status)
{
	FILE *fp = status == 0 ? stdout : stderr;

	fprintf(fp, "usage: %s [-h] [--areas file] [--pc6 file] [--xy x,y | "
	    "--latlon lat,lon]\n"
	    "          [--address postcode,huisnummer[,huisletter"
	    "[,toevoeging]]]\n"
	    "          [--code-prop name] [--date field] [--date-format fmt] "
	    "[--decimal-comma]\n"
	    "          [--drop list] [--gemeente list] [--keep list] "
	    "[--nearest metres]\n"
	    "          [--ref-version s] [--rejects file] [--max-rejects n]\n"
	    "          [--max-reject-rate r] [--wkt-column name] [file]\n",
	    progname);
	if (status == 0)
		fputs("\nAdds buurt, wijk, gemeente and geo_method from RD "
		    "coordinates, WGS84 lat/lon\nor postcode + huisnummer; "
		    "drops address fields, coordinates and the date\n(period "
		    "= YYYY-MM instead) unless --keep names them.  See "
		    "vb-geocode(1).\n", fp);
	exit(status);
}


static bool
eq_ci(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		int x = (unsigned char)*a, y = (unsigned char)*b;

		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return false;
	}
	return *a == *b;
}

static int
list_len(const char *list)
{
	int n = 1;

	for (; *list != '\0'; list++)
		n += *list == ',';
	return n;
}

/* Column of the k-th name of option opt's list: usage error when the list
 * is short, data error (missing-label) when the column is absent. */
static int
need_col(const struct schema *sc, const char *src, const char *opt,
    const char *list, int k, bool optional)
{
	char name[256];
	int col;

	if (!opt_list_item(list, k, name, sizeof(name))) {
		if (optional)
			return -1;
		die(2, "usage-error: %s wants %d comma-separated column names",
		    opt, k + 1);
	}
	if ((col = schema_col(sc, name)) < 0)
		die(1, "%s:1: missing-label: %s names '%s', which is not a "
		    "column", src, opt, name);
	return col;
}

static char *
read_all(const char *path, size_t *len)
{
	char err[512], *buf;

	if ((buf = gzin_slurp(path, 0, len, err, sizeof(err))) == NULL)
		die(1, "%s", err);
	return buf;
}

/* Boundaries as CSV or TSV with a code column and a WKT column. */
static struct geo_set *
load_wkt_table(const char *path, const char *code_col, const char *wkt_col)
{
	struct csv_dialect d = { 0 };
	struct geo_set *g;
	struct csvin *in;
	struct csv_row r;
	const struct schema *sc;
	char err[256];
	size_t i;
	int rc, cc = -1, wc = -1;

	if ((in = csvin_open(path, &d)) == NULL)
		die_errno(1, "source-missing: %s", path);
	if ((rc = csvin_read(in, &r)) < 0)
		die(1, "%s", csvin_errmsg(in));
	sc = csvin_schema(in);
	for (i = 0; i < sc->ncols; i++) {
		if (eq_ci(sc->name[i], code_col))
			cc = (int)i;
		if (wkt_col != NULL ? eq_ci(sc->name[i], wkt_col) :
		    eq_ci(sc->name[i], "wkt") || eq_ci(sc->name[i], "geometry"))
			wc = (int)i;
	}
	if (cc < 0 || wc < 0)
		die(1, "%s:1: missing-label: want a code column '%s' and a "
		    "WKT column", path, code_col);
	if ((g = geo_new()) == NULL)
		die(1, "resource-limit: out of memory");
	for (; rc == 1; rc = csvin_read(in, &r)) {
		if (r.code != NULL)
			die(1, "%s:%lu: %s: %s", path, r.line, r.code, r.msg);
		if (geo_add_wkt(g, r.f[cc].p, r.f[wc].p, r.f[wc].len,
		    GEO_CRS_AUTO, err, sizeof(err)) != 0)
			die(1, "%s:%lu: format-error: %s", path, r.line, err);
	}
	if (rc < 0)
		die(1, "%s", csvin_errmsg(in));
	csvin_close(in);
	geo_build_index(g);
	return g;
}

/* Load --areas and derive buurt, wijk and gemeente of every area from its
 * CBS code: BU + gggg ww bb, WK + gggg ww, GM + gggg. */
static void
load_areas(struct ctx *c)
{
	const struct opts *o = c->o;
	const char *prop = o->code_prop;
	size_t len, i, n;
	char *buf, err[256];
	double pad;

	buf = read_all(o->areas, &len);
	for (i = 0; i < len && strchr(" \t\r\n", buf[i]) != NULL; i++)
		continue;
	if (i + 3 <= len && memcmp(buf + i, "\xef\xbb\xbf", 3) == 0)
		i += 3;
	if (i < len && buf[i] == '{') {
		if (prop == NULL)
			prop = "statcode";
		if ((c->geo = geo_load_geojson(buf, len, prop, err,
		    sizeof(err))) == NULL)
			die(1, "%s: format-error: %s", o->areas, err);
	} else {
		c->geo = load_wkt_table(o->areas, prop ? prop : "code",
		    o->wkt_col);
	}
	free(buf);
	n = geo_count(c->geo);
	if (n == 0 || !geo_bounds(c->geo, &c->bx0, &c->by0, &c->bx1, &c->by1))
		die(1, "%s: format-error: no areas", o->areas);
	c->info = xcalloc(n, sizeof(*c->info));
	for (i = 0; i < n; i++) {
		const char *code = geo_code(c->geo, (int)i);
		size_t cl = strlen(code);
		struct area_info *a = &c->info[i];

		if (cl == 10 && memcmp(code, "BU", 2) == 0) {
			memcpy(a->buurt, code, 11);
			snprintf(a->wijk, sizeof(a->wijk), "WK%.6s", code + 2);
			snprintf(a->gemeente, sizeof(a->gemeente), "GM%.4s",
			    code + 2);
		} else if (cl == 8 && memcmp(code, "WK", 2) == 0) {
			memcpy(a->wijk, code, 9);
			snprintf(a->gemeente, sizeof(a->gemeente), "GM%.4s",
			    code + 2);
		} else if (cl == 6 && memcmp(code, "GM", 2) == 0) {
			memcpy(a->gemeente, code, 7);
		} else {
			die(1, "%s: config-error: area %zu has no CBS code "
			    "(BU + 8, WK + 6 or GM + 4 characters); see "
			    "--code-prop", o->areas, i + 1);
		}
		a->fb = field_str(a->buurt);
		a->fw = field_str(a->wijk);
		a->fg = field_str(a->gemeente);
	}
	/* Points within --nearest of the box may still match an area. */
	pad = o->nearest > 0 ? o->nearest : 0;
	c->bx0 -= pad;
	c->by0 -= pad;
	c->bx1 += pad;
	c->by1 += pad;
}

enum num { NUM_OK, NUM_EMPTY, NUM_BAD, NUM_COMMA };

static const double pow10_tab[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	1e13, 1e14, 1e15,
};

/* A coordinate: C-locale number, or with --decimal-comma one comma as the
 * decimal mark (no dot then, so "176.512,5" is no number).  The common form
 * -?digits[.digits] with at most 15 digits is converted here, exactly: the
 * digits are an integer below 2^53 and the scale a power of ten that is a
 * double, so one correctly rounded division gives strtod's answer.  Other
 * forms go to field_double. */
static enum num
parse_coord(struct field f, bool comma, double *out)
{
	char buf[64];
	const char *p, *end;
	uint64_t m = 0;
	size_t nd, nfrac;

	if (f.len > 0 && (f.p[0] == ' ' || f.p[0] == '\t' ||
	    f.p[f.len - 1] == ' ' || f.p[f.len - 1] == '\t'))
		f = field_trim(f);
	if (f.len == 0)
		return NUM_EMPTY;
	if (f.len >= sizeof(buf))
		return NUM_BAD;
	/* The usual form first: digits, one decimal separator, digits. */
	p = f.p + (f.p[0] == '-');
	end = f.p + f.len;
	for (; p < end && (unsigned)(*p - '0') < 10; p++)
		m = m * 10 + (uint64_t)(*p - '0');
	nd = (size_t)(p - f.p) - (f.p[0] == '-');
	if (p < end && (*p == '.' || (*p == ',' && comma))) {
		const char *q = ++p;

		for (; p < end && (unsigned)(*p - '0') < 10; p++)
			m = m * 10 + (uint64_t)(*p - '0');
		nfrac = (size_t)(p - q);
		nd += nfrac;
		if (p == end && nfrac > 0 && nd <= 15) {
			*out = (double)m / pow10_tab[nfrac];
			if (f.p[0] == '-')
				*out = -*out;
			return NUM_OK;
		}
	} else if (p == end && nd > 0 && nd <= 15) {
		*out = f.p[0] == '-' ? -(double)m : (double)m;
		return NUM_OK;
	}
	/* Anything else (an exponent, a long mantissa, a stray sign or
	 * separator) through strtod, after the decimal comma checks. */
	if (memchr(f.p, ',', f.len) != NULL) {
		/* An exponent or long mantissa with a decimal comma. */
		size_t i;

		if (!comma)
			return NUM_COMMA;
		if (memchr(f.p, '.', f.len) != NULL)
			return NUM_BAD;
		memcpy(buf, f.p, f.len);
		for (i = 0; i < f.len; i++)
			if (buf[i] == ',')
				buf[i] = '.';
		f.p = buf;
	}
	return field_double(f, out) ? NUM_OK : NUM_BAD;
}

static bool
in_box(const struct ctx *c, double x, double y)
{
	return x >= c->bx0 && x <= c->bx1 && y >= c->by0 && y <= c->by1;
}

static void
set_reject(struct result *res, const char *code, int field, const char *msg)
{
	res->code = code;
	res->field = field;
	res->msg = msg;
}

/* Is gemeente allowed by --gemeente (no list: everything)? */
static bool
gemeente_ok(const struct ctx *c, const char *gm)
{
	return c->o->gemeente == NULL ||
	    opt_list_find(c->o->gemeente, gm) >= 0;
}

/* Locate RD point (x, y) in the areas. */
static void
locate(struct ctx *c, double x, double y, enum method m, struct result *res)
{
	double dist;
	int a;

	if (!in_box(c, x, y)) {
		if (in_box(c, y, x))
			set_reject(res, "geocode-outside-area/swapped", -1,
			    "the coordinates lie in the area with x and y "
			    "swapped");
		else
			set_reject(res, "geocode-outside-area", -1,
			    "the point lies outside the areas' extent");
		return;
	}
	a = geo_locate(c->geo, x, y);
	if (a < 0 && c->o->nearest > 0) {
		a = geo_nearest(c->geo, x, y, c->o->nearest, &dist);
		m = M_NEAREST;
	}
	if (a < 0) {
		set_reject(res, "geocode-no-match", -1,
		    "the point lies in no area (a gap between boundaries, "
		    "or beyond them)");
		return;
	}
	if (!gemeente_ok(c, c->info[a].gemeente)) {
		set_reject(res, "geocode-outside-area", -1,
		    "the point lies in a gemeente not asked for");
		return;
	}
	res->buurt = c->info[a].fb;
	res->wijk = c->info[a].fw;
	res->gemeente = c->info[a].fg;
	res->method = m;
}

/* Coordinates of the row, when it has any: true when they decided the row
 * (geocoded or rejected), false when both are empty. */
static bool
by_coords(struct ctx *c, const struct record *r, struct result *res)
{
	int ca, cb;
	double a, b, x, y;
	enum num na, nb;
	bool rd = c->cx >= 0;

	if (!rd && c->clat < 0)
		return false;
	ca = rd ? c->cx : c->clat;
	cb = rd ? c->cy : c->clon;
	na = parse_coord(r->f[ca], c->o->decimal_comma, &a);
	nb = parse_coord(r->f[cb], c->o->decimal_comma, &b);
	if (na == NUM_EMPTY && nb == NUM_EMPTY)
		return false;
	if (rd)
		c->t.rd_try++;
	else
		c->t.wgs_try++;
	if (na == NUM_EMPTY || nb == NUM_EMPTY) {
		set_reject(res, "constraint-error/required",
		    na == NUM_EMPTY ? ca : cb, "one coordinate of the pair is "
		    "empty");
		return true;
	}
	if (na != NUM_OK || nb != NUM_OK) {
		bool comma = na == NUM_COMMA || nb == NUM_COMMA;

		set_reject(res, comma ? "type-error/decimal-comma" :
		    "type-error/number", na != NUM_OK ? ca : cb, comma ?
		    "a decimal comma, but --decimal-comma was not given" :
		    "not a number");
		return true;
	}
	if (rd) {
		x = a;
		y = b;
		if (!geo_rd_valid(x, y) && !geo_rd_valid(y, x)) {
			set_reject(res, "geocode-outside-area/country", -1,
			    "not an RD New coordinate in the Netherlands");
			return true;
		}
		locate(c, x, y, M_RD, res);
	} else {
		if (!geo_wgs84_valid(a, b)) {
			if (geo_wgs84_valid(b, a))
				set_reject(res, "geocode-outside-area/swapped",
				    -1, "latitude and longitude look swapped");
			else
				set_reject(res, "geocode-outside-area/country",
				    -1, "not a WGS84 position in the "
				    "Netherlands");
			return true;
		}
		geo_rd_from_wgs84(a, b, &x, &y);
		locate(c, x, y, M_WGS84, res);
	}
	if (res->code == NULL) {
		if (rd)
			c->t.rd_ok++;
		else
			c->t.wgs_ok++;
	}
	return true;
}

static struct field
opt_field(const struct record *r, int col)
{
	return col >= 0 ? r->f[col] : field_str("");
}

/* Postcode + huisnummer through the pc6hnr table. */
static bool
by_address(struct ctx *c, const struct record *r, struct result *res)
{
	struct field pc, nr, le, to;
	struct huisnummer h;
	struct pc6_area a;
	enum pc6_result pr;
	char norm[7], mask[16];
	long number = 0;

	if (c->cpc < 0)
		return false;
	pc = field_trim(r->f[c->cpc]);
	nr = field_trim(r->f[c->cnr]);
	le = field_trim(opt_field(r, c->cletter));
	to = field_trim(opt_field(r, c->ctoev));
	if (pc.len == 0 && nr.len == 0)
		return false;
	c->t.addr_try++;
	if (pc.len == 0) {
		set_reject(res, "constraint-error/required", c->cpc,
		    "a house number without a postcode");
		return true;
	}
	if (!postcode_norm(pc.p, pc.len, norm)) {
		postcode_mask(pc.p, pc.len, mask, sizeof(mask));
		snprintf(res->buf, sizeof(res->buf), "postcode of the form "
		    "'%s' is not 1234AB", mask);
		set_reject(res, "constraint-error/pattern", c->cpc, res->buf);
		return true;
	}
	if (nr.len > 0) {
		if (!huisnummer_parse(nr.p, nr.len, &h) ||
		    !huisnummer_merge(&h, le.p, le.len, to.p, to.len)) {
			set_reject(res, "constraint-error/pattern", c->cnr,
			    "no house number (1-99999, letter, toevoeging)");
			return true;
		}
		number = h.number;
	}
	pr = pc6_lookup(c->pc6, norm, number, &a);
	if (pr == PC6_NONE) {
		set_reject(res, "geocode-no-match/postcode", c->cpc,
		    "postcode not in the pc6hnr table");
		return true;
	}
	if (pr == PC6_AMBIGUOUS) {
		set_reject(res, "geocode-ambiguous", c->cpc, number > 0 ?
		    "the address lies in several buurten" :
		    "the postcode's addresses split evenly over buurten");
		return true;
	}
	if (!gemeente_ok(c, a.gemeente) ||
	    (c->geo != NULL && geo_find(c->geo, a.buurt) < 0)) {
		set_reject(res, "geocode-outside-area/postcode", c->cpc,
		    "the address lies outside the areas");
		return true;
	}
	res->buurt = field_str(a.buurt);
	res->wijk = field_str(a.wijk);
	res->gemeente = field_str(a.gemeente);
	res->method = pr == PC6_EXACT ? M_PC6HNR : M_PC6;
	c->t.addr_ok++;
	return true;
}

static bool
leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Parse f by fmt (%Y %m %d and literal bytes; leading zeros optional for
 * %d and %m) into "YYYY-MM" in out (8 bytes).  false when it is no date. */
static bool
period_of(struct field f, const char *fmt, char *out)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	long y = -1, m = -1, d = -1, v;
	size_t i = 0, n, max;
	const char *p;

	f = field_trim(f);
	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%') {
			if (i >= f.len || f.p[i] != *p)
				return false;
			i++;
			continue;
		}
		p++;
		if (*p != 'Y' && *p != 'm' && *p != 'd')
			return false;
		max = *p == 'Y' ? 4 : 2;
		for (n = 0, v = 0; n < max && i < f.len && f.p[i] >= '0' &&
		    f.p[i] <= '9'; n++, i++)
			v = v * 10 + (f.p[i] - '0');
		if (n == 0 || (*p == 'Y' && n != 4))
			return false;
		if (*p == 'Y')
			y = v;
		else if (*p == 'm')
			m = v;
		else
			d = v;
	}
	if (i != f.len || y < 1900 || y > 2999 || m < 1 || m > 12)
		return false;
	if (d != -1 && (d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !leap(y))))
		return false;
	snprintf(out, 8, "%04ld-%02ld", y, m);
	return true;
}

/* Does the format use only %Y %m %d? */
static bool
format_ok(const char *fmt)
{
	const char *p;
	bool y = false, m = false;

	for (p = fmt; *p != '\0'; p++)
		if (*p == '%') {
			p++;
			if (*p == 'Y')
				y = true;
			else if (*p == 'm')
				m = true;
			else if (*p != 'd')
				return false;
		}
	return y && m;
}

static void
tally_line(const struct tally *t, unsigned long nread)
{
	unsigned long ok = t->rd_ok + t->wgs_ok + t->addr_ok;

	/* One line, key=value, no code: not a warning. */
	fprintf(stderr, "%s: match rd=%lu/%lu wgs84=%lu/%lu address=%lu/%lu "
	    "pc6hnr=%lu pc6=%lu nearest=%lu nolocation=%lu rate=%.3f\n",
	    progname, t->rd_ok, t->rd_try, t->wgs_ok, t->wgs_try, t->addr_ok,
	    t->addr_try, t->by[M_PC6HNR], t->by[M_PC6], t->by[M_NEAREST],
	    t->nolocation, nread > 0 ? (double)ok / (double)nread : 0.0);
}

int
main(int argc, char *argv[])
{
	struct opts o = { .nearest = -1, .max_rate = -1,
	    .date_format = "%Y-%m-%d" };
	struct ctx c;
	struct rec_reader *in;
	struct rec_writer *out;
	struct reject *rj;
	struct progress *pg;
	struct record r;
	struct result res;
	struct schema *osc;
	const struct schema *sc;
	struct field *of;
	const char **names, *path, *src;
	char err[256], period[8];
	unsigned long nread = 0, nkept = 0, line;
	int ch, rc, *keepcol, nkeep = 0, cline, cfile;
	bool ref_year;
	size_t i, k, nout;

	memset(&c, 0, sizeof(c));
	c.o = &o;
	msg_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage(0);
		case OPT_AREAS:
			o.areas = optarg;
			break;
		case OPT_CODEPROP:
			o.code_prop = optarg;
			break;
		case OPT_WKTCOL:
			o.wkt_col = optarg;
			break;
		case OPT_PC6:
			o.pc6 = optarg;
			break;
		case OPT_XY:
			o.xy = optarg;
			break;
		case OPT_LATLON:
			o.latlon = optarg;
			break;
		case OPT_ADDRESS:
			o.address = optarg;
			break;
		case OPT_KEEP:
			o.keep = optarg;
			break;
		case OPT_DROP:
			o.drop = optarg;
			break;
		case OPT_DATE:
			o.date = optarg;
			break;
		case OPT_DATEFMT:
			o.date_format = optarg;
			if (!format_ok(optarg))
				die(2, "usage-error: --date-format knows %%Y, "
				    "%%m and %%d and needs %%Y and %%m");
			break;
		case OPT_REFVER:
			o.ref_version = optarg;
			break;
		case OPT_GEMEENTE:
			o.gemeente = optarg;
			break;
		case OPT_REJECTS:
			o.rejects = optarg;
			break;
		case OPT_NEAREST:
			if (!field_double(field_str(optarg), &o.nearest) ||
			    o.nearest < 0 || o.nearest > 100000)
				die(2, "usage-error: --nearest wants metres "
				    "from 0 to 100000");
			break;
		case OPT_MAXREJ:
			o.max_rejects = opt_ulong(optarg, "--max-rejects");
			break;
		case OPT_MAXRATE:
			o.max_rate = opt_fraction(optarg, "--max-reject-rate");
			break;
		case OPT_MAXREC:
			rec_set_max_record(opt_ulong(optarg,
			    "--max-record-bytes"));
			break;
		case OPT_COMMA:
			o.decimal_comma = true;
			break;
		case OPT_PROGRESS:
			o.progress = true;
			break;
		case OPT_VERSION:
			printf("vb-geocode %s\n", VB_VERSION);
			return 0;
		default:
			usage(2);
		}
	}
	if (argc - optind > 1)
		usage(2);
	if (o.xy != NULL && o.latlon != NULL)
		die(2, "usage-error: give --xy or --latlon, not both");
	if (o.xy == NULL && o.latlon == NULL && o.address == NULL)
		die(2, "usage-error: say where the place is: --xy, --latlon "
		    "or --address");
	if ((o.xy != NULL || o.latlon != NULL) && o.areas == NULL)
		die(2, "usage-error: --xy and --latlon need --areas");
	if (o.address != NULL && o.pc6 == NULL)
		die(2, "usage-error: --address needs --pc6");
	if (o.ref_version != NULL && *o.ref_version == '\0')
		die(2, "usage-error: --ref-version wants a value");
	path = optind < argc ? argv[optind] : "-";

	if (o.areas != NULL)
		load_areas(&c);
	if (o.pc6 != NULL && (c.pc6 = pc6_load(o.pc6, err, sizeof(err))) ==
	    NULL)
		die(1, "%s", err);

	if ((in = rec_open(path)) == NULL)
		die_errno(1, "source-missing: %s", path);
	sc = rec_schema(in);
	if (sc->ncols == 0) {
		rec_read(in, &r);
		die(1, "%s", rec_errmsg(in));
	}
	src = rec_name(in);
	c.cx = c.cy = c.clat = c.clon = -1;
	c.cpc = c.cnr = c.cletter = c.ctoev = c.cdate = -1;
	if (o.xy != NULL) {
		c.cx = need_col(sc, src, "--xy", o.xy, 0, false);
		c.cy = need_col(sc, src, "--xy", o.xy, 1, false);
	}
	if (o.latlon != NULL) {
		c.clat = need_col(sc, src, "--latlon", o.latlon, 0, false);
		c.clon = need_col(sc, src, "--latlon", o.latlon, 1, false);
	}
	if (o.address != NULL) {
		if (list_len(o.address) > 4)
			die(2, "usage-error: --address wants postcode,"
			    "huisnummer[,huisletter[,toevoeging]]");
		c.cpc = need_col(sc, src, "--address", o.address, 0, false);
		c.cnr = need_col(sc, src, "--address", o.address, 1, false);
		c.cletter = need_col(sc, src, "--address", o.address, 2, true);
		c.ctoev = need_col(sc, src, "--address", o.address, 3, true);
	}
	if (o.date != NULL)
		c.cdate = need_col(sc, src, "--date", o.date, 0, false);
	cline = schema_col(sc, "_line");
	cfile = schema_col(sc, "_file");

	/* Output: kept input columns, then the derived ones. */
	keepcol = xcalloc(sc->ncols + 1, sizeof(*keepcol));
	names = xcalloc(sc->ncols + 7, sizeof(*names));
	for (i = 0; i < sc->ncols; i++) {
		const char *nm = sc->name[i];
		bool drop = opt_list_find(o.drop, nm) >= 0 ||
		    (int)i == c.cx ||
		    (int)i == c.cy || (int)i == c.clat || (int)i == c.clon ||
		    (int)i == c.cpc || (int)i == c.cnr || (int)i == c.cletter ||
		    (int)i == c.ctoev || (int)i == c.cdate;

		for (k = 0; !drop && k < sizeof(address_names) /
		    sizeof(address_names[0]); k++)
			drop = eq_ci(nm, address_names[k]);
		if (drop && opt_list_find(o.keep, nm) < 0)
			continue;
		if (strcmp(nm, "buurt") == 0 || strcmp(nm, "wijk") == 0 ||
		    strcmp(nm, "gemeente") == 0 ||
		    strcmp(nm, "geo_method") == 0 ||
		    (o.date != NULL && strcmp(nm, "period") == 0) ||
		    (o.ref_version != NULL && strcmp(nm, "ref_version") == 0))
			die(1, "%s:1: duplicate-label: the input already has "
			    "a column '%s'", src, nm);
		names[nkeep] = nm;
		keepcol[nkeep++] = (int)i;
	}
	if (o.keep != NULL)
		for (k = 0; opt_list_item(o.keep, (int)k, err, sizeof(err));
		    k++)
			if (schema_col(sc, err) < 0)
				die(1, "%s:1: missing-label: --keep names "
				    "'%s', which is not a column", src, err);
	nout = (size_t)nkeep;
	if (o.date != NULL)
		names[nout++] = "period";
	names[nout++] = "buurt";
	names[nout++] = "wijk";
	names[nout++] = "gemeente";
	names[nout++] = "geo_method";
	if (o.ref_version != NULL)
		names[nout++] = "ref_version";
	osc = schema_new(names, nout);
	free(names);
	of = xcalloc(nout, sizeof(*of));
	out = rec_wopen(stdout, osc);
	rj = reject_open("geocode", o.rejects);
	reject_limits(rj, o.max_rejects, o.max_rate);
	if (o.ref_version != NULL && c.pc6 != NULL && *pc6_year(c.pc6) != '\0' &&
	    strcmp(pc6_year(c.pc6), o.ref_version) != 0)
		reject_warn(rj, o.pc6, 1, "reference-version-mismatch",
		    "the pc6hnr table is of %s, --ref-version says %s",
		    pc6_year(c.pc6), o.ref_version);
	ref_year = o.ref_version != NULL && strlen(o.ref_version) == 4 &&
	    strspn(o.ref_version, "0123456789") == 4;
	pg = progress_start(src, o.progress);

	for (k = 0; k < NMETHOD; k++)
		method_field[k] = field_str(method_name[k]);
	while ((rc = rec_read(in, &r)) == 1) {
		nread++;
		progress_tick(pg, nread, rec_bytes(in), rec_size(in));
		res.code = NULL;	/* the rest is set with it */
		res.field = -1;
		if (!by_coords(&c, &r, &res) && !by_address(&c, &r, &res)) {
			c.t.nolocation++;
			set_reject(&res, "geocode-no-match/no-location", -1,
			    "no coordinates and no address");
		}
		if (res.code == NULL && o.date != NULL &&
		    !period_of(r.f[c.cdate], o.date_format, period)) {
			bool empty = field_trim(r.f[c.cdate]).len == 0;

			set_reject(&res, empty ? "constraint-error/required" :
			    "type-error/date", c.cdate, empty ? "no date" :
			    "not a date in the declared --date-format");
		}
		if (res.code != NULL) {
			long l;

			line = r.line;
			if (cline >= 0 && field_long(r.f[cline], &l) && l > 0)
				line = (unsigned long)l;
			reject_row(rj, cfile >= 0 && r.f[cfile].len > 0 ?
			    r.f[cfile].p : src, line, nread,
			    res.field >= 0 ? sc->name[res.field] : NULL,
			    res.code, "%s", res.msg);
			continue;
		}
		if (ref_year && o.date != NULL &&
		    memcmp(period, o.ref_version, 4) != 0) {
			long l;

			line = r.line;
			if (cline >= 0 && field_long(r.f[cline], &l) && l > 0)
				line = (unsigned long)l;
			reject_warn(rj, src, line, "reference-version-mismatch",
			    "the incident year differs from the boundary year "
			    "of --ref-version");
		}
		c.t.by[res.method]++;
		for (k = 0; k < (size_t)nkeep; k++)
			of[k] = r.f[keepcol[k]];
		if (o.date != NULL)
			of[k++] = field_str(period);
		of[k++] = res.buurt;
		of[k++] = res.wijk;
		of[k++] = res.gemeente;
		of[k++] = method_field[res.method];
		if (o.ref_version != NULL)
			of[k++] = field_str(o.ref_version);
		rec_write(out, of, k);
		nkept++;
	}
	if (rc < 0)
		die(1, "%s", rec_errmsg(in));
	progress_end(pg);
	if (rec_wclose(out) != 0)
		die_errno(1, "io-error: write error");
	msg_close_stdout();
	rec_close(in);
	tally_line(&c.t, nread);
	reject_summary(rj, nread, nkept);
	pc6_free(c.pc6);
	if (c.geo != NULL)
		geo_free(c.geo);
	free(c.info);
	free(of);
	free(keepcol);
	schema_free(osc);
	return 0;
}
