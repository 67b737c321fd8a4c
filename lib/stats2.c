/* stats2 -- the priority matrix with configurable weights and threshold
 * (see stats2.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats2.h"

enum stats_tier
stats2_tier(const double *score, double high)
{
	int n = (stats_axis_x(score) >= high) + (stats_axis_y(score) >= high);

	return n == 2 ? STATS_PRIORITEIT : n == 1 ? STATS_STRATEGISCH :
	    STATS_BEHEERS;
}

/* Insertion sort of work[] by S under set, descending; scores within 1e-9
 * tie and are ordered by theme id (strcmp), as stats_sensitivity does. */
static void
sort_by_score(const struct stats_theme *th, size_t *work, size_t n, int set)
{
	size_t i, j, t;

	for (i = 1; i < n; i++) {
		t = work[i];
		for (j = i; j > 0; j--) {
			const struct stats_theme *a = &th[work[j - 1]],
			    *b = &th[t];
			double d = a->s[set] - b->s[set];

			if (d > 1e-9 || (fabs(d) <= 1e-9 &&
			    strcmp(a->id, b->id) <= 0))
				break;
			work[j] = work[j - 1];
		}
		work[j] = t;
	}
}

size_t
stats2_sensitivity(struct stats_theme *th, size_t n,
    const double w[][STATS_NCRIT], double high, size_t *work)
{
	size_t i, n1 = 0, n2 = 0, cnt = 0;
	enum stats_tier t;
	int set;

	for (i = 0; i < n; i++) {
		th[i].tier = stats2_tier(th[i].score, high);
		th[i].gevoelig = false;
		n1 += th[i].tier == STATS_PRIORITEIT;
		n2 += th[i].tier == STATS_STRATEGISCH;
		for (set = 0; set < STATS_NWSETS; set++)
			th[i].s[set] = stats_score_weighted(th[i].score,
			    w[set]);
	}
	for (set = 0; set < STATS_NWSETS; set++) {
		for (i = 0; i < n; i++)
			work[i] = i;
		sort_by_score(th, work, n, set);
		for (i = 0; i < n; i++) {
			t = i < n1 ? STATS_PRIORITEIT : i < n1 + n2 ?
			    STATS_STRATEGISCH : STATS_BEHEERS;
			th[work[i]].rank_tier[set] = t;
			if (t != th[work[i]].tier)
				th[work[i]].gevoelig = true;
		}
	}
	for (i = 0; i < n; i++)
		cnt += th[i].gevoelig;
	return cnt;
}
