/* cbs -- CBS StatLine period codes and cell symbols.
 *
 * Period codes (FORMATS.md §1.5): exactly 8 characters, four digits, then
 * JJ00 (a calendar year) or MMnn with nn 01..12 (a month); with CBS_QUARTERS
 * also KWnn with nn 01..04 (a quarter).  vb writes them normalised as "2018",
 * "2018-03" and "2019Q2".
 *
 * Cell symbols (FORMATS.md §1.6): an empty cell, "null" or "NA" is suppressed;
 * "." missing; "x" secret; "-" nil (zero); a trailing "*" marks a
 * provisional figure.  Nothing here allocates or depends on the locale. */
#ifndef VB_CBS_H
#define VB_CBS_H

#include <stdbool.h>
#include <stddef.h>

/* Accept quarter codes (YYYYKWnn, normalised YYYYQn) as well. */
#define CBS_QUARTERS	0x1
/* Also accept the normalised forms ("2018", "2018-03", "2019Q2"), so that
 * parsing vb's own output again gives the same period. */
#define CBS_NORMALISED	0x2

struct cbs_period {
	int	 year;		/* 0..9999 */
	int	 month;		/* 1..12; 0: a year or a quarter */
	int	 quarter;	/* 1..4, or 0 for a year or a month */
};

/* Parse s[0..len-1] (no trimming: padding is an error).  Returns true and
 * fills *p on success; false for anything that is not a period code under
 * flags, leaving *p unspecified. */
bool	 cbs_period_parse(const char *s, size_t len, int flags,
	    struct cbs_period *p);
/* Write the normalised form ("2018", "2018-03", "2019Q2") and a NUL into
 * buf, which has room for CBS_PERIOD_BUF bytes; returns its length. */
size_t	 cbs_period_fmt(char *buf, const struct cbs_period *p);
/* Write the CBS code ("2018JJ00", "2018MM03", "2019KW02") and a NUL into
 * buf (CBS_PERIOD_BUF bytes); returns its length (8). */
size_t	 cbs_period_code(char *buf, const struct cbs_period *p);
#define CBS_PERIOD_BUF	16

enum cbs_cell {
	CBS_NUMBER,	/* a non-negative integer, in value */
	CBS_NIL,	/* "-": value 0 */
	CBS_SUPPRESSED,	/* empty, "null", "NULL", "NA" */
	CBS_MISSING,	/* ".", or a lone "*" */
	CBS_SECRET,	/* "x" */
	CBS_NEGATIVE,	/* a negative integer (value holds it) */
	CBS_BAD		/* anything else: not a count */
};

struct cbs_value {
	enum cbs_cell	 cell;
	long		 value;		/* NUMBER, NIL, NEGATIVE */
	bool		 provisional;	/* a trailing "*" */
	/* CBS_NUMBER: the length of the digits, so that s[off ..
	 * off + digits_len - 1] is the count without its "*". */
	size_t		 digits_len;
};

/* Classify a count cell s[0..len-1] after trimming ASCII spaces and tabs
 * on both sides (*off gets the offset of the trimmed text, so a caller can
 * keep a view of the digits).  Returns v->cell. */
enum cbs_cell cbs_value_parse(const char *s, size_t len, size_t *off,
	    struct cbs_value *v);
/* "suppressed", "missing", "secret" for those cells; "" otherwise. */
const char *cbs_status_name(enum cbs_cell);
/* The cell an existing status word stands for (the inverse of
 * cbs_status_name), or CBS_BAD for an unknown word. */
enum cbs_cell cbs_status_parse(const char *s, size_t len);

#endif
