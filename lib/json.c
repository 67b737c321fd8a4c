/* json -- strict pull tokenizer for JSON and a locale-free number parser.
 * Errors name the byte offset and, for limits, the limit. */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

#if defined(__GNUC__) || defined(__clang__)
#define JSON_PRINTFLIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define JSON_PRINTFLIKE(f, a)
#endif

enum {
	ST_VALUE,		/* a value must follow (top, after ':') */
	ST_VALUE_OR_END,	/* after '[' */
	ST_KEY_OR_END,		/* after '{' */
	ST_KEY,			/* after ',' in an object */
	ST_COLON,		/* after a key */
	ST_COMMA_OR_END,	/* after a value inside a container */
	ST_DONE,		/* the top-level value is complete */
	ST_ERROR
};

static const double pow10_exact[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static enum json_tok	fail(struct json_lexer *, size_t at,
			    const char *fmt, ...)
			    JSON_PRINTFLIKE(3, 4);
static enum json_tok	lex_string(struct json_lexer *);
static enum json_tok	lex_number(struct json_lexer *);
static enum json_tok	lex_word(struct json_lexer *, const char *w,
			    enum json_tok t);
static int		str_put(struct json_lexer *, const char *p, size_t n);
static void		after_value(struct json_lexer *);

static enum json_tok
fail(struct json_lexer *lx, size_t at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (lx->state == ST_ERROR)
		return JSON_ERROR;
	n = snprintf(lx->err, sizeof lx->err, "byte %zu: ", at);
	if (n < 0 || (size_t)n >= sizeof lx->err)
		n = 0;
	va_start(ap, fmt);
	vsnprintf(lx->err + n, sizeof lx->err - (size_t)n, fmt, ap);
	va_end(ap);
	lx->tokpos = at;
	lx->state = ST_ERROR;
	return JSON_ERROR;
}

void
json_init(struct json_lexer *lx, const char *buf, size_t len)
{
	memset(lx, 0, sizeof *lx);
	lx->buf = buf;
	lx->len = len;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		lx->pos = 3;
	lx->state = ST_VALUE;
}

void
json_done(struct json_lexer *lx)
{
	free(lx->str);
	lx->str = NULL;
	lx->strcap = 0;
}

const char *
json_errmsg(const struct json_lexer *lx)
{
	return lx->err;
}

size_t
json_offset(const struct json_lexer *lx)
{
	return lx->tokpos;
}

const char *
json_str(const struct json_lexer *lx, size_t *len)
{
	if (len != NULL)
		*len = lx->strlen;
	return lx->str != NULL ? lx->str : "";
}

double
json_num(const struct json_lexer *lx)
{
	return lx->num;
}

const char *
json_raw(const struct json_lexer *lx, size_t *len)
{
	*len = lx->rawlen;
	return lx->raw;
}

/* A value just ended: what may follow depends on the enclosing container. */
static void
after_value(struct json_lexer *lx)
{
	lx->state = lx->depth == 0 ? ST_DONE : ST_COMMA_OR_END;
}

enum json_tok
json_next(struct json_lexer *lx)
{
	const char *b = lx->buf;
	unsigned char c;
	enum json_tok t;

	if (lx->state == ST_ERROR)
		return JSON_ERROR;
	for (;;) {
		while (lx->pos < lx->len && (b[lx->pos] == ' ' ||
		    b[lx->pos] == '\t' || b[lx->pos] == '\n' ||
		    b[lx->pos] == '\r'))
			lx->pos++;
		if (lx->pos >= lx->len) {
			if (lx->state == ST_DONE) {
				lx->tokpos = lx->pos;
				return JSON_END;
			}
			return fail(lx, lx->pos, "unexpected end of input");
		}
		lx->tokpos = lx->pos;
		c = (unsigned char)b[lx->pos];
		if (lx->state == ST_DONE)
			return fail(lx, lx->pos,
			    "trailing data after the JSON value");
		if (c == ',' ) {
			if (lx->state != ST_COMMA_OR_END)
				return fail(lx, lx->pos, "unexpected ','");
			lx->pos++;
			lx->state = lx->stack[lx->depth - 1] ? ST_KEY :
			    ST_VALUE;
			continue;
		}
		if (c == ':') {
			if (lx->state != ST_COLON)
				return fail(lx, lx->pos, "unexpected ':'");
			lx->pos++;
			lx->state = ST_VALUE;
			continue;
		}
		break;
	}
	if (c == '}' || c == ']') {
		int obj = c == '}';

		if (lx->depth == 0 || lx->stack[lx->depth - 1] != obj ||
		    !(lx->state == ST_COMMA_OR_END ||
		    (obj && lx->state == ST_KEY_OR_END) ||
		    (!obj && lx->state == ST_VALUE_OR_END)))
			return fail(lx, lx->pos, "unexpected '%c'", c);
		lx->pos++;
		lx->depth--;
		after_value(lx);
		return obj ? JSON_OBJ_END : JSON_ARR_END;
	}
	if (lx->state == ST_KEY_OR_END || lx->state == ST_KEY) {
		if (c != '"')
			return fail(lx, lx->pos, "expected a member name");
		if ((t = lex_string(lx)) == JSON_ERROR)
			return t;
		lx->state = ST_COLON;
		return JSON_KEY;
	}
	if (lx->state == ST_COLON)
		return fail(lx, lx->pos, "expected ':'");
	if (lx->state == ST_COMMA_OR_END)
		return fail(lx, lx->pos, "expected ',' or end of %s",
		    lx->stack[lx->depth - 1] ? "object" : "array");
	/* ST_VALUE or ST_VALUE_OR_END: a value starts here. */
	switch (c) {
	case '{':
	case '[':
		if (lx->depth >= JSON_MAX_DEPTH)
			return fail(lx, lx->pos,
			    "nesting deeper than %d (JSON_MAX_DEPTH)",
			    JSON_MAX_DEPTH);
		lx->stack[lx->depth++] = c == '{';
		lx->pos++;
		lx->state = c == '{' ? ST_KEY_OR_END : ST_VALUE_OR_END;
		return c == '{' ? JSON_OBJ_BEGIN : JSON_ARR_BEGIN;
	case '"':
		t = lex_string(lx);
		break;
	case 't':
		t = lex_word(lx, "true", JSON_TRUE);
		break;
	case 'f':
		t = lex_word(lx, "false", JSON_FALSE);
		break;
	case 'n':
		t = lex_word(lx, "null", JSON_NULL);
		break;
	default:
		t = lex_number(lx);
		break;
	}
	if (t != JSON_ERROR)
		after_value(lx);
	return t;
}

static enum json_tok
lex_word(struct json_lexer *lx, const char *w, enum json_tok t)
{
	size_t n = strlen(w);

	if (lx->len - lx->pos < n || memcmp(lx->buf + lx->pos, w, n) != 0)
		return fail(lx, lx->pos, "invalid literal");
	lx->pos += n;
	return t;
}

static int
str_put(struct json_lexer *lx, const char *p, size_t n)
{
	if (lx->strlen + n + 1 > lx->strcap) {
		size_t cap = lx->strcap ? lx->strcap : 64;
		char *s;

		while (cap < lx->strlen + n + 1)
			cap *= 2;
		if ((s = realloc(lx->str, cap)) == NULL)
			return -1;
		lx->str = s;
		lx->strcap = cap;
	}
	memcpy(lx->str + lx->strlen, p, n);
	lx->strlen += n;
	lx->str[lx->strlen] = '\0';
	return 0;
}

static int
hex4(const char *p, unsigned *v)
{
	unsigned x = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = p[i];

		x <<= 4;
		if (c >= '0' && c <= '9')
			x |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			x |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			x |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*v = x;
	return 0;
}

/* Length of the valid UTF-8 sequence at p (1..4), or 0. */
static size_t
utf8_len(const unsigned char *p, size_t avail)
{
	unsigned c = p[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return avail >= 2 && (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if (avail < 3 || (p[1] & 0xc0) != 0x80 ||
		    (p[2] & 0xc0) != 0x80)
			return 0;
		if (c == 0xe0 && p[1] < 0xa0)
			return 0;	/* overlong */
		if (c == 0xed && p[1] >= 0xa0)
			return 0;	/* surrogate */
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (avail < 4 || (p[1] & 0xc0) != 0x80 ||
		    (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
			return 0;
		if (c == 0xf0 && p[1] < 0x90)
			return 0;
		if (c == 0xf4 && p[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

static enum json_tok
lex_string(struct json_lexer *lx)
{
	const char *b = lx->buf;
	size_t i = lx->pos + 1, start = lx->pos;

	lx->strlen = 0;
	if (str_put(lx, "", 0) != 0)
		return fail(lx, start, "out of memory");
	for (;;) {
		size_t run = i, n;
		char u[4];
		unsigned cp, lo;

		while (i < lx->len && b[i] != '"' && b[i] != '\\' &&
		    (unsigned char)b[i] >= 0x20 && (unsigned char)b[i] < 0x80)
			i++;
		if (lx->strlen + (i - run) > JSON_MAX_STRING)
			return fail(lx, start,
			    "string longer than %u bytes (JSON_MAX_STRING)",
			    JSON_MAX_STRING);
		if (i > run && str_put(lx, b + run, i - run) != 0)
			return fail(lx, start, "out of memory");
		if (i >= lx->len)
			return fail(lx, start, "unterminated string");
		if (b[i] == '"') {
			lx->pos = i + 1;
			return JSON_STRING;
		}
		if ((unsigned char)b[i] < 0x20)
			return fail(lx, i, "control character in string");
		if (b[i] != '\\') {
			n = utf8_len((const unsigned char *)b + i,
			    lx->len - i);
			if (n == 0)
				return fail(lx, i, "invalid UTF-8");
			if (str_put(lx, b + i, n) != 0)
				return fail(lx, start, "out of memory");
			i += n;
			continue;
		}
		if (i + 1 >= lx->len)
			return fail(lx, start, "unterminated string");
		switch (b[i + 1]) {
		case '"': case '\\': case '/':
			u[0] = b[i + 1];
			n = 1;
			break;
		case 'b': u[0] = '\b'; n = 1; break;
		case 'f': u[0] = '\f'; n = 1; break;
		case 'n': u[0] = '\n'; n = 1; break;
		case 'r': u[0] = '\r'; n = 1; break;
		case 't': u[0] = '\t'; n = 1; break;
		case 'u':
			if (lx->len - i < 6 || hex4(b + i + 2, &cp) != 0)
				return fail(lx, i, "bad \\u escape");
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (lx->len - i < 12 || b[i + 6] != '\\' ||
				    b[i + 7] != 'u' ||
				    hex4(b + i + 8, &lo) != 0 ||
				    lo < 0xdc00 || lo > 0xdfff)
					return fail(lx, i,
					    "unpaired surrogate escape");
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
				i += 6;
			} else if (cp >= 0xdc00 && cp <= 0xdfff)
				return fail(lx, i, "unpaired surrogate escape");
			if (cp < 0x80) {
				u[0] = (char)cp;
				n = 1;
			} else if (cp < 0x800) {
				u[0] = (char)(0xc0 | (cp >> 6));
				u[1] = (char)(0x80 | (cp & 0x3f));
				n = 2;
			} else if (cp < 0x10000) {
				u[0] = (char)(0xe0 | (cp >> 12));
				u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
				u[2] = (char)(0x80 | (cp & 0x3f));
				n = 3;
			} else {
				u[0] = (char)(0xf0 | (cp >> 18));
				u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
				u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
				u[3] = (char)(0x80 | (cp & 0x3f));
				n = 4;
			}
			i += 4;
			break;
		default:
			return fail(lx, i, "bad escape");
		}
		if (str_put(lx, u, n) != 0)
			return fail(lx, start, "out of memory");
		i += 2;
	}
}

size_t
json_number_span(const char *s, size_t len)
{
	size_t i = 0, d;

	if (i < len && s[i] == '-')
		i++;
	if (i >= len || s[i] < '0' || s[i] > '9')
		return 0;
	if (s[i] == '0')
		i++;
	else
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
	if (i < len && s[i] == '.') {
		d = i + 1;
		while (d < len && s[d] >= '0' && s[d] <= '9')
			d++;
		if (d == i + 1)
			return i;
		i = d;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		d = i + 1;
		if (d < len && (s[d] == '+' || s[d] == '-'))
			d++;
		if (d >= len || s[d] < '0' || s[d] > '9')
			return i;
		while (d < len && s[d] >= '0' && s[d] <= '9')
			d++;
		i = d;
	}
	return i;
}

/* Hard case: let strtod round, under the C locale whatever the caller's. */
static bool
parse_slow(const char *s, size_t len, double *out)
{
	char tmp[JSON_MAX_NUMBER + 1];
	locale_t c, old;
	char *end;
	double v;

	if (len >= sizeof tmp)
		return false;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	if ((c = newlocale(LC_ALL_MASK, "C", (locale_t)0)) == (locale_t)0)
		return false;
	old = uselocale(c);
	errno = 0;
	v = strtod(tmp, &end);
	uselocale(old);
	freelocale(c);
	if (end != tmp + len || isinf(v))
		return false;
	*out = v;
	return true;
}

bool
json_parse_number(const char *s, size_t len, double *out)
{
	uint64_t m = 0;
	size_t i = 0;
	int neg = 0, digits = 0, exp10 = 0, e = 0, eneg = 0;
	double v;

	if (len == 0 || json_number_span(s, len) != len)
		return false;
	if (s[0] == '-') {
		neg = 1;
		i++;
	}
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
		if (m == 0 && s[i] == '0')
			continue;
		if (digits < 19) {
			m = m * 10 + (uint64_t)(s[i] - '0');
			digits++;
		} else
			return parse_slow(s, len, out);
	}
	if (i < len && s[i] == '.') {
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			if (m == 0 && s[i] == '0') {
				exp10--;
				continue;
			}
			if (digits >= 19)
				return parse_slow(s, len, out);
			m = m * 10 + (uint64_t)(s[i] - '0');
			digits++;
			exp10--;
		}
	}
	if (i < len) {		/* 'e' or 'E' */
		i++;
		if (s[i] == '-' || s[i] == '+')
			eneg = s[i++] == '-';
		for (; i < len; i++) {
			if (e > 100000)
				return parse_slow(s, len, out);
			e = e * 10 + (s[i] - '0');
		}
		exp10 += eneg ? -e : e;
	}
	if (m == 0) {
		*out = neg ? -0.0 : 0.0;
		return true;
	}
	if (m > (UINT64_C(1) << 53) || exp10 < -22 || exp10 > 22)
		return parse_slow(s, len, out);
	v = (double)m;
	v = exp10 < 0 ? v / pow10_exact[-exp10] : v * pow10_exact[exp10];
	*out = neg ? -v : v;
	return true;
}

static enum json_tok
lex_number(struct json_lexer *lx)
{
	size_t n = json_number_span(lx->buf + lx->pos, lx->len - lx->pos);
	size_t end = lx->pos + n;

	if (n == 0)
		return fail(lx, lx->pos, "unexpected character");
	if (end < lx->len && (lx->buf[end] == '.' || lx->buf[end] == 'e' ||
	    lx->buf[end] == 'E' || (lx->buf[end] >= '0' &&
	    lx->buf[end] <= '9') || lx->buf[end] == '+' ||
	    lx->buf[end] == '-'))
		return fail(lx, lx->pos, "malformed number");
	if (n > JSON_MAX_NUMBER)
		return fail(lx, lx->pos, "number longer than %d characters "
		    "(JSON_MAX_NUMBER)", JSON_MAX_NUMBER);
	if (!json_parse_number(lx->buf + lx->pos, n, &lx->num))
		return fail(lx, lx->pos, "number out of range");
	lx->raw = lx->buf + lx->pos;
	lx->rawlen = n;
	lx->pos = end;
	return JSON_NUMBER;
}

int
json_skip(struct json_lexer *lx, enum json_tok first)
{
	int level;
	enum json_tok t;

	if (first != JSON_OBJ_BEGIN && first != JSON_ARR_BEGIN)
		return first == JSON_ERROR ? -1 : 0;
	for (level = 1; level > 0; ) {
		t = json_next(lx);
		if (t == JSON_ERROR || t == JSON_END)
			return -1;
		if (t == JSON_OBJ_BEGIN || t == JSON_ARR_BEGIN)
			level++;
		else if (t == JSON_OBJ_END || t == JSON_ARR_END)
			level--;
	}
	return 0;
}
