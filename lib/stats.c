/* stats -- distributions, rate intervals, EB smoothing, tests and priority
 * scores for vb-rank (METHOD.md §6, §7.3, §8).  See stats.h for the
 * contracts.  Pure math: reads and writes only its arguments. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <string.h>

#include "stats.h"

/* Relative accuracy targets of the series, continued fractions and root
 * finders; far below the 1e-6 the reports need. */
#define EPS	1e-15
#define TINY	1e-300
#define ITMAX	1000000L

static double	qnorm_approx(double p);
static void	gamma_pq(double a, double x, double lga, double *p, double *q);
static void	gamma_pq_l(double a, double x, double lx, double lga, double *p,
		    double *q);
static double	betacf(double a, double b, double x);
static void	beta_pq(double x, double a, double b, double lbeta, double *p,
		    double *q);
static void	beta_pq_l(double x, double lx, double l1x, double a, double b,
		    double lbeta, double *p, double *q);
static double	solve_increasing(double (*fn)(double, const void *, double *,
		    double *), const void *ctx, double lo, double hi,
		    double guess);
static double	gamma_root(double t, const void *ctx, double *d1, double *r2);
static double	gamma_inv(double a, double p, bool upper);
static double	beta_root(double t, const void *ctx, double *d1, double *r2);
static double	beta_inv(double a, double b, double p, bool upper);
static double	lbeta_int(long a, long b);
static long	qpois_bisect(double p, double lambda);
static void	funnel_walk(double mu, double n, struct stats_funnel *f);
static double	ldbinom(long k, long n, double lc, double lp, double lq);
static double	binom_two_sided(long x, long n, double p);
static void	sort_idx(size_t *idx, size_t n,
		    int (*cmp)(size_t, size_t, const void *), const void *ctx);
static int	cmp_value(size_t i, size_t j, const void *ctx);
static int	cmp_theme(size_t i, size_t j, const void *ctx);

/* Standard normal quantile, Acklam's rational approximation (relative
 * error below 1.2e-9): only a starting point for the root finders. */
static double
qnorm_approx(double p)
{
	static const double a[] = { -3.969683028665376e+01,
	    2.209460984245205e+02, -2.759285104469687e+02,
	    1.383577518672690e+02, -3.066479806614716e+01,
	    2.506628277459239e+00 };
	static const double b[] = { -5.447609879822406e+01,
	    1.615858368580409e+02, -1.556989798598866e+02,
	    6.680131188771972e+01, -1.328068155288572e+01 };
	static const double c[] = { -7.784894002430293e-03,
	    -3.223964580411365e-01, -2.400758277161838e+00,
	    -2.549732539343734e+00, 4.374664141464968e+00,
	    2.938163982698783e+00 };
	static const double d[] = { 7.784695709041462e-03,
	    3.224671290700398e-01, 2.445134137142996e+00,
	    3.754408661907416e+00 };
	double q, r;

	if (p <= 0)
		return -INFINITY;
	if (p >= 1)
		return INFINITY;
	if (p < 0.02425) {
		q = sqrt(-2 * log(p));
		return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q +
		    c[4]) * q + c[5]) /
		    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	}
	if (p > 1 - 0.02425)
		return -qnorm_approx(1 - p);
	q = p - 0.5;
	r = q * q;
	return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r +
	    a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r +
	    b[4]) * r + 1);
}

/* P(a, x) and Q(a, x) = 1 - P(a, x), each from the expansion in which it
 * does not come from a subtraction of nearly equal numbers: the series for
 * x < a + 1, Lentz's continued fraction otherwise (Numerical Recipes 6.2).
 * lga is lgamma(a), passed in because the root finders reuse it. */
static void
gamma_pq(double a, double x, double lga, double *p, double *q)
{
	gamma_pq_l(a, x, x > 0 ? log(x) : 0, lga, p, q);
}

/* The same with lx = log(x) given. */
static void
gamma_pq_l(double a, double x, double lx, double lga, double *p, double *q)
{
	double lpre, sum, del, ap, b, c, d, h, an;
	long i;

	if (x <= 0) {
		*p = 0;
		*q = 1;
		return;
	}
	if (isinf(x)) {
		*p = 1;
		*q = 0;
		return;
	}
	lpre = a * lx - x - lga;
	if (x < a + 1) {
		ap = a;
		sum = del = 1 / a;
		for (i = 0; i < ITMAX; i++) {
			ap += 1;
			del *= x / ap;
			sum += del;
			if (fabs(del) < fabs(sum) * EPS)
				break;
		}
		*p = fmin(1, sum * exp(lpre));
		*q = 1 - *p;
	} else {
		b = x + 1 - a;
		c = 1 / TINY;
		d = 1 / b;
		h = d;
		for (i = 1; i <= ITMAX; i++) {
			an = -(double)i * ((double)i - a);
			b += 2;
			d = an * d + b;
			if (fabs(d) < TINY)
				d = TINY;
			c = b + an / c;
			if (fabs(c) < TINY)
				c = TINY;
			d = 1 / d;
			del = d * c;
			h *= del;
			if (fabs(del - 1) < EPS)
				break;
		}
		*q = fmin(1, exp(lpre) * h);
		*p = 1 - *q;
	}
}

double
stats_pgamma(double a, double x)
{
	double p, q;

	if (!(a > 0) || isnan(x))
		return NAN;
	gamma_pq(a, x, lgamma(a), &p, &q);
	return p;
}

/* Continued fraction for I_x(a, b) (Numerical Recipes 6.4, modified
 * Lentz). */
static double
betacf(double a, double b, double x)
{
	double qab = a + b, qap = a + 1, qam = a - 1, c = 1, d, h, aa, del;
	double m, m2;
	long i;

	d = 1 - qab * x / qap;
	if (fabs(d) < TINY)
		d = TINY;
	d = 1 / d;
	h = d;
	for (i = 1; i <= ITMAX; i++) {
		m = (double)i;
		m2 = 2 * m;
		aa = m * (b - m) * x / ((qam + m2) * (a + m2));
		d = 1 + aa * d;
		if (fabs(d) < TINY)
			d = TINY;
		c = 1 + aa / c;
		if (fabs(c) < TINY)
			c = TINY;
		d = 1 / d;
		h *= d * c;
		aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
		d = 1 + aa * d;
		if (fabs(d) < TINY)
			d = TINY;
		c = 1 + aa / c;
		if (fabs(c) < TINY)
			c = TINY;
		d = 1 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < EPS)
			break;
	}
	return h;
}

/* I_x(a, b) and 1 - I_x(a, b), the smaller side computed directly.
 * lbeta is log B(a, b). */
static void
beta_pq(double x, double a, double b, double lbeta, double *p, double *q)
{
	if (x <= 0 || x >= 1)
		beta_pq_l(x, 0, 0, a, b, lbeta, p, q);
	else
		beta_pq_l(x, log(x), log1p(-x), a, b, lbeta, p, q);
}

/* The same with lx = log(x) and l1x = log(1 - x) given. */
static void
beta_pq_l(double x, double lx, double l1x, double a, double b, double lbeta,
    double *p, double *q)
{
	double lbt;

	if (x <= 0) {
		*p = 0;
		*q = 1;
		return;
	}
	if (x >= 1) {
		*p = 1;
		*q = 0;
		return;
	}
	lbt = a * lx + b * l1x - lbeta;
	if (x < (a + 1) / (a + b + 2)) {
		*p = fmin(1, exp(lbt) * betacf(a, b, x) / a);
		*q = 1 - *p;
	} else {
		*q = fmin(1, exp(lbt) * betacf(b, a, 1 - x) / b);
		*p = 1 - *q;
	}
}

double
stats_pbeta(double x, double a, double b)
{
	double p, q;

	if (!(a > 0) || !(b > 0) || isnan(x))
		return NAN;
	beta_pq(x, a, b, lgamma(a) + lgamma(b) - lgamma(a + b), &p, &q);
	return p;
}

/* Root of an increasing fn on [lo, hi] with fn(lo) <= 0 <= fn(hi):
 * Halley steps (fn gives f' in *d1 and f''/f' in *r2), replaced by
 * bisection whenever they leave the shrinking bracket, so it always
 * converges.  From the normal-approximation starts below it takes about
 * three evaluations. */
static double
solve_increasing(double (*fn)(double, const void *, double *, double *),
    const void *ctx, double lo, double hi, double guess)
{
	double t = guess, f, d, r, step, corr, tn;
	int i;

	for (i = 0; i < 300; i++) {
		f = fn(t, ctx, &d, &r);
		if (f == 0)
			return t;
		if (f < 0)
			lo = t;
		else
			hi = t;
		if (d > 0) {
			step = f / d;
			corr = 1 - step * r / 2;
			tn = t - (corr > 0.5 && corr < 2 ? step / corr : step);
		} else
			tn = NAN;
		/* A step this small leaves an error far below it (the
		 * method is cubic); it may land on the bracket end that t
		 * just became. */
		if (fabs(tn - t) <= 1e-11 * fabs(t))
			return tn;
		if (!(tn > lo && tn < hi))
			tn = lo + (hi - lo) / 2;
		if (hi - lo <= 4 * DBL_EPSILON * hi)
			return tn;
		t = tn;
	}
	return t;
}

struct inv_ctx {
	double	 a, b, p;
	double	 lnorm;		/* lgamma(a), or log B(a, b) */
	bool	 upper;		/* solve the upper tail Q = p */
};

static double
gamma_root(double t, const void *ctx, double *d1, double *r2)
{
	const struct inv_ctx *c = ctx;
	double p, q, lt = t > 0 ? log(t) : 0;

	gamma_pq_l(c->a, t, lt, c->lnorm, &p, &q);
	*d1 = t > 0 ? exp((c->a - 1) * lt - t - c->lnorm) : 0;
	*r2 = t > 0 ? (c->a - 1) / t - 1 : 0;
	return c->upper ? c->p - q : p - c->p;
}

/* The t with P(a, t) = p, or with Q(a, t) = p when upper. */
static double
gamma_inv(double a, double p, bool upper)
{
	struct inv_ctx c = { a, 0, p, lgamma(a), upper };
	double hi, d, r, z, t, guess;

	if (p <= 0)
		return upper ? INFINITY : 0;
	if (p >= 1)
		return upper ? 0 : INFINITY;
	hi = a + 10 + 10 * sqrt(a);
	while (gamma_root(hi, &c, &d, &r) < 0)
		hi *= 2;
	/* Start from Wilson-Hilferty; in the far lower tail, where it fails,
	 * from P(a, x) ~ x^a / Γ(a + 1). */
	z = upper ? -qnorm_approx(p) : qnorm_approx(p);
	t = 1 - 1 / (9 * a) + z / (3 * sqrt(a));
	guess = a * t * t * t;
	if (!(t > 0.3))
		guess = exp((log(upper ? 1 - p : p) + lgamma(a + 1)) / a);
	if (!(guess > 0 && guess < hi))
		guess = fmin(a, hi / 2);
	return solve_increasing(gamma_root, &c, 0, hi, guess);
}

double
stats_qgamma(double p, double a)
{
	if (!(a > 0) || !(p >= 0 && p <= 1))
		return NAN;
	return p > 0.5 ? gamma_inv(a, 1 - p, true) : gamma_inv(a, p, false);
}

static double
beta_root(double t, const void *ctx, double *d1, double *r2)
{
	const struct inv_ctx *c = ctx;
	double p, q, lt, l1t;

	if (t > 0 && t < 1) {
		lt = log(t);
		l1t = log1p(-t);
		beta_pq_l(t, lt, l1t, c->a, c->b, c->lnorm, &p, &q);
		*d1 = exp((c->a - 1) * lt + (c->b - 1) * l1t - c->lnorm);
		*r2 = (c->a - 1) / t - (c->b - 1) / (1 - t);
	} else {
		beta_pq(t, c->a, c->b, c->lnorm, &p, &q);
		*d1 = *r2 = 0;
	}
	return c->upper ? c->p - q : p - c->p;
}

static double
beta_inv(double a, double b, double p, bool upper)
{
	struct inv_ctx c = { a, b, p, lgamma(a) + lgamma(b) - lgamma(a + b),
	    upper };
	double mu, sd, z, guess;

	if (p <= 0)
		return upper ? 1 : 0;
	if (p >= 1)
		return upper ? 0 : 1;
	/* Start from the normal approximation of the beta distribution. */
	mu = a / (a + b);
	sd = sqrt(a * b / (a + b + 1)) / (a + b);
	z = upper ? -qnorm_approx(p) : qnorm_approx(p);
	guess = mu + z * sd;
	if (!(guess > 0 && guess < 1))
		guess = mu;
	return solve_increasing(beta_root, &c, 0, 1, guess);
}

double
stats_qbeta(double p, double a, double b)
{
	if (!(a > 0) || !(b > 0) || !(p >= 0 && p <= 1))
		return NAN;
	return p > 0.5 ? beta_inv(a, b, 1 - p, true) : beta_inv(a, b, p, false);
}

/* P(X <= x) = Q(x + 1, lambda). */
double
stats_ppois(long x, double lambda)
{
	double p, q;

	if (isnan(lambda) || lambda < 0)
		return NAN;
	if (x < 0)
		return 0;
	gamma_pq((double)x + 1, lambda, lgamma((double)x + 1), &p, &q);
	return q;
}

/* P(X >= x) = P(x, lambda). */
double
stats_ppois_upper(long x, double lambda)
{
	double p, q;

	if (isnan(lambda) || lambda < 0)
		return NAN;
	if (x <= 0)
		return 1;
	gamma_pq((double)x, lambda, lgamma((double)x), &p, &q);
	return p;
}

/* As R: a Cornish-Fisher start, one CDF evaluation, then steps of one
 * along the probability function (usually none or one step). */
long
stats_qpois(double p, double lambda)
{
	double z, sigma, g, cdf, d, y;
	long k;

	if (isnan(p) || isnan(lambda) || p < 0 || p > 1 || lambda < 0)
		return -1;
	if (p == 1 || isinf(lambda) || lambda > 1e15)
		return p == 1 || isinf(lambda) ? LONG_MAX : -1;
	if (lambda == 0 || p == 0)
		return 0;
	/* R's fuzz, so that p = ppois(k) returns k despite rounding. */
	p *= 1 - 64 * DBL_EPSILON;
	sigma = sqrt(lambda);
	g = 1 / sigma;
	z = qnorm_approx(p);
	y = floor(lambda + sigma * (z + g * (z * z - 1) / 6) + 0.5);
	k = y > 0 ? (long)y : 0;
	cdf = stats_ppois(k, lambda);
	d = exp(-lambda + (double)k * log(lambda) - lgamma((double)k + 1));
	if (d == 0)		/* p in a far tail: the steps would stall */
		return qpois_bisect(p, lambda);
	if (cdf >= p) {
		/* Down while the next lower CDF still reaches p. */
		while (k > 0 && cdf - d >= p) {
			cdf -= d;
			d *= (double)k / lambda;
			k--;
		}
	} else {
		while (cdf < p) {
			k++;
			d *= lambda / (double)k;
			if (d == 0)
				return qpois_bisect(p, lambda);
			cdf += d;
		}
	}
	return k;
}

/* Bisection over k for stats_qpois (p already fuzzed): about log2(lambda)
 * CDF evaluations, for the cases the stepping cannot handle. */
static long
qpois_bisect(double p, double lambda)
{
	long lo, hi, mid;

	if (stats_ppois(0, lambda) >= p)
		return 0;
	lo = 0;			/* ppois(lo) < p <= ppois(hi) */
	hi = (long)(lambda + 10 * sqrt(lambda) + 10);
	while (stats_ppois(hi, lambda) < p) {
		lo = hi;
		if (hi > LONG_MAX / 2)
			return LONG_MAX;
		hi *= 2;
	}
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (stats_ppois(mid, lambda) >= p)
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

/* log B(a, b) for positive integers. */
static double
lbeta_int(long a, long b)
{
	return lgamma((double)a) + lgamma((double)b) - lgamma((double)(a + b));
}

double
stats_dbinom(long k, long n, double p)
{
	double lg;

	if (n < 0 || isnan(p) || p < 0 || p > 1)
		return NAN;
	if (k < 0 || k > n)
		return 0;
	if (p == 0)
		return k == 0;
	if (p == 1)
		return k == n;
	lg = lgamma((double)n + 1) - lgamma((double)k + 1) -
	    lgamma((double)(n - k) + 1);
	return exp(lg + (double)k * log(p) + (double)(n - k) * log1p(-p));
}

/* P(X <= k) = 1 - I_p(k + 1, n - k). */
double
stats_pbinom(long k, long n, double p)
{
	double lp, uq;

	if (n < 0 || isnan(p) || p < 0 || p > 1)
		return NAN;
	if (k < 0)
		return 0;
	if (k >= n)
		return 1;
	beta_pq(p, (double)k + 1, (double)(n - k), lbeta_int(k + 1, n - k),
	    &lp, &uq);
	return uq;
}

/* P(X >= k) = I_p(k, n - k + 1). */
double
stats_pbinom_upper(long k, long n, double p)
{
	double lp, uq;

	if (n < 0 || isnan(p) || p < 0 || p > 1)
		return NAN;
	if (k <= 0)
		return 1;
	if (k > n)
		return 0;
	beta_pq(p, (double)k, (double)(n - k) + 1, lbeta_int(k, n - k + 1),
	    &lp, &uq);
	return lp;
}

double
stats_p_two_sided(double z)
{
	return erfc(fabs(z) / sqrt(2.0));
}

double
stats_rate(double c, double n, double per)
{
	return n > 0 ? per * c / n : NAN;
}

void
stats_pois_exact(long x, double alpha, double *lo, double *hi)
{
	if (x < 0 || !(alpha > 0 && alpha < 1)) {
		*lo = *hi = NAN;
		return;
	}
	*lo = x == 0 ? 0 : gamma_inv((double)x, alpha / 2, false);
	*hi = gamma_inv((double)x + 1, alpha / 2, true);
}

void
stats_pois_byar(long x, double z, double *lo, double *hi)
{
	double d = (double)x, e = d + 1, t;

	if (x < 0) {
		*lo = *hi = NAN;
		return;
	}
	if (x == 0)
		*lo = 0;
	else {
		t = 1 - 1 / (9 * d) - z / (3 * sqrt(d));
		*lo = d * t * t * t;
	}
	t = 1 - 1 / (9 * e) + z / (3 * sqrt(e));
	*hi = e * t * t * t;
}

/* stats_pois_exact(x, 0.05) for x < 10, so that the hot path solves
 * nothing.  Values from mpmath at 30 digits (they agree with
 * stats_pois_exact to 1e-15; the unit test checks that). */
static const double exact95[10][2] = {
	{ 0, 3.6888794541139363 },
	{ 0.025317807984289875, 5.5716433909388986 },
	{ 0.2422092785439649, 7.2246876677239608 },
	{ 0.61867212289560129, 8.767273069742326 },
	{ 1.0898653736263249, 10.241588675403698 },
	{ 1.6234863901184205, 11.66833207932267 },
	{ 2.2018942534908508, 13.059474022518685 },
	{ 2.8143630515198661, 14.422675361702379 },
	{ 3.4538321767485013, 15.763189220193315 },
	{ 4.1153730973783324, 17.08480345141917 },
};

void
stats_pois_ci95(long x, double *lo, double *hi)
{
	if (x < 0) {
		*lo = *hi = NAN;
	} else if (x < 10) {
		*lo = exact95[x][0];
		*hi = exact95[x][1];
	} else
		stats_pois_byar(x, STATS_Z95, lo, hi);
}

void
stats_rate_ci95(long c, double n, double per, double *lo, double *hi)
{
	if (!(n > 0)) {
		*lo = *hi = NAN;
		return;
	}
	stats_pois_ci95(c, lo, hi);
	*lo *= per / n;
	*hi *= per / n;
}

/* All four quantiles in one pass up the probability function (for small
 * mu, where that is cheaper than four separate searches).  Same fuzz as
 * stats_qpois. */
static void
funnel_walk(double mu, double n, struct stats_funnel *f)
{
	static const double ps[4] = { 0.001, 0.025, 0.975, 0.999 };
	double *out[4] = { &f->lo998, &f->lo95, &f->hi95, &f->hi998 };
	double d = exp(-mu), cdf = d;
	long k = 0;
	int i;

	for (i = 0; i < 4; i++) {
		while (cdf < ps[i] * (1 - 64 * DBL_EPSILON)) {
			k++;
			d *= mu / (double)k;
			cdf += d;
		}
		*out[i] = (double)k / n;
	}
}

void
stats_funnel_limits(double n, double b, struct stats_funnel *f)
{
	double mu = n * b;

	if (!(n > 0) || !(b >= 0) || isinf(mu)) {
		f->lo95 = f->hi95 = f->lo998 = f->hi998 = NAN;
		return;
	}
	if (mu < 50) {
		funnel_walk(mu, n, f);
		return;
	}
	f->lo95 = (double)stats_qpois(0.025, mu) / n;
	f->hi95 = (double)stats_qpois(0.975, mu) / n;
	f->lo998 = (double)stats_qpois(0.001, mu) / n;
	f->hi998 = (double)stats_qpois(0.999, mu) / n;
}

double
stats_funnel_z(double c, double n, double b)
{
	if (!(n > 0) || !(b > 0))
		return NAN;
	return (c / n - b) / sqrt(b / n);
}

double
stats_overdispersion(const double *c, const double *n, size_t m, double b,
    size_t *nout)
{
	double sum = 0, z, mu;
	size_t i, used = 0, out = 0;

	for (i = 0; i < m; i++) {
		if (!(n[i] > 0))
			continue;
		z = stats_funnel_z(c[i], n[i], b);
		if (isnan(z))
			continue;
		sum += z * z;
		used++;
		if (nout != NULL) {
			mu = n[i] * b;
			if (c[i] < (double)stats_qpois(0.025, mu) ||
			    c[i] > (double)stats_qpois(0.975, mu))
				out++;
		}
	}
	if (nout != NULL)
		*nout = out;
	return used > 0 ? sum / (double)used : NAN;
}

void
stats_funnel_widen(struct stats_funnel *f, double b, double phi)
{
	double k;

	if (!(phi > 1))
		return;
	k = sqrt(phi);
	f->lo95 = fmax(0, b + (f->lo95 - b) * k);
	f->hi95 = b + (f->hi95 - b) * k;
	f->lo998 = fmax(0, b + (f->lo998 - b) * k);
	f->hi998 = b + (f->hi998 - b) * k;
}

size_t
stats_eb_global(const double *n, const double *x, size_t m, double *eb,
    double *w, struct stats_eb *par)
{
	double nsum = 0, xsum = 0, s2 = 0, b, a, p, wi;
	size_t i, used = 0;

	for (i = 0; i < m; i++)
		if (x[i] > 0) {
			nsum += n[i];
			xsum += x[i];
			used++;
		}
	if (used == 0) {
		for (i = 0; i < m; i++) {
			eb[i] = NAN;
			if (w != NULL)
				w[i] = NAN;
		}
		if (par != NULL) {
			par->b = par->s2 = par->a = NAN;
			par->m = 0;
			par->flat = false;
		}
		return 0;
	}
	b = nsum / xsum;
	for (i = 0; i < m; i++)
		if (x[i] > 0) {
			p = n[i] / x[i];
			s2 += x[i] * (p - b) * (p - b);
		}
	s2 /= xsum;
	a = s2 - b / (xsum / (double)used);
	if (a < 0)
		a = 0;
	for (i = 0; i < m; i++) {
		if (!(x[i] > 0))
			wi = eb[i] = NAN;
		else if (b == 0)
			wi = eb[i] = 0;
		else {
			wi = a / (a + b / x[i]);
			eb[i] = b + wi * (n[i] / x[i] - b);
		}
		if (w != NULL)
			w[i] = wi;
	}
	if (par != NULL) {
		par->b = b;
		par->s2 = s2;
		par->a = a;
		par->m = used;
		par->flat = a == 0;
	}
	return used;
}

size_t
stats_eb_local(const double *n, const double *x, size_t m,
    const size_t *off, const size_t *nb, double *eb, double *w, double *a,
    double *b)
{
	double nsum, xsum, c, mi, ai, wi, p, d;
	size_t i, k, j, cnt, flat = 0;

	for (i = 0; i < m; i++) {
		if (!(x[i] > 0)) {
			eb[i] = NAN;
			if (w != NULL)
				w[i] = NAN;
			if (a != NULL)
				a[i] = NAN;
			if (b != NULL)
				b[i] = NAN;
			continue;
		}
		nsum = n[i];
		xsum = x[i];
		cnt = 1;
		for (k = off[i]; k < off[i + 1]; k++) {
			j = nb[k];
			if (j == i || j >= m || !(x[j] > 0))
				continue;
			nsum += n[j];
			xsum += x[j];
			cnt++;
		}
		mi = nsum / xsum;
		d = n[i] / x[i] - mi;
		c = x[i] * d * d;
		for (k = off[i]; k < off[i + 1]; k++) {
			j = nb[k];
			if (j == i || j >= m || !(x[j] > 0))
				continue;
			p = n[j] / x[j] - mi;
			c += x[j] * p * p;
		}
		ai = c / xsum - mi / (xsum / (double)cnt);
		if (ai < 0)
			ai = 0;
		if (mi == 0)
			wi = 0;
		else
			wi = ai / (ai + mi / x[i]);
		eb[i] = mi + wi * (n[i] / x[i] - mi);
		if (ai == 0)
			flat++;
		if (w != NULL)
			w[i] = wi;
		if (a != NULL)
			a[i] = ai;
		if (b != NULL)
			b[i] = mi;
	}
	return flat;
}

void
stats_probmap(long n, double x, double b, double *expected,
    double *pexcess, double *rr)
{
	double e = x * b;

	if (expected != NULL)
		*expected = e;
	if (pexcess != NULL) {
		if (n < 0 || isnan(e) || e < 0)
			*pexcess = NAN;
		else if (e == 0)
			*pexcess = n == 0;
		else
			*pexcess = stats_ppois_upper(n, e);
	}
	if (rr != NULL)
		*rr = e > 0 ? 100 * (double)n / e : NAN;
}

/* log dbinom(k, n, p) given lc = lgamma(n + 1), lp = log p and
 * lq = log(1 - p). */
static double
ldbinom(long k, long n, double lc, double lp, double lq)
{
	return lc - lgamma((double)k + 1) - lgamma((double)(n - k) + 1) +
	    (double)k * lp + (double)(n - k) * lq;
}

/* binom.test's two-sided p: P of all outcomes with dbinom <= d·(1 + 1e-7).
 * R sums over i; dbinom is non-increasing from ceil(np) up and
 * non-decreasing up to floor(np), so a binary search finds the same count
 * in O(log n) evaluations. */
static double
binom_two_sided(long x, long n, double p)
{
	const double relerr = 1 + 1e-7;
	double d, m, pv, lc, lp, lq;
	long lo, hi, mid, y;

	/* Compare log densities, with the constant parts computed once. */
	lc = lgamma((double)n + 1);
	lp = log(p);
	lq = log1p(-p);
	d = ldbinom(x, n, lc, lp, lq) + log(relerr);
	m = (double)n * p;
	if ((double)x == m)
		return 1;
	if ((double)x < m) {
		/* First i in [ceil(m), n] with dbinom(i) <= d; n + 1 if none. */
		lo = (long)ceil(m);
		hi = n + 1;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (ldbinom(mid, n, lc, lp, lq) <= d)
				hi = mid;
			else
				lo = mid + 1;
		}
		y = n + 1 - lo;
		pv = stats_pbinom(x, n, p) + stats_pbinom_upper(n - y + 1, n, p);
	} else {
		/* Number of i in [0, floor(m)] with dbinom(i) <= d. */
		lo = 0;
		hi = (long)floor(m) + 1;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (ldbinom(mid, n, lc, lp, lq) <= d)
				lo = mid + 1;
			else
				hi = mid;
		}
		y = lo;
		pv = stats_pbinom(y - 1, n, p) + stats_pbinom_upper(x, n, p);
	}
	return fmin(1, pv);
}

int
stats_rate_test(long x1, double t1, long x2, double t2, double conf,
    struct stats_rtest *r)
{
	double alpha, p, pl, pu;
	long n;

	if (x1 < 0 || x2 < 0 || x1 > LONG_MAX - x2 || x1 + x2 == 0 ||
	    !(t1 > 0) || !(t2 > 0) || !(conf >= 0 && conf < 1)) {
		r->rr = r->lo = r->hi = NAN;
		r->p = 1;
		return -1;
	}
	n = x1 + x2;
	p = t1 / (t1 + t2);
	alpha = (1 - conf) / 2;
	r->rr = ((double)x1 / t1) / ((double)x2 / t2);
	r->p = binom_two_sided(x1, n, p);
	if (conf == 0) {
		r->lo = r->hi = NAN;
		return 0;
	}
	pl = x1 == 0 ? 0 : beta_inv((double)x1, (double)(n - x1) + 1, alpha,
	    false);
	pu = x1 == n ? 1 : beta_inv((double)x1 + 1, (double)(n - x1), alpha,
	    true);
	r->lo = pl / (1 - pl) * t2 / t1;
	r->hi = pu < 1 ? pu / (1 - pu) * t2 / t1 : INFINITY;
	return 0;
}

/* Heapsort of an index array; cmp is a total order, so the result does
 * not depend on the sort's instability. */
static void
sort_idx(size_t *idx, size_t n, int (*cmp)(size_t, size_t, const void *),
    const void *ctx)
{
	size_t start, end, root, child, t;

	if (n < 2)
		return;
	for (start = n / 2; start-- > 0;) {
		for (root = start; (child = 2 * root + 1) < n; root = child) {
			if (child + 1 < n &&
			    cmp(idx[child], idx[child + 1], ctx) < 0)
				child++;
			if (cmp(idx[root], idx[child], ctx) >= 0)
				break;
			t = idx[root];
			idx[root] = idx[child];
			idx[child] = t;
		}
	}
	for (end = n - 1; end > 0; end--) {
		t = idx[0];
		idx[0] = idx[end];
		idx[end] = t;
		for (root = 0; (child = 2 * root + 1) < end; root = child) {
			if (child + 1 < end &&
			    cmp(idx[child], idx[child + 1], ctx) < 0)
				child++;
			if (cmp(idx[root], idx[child], ctx) >= 0)
				break;
			t = idx[root];
			idx[root] = idx[child];
			idx[child] = t;
		}
	}
}

struct value_ctx {
	const double	*v;
	bool		 descending;
};

/* Ascending (or descending) by value, NaN last, then by index. */
static int
cmp_value(size_t i, size_t j, const void *ctx)
{
	const struct value_ctx *c = ctx;
	double a = c->v[i], b = c->v[j];

	if (isnan(a) != isnan(b))
		return isnan(a) ? 1 : -1;
	if (!isnan(a) && a != b) {
		if (c->descending)
			return a > b ? -1 : 1;
		return a < b ? -1 : 1;
	}
	return i < j ? -1 : i > j;
}

void
stats_bh_adjust(const double *p, size_t n, double *padj, size_t *work)
{
	struct value_ctx c = { p, false };
	double cummin = 1, v;
	size_t i, k, used = 0;

	for (i = 0; i < n; i++)
		if (!isnan(p[i]))
			work[used++] = i;
	sort_idx(work, used, cmp_value, &c);
	/* work[k] holds the index of the (k+1)-th smallest p; walk down from
	 * the largest, keeping the running minimum of n/rank · p. */
	for (k = used; k-- > 0;) {
		v = (double)used / (double)(k + 1) * p[work[k]];
		if (v < cummin)
			cummin = v;
		padj[work[k]] = cummin;
	}
	for (i = 0; i < n; i++)
		if (isnan(p[i]))
			padj[i] = NAN;
}

size_t
stats_bh_flag(const double *padj, size_t n, double q, bool *flag)
{
	size_t i, cnt = 0;

	for (i = 0; i < n; i++) {
		flag[i] = padj[i] <= q;
		cnt += flag[i];
	}
	return cnt;
}

double
stats_share_margin(double p, double n, double deff)
{
	if (!(n > 0))
		return NAN;
	return 1.96 * sqrt(deff * p * (1 - p) / n);
}

double
stats_mean_margin(double s, double neff)
{
	if (!(neff > 0))
		return NAN;
	return 1.96 * s / sqrt(neff);
}

double
stats_diff_z(double p1, double m1, double p2, double m2)
{
	double s1 = m1 / 1.96, s2 = m2 / 1.96, se = sqrt(s1 * s1 + s2 * s2);

	return se > 0 ? (p2 - p1) / se : NAN;
}

int
stats_diff_sign(double z)
{
	return z > 1.96 ? 1 : z < -1.96 ? -1 : 0;
}

void
stats_rank_avg(const double *v, size_t n, bool descending, double *rank,
    size_t *work)
{
	struct value_ctx c = { v, descending };
	size_t i, j, k;
	double r;

	for (i = 0; i < n; i++)
		work[i] = i;
	sort_idx(work, n, cmp_value, &c);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n; j++) {
			if (isnan(v[work[i]]) || isnan(v[work[j]]) ||
			    v[work[j]] != v[work[i]])
				break;
		}
		/* Positions i+1 .. j share their mean rank. */
		r = ((double)(i + 1) + (double)j) / 2;
		for (k = i; k < j; k++)
			rank[work[k]] = r;
	}
}

double
stats_kendall_w(const double *ranks, size_t m, size_t n, size_t *work)
{
	struct value_ctx c;
	double rbar, s = 0, rj, tsum = 0, t, den, dm, dn;
	size_t o, i, j, k;

	if (m < 2 || n < 2)
		return NAN;
	dm = (double)m;
	dn = (double)n;
	rbar = dm * (dn + 1) / 2;
	for (j = 0; j < n; j++) {
		rj = 0;
		for (o = 0; o < m; o++)
			rj += ranks[o * n + j];
		s += (rj - rbar) * (rj - rbar);
	}
	for (o = 0; o < m; o++) {
		c.v = ranks + o * n;
		c.descending = false;
		for (i = 0; i < n; i++)
			work[i] = i;
		sort_idx(work, n, cmp_value, &c);
		for (i = 0; i < n; i = k) {
			for (k = i + 1; k < n && c.v[work[k]] == c.v[work[i]];
			    k++)
				continue;
			t = (double)(k - i);
			tsum += t * t * t - t;
		}
	}
	den = dm * dm * (dn * dn * dn - dn) - dm * tsum;
	return den > 0 ? 12 * s / den : NAN;
}

int
stats_score_band(double ratio)
{
	if (isnan(ratio))
		return 0;
	if (ratio < 0.80)
		return 1;
	if (ratio < 0.95)
		return 2;
	if (ratio <= 1.05)
		return 3;
	if (ratio <= 1.25)
		return 4;
	return 5;
}

int
stats_score_omvang(long c, double e)
{
	double lo, hi;
	int s;

	if (c < 0 || !(e > 0) || isinf(e))
		return 0;
	s = stats_score_band((double)c / e);
	stats_pois_exact(c, 0.05, &lo, &hi);
	if (lo / e <= 1 && hi / e >= 1 && s > 3)
		s = 3;
	return s;
}

int
stats_score_trend(double p, double rr)
{
	if (isnan(p) || isnan(rr))
		return 0;
	if (p < 0.05)
		return rr < 1 ? 1 : 5;
	if (rr < 0.95)
		return 2;
	if (rr > 1.05)
		return 4;
	return 3;
}

int
stats_score_trend_haal(double p, double rr, double partner_trend)
{
	if (isnan(p) || isnan(rr))
		return 0;
	if ((partner_trend >= 0.5 && rr > 1) ||
	    (partner_trend <= -0.5 && rr < 1))
		return stats_score_trend(p, rr);
	return 3;
}

bool
stats_is_haaldelict(const char *code)
{
	if (strcmp(code, "3.1.1") == 0 || strcmp(code, "3.1.3") == 0)
		return true;
	return code[0] == '3' && code[1] == '.' && code[2] >= '3' &&
	    code[2] <= '5' && code[3] == '.' && code[4] >= '0' &&
	    code[4] <= '9';
}

int
stats_score_beleving(double ratio, double z)
{
	int s = stats_score_band(ratio);

	if (s > 3 && !(fabs(z) > 1.96))
		s = 3;
	return s;
}

static const double weight_sets[STATS_NWSETS][STATS_NCRIT] = {
	{ 0.2, 0.2, 0.2, 0.2, 0.2 },
	{ 0.25, 0.25, 0.25, 0.125, 0.125 },
	{ 0.4 / 3, 0.4 / 3, 0.4 / 3, 0.3, 0.3 },
	{ 0.25, 0.25, 0.25, 0.25, 0 },
};

const double *
stats_weight_set(int set)
{
	if (set < 0 || set >= STATS_NWSETS)
		return NULL;
	return weight_sets[set];
}

double
stats_score_weighted(const double *score, const double *w)
{
	double s = 0;
	int c;

	for (c = 0; c < STATS_NCRIT; c++)
		s += w[c] * score[c];
	return s;
}

double
stats_axis_x(const double *score)
{
	return (score[STATS_O] + score[STATS_T] + score[STATS_E]) / 3;
}

double
stats_axis_y(const double *score)
{
	return (score[STATS_B] + score[STATS_P]) / 2;
}

int
stats_axis_band(double v)
{
	return v >= 3.5 ? 2 : v >= 2.5 ? 1 : 0;
}

/* Compare the sums, not the means: (O+T+E)/3 >= 3.5 exactly when
 * O+T+E >= 10.5, with no rounding in the division to worry about. */
enum stats_tier
stats_tier(const double *score)
{
	bool xh, yh;

	xh = score[STATS_O] + score[STATS_T] + score[STATS_E] >= 10.5;
	yh = score[STATS_B] + score[STATS_P] >= 7;
	if (xh && yh)
		return STATS_PRIORITEIT;
	if (xh || yh)
		return STATS_STRATEGISCH;
	return STATS_BEHEERS;
}

struct theme_ctx {
	const struct stats_theme	*th;
	int				 set;
};

/* S descending (within 1e-9 counts as equal), then theme id ascending,
 * then index. */
static int
cmp_theme(size_t i, size_t j, const void *ctx)
{
	const struct theme_ctx *c = ctx;
	double a = c->th[i].s[c->set], b = c->th[j].s[c->set];
	int r;

	if (fabs(a - b) > 1e-9)
		return a > b ? -1 : 1;
	r = strcmp(c->th[i].id, c->th[j].id);
	if (r != 0)
		return r;
	return i < j ? -1 : i > j;
}

size_t
stats_sensitivity(struct stats_theme *th, size_t n, size_t *work)
{
	struct theme_ctx c = { th, 0 };
	size_t i, n1 = 0, n2 = 0, cnt = 0;
	enum stats_tier t;

	for (i = 0; i < n; i++) {
		th[i].tier = stats_tier(th[i].score);
		th[i].gevoelig = false;
		if (th[i].tier == STATS_PRIORITEIT)
			n1++;
		else if (th[i].tier == STATS_STRATEGISCH)
			n2++;
		for (c.set = 0; c.set < STATS_NWSETS; c.set++)
			th[i].s[c.set] = stats_score_weighted(th[i].score,
			    weight_sets[c.set]);
	}
	for (c.set = 0; c.set < STATS_NWSETS; c.set++) {
		for (i = 0; i < n; i++)
			work[i] = i;
		sort_idx(work, n, cmp_theme, &c);
		for (i = 0; i < n; i++) {
			t = i < n1 ? STATS_PRIORITEIT : i < n1 + n2 ?
			    STATS_STRATEGISCH : STATS_BEHEERS;
			th[work[i]].rank_tier[c.set] = t;
			if (t != th[work[i]].tier)
				th[work[i]].gevoelig = true;
		}
	}
	for (i = 0; i < n; i++)
		cnt += th[i].gevoelig;
	return cnt;
}

long
stats_round5(long c)
{
	long r;

	if (c < 0)
		return c == LONG_MIN ? c : -stats_round5(-c);
	r = c % 5;
	if (r <= 2)
		return c - r;
	return c > LONG_MAX - 5 ? c - r : c + 5 - r;
}
