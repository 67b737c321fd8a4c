/* cbs -- CBS StatLine period codes and cell symbols (see cbs.h). */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cbs.h"

static bool
isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* Two digits at s as a number, or -1. */
static int
two(const char *s)
{
	if (!isdig(s[0]) || !isdig(s[1]))
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

bool
cbs_period_parse(const char *s, size_t len, int flags, struct cbs_period *p)
{
	size_t i;
	int n;

	if (len < 4)
		return false;
	for (i = 0; i < 4; i++)
		if (!isdig(s[i]))
			return false;
	p->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
	    (s[2] - '0') * 10 + (s[3] - '0');
	p->month = 0;
	p->quarter = 0;
	if (len == 8) {
		n = two(s + 6);
		if (memcmp(s + 4, "JJ", 2) == 0)
			return n == 0;
		if (memcmp(s + 4, "MM", 2) == 0 && n >= 1 && n <= 12) {
			p->month = n;
			return true;
		}
		if ((flags & CBS_QUARTERS) && memcmp(s + 4, "KW", 2) == 0 &&
		    n >= 1 && n <= 4) {
			p->quarter = n;
			return true;
		}
		return false;
	}
	if (!(flags & CBS_NORMALISED))
		return false;
	if (len == 4)
		return true;
	if (len == 7 && s[4] == '-') {
		n = two(s + 5);
		if (n >= 1 && n <= 12) {
			p->month = n;
			return true;
		}
		return false;
	}
	if (len == 6 && (flags & CBS_QUARTERS) && s[4] == 'Q' &&
	    s[5] >= '1' && s[5] <= '4') {
		p->quarter = s[5] - '0';
		return true;
	}
	return false;
}

size_t
cbs_period_fmt(char *buf, const struct cbs_period *p)
{
	if (p->month > 0)
		return (size_t)snprintf(buf, CBS_PERIOD_BUF, "%04d-%02d",
		    p->year, p->month);
	if (p->quarter > 0)
		return (size_t)snprintf(buf, CBS_PERIOD_BUF, "%04dQ%d",
		    p->year, p->quarter);
	return (size_t)snprintf(buf, CBS_PERIOD_BUF, "%04d", p->year);
}

size_t
cbs_period_code(char *buf, const struct cbs_period *p)
{
	if (p->month > 0)
		return (size_t)snprintf(buf, CBS_PERIOD_BUF, "%04dMM%02d",
		    p->year, p->month);
	if (p->quarter > 0)
		return (size_t)snprintf(buf, CBS_PERIOD_BUF, "%04dKW%02d",
		    p->year, p->quarter);
	return (size_t)snprintf(buf, CBS_PERIOD_BUF, "%04dJJ00", p->year);
}

static bool
is_word(const char *s, size_t len, const char *w)
{
	return len == strlen(w) && memcmp(s, w, len) == 0;
}

enum cbs_cell
cbs_value_parse(const char *s, size_t len, size_t *off, struct cbs_value *v)
{
	size_t b = 0, i;
	bool neg = false;
	long n = 0;

	while (b < len && (s[b] == ' ' || s[b] == '\t'))
		b++;
	while (len > b && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	s += b;
	len -= b;
	if (off != NULL)
		*off = b;
	v->value = 0;
	v->provisional = false;
	v->digits_len = 0;
	if (len == 0 || is_word(s, len, "null") || is_word(s, len, "NULL") ||
	    is_word(s, len, "NA"))
		return v->cell = CBS_SUPPRESSED;
	if (is_word(s, len, "."))
		return v->cell = CBS_MISSING;
	if (is_word(s, len, "x"))
		return v->cell = CBS_SECRET;
	if (is_word(s, len, "-"))
		return v->cell = CBS_NIL;
	if (s[len - 1] == '*') {
		v->provisional = true;
		len--;
		if (len == 0)
			return v->cell = CBS_MISSING;
	}
	i = 0;
	if (s[0] == '-') {
		neg = true;
		i = 1;
	}
	if (i == len)
		goto bad;
	for (; i < len; i++) {
		if (!isdig(s[i]) || n > (LONG_MAX - (s[i] - '0')) / 10)
			goto bad;
		n = n * 10 + (s[i] - '0');
	}
	if (neg) {
		v->value = -n;
		return v->cell = n == 0 ? CBS_NIL : CBS_NEGATIVE;
	}
	v->value = n;
	v->digits_len = len;
	return v->cell = CBS_NUMBER;
bad:
	v->provisional = false;
	return v->cell = CBS_BAD;
}

const char *
cbs_status_name(enum cbs_cell c)
{
	switch (c) {
	case CBS_SUPPRESSED:
		return "suppressed";
	case CBS_MISSING:
		return "missing";
	case CBS_SECRET:
		return "secret";
	default:
		return "";
	}
}

enum cbs_cell
cbs_status_parse(const char *s, size_t len)
{
	if (is_word(s, len, "suppressed"))
		return CBS_SUPPRESSED;
	if (is_word(s, len, "missing"))
		return CBS_MISSING;
	if (is_word(s, len, "secret"))
		return CBS_SECRET;
	return CBS_BAD;
}
