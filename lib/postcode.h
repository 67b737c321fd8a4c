/* postcode -- Dutch postcodes and house numbers, normalised as BAG and the
 * CBS pc6hnr table write them (QUALITY.md G1, G2), and the character-class
 * mask that messages may show instead of a postcode (METHOD.md §9.3). */
#ifndef VB_POSTCODE_H
#define VB_POSTCODE_H

#include <stdbool.h>
#include <stddef.h>

#define POSTCODE_MAX_NUMBER	99999	/* BAG huisnummer 1 .. 99999 */
#define POSTCODE_MAX_TOEV	4	/* BAG huisnummertoevoeging length */

/* A house number split as BAG does: 12, 'A', "3". */
struct huisnummer {
	long	 number;			/* 1 .. POSTCODE_MAX_NUMBER */
	char	 letter;			/* 'A'..'Z', or '\0' */
	char	 toev[POSTCODE_MAX_TOEV + 1];	/* upper case; "" if none */
};

/* Normalise s[0..len) to "1234AB" in out (7 bytes with the NUL).  Accepts
 * ^[1-9][0-9]{3} ?[A-Za-z]{2}$ after dropping surrounding spaces and tabs;
 * letters are upper-cased.  false (out = "") for anything else, including a
 * bare PC4 ("1234") and a leading zero ("0123AB"). */
bool	 postcode_norm(const char *s, size_t len, char out[7]);

/* The character-class mask of s[0..len): digits become '9', ASCII letters
 * 'A', a space stays ' ', any other byte '?'.  Longer values are cut to
 * outlen - 4 bytes and end in "...".  outlen >= 8.  The mask is what a
 * message may show of a postcode; never the value itself. */
void	 postcode_mask(const char *s, size_t len, char *out, size_t outlen);

/* Split a house-number field: "12" "12A" "12 a" "12-A" (letter A), "12 bis"
 * "12hs" "12-1" "12-II" (toevoeging BIS, HS, 1, II), "12A-3" "12 A 3"
 * (letter A, toevoeging 3).  A single letter after the number is the
 * huisletter, a longer group or digits the toevoeging.  Leading zeros of
 * the number are dropped.  false for no number, 0, > POSTCODE_MAX_NUMBER,
 * a toevoeging longer than POSTCODE_MAX_TOEV, or other characters. */
bool	 huisnummer_parse(const char *s, size_t len, struct huisnummer *h);

/* Complete h with separate huisletter and toevoeging fields as exports
 * carry them (either may be empty): false when a field is malformed or
 * contradicts a letter or toevoeging already in h. */
bool	 huisnummer_merge(struct huisnummer *h, const char *letter,
	    size_t letter_len, const char *toev, size_t toev_len);

#endif
