/* disclose -- statistical disclosure control of a count table (METHOD.md
 * §9.2), applied by vb-format and nowhere earlier.
 *
 * Reads the columns area (required), count (required), level, period,
 * soort, theme, disc, population, dwellings, rank and status when present.
 * Rules, per row (a "cell" is a row's count):
 *	D1  buurt with inwoners < min_population or woningen < min_dwellings:
 *	    every figure "x", note D1 (merged into the wijk);
 *	D2  class S: buurt rows "x"; wijk counts 1-4 "x" (note D2);
 *	D3  class B: buurt counts 1-4 "<5" (note D3);
 *	D4  buurt counts of published cells rounded to a multiple of 5
 *	    (remainder 0-2 down, 3-4 up), and so are other buurt columns
 *	    named *count (base_count); wijk and gemeente exact;
 *	    rate-like columns rounded to 1 decimal; no rate at buurt level
 *	    when the exact count is below 5 (".");
 *	D5  secondary suppression: in every marginal group (buurten of one
 *	    wijk, wijken of one gemeente, codes of one theme, months of one
 *	    year; the other key columns equal) with exactly one suppressed
 *	    cell, the smallest other non-zero published cell is suppressed too
 *	    (a zero cell when there is none), repeated until nothing changes;
 *	D8  symbols: "." missing in the source or unreliable, "x" secret,
 *	    "-" nil (exact zero), "<5" one to four.
 * A suppressed row shows its symbol in count and in every column that is
 * not a key (codes, names, population); ranks and percentiles are
 * recomputed among the published rows of each (period, soort, theme,
 * level) group.  A column
 * "note" is added with the rule that hid the row.  Every decision depends
 * only on the table's content, so reruns suppress the same cells. */
#ifndef VB_DISCLOSE_H
#define VB_DISCLOSE_H

#include <stdbool.h>
#include <stddef.h>

#include "table.h"

struct disc_opts {
	long		 min_population;	/* D1, default 200 */
	long		 min_dwellings;		/* D1, default 50 */
	long		 threshold;		/* D2/D3, default 5 */
	long		 base;			/* D4, default 5; 1 = off */
	const struct table *classes;	/* soort theme disc, or NULL (all A) */
	const struct table *population;	/* period area population dwellings */
};

struct disc_stats {
	unsigned long	 cells;		/* rows seen */
	unsigned long	 primary;	/* D1-D3 suppressions */
	unsigned long	 secondary;	/* D5 suppressions */
	unsigned long	 rounded;	/* D4 roundings that changed a count */
	unsigned long	 missing;	/* empty counts in the source */
};

void		 disclose_defaults(struct disc_opts *);
/* Apply the rules to t in place (adds the column "note").  0, or -1 with
 * "code: why" in err when a column is missing or a count is no whole
 * number (err then names the input line). */
int		 disclose_apply(struct table *t, const struct disc_opts *,
		    struct disc_stats *, char *err, size_t errlen);
/* Round a count to a multiple of base: remainder below base/2 down,
 * otherwise up (base 5: 0-2 down, 3-4 up). */
long		 disclose_round(long count, long base);
/* The class ('A', 'B' or 'S') of a soort or theme in the classes table:
 * a theme takes the strictest class of its codes ("1.3" also those of
 * "1.3/..."); unknown: 'A'. */
int		 disclose_class(const struct table *classes, const char *soort,
		    const char *theme);
/* True for the columns that identify a row rather than measure it. */
bool		 disclose_is_key(const char *column);
/* True for rate-like columns (rounded to 1 decimal). */
bool		 disclose_is_rate(const char *column);

#endif
