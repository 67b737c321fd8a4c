/* postcode -- normalise Dutch postcodes and split house numbers (BAG). */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "postcode.h"

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
to_upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

/* s[0..*len) without surrounding spaces and tabs. */
static const char *
trim(const char *s, size_t *len)
{
	size_t n = *len;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*len = n;
	return s;
}

bool
postcode_norm(const char *s, size_t len, char out[7])
{
	size_t i;

	out[0] = '\0';
	s = trim(s, &len);
	if (len == 7 && s[4] == ' ') {
		/* "1234 AB": drop the one space. */
		if (!(is_alpha(s[5]) && is_alpha(s[6])))
			return false;
		memcpy(out, s, 4);
		out[4] = s[5];
		out[5] = s[6];
	} else if (len == 6) {
		memcpy(out, s, 6);
	} else {
		return false;
	}
	if (out[0] < '1' || out[0] > '9')
		goto bad;
	for (i = 1; i < 4; i++)
		if (!is_digit(out[i]))
			goto bad;
	if (!is_alpha(out[4]) || !is_alpha(out[5]))
		goto bad;
	out[4] = (char)to_upper(out[4]);
	out[5] = (char)to_upper(out[5]);
	out[6] = '\0';
	return true;
bad:
	out[0] = '\0';
	return false;
}

void
postcode_mask(const char *s, size_t len, char *out, size_t outlen)
{
	size_t i, n = len;

	if (outlen < 8) {
		if (outlen > 0)
			out[0] = '\0';
		return;
	}
	if (n > outlen - 1)
		n = outlen - 4;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		out[i] = is_digit(c) ? '9' : is_alpha(c) ? 'A' :
		    c == ' ' ? ' ' : '?';
	}
	if (n < len) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
}

static bool
is_sep(int c)
{
	return c == ' ' || c == '-' || c == '/' || c == '\t';
}

bool
huisnummer_parse(const char *s, size_t len, struct huisnummer *h)
{
	/* Groups after the number: maximal runs of letters or of digits. */
	const char *g[4];
	size_t glen[4], ng = 0, i, j, k, t;
	long n = 0;

	memset(h, 0, sizeof(*h));
	s = trim(s, &len);
	for (i = 0; i < len && is_digit(s[i]); i++) {
		n = n * 10 + (s[i] - '0');
		if (n > POSTCODE_MAX_NUMBER)
			return false;
	}
	if (i == 0 || n == 0)
		return false;
	h->number = n;
	while (i < len) {
		if (is_sep(s[i])) {
			i++;
			continue;
		}
		if (ng == 4)
			return false;
		j = i;
		if (is_digit(s[i]))
			while (j < len && is_digit(s[j]))
				j++;
		else if (is_alpha(s[i]))
			while (j < len && is_alpha(s[j]))
				j++;
		else
			return false;
		g[ng] = s + i;
		glen[ng++] = j - i;
		i = j;
	}
	k = 0;
	if (ng > 0 && glen[0] == 1 && is_alpha(g[0][0])) {
		h->letter = (char)to_upper(g[0][0]);
		k = 1;
	}
	for (t = 0; k < ng; k++) {
		if (t + glen[k] > POSTCODE_MAX_TOEV)
			return false;
		for (j = 0; j < glen[k]; j++)
			h->toev[t++] = (char)to_upper(g[k][j]);
	}
	h->toev[t] = '\0';
	return true;
}

bool
huisnummer_merge(struct huisnummer *h, const char *letter, size_t letter_len,
    const char *toev, size_t toev_len)
{
	char buf[POSTCODE_MAX_TOEV + 1];
	size_t i, t = 0;

	if (letter != NULL) {
		letter = trim(letter, &letter_len);
		if (letter_len > 1 || (letter_len == 1 && !is_alpha(letter[0])))
			return false;
		if (letter_len == 1) {
			char c = (char)to_upper(letter[0]);

			if (h->letter != '\0' && h->letter != c)
				return false;
			h->letter = c;
		}
	}
	if (toev != NULL) {
		toev = trim(toev, &toev_len);
		for (i = 0; i < toev_len; i++) {
			if (is_sep(toev[i]))
				continue;
			if (!is_alpha(toev[i]) && !is_digit(toev[i]))
				return false;
			if (t == POSTCODE_MAX_TOEV)
				return false;
			buf[t++] = (char)to_upper(toev[i]);
		}
		buf[t] = '\0';
		if (t > 0) {
			if (h->toev[0] != '\0' && strcmp(h->toev, buf) != 0)
				return false;
			memcpy(h->toev, buf, t + 1);
		}
	}
	return true;
}
