/* html -- the veiligheidsbeeld report: one self-contained HTML file (inline
 * CSS and SVG, no script, no font and no URL that a browser would fetch)
 * rendered from a picture directory of tidy record streams.
 *
 * Tables read from dir (each optional except rates.tsv; columns by name):
 *	rates.tsv	period area level theme count population rate
 *			[rate_lo rate_hi eb_rate index index_lo index_hi
 *			trend rank ...]: the per-theme tables and maps
 *	counts-year.tsv	period area theme count: the trend charts
 *			(else the gemeente or summed wijk rows of rates)
 *	priorities.tsv	theme O T E B P x y tier [gevoelig S_W0..]: the
 *			priority matrix
 *	survey.tsv, partners.tsv, disagreement.tsv, evaluation.tsv,
 *	manifest.tsv, parameters.tsv: rendered as tables in their sections
 * Any other *.tsv in dir is listed in an appendix table of contents.
 * Disclosure control (disclose.h) is applied to every count table before
 * it is shown; statistics are never recomputed from rounded values. */
#ifndef VB_HTML_H
#define VB_HTML_H

#include <stdio.h>

#include "disclose.h"

struct html_opts {
	const char	*dir;		/* picture directory */
	const char	*lang;		/* "nl" (default) or "en" */
	const char	*timestamp;	/* shown as the report date */
	const char	*title;		/* NULL: default */
	const char	*areas;		/* area name level parent, or NULL */
	const char	*themes;	/* theme name_nl name_en, or NULL */
	const char	*buurt_map;	/* GeoJSON, RD; property statcode */
	const char	*wijk_map;	/* GeoJSON, RD; property code */
	const struct disc_opts *disc;	/* NULL: no disclosure control */
	const char	*version;	/* vb version */
	/* Out: rows of the per-area table shown, and what disclosure control
	 * did to them (for the summary line). */
	unsigned long	 rows;
	struct disc_stats stats;
};

/* Write the report to fp.  0, or -1 with "code: why" in err. */
int		 html_report(FILE *fp, struct html_opts *, char *err,
		    size_t errlen);
/* Write s with &, <, >, " and ' escaped. */
void		 html_text(FILE *fp, const char *s);

#endif
