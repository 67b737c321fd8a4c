/* digest -- what a fuzz target read, as bytes, so that two reads of the
 * same input (in one piece and in chunks; fast path and libcsv) can be
 * compared exactly.  Shared by fuzz_rec.c and fuzz_csvin.c; header-only, so
 * the replay build needs nothing more. */
#ifndef VB_FUZZ_DIGEST_H
#define VB_FUZZ_DIGEST_H

#include <stdlib.h>
#include <string.h>

struct digest {
	char	*p;
	size_t	 len, cap;
	size_t	 rows_len;	/* len after the last row */
	int	 gz_error;	/* ended in compression-error */
	int	 failed;	/* ended in an error */
	int	 mixed;		/* csvin: csvin_mixed_endings */
	int	 spans;		/* csvin: ended in quote-error/spans-lines */
};

static void
dg_put(struct digest *d, const void *p, size_t n)
{
	if (d->len + n > d->cap) {
		d->cap = (d->len + n) * 2 + 64;
		if ((d->p = realloc(d->p, d->cap)) == NULL)
			abort();
	}
	memcpy(d->p + d->len, p, n);
	d->len += n;
}

/* a and b are the same; but where a gzip member turns out corrupt, the rows
 * handed out before its check failed depend on the read sizes (and a row
 * error in them may come first), so there both must fail and one's rows
 * must be a prefix of the other's. */
static void
dg_same(const struct digest *a, const struct digest *b)
{
	size_t n;

	if (a->gz_error || b->gz_error) {
		n = a->rows_len < b->rows_len ? a->rows_len : b->rows_len;
		if (!a->failed || !b->failed ||
		    (n > 0 && memcmp(a->p, b->p, n) != 0))
			abort();
		return;
	}
	/* memcmp wants valid pointers even for 0 bytes: an empty digest
	 * has none. */
	if (a->len != b->len || (a->len > 0 && memcmp(a->p, b->p, a->len) != 0))
		abort();
}

static void
dg_num(struct digest *d, unsigned long v)
{
	dg_put(d, &v, sizeof(v));
}

static void
dg_str(struct digest *d, const char *p, size_t n)
{
	dg_num(d, n);
	dg_put(d, p, n);
}

#endif
