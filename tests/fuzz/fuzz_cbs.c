/* fuzz_cbs -- CBS period codes and cell symbols (lib/cbs) on arbitrary bytes.
 *
 * The input is split at LF; every piece is parsed as a period under each
 * flag combination and as a count cell.  Each answer is checked against a
 * small reference written here from FORMATS.md §1.5-1.6 (not from cbs.c):
 *  - a period is accepted exactly when it matches YYYYJJ00, YYYYMM01-12,
 *    with CBS_QUARTERS YYYYKW01-04, with CBS_NORMALISED YYYY, YYYY-MM,
 *    (with quarters) YYYYQn; formatting it and parsing the result gives the
 *    same period, and the CBS code round-trips too;
 *  - a cell is classified as the symbol table says; a number's value equals
 *    strtol of its digits and its digits view lies inside the input. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbs.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static bool
dig(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Reference: is s a period under flags?  Sets month and quarter. */
static bool
ref_period(const char *s, size_t n, int flags, int *month, int *quarter)
{
	int v;

	*month = *quarter = 0;
	if (n < 4 || !dig(s, 4))
		return false;
	if (n == 8 && dig(s + 6, 2)) {
		v = (s[6] - '0') * 10 + s[7] - '0';
		if (memcmp(s + 4, "JJ", 2) == 0)
			return v == 0;
		if (memcmp(s + 4, "MM", 2) == 0 && v >= 1 && v <= 12)
			return (*month = v), true;
		if (memcmp(s + 4, "KW", 2) == 0 && v >= 1 && v <= 4 &&
		    (flags & CBS_QUARTERS))
			return (*quarter = v), true;
		return false;
	}
	if (!(flags & CBS_NORMALISED))
		return false;
	if (n == 4)
		return true;
	if (n == 7 && s[4] == '-' && dig(s + 5, 2)) {
		v = (s[5] - '0') * 10 + s[6] - '0';
		return v >= 1 && v <= 12 && ((*month = v), true);
	}
	if (n == 6 && s[4] == 'Q' && s[5] >= '1' && s[5] <= '4' &&
	    (flags & CBS_QUARTERS))
		return (*quarter = s[5] - '0'), true;
	return false;
}

static void
check_period(const char *s, size_t n, int flags)
{
	struct cbs_period p, q;
	char buf[CBS_PERIOD_BUF];
	int month, quarter;
	bool ok = cbs_period_parse(s, n, flags, &p);
	size_t len;

	if (ok != ref_period(s, n, flags, &month, &quarter))
		abort();
	if (!ok)
		return;
	if (p.month != month || p.quarter != quarter || p.year < 0 ||
	    p.year > 9999 || p.year != atoi((char[5]){ s[0], s[1], s[2],
	    s[3], 0 }))
		abort();
	len = cbs_period_fmt(buf, &p);
	if (len != strlen(buf) || !cbs_period_parse(buf, len,
	    flags | CBS_NORMALISED | CBS_QUARTERS, &q) ||
	    memcmp(&p, &q, sizeof(p)) != 0)
		abort();
	len = cbs_period_code(buf, &p);
	if (len != 8 || strlen(buf) != 8 || !cbs_period_parse(buf, len,
	    CBS_QUARTERS, &q) || memcmp(&p, &q, sizeof(p)) != 0)
		abort();
}

static bool
is(const char *s, size_t n, const char *w)
{
	return n == strlen(w) && memcmp(s, w, n) == 0;
}

static void
check_cell(const char *s0, size_t n0)
{
	struct cbs_value v;
	enum cbs_cell want, got;
	const char *s = s0;
	size_t n = n0, off = (size_t)-1;
	char *tmp;
	bool prov = false;
	long val = 0;

	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || is(s, n, "null") || is(s, n, "NULL") || is(s, n, "NA"))
		want = CBS_SUPPRESSED;
	else if (is(s, n, ".") || is(s, n, "*"))
		want = CBS_MISSING, prov = n == 1 && *s == '*';
	else if (is(s, n, "x"))
		want = CBS_SECRET;
	else if (is(s, n, "-"))
		want = CBS_NIL;
	else {
		size_t m = n, d;

		if (s[m - 1] == '*')
			m--, prov = true;
		d = m > 0 && s[0] == '-';
		want = CBS_BAD;
		if (m > d && dig(s + d, m - d)) {
			if ((tmp = malloc(m + 1)) == NULL)
				abort();
			memcpy(tmp, s, m);
			tmp[m] = '\0';
			errno = 0;
			/* The digits must fit a long as a positive number. */
			val = strtol(tmp + d, NULL, 10);
			if (d)
				val = -val;
			if (errno == 0)
				want = d == 0 ? CBS_NUMBER : val == 0 ?
				    CBS_NIL : CBS_NEGATIVE;
			free(tmp);
		}
		if (want == CBS_BAD)
			prov = false;
	}
	got = cbs_value_parse(s0, n0, &off, &v);
	if (got != want || v.cell != got || v.provisional != prov ||
	    off != (size_t)(s - s0)) {
		fprintf(stderr, "cell got %d want %d, provisional %d/%d\n",
		    got, want, v.provisional, prov);
		abort();
	}
	if ((got == CBS_NUMBER || got == CBS_NEGATIVE) && v.value != val)
		abort();
	if (got == CBS_NIL && v.value != 0)
		abort();
	if (got == CBS_NUMBER && (v.digits_len == 0 || off + v.digits_len >
	    n0 || !dig(s0 + off, v.digits_len)))
		abort();
	if (cbs_status_parse(cbs_status_name(got),
	    strlen(cbs_status_name(got))) != (*cbs_status_name(got) ?
	    got : CBS_BAD))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *e, *end = s + size;
	int f;

	while (s <= end) {
		e = memchr(s, '\n', (size_t)(end - s));
		if (e == NULL)
			e = end;
		for (f = 0; f < 4; f++)
			check_period(s, (size_t)(e - s), f);
		check_cell(s, (size_t)(e - s));
		(void)cbs_status_parse(s, (size_t)(e - s));
		s = e + 1;
	}
	return 0;
}
