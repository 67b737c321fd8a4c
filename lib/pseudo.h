/* pseudo -- keyed pseudonyms: HMAC-SHA-256 (nettle) of a normalised value,
 * truncated to 16 bytes and written as 32 lower-case hex digits
 * (METHOD.md §9.3).  The key never leaves this module and is never printed. */
#ifndef VB_PSEUDO_H
#define VB_PSEUDO_H

#include <stddef.h>

struct pseudo;

/* Key from key_file, or when that is NULL from the file named by the
 * environment variable VB_KEY_FILE, or the value of VB_KEY.  A key shorter
 * than 16 bytes is refused.  NULL with a message in err (which names the file
 * but never shows key bytes) on failure. */
struct pseudo	*pseudo_open(const char *key_file, char *err, size_t errlen);
/* Pseudonym of value[0..len) into out (33 bytes: 32 hex digits and NUL).
 * The value is normalised first: surrounding spaces dropped, ASCII letters
 * upper-cased, so " r000001" and "R000001" get one pseudonym. */
void		 pseudo_hex(const struct pseudo *, const char *value, size_t len,
		    char *out);
void		 pseudo_close(struct pseudo *);

#endif
