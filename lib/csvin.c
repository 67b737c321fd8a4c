/* csvin -- CSV reader over libcsv: physical lines in, checked rows out.
 *
 * The input is cut into physical lines here and fed to libcsv one line at a
 * time, so that every row callback knows the line it happened on (libcsv
 * tracks no positions).  Completed rows queue in one growing row buffer. */
#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "csvin.h"
#include "gzin.h"
#include "msg.h"

#define BUF_INIT	(1024 * 1024)

struct fl { size_t off, len; };			/* a field in rowbuf */
struct qrow { size_t first, nf; unsigned long line; const char *code;
	bool direct, nul, plain, ascii; char msg[160]; };

struct csvin {
	struct gzin	*in;
	char		*name;
	struct csv_dialect d;
	struct csv_parser p;
	int		 delim;
	/* raw input */
	char		*buf;
	size_t		 cap, pos, len;
	int		 eof, crmode, started;
	unsigned long	 line;		/* physical lines fed so far */
	unsigned long	 line_gap;	/* lines left out after the header */
	unsigned long	 nlf, ncrlf, nblank;
	bool		 bom;
	/* transcoding */
	char		*tbuf;
	size_t		 tcap;
	/* rows being built and queued */
	char		*rowbuf;
	size_t		 rlen, rcap;
	struct fl	*fl;
	size_t		 nfl, flcap;
	size_t		 cur_first;	/* first field of the row in progress */
	struct qrow	*q;
	size_t		 nq, qhead, qcap;
	bool		 between;	/* no row in progress */
	unsigned long	 row_start;
	bool		 too_large;
	size_t		 maxrec;
	/* handed out */
	struct field	*fv;
	char		*dq;		/* fast_row: field has "" pairs */
	size_t		*ev;		/* fast_row: offsets of delimiters, quotes */
	size_t		 evcap;
	size_t		 fvcap;
	unsigned long	 rows;
	/* header */
	bool		 have_header, done;
	struct schema	 schema;
	char		*hdrbuf;
	size_t		 hdr0len;	/* length of the first name */
	int		 failed;
	char		 err[512];
};

static int
fail(struct csvin *c, unsigned long line, const char *fmt, ...)
    VB_PRINTF(3, 4);

static int
fail(struct csvin *c, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(c->err, sizeof(c->err), "%s:%lu: ", c->name, line);
	if (n < 0 || (size_t)n >= sizeof(c->err))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(c->err + n, sizeof(c->err) - (size_t)n, fmt, ap);
	va_end(ap);
	c->failed = 1;
	return -1;
}

size_t
utf8_check(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char b;
		uint64_t w;

		/* ASCII runs eight bytes at a time. */
		while (i + 8 <= len) {
			memcpy(&w, s + i, 8);
			if ((w & 0x8080808080808080ULL) != 0)
				break;
			i += 8;
		}
		if (i == len)
			break;
		b = s[i];
		size_t n, k;
		unsigned long cp;

		if (b < 0x80) {
			i++;
			continue;
		}
		if (b >= 0xc2 && b <= 0xdf) {
			n = 1;
			cp = b & 0x1f;
		} else if (b >= 0xe0 && b <= 0xef) {
			n = 2;
			cp = b & 0x0f;
		} else if (b >= 0xf0 && b <= 0xf4) {
			n = 3;
			cp = b & 0x07;
		} else {
			return i;
		}
		for (k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n + 1;
	}
	return len;
}

/* Windows-1252 0x80-0x9F; the five undefined bytes map to the C1 control of
 * the same value, as WHATWG's decoder does. */
static const unsigned short cp1252_hi[32] = {
	0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
	0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

/* Transcode s[0..n) from CP1252 into c->tbuf; returns the new length. */
static size_t
transcode(struct csvin *c, const char *s, size_t n)
{
	size_t i, o = 0;

	if (c->tcap < n * 3 + 1) {
		c->tcap = n * 3 + 1;
		c->tbuf = xrealloc(c->tbuf, c->tcap);
	}
	for (i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		unsigned cp = b;

		if (b < 0x80) {
			c->tbuf[o++] = (char)b;
			continue;
		}
		if (b < 0xa0)
			cp = cp1252_hi[b - 0x80];
		if (cp < 0x800) {
			c->tbuf[o++] = (char)(0xc0 | cp >> 6);
			c->tbuf[o++] = (char)(0x80 | (cp & 0x3f));
		} else {
			c->tbuf[o++] = (char)(0xe0 | cp >> 12);
			c->tbuf[o++] = (char)(0x80 | (cp >> 6 & 0x3f));
			c->tbuf[o++] = (char)(0x80 | (cp & 0x3f));
		}
	}
	return o;
}

static void
cb_field(void *s, size_t len, void *data)
{
	struct csvin *c = data;

	if (c->too_large)
		return;
	if (c->rlen + len + 1 > c->rcap) {
		while (c->rlen + len + 1 > c->rcap)
			c->rcap *= 2;
		c->rowbuf = xrealloc(c->rowbuf, c->rcap);
	}
	if (c->nfl == c->flcap) {
		c->flcap *= 2;
		c->fl = xrealloc(c->fl, c->flcap * sizeof(*c->fl));
	}
	if (len > 0)
		memcpy(c->rowbuf + c->rlen, s, len);
	c->rowbuf[c->rlen + len] = '\0';
	c->fl[c->nfl].off = c->rlen;
	c->fl[c->nfl].len = len;
	c->nfl++;
	c->rlen += len + 1;
	if (c->rlen - c->fl[c->cur_first].off > c->maxrec)
		c->too_large = true;
}

static struct qrow *
enqueue(struct csvin *c)
{
	if (c->nq == c->qcap) {
		c->qcap = c->qcap ? c->qcap * 2 : 8;
		c->q = xrealloc(c->q, c->qcap * sizeof(*c->q));
	}
	c->q[c->nq].code = NULL;
	c->q[c->nq].direct = false;
	c->q[c->nq].nul = false;
	c->q[c->nq].plain = false;
	c->q[c->nq].ascii = false;
	c->q[c->nq].msg[0] = '\0';
	return &c->q[c->nq++];
}

static void
cb_row(int ch, void *data)
{
	struct csvin *c = data;
	struct qrow *q;

	(void)ch;
	q = enqueue(c);
	q->first = c->cur_first;
	q->nf = c->nfl - c->cur_first;
	q->line = c->row_start;
	c->cur_first = c->nfl;
	c->between = true;
	c->row_start = c->line;	/* a row may start mid-line after a bare CR */
}

static int
no_space(unsigned char ch)
{
	(void)ch;
	return 0;
}

static void
parser_init(struct csvin *c)
{
	if (csv_init(&c->p, c->d.lazy_quotes ? 0 :
	    CSV_STRICT | CSV_STRICT_FINI) != 0)
		die(1, "resource-limit: libcsv: out of memory");
	csv_set_space_func(&c->p, no_space);
	csv_set_delim(&c->p, (unsigned char)c->delim);
	/* libcsv grows its field buffer by this much at a time: the default
	 * 128 bytes makes a long field quadratic. */
	csv_set_blk_size(&c->p, 64 * 1024);
}

/* The next physical line with its terminator: 1, 0 at end, -1 on error. */
static int
next_line(struct csvin *c, char **s, size_t *n)
{
	char *e;
	ssize_t got;
	size_t scanned = 0;
	int term = c->crmode ? '\r' : '\n';

	for (;;) {
		/* Until the line-end convention is known (an LF seen, or 64 KiB
		 * or the end of input without one), only read. */
		e = !c->started ? NULL : memchr(c->buf + c->pos + scanned,
		    term, c->len - c->pos - scanned);
		if (e != NULL) {
			e++;
			break;
		}
		if (c->started)
			scanned = c->len - c->pos;
		if (c->eof && c->started) {
			if (c->pos == c->len)
				return 0;
			e = c->buf + c->len;
			break;
		}
		if (c->pos > 0) {
			memmove(c->buf, c->buf + c->pos, c->len - c->pos);
			c->len -= c->pos;
			c->pos = 0;
		}
		if (c->len + 1 >= c->cap) {
			if (c->cap > c->maxrec)
				return fail(c, c->line + 1, "record-too-large: "
				    "line longer than %zu bytes (raise "
				    "--max-record-bytes)", c->maxrec);
			c->cap *= 2;
			c->buf = xrealloc(c->buf, c->cap);
		}
		/* Keep one byte spare: fast_row NUL-terminates a last line
		 * that has no line end. */
		got = gzin_read(c->in, c->buf + c->len, c->cap - c->len - 1);
		if (got < 0)
			return fail(c, c->line + 1, "%s", gzin_error(c->in));
		if (got == 0)
			c->eof = 1;
		c->len += (size_t)got;
		if (!c->started && (c->eof || c->len >= 65536 ||
		    memchr(c->buf, '\n', c->len) != NULL)) {
			c->started = 1;
			if (memchr(c->buf, '\n', c->len) == NULL &&
			    memchr(c->buf, '\r', c->len) != NULL)
				term = '\r', c->crmode = 1;
		}
	}
	*s = c->buf + c->pos;
	*n = (size_t)(e - *s);
	c->pos += *n;
	c->line++;
	/* A byte range (csvin_open_range): the line after the header is
	 * numbered as in the whole file. */
	if (c->line == 2 && c->line_gap > 0)
		c->line += c->line_gap;
	return 1;
}

/* Pick the delimiter from the header line: the most frequent of , ; TAB |
 * outside quotes; a tie or none is an error. */
static int
detect_delim(struct csvin *c, const char *s, size_t n)
{
	static const char cand[] = ",;\t|";
	unsigned long cnt[4] = { 0 };
	bool inq = false;
	size_t i, j, best = 0;
	int tie = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			inq = !inq;
		else if (!inq)
			for (j = 0; j < 4; j++)
				cnt[j] += s[i] == cand[j];
	}
	for (j = 1; j < 4; j++) {
		if (cnt[j] > cnt[best]) {
			best = j;
			tie = 0;
		} else if (cnt[j] == cnt[best]) {
			tie = 1;
		}
	}
	if (cnt[best] == 0)
		return ',';	/* one column: any delimiter will do */
	if (tie)
		return fail(c, c->line, "format-error: cannot tell the "
		    "delimiter from the header line; give -d");
	return cand[best];
}

static bool
is_blank(const char *s, size_t n)
{
	return (n == 1 && (s[0] == '\n' || s[0] == '\r')) ||
	    (n == 2 && s[0] == '\r' && s[1] == '\n') || n == 0;
}

/* Line classes found by scan_line besides the delimiters and quotes. */
#define SC_CR		0x01
#define SC_NUL		0x02
#define SC_TAB		0x04
#define SC_BSLASH	0x08
#define SC_HIGH		0x10	/* a byte >= 0x80: UTF-8 to be checked */

/* One pass over s[0..n): the offsets of the delimiters and quotes go to
 * c->ev in order (their number is returned) and the classes of the other
 * bytes that matter to *cls.  Sixteen bytes at a time with SSE2 (part of
 * every x86-64), then byte by byte for the rest (all of it elsewhere); the
 * rare classes are only noticed in the loop and told apart afterwards. */
static size_t
scan_line(struct csvin *c, const char *s, size_t n, unsigned *cls)
{
	size_t i = 0, k = 0;
	bool special = false, high = false;
	const unsigned char delim = (unsigned char)c->delim;

	if (c->evcap < n + 1) {
		c->evcap = n + 64;
		c->ev = xrealloc(c->ev, c->evcap * sizeof(*c->ev));
	}
#if defined(__SSE2__)
	{
		const __m128i vd = _mm_set1_epi8((char)delim);
		const __m128i vq = _mm_set1_epi8('"');
		const __m128i vcr = _mm_set1_epi8('\r');
		const __m128i vz = _mm_setzero_si128();
		const __m128i vt = _mm_set1_epi8('\t');
		const __m128i vb = _mm_set1_epi8('\\');
		__m128i sp = vz, hi = vz;

		for (; i + 16 <= n; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			    _mm_cmpeq_epi8(v, vd), _mm_cmpeq_epi8(v, vq)));

			sp = _mm_or_si128(sp, _mm_or_si128(
			    _mm_or_si128(_mm_cmpeq_epi8(v, vcr),
			    _mm_cmpeq_epi8(v, vz)), _mm_or_si128(
			    _mm_cmpeq_epi8(v, vt), _mm_cmpeq_epi8(v, vb))));
			hi = _mm_or_si128(hi, v);
			while (m != 0) {
				c->ev[k++] = i + (size_t)__builtin_ctz(m);
				m &= m - 1;
			}
		}
		special = _mm_movemask_epi8(sp) != 0;
		high = _mm_movemask_epi8(hi) != 0;
	}
#endif
	for (; i < n; i++) {
		unsigned char b = (unsigned char)s[i];

		if (b == delim || b == '"')
			c->ev[k++] = i;
		else if (b == '\r' || b == '\0' || b == '\t' || b == '\\')
			special = true;
		high |= b >= 0x80;
	}
	*cls = high ? SC_HIGH : 0;
	if (special) {
		if (memchr(s, '\r', n) != NULL)
			*cls |= SC_CR;
		if (memchr(s, '\0', n) != NULL)
			*cls |= SC_NUL;
		if (delim != '\t' && memchr(s, '\t', n) != NULL)
			*cls |= SC_TAB;
		if (memchr(s, '\\', n) != NULL)
			*cls |= SC_BSLASH;
	}
	return k;
}

/* The fast path.  A line that starts a row, holds no CR other than its CRLF
 * end, and whose quoted fields all open at a field start and close on the
 * same line right before a delimiter or the line end, splits exactly as
 * libcsv splits it.  Such a line is cut here from one scan_line pass, its
 * fields are views into the line itself (doubled quotes undone in place;
 * valid until the next feed).  Anything else -- a quote inside an unquoted
 * field, text after a closing quote, a quoted field that goes on to the next
 * line -- is left to libcsv, which parses it or reports the error.  The two
 * are checked against each other by tests/fuzz/fuzz_csvin.c.  Returns false
 * to leave the line to libcsv, with the line untouched. */
static bool
fast_row(struct csvin *c, char *s, size_t n)
{
	size_t body = n, nf = 0, i, k, j = 0, p = 0, t;
	char *d, *q;
	struct qrow *qr;
	bool crlf = false, lf_end;
	unsigned cls;
	const char delim = (char)c->delim;

	if (c->d.lazy_quotes || c->d.no_fast_path || c->p.pstate != 0 ||
	    n > c->maxrec)
		return false;
	lf_end = n > 0 && s[n - 1] == '\n';
	if (body > 0 && s[body - 1] == '\n')
		body--;
	if (body > 0 && s[body - 1] == '\r') {
		body--;
		crlf = n > body + 1;
	}
	k = scan_line(c, s, body, &cls);
	if (cls & SC_CR)
		return false;
	/* Pass 1 walks the events: fv[i] gets the raw field, dq[i] says it
	 * has "" pairs (bit 0) or was quoted (bit 1). */
	for (;;) {
		if (nf == c->fvcap) {
			c->fvcap = c->fvcap ? c->fvcap * 2 : 16;
			c->fv = xrealloc(c->fv, c->fvcap * sizeof(*c->fv));
			c->dq = xrealloc(c->dq, c->fvcap);
		}
		c->dq[nf] = 0;
		if (p < body && s[p] == '"') {
			j++;				/* the opening quote */
			for (;;) {
				while (j < k && s[c->ev[j]] != '"')
					j++;		/* delimiters inside */
				if (j == k)
					return false;	/* goes on: libcsv */
				t = c->ev[j++];
				if (t + 1 < body && s[t + 1] == '"') {
					c->dq[nf] = 1;
					j++;
					continue;
				}
				break;
			}
			if (t + 1 != body && s[t + 1] != delim)
				return false;		/* text after a quote */
			c->fv[nf].p = s + p + 1;
			c->fv[nf].len = t - (p + 1);
			c->dq[nf] |= 2;
			nf++;
			if (t + 1 == body)
				break;
			j++;				/* its delimiter */
			p = t + 2;
			continue;
		}
		t = j < k ? c->ev[j++] : body;
		if (t < body && s[t] == '"')
			return false;			/* bare quote: libcsv */
		c->fv[nf].p = s + p;
		c->fv[nf].len = t - p;
		nf++;
		if (t == body)
			break;
		p = t + 1;
	}
	/* Pass 2: undo "" pairs and NUL-terminate (over the delimiter, the
	 * closing quote, the line end or the spare byte past the data). */
	for (i = 0; i < nf; i++) {
		char *f = (char *)c->fv[i].p, *fe = f + c->fv[i].len;

		if (c->dq[i] & 1) {
			for (d = q = f; q < fe; q++) {
				*d++ = *q;
				if (*q == '"')
					q++;
			}
			c->fv[i].len = (size_t)(d - f);
		}
		f[c->fv[i].len] = '\0';
	}
	if (crlf)
		c->ncrlf++;
	else if (lf_end)
		c->nlf++;
	qr = enqueue(c);
	qr->nul = (cls & SC_NUL) != 0;
	qr->ascii = (cls & SC_HIGH) == 0;
	/* A line without TAB (unless that is the delimiter) and backslash
	 * (CR and LF were ruled out above) needs no escape when written. */
	qr->plain = (cls & (SC_TAB | SC_BSLASH)) == 0;
	qr->direct = true;
	qr->nf = nf;
	qr->line = c->line;
	c->between = true;
	return true;
}

/* Move the row in progress to the front of the row buffer. */
static void
compact(struct csvin *c)
{
	size_t i, base, nf = c->nfl - c->cur_first;

	c->nq = c->qhead = 0;
	if (nf == 0) {
		c->nfl = c->cur_first = 0;
		c->rlen = 0;
		return;
	}
	base = c->fl[c->cur_first].off;
	memmove(c->rowbuf, c->rowbuf + base, c->rlen - base);
	c->rlen -= base;
	for (i = 0; i < nf; i++) {
		c->fl[i] = c->fl[c->cur_first + i];
		c->fl[i].off -= base;
	}
	c->nfl = nf;
	c->cur_first = 0;
}

/* Feed lines until a row is queued or input ends.  0 ok, -1 fatal. */
static int
feed(struct csvin *c)
{
	char *s = NULL;
	size_t n = 0, k;
	int rc;

	while (c->qhead == c->nq && !c->done) {
		compact(c);
		if ((rc = next_line(c, &s, &n)) < 0)
			return -1;
		if (rc == 0) {
			if (c->delim != 0 && csv_fini(&c->p, cb_field, cb_row, c) != 0)
				return fail(c, c->row_start, "quote-error/"
				    "unterminated: the quoted field of the row "
				    "starting here is not closed at end of "
				    "input");
			c->done = true;
			break;
		}
		if (c->line == 1 && n >= 2) {
			if ((unsigned char)s[0] == 0xef && n >= 3 &&
			    (unsigned char)s[1] == 0xbb &&
			    (unsigned char)s[2] == 0xbf) {
				s += 3, n -= 3;
				c->bom = true;
			} else if (((unsigned char)s[0] == 0xff &&
			    (unsigned char)s[1] == 0xfe) ||
			    ((unsigned char)s[0] == 0xfe &&
			    (unsigned char)s[1] == 0xff)) {
				return fail(c, 1, "format-error: UTF-16 is "
				    "not supported; convert with iconv -f "
				    "UTF-16 -t UTF-8");
			} else if (n >= 4 && memcmp(s, "PK\003\004", 4) == 0) {
				return fail(c, 1, "format-error: this is a zip "
				    "file (xlsx?), not CSV");
			}
		}
		if (c->line <= c->d.skip_lines)
			continue;
		if (c->between && is_blank(s, n)) {
			c->nblank++;
			continue;
		}
		if (c->between) {
			c->row_start = c->line;
			c->between = false;
		}
		if (c->delim == 0) {
			if ((rc = detect_delim(c, s, n)) < 0)
				return -1;
			c->delim = rc;
			parser_init(c);
		}
		if (c->d.encoding != CSV_ENC_UTF8) {
			n = transcode(c, s, n);
			s = c->tbuf;
		}
		if (n > c->maxrec)
			return fail(c, c->row_start, "record-too-large: line "
			    "longer than %zu bytes (raise --max-record-bytes)",
			    c->maxrec);
		if (c->row_start == c->line && fast_row(c, s, n))
			continue;
		k = csv_parse(&c->p, s, n, cb_field, cb_row, c);
		if (c->between && k == n && n > 0 && s[n - 1] == '\n') {
			/* Count record ends only, not breaks inside quotes. */
			if (n >= 2 && s[n - 2] == '\r')
				c->ncrlf++;
			else
				c->nlf++;
		}
		if (c->too_large)
			return fail(c, c->row_start, "record-too-large: row "
			    "longer than %zu bytes (raise --max-record-bytes)",
			    c->maxrec);
		if (c->d.single_line && k == n && !c->between && n > 0 &&
		    (s[n - 1] == '\n' || s[n - 1] == '\r'))
			return fail(c, c->row_start, "quote-error/spans-lines: "
			    "a quoted field of the row starting here holds a "
			    "line break (--no-multiline)");
		if (k < n) {
			struct qrow *q;

			if (c->row_start != c->line)
				return fail(c, c->row_start, "quote-error: "
				    "malformed quoting in the row starting "
				    "here, which spans lines %lu-%lu; record "
				    "boundaries cannot be trusted after it",
				    c->row_start, c->line);
			/* A bad quote within one line: reject the row and
			 * resynchronise at the next line. */
			c->nfl = c->cur_first;
			c->rlen = c->nfl > 0 ? c->fl[c->nfl - 1].off +
			    c->fl[c->nfl - 1].len + 1 : 0;
			csv_free(&c->p);
			parser_init(c);
			q = enqueue(c);
			q->first = c->cur_first;
			q->nf = 0;
			q->line = c->line;
			q->code = "quote-error/bare-quote";
			snprintf(q->msg, sizeof(q->msg), "quote character "
			    "inside an unquoted field or after a closing "
			    "quote, at byte %zu of the line", k + 1);
			c->between = true;
		}
	}
	return 0;
}

/* Fill c->fv with the views of queued row q. */
static void
views(struct csvin *c, const struct qrow *q)
{
	size_t i;

	if (q->direct)
		return;
	if (q->nf > c->fvcap) {
		c->fvcap = q->nf * 2;
		c->fv = xrealloc(c->fv, c->fvcap * sizeof(*c->fv));
		c->dq = xrealloc(c->dq, c->fvcap);
	}
	for (i = 0; i < q->nf; i++) {
		c->fv[i].p = c->rowbuf + c->fl[q->first + i].off;
		c->fv[i].len = c->fl[q->first + i].len;
	}
}

static int
read_header(struct csvin *c)
{
	struct qrow *q;
	size_t i, j, len = 0;
	char *p;

	if (feed(c) < 0)
		return -1;
	if (c->qhead == c->nq)
		return fail(c, c->line ? c->line : 1,
		    "empty-source: no header line");
	q = &c->q[c->qhead];
	if (q->code != NULL)
		return fail(c, q->line, "%s: in the header: %s", q->code,
		    q->msg);
	if (c->d.no_header) {
		c->schema.ncols = q->nf;
		c->schema.name = xmalloc(q->nf * sizeof(char *));
		c->hdrbuf = xmalloc(q->nf * 24 + 1);
		for (i = 0, p = c->hdrbuf; i < q->nf; i++) {
			c->schema.name[i] = p;
			p += sprintf(p, "c%zu", i + 1) + 1;
		}
		c->have_header = true;
		return 0;
	}
	c->qhead++;
	views(c, q);
	for (i = 0; i < q->nf; i++)
		len += c->fv[i].len + 1;
	c->hdrbuf = xmalloc(len + 1);
	c->schema.name = xmalloc(q->nf * sizeof(char *));
	for (i = 0, p = c->hdrbuf; i < q->nf; i++) {
		struct field *f = &c->fv[i];

		memcpy(p, f->p, f->len);
		p[f->len] = '\0';
		c->schema.name[i] = p;
		if (f->len == 0)
			return fail(c, q->line, q->nf == 1 ? "blank-header: "
			    "the header line is blank" : "blank-label: column "
			    "%zu of the header has no name", i + 1);
		if (memchr(p, '\0', f->len) != NULL)
			return fail(c, q->line, "nul-byte: NUL byte in the "
			    "name of column %zu", i + 1);
		if (utf8_check(p, f->len) != f->len)
			return fail(c, q->line, "encoding-error: column %zu "
			    "of the header is not valid UTF-8 (give "
			    "--encoding cp1252?)", i + 1);
		for (j = 0; j < i; j++)
			if (strcmp(c->schema.name[j], p) == 0)
				return fail(c, q->line, "duplicate-label: "
				    "columns %zu and %zu are both named '%s'",
				    j + 1, i + 1, p);
		p += f->len + 1;
	}
	c->schema.ncols = q->nf;	/* only now: every name is set */
	c->hdr0len = q->nf > 0 ? strlen(c->schema.name[0]) : 0;
	c->have_header = true;
	return 0;
}

static struct csvin *
open_into(struct csvin *c, struct gzin *in, const char *name,
    const struct csv_dialect *d)
{
	c->in = in;
	c->name = xstrdup(name);
	c->d = *d;
	c->delim = d->delim;
	c->cap = BUF_INIT;
	c->buf = xmalloc(c->cap);
	c->rcap = 64 * 1024;
	c->rowbuf = xmalloc(c->rcap);
	c->flcap = 64;
	c->fl = xmalloc(c->flcap * sizeof(*c->fl));
	c->between = true;
	c->maxrec = rec_max_record();
	if (c->delim != 0)
		parser_init(c);
	read_header(c);
	return c;
}

static struct csvin *
open_common(struct gzin *in, const char *name, const struct csv_dialect *d)
{
	return open_into(xcalloc(1, sizeof(struct csvin)), in, name, d);
}

struct csvin *
csvin_open(const char *path, const struct csv_dialect *d)
{
	struct gzin *in;

	if ((in = gzin_open(path)) == NULL)
		return NULL;
	return open_common(in, strcmp(path, "-") == 0 ? "<stdin>" : path, d);
}

int
csv_delim_name(const char *s)
{
	if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0 ||
	    strcmp(s, "\t") == 0)
		return '\t';
	if (strlen(s) == 1 && strchr(",;|", s[0]) != NULL)
		return s[0];
	return -1;
}

int
csv_encoding_name(const char *s)
{
	if (strcmp(s, "utf-8") == 0 || strcmp(s, "utf8") == 0)
		return CSV_ENC_UTF8;
	if (strcmp(s, "cp1252") == 0 || strcmp(s, "windows-1252") == 0)
		return CSV_ENC_CP1252;
	if (strcmp(s, "latin1") == 0 || strcmp(s, "iso-8859-1") == 0)
		return CSV_ENC_LATIN1;
	return -1;
}

struct csvin *
csvin_open_range(const char *path, const struct csv_dialect *d,
    uint64_t start, uint64_t end, char *err, size_t errlen)
{
	struct gzin *in;
	struct csvin *c;
	unsigned long gap;

	if (d->skip_lines > 0 || d->no_header) {
		snprintf(err, errlen, "usage-error: a byte range wants the "
		    "header on the first line (no --skip-lines, --no-header)");
		return NULL;
	}
	if ((in = gzin_open_range(path, start, end, &gap, err, errlen)) ==
	    NULL)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->line_gap = gap;
	return open_into(c, in, path, d);
}

struct csvin *
csvin_open_mem(const void *buf, size_t len, const char *name,
    const struct csv_dialect *d)
{
	return open_common(gzin_open_mem(buf, len), name, d);
}

int
csvin_read(struct csvin *c, struct csv_row *r)
{
	struct qrow *q;
	size_t i;
	bool span_ok;

	if (c->failed)
		return -1;
	if (feed(c) < 0)
		return -1;
	if (c->qhead == c->nq)
		return 0;
	q = &c->q[c->qhead++];
	views(c, q);
	r->f = c->fv;
	r->nf = q->nf;
	r->line = q->line;
	r->row = ++c->rows;
	r->code = q->code;
	r->plain = q->plain;
	r->msg[0] = '\0';
	if (q->code != NULL) {
		memcpy(r->msg, q->msg, sizeof(r->msg));
		return 1;
	}
	if (q->nf != c->schema.ncols) {
		r->code = q->nf < c->schema.ncols ? "missing-cell" :
		    "extra-cell";
		snprintf(r->msg, sizeof(r->msg), "expected %zu fields, found "
		    "%zu", c->schema.ncols, q->nf);
		return 1;
	}
	/* One UTF-8 pass over the whole row: every field is followed by a
	 * NUL, so the row is valid only if each field is; only when the row
	 * fails are the fields checked one by one to name the culprit (the
	 * bytes between fields may hold leftovers of undone "" pairs).  A
	 * fast-path row had its raw line checked for NUL bytes already, and one
	 * of only ASCII bytes needs no UTF-8 check at all. */
	span_ok = q->nf == 0 || q->ascii || (c->d.encoding != CSV_ENC_UTF8 ||
	    utf8_check(r->f[0].p, (size_t)(r->f[q->nf - 1].p +
	    r->f[q->nf - 1].len - r->f[0].p)) == (size_t)(r->f[q->nf - 1].p +
	    r->f[q->nf - 1].len - r->f[0].p));
	for (i = 0; (!q->direct || q->nul || !span_ok) && i < q->nf; i++) {
		size_t bad;

		if (memchr(r->f[i].p, '\0', r->f[i].len) != NULL) {
			r->code = "nul-byte";
			snprintf(r->msg, sizeof(r->msg), "NUL byte in field "
			    "%zu", i + 1);
			return 1;
		}
		if (c->d.encoding == CSV_ENC_UTF8 && !span_ok &&
		    (bad = utf8_check(r->f[i].p, r->f[i].len)) !=
		    r->f[i].len) {
			r->code = "encoding-error";
			snprintf(r->msg, sizeof(r->msg), "field %zu is not "
			    "valid UTF-8 at byte %zu (give --encoding "
			    "cp1252?)", i + 1, bad + 1);
			return 1;
		}
	}
	if (q->nf > 0 && r->f[0].len == c->hdr0len &&
	    memcmp(r->f[0].p, c->schema.name[0], r->f[0].len) == 0) {
		for (i = 1; i < q->nf; i++)
			if (strcmp(r->f[i].p, c->schema.name[i]) != 0)
				break;
		if (i == q->nf) {
			r->code = "duplicate-header-row";
			snprintf(r->msg, sizeof(r->msg), "the header line "
			    "repeats (two exports concatenated?)");
		}
	}
	return 1;
}

const char *
csvin_errmsg(const struct csvin *c)
{
	return c->err;
}

const char *
csvin_name(const struct csvin *c)
{
	return c->name;
}

const struct schema *
csvin_schema(const struct csvin *c)
{
	return &c->schema;
}

int
csvin_delim(const struct csvin *c)
{
	return c->delim;
}

unsigned long
csvin_blank_lines(const struct csvin *c)
{
	return c->nblank;
}

bool
csvin_bom(const struct csvin *c)
{
	return c->bom;
}

bool
csvin_mixed_endings(const struct csvin *c)
{
	return c->nlf > 0 && c->ncrlf > 0;
}

unsigned long
csvin_lines(const struct csvin *c)
{
	return c->line;
}

uint64_t
csvin_bytes(const struct csvin *c)
{
	return gzin_raw_bytes(c->in);
}

int64_t
csvin_size(const struct csvin *c)
{
	return gzin_raw_size(c->in);
}

int
csvin_close(struct csvin *c)
{
	int rc;

	if (c == NULL)
		return 0;
	if (c->delim != 0)
		csv_free(&c->p);
	rc = gzin_close(c->in);
	free(c->name);
	free(c->buf);
	free(c->tbuf);
	free(c->rowbuf);
	free(c->fl);
	free(c->q);
	free(c->fv);
	free(c->dq);
	free(c->ev);
	free(c->schema.name);
	free(c->hdrbuf);
	free(c);
	return rc;
}
