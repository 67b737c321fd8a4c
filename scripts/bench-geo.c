/* bench-geo -- point-location speed of lib/geo, single-threaded, on RD
 * points: against the 44 Maastricht buurten (a GeoJSON file) and against a
 * generated national-size set of 14,000 irregular polygons, a quarter of
 * them with a hole.  Prints points per second, build time, the set's own
 * memory and the peak RSS; checks the index against the brute-force test on
 * a sample.  Everything is deterministic.
 *
 * usage: bench-geo [-n points] [-s] [buurten.geojson]
 *   -n  points per run (default 20000000)
 *   -s  skip the national set */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "geo.h"

#define PI		3.14159265358979323846
#define NAT_COLS	112
#define NAT_ROWS	125		/* 112 x 125 = 14,000 areas */
#define NAT_X0		13000.0
#define NAT_X1		278000.0
#define NAT_Y0		306000.0
#define NAT_Y1		619000.0
#define NAT_SEG		24		/* segments per polygon side */
#define BLOCK		(1u << 20)	/* points generated per block */

static const char *default_paths[] = {
	"sample-data/reference/cartomap-buurt-2018/"
	    "buurt_2018_maastricht_rd_DERIVED.geojson",
	"../shared/reference/cartomap-buurt-2018/"
	    "buurt_2018_maastricht_rd_DERIVED.geojson",
};

static uint64_t
mix(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A uniform number in [0, 1) from the key. */
static double
unit(uint64_t key)
{
	return (double)(mix(key) >> 11) / 9007199254740992.0;
}

static double
clock_s(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double
now(void)
{
	return clock_s(CLOCK_MONOTONIC);
}

static long
peak_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* Lattice vertex (i, j), jittered inside its cell; the frame stays put. */
static void
lattice(int i, int j, double *x, double *y)
{
	double cw = (NAT_X1 - NAT_X0) / NAT_COLS, ch = (NAT_Y1 - NAT_Y0) /
	    NAT_ROWS;
	uint64_t key = (uint64_t)j * 1000 + (uint64_t)i;

	*x = NAT_X0 + i * cw;
	*y = NAT_Y0 + j * ch;
	if (i > 0 && i < NAT_COLS)
		*x += (unit(key * 4) - 0.5) * 0.4 * cw;
	if (j > 0 && j < NAT_ROWS)
		*y += (unit(key * 4 + 1) - 0.5) * 0.4 * ch;
}

/* The shared side from lattice vertex a to b (horizontal: dir 0, vertical:
 * dir 1), as NAT_SEG + 1 points, wiggled the same way for both neighbours;
 * rounded to the millimetre as real boundary files are. */
static void
side(int i, int j, int dir, double *pts)
{
	double ax, ay, bx, by, nx, ny, len, amp;
	uint64_t key = ((uint64_t)j * 1000 + (uint64_t)i) * 2 + (uint64_t)dir;
	int k;

	lattice(i, j, &ax, &ay);
	lattice(i + (dir == 0), j + (dir == 1), &bx, &by);
	len = hypot(bx - ax, by - ay);
	nx = -(by - ay) / len;
	ny = (bx - ax) / len;
	amp = len * 0.06;
	for (k = 0; k <= NAT_SEG; k++) {
		double t = (double)k / NAT_SEG;
		double d = (unit(key * 64 + (uint64_t)k) - 0.5) * 2 * amp *
		    sin(PI * t);

		pts[2 * k] = round((ax + t * (bx - ax) + d * nx) * 1000) / 1000;
		pts[2 * k + 1] = round((ay + t * (by - ay) + d * ny) * 1000) /
		    1000;
	}
}

static struct geo_set *
national(void)
{
	struct geo_set *s = geo_new();
	double xy[2 * (4 * NAT_SEG + 16)], pts[2 * (NAT_SEG + 1)];
	size_t rl[2];
	char code[32], err[128];
	int i, j, k, n;

	for (j = 0; j < NAT_ROWS; j++)
		for (i = 0; i < NAT_COLS; i++) {
			n = 0;
			side(i, j, 0, pts);			/* bottom */
			for (k = 0; k < NAT_SEG; k++, n++)
				memcpy(xy + 2 * n, pts + 2 * k, 16);
			side(i + 1, j, 1, pts);		/* right */
			for (k = 0; k < NAT_SEG; k++, n++)
				memcpy(xy + 2 * n, pts + 2 * k, 16);
			side(i, j + 1, 0, pts);		/* top, back */
			for (k = NAT_SEG; k > 0; k--, n++)
				memcpy(xy + 2 * n, pts + 2 * k, 16);
			side(i, j, 1, pts);		/* left, back */
			for (k = NAT_SEG; k > 0; k--, n++)
				memcpy(xy + 2 * n, pts + 2 * k, 16);
			rl[0] = (size_t)n;
			rl[1] = 0;
			if ((i + j) % 4 == 0) {		/* a lake */
				double cx = 0, cy = 0, r;

				for (k = 0; k < n; k++) {
					cx += xy[2 * k] / n;
					cy += xy[2 * k + 1] / n;
				}
				r = (NAT_X1 - NAT_X0) / NAT_COLS * 0.12;
				for (k = 0; k < 12; k++) {
					double t = 2 * PI * k / 12, rr = r *
					    (0.6 + 0.4 * unit((uint64_t)(j *
					    1000 + i) * 16 + (uint64_t)k));

					xy[2 * (n + k)] = round(cx + rr *
					    cos(t));
					xy[2 * (n + k) + 1] = round(cy + rr *
					    sin(t));
				}
				rl[1] = 12;
			}
			snprintf(code, sizeof code, "BU%04d%04d", j, i);
			if (geo_add_polygon(s, code, xy, rl, rl[1] ? 2 : 1,
			    err, sizeof err) != 0) {
				fprintf(stderr, "bench-geo: %s\n", err);
				exit(1);
			}
		}
	return s;
}

/* Locate npoints uniform points in the box; returns points per second of
 * wall-clock time, *cpu_rate per second of this thread's CPU time (less
 * sensitive to other load on the machine). */
static double
run(const struct geo_set *s, double x0, double y0, double x1, double y1,
    size_t npoints, double *hitrate, double *cpu_rate, unsigned long seed)
{
	double *pt = malloc(2 * BLOCK * sizeof *pt), t, c, spent = 0;
	double cpu = 0;
	size_t done = 0, i, n, hits = 0;
	uint64_t key = seed * 1000003;
	long sum = 0;

	if (pt == NULL) {
		fprintf(stderr, "bench-geo: out of memory\n");
		exit(1);
	}
	while (done < npoints) {
		n = npoints - done < BLOCK ? npoints - done : BLOCK;
		for (i = 0; i < n; i++) {
			pt[2 * i] = x0 + unit(key++) * (x1 - x0);
			pt[2 * i + 1] = y0 + unit(key++) * (y1 - y0);
		}
		t = now();
		c = clock_s(CLOCK_THREAD_CPUTIME_ID);
		for (i = 0; i < n; i++) {
			int a = geo_locate(s, pt[2 * i], pt[2 * i + 1]);

			hits += a >= 0;
			sum += a;
		}
		cpu += clock_s(CLOCK_THREAD_CPUTIME_ID) - c;
		spent += now() - t;
		done += n;
	}
	free(pt);
	*hitrate = (double)hits / (double)npoints;
	*cpu_rate = (double)npoints / cpu;
	if (sum == 42)		/* keep the loop */
		fputc('\n', stderr);
	return (double)npoints / spent;
}

/* The index against the brute-force test on n points; mismatches. */
static size_t
verify(const struct geo_set *s, double x0, double y0, double x1, double y1,
    size_t n)
{
	size_t i, bad = 0;

	for (i = 0; i < n; i++) {
		double x = x0 + unit(7777 + 2 * i) * (x1 - x0);
		double y = y0 + unit(7778 + 2 * i) * (y1 - y0);

		if (i % 2 == 1) {	/* whole metres: vertices, edges */
			x = round(x);
			y = round(y);
		}
		if (geo_locate(s, x, y) != geo_locate_brute(s, x, y))
			bad++;
	}
	return bad;
}

int
main(int argc, char *argv[])
{
	size_t npoints = 20000000, len, bad, i;
	const char *path = NULL;
	struct geo_set *s;
	char *buf, err[256];
	double x0, y0, x1, y1, rate, crate, hit, t;
	bool skip_nat = false;
	FILE *fp = NULL;
	int ch;

	while ((ch = getopt(argc, argv, "n:s")) != -1) {
		switch (ch) {
		case 'n':
			npoints = strtoul(optarg, NULL, 10);
			break;
		case 's':
			skip_nat = true;
			break;
		default:
			fprintf(stderr, "usage: bench-geo [-n points] [-s] "
			    "[buurten.geojson]\n");
			return 2;
		}
	}
	if (optind < argc)
		path = argv[optind];
	for (i = 0; path == NULL && i < 2; i++)
		if (access(default_paths[i], R_OK) == 0)
			path = default_paths[i];
	if (path == NULL || (fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "bench-geo: cannot open the Maastricht "
		    "buurten\n");
		return 1;
	}
	fseek(fp, 0, SEEK_END);
	len = (size_t)ftell(fp);
	rewind(fp);
	buf = malloc(len + 1);
	if (buf == NULL || fread(buf, 1, len, fp) != len) {
		fprintf(stderr, "bench-geo: cannot read %s\n", path);
		return 1;
	}
	fclose(fp);
	t = now();
	if ((s = geo_load_geojson(buf, len, "statcode", err, sizeof err)) ==
	    NULL) {
		fprintf(stderr, "bench-geo: %s: %s\n", path, err);
		return 1;
	}
	t = now() - t;
	free(buf);
	geo_bounds(s, &x0, &y0, &x1, &y1);
	bad = verify(s, x0, y0, x1, y1, 100000);
	rate = run(s, x0, y0, x1, y1, npoints, &hit, &crate, 1);
	printf("maastricht: %zu areas, %zu edges, load+index %.3f s, "
	    "%.1f kB; %zu points: %.2f M points/s (%.2f M per CPU second), "
	    "%.1f%% matched; index == brute on 100000: %s\n", geo_count(s),
	    geo_edges(s), t, geo_memory(s) / 1024.0, npoints, rate / 1e6,
	    crate / 1e6, 100 * hit, bad == 0 ? "yes" : "NO");
	geo_free(s);
	if (bad != 0)
		return 1;
	if (skip_nat)
		return 0;

	t = now();
	s = national();
	t = now() - t;
	printf("national: %zu areas, %zu edges generated in %.2f s\n",
	    geo_count(s), geo_edges(s), t);
	t = now();
	if (geo_build_index(s) != 0) {
		fprintf(stderr, "bench-geo: out of memory building the "
		    "index\n");
		return 1;
	}
	t = now() - t;
	geo_bounds(s, &x0, &y0, &x1, &y1);
	bad = verify(s, x0, y0, x1, y1, 400);
	rate = run(s, x0, y0, x1, y1, npoints, &hit, &crate, 2);
	printf("national: index %.2f s, set+index %.1f MB; %zu points: "
	    "%.2f M points/s (%.2f M per CPU second), %.1f%% matched; "
	    "index == brute on 400: %s; peak RSS %.1f MB\n", t,
	    geo_memory(s) / 1048576.0, npoints, rate / 1e6, crate / 1e6,
	    100 * hit, bad == 0 ? "yes" : "NO", peak_rss_kb() / 1024.0);
	geo_free(s);
	return bad == 0 ? 0 : 1;
}
