/* fuzz_pc6 -- the pc6hnr loader (lib/pc6) and the postcode and house-number
 * normalisers (lib/postcode) on arbitrary bytes.  A table that loads must
 * answer lookups with nested codes; the normalisers must produce what their
 * contracts promise (6 characters 1234AB; a number in range; a mask no
 * longer than its buffer, of 9, A, space, ? and dots only). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pc6.h"
#include "postcode.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_norm(const char *s, size_t len)
{
	struct huisnummer h;
	char pc[7], mask[16];
	size_t i;

	if (postcode_norm(s, len, pc)) {
		if (strlen(pc) != 6 || pc[0] < '1' || pc[0] > '9')
			abort();
		for (i = 1; i < 6; i++)
			if (i < 4 ? pc[i] < '0' || pc[i] > '9' :
			    pc[i] < 'A' || pc[i] > 'Z')
				abort();
	} else if (pc[0] != '\0') {
		abort();
	}
	postcode_mask(s, len, mask, sizeof(mask));
	if (strlen(mask) >= sizeof(mask) ||
	    strspn(mask, "9A ?.") != strlen(mask))
		abort();
	if (huisnummer_parse(s, len, &h)) {
		if (h.number < 1 || h.number > POSTCODE_MAX_NUMBER ||
		    strlen(h.toev) > POSTCODE_MAX_TOEV ||
		    (h.letter != '\0' && (h.letter < 'A' || h.letter > 'Z')))
			abort();
		(void)huisnummer_merge(&h, s, len > 2 ? 2 : len, s,
		    len > 5 ? 5 : len);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct pc6_area a;
	struct pc6 *t;
	char err[256], pc[7];
	size_t i;
	long n;

	check_norm(buf, size > 64 ? 64 : size);
	t = pc6_load_mem(buf, size, "fuzz", err, sizeof(err));
	if (t == NULL) {
		if (err[0] == '\0')
			abort();
		return 0;
	}
	/* Probe the postcodes that occur in the input. */
	for (i = 0; i + 6 <= size; i++) {
		if (!postcode_norm(buf + i, 6, pc))
			continue;
		for (n = 0; n < 3; n++) {
			enum pc6_result r = pc6_lookup(t, pc, n * 7, &a);

			if ((r == PC6_EXACT || r == PC6_FALLBACK) &&
			    (strlen(a.buurt) != 10 || strlen(a.wijk) != 8 ||
			    strlen(a.gemeente) != 6 ||
			    memcmp(a.buurt + 2, a.wijk + 2, 6) != 0 ||
			    memcmp(a.wijk + 2, a.gemeente + 2, 4) != 0))
				abort();
		}
	}
	pc6_free(t);
	return 0;
}
