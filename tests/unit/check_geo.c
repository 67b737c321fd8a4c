/* check_geo -- unit tests for lib/geo, lib/wkt and lib/json: RD <-> WGS84
 * against GDAL reference points, point in polygon (holes, multipolygons,
 * orientation, shared edges and vertices, degenerate rings), the grid index
 * against the brute-force test, nearest area, GeoJSON and WKT loading and
 * their errors, the locale-free number parser, and the G7 acceptance check
 * on the Maastricht reference polygons (QUALITY.md 1.6). */
#include <check.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo.h"
#include "json.h"

Suite	*geo_suite(void);

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define PI		3.14159265358979323846

/* Reference copies: sample-data/reference/ once copied into the tree, else
 * the shared originals beside the work tree. */
#ifndef GEO_REF_DIR
#define GEO_REF_DIR	"sample-data/reference"
#endif
#define GEO_REF_FALLBACK	"../shared/reference"

#define BUURT_RD	"cartomap-buurt-2018/" \
	"buurt_2018_maastricht_rd_DERIVED.geojson"
#define BUURT_WGS	"cartomap-buurt-2018/" \
	"buurt_2018_maastricht_wgs84.geojson"
#define WIJK_RD		"tmap-nld-2022/" \
	"NLD_dist_maastricht_rd_DERIVED.geojson"
#define WIJK_CSV	"tmap-nld-2022/NLD_dist_maastricht.csv"

static char *
slurp_ref(const char *name, size_t *len)
{
	const char *dirs[] = { GEO_REF_DIR, GEO_REF_FALLBACK };
	char path[512];
	FILE *fp = NULL;
	char *buf;
	long n;
	size_t i;

	for (i = 0; i < NELEM(dirs) && fp == NULL; i++) {
		snprintf(path, sizeof path, "%s/%s", dirs[i], name);
		fp = fopen(path, "rb");
	}
	ck_assert_msg(fp != NULL, "cannot open reference file %s", name);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

static struct geo_set *
load_ref(const char *name, const char *prop)
{
	char err[256] = "", *buf;
	size_t len;
	struct geo_set *s;

	buf = slurp_ref(name, &len);
	s = geo_load_geojson(buf, len, prop, err, sizeof err);
	ck_assert_msg(s != NULL, "%s: %s", name, err);
	free(buf);
	return s;
}

static const char *
at(const struct geo_set *s, double x, double y)
{
	int a = geo_locate(s, x, y);

	ck_assert_int_eq(a, geo_locate_brute(s, x, y));
	return a < 0 ? "-" : geo_code(s, a);
}

/* Add one ring (closing vertex left out) to code. */
static void
add(struct geo_set *s, const char *code, const double *xy, size_t n)
{
	char err[128];

	ck_assert_msg(geo_add_polygon(s, code, xy, &n, 1, err, sizeof err)
	    == 0, "%s", err);
}

/*
 * RD New <-> WGS84.  Reference values made with GDAL 3.6.2 on this machine:
 *	echo "LON LAT" | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:28992 \
 *	    -output_xy
 *	echo "X Y" | gdaltransform -s_srs EPSG:28992 -t_srs EPSG:4326 \
 *	    -output_xy
 * GDAL uses the 7-parameter datum shift of EPSG:28992 (itself good to about
 * a metre), so agreement within 1 m is what the approximation promises.
 */
static const struct {
	double lat, lon, x, y;
} rd_gdal[] = {
	{ 52.15517440, 5.38720621, 155000.1849977, 463000.233960361 },
	{ 52.37308, 4.89070, 121188.351208241, 487360.750084088 },
	{ 50.85136, 5.69094, 176390.794637875, 317991.722909249 },
	{ 53.21917, 6.56650, 233770.12402751, 582039.822399622 },
	{ 51.49528, 3.60972, 31573.4171189848, 391088.422771874 },
	{ 52.22083, 6.89583, 258084.483824175, 471377.621525108 },
	{ 52.08000, 4.30000, 80474.7811332856, 455194.279956034 },
	{ 52.09000, 5.12000, 136687.49339564, 455782.610370028 },
	{ 51.98500, 5.95000, 193661.068174723, 444216.689321471 },
	{ 52.95000, 4.76000, 112844.594384162, 551623.290397777 },
	/* the other direction: x y given, lat lon from GDAL */
	{ 50.8520031782001, 5.68999574472195, 176324, 318063 },
	{ 52.3698262098331, 4.88797076483178, 121000, 487000 },
	{ 53.2189249809889, 6.55496289287866, 233000, 582000 },
	{ 51.4402280377504, 3.58923353002005, 30000, 385000 },
	{ 52.2176386369033, 6.87985019266011, 257000, 471000 },
};

START_TEST(test_rd_gdal)
{
	double x, y, lat, lon, d;

	geo_rd_from_wgs84(rd_gdal[_i].lat, rd_gdal[_i].lon, &x, &y);
	d = hypot(x - rd_gdal[_i].x, y - rd_gdal[_i].y);
	ck_assert_msg(d < 1.0, "point %d: wgs84->rd off by %.3f m", _i, d);
	geo_wgs84_from_rd(rd_gdal[_i].x, rd_gdal[_i].y, &lat, &lon);
	d = hypot((lat - rd_gdal[_i].lat) * 111250,
	    (lon - rd_gdal[_i].lon) * 111250 * cos(lat * PI / 180));
	ck_assert_msg(d < 1.0, "point %d: rd->wgs84 off by %.3f m", _i, d);
}
END_TEST

START_TEST(test_rd_amersfoort)
{
	double x, y, lat, lon;

	/* The origin of both series: exact by construction. */
	geo_rd_from_wgs84(52.15517440, 5.38720621, &x, &y);
	ck_assert_double_eq_tol(x, 155000, 1e-6);
	ck_assert_double_eq_tol(y, 463000, 1e-6);
	geo_wgs84_from_rd(155000, 463000, &lat, &lon);
	ck_assert_double_eq_tol(lat, 52.15517440, 1e-10);
	ck_assert_double_eq_tol(lon, 5.38720621, 1e-10);
	/* The two series invert each other to a few cm over the country. */
	for (x = 15000; x <= 275000; x += 20000)
		for (y = 310000; y <= 610000; y += 20000) {
			double bx, by;

			geo_wgs84_from_rd(x, y, &lat, &lon);
			geo_rd_from_wgs84(lat, lon, &bx, &by);
			ck_assert_msg(hypot(bx - x, by - y) < 0.05,
			    "round trip at %.0f %.0f: %.3f m", x, y,
			    hypot(bx - x, by - y));
		}
	ck_assert(geo_rd_valid(176000, 318000));
	ck_assert(!geo_rd_valid(318000, 176000));
	ck_assert(geo_wgs84_valid(50.85, 5.69));
	ck_assert(!geo_wgs84_valid(5.69, 50.85));
}
END_TEST

static const double sq10[] = { 0, 0, 10, 0, 10, 10, 0, 10 };
static const double sq10_cw[] = { 0, 0, 0, 10, 10, 10, 10, 0 };

START_TEST(test_hole)
{
	/* BU2: square 0..10 with hole 3..7 (given clockwise, shell counter-
	 * clockwise); BU1 fills the hole; BU3 is the same square with the
	 * hole but orientations reversed, shifted by 100. */
	static const double shell[] = { 0, 0, 10, 0, 10, 10, 0, 10, 0, 0 };
	static const double hole[] = { 3, 3, 3, 7, 7, 7, 7, 3, 3, 3 };
	static const double rings[] = {
		100, 0, 100, 10, 110, 10, 110, 0,
		103, 3, 107, 3, 107, 7, 103, 7
	};
	static const size_t rl[] = { 4, 4 };
	double xy[20];
	size_t two[] = { 5, 5 };
	char err[128];
	struct geo_set *s = geo_new();
	int pass;

	memcpy(xy, shell, sizeof shell);
	memcpy(xy + 10, hole, sizeof hole);
	ck_assert_int_eq(geo_add_polygon(s, "BU2", xy, two, 2, err,
	    sizeof err), 0);
	ck_assert_int_eq(geo_add_polygon(s, "BU3", rings, rl, 2, err,
	    sizeof err), 0);
	for (pass = 0; pass < 3; pass++) {
		if (pass == 1)
			ck_assert_int_eq(geo_build_index(s), 0);
		if (pass == 2)
			add(s, "BU1", hole, 4);	/* fill the hole */
		if (pass == 2)
			ck_assert_int_eq(geo_build_index(s), 0);
		ck_assert_str_eq(at(s, 1, 1), "BU2");
		ck_assert_str_eq(at(s, 8, 5), "BU2");
		ck_assert_str_eq(at(s, 5, 5), pass < 2 ? "-" : "BU1");
		ck_assert_str_eq(at(s, 101, 1), "BU3");
		ck_assert_str_eq(at(s, 105, 5), "-");
		/* On the hole's edge and vertex: in BU2's closure, and in
		 * BU1's once it fills the hole; the lowest code wins. */
		ck_assert_str_eq(at(s, 3, 5), pass < 2 ? "BU2" : "BU1");
		ck_assert_str_eq(at(s, 7, 7), pass < 2 ? "BU2" : "BU1");
		ck_assert_str_eq(at(s, 103, 5), "BU3");
		ck_assert_str_eq(at(s, 0, 0), "BU2");
		ck_assert_str_eq(at(s, 10, 5), "BU2");
		ck_assert_str_eq(at(s, -0.001, 5), "-");
		ck_assert_str_eq(at(s, 50, 5), "-");
		ck_assert_str_eq(at(s, NAN, 5), "-");
	}
	geo_free(s);
}
END_TEST

START_TEST(test_orientation_multi)
{
	struct geo_set *a = geo_new(), *b = geo_new();
	double far[8];
	size_t i;

	for (i = 0; i < 8; i++)
		far[i] = sq10[i] + (i % 2 == 0 ? 1000 : 0);
	add(a, "A", sq10, 4);
	add(b, "A", sq10_cw, 4);
	add(a, "A", far, 4);	/* a second part of the same area */
	ck_assert_int_eq(geo_count(a), 1);
	ck_assert_int_eq(geo_build_index(a), 0);
	ck_assert_int_eq(geo_build_index(b), 0);
	ck_assert_str_eq(at(a, 5, 5), "A");
	ck_assert_str_eq(at(b, 5, 5), "A");
	ck_assert_str_eq(at(a, 1005, 5), "A");
	ck_assert_str_eq(at(a, 500, 5), "-");
	ck_assert_str_eq(at(b, 10, 10), "A");
	ck_assert_str_eq(at(b, 10.5, 10), "-");
	geo_free(a);
	geo_free(b);
}
END_TEST

START_TEST(test_shared_boundary)
{
	/* Four unit squares meeting at (1, 1), added in an order unrelated
	 * to their codes: SW "D", SE "B", NE "C", NW "A". */
	static const double sw[] = { 0, 0, 1, 0, 1, 1, 0, 1 };
	static const double se[] = { 1, 0, 2, 0, 2, 1, 1, 1 };
	static const double ne[] = { 1, 1, 2, 1, 2, 2, 1, 2 };
	static const double nw[] = { 0, 1, 1, 1, 1, 2, 0, 2 };
	struct geo_set *s = geo_new();

	add(s, "D", sw, 4);
	add(s, "B", se, 4);
	add(s, "C", ne, 4);
	add(s, "A", nw, 4);
	ck_assert_int_eq(geo_build_index(s), 0);
	ck_assert_str_eq(at(s, 1, 1), "A");	/* all four: lowest code */
	ck_assert_str_eq(at(s, 1, 0.5), "B");	/* D | B */
	ck_assert_str_eq(at(s, 1, 1.5), "A");	/* A | C */
	ck_assert_str_eq(at(s, 0.5, 1), "A");	/* D / A */
	ck_assert_str_eq(at(s, 1.5, 1), "B");	/* B / C */
	ck_assert_str_eq(at(s, 2, 2), "C");	/* outer corner */
	ck_assert_str_eq(at(s, 0, 0), "D");
	ck_assert_str_eq(at(s, 0.25, 0.25), "D");
	ck_assert_str_eq(at(s, 1.75, 1.75), "C");
	ck_assert_str_eq(at(s, 2.0000001, 1), "-");
	geo_free(s);
}
END_TEST

START_TEST(test_degenerate)
{
	static const double two[] = { 0, 0, 5, 5 };
	static const double dup[] = { 0, 0, 0, 0, 5, 5, 5, 5, 0, 0 };
	static const double line[] = { 0, 0, 2, 2, 4, 4, 9, 9, 0, 0 };
	static const double spike[] = {
		0, 0, 10, 0, 10, 10, 10, 10, 0, 10, 0, 0, 0, 0
	};
	struct geo_set *s = geo_new();
	double d;
	size_t zero = 0;
	char err[128];

	ck_assert_int_eq(geo_add_polygon(s, "E", two, &zero, 1, err,
	    sizeof err), 0);
	add(s, "E", two, 2);
	add(s, "E", dup, 5);
	add(s, "E", line, 5);
	ck_assert_int_eq(geo_count(s), 1);
	ck_assert_int_eq(geo_edges(s), 0);
	ck_assert_int_eq(geo_build_index(s), 0);
	ck_assert_str_eq(at(s, 1, 1), "-");
	ck_assert_int_eq(geo_nearest(s, 1, 1, 100, &d), -1);
	/* Repeated vertices inside a good ring are merged, and a flat ring
	 * added to a good area changes nothing. */
	add(s, "F", spike, 7);
	add(s, "F", line, 5);
	ck_assert_int_eq(geo_edges(s), 4);
	ck_assert_int_eq(geo_build_index(s), 0);
	ck_assert_str_eq(at(s, 1, 1), "F");
	ck_assert_str_eq(at(s, 2, 2), "F");
	ck_assert_str_eq(at(s, 11, 11), "-");
	ck_assert_int_eq(geo_add_polygon(s, "", sq10, (size_t[]){ 4 }, 1,
	    err, sizeof err), -1);
	ck_assert_str_eq(err, "empty area code");
	ck_assert_int_eq(geo_add_polygon(s, "G", (double[]){ 0, 0, 1, NAN,
	    2, 2 }, (size_t[]){ 3 }, 1, err, sizeof err), -1);
	ck_assert_str_eq(err, "non-finite coordinate");
	geo_free(s);
}
END_TEST

START_TEST(test_nearest)
{
	static const double b[] = { 20, 0, 30, 0, 30, 10, 20, 10 };
	struct geo_set *s = geo_new();
	double d = -1;
	int i;

	add(s, "A", sq10, 4);
	add(s, "B", b, 4);
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(geo_nearest(s, 5, 5, 10, &d), 0);
		ck_assert_double_eq(d, 0);
		ck_assert_int_eq(geo_nearest(s, 5, -3, 10, &d), 0);
		ck_assert_double_eq_tol(d, 3, 1e-12);
		ck_assert_int_eq(geo_nearest(s, 13, 13, 10, &d), 0);
		ck_assert_double_eq_tol(d, sqrt(18), 1e-12);
		ck_assert_int_eq(geo_nearest(s, 16, 5, 10, &d), 1);
		ck_assert_double_eq_tol(d, 4, 1e-12);
		/* Equidistant: the lowest code. */
		ck_assert_int_eq(geo_nearest(s, 15, 5, 10, &d), 0);
		ck_assert_int_eq(geo_nearest(s, 5, -3, 2.5, &d), -1);
		ck_assert_int_eq(geo_nearest(s, 5000, 5, 10, &d), -1);
		ck_assert_int_eq(geo_build_index(s), 0);
	}
	geo_free(s);
}
END_TEST

/* A deterministic pseudo-random sequence for the property tests. */
static unsigned long long rng_state;

static double
rnd(void)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(rng_state >> 11) / 9007199254740992.0;
}

/* Star-shaped polygons with holes on an integer lattice, many horizontal
 * and vertical edges and shared vertices; probed at random points, lattice
 * points and vertices.  The index must agree with the brute-force test
 * everywhere, and every point in some closure must be found. */
START_TEST(test_index_equals_brute)
{
	struct geo_set *s = geo_new();
	double xy[2 * 64];
	char code[16], err[128];
	int a, k, n, probes;

	rng_state = 42 + (unsigned long long)_i;
	for (a = 0; a < 60; a++) {
		double cx = floor(rnd() * 200), cy = floor(rnd() * 200);
		double r = 5 + floor(rnd() * 30);
		size_t rl[2];

		n = 3 + (int)(rnd() * 20);
		for (k = 0; k < n; k++) {
			double t = 2 * PI * k / n, rr = r * (0.3 + rnd());

			xy[2 * k] = floor(cx + rr * cos(t));
			xy[2 * k + 1] = floor(cy + rr * sin(t));
			if (rnd() < 0.3 && k > 0)	/* horizontal edge */
				xy[2 * k + 1] = xy[2 * k - 1];
		}
		rl[0] = (size_t)n;
		rl[1] = 4;
		xy[2 * n] = cx - 1;
		xy[2 * n + 1] = cy - 1;
		xy[2 * n + 2] = cx + 1;
		xy[2 * n + 3] = cy - 1;
		xy[2 * n + 4] = cx + 1;
		xy[2 * n + 5] = cy + 1;
		xy[2 * n + 6] = cx - 1;
		xy[2 * n + 7] = cy + 1;
		snprintf(code, sizeof code, "A%02d", (int)(rnd() * 40));
		ck_assert_int_eq(geo_add_polygon(s, code, xy, rl,
		    rnd() < 0.5 ? 2 : 1, err, sizeof err), 0);
	}
	ck_assert_int_eq(geo_build_index(s), 0);
	for (probes = 0; probes < 200000; probes++) {
		double x = rnd() * 260 - 30, y = rnd() * 260 - 30;

		if (probes % 2 == 0) {
			x = floor(x);
			y = floor(y);
		} else if (probes % 5 == 0)
			x = floor(x) + 0.5;
		ck_assert_int_eq(geo_locate(s, x, y),
		    geo_locate_brute(s, x, y));
	}
	geo_free(s);
}
END_TEST

/* Rectilinear staircases on an integer lattice inside a 256 x 256 frame
 * area, so the grid cells are 1 x 1 and every vertex, and many edges, lie
 * on cell borders; the frame overlaps everything (lowest code wins).  The
 * index must agree with brute force at lattice points, half-lattice points
 * and random points; geo_nearest with the index must agree with the
 * brute-force nearest of an unindexed copy. */
START_TEST(test_index_lattice)
{
	static const double frame[] = { 0, 0, 256, 0, 256, 256, 0, 256 };
	struct geo_set *s = geo_new(), *t = geo_new();
	double xy[2 * 80];
	char code[16];
	int a, k, probes;

	rng_state = 1000 + (unsigned long long)_i;
	add(s, "Z", frame, 4);
	add(t, "Z", frame, 4);
	for (a = 0; a < 40; a++) {
		double x = 1 + floor(rnd() * 200), y = 1 + floor(rnd() * 200);
		int steps = 2 + (int)(rnd() * 15), n = 0;

		/* Up and right in steps, then back down and left. */
		xy[2 * n] = x;
		xy[2 * n++ + 1] = y;
		for (k = 0; k < steps; k++) {
			y += 1 + floor(rnd() * 4);
			xy[2 * n] = x;
			xy[2 * n++ + 1] = y;
			x += 1 + floor(rnd() * 4);
			xy[2 * n] = x;
			xy[2 * n++ + 1] = y;
		}
		xy[2 * n] = x;
		xy[2 * n++ + 1] = xy[1];
		snprintf(code, sizeof code, "S%02d", (int)(rnd() * 30));
		add(s, code, xy, (size_t)n);
		add(t, code, xy, (size_t)n);
	}
	ck_assert_int_eq(geo_build_index(s), 0);
	for (probes = 0; probes < 100000; probes++) {
		double x = rnd() * 270 - 7, y = rnd() * 270 - 7, d1, d2;
		int n1, n2;

		if (probes % 3 == 0) {
			x = floor(x);
			y = floor(y);
		} else if (probes % 3 == 1) {
			x = floor(x) + 0.5 * (probes % 2);
			y = floor(y) + 0.5;
		}
		ck_assert_int_eq(geo_locate(s, x, y),
		    geo_locate_brute(s, x, y));
		if (probes % 10 == 0) {
			n1 = geo_nearest(s, x, y, 3, &d1);
			n2 = geo_nearest(t, x, y, 3, &d2);
			ck_assert_int_eq(n1, n2);
			if (n1 >= 0)
				ck_assert_double_eq(d1, d2);
		}
	}
	geo_free(s);
	geo_free(t);
}
END_TEST

/* A thin spike whose tip is a horizontal edge lying right of the cells
 * the spike starts in, between two edges that cross those cells: the tip
 * must not count as a change of the crossing number along the cells' rows
 * (see the index comment in geo.c).  Cells are 1 x 1 in the 256 frame. */
START_TEST(test_index_spike)
{
	static const double frame[] = { 0, 0, 256, 0, 256, 256, 0, 256 };
	static const double spike[] = {
		10.2, 10.2, 12.5, 10.6, 13.5, 10.6, 10.3, 10.5
	};
	struct geo_set *s = geo_new();
	double x, y;

	add(s, "Z", frame, 4);
	add(s, "A", spike, 4);
	ck_assert_int_eq(geo_build_index(s), 0);
	ck_assert_str_eq(at(s, 11, 10.45), "A");
	ck_assert_str_eq(at(s, 11, 10.8), "Z");
	ck_assert_str_eq(at(s, 11, 10.3), "Z");
	ck_assert_str_eq(at(s, 10.5, 10.7), "Z");
	ck_assert_str_eq(at(s, 13, 10.6), "A");	/* on the tip */
	for (x = 9.05; x < 14; x += 0.1)
		for (y = 9.05; y < 12; y += 0.1)
			(void)at(s, x, y);	/* index == brute */
	geo_free(s);
}
END_TEST

/* The tokenizer on its own: token sequences and errors. */
START_TEST(test_json_tokens)
{
	static const struct {
		const char *in, *want;	/* tokens: {}[]k s n t f 0, E: err */
	} c[] = {
		{ "{}", "{}" },
		{ " [1, -2.5e3, true, false, null, \"x\"] ", "[nntf0s]" },
		{ "{\"a\":{\"b\":[]},\"c\":\"\\u00e9\\ud83d\\ude00\"}",
		    "{k{k[]}ks}" },
		{ "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"", "s" },
		{ "\xef\xbb\xbf[]", "[]" },
		{ "[1,]", "[nE" },
		{ "{\"a\" 1}", "{kE" },
		{ "{1:2}", "{E" },
		{ "[1 2]", "[nE" },
		{ "[\"a\tb\"]", "[E" },
		{ "[\"\\ud800\"]", "[E" },
		{ "[\"\\x\"]", "[E" },
		{ "[\"\xc3\"]", "[E" },
		{ "[\"\xed\xa0\x80\"]", "[E" },
		{ "[tru]", "[E" },
		{ "[1] [2]", "[n]E" },
		{ "", "E" },
		{ "]", "E" },
		{ "[-]", "[E" },
		{ "[1.5e]", "[E" },
	};
	size_t i;

	for (i = 0; i < NELEM(c); i++) {
		struct json_lexer lx;
		char got[64];
		size_t n = 0;
		enum json_tok t;

		json_init(&lx, c[i].in, strlen(c[i].in));
		do {
			t = json_next(&lx);
			got[n++] = "E.{}[]ksntf0"[t + 1];
		} while (t != JSON_END && t != JSON_ERROR && n < 60);
		got[n - (t == JSON_END)] = '\0';
		ck_assert_msg(strcmp(got, c[i].want) == 0,
		    "case %zu: %s, want %s", i, got, c[i].want);
		if (t == JSON_ERROR)
			ck_assert(strncmp(json_errmsg(&lx), "byte ", 5) == 0);
		json_done(&lx);
	}
}
END_TEST

START_TEST(test_numbers)
{
	static const struct { const char *s; double v; } ok[] = {
		{ "0", 0 }, { "-0", -0.0 }, { "1", 1 }, { "176324", 176324 },
		{ "5.38720621", 5.38720621 }, { "52.1551744", 52.1551744 },
		{ "-12.5e3", -12500 }, { "1E-2", 0.01 }, { "0.1", 0.1 },
		{ "123456789012345678901234567890", 1.2345678901234568e29 },
		{ "2.2250738585072014e-308", 2.2250738585072014e-308 },
		{ "0.30000000000000004", 0.30000000000000004 },
		{ "9007199254740993", 9007199254740992.0 },
		{ "1e22", 1e22 }, { "1e23", 1e23 }, { "4.9e-324", 4.9e-324 },
	};
	static const char *bad[] = {
		"", "-", "+1", "01", "1.", ".5", "1e", "1e+", " 1", "1 ",
		"nan", "inf", "-inf", "1e400", "0x10", "1,5", "1.5.2",
	};
	double v;
	size_t i;

	for (i = 0; i < NELEM(ok); i++) {
		ck_assert_msg(json_parse_number(ok[i].s, strlen(ok[i].s), &v),
		    "refused %s", ok[i].s);
		ck_assert_msg(v == ok[i].v && signbit(v) == signbit(ok[i].v),
		    "%s gave %.17g", ok[i].s, v);
	}
	for (i = 0; i < NELEM(bad); i++)
		ck_assert_msg(!json_parse_number(bad[i], strlen(bad[i]), &v),
		    "accepted \"%s\"", bad[i]);
	/* Random decimals against strtod in the C locale: correctly rounded. */
	rng_state = 7;
	for (i = 0; i < 20000; i++) {
		char buf[64];
		double want;

		snprintf(buf, sizeof buf, "%.*f", (int)(rnd() * 12),
		    rnd() * 400000 - 100000);
		want = strtod(buf, NULL);
		ck_assert_msg(json_parse_number(buf, strlen(buf), &v) &&
		    v == want, "%s gave %.17g", buf, v);
	}
}
END_TEST

START_TEST(test_locale)
{
	static const char *gj = "{\"type\":\"FeatureCollection\",\"features\":"
	    "[{\"type\":\"Feature\",\"properties\":{\"code\":\"X\"},"
	    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[176000.5,"
	    "318000],[176010.5,318000],[176010.5,318010],[176000.5,318000]]]"
	    "}}]}";
	char err[256];
	struct geo_set *s;
	double v;

	/* Under a decimal-comma locale (when installed) parsing is the
	 * same; in the C locale the test still checks the parse. */
	setlocale(LC_NUMERIC, "nl_NL.UTF-8");
	ck_assert(json_parse_number("1.5", 3, &v) && v == 1.5);
	ck_assert(json_parse_number("1e400", 5, &v) == false);
	ck_assert(json_parse_number("1.5e-400", 8, &v) && v == 0);
	s = geo_load_geojson(gj, strlen(gj), "code", err, sizeof err);
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_str_eq(at(s, 176009.5, 318001), "X");
	ck_assert_str_eq(at(s, 176000.4, 318000), "-");
	ck_assert_str_eq(at(s, 176000.5, 318000), "X");
	geo_free(s);
	setlocale(LC_NUMERIC, "C");
}
END_TEST

#define FC(features)	"{\"type\":\"FeatureCollection\",\"features\":[" \
	features "]}"
#define FEAT(props, geom) "{\"type\":\"Feature\",\"properties\":{" props \
	"},\"geometry\":" geom "}"
#define SQ "[[[176000,318000],[176100,318000],[176100,318100]," \
	"[176000,318000]]]"

static const struct {
	const char	*in;
	const char	*err;	/* NULL: loads */
} gj_cases[] = {
	{ FC(FEAT("\"code\":\"A\"", "{\"type\":\"Polygon\",\"coordinates\":"
	    SQ "}")), NULL },
	{ FC(FEAT("\"code\":7", "{\"coordinates\":" SQ ",\"type\":"
	    "\"Polygon\"}")), NULL },
	{ FC(FEAT("\"code\":\"A\"", "null")), NULL },
	{ FC(FEAT("\"code\":\"A\"", "{\"type\":\"MultiPolygon\","
	    "\"coordinates\":[" SQ "," SQ "]}")), NULL },
	{ FC(FEAT("\"code\":\"A\"", "{\"type\":\"Polygon\",\"coordinates\":"
	    "[[]]}")), NULL },
	{ FC(FEAT("\"code\":\"A\"", "{\"type\":\"Polygon\",\"coordinates\":"
	    "[[[5.69,50.852],[5.686,50.85],[5.688,50.847],[5.69,50.852]]]}")),
	    NULL },
	{ "", "byte 0: unexpected end of input" },
	{ "[]", "byte 0: expected a GeoJSON object" },
	{ "{\"type\":\"Feature\"}", "byte 8: not a FeatureCollection" },
	{ "{\"features\":[]}",
	    "byte 15: no \"type\": \"FeatureCollection\"" },
	{ FC(FEAT("\"code\":\"A\"", "{\"type\":\"Polygon\",\"coordinates\":"
	    SQ "}") ","), "byte 197, feature 2: unexpected ']'" },
	{ FC(FEAT("\"name\":\"A\"", "{\"type\":\"Polygon\",\"coordinates\":"
	    SQ "}")), "byte 195, feature 1: no property \"code\"" },
	{ FC(FEAT("\"code\":null", "{\"type\":\"Polygon\",\"coordinates\":"
	    SQ "}")), "byte 79, feature 1: property \"code\" is not a string "
	    "or number" },
	{ FC(FEAT("\"code\":\"A\"", "{\"type\":\"Point\",\"coordinates\":"
	    "[1,2]}")), "byte 103, feature 1: geometry type Point not "
	    "supported (Polygon, MultiPolygon)" },
	{ FC(FEAT("\"code\":\"A\"", "{\"type\":\"MultiPolygon\","
	    "\"coordinates\":" SQ "}")), "byte 200, feature 1: coordinates "
	    "nested 3 deep do not fit the geometry type" },
	{ FC(FEAT("\"code\":\"A\"", "{\"type\":\"Polygon\",\"coordinates\":"
	    "[[[176000,318000],[176100,318000],[176100,318100],"
	    "[176000,318001]]]}")), "byte 192, feature 1: ring not closed" },
	{ FC(FEAT("\"code\":\"A\"", "{\"type\":\"Polygon\",\"coordinates\":"
	    "[[[176000,318000],[176100],[176100,318100],[176000,318000]]]}")),
	    "byte 152, feature 1: position with fewer than 2 numbers" },
	{ FC(FEAT("\"code\":\"A\"", "{\"type\":\"Polygon\",\"coordinates\":"
	    "[[[176000,318000],[176100,318000],[176100,318100],"
	    "[176000,01]]]}")), "byte 185, feature 1: malformed number" },
	{ FC(FEAT("\"code\":\"A\"", "{\"type\":\"Polygon\",\"coordinates\":"
	    "[[[176000,318000],[176100,318000],[176100,NaN],"
	    "[176000,318000]]]}")), "byte 169, feature 1: unexpected "
	    "character" },
	{ "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\","
	    "\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::3035\"}},"
	    "\"features\":[]}", "byte 70: unsupported crs "
	    "\"urn:ogc:def:crs:EPSG::3035\" (EPSG:28992 or EPSG:4326)" },
	{ FC(FEAT("\"code\":\"A\"", "{\"type\":\"Polygon\",\"coordinates\":"
	    "[[[50.852,5.69],[50.85,5.686],[50.847,5.688],[50.852,5.69]]]}")),
	    "coordinates outside the RD New range (x -7000..300000, "
	    "y 289000..629000); not WGS84 around the Netherlands either "
	    "(lon 2.5..7.6, lat 50..54: swapped axes?)" },
	{ FC(FEAT("\"code\":\"A\"", "{\"type\":\"Polygon\",\"coordinates\":"
	    SQ "}")) "x", "byte 198: trailing data after the JSON value" },
	{ "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
	    "\"Feature\",\"properties\":{\"code\":\"A\xff\"}}]}",
	    "byte 81, feature 1: invalid UTF-8" },
};

START_TEST(test_geojson_cases)
{
	char err[512] = "";
	struct geo_set *s = geo_new();
	int rc;

	rc = geo_add_geojson(s, gj_cases[_i].in, strlen(gj_cases[_i].in),
	    "code", err, sizeof err);
	if (gj_cases[_i].err == NULL)
		ck_assert_msg(rc == 0, "case %d: %s", _i, err);
	else {
		ck_assert_int_eq(rc, -1);
		ck_assert_str_eq(err, gj_cases[_i].err);
		ck_assert_int_eq(geo_count(s), 0);	/* nothing added */
		ck_assert_int_eq(geo_edges(s), 0);
	}
	geo_free(s);
}
END_TEST

START_TEST(test_geojson_depth)
{
	char *buf, err[256];
	size_t n = 0, i;
	struct geo_set *s;

	/* 70 nested arrays inside "coordinates": the depth limit, not the
	 * stack, stops it, at the 61st '[' (4 levels of objects and arrays
	 * enclose "coordinates"). */
	buf = malloc(4096);
	n += (size_t)sprintf(buf, "{\"type\":\"FeatureCollection\","
	    "\"features\":[{\"type\":\"Feature\",\"geometry\":{"
	    "\"coordinates\":");
	for (i = 0; i < 70; i++)
		buf[n++] = '[';
	for (i = 0; i < 70; i++)
		buf[n++] = ']';
	n += (size_t)sprintf(buf + n, "}}]}");
	s = geo_load_geojson(buf, n, "code", err, sizeof err);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(err, "byte 144, feature 1: nesting deeper than 64 "
	    "(JSON_MAX_DEPTH)");
	free(buf);
}
END_TEST

START_TEST(test_wkt)
{
	static const struct {
		const char *in, *err;
	} c[] = {
		{ "POLYGON ((0 300000, 10 300000, 10 300010, 0 300010, "
		    "0 300000), (3 300003, 3 300007, 7 300007, 7 300003, "
		    "3 300003))", NULL },
		{ "multipolygon(((0 300000,10 300000,10 300010,0 300000)),"
		    "((20 300000,30 300000,30 300010,20 300000)))", NULL },
		{ "POLYGON EMPTY", NULL },
		{ "MULTIPOLYGON EMPTY", NULL },
		{ " POLYGON((+0 3e5,1e1 300000,10.0 300010,.0 300000.0)) ",
		    NULL },
		{ "POINT (1 2)", "byte 0: expected POLYGON or MULTIPOLYGON" },
		{ "POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))",
		    "byte 8: only 2D coordinates are supported" },
		{ "POLYGON ((0 0 1, 1 0 1, 1 1 1, 0 0 1))",
		    "byte 14: only 2D coordinates are supported" },
		{ "POLYGON ((0 0, 10 0, 10 10, 0 1))",
		    "byte 9: ring not closed" },
		{ "POLYGON ((0 0, 10 0, 10 10, 0 0)) x",
		    "byte 34: trailing text after the geometry" },
		{ "POLYGON ((0 0, 10 0, 10 10, 0 0)",
		    "byte 32: expected ',' or ')'" },
		{ "POLYGON ((0 0, 10 x, 10 10, 0 0))",
		    "byte 18: expected a number" },
		{ "POLYGON ((0,0, 10 0, 10 10, 0 0))",
		    "byte 11: expected a number" },
		{ "POLYGON ((0 0, 10 0, 10 10, 0 0))",
		    "byte 0: coordinates outside the RD New range "
		    "(x -7000..300000, y 289000..629000)" },
	};
	static const char *wgs = "POLYGON ((5.69 50.852, 5.686 50.85, "
	    "5.688 50.847, 5.697 50.847, 5.696 50.852, 5.69 50.852))";
	struct geo_set *s = geo_new();
	char err[256], code[8];
	double x, y;
	size_t i;

	for (i = 0; i < NELEM(c); i++) {
		int rc;

		snprintf(code, sizeof code, "W%zu", i);
		err[0] = '\0';
		rc = geo_add_wkt(s, code, c[i].in, strlen(c[i].in),
		    GEO_CRS_RD, err, sizeof err);
		if (c[i].err == NULL)
			ck_assert_msg(rc == 0, "case %zu: %s", i, err);
		else {
			ck_assert_msg(rc == -1, "case %zu accepted", i);
			ck_assert_str_eq(err, c[i].err);
		}
	}
	ck_assert_int_eq(geo_count(s), 5);	/* nothing from the errors */
	ck_assert_int_eq(geo_build_index(s), 0);
	/* W0: square with a hole 3..7; W1 and W4: the triangle below its
	 * diagonal y - 300000 = x (W1 also a second one at 20..30). */
	ck_assert_str_eq(at(s, 1, 300005), "W0");
	ck_assert_str_eq(at(s, 4, 300006), "-");	/* hole, above */
	ck_assert_str_eq(at(s, 6, 300004), "W1");	/* hole, below */
	ck_assert_str_eq(at(s, 5, 300005), "W1");	/* hole, on it */
	ck_assert_str_eq(at(s, 25, 300001), "W1");
	ck_assert_str_eq(at(s, 9, 300001), "W0");	/* W0 < W1 < W4 */
	ck_assert_str_eq(at(s, 2, 300002), "W0");	/* on the diagonal */
	ck_assert_str_eq(at(s, 15, 300001), "-");
	geo_free(s);

	/* Binnenstad in lon lat, the first feature of the cartomap file:
	 * read as WGS84 (declared or by its range), converted to RD. */
	s = geo_new();
	ck_assert_int_eq(geo_add_wkt(s, "BU09350000", wgs, strlen(wgs),
	    GEO_CRS_AUTO, err, sizeof err), 0);
	ck_assert_int_eq(geo_add_wkt(s, "X", wgs, strlen(wgs),
	    GEO_CRS_RD, err, sizeof err), -1);
	ck_assert_int_eq(geo_build_index(s), 0);
	geo_rd_from_wgs84(50.850, 5.692, &x, &y);
	ck_assert_str_eq(at(s, x, y), "BU09350000");
	geo_rd_from_wgs84(50.850, 5.680, &x, &y);
	ck_assert_str_eq(at(s, x, y), "-");
	geo_free(s);
}
END_TEST

/* The wijken from the WKT column of the tmap CSV (fields are quoted, the
 * code first and the WKT last). */
static struct geo_set *
load_wijk_wkt(void)
{
	char *buf, *p, *q, *wkt, err[256];
	size_t len;
	struct geo_set *s = geo_new();
	int rows = 0;

	buf = slurp_ref(WIJK_CSV, &len);
	p = strchr(buf, '\n') + 1;	/* skip the header */
	while (*p == '"') {
		char code[16];

		q = strchr(p + 1, '"');
		ck_assert_int_lt(q - p - 1, (long)sizeof code);
		memcpy(code, p + 1, (size_t)(q - p - 1));
		code[q - p - 1] = '\0';
		wkt = strstr(q, ",\"MULTIPOLYGON") != NULL &&
		    strstr(q, ",\"MULTIPOLYGON") < strchr(q, '\n') ?
		    strstr(q, ",\"MULTIPOLYGON") + 2 :
		    strstr(q, ",\"POLYGON") + 2;
		q = strchr(wkt, '"');
		ck_assert_msg(geo_add_wkt(s, code, wkt, (size_t)(q - wkt),
		    GEO_CRS_RD, err, sizeof err) == 0, "%s: %s", code, err);
		rows++;
		p = strchr(q, '\n');
		if (p == NULL)
			break;
		p++;
	}
	ck_assert_int_eq(rows, 7);
	free(buf);
	ck_assert_int_eq(geo_build_index(s), 0);
	return s;
}

/* G7: a point on the surface of every buurt lies in the 2022 wijk
 * WK0935 + characters 7-8 of the buurt code, by both wijk sources; the
 * WKT and GeoJSON copies of the wijken agree everywhere. */
START_TEST(test_g7_maastricht)
{
	struct geo_set *bu = load_ref(BUURT_RD, "statcode");
	struct geo_set *bw = load_ref(BUURT_WGS, "statcode");
	struct geo_set *wk = load_ref(WIJK_RD, "code");
	struct geo_set *wt = load_wijk_wkt();
	double x0, y0, x1, y1;
	size_t i, agree = 0;

	ck_assert_int_eq(geo_count(bu), 44);
	ck_assert_int_eq(geo_count(bw), 44);
	ck_assert_int_eq(geo_count(wk), 7);
	for (i = 0; i < 44; i++) {
		const char *code = geo_code(bu, (int)i);
		char want[9];
		double x, y;

		ck_assert(geo_interior_point(bu, (int)i, &x, &y));
		snprintf(want, sizeof want, "WK0935%.2s", code + 6);
		ck_assert_str_eq(at(bu, x, y), code);
		ck_assert_msg(strcmp(at(wk, x, y), want) == 0,
		    "%s: point %.1f %.1f in %s", code, x, y, at(wk, x, y));
		ck_assert_str_eq(at(wt, x, y), want);
		/* The WGS84 copy, converted here, is the same buurt up to
		 * the 1 m rounding of the RD copy: the interior point is in
		 * it too, unless a neighbour is within a few metres. */
		if (strcmp(at(bw, x, y), code) == 0)
			agree++;
	}
	ck_assert_uint_ge(agree, 42);
	ck_assert(geo_bounds(wk, &x0, &y0, &x1, &y1));
	ck_assert_double_eq(x0, 172725);
	ck_assert_double_eq(y1, 324743);
	rng_state = 3;
	for (i = 0; i < 100000; i++) {
		double x = x0 + rnd() * (x1 - x0), y = y0 + rnd() * (y1 - y0);

		ck_assert_str_eq(at(wk, x, y), at(wt, x, y));
	}
	geo_free(bu);
	geo_free(bw);
	geo_free(wk);
	geo_free(wt);
}
END_TEST

Suite *
geo_suite(void)
{
	Suite *s = suite_create("geo");
	TCase *tc = tcase_create("geo");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_rd_gdal, 0, NELEM(rd_gdal));
	tcase_add_test(tc, test_rd_amersfoort);
	tcase_add_test(tc, test_hole);
	tcase_add_test(tc, test_orientation_multi);
	tcase_add_test(tc, test_shared_boundary);
	tcase_add_test(tc, test_degenerate);
	tcase_add_test(tc, test_nearest);
	tcase_add_loop_test(tc, test_index_equals_brute, 0, 4);
	tcase_add_loop_test(tc, test_index_lattice, 0, 3);
	tcase_add_test(tc, test_index_spike);
	tcase_add_test(tc, test_json_tokens);
	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_locale);
	tcase_add_loop_test(tc, test_geojson_cases, 0, NELEM(gj_cases));
	tcase_add_test(tc, test_geojson_depth);
	tcase_add_test(tc, test_wkt);
	tcase_add_test(tc, test_g7_maastricht);
	suite_add_tcase(s, tc);
	return s;
}
