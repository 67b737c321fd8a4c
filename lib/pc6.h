/* pc6 -- the CBS table "buurt, wijk en gemeente per postcode-huisnummer"
 * (pc6hnr, FORMATS.md §4): PC6;Huisnummer;Buurt2018;Wijk2018;Gemeente2018.
 *
 * Columns are found by name prefix, case-insensitively: pc (PC6),
 * huisnummer, buurt or gwb_code, wijk, gemeente.  The year in the buurt
 * header (Buurt2018 -> "2018") is the table's reference version.  Codes stay
 * strings: 8 (buurt), 6 (wijk) and 4 (gemeente) characters, letters allowed;
 * codes that lost their leading zeros (all digits, too short) are padded
 * back and counted.  The answer carries the prefixed codes BU..., WK...,
 * GM....  A row with a bad postcode, number or code fails the load with its
 * position (the table is reference data, not personal data, but no value is
 * quoted all the same). */
#ifndef VB_PC6_H
#define VB_PC6_H

#include <stddef.h>

struct pc6;

struct pc6_area {
	const char	*buurt;		/* "BU09350000" */
	const char	*wijk;		/* "WK093500" */
	const char	*gemeente;	/* "GM0935" */
};

enum pc6_result {
	PC6_NONE,	/* postcode not in the table */
	PC6_EXACT,	/* PC6 + huisnummer found, one area */
	PC6_FALLBACK,	/* number missing or unknown: the buurt holding most
			   addresses of the PC6 */
	PC6_AMBIGUOUS	/* several areas for the address, or a tie in the
			   fallback */
};

/* Load a table (plain or gzip; ";" or "," detected; "-" is stdin).  NULL
 * with "file:line: code: why" in err on failure. */
struct pc6	*pc6_load(const char *path, char *err, size_t errlen);
/* Same, from a caller-owned buffer (tests, fuzzing). */
struct pc6	*pc6_load_mem(const void *buf, size_t len, const char *name,
		    char *err, size_t errlen);
void		 pc6_free(struct pc6 *);

/* Look up pc (a normalised "1234AB") and number (<= 0: missing).  On
 * PC6_EXACT and PC6_FALLBACK *out holds the area (strings valid until
 * pc6_free). */
enum pc6_result	 pc6_lookup(const struct pc6 *, const char *pc, long number,
		    struct pc6_area *out);

size_t		 pc6_rows(const struct pc6 *);	/* distinct addresses */
size_t		 pc6_areas(const struct pc6 *);	/* distinct buurten */
/* The year of the header ("2018"), or "" when the header has none. */
const char	*pc6_year(const struct pc6 *);
/* Codes padded back to their width. */
unsigned long	 pc6_repaired(const struct pc6 *);

#endif
