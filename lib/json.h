/* json -- a strict, depth-limited pull tokenizer for JSON (RFC 8259), enough
 * for GeoJSON as CBS, PDOK and ogr2ogr write it, plus a locale-independent
 * number parser that the geometry code shares.  Reads a caller-owned buffer;
 * allocates only the buffer that holds the last decoded string. */
#ifndef VB_JSON_H
#define VB_JSON_H

#include <stdbool.h>
#include <stddef.h>

#define JSON_MAX_DEPTH	64		/* nested arrays + objects */
#define JSON_MAX_STRING	(1u << 20)	/* decoded bytes of a string */
#define JSON_MAX_NUMBER	511		/* characters of a number */

enum json_tok {
	JSON_ERROR = -1,	/* see json_errmsg(); sticky */
	JSON_END = 0,		/* the top-level value is complete */
	JSON_OBJ_BEGIN,
	JSON_OBJ_END,
	JSON_ARR_BEGIN,
	JSON_ARR_END,
	JSON_KEY,		/* object member name: json_str() */
	JSON_STRING,		/* json_str() */
	JSON_NUMBER,		/* json_num(), json_raw() */
	JSON_TRUE,
	JSON_FALSE,
	JSON_NULL
};

struct json_lexer {
	const char	*buf;
	size_t		 len;
	size_t		 pos;		/* next byte to read */
	size_t		 tokpos;	/* offset of the last token */
	int		 depth;
	int		 state;
	unsigned char	 stack[JSON_MAX_DEPTH]; /* 1 object, 0 array */
	char		*str;		/* decoded, NUL-terminated */
	size_t		 strlen;
	size_t		 strcap;
	double		 num;
	const char	*raw;		/* number text, no NUL */
	size_t		 rawlen;
	char		 err[160];
};

/* Start reading buf[0..len-1] (a leading UTF-8 BOM is skipped).  The buffer
 * must outlive the lexer.  Release with json_done(). */
void		 json_init(struct json_lexer *, const char *buf,
		    size_t len);
void		 json_done(struct json_lexer *);

/* The next token.  Grammar, UTF-8, escapes, number syntax, nesting depth
 * (JSON_MAX_DEPTH) and string length (JSON_MAX_STRING) are checked; after
 * the top-level value only white space may follow.  JSON_ERROR is sticky. */
enum json_tok	 json_next(struct json_lexer *);

/* Skip the value whose first token was just returned (a scalar: nothing to
 * do; OBJ_BEGIN/ARR_BEGIN: up to the matching end).  0 or -1 on error. */
int		 json_skip(struct json_lexer *, enum json_tok first);

/* The last KEY or STRING, decoded and NUL-terminated (embedded NULs are
 * possible: use *len).  Valid until the next json_next. */
const char	*json_str(const struct json_lexer *, size_t *len);
double		 json_num(const struct json_lexer *);
const char	*json_raw(const struct json_lexer *, size_t *len);

/* "byte N: message", set when json_next returned JSON_ERROR. */
const char	*json_errmsg(const struct json_lexer *);
/* Byte offset of the last token returned (or of the error). */
size_t		 json_offset(const struct json_lexer *);

/* Parse s[0..len-1] as a JSON number (optional '-', digits without leading
 * zeros, optional fraction and exponent; nothing else, no spaces, no '+',
 * no nan/inf) into *out, independently of the locale.  Correctly rounded
 * (fast path for <= 19 significant digits and |exponent| <= 22, else
 * strtod under a private C locale).  false on bad syntax, overflow to
 * infinity or more than JSON_MAX_NUMBER characters. */
bool		 json_parse_number(const char *s, size_t len, double *out);

/* Length of the longest prefix of s[0..len-1] that has JSON number syntax;
 * 0 if none. */
size_t		 json_number_span(const char *s, size_t len);

#endif
