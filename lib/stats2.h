/* stats2 -- additions to lib/stats for vb-rank's priority mode: the matrix
 * tier and the sensitivity rule of METHOD.md §6 with configurable weight
 * sets and threshold (stats.h fixes them to the METHOD.md defaults).  Pure
 * math, as stats.h. */
#ifndef VB_STATS2_H
#define VB_STATS2_H

#include <stddef.h>

#include "stats.h"

/* Tier from the matrix when an axis counts as high at >= high. */
enum stats_tier stats2_tier(const double *score, double high);

/* stats_sensitivity with the weight sets w[0..STATS_NWSETS-1] (each
 * STATS_NCRIT weights, in STATS_O..STATS_P order) and the threshold high.
 * Fills tier, s, rank_tier and gevoelig of each theme; returns the number
 * of gevoelig themes.  work holds n entries. */
size_t	 stats2_sensitivity(struct stats_theme *th, size_t n,
	    const double w[][STATS_NCRIT], double high, size_t *work);

#endif
