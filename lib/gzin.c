/* gzin -- plain or gzip byte input with read(2) and zlib's inflate. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "gzin.h"
#include "msg.h"

#define RAWBUF	(256 * 1024)

size_t gzin_mem_chunk;

struct gzin {
	int		 fd;		/* -1 for memory input */
	int		 own_fd;
	const unsigned char *mem;	/* memory input */
	size_t		 memlen, mempos;
	unsigned char	*raw;		/* raw buffer for fd input */
	size_t		 rawpos, rawlen;
	int		 raweof;
	int		 gzip;		/* 1: inflate the raw bytes */
	int		 zdone;		/* current member ended */
	int		 zinit;
	z_stream	 z;
	uint64_t	 rawbytes;
	int64_t		 rawsize;
	/* A byte range of a file (gzin_open_range): two segments, read with
	 * pread(2) from off on. */
	int		 ranged, seg;
	off_t		 off, seg_start[2], seg_end[2];
	char		 err[160];
};

/* The next raw bytes into g->raw: read(2), or for a byte range pread(2)
 * through its segments.  The count, 0 at the end, -1 with errno. */
static ssize_t
raw_read(struct gzin *g)
{
	ssize_t n;
	size_t want;

	if (!g->ranged) {
		do
			n = read(g->fd, g->raw, RAWBUF);
		while (n < 0 && errno == EINTR);
		return n;
	}
	for (;;) {
		if (g->seg == 2)
			return 0;
		if (g->off < g->seg_end[g->seg])
			break;
		if (++g->seg < 2)
			g->off = g->seg_start[g->seg];
	}
	want = (size_t)(g->seg_end[g->seg] - g->off);
	if (want > RAWBUF)
		want = RAWBUF;
	do
		n = pread(g->fd, g->raw, want, g->off);
	while (n < 0 && errno == EINTR);
	if (n > 0)
		g->off += n;
	return n;
}

/* Make raw bytes available: returns the count, 0 at EOF, -1 on error.  The
 * bytes are at *p; the caller consumes n of them with consume(). */
static ssize_t
fill(struct gzin *g, const unsigned char **p)
{
	ssize_t n;

	if (g->fd < 0) {
		size_t left = g->memlen - g->mempos;

		*p = g->mem + g->mempos;
		return (ssize_t)(gzin_mem_chunk > 0 && left > gzin_mem_chunk ?
		    gzin_mem_chunk : left);
	}
	if (g->rawpos == g->rawlen && !g->raweof) {
		if ((n = raw_read(g)) < 0) {
			snprintf(g->err, sizeof(g->err), "io-error: read: %s",
			    strerror(errno));
			return -1;
		}
		if (n == 0)
			g->raweof = 1;
		g->rawpos = 0;
		g->rawlen = (size_t)n;
	}
	*p = g->raw + g->rawpos;
	return (ssize_t)(g->rawlen - g->rawpos);
}

static void
consume(struct gzin *g, size_t n)
{
	if (g->fd < 0)
		g->mempos += n;
	else
		g->rawpos += n;
	g->rawbytes += n;
}

static struct gzin *
init(struct gzin *g)
{
	const unsigned char *p;
	ssize_t n;

	/* A peek of two bytes decides; a one-byte file is plain. */
	if (g->fd < 0) {
		p = g->mem;
		n = (ssize_t)g->memlen;
	} else if ((n = fill(g, &p)) < 0) {
		return g;
	}
	if (g->fd >= 0 && n == 1 && !g->raweof && !g->ranged) {
		unsigned char c = p[0];
		ssize_t m;

		do
			m = read(g->fd, g->raw + 1, RAWBUF - 1);
		while (m < 0 && errno == EINTR);
		if (m > 0) {
			g->raw[0] = c;
			g->rawpos = 0;
			g->rawlen = 1 + (size_t)m;
			p = g->raw;
			n = (ssize_t)g->rawlen;
		} else if (m == 0) {
			g->raweof = 1;
		}
	}
	if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
		g->gzip = 1;
		if (inflateInit2(&g->z, 15 + 16) != Z_OK)
			die(1, "resource-limit: zlib: out of memory");
		g->zinit = 1;
	}
	return g;
}

struct gzin *
gzin_open(const char *path)
{
	struct gzin *g;
	struct stat st;
	int fd;

	if (strcmp(path, "-") == 0)
		fd = 0;
	else if ((fd = open(path, O_RDONLY)) < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (fd != 0)
			close(fd);
		errno = EISDIR;
		return NULL;
	}
	/* Someone at a terminal who gave no file: say what the silence is. */
	if (fd == 0 && isatty(0))
		warnmsg("waiting for standard input (end it with Ctrl-D; "
		    "--help for usage)");
	g = xcalloc(1, sizeof(*g));
	g->fd = fd;
	g->own_fd = fd != 0;
	g->raw = xmalloc(RAWBUF);
	g->rawsize = S_ISREG(st.st_mode) ? (int64_t)st.st_size : -1;
	return init(g);
}

/* The byte at off of fd, or -1. */
static int
byte_at(int fd, off_t off)
{
	unsigned char c;
	ssize_t n;

	do
		n = pread(fd, &c, 1, off);
	while (n < 0 && errno == EINTR);
	return n == 1 ? c : -1;
}

struct gzin *
gzin_open_range(const char *path, uint64_t start, uint64_t end,
    unsigned long *gap, char *err, size_t errlen)
{
	struct gzin *g;
	struct stat st;
	unsigned char *buf;
	off_t off = 0, hdr_end = -1;
	unsigned long nl = 0;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0) {
		snprintf(err, errlen, "source-missing: %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (byte_at(fd, 0) == 0x1f && byte_at(fd, 1) == 0x8b)) {
		snprintf(err, errlen, "usage-error: %s: a byte range needs a "
		    "plain (not gzip) regular file", path);
		close(fd);
		return NULL;
	}
	if (end > (uint64_t)st.st_size)
		end = (uint64_t)st.st_size;
	/* The first line (the header), then the lines between it and start
	 * counted, in one pass of pread and memchr. */
	buf = xmalloc(RAWBUF);
	while (off < (off_t)start || hdr_end < 0) {
		unsigned char *p, *e;

		do
			n = pread(fd, buf, RAWBUF, off);
		while (n < 0 && errno == EINTR);
		if (n <= 0)
			break;
		p = buf;
		e = buf + n;
		if (off + n > (off_t)start && hdr_end >= 0)
			e = buf + ((off_t)start - off);
		while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
			if (hdr_end < 0)
				hdr_end = off + (p - buf) + 1;
			else if (off + (p - buf) < (off_t)start)
				nl++;
			p++;
		}
		off += n;
	}
	free(buf);
	if (n < 0) {
		snprintf(err, errlen, "io-error: %s: read: %s", path,
		    strerror(errno));
		close(fd);
		return NULL;
	}
	if (hdr_end < 0 || start < (uint64_t)hdr_end || start > end ||
	    (start > 0 && byte_at(fd, (off_t)start - 1) != '\n') ||
	    (end < (uint64_t)st.st_size && byte_at(fd, (off_t)end - 1) != '\n')) {
		snprintf(err, errlen, "usage-error: %s: the byte range "
		    "%llu:%llu does not lie after the header line with both "
		    "ends at line starts", path, (unsigned long long)start,
		    (unsigned long long)end);
		close(fd);
		return NULL;
	}
	*gap = nl;
	g = xcalloc(1, sizeof(*g));
	g->fd = fd;
	g->own_fd = 1;
	g->raw = xmalloc(RAWBUF);
	g->ranged = 1;
	g->seg_start[0] = 0;
	g->seg_end[0] = hdr_end;
	g->seg_start[1] = (off_t)start;
	g->seg_end[1] = (off_t)end;
	g->rawsize = (int64_t)hdr_end + (int64_t)(end - start);
	return init(g);
}

struct gzin *
gzin_open_mem(const void *buf, size_t len)
{
	struct gzin *g = xcalloc(1, sizeof(*g));

	g->fd = -1;
	g->mem = buf;
	g->memlen = len;
	g->rawsize = (int64_t)len;
	return init(g);
}

ssize_t
gzin_read(struct gzin *g, void *buf, size_t len)
{
	const unsigned char *p;
	ssize_t n;
	int rc;

	if (g->err[0] != '\0')
		return -1;
	if (!g->gzip) {
		if (g->fd >= 0 && g->rawpos == g->rawlen && !g->raweof &&
		    !g->ranged && len >= RAWBUF) {
			/* Large request, nothing buffered: read straight into
			 * the caller's buffer, saving a copy. */
			do
				n = read(g->fd, buf, len);
			while (n < 0 && errno == EINTR);
			if (n < 0) {
				snprintf(g->err, sizeof(g->err),
				    "io-error: read: %s", strerror(errno));
				return -1;
			}
			if (n == 0)
				g->raweof = 1;
			g->rawbytes += (uint64_t)n;
			return n;
		}
		if ((n = fill(g, &p)) <= 0)
			return n;
		if ((size_t)n > len)
			n = (ssize_t)len;
		memcpy(buf, p, (size_t)n);
		consume(g, (size_t)n);
		return n;
	}
	g->z.next_out = buf;
	g->z.avail_out = len > UINT32_MAX ? UINT32_MAX : (uInt)len;
	while (g->z.avail_out == len) {
		if ((n = fill(g, &p)) < 0)
			return -1;
		if (n == 0) {
			if (!g->zdone) {
				snprintf(g->err, sizeof(g->err),
				    "compression-error: truncated gzip data");
				return -1;
			}
			return 0;
		}
		if (g->zdone) {
			/* Another member follows (or trailing junk). */
			if (inflateReset(&g->z) != Z_OK)
				die(1, "internal-error: inflateReset");
			g->zdone = 0;
		}
		g->z.next_in = (unsigned char *)p;
		g->z.avail_in = (uInt)n;
		rc = inflate(&g->z, Z_NO_FLUSH);
		consume(g, (size_t)n - g->z.avail_in);
		if (rc == Z_STREAM_END) {
			g->zdone = 1;
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			snprintf(g->err, sizeof(g->err),
			    "compression-error: corrupt gzip data (%s)",
			    g->z.msg != NULL ? g->z.msg : "inflate failed");
			return -1;
		}
	}
	return (ssize_t)(len - g->z.avail_out);
}

const char *
gzin_error(const struct gzin *g)
{
	return g->err;
}

uint64_t
gzin_raw_bytes(const struct gzin *g)
{
	return g->rawbytes;
}

int64_t
gzin_raw_size(const struct gzin *g)
{
	return g->rawsize;
}

int
gzin_is_gzip(const struct gzin *g)
{
	return g->gzip;
}

int
gzin_close(struct gzin *g)
{
	int rc = 0;

	if (g == NULL)
		return 0;
	if (g->zinit)
		inflateEnd(&g->z);
	if (g->own_fd && close(g->fd) != 0)
		rc = -1;
	free(g->raw);
	free(g);
	return rc;
}

char *
gzin_slurp(const char *path, size_t max, size_t *len, char *err,
    size_t errlen)
{
	struct gzin *g;
	char *buf = NULL;
	size_t cap = 0, n = 0;
	ssize_t k;

	if ((g = gzin_open(path)) == NULL) {
		snprintf(err, errlen, "source-missing: %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			buf = xrealloc(buf, cap + 1);
		}
		if ((k = gzin_read(g, buf + n, cap - n)) <= 0)
			break;
		n += (size_t)k;
		if (max > 0 && n > max) {
			snprintf(err, errlen, "resource-limit: %s: larger "
			    "than %zu bytes", path, max);
			k = -2;
			break;
		}
	}
	if (k == -1)
		snprintf(err, errlen, "%s: %s", path, gzin_error(g));
	gzin_close(g);
	if (k < 0) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}
