/* rec -- reader and writer of the vb record stream (docs/records.md). */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "gzin.h"
#include "msg.h"
#include "rec.h"

#define BUF_INIT	(1024 * 1024)

struct rec_reader {
	struct gzin	*in;
	char		*name;
	char		*buf;		/* buf[pos..len) is unread input */
	size_t		 cap, pos, len;
	int		 eof;
	unsigned long	 line;		/* physical lines consumed */
	struct field	*f;
	size_t		 fcap;
	struct schema	 schema;
	char		*hdr;		/* copy of the header line */
	int		 failed;
	size_t		 maxrec;
	char		 err[512];
};

static size_t max_record = 64 * 1024 * 1024;

void
rec_set_max_record(size_t bytes)
{
	max_record = bytes < 64 ? 64 : bytes;
}

size_t
rec_max_record(void)
{
	return max_record;
}

static int
fail(struct rec_reader *rd, unsigned long line, const char *fmt, ...)
    VB_PRINTF(3, 4);

static int
fail(struct rec_reader *rd, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(rd->err, sizeof(rd->err), "%s:%lu: ", rd->name, line);
	if (n < 0 || (size_t)n >= sizeof(rd->err))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(rd->err + n, sizeof(rd->err) - (size_t)n, fmt, ap);
	va_end(ap);
	rd->failed = 1;
	return -1;
}

/* Next physical line into *s (NUL-terminated, without its LF) and its length.
 * 1: a line, 0: end of input, -1: error. */
static int
next_line(struct rec_reader *rd, char **s, size_t *n)
{
	char *nl;
	ssize_t got;
	size_t scanned = 0;

	for (;;) {
		nl = memchr(rd->buf + rd->pos + scanned, '\n',
		    rd->len - rd->pos - scanned);
		if (nl != NULL)
			break;
		scanned = rd->len - rd->pos;
		if (rd->eof) {
			if (rd->pos == rd->len)
				return 0;
			/* Last line without a final newline. */
			nl = rd->buf + rd->len;
			break;
		}
		if (rd->pos > 0) {
			memmove(rd->buf, rd->buf + rd->pos, rd->len - rd->pos);
			rd->len -= rd->pos;
			rd->pos = 0;
		}
		if (rd->len + 1 >= rd->cap) {
			if (rd->cap > rd->maxrec)
				return fail(rd, rd->line + 1,
				    "record-too-large: line longer than %zu "
				    "bytes (raise --max-record-bytes)",
				    rd->maxrec);
			rd->cap *= 2;
			rd->buf = xrealloc(rd->buf, rd->cap + 16);
		}
		got = gzin_read(rd->in, rd->buf + rd->len,
		    rd->cap - rd->len - 1);
		if (got < 0)
			return fail(rd, rd->line + 1, "%s",
			    gzin_error(rd->in));
		if (got == 0)
			rd->eof = 1;
		rd->len += (size_t)got;
	}
	*s = rd->buf + rd->pos;
	*n = (size_t)(nl - *s);
	if (*n > rd->maxrec)
		return fail(rd, rd->line + 1, "record-too-large: line longer "
		    "than %zu bytes (raise --max-record-bytes)", rd->maxrec);
	*nl = '\0';	/* nl may be buf + len: cap > len always holds */
	rd->pos = nl - rd->buf + (nl < rd->buf + rd->len ? 1 : 0);
	rd->line++;
	return 1;
}

/* Undo the four escapes in place; false on a bad escape. */
static bool
unescape(struct field *f)
{
	char *d = (char *)f->p, *s = (char *)f->p, *e = s + f->len;

	while (s < e) {
		if (*s != '\\') {
			*d++ = *s++;
			continue;
		}
		if (s + 1 == e)
			return false;
		switch (s[1]) {
		case 't': *d++ = '\t'; break;
		case 'n': *d++ = '\n'; break;
		case 'r': *d++ = '\r'; break;
		case '\\': *d++ = '\\'; break;
		default: return false;
		}
		s += 2;
	}
	*d = '\0';
	f->len = (size_t)(d - f->p);
	return true;
}

/* Split the line s[0..n) at TABs into rd->f; returns the field count. */
static size_t
split(struct rec_reader *rd, char *s, size_t n)
{
	char *e = s + n, *t;
	size_t nf = 0;

	for (;;) {
		if (nf == rd->fcap) {
			rd->fcap = rd->fcap ? rd->fcap * 2 : 16;
			rd->f = xrealloc(rd->f, rd->fcap * sizeof(*rd->f));
		}
		t = memchr(s, '\t', (size_t)(e - s));
		if (t == NULL)
			t = e;
		rd->f[nf].p = s;
		rd->f[nf].len = (size_t)(t - s);
		nf++;
		if (t == e)
			break;
		*t = '\0';
		s = t + 1;
	}
	return nf;
}

#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL
#define LOWS	0x7f7f7f7f7f7f7f7fULL

/* High bit set in each byte of w that is zero, exactly (no borrows). */
static inline uint64_t
zbytes(uint64_t w)
{
	return ~(((w & LOWS) + LOWS) | w) & HIGHS;
}

static const unsigned char debruijn_pos[64] = {
	0, 1, 48, 2, 57, 49, 28, 3, 61, 58, 50, 42, 38, 29, 17, 4,
	62, 55, 59, 36, 53, 51, 43, 22, 45, 39, 33, 30, 24, 18, 12, 5,
	63, 47, 56, 27, 60, 41, 37, 16, 54, 35, 52, 21, 44, 32, 23, 11,
	46, 26, 40, 15, 34, 20, 31, 10, 25, 14, 19, 9, 13, 8, 7, 6,
};

/* Index of the lowest set bit (de Bruijn; C11 has no ctz). */
static inline unsigned
ctz64(uint64_t m)
{
	return debruijn_pos[((m & (0 - m)) * 0x03f79d71b4cb0a89ULL) >> 58];
}

/* The TABs, LFs and backslashes-or-NULs of the block of bytes at q, as bit
 * masks (bit i for q[i]; bytes at or past e left out); returns the block's
 * size.  SSE2 (every x86-64) takes sixteen bytes, plain 64-bit words eight.
 * The reader's buffer is readable 16 bytes past its data. */
static inline size_t
block_masks(const char *q, const char *e, unsigned *tb, unsigned *lb,
    unsigned *bb)
{
	unsigned m;
#if defined(__SSE2__)
	const __m128i v = _mm_loadu_si128((const __m128i *)q);

	m = e - q < 16 ? (1U << (e - q)) - 1 : 0xffffU;
	*tb = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v,
	    _mm_set1_epi8('\t'))) & m;
	*lb = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v,
	    _mm_set1_epi8('\n'))) & m;
	*bb = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v,
	    _mm_set1_epi8('\\')), _mm_cmpeq_epi8(v, _mm_setzero_si128()))) & m;
	return 16;
#else
	uint64_t w;

	memcpy(&w, q, 8);
	m = e - q < 8 ? (1U << (e - q)) - 1 : 0xffU;
	/* zbytes marks bit 7 of each byte; the multiply gathers those bits
	 * into one byte, in order (little-endian). */
#define PACK(x)	((unsigned)((((x) >> 7) * 0x0102040810204080ULL) >> 56))
	*tb = PACK(zbytes(w ^ (ONES * '\t'))) & m;
	*lb = PACK(zbytes(w ^ (ONES * '\n'))) & m;
	*bb = PACK(zbytes(w ^ (ONES * '\\')) | zbytes(w)) & m;
#undef PACK
	return 8;
#endif
}

/* One pass over the next line in the buffer: split at TABs, note a
 * backslash, stop at LF.  0 if the line is not complete in the buffer (the
 * caller takes the slow path), else 1 with rd->f filled and *nfp set. */
static int
fast_line(struct rec_reader *rd, char **sp, size_t *np, size_t *nfp, bool *esc)
{
	char *s = rd->buf + rd->pos, *e = rd->buf + rd->len, *q, *fs = s;
	size_t nf = 0, step;
	unsigned tb, lb, bb, bs = 0, i;

	if (rd->fcap < 64) {
		rd->fcap = 64;
		rd->f = xrealloc(rd->f, rd->fcap * sizeof(*rd->f));
	}
	for (q = s; q < e; q += step) {
		step = block_masks(q, e, &tb, &lb, &bb);
		if (lb != 0) {
			tb &= (lb & (0 - lb)) - 1;	/* before the LF */
			bb &= (lb & (0 - lb)) - 1;
		}
		/* A backslash or a NUL sends the line through tidy(). */
		bs |= bb;
		while (tb != 0) {
			i = ctz64(tb);
			tb &= tb - 1;
			if (nf + 1 >= rd->fcap)
				goto incomplete;
			rd->f[nf].p = fs;
			rd->f[nf].len = (size_t)(q + i - fs);
			nf++;
			q[i] = '\0';
			fs = q + i + 1;
		}
		if (lb != 0) {
			i = ctz64(lb);
			/* Too long: the slow path names the limit. */
			if ((size_t)(q + i - s) > rd->maxrec)
				goto incomplete;
			rd->f[nf].p = fs;
			rd->f[nf].len = (size_t)(q + i - fs);
			nf++;
			q[i] = '\0';
			*sp = s;
			*np = (size_t)(q + i - s);
			*nfp = nf;
			*esc = bs != 0;
			rd->pos = (size_t)(q + i + 1 - rd->buf);
			rd->line++;
			return 1;
		}
	}
incomplete:
	/* Put the TABs back: the slow path splits the line again. */
	while (nf > 0) {
		nf--;
		((char *)rd->f[nf].p)[rd->f[nf].len] = '\t';
	}
	return 0;
}

/* Check the line for raw CRs and NUL bytes and undo escapes in its
 * fields. */
static int
tidy(struct rec_reader *rd, char *s, size_t n, size_t nf)
{
	size_t i;

	if (n > 0 && s[n - 1] == '\r')
		return fail(rd, rd->line, "format-error: raw carriage return "
		    "at end of line (record lines end in LF; CR is written "
		    "\\r)");
	/* A NUL byte is no text: it would cut the field as a C string. */
	for (i = 0; i < nf; i++)
		if (memchr(rd->f[i].p, '\0', rd->f[i].len) != NULL)
			return fail(rd, rd->line, "nul-byte: NUL byte in field "
			    "%zu", i + 1);
	if (memchr(s, '\\', n) == NULL)
		return 0;
	for (i = 0; i < nf; i++)
		if (memchr(rd->f[i].p, '\\', rd->f[i].len) != NULL &&
		    !unescape(&rd->f[i]))
			return fail(rd, rd->line, "format-error: field %zu: "
			    "bad escape (only \\t \\n \\r \\\\ exist)", i + 1);
	return 0;
}

static void
read_header(struct rec_reader *rd)
{
	char *s;
	size_t n, nf, i, j;
	int rc;

	rc = next_line(rd, &s, &n);
	if (rc < 0)
		return;
	if (rc == 0) {
		fail(rd, 1, "empty-source: no header line");
		return;
	}
	rd->hdr = xmalloc(n + 1);
	memcpy(rd->hdr, s, n + 1);
	nf = split(rd, rd->hdr, n);
	if (tidy(rd, rd->hdr, n, nf) < 0)
		return;
	for (i = 0; i < nf; i++) {
		if (rd->f[i].len == 0) {
			fail(rd, 1, "blank-label: field %zu of the header has "
			    "no name", i + 1);
			return;
		}
		for (j = 0; j < i; j++)
			if (strcmp(rd->f[i].p, rd->f[j].p) == 0) {
				fail(rd, 1, "duplicate-label: fields %zu and "
				    "%zu are both named '%s'", j + 1, i + 1,
				    rd->f[i].p);
				return;
			}
	}
	rd->schema.name = xmalloc(nf * sizeof(*rd->schema.name));
	for (i = 0; i < nf; i++)
		rd->schema.name[i] = rd->f[i].p;
	rd->schema.ncols = nf;
}

static struct rec_reader *
open_common(struct gzin *in, const char *name)
{
	struct rec_reader *rd = xcalloc(1, sizeof(*rd));

	rd->in = in;
	rd->name = xstrdup(name);
	rd->cap = BUF_INIT;
	rd->buf = xmalloc(rd->cap + 16);	/* vector loads */
	rd->maxrec = max_record;
	read_header(rd);
	return rd;
}

struct rec_reader *
rec_open(const char *path)
{
	struct gzin *in;

	if ((in = gzin_open(path)) == NULL)
		return NULL;
	return open_common(in, strcmp(path, "-") == 0 ? "<stdin>" : path);
}

struct rec_reader *
rec_open_mem(const void *buf, size_t len, const char *name)
{
	return open_common(gzin_open_mem(buf, len), name);
}

int
rec_read(struct rec_reader *rd, struct record *r)
{
	char *s;
	size_t n, nf;
	int rc;

	bool esc = true;

	if (rd->failed)
		return -1;
	if (fast_line(rd, &s, &n, &nf, &esc) == 0) {
		if ((rc = next_line(rd, &s, &n)) <= 0)
			return rc;
		nf = split(rd, s, n);
		esc = true;
	}
	if (nf != rd->schema.ncols)
		return fail(rd, rd->line, "%s: expected %zu fields, found %zu",
		    nf < rd->schema.ncols ? "missing-cell" : "extra-cell",
		    rd->schema.ncols, nf);
	if (n > 0 && s[n - 1] == '\r')
		return tidy(rd, s, n, nf);
	if (esc && tidy(rd, s, n, nf) < 0)
		return -1;
	r->f = rd->f;
	r->nf = nf;
	r->line = rd->line;
	return 1;
}

const char *
rec_errmsg(const struct rec_reader *rd)
{
	return rd->err;
}

const char *
rec_name(const struct rec_reader *rd)
{
	return rd->name;
}

const struct schema *
rec_schema(const struct rec_reader *rd)
{
	return &rd->schema;
}

uint64_t
rec_bytes(const struct rec_reader *rd)
{
	return gzin_raw_bytes(rd->in);
}

int64_t
rec_size(const struct rec_reader *rd)
{
	return gzin_raw_size(rd->in);
}

int
rec_close(struct rec_reader *rd)
{
	int rc;

	if (rd == NULL)
		return 0;
	rc = gzin_close(rd->in);
	free(rd->name);
	free(rd->buf);
	free(rd->f);
	free(rd->hdr);
	free(rd->schema.name);
	free(rd);
	return rc;
}

int
schema_col(const struct schema *sc, const char *name)
{
	size_t i;

	for (i = 0; i < sc->ncols; i++)
		if (strcmp(sc->name[i], name) == 0)
			return (int)i;
	return -1;
}

struct schema *
schema_new(const char *const *names, size_t n)
{
	struct schema *sc = xmalloc(sizeof(*sc));
	size_t i;

	sc->ncols = n;
	sc->name = xmalloc((n ? n : 1) * sizeof(*sc->name));
	for (i = 0; i < n; i++)
		sc->name[i] = xstrdup(names[i]);
	return sc;
}

struct schema *
schema_parse(const char *list)
{
	struct schema *sc = xmalloc(sizeof(*sc));
	const char *p = list, *c;
	size_t n = 1, i = 0;

	for (c = list; *c != '\0'; c++)
		n += *c == ',';
	sc->ncols = n;
	sc->name = xmalloc(n * sizeof(*sc->name));
	for (;;) {
		c = strchr(p, ',');
		if (c == NULL)
			c = p + strlen(p);
		sc->name[i] = memcpy(xmalloc((size_t)(c - p) + 1), p,
		    (size_t)(c - p));
		((char *)sc->name[i])[c - p] = '\0';
		i++;
		if (*c == '\0')
			break;
		p = c + 1;
	}
	return sc;
}

void
schema_free(struct schema *sc)
{
	size_t i;

	if (sc == NULL)
		return;
	for (i = 0; i < sc->ncols; i++)
		free((char *)sc->name[i]);
	free(sc->name);
	free(sc);
}

/* Writer. */

#define WBUF	(256 * 1024)

struct rec_writer {
	FILE		*fp;
	size_t		 ncols;
	char		*buf;
	size_t		 len;
	int		 err;		/* latched errno of the first failure */
};

/* 1 for the bytes that need an escape. */
static const unsigned char needs_escape[256] = {
	['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\\'] = 1,
};

/* Does p[0..n) hold a byte that needs an escape?  p must be readable up to
 * the next multiple of 16 bytes (the writer's own buffer is).  With SSE2
 * (every x86-64) sixteen bytes at a time, exactly; elsewhere eight at a
 * time: a byte below 0x0e (TAB, LF, CR and a few other controls, then
 * checked exactly) or a backslash. */
static bool
any_escape(const char *p, size_t n)
{
	size_t i;
#if defined(__SSE2__)
	const __m128i vt = _mm_set1_epi8('\t'), vl = _mm_set1_epi8('\n');
	const __m128i vc = _mm_set1_epi8('\r'), vb = _mm_set1_epi8('\\');

	for (i = 0; i < n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(p + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(v, vt), _mm_cmpeq_epi8(v, vl)),
		    _mm_or_si128(_mm_cmpeq_epi8(v, vc), _mm_cmpeq_epi8(v, vb))));

		if (n - i < 16)
			m &= (1U << (n - i)) - 1;
		if (m != 0)
			return true;
	}
	return false;
#else
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
	uint64_t w, x, m;

	for (i = 0; i < n; i += 8) {
		memcpy(&w, p + i, 8);
		x = w ^ (ones * '\\');
		m = (((w - ones * 0x0e) & ~w) | ((x - ones) & ~x)) & high;
		if (n - i < 8)
			m &= (1ULL << (8 * (n - i))) - 1;	/* little-endian */
		if (m != 0)
			goto exact;
	}
	return false;
exact:
	for (; i < n; i++)
		if (needs_escape[(unsigned char)p[i]])
			return true;
	return false;
#endif
}

/* Nonzero if a byte of w may need an escape: below 0x0e (TAB, LF, CR and
 * a few other controls, to be checked exactly) or a backslash.  A borrow
 * can only flag a byte above one that is itself below 0x0e. */
static inline uint64_t
maybe_escape(uint64_t w)
{
	uint64_t x = w ^ (ONES * '\\');

	return (((w - ONES * 0x0e) & ~w) | ((x - ONES) & ~x)) & HIGHS;
}

/* Copy field s[0..n) to d and say whether it may need an escape.  The short
 * fields of most records take two fixed-size copies that overlap, cheaper
 * than a call, and are checked from the same words. */
static inline uint64_t
copy_check(char *d, const char *s, size_t n)
{
	uint64_t a, b;
	uint32_t a4, b4;

	if (n >= 8 && n <= 16) {
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
		memcpy(d, &a, 8);
		memcpy(d + n - 8, &b, 8);
		return maybe_escape(a) | maybe_escape(b);
	}
	if (n > 16) {
		memcpy(d, s, n);
		return any_escape(d, n);
	}
	if (n >= 4) {
		memcpy(&a4, s, 4);
		memcpy(&b4, s + n - 4, 4);
		memcpy(d, &a4, 4);
		memcpy(d + n - 4, &b4, 4);
		return maybe_escape((uint64_t)a4 << 32 | b4);
	}
	if (n == 0)
		return 0;
	d[0] = s[0];
	d[n / 2] = s[n / 2];
	d[n - 1] = s[n - 1];
	return maybe_escape(ONES * ' ' << 24 | (uint64_t)(unsigned char)s[0] |
	    (uint64_t)(unsigned char)s[n / 2] << 8 |
	    (uint64_t)(unsigned char)s[n - 1] << 16);
}


static void
wflush(struct rec_writer *w)
{
	if (w->len > 0 && w->err == 0 &&
	    fwrite(w->buf, 1, w->len, w->fp) != w->len)
		w->err = errno != 0 ? errno : EIO;
	w->len = 0;
}

static void
wput(struct rec_writer *w, const char *p, size_t n)
{
	if (w->len + n > WBUF) {
		wflush(w);
		if (n > WBUF) {
			if (w->err == 0 && fwrite(p, 1, n, w->fp) != n)
				w->err = errno != 0 ? errno : EIO;
			return;
		}
	}
	memcpy(w->buf + w->len, p, n);
	w->len += n;
}

static void
wfield(struct rec_writer *w, const char *p, size_t n)
{
	const char *s = p, *e = p + n;
	char esc[2] = { '\\', 0 };

	for (; p < e; p++) {
		if (!needs_escape[(unsigned char)*p])
			continue;
		wput(w, s, (size_t)(p - s));
		esc[1] = *p == '\t' ? 't' : *p == '\n' ? 'n' : *p == '\r' ?
		    'r' : '\\';
		wput(w, esc, 2);
		s = p + 1;
	}
	wput(w, s, (size_t)(e - s));
}

struct rec_writer *
rec_wopen(FILE *fp, const struct schema *sc)
{
	struct rec_writer *w = xcalloc(1, sizeof(*w));
	size_t i;

	w->fp = fp;
	w->ncols = sc->ncols;
	w->buf = xcalloc(1, WBUF + 16);	/* any_escape reads whole vectors */
	for (i = 0; i < sc->ncols; i++) {
		if (i > 0)
			wput(w, "\t", 1);
		wfield(w, sc->name[i], strlen(sc->name[i]));
	}
	wput(w, "\n", 1);
	return w;
}

/* Does any of the fields hold a byte that needs an escape, exactly? */
static bool
fields_need_escape(const struct field *f, size_t nf)
{
	size_t i, j;

	for (i = 0; i < nf; i++)
		for (j = 0; j < f[i].len; j++)
			if (needs_escape[(unsigned char)f[i].p[j]])
				return true;
	return false;
}

/* The length of record f as a line (fields, TABs, LF); nf must be the
 * schema's width. */
static size_t
record_len(const struct rec_writer *w, const struct field *f, size_t nf)
{
	size_t i, total = nf;

	if (nf != w->ncols)
		die(1, "internal-error: record of %zu fields for a schema of "
		    "%zu", nf, w->ncols);
	for (i = 0; i < nf; i++)
		total += f[i].len;
	return total;
}

/* Copy record f (nf > 0, total bytes as a line, at most WBUF) whole to the
 * free end of the buffer, flushing first if it would not fit, without
 * taking it yet.  With check, nonzero if a field may need an escape. */
static uint64_t
stage_record(struct rec_writer *w, const struct field *f, size_t nf,
    size_t total, bool check)
{
	uint64_t maybe = 0;
	size_t i;
	char *d;

	if (w->len + total > WBUF)
		wflush(w);
	d = w->buf + w->len;
	for (i = 0; i < nf; i++) {
		if (!check && f[i].len > 16)
			memcpy(d, f[i].p, f[i].len);
		else
			maybe |= copy_check(d, f[i].p, f[i].len);
		d += f[i].len;
		*d++ = '\t';
	}
	d[-1] = '\n';
	return check ? maybe : 0;
}

/* rec_write for a record that needs escapes or is longer than the
 * buffer: field by field. */
static void
rec_write_escaped(struct rec_writer *w, const struct field *f, size_t nf)
{
	size_t i;

	for (i = 0; i < nf; i++) {
		if (w->len + f[i].len + 2 > WBUF)
			wflush(w);
		if (i > 0)
			w->buf[w->len++] = '\t';
		if (f[i].len + 2 > WBUF) {
			wfield(w, f[i].p, f[i].len);
			continue;
		}
		/* Copy, then look at the copy; undo if it needs escapes. */
		memcpy(w->buf + w->len, f[i].p, f[i].len);
		if (!any_escape(w->buf + w->len, f[i].len))
			w->len += f[i].len;
		else
			wfield(w, f[i].p, f[i].len);
	}
	wput(w, "\n", 1);
}

void
rec_write(struct rec_writer *w, const struct field *f, size_t nf)
{
	size_t total = record_len(w, f, nf);

	/* Most records need no escape: copy them whole, checking on the
	 * way, and only write field by field if one does. */
	if (nf > 0 && total <= WBUF &&
	    (stage_record(w, f, nf, total, true) == 0 ||
	    !fields_need_escape(f, nf))) {
		w->len += total;
		return;
	}
	rec_write_escaped(w, f, nf);
}

void
rec_write_plain(struct rec_writer *w, const struct field *f, size_t nf)
{
	size_t total = record_len(w, f, nf);

	if (nf > 0 && total <= WBUF) {
		(void)stage_record(w, f, nf, total, false);
		w->len += total;
		return;
	}
	rec_write_escaped(w, f, nf);	/* finds nothing to escape */
}

int
rec_wflush(struct rec_writer *w)
{
	wflush(w);
	if (w->err == 0 && fflush(w->fp) != 0)
		w->err = errno != 0 ? errno : EIO;
	if (w->err != 0) {
		errno = w->err;
		return -1;
	}
	return 0;
}

int
rec_wclose(struct rec_writer *w)
{
	int rc = rec_wflush(w), err = errno;

	free(w->buf);
	free(w);
	errno = err;
	return rc;
}

/* Field helpers. */

bool
field_long(struct field f, long *out)
{
	const char *p = f.p, *e = f.p + f.len;
	unsigned long v = 0, lim;
	bool neg = false;

	if (p < e && (*p == '-' || *p == '+')) {
		neg = *p == '-';
		p++;
	}
	if (p == e)
		return false;
	lim = neg ? (unsigned long)LONG_MAX + 1 : (unsigned long)LONG_MAX;
	for (; p < e; p++) {
		if (*p < '0' || *p > '9')
			return false;
		if (v > (lim - (unsigned long)(*p - '0')) / 10)
			return false;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	*out = neg ? (long)(0 - v) : (long)v;
	return true;
}

bool
field_double(struct field f, double *out)
{
	char buf[64], *end;
	size_t i;
	bool digit = false;

	if (f.len == 0 || f.len >= sizeof(buf))
		return false;
	for (i = 0; i < f.len; i++) {
		char c = f.p[i];

		if (c >= '0' && c <= '9')
			digit = true;
		else if (c != '.' && c != '-' && c != '+' && c != 'e' &&
		    c != 'E')
			return false;
	}
	if (!digit)
		return false;
	memcpy(buf, f.p, f.len);
	buf[f.len] = '\0';
	errno = 0;
	/* Programs never call setlocale(), so strtod uses the C locale. */
	*out = strtod(buf, &end);
	return end == buf + f.len && isfinite(*out);
}

bool
field_eq(struct field f, const char *s)
{
	size_t n = strlen(s);

	return f.len == n && memcmp(f.p, s, n) == 0;
}

struct field
field_trim(struct field f)
{
	while (f.len > 0 && (f.p[0] == ' ' || f.p[0] == '\t')) {
		f.p++;
		f.len--;
	}
	while (f.len > 0 && (f.p[f.len - 1] == ' ' || f.p[f.len - 1] == '\t'))
		f.len--;
	return f;
}

struct field
field_str(const char *s)
{
	struct field f = { s, strlen(s) };

	return f;
}

struct field
field_fmt_double(char *buf, double v, int decimals)
{
	int n;

	if (!isfinite(v)) {
		buf[0] = '\0';
		return field_str(buf);
	}
	n = snprintf(buf, 32, "%.*f", decimals, v);
	if (n < 0 || n >= 32) {
		buf[0] = '\0';
		return field_str(buf);
	}
	if (memchr(buf, '.', (size_t)n) != NULL) {
		while (n > 0 && buf[n - 1] == '0')
			n--;
		if (n > 0 && buf[n - 1] == '.')
			n--;
		buf[n] = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return field_str(buf);
}

struct field
field_fmt_long(char *buf, long v)
{
	unsigned long u = v < 0 ? 0 - (unsigned long)v : (unsigned long)v, p;
	size_t n = 1;
	char *t;
	struct field f;

	/* By hand, two digits at a time straight into buf: snprintf costs
	 * more than the rest of a record. */
	static const char pairs[] =
	    "00010203040506070809101112131415161718192021222324252627282930"
	    "31323334353637383940414243444546474849505152535455565758596061"
	    "62636465666768697071727374757677787980818283848586878889909192"
	    "939495969798" "99";

	for (p = 10; n < 20 && u >= p; p *= 10)
		n++;
	f.len = n + (v < 0);
	buf[f.len] = '\0';
	t = buf + f.len;
	while (u >= 100) {
		unsigned d = (unsigned)(u % 100);

		u /= 100;
		t -= 2;
		memcpy(t, pairs + 2 * d, 2);
	}
	if (u >= 10) {
		t -= 2;
		memcpy(t, pairs + 2 * u, 2);
	} else {
		*--t = (char)('0' + u);
	}
	if (v < 0)
		*--t = '-';
	f.p = buf;
	return f;
}
