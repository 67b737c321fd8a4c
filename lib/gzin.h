/* gzin -- byte input from a file, stdin or memory, gunzipped when it starts
 * with the gzip magic bytes (1f 8b).  Concatenated gzip members are read in
 * turn; a truncated or corrupt member is an error, never a short success. */
#ifndef VB_GZIN_H
#define VB_GZIN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct gzin;

/* Open path ("-" is standard input).  NULL with errno set on failure. */
struct gzin	*gzin_open(const char *path);
/* The plain regular file path as its first line (the header) followed by
 * the bytes [start, end), which lie after that line and begin and end at
 * line starts (end may lie past the end of the file): a part of a file cut
 * at line ends.  *gap is set to the number of lines between the first line
 * and start.  NULL with "code: path: why" in err. */
struct gzin	*gzin_open_range(const char *path, uint64_t start,
		    uint64_t end, unsigned long *gap, char *err, size_t errlen);
/* Read from a caller-owned buffer that must outlive the gzin. */
struct gzin	*gzin_open_mem(const void *buf, size_t len);
/* Tests: hand out memory input at most this many bytes per read (0: all at
 * once), so streaming readers see every split of their input. */
extern size_t	 gzin_mem_chunk;
/* Up to len bytes into buf: > 0 bytes read, 0 at end of input, -1 on error
 * (see gzin_error). */
ssize_t		 gzin_read(struct gzin *, void *buf, size_t len);
/* "compression-error: ..." or "io-error: ...", without a file name. */
const char	*gzin_error(const struct gzin *);
/* Raw (compressed) bytes consumed so far, and the raw size if known, else -1:
 * for progress reports. */
uint64_t	 gzin_raw_bytes(const struct gzin *);
int64_t		 gzin_raw_size(const struct gzin *);
int		 gzin_is_gzip(const struct gzin *);
/* The whole of path (gunzipped when it is gzip) in a new buffer, with a NUL
 * after the len bytes; the caller frees it.  More than max bytes (0: no
 * limit) is a resource-limit error.  NULL with "code: path: why" in err
 * (source-missing, io-error, compression-error, resource-limit). */
char		*gzin_slurp(const char *path, size_t max, size_t *len, char *err,
		    size_t errlen);
/* 0, or -1 if closing the descriptor failed. */
int		 gzin_close(struct gzin *);

#endif
