/* check_stats -- unit tests for lib/stats: the test vectors of METHOD.md
 * §6, §7.3 and §8, plus checks against independent formulas (direct
 * log-space Poisson and binomial sums, brute-force definitions). */
#include <check.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

Suite	*stats_suite(void);

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* |got - want| <= tol, with a message naming the case. */
#define ck_near(got, want, tol, what)					\
	ck_assert_msg(fabs((got) - (want)) <= (tol),			\
	    "%s: got %.10g, want %.10g (tol %g)", (what), (double)(got),	\
	    (double)(want), (double)(tol))

static double	dpois_log(long k, double lambda);
static double	ppois_sum(long x, double lambda);
static double	ppois_upper_sum(long x, double lambda);
static double	dbinom_log(long k, long n, double p);
static double	pbinom_sum(long lo, long hi, long n, double p);

/* Independent reference: log of e^{-λ} λ^k / k!. */
static double
dpois_log(long k, double lambda)
{
	return -lambda + (double)k * log(lambda) - lgamma((double)k + 1);
}

/* P(X <= x) by summing the terms in log space. */
static double
ppois_sum(long x, double lambda)
{
	double s = 0;
	long k;

	for (k = 0; k <= x; k++)
		s += exp(dpois_log(k, lambda));
	return s;
}

/* P(X >= x) by summing the upper terms until they vanish. */
static double
ppois_upper_sum(long x, double lambda)
{
	double s = 0, t;
	long k;

	if (x <= 0)
		return 1;
	for (k = x;; k++) {
		t = exp(dpois_log(k, lambda));
		s += t;
		if (k > lambda && t < s * 1e-17)
			break;
	}
	return s;
}

static double
dbinom_log(long k, long n, double p)
{
	return lgamma((double)n + 1) - lgamma((double)k + 1) -
	    lgamma((double)(n - k) + 1) + (double)k * log(p) +
	    (double)(n - k) * log(1 - p);
}

/* P(lo <= X <= hi) by a direct sum. */
static double
pbinom_sum(long lo, long hi, long n, double p)
{
	double s = 0;
	long k;

	if (lo < 0)
		lo = 0;
	if (hi > n)
		hi = n;
	for (k = lo; k <= hi; k++)
		s += exp(dbinom_log(k, n, p));
	return s;
}

/* --- §8.2: exact and Byar intervals ------------------------------------ */

/* METHOD.md §8.2 table: x, N, exact lo-hi, Byar lo-hi per 1,000. */
static const struct {
	long	 x;
	double	 n, elo, ehi, blo, bhi;
} ci_table[] = {
	{ 0, 300, 0.000, 12.296, 0.000, 12.227 },
	{ 2, 180, 1.346, 40.137, 1.248, 40.117 },
	{ 4, 1250, 0.872, 8.193, 0.861, 8.193 },
	{ 25, 2100, 7.704, 17.574, 7.702, 17.575 },
	{ 30, 5200, 3.892, 8.236, 3.892, 8.236 },
	{ 60, 3000, 15.262, 25.744, 15.261, 25.745 },
};

START_TEST(test_exact_table)
{
	double lo, hi, k = 1000 / ci_table[_i].n;

	stats_pois_exact(ci_table[_i].x, 0.05, &lo, &hi);
	ck_near(lo * k, ci_table[_i].elo, 0.0005, "exact lo");
	ck_near(hi * k, ci_table[_i].ehi, 0.0005, "exact hi");
}
END_TEST

/* The table's Byar column reproduces with z = 1.96; with the prescribed
 * z = 1.959964 every entry is within one unit of the third decimal. */
START_TEST(test_byar_table)
{
	double lo, hi, k = 1000 / ci_table[_i].n;

	stats_pois_byar(ci_table[_i].x, 1.96, &lo, &hi);
	ck_near(lo * k, ci_table[_i].blo, 0.0005, "byar(1.96) lo");
	ck_near(hi * k, ci_table[_i].bhi, 0.0005, "byar(1.96) hi");
	stats_pois_byar(ci_table[_i].x, STATS_Z95, &lo, &hi);
	ck_near(lo * k, ci_table[_i].blo, 0.0011, "byar lo");
	ck_near(hi * k, ci_table[_i].bhi, 0.0011, "byar hi");
}
END_TEST

/* Defining property of the Garwood limits, checked with direct sums:
 * P(X >= x | lo) = alpha/2 and P(X <= x | hi) = alpha/2. */
START_TEST(test_exact_property)
{
	static const double alphas[] = { 0.05, 0.01, 0.2, 0.002 };
	double lo, hi, a;
	long x;
	size_t i;

	for (i = 0; i < NELEM(alphas); i++) {
		a = alphas[i];
		for (x = 0; x <= 120; x += x < 20 ? 1 : 7) {
			stats_pois_exact(x, a, &lo, &hi);
			if (x == 0)
				ck_assert(lo == 0);
			else
				ck_near(1 - ppois_sum(x - 1, lo), a / 2, 1e-9,
				    "P(X>=x|lo)");
			ck_near(ppois_sum(x, hi), a / 2, 1e-9, "P(X<=x|hi)");
			ck_assert(lo < x || x == 0);
			ck_assert(hi > x);
		}
	}
	/* x = 0: hi solves e^{-hi} = alpha/2. */
	stats_pois_exact(0, 0.05, &lo, &hi);
	ck_near(hi, -log(0.025), 1e-12, "x=0 hi");
}
END_TEST

START_TEST(test_ci95_rule)
{
	double lo, hi, elo, ehi, blo, bhi;
	long x;

	for (x = 0; x < 30; x++) {
		stats_pois_ci95(x, &lo, &hi);
		stats_pois_exact(x, 0.05, &elo, &ehi);
		stats_pois_byar(x, STATS_Z95, &blo, &bhi);
		if (x < 10) {
			/* A table of the exact limits, not a second solve. */
			ck_near(lo, elo, 1e-13 * elo, "ci95 lo");
			ck_near(hi, ehi, 1e-13 * ehi, "ci95 hi");
		} else {
			ck_assert(lo == blo && hi == bhi);
		}
	}
	/* Rate form: 4 per 1,250 woningen -> 0.87-8.19 per 1,000 (§8.3). */
	stats_rate_ci95(4, 1250, 1000, &lo, &hi);
	ck_near(lo, 0.87, 0.005, "rate lo");
	ck_near(hi, 8.19, 0.005, "rate hi");
	stats_rate_ci95(4, 0, 1000, &lo, &hi);
	ck_assert(isnan(lo) && isnan(hi));
	stats_pois_exact(-1, 0.05, &lo, &hi);
	ck_assert(isnan(lo) && isnan(hi));
	stats_pois_byar(0, STATS_Z95, &lo, &hi);
	ck_assert(lo == 0);
	ck_near(stats_rate(121, 12030, 1000), 10.058187863674148, 1e-12,
	    "rate");
	ck_assert(isnan(stats_rate(1, 0, 1000)));
}
END_TEST

/* --- Distributions ----------------------------------------------------- */

START_TEST(test_ppois)
{
	static const double lambdas[] = { 0.1, 1, 2.012, 7.5, 30.174, 200 };
	double l;
	long x;
	size_t i;

	for (i = 0; i < NELEM(lambdas); i++) {
		l = lambdas[i];
		for (x = 0; x <= (long)(3 * l) + 10; x++) {
			ck_near(stats_ppois(x, l), ppois_sum(x, l),
			    1e-12, "ppois");
			/* Upper tail with relative precision. */
			ck_assert_msg(fabs(stats_ppois_upper(x, l) /
			    ppois_upper_sum(x, l) - 1) < 1e-9,
			    "ppois_upper(%ld, %g)", x, l);
		}
	}
	ck_assert(stats_ppois(-1, 3) == 0);
	ck_assert(stats_ppois_upper(0, 3) == 1);
	ck_assert(stats_ppois(0, 0) == 1);
	ck_assert(isnan(stats_ppois(1, -1)));
	/* Large mean: symmetry of the sum around the tails. */
	ck_near(stats_ppois(5100, 5000), ppois_sum(5100, 5000), 1e-10,
	    "ppois large");
}
END_TEST

START_TEST(test_qpois)
{
	static const double lambdas[] = { 0.05, 1, 2.012, 10.058, 50.29,
	    1000 };
	static const double ps[] = { 0.001, 0.025, 0.5, 0.975, 0.999 };
	long k;
	size_t i, j;

	for (i = 0; i < NELEM(lambdas); i++)
		for (j = 0; j < NELEM(ps); j++) {
			k = stats_qpois(ps[j], lambdas[i]);
			ck_assert(k >= 0);
			ck_assert(ppois_sum(k, lambdas[i]) >= ps[j] * (1 - 1e-12));
			if (k > 0)
				ck_assert(ppois_sum(k - 1, lambdas[i]) < ps[j]);
		}
	/* Far tails, where the stepping from the normal start stalls. */
	k = stats_qpois(1e-300, 1000);
	ck_assert(k > 0 && k < 1000);
	ck_assert(stats_ppois(k, 1000) >= 1e-300 * (1 - 1e-12));
	ck_assert(stats_ppois(k - 1, 1000) < 1e-300);
	/* p exactly at a CDF value returns that k (R's fuzz). */
	ck_assert_int_eq(stats_qpois(stats_ppois(3, 2.5), 2.5), 3);
	ck_assert_int_eq(stats_qpois(0.5, 0), 0);
	ck_assert_int_eq(stats_qpois(-0.1, 1), -1);
}
END_TEST

START_TEST(test_gamma_beta)
{
	double p, x, want;
	long k;

	/* P(1, x) = 1 - e^{-x}; qgamma inverts it. */
	ck_near(stats_pgamma(1, 0.7), 1 - exp(-0.7), 1e-15, "pgamma");
	ck_near(stats_qgamma(0.3, 1), -log(0.7), 1e-13, "qgamma a=1");
	ck_near(stats_qgamma(0.999999, 1), -log(1e-6), 1e-8, "qgamma tail");
	/* P(k, x) = P(Poisson(x) >= k) for integer k. */
	for (k = 1; k < 40; k += 3)
		for (x = 0.5; x < 60; x *= 1.7) {
			ck_near(stats_pgamma((double)k, x),
			    1 - ppois_sum(k - 1, x), 1e-12, "pgamma int");
			/* Near 1, p itself carries too few digits of 1 - p
			 * for a tight round trip. */
			p = stats_pgamma((double)k, x);
			if (p > 1e-12 && p < 1 - 1e-8)
				ck_near(stats_qgamma(p, (double)k), x,
				    1e-9 * x, "qgamma round trip");
		}
	/* I_x(k, n-k+1) = P(Bin(n, x) >= k). */
	for (k = 1; k <= 12; k++)
		for (x = 0.05; x < 1; x += 0.15) {
			want = fmin(1, pbinom_sum(k, 12, 12, x));
			ck_near(stats_pbeta(x, (double)k, (double)(13 - k)), want,
			    1e-13, "pbeta");
			p = stats_qbeta(want, (double)k, (double)(13 - k));
			ck_near(stats_pbeta(p, (double)k, (double)(13 - k)),
			    want, 1e-14, "qbeta in p");
			if (want < 1 - 1e-6)
				ck_near(p, x, 1e-9, "qbeta");
		}
	ck_assert(isnan(stats_qgamma(0.5, 0)));
	ck_assert(isnan(stats_qbeta(1.5, 1, 1)));
}
END_TEST

/* Reference values computed with mpmath at 30-40 digits (bisection on its
 * regularised incomplete gamma and beta), and closed forms. */
START_TEST(test_mpmath_refs)
{
	struct stats_rtest r;
	double lo, hi;

	stats_pois_exact(100000, 0.05, &lo, &hi);
	ck_near(lo, 99381.1526637447, 1e-11 * lo, "exact lo x=1e5");
	ck_near(hi, 100621.744739744, 1e-11 * hi, "exact hi x=1e5");
	stats_pois_exact(7, 1e-6, &lo, &hi);
	ck_near(lo, 0.449901200312275, 1e-13, "exact lo a=1e-6");
	ck_near(hi, 30.0588713996458, 1e-12, "exact hi a=1e-6");
	/* P(1/2, x) = erf(√x), so for tiny p, x = (p·√π/2)². */
	ck_near(stats_qgamma(1e-12, 0.5), atan(1.0) * 1e-24, 1e-36, "qgamma");
	ck_near(stats_ppois_upper(200, 50) / 2.02475901484736e-57, 1, 1e-11,
	    "deep tail");
	/* poisson.test(c(3, 40), c(2, 7), conf.level = 0.99) */
	ck_assert_int_eq(stats_rate_test(3, 2, 40, 7, 0.99, &r), 0);
	ck_near(r.rr, 0.2625, 1e-15, "rr");
	ck_near(r.lo, 0.0282746510091828, 1e-13, "lo 99%");
	ck_near(r.hi, 1.06120887560571, 1e-12, "hi 99%");
	ck_near(r.p, 0.015503715410923, 1e-13, "p");
}
END_TEST

START_TEST(test_binom)
{
	static const double ps[] = { 0.01, 0.3, 0.5, 0.77 };
	long n = 48, k;
	size_t i;

	for (i = 0; i < NELEM(ps); i++)
		for (k = -1; k <= n + 1; k++) {
			ck_near(stats_pbinom(k, n, ps[i]),
			    pbinom_sum(0, k, n, ps[i]), 1e-13, "pbinom");
			ck_near(stats_pbinom_upper(k, n, ps[i]),
			    pbinom_sum(k, n, n, ps[i]), 1e-13, "pbinom_upper");
			if (k >= 0 && k <= n)
				ck_near(stats_dbinom(k, n, ps[i]),
				    exp(dbinom_log(k, n, ps[i])), 1e-14,
				    "dbinom");
		}
	ck_assert(stats_dbinom(0, 5, 0) == 1);
	ck_assert(stats_dbinom(5, 5, 1) == 1);
	ck_assert(stats_pbinom(2, 5, 0) == 1);
}
END_TEST

/* --- §8.4 funnel ------------------------------------------------------- */

static const struct {
	double	 n, lo95, hi95, lo998, hi998;
} funnel_table[] = {
	{ 200, 0, 25.0, 0, 40.0 },
	{ 1000, 4.0, 17.0, 2.0, 21.0 },
	{ 5000, 7.4, 13.0, 6.0, 14.8 },
};

START_TEST(test_funnel_table)
{
	struct stats_funnel f;
	double b = 121.0 / 12030;

	stats_funnel_limits(funnel_table[_i].n, b, &f);
	ck_near(f.lo95 * 1000, funnel_table[_i].lo95, 0.05, "lo95");
	ck_near(f.hi95 * 1000, funnel_table[_i].hi95, 0.05, "hi95");
	ck_near(f.lo998 * 1000, funnel_table[_i].lo998, 0.05, "lo998");
	ck_near(f.hi998 * 1000, funnel_table[_i].hi998, 0.05, "hi998");
	/* The limits are counts over n, so exact multiples of 1/n. */
	ck_near(f.hi95 * funnel_table[_i].n,
	    round(f.hi95 * funnel_table[_i].n), 1e-9, "integer count");
}
END_TEST

/* Small means take a one-pass walk, large ones stats_qpois: both must
 * agree with stats_qpois everywhere. */
START_TEST(test_funnel_paths)
{
	struct stats_funnel f;
	double mu, n = 1000;

	for (mu = 0.001; mu < 400; mu *= 1.37) {
		stats_funnel_limits(n, mu / n, &f);
		ck_assert_int_eq((long)round(f.lo998 * n),
		    stats_qpois(0.001, mu));
		ck_assert_int_eq((long)round(f.lo95 * n),
		    stats_qpois(0.025, mu));
		ck_assert_int_eq((long)round(f.hi95 * n),
		    stats_qpois(0.975, mu));
		ck_assert_int_eq((long)round(f.hi998 * n),
		    stats_qpois(0.999, mu));
	}
}
END_TEST

START_TEST(test_overdispersion)
{
	/* z = ±0.05/√0.001 for both areas: z² = 2.5 each, φ = 2.5. */
	static const double c[] = { 15, 5, 7 }, n[] = { 100, 100, 0 };
	struct stats_funnel f, g;
	double phi, b = 0.1;
	size_t out;

	ck_near(stats_funnel_z(15, 100, b), 0.05 / sqrt(0.001), 1e-12, "z");
	phi = stats_overdispersion(c, n, 3, b, &out);
	ck_near(phi, 2.5, 1e-12, "phi");
	/* qpois(0.025, 10) = 4 and qpois(0.975, 10) = 17: both inside. */
	ck_assert_uint_eq(out, 0);
	/* 3 < 4 is outside; 17 is on the upper limit, inside. */
	phi = stats_overdispersion((const double[]){ 3, 17, 10 }, n, 2, b,
	    &out);
	ck_assert_uint_eq(out, 1);
	ck_near(phi, (4.9 + 4.9) / 2, 1e-12, "phi 2");
	stats_funnel_limits(1000, b, &f);
	g = f;
	stats_funnel_widen(&g, b, 4);
	ck_near(g.hi95 - b, 2 * (f.hi95 - b), 1e-15, "widen hi");
	ck_near(g.lo95, fmax(0, b - 2 * (b - f.lo95)), 1e-15, "widen lo");
	g = f;
	stats_funnel_widen(&g, b, 0.5);
	ck_assert(g.lo95 == f.lo95 && g.hi998 == f.hi998);
	stats_funnel_limits(100, 0, &f);
	ck_assert(f.lo95 == 0 && f.hi998 == 0);
	ck_assert(isnan(stats_overdispersion(c, n + 2, 1, b, NULL)));
}
END_TEST

/* --- §8.3 Empirical Bayes ---------------------------------------------- */

static const double eb_n[] = { 4, 0, 25, 30, 2, 60 };
static const double eb_x[] = { 1250, 300, 2100, 5200, 180, 3000 };
static const struct {
	double	 raw, w, eb, pex;
	double	 ptol;
} eb_table[] = {		/* per 1,000; w and EB to 2 decimals */
	{ 3.20, 0.82, 4.46, 0.999, 0.0005 },
	{ 0.00, 0.52, 4.88, 1.000, 0.0005 },
	{ 11.90, 0.88, 11.69, 0.23, 0.005 },
	{ 5.77, 0.95, 5.99, 1.000, 0.0005 },
	{ 11.11, 0.39, 10.47, 0.54, 0.005 },
	{ 20.00, 0.91, 19.14, 1.1e-6, 0.05e-6 },
};

START_TEST(test_eb_global)
{
	struct stats_eb par;
	double eb[6], w[6], e, pex, rr;
	size_t i;

	ck_assert_uint_eq(stats_eb_global(eb_n, eb_x, 6, eb, w, &par), 6);
	ck_near(par.b, 121.0 / 12030, 1e-15, "b");
	ck_near(par.b * 1000, 10.06, 0.005, "b per 1,000");
	ck_near(par.s2, 4.0622e-05, 0.00005e-05, "s2");
	ck_near(par.a, 3.5605e-05, 0.00005e-05, "a");
	ck_assert(!par.flat);
	for (i = 0; i < 6; i++) {
		ck_near(1000 * eb_n[i] / eb_x[i], eb_table[i].raw, 0.005, "raw");
		ck_near(w[i], eb_table[i].w, 0.005, "w");
		ck_near(eb[i] * 1000, eb_table[i].eb, 0.005, "EB");
		/* EB lies between the raw rate and b. */
		ck_assert(fabs(eb[i] - par.b) <=
		    fabs(eb_n[i] / eb_x[i] - par.b) + 1e-15);
		stats_probmap((long)eb_n[i], eb_x[i], par.b, &e, &pex, &rr);
		ck_near(e, eb_x[i] * 121 / 12030, 1e-12, "E");
		ck_near(pex, eb_table[i].pex, eb_table[i].ptol, "P(X>=n)");
		ck_near(pex, ppois_upper_sum((long)eb_n[i], e), 1e-12,
		    "P(X>=n) sum");
		ck_near(rr, 100 * eb_n[i] / e, 1e-12, "rr");
	}
}
END_TEST

START_TEST(test_eb_flat)
{
	/* Counts exactly proportional to x: s² = 0, so a = 0. */
	static const double n[] = { 2, 4, 6, 0 }, x[] = { 100, 200, 300, 0 };
	static const double z[] = { 0, 0 }, zx[] = { 10, 20 };
	struct stats_eb par;
	double eb[4], w[4];
	size_t i;

	ck_assert_uint_eq(stats_eb_global(n, x, 4, eb, w, &par), 3);
	ck_assert(par.flat);
	ck_assert(par.a == 0);
	for (i = 0; i < 3; i++) {
		ck_near(eb[i], 0.02, 1e-15, "flat eb");
		ck_assert(w[i] == 0);
	}
	ck_assert(isnan(eb[3]) && isnan(w[3]));
	stats_eb_global(z, zx, 2, eb, NULL, &par);
	ck_assert(eb[0] == 0 && eb[1] == 0 && par.b == 0);
	ck_assert_uint_eq(stats_eb_global(n + 3, x + 3, 1, eb, w, &par), 0);
	ck_assert(isnan(par.b) && isnan(eb[0]));
}
END_TEST

/* Local EB over area i equals global EB over {i} ∪ N(i), evaluated at i
 * (the definition, by an independent path). */
START_TEST(test_eb_local)
{
	static const double n[] = { 4, 0, 25, 30, 2, 60, 7, 1 };
	static const double x[] = { 1250, 300, 2100, 5200, 180, 3000, 900, 0 };
	/* A small queen-like graph; area 2 lists itself, 7 has x = 0. */
	static const size_t off[] = { 0, 2, 4, 8, 10, 12, 14, 17, 18 };
	static const size_t nb[] = { 1, 2, 0, 3, 0, 2, 4, 7, 1, 5, 2, 6,
	    3, 6, 4, 5, 7, 6 };
	double eb[8], w[8], a[8], b[8], sn[8], sx[8], seb[8], sw[8];
	struct stats_eb par;
	size_t i, k, cnt, nflat = 0;

	k = stats_eb_local(n, x, 8, off, nb, eb, w, a, b);
	for (i = 0; i < 7; i++) {
		cnt = 0;
		sn[cnt] = n[i];
		sx[cnt++] = x[i];
		for (size_t j = off[i]; j < off[i + 1]; j++)
			if (nb[j] != i) {
				sn[cnt] = n[nb[j]];
				sx[cnt++] = x[nb[j]];
			}
		stats_eb_global(sn, sx, cnt, seb, sw, &par);
		ck_near(eb[i], seb[0], 1e-15, "local eb");
		ck_near(w[i], sw[0], 1e-12, "local w");
		ck_near(a[i], par.a, 1e-18, "local a");
		ck_near(b[i], par.b, 1e-18, "local b");
		nflat += par.flat;
	}
	ck_assert_uint_eq(k, nflat);
	ck_assert(isnan(eb[7]));
}
END_TEST

/* Every area neighbour of every other: local EB = global EB. */
START_TEST(test_eb_local_full)
{
	size_t off[7], nb[36], i, j, k = 0;
	double eb[6], geb[6], w[6], gw[6];

	for (i = 0; i < 6; i++) {
		off[i] = k;
		for (j = 0; j < 6; j++)
			if (j != i || i % 2 == 0)	/* self in some lists */
				nb[k++] = j;
	}
	off[6] = k;
	stats_eb_local(eb_n, eb_x, 6, off, nb, eb, w, NULL, NULL);
	stats_eb_global(eb_n, eb_x, 6, geb, gw, NULL);
	for (i = 0; i < 6; i++) {
		ck_near(eb[i], geb[i], 1e-15, "full local = global");
		ck_near(w[i], gw[i], 1e-12, "full local w");
	}
}
END_TEST

START_TEST(test_probmap_edges)
{
	double e, pex, rr;

	stats_probmap(0, 100, 0, &e, &pex, &rr);
	ck_assert(e == 0 && pex == 1 && isnan(rr));
	stats_probmap(3, 100, 0, NULL, &pex, NULL);
	ck_assert(pex == 0);
	stats_probmap(0, 100, 0.01, NULL, &pex, &rr);
	ck_assert(pex == 1 && rr == 0);
}
END_TEST

/* --- §8.5 two-rate test ------------------------------------------------ */

/* R binom.test's two-sided p, literally: sum over all outcomes. */
static double
binom_p_brute(long x, long n, double p)
{
	double d = exp(dbinom_log(x, n, p)) * (1 + 1e-7), s = 0, di;
	long i;

	if (fabs((double)x - n * p) == 0)
		return 1;
	for (i = 0; i <= n; i++) {
		di = exp(dbinom_log(i, n, p));
		if (di <= d)
			s += di;
	}
	return fmin(1, s);
}

START_TEST(test_rate_test_vector)
{
	struct stats_rtest r;

	ck_assert_int_eq(stats_rate_test(18, 1, 30, 1, 0.95, &r), 0);
	ck_near(r.rr, 0.60, 1e-12, "RR");
	ck_near(r.lo, 0.3150, 0.00005, "RR lo");
	ck_near(r.hi, 1.1119, 0.00005, "RR hi");
	ck_near(r.p, 0.1114, 0.00005, "p");
	/* Symmetric case: p = 2·P(X <= 18 | 48, 1/2). */
	ck_near(r.p, 2 * pbinom_sum(0, 18, 48, 0.5), 1e-12, "p symmetric");
	/* Clopper-Pearson: P(X >= 18 | π_L) = P(X <= 18 | π_U) = 0.025. */
	ck_near(pbinom_sum(18, 48, 48, r.lo / (1 + r.lo)), 0.025, 1e-10,
	    "CP lower");
	ck_near(pbinom_sum(0, 18, 48, r.hi / (1 + r.hi)), 0.025, 1e-10,
	    "CP upper");
}
END_TEST

static const struct {
	long	 x1, x2;
	double	 t1, t2;
} rtests[] = {
	{ 10, 20, 1, 3 }, { 3, 40, 2, 7 }, { 55, 31, 1000, 1200 },
	{ 0, 12, 1, 3 }, { 9, 0, 1, 1 }, { 1, 1, 1, 1 }, { 7, 21, 1, 3 },
	{ 250, 700, 1, 3 },
};

START_TEST(test_rate_test_brute)
{
	struct stats_rtest r;
	long x1 = rtests[_i].x1, n = x1 + rtests[_i].x2;
	double t1 = rtests[_i].t1, t2 = rtests[_i].t2, p = t1 / (t1 + t2);
	double pl, pu;

	ck_assert_int_eq(stats_rate_test(x1, t1, rtests[_i].x2, t2, 0.95,
	    &r), 0);
	ck_near(r.p, binom_p_brute(x1, n, p), 1e-10, "p brute");
	if (x1 == 0)
		ck_assert(r.lo == 0);
	else {
		pl = r.lo * t1 / t2 / (1 + r.lo * t1 / t2);
		ck_near(pbinom_sum(x1, n, n, pl), 0.025, 1e-10, "CP lo");
	}
	if (x1 == n)
		ck_assert(isinf(r.hi) && isinf(r.rr));
	else {
		pu = r.hi * t1 / t2 / (1 + r.hi * t1 / t2);
		ck_near(pbinom_sum(0, x1, n, pu), 0.025, 1e-10, "CP hi");
	}
}
END_TEST

START_TEST(test_rate_test_edges)
{
	struct stats_rtest r;

	ck_assert_int_eq(stats_rate_test(0, 1, 0, 1, 0.95, &r), -1);
	ck_assert(isnan(r.rr) && r.p == 1);
	ck_assert_int_eq(stats_rate_test(1, 0, 3, 1, 0.95, &r), -1);
	ck_assert_int_eq(stats_rate_test(1, 1, 3, 1, 1.0, &r), -1);
	ck_assert_int_eq(stats_rate_test(1, 1, 3, 1, -0.5, &r), -1);
	/* conf = 0: p and rr only. */
	ck_assert_int_eq(stats_rate_test(18, 1, 30, 1, 0, &r), 0);
	ck_assert(isnan(r.lo) && isnan(r.hi));
	ck_near(r.p, 0.1114, 0.00005, "p without CI");
	ck_near(r.rr, 0.6, 1e-12, "rr without CI");
	ck_assert_int_eq(stats_rate_test(-1, 1, 3, 1, 0.95, &r), -1);
}
END_TEST

/* --- Benjamini-Hochberg ------------------------------------------------ */

START_TEST(test_bh)
{
	static const double p[] = { 0.010, 0.041, 0.001, 0.039, 0.2, 0.041,
	    NAN, 0.008, 0.9, 0.06, 0.5 };
	double adj[NELEM(p)], want, v;
	bool flag[NELEM(p)];
	size_t work[NELEM(p)], i, j, n = 0, rank, nflag = 0;

	for (i = 0; i < NELEM(p); i++)
		n += !isnan(p[i]);
	stats_bh_adjust(p, NELEM(p), adj, work);
	for (i = 0; i < NELEM(p); i++) {
		if (isnan(p[i])) {
			ck_assert(isnan(adj[i]));
			continue;
		}
		/* Definition: min over p_j >= p_i of n·p_j / rank_j, where
		 * rank_j counts the p values <= p_j. */
		want = 1;
		for (j = 0; j < NELEM(p); j++) {
			if (isnan(p[j]) || p[j] < p[i])
				continue;
			rank = 0;
			for (size_t k = 0; k < NELEM(p); k++)
				rank += !isnan(p[k]) && p[k] <= p[j];
			v = (double)n * p[j] / (double)rank;
			if (v < want)
				want = v;
		}
		ck_near(adj[i], want, 1e-15, "BH");
		nflag += want <= 0.10;
	}
	ck_assert_uint_eq(stats_bh_flag(adj, NELEM(p), 0.10, flag), nflag);
	ck_assert(flag[2] && !flag[8] && !flag[6]);
	/* R: p.adjust(c(.01,.02,.03,.04,.05), "BH") is all 0.05. */
	stats_bh_adjust((const double[]){ 0.01, 0.02, 0.03, 0.04, 0.05 }, 5,
	    adj, work);
	for (i = 0; i < 5; i++)
		ck_near(adj[i], 0.05, 1e-15, "BH all .05");
}
END_TEST

/* --- §7.3 surveys ------------------------------------------------------ */

START_TEST(test_survey_vector)
{
	double m1, m2, z, p;

	m1 = stats_share_margin(0.187, 900, 1.3);
	m2 = stats_share_margin(0.220, 850, 1.3);
	ck_near(m1 * 100, 2.9045, 0.00005, "m1");
	ck_near(m2 * 100, 3.1752, 0.00005, "m2");
	ck_near(m1 * 100, 2.9, 0.05, "m1 rounded");
	ck_near(m2 * 100, 3.2, 0.05, "m2 rounded");
	z = stats_diff_z(0.187, m1, 0.220, m2);
	ck_near(z, 1.5030, 0.00005, "z");
	/* The same in percentage points. */
	ck_near(stats_diff_z(18.7, m1 * 100, 22.0, m2 * 100), z, 1e-12,
	    "z pp");
	p = stats_p_two_sided(z);
	ck_near(p, 0.1328, 0.00005, "p");
	ck_near(stats_p_two_sided(-z), p, 0, "p symmetric");
	ck_assert_int_eq(stats_diff_sign(z), 0);
	ck_assert_int_eq(stats_diff_sign(2.0), 1);
	ck_assert_int_eq(stats_diff_sign(-1.97), -1);
	ck_near(stats_p_two_sided(STATS_Z95), 0.05, 1e-7, "p(z95)");
	ck_near(stats_p_two_sided(0), 1, 0, "p(0)");
	ck_near(stats_mean_margin(2, 100), 0.392, 1e-15, "mean margin");
	ck_assert(isnan(stats_share_margin(0.5, 0, 1.3)));
	ck_assert(isnan(stats_diff_z(0.1, 0, 0.2, 0)));
}
END_TEST

/* --- Ranks and Kendall's W --------------------------------------------- */

START_TEST(test_rank_avg)
{
	static const double v[] = { 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5 };
	double r[NELEM(v)], want, less, eq;
	size_t work[NELEM(v)], i, j;
	int desc;

	for (desc = 0; desc <= 1; desc++) {
		stats_rank_avg(v, NELEM(v), desc, r, work);
		for (i = 0; i < NELEM(v); i++) {
			less = eq = 0;
			for (j = 0; j < NELEM(v); j++) {
				less += desc ? v[j] > v[i] : v[j] < v[i];
				eq += v[j] == v[i];
			}
			want = 1 + less + (eq - 1) / 2;
			ck_near(r[i], want, 0, "rank");
		}
	}
}
END_TEST

START_TEST(test_kendall)
{
	static const double r3[] = { 1, 2, 3, 4, 2, 1, 3, 4, 1, 3, 2, 4 };
	/* Scores with ties, ranked by stats_rank_avg (rank 1 = highest). */
	static const double sc[3][5] = {
		{ 4.5, 3, 3, 2, 1 }, { 4, 4, 2.5, 2.5, 1 }, { 5, 3.5, 1, 2, 2 },
	};
	double rk[15], rsum, sumsq = 0, tsum = 0, want;
	size_t work[5], o, j, k;

	ck_near(stats_kendall_w(r3, 3, 4, work), 420.0 / 540, 1e-15, "W");
	ck_near(stats_kendall_w(r3, 3, 4, work), 0.7778, 0.00005, "W 4dp");
	for (o = 0; o < 3; o++)
		stats_rank_avg(sc[o], 5, true, rk + 5 * o, work);
	ck_near(rk[1], 2.5, 0, "tied rank");
	/* Alternative form: (12 ΣR² - 3m²n(n+1)²) / (m²(n³-n) - mΣT). */
	for (j = 0; j < 5; j++) {
		rsum = 0;
		for (o = 0; o < 3; o++)
			rsum += rk[5 * o + j];
		sumsq += rsum * rsum;
	}
	for (o = 0; o < 3; o++)
		for (j = 0; j < 5; j++) {
			k = 0;
			for (size_t i = 0; i < 5; i++)
				k += sc[o][i] == sc[o][j];
			/* Each tie group of size t adds t³ - t once: spread
			 * (t³ - t)/t over its t members. */
			tsum += ((double)k * k * k - (double)k) / (double)k;
		}
	want = (12 * sumsq - 3 * 9 * 5 * 36) / (9 * (125 - 5) - 3 * tsum);
	ck_near(stats_kendall_w(rk, 3, 5, work), want, 1e-12, "W ties");
	/* Perfect agreement gives 1. */
	ck_near(stats_kendall_w((const double[]){ 1, 2, 3, 1, 2, 3 }, 2, 3,
	    work), 1, 1e-15, "W = 1");
	ck_assert(isnan(stats_kendall_w(r3, 1, 4, work)));
}
END_TEST

/* --- §6 priority scores ------------------------------------------------ */

static const struct {
	double	 ratio;
	int	 band;
} bands[] = {
	{ 0.5, 1 }, { 0.7999, 1 }, { 0.80, 2 }, { 0.9499, 2 }, { 0.95, 3 },
	{ 1.0, 3 }, { 1.05, 3 }, { 1.0501, 4 }, { 1.25, 4 }, { 1.2501, 5 },
	{ 3, 5 }, { NAN, 0 },
};

START_TEST(test_bands)
{
	ck_assert_int_eq(stats_score_band(bands[_i].ratio), bands[_i].band);
}
END_TEST

START_TEST(test_scores)
{
	double lo, hi;

	/* 12 vs E = 10: ρ = 1.2 (band 4), exact CI 6.2-21.0 contains 10. */
	stats_pois_exact(12, 0.05, &lo, &hi);
	ck_assert(lo < 10 && hi > 10);
	ck_assert_int_eq(stats_score_omvang(12, 10), 3);
	/* 40 vs 20: CI 28.6-54.5 excludes 20, band 5 stays. */
	ck_assert_int_eq(stats_score_omvang(40, 20), 5);
	/* 26 vs 20: ρ = 1.3 but CI 17.0-38.1 contains 20: capped. */
	ck_assert_int_eq(stats_score_omvang(26, 20), 3);
	/* Low scores are not raised by the cap. */
	ck_assert_int_eq(stats_score_omvang(1, 2), 1);
	ck_assert_int_eq(stats_score_omvang(2, 0), 0);
	ck_assert_int_eq(stats_score_omvang(-1, 2), 0);

	/* The §8.5 vector: p = 0.1114, RR 0.60 -> 2, not 1. */
	ck_assert_int_eq(stats_score_trend(0.1114, 0.60), 2);
	ck_assert_int_eq(stats_score_trend(0.01, 0.60), 1);
	ck_assert_int_eq(stats_score_trend(0.01, 1.60), 5);
	ck_assert_int_eq(stats_score_trend(0.049, 1.01), 5);
	ck_assert_int_eq(stats_score_trend(0.05, 1.06), 4);
	ck_assert_int_eq(stats_score_trend(0.3, 1.05), 3);
	ck_assert_int_eq(stats_score_trend(0.3, 0.95), 3);
	ck_assert_int_eq(stats_score_trend(NAN, 0.95), 0);
	ck_assert_int_eq(stats_score_trend_haal(0.01, 1.6, NAN), 3);
	ck_assert_int_eq(stats_score_trend_haal(0.01, 1.6, 0.4), 3);
	ck_assert_int_eq(stats_score_trend_haal(0.01, 1.6, 0.5), 5);
	ck_assert_int_eq(stats_score_trend_haal(0.01, 1.6, -0.7), 3);
	ck_assert_int_eq(stats_score_trend_haal(0.2, 0.5, -0.7), 2);
	ck_assert(stats_is_haaldelict("3.1.1"));
	ck_assert(stats_is_haaldelict("3.1.3"));
	ck_assert(stats_is_haaldelict("3.3.2"));
	ck_assert(stats_is_haaldelict("3.5.5"));
	ck_assert(!stats_is_haaldelict("3.1.2"));
	ck_assert(!stats_is_haaldelict("3.6.4"));
	ck_assert(!stats_is_haaldelict("1.1.1"));
	ck_assert(!stats_is_haaldelict("3."));

	/* Beleving: the §7.3 vector (z = 1.50) is not significant. */
	ck_assert_int_eq(stats_score_beleving(22.0 / 18.7, 1.5030), 3);
	ck_assert_int_eq(stats_score_beleving(1.3, 2.5), 5);
	ck_assert_int_eq(stats_score_beleving(1.3, -2.5), 5);
	ck_assert_int_eq(stats_score_beleving(0.7, 0.5), 1);
	ck_assert_int_eq(stats_score_beleving(1.3, NAN), 3);
}
END_TEST

START_TEST(test_weights_tiers)
{
	static const double s1[] = { 4, 4, 3, 4, 3 };	/* x 3.67, y 3.5 */
	static const double s2[] = { 4, 3, 3, 5, 5 };	/* x 3.33, y 5 */
	static const double s3[] = { 3, 3, 3, 3, 3.9 };
	static const double s4[] = { 4, 4, 2.5, 4, 2.9 };
	const double *w;
	double sum;
	int k, c;

	for (k = 0; k < STATS_NWSETS; k++) {
		w = stats_weight_set(k);
		ck_assert_ptr_nonnull(w);
		sum = 0;
		for (c = 0; c < STATS_NCRIT; c++)
			sum += w[c];
		ck_near(sum, 1, 1e-15, "weights sum to 1");
	}
	ck_assert_ptr_null(stats_weight_set(4));
	ck_assert_ptr_null(stats_weight_set(-1));
	ck_near(stats_weight_set(2)[STATS_E], 0.4 / 3, 0, "W2 E");
	ck_near(stats_weight_set(1)[STATS_B], 0.125, 0, "W1 B");
	ck_near(stats_weight_set(3)[STATS_P], 0, 0, "W3 P");
	ck_near(stats_score_weighted(s1, stats_weight_set(0)), 3.6, 1e-15,
	    "S W0");
	ck_near(stats_score_weighted(s2, stats_weight_set(1)),
	    0.25 * 10 + 0.125 * 10, 1e-15, "S W1");
	ck_near(stats_axis_x(s1), 11.0 / 3, 1e-15, "x");
	ck_near(stats_axis_y(s1), 3.5, 0, "y");
	ck_assert_int_eq(stats_tier(s1), STATS_PRIORITEIT);
	ck_assert_int_eq(stats_tier(s2), STATS_STRATEGISCH);
	ck_assert_int_eq(stats_tier(s3), STATS_BEHEERS);
	/* x = 10.5/3 = 3.5 exactly is high. */
	ck_assert_int_eq(stats_tier(s4), STATS_STRATEGISCH);
	ck_assert_int_eq(stats_axis_band(2.49), 0);
	ck_assert_int_eq(stats_axis_band(2.5), 1);
	ck_assert_int_eq(stats_axis_band(3.49), 1);
	ck_assert_int_eq(stats_axis_band(3.5), 2);
}
END_TEST

/* Worked by hand:
 *        O T E B P   matrix        S: W0   W1    W2     W3
 *   A    5 5 5 2 2   strategisch      3.8  4.25  3.2    4.25
 *   B    4 4 3 4 4   prioriteit       3.8  3.75  3.867  3.75
 *   C    2 2 2 5 5   strategisch      3.2  2.75  3.8    2.75
 *   D    1 2 1 1 1   beheers          1.2  1.25  1.133  1.25
 * n1 = 1, n2 = 2.  W0 ties A and B (by id); W1 and W3 put A first, so A
 * and B are gevoelig; C and D keep their tier under every set. */
START_TEST(test_sensitivity)
{
	struct stats_theme th[4] = {
		{ .id = "1.2", .score = { 5, 5, 5, 2, 2 } },
		{ .id = "2.1", .score = { 4, 4, 3, 4, 4 } },
		{ .id = "3.1", .score = { 2, 2, 2, 5, 5 } },
		{ .id = "5.5", .score = { 1, 2, 1, 1, 1 } },
	};
	size_t work[4];

	ck_assert_uint_eq(stats_sensitivity(th, 4, work), 2);
	ck_assert_int_eq(th[0].tier, STATS_STRATEGISCH);
	ck_assert_int_eq(th[1].tier, STATS_PRIORITEIT);
	ck_assert_int_eq(th[2].tier, STATS_STRATEGISCH);
	ck_assert_int_eq(th[3].tier, STATS_BEHEERS);
	ck_near(th[0].s[0], 3.8, 1e-12, "A W0");
	ck_near(th[1].s[2], 0.4 / 3 * 11 + 2.4, 1e-12, "B W2");
	ck_assert(th[0].gevoelig && th[1].gevoelig);
	ck_assert(!th[2].gevoelig && !th[3].gevoelig);
	/* W0 tie broken by id: "1.2" < "2.1". */
	ck_assert_int_eq(th[0].rank_tier[0], STATS_PRIORITEIT);
	ck_assert_int_eq(th[1].rank_tier[0], STATS_STRATEGISCH);
	ck_assert_int_eq(th[1].rank_tier[2], STATS_PRIORITEIT);
	ck_assert_int_eq(th[3].rank_tier[1], STATS_BEHEERS);
	/* Swap the ids: B now wins the W0 tie. */
	th[0].id = "2.1";
	th[1].id = "1.2";
	stats_sensitivity(th, 4, work);
	ck_assert_int_eq(th[1].rank_tier[0], STATS_PRIORITEIT);
	ck_assert_int_eq(th[0].rank_tier[0], STATS_STRATEGISCH);
	ck_assert(th[0].gevoelig);	/* still first under W1 */
}
END_TEST

/* Under W2, (1,3,5,3,3) and (3,3,3,3,3) both score 3, but the floating
 * sums differ in the last bit (2.9999999999999996 vs 3); they must still
 * tie, and "1.1" wins.  Z is the one strategisch theme (x = 5), so n2 = 1
 * and the tie decides who gets position 1. */
START_TEST(test_sensitivity_tie)
{
	struct stats_theme th[3] = {
		{ .id = "2.2", .score = { 3, 3, 3, 3, 3 } },
		{ .id = "1.1", .score = { 1, 3, 5, 3, 3 } },
		{ .id = "4.1", .score = { 5, 5, 5, 1, 1 } },
	};
	size_t work[3];

	stats_sensitivity(th, 3, work);
	ck_assert_int_eq(th[2].tier, STATS_STRATEGISCH);
	ck_near(th[0].s[2], th[1].s[2], 1e-12, "W2 tie");
	ck_assert_int_eq(th[1].rank_tier[2], STATS_STRATEGISCH);
	ck_assert_int_eq(th[0].rank_tier[2], STATS_BEHEERS);
}
END_TEST

/* --- §9.2 D4 rounding -------------------------------------------------- */

START_TEST(test_round5)
{
	static const long in[] = { 0, 1, 2, 3, 4, 5, 12, 13, 385, 1388, -13 };
	static const long out[] = { 0, 0, 0, 5, 5, 5, 10, 15, 385, 1390, -15 };
	long c, r;
	size_t i;

	for (i = 0; i < NELEM(in); i++)
		ck_assert_int_eq(stats_round5(in[i]), out[i]);
	/* Nearest multiple of 5 (unique, since 5 is odd). */
	for (c = 0; c < 2000; c++) {
		r = stats_round5(c);
		ck_assert(r % 5 == 0);
		ck_assert(labs(r - c) <= 2);
	}
}
END_TEST

Suite *
stats_suite(void)
{
	Suite *s = suite_create("stats");
	TCase *tc;

	tc = tcase_create("intervals");
	tcase_add_loop_test(tc, test_exact_table, 0, (int)NELEM(ci_table));
	tcase_add_loop_test(tc, test_byar_table, 0, (int)NELEM(ci_table));
	tcase_add_test(tc, test_exact_property);
	tcase_add_test(tc, test_ci95_rule);
	suite_add_tcase(s, tc);

	tc = tcase_create("distributions");
	tcase_add_test(tc, test_ppois);
	tcase_add_test(tc, test_qpois);
	tcase_add_test(tc, test_gamma_beta);
	tcase_add_test(tc, test_binom);
	tcase_add_test(tc, test_mpmath_refs);
	suite_add_tcase(s, tc);

	tc = tcase_create("funnel");
	tcase_add_loop_test(tc, test_funnel_table, 0,
	    (int)NELEM(funnel_table));
	tcase_add_test(tc, test_funnel_paths);
	tcase_add_test(tc, test_overdispersion);
	suite_add_tcase(s, tc);

	tc = tcase_create("eb");
	tcase_add_test(tc, test_eb_global);
	tcase_add_test(tc, test_eb_flat);
	tcase_add_test(tc, test_eb_local);
	tcase_add_test(tc, test_eb_local_full);
	tcase_add_test(tc, test_probmap_edges);
	suite_add_tcase(s, tc);

	tc = tcase_create("tests");
	tcase_add_test(tc, test_rate_test_vector);
	tcase_add_loop_test(tc, test_rate_test_brute, 0, (int)NELEM(rtests));
	tcase_add_test(tc, test_rate_test_edges);
	tcase_add_test(tc, test_bh);
	tcase_add_test(tc, test_survey_vector);
	suite_add_tcase(s, tc);

	tc = tcase_create("priority");
	tcase_add_test(tc, test_rank_avg);
	tcase_add_test(tc, test_kendall);
	tcase_add_loop_test(tc, test_bands, 0, (int)NELEM(bands));
	tcase_add_test(tc, test_scores);
	tcase_add_test(tc, test_weights_tiers);
	tcase_add_test(tc, test_sensitivity);
	tcase_add_test(tc, test_sensitivity_tie);
	tcase_add_test(tc, test_round5);
	suite_add_tcase(s, tc);
	return s;
}
