/* stats -- the statistics of vb-rank and the survey pipelines (METHOD.md
 * §6, §7.3, §8): Poisson and binomial distributions, exact and Byar rate
 * intervals, funnel limits, Empirical Bayes smoothing, the probability map,
 * the two-rate test, Benjamini-Hochberg, survey margins and differences,
 * average ranks, Kendall's W, the priority scores and tiers, and rounding
 * to 5 for disclosure control.
 *
 * Pure math: no I/O, no locale, no global state, no allocation.  Functions
 * that need scratch space take a caller-owned work array.
 *
 * Units.  A "count" is an event count (c, x, n).  A "denominator" is the
 * population at risk (inwoners, woningen, ...).  Interval functions return
 * limits for the Poisson mean on the count scale; multiply by per / N (e.g.
 * 1000 / N) for a rate per 1,000, or use stats_rate_ci95().  EB and funnel
 * functions work with rates per unit of denominator (b = Σc / ΣN, about
 * 0.01 for 10 per 1,000); multiply the results by 1000 for per-1,000.
 * Invalid arguments give NaN (doubles) or 0 / -1 (integers), as documented;
 * nothing aborts.
 */
#ifndef VB_STATS_H
#define VB_STATS_H

#include <stdbool.h>
#include <stddef.h>

/* The two-sided 95 % normal quantile of METHOD.md §8.2 (Byar). */
#define STATS_Z95	1.959964

/* --- Distributions -------------------------------------------------- */

/* Regularised lower incomplete gamma P(a, x) for a > 0, x >= 0. */
double	 stats_pgamma(double a, double x);
/* The x with P(a, x) = p, for a > 0 and 0 <= p <= 1 (R qgamma(p, a)). */
double	 stats_qgamma(double p, double a);
/* Regularised incomplete beta I_x(a, b) for a, b > 0, 0 <= x <= 1. */
double	 stats_pbeta(double x, double a, double b);
/* The x with I_x(a, b) = p (R qbeta(p, a, b)). */
double	 stats_qbeta(double p, double a, double b);

/* Poisson with mean lambda >= 0: P(X <= x) (R ppois(x, lambda)) and
 * P(X >= x) (R ppois(x - 1, lambda, lower.tail = FALSE)), each computed
 * directly so that small tails keep their relative precision.  x < 0 gives
 * 0 and 1 respectively. */
double	 stats_ppois(long x, double lambda);
double	 stats_ppois_upper(long x, double lambda);
/* Smallest k with P(X <= k) >= p, as R qpois(p, lambda) (same 64-epsilon
 * fuzz).  p = 1 or lambda = inf gives LONG_MAX; bad arguments and finite
 * lambda > 1e15 give -1. */
long	 stats_qpois(double p, double lambda);

/* Binomial(n, p): P(X = k), P(X <= k) and P(X >= k); k outside 0..n gives
 * 0 / 0-or-1 as R does. */
double	 stats_dbinom(long k, long n, double p);
double	 stats_pbinom(long k, long n, double p);
double	 stats_pbinom_upper(long k, long n, double p);

/* Two-sided normal p-value 2·(1 - Φ(|z|)), computed as erfc(|z|/√2). */
double	 stats_p_two_sided(double z);

/* --- Rates and their intervals (§8.1, §8.2) ------------------------- */

/* per · c / n: the rate per `per` (1000 for per 1,000).  n <= 0: NaN. */
double	 stats_rate(double c, double n, double per);

/* Exact (Garwood) 1 - alpha interval for the mean of a Poisson count x,
 * as R poisson.test: lo = qgamma(alpha/2, x) (0 when x = 0), hi =
 * qgamma(1 - alpha/2, x + 1).  Count scale.  x < 0 or alpha outside (0, 1):
 * both NaN. */
void	 stats_pois_exact(long x, double alpha, double *lo, double *hi);
/* Byar's approximation with normal quantile z (STATS_Z95 for 95 %); lo = 0
 * when x = 0.  Note: METHOD.md §8.2 prescribes z = 1.959964, but its Byar
 * column was computed with z = 1.96 (two entries differ in the third
 * decimal); hence the parameter. */
void	 stats_pois_byar(long x, double z, double *lo, double *hi);
/* The rule vb uses: exact 95 % for x < 10, Byar (z = STATS_Z95) for
 * x >= 10. */
void	 stats_pois_ci95(long x, double *lo, double *hi);
/* stats_pois_ci95 scaled to a rate per `per` of denominator n: lo and hi
 * are per · limit / n.  n <= 0: both NaN. */
void	 stats_rate_ci95(long c, double n, double per, double *lo, double *hi);

/* --- Funnel plot (§8.4) --------------------------------------------- */

/* Control limits for a rate at denominator n > 0 around base rate b >= 0
 * (per unit of denominator): qpois(p, n·b) / n at p = 0.025 / 0.975 (95 %)
 * and 0.001 / 0.999 (99.8 %).  Limits are per unit; × 1000 for per 1,000. */
struct stats_funnel {
	double	 lo95, hi95;
	double	 lo998, hi998;
};
void	 stats_funnel_limits(double n, double b, struct stats_funnel *f);

/* Poisson z-score of count c at denominator n: (c/n - b) / √(b/n).
 * n <= 0 or b <= 0: NaN. */
double	 stats_funnel_z(double c, double n, double b);

/* Overdispersion φ = Σ z² / m over the m areas with n[i] > 0 (Spiegelhalter
 * 2005, without winsorising).  When nout is not NULL it receives the number
 * of those areas whose count lies outside the 95 % limits, so the caller can
 * apply the "more than about 5 %" rule.  No usable area: NaN. */
double	 stats_overdispersion(const double *c, const double *n, size_t m,
	    double b, size_t *nout);

/* Widen every limit of *f by √φ around b: L -> b + (L - b)·√φ, lower limits
 * clamped at 0.  φ <= 1 or NaN leaves *f unchanged (vb only widens). */
void	 stats_funnel_widen(struct stats_funnel *f, double b, double phi);

/* --- Empirical Bayes (§8.3) ----------------------------------------- */

/* Parameters of a global EB fit, per unit of denominator. */
struct stats_eb {
	double	 b;		/* pooled rate Σn / Σx */
	double	 s2;		/* population-weighted variance of the rates */
	double	 a;		/* between-area variance, clamped at 0 */
	size_t	 m;		/* areas used (x > 0) */
	bool	 flat;		/* a == 0: "no detectable difference" */
};

/* Marshall's global EB estimate, as spdep::EBest: counts n[i] >= 0 and
 * denominators x[i] for i < m.  eb[i] receives the smoothed rate (per unit)
 * and, when w is not NULL, w[i] the shrinkage weight.  Areas with x[i] <= 0
 * are left out of the fit and get NaN; spdep refuses them instead.  When
 * b = 0 (no events at all) every eb is 0 and w is 0.  par may be NULL.
 * Returns the number of areas used; 0 means no fit (par->b etc. NaN). */
size_t	 stats_eb_global(const double *n, const double *x, size_t m,
	    double *eb, double *w, struct stats_eb *par);

/* Local EB: the same formula with b, s² and a computed for each area i over
 * its neighbourhood, given in CSR form: the neighbours of i are
 * nb[off[i]] .. nb[off[i+1] - 1] (off has m + 1 entries).  Area i itself is
 * always included; an entry equal to i is skipped, so lists with or without
 * self both work.  Duplicates are not removed; indices >= m are ignored.
 * This is the `geoda = TRUE` variant of spdep::EBlocal: the spread is
 * measured around the local mean of area i, as METHOD.md §8.3 describes
 * (spdep's default measures each neighbour j around j's own local mean).
 * With every area in every neighbourhood it equals stats_eb_global.  Outputs per area: eb (required), w, a (local between-
 * area variance; 0 = no detectable difference locally) and b (local pooled
 * rate), each optional.  Areas with x <= 0 get NaN and are left out of
 * their neighbours' sums.  Returns the number of areas with a == 0. */
size_t	 stats_eb_local(const double *n, const double *x, size_t m,
	    const size_t *off, const size_t *nb, double *eb, double *w,
	    double *a, double *b);

/* Probability map (Choynowski; spdep::probmap with the upper tail):
 * expected count E = x·b, excess probability P(X >= n | E) and relative
 * risk 100·n/E.  Any output may be NULL.  E = 0: pexcess is 1 when n = 0
 * and 0 otherwise; rr is NaN. */
void	 stats_probmap(long n, double x, double b, double *expected,
	    double *pexcess, double *rr);

/* --- Change between periods (§8.5) ---------------------------------- */

struct stats_rtest {
	double	 rr;		/* (x1/t1) / (x2/t2) */
	double	 lo, hi;	/* Clopper-Pearson based interval for rr */
	double	 p;		/* two-sided, as binom.test */
};

/* R poisson.test(c(x1, x2), c(t1, t2), conf.level = conf): the conditional
 * binomial test of x1 | x1 + x2 ~ Bin(x1 + x2, t1 / (t1 + t2)).  Put the
 * newer period first so that rr = new / old; for "last year vs the 3
 * before" pass x2 = Σc and t2 = ΣN of those years.  x2 = 0 gives rr = +inf.
 * conf = 0 skips the interval (lo = hi = NaN), which saves most of the
 * time when only p and rr are needed (the trend score).  Returns 0, or -1
 * (with rr, lo, hi NaN and p = 1) when x1 + x2 = 0, a count is negative,
 * t1 or t2 <= 0 or conf is outside [0, 1). */
int	 stats_rate_test(long x1, double t1, long x2, double t2, double conf,
	    struct stats_rtest *r);

/* Benjamini-Hochberg adjusted p-values, as R p.adjust(p, "BH").  NaN
 * entries are left out (their padj is NaN) and do not count in n.  work
 * holds n entries.  padj may equal p. */
void	 stats_bh_adjust(const double *p, size_t n, double *padj,
	    size_t *work);
/* flag[i] = padj[i] <= q; returns the number flagged. */
size_t	 stats_bh_flag(const double *padj, size_t n, double q, bool *flag);

/* --- Surveys (§7.3) ------------------------------------------------- */

/* 95 % margin of a share p (a fraction, 0..1) from n respondents with
 * design effect deff: 1.96·√(deff·p(1-p)/n), as a fraction.  n <= 0: NaN. */
double	 stats_share_margin(double p, double n, double deff);
/* 95 % margin of a scale mean: 1.96·s/√n_eff. */
double	 stats_mean_margin(double s, double neff);
/* z = (p2 - p1) / √((m1/1.96)² + (m2/1.96)²); p and m in the same unit.
 * Both margins 0: NaN. */
double	 stats_diff_z(double p1, double m1, double p2, double m2);
/* +1 when z > 1.96, -1 when z < -1.96, else 0 (the `+`/`–` marks). */
int	 stats_diff_sign(double z);

/* --- Ranks and agreement (§6) --------------------------------------- */

/* Average ranks 1..n of v (ties share the mean of their positions, as R
 * rank(ties.method = "average")).  descending: rank 1 is the largest
 * value.  NaN values rank last.  work holds n entries. */
void	 stats_rank_avg(const double *v, size_t n, bool descending,
	    double *rank, size_t *work);

/* Kendall's W with tie correction.  ranks is row-major: m raters × n items,
 * each row a ranking (average ranks for ties).  T_o is found from equal
 * values in row o.  work holds n entries.  m < 2, n < 2 or a zero
 * denominator: NaN. */
double	 stats_kendall_w(const double *ranks, size_t m, size_t n,
	    size_t *work);

/* --- Priority scoring (§6) ------------------------------------------ */

enum stats_tier {
	STATS_BEHEERS = 0,	/* beheersthema */
	STATS_STRATEGISCH = 1,	/* overig strategisch thema */
	STATS_PRIORITEIT = 2	/* prioriteit */
};

/* The bands of O (and B): 1: r < 0.80, 2: < 0.95, 3: <= 1.05, 4: <= 1.25,
 * 5: > 1.25, for the ratio r = rate / benchmark.  NaN: 0. */
int	 stats_score_band(double ratio);
/* Omvang for count c against expected count e = N · r_bench > 0: the band
 * of c/e, capped at 3 (4 and 5 become 3; 1 and 2 stay) when the exact 95 %
 * Poisson interval of c, divided by e, contains 1.  e <= 0 or c < 0: 0. */
int	 stats_score_omvang(long c, double e);
/* Trend from the two-rate test (last year vs the 3 before): p < 0.05 gives
 * 1 (rr < 1) or 5; otherwise rr < 0.95: 2, rr > 1.05: 4, else 3.  NaN: 0. */
int	 stats_score_trend(double p, double rr);
/* Trend for a haaldelict: 3, unless the organisation-balanced mean of the
 * partners' trend answers (NaN: no answers) confirms a change in the
 * direction of rr (>= +0.5 with rr > 1, or <= -0.5 with rr < 1); then
 * stats_score_trend(p, rr). */
int	 stats_score_trend_haal(double p, double rr, double partner_trend);
/* True for the haaldelict codes 3.1.1, 3.1.3 and 3.3.x-3.5.x. */
bool	 stats_is_haaldelict(const char *code);
/* Beleving: the band of ratio, capped at 3 when |z| <= 1.96 (z from
 * stats_diff_z; NaN z counts as not significant). */
int	 stats_score_beleving(double ratio, double z);

/* Criterion order in score and weight arrays. */
enum { STATS_O, STATS_T, STATS_E, STATS_B, STATS_P, STATS_NCRIT };
#define STATS_NWSETS	4

/* Weight set W0..W3 (§6) as STATS_NCRIT weights; NULL when out of range. */
const double *stats_weight_set(int set);
/* S = Σ w[c]·score[c] over the STATS_NCRIT criteria. */
double	 stats_score_weighted(const double *score, const double *w);
/* Matrix axes: x = (O+T+E)/3, y = (B+P)/2 from score[STATS_NCRIT]. */
double	 stats_axis_x(const double *score);
double	 stats_axis_y(const double *score);
/* Display band of an axis value: 0: < 2.5, 1: 2.5 up to 3.5, 2: >= 3.5. */
int	 stats_axis_band(double v);
/* Tier from the matrix: an axis is high when >= 3.5. */
enum stats_tier stats_tier(const double *score);

/* One theme in the sensitivity analysis.  The caller fills id and score;
 * stats_sensitivity fills the rest. */
struct stats_theme {
	const char	*id;			/* theme id, e.g. "1.3/fiets" */
	double		 score[STATS_NCRIT];	/* O, T, E, B, P */
	enum stats_tier	 tier;			/* matrix tier */
	double		 s[STATS_NWSETS];	/* S under W0..W3 */
	enum stats_tier	 rank_tier[STATS_NWSETS]; /* tier by position */
	bool		 gevoelig;
};
/* The sensitivity rule of §6: with n1 themes in prioriteit and n2 in
 * strategisch by the matrix, sort by S under each weight set (descending,
 * ties by theme id in strcmp order; scores within 1e-9 tie), give the first
 * n1 positions prioriteit, the next n2 strategisch and the rest beheers;
 * a theme is gevoelig when that tier differs from its matrix tier under any
 * set.  work holds n entries.  Returns the number of gevoelig themes. */
size_t	 stats_sensitivity(struct stats_theme *th, size_t n, size_t *work);

/* --- Disclosure (§9.2 D4) ------------------------------------------- */

/* c rounded to a multiple of 5: remainder 0-2 down, 3-4 up (12 -> 10,
 * 13 -> 15).  Negative c is rounded by its magnitude (-13 -> -15). */
long	 stats_round5(long c);

#endif /* VB_STATS_H */
