/* fuzz_rec -- the record-stream reader (lib/rec) on arbitrary bytes.
 *
 * The first input byte picks a read chunk size and a record limit; the rest
 * is the stream.  Checked, abort() on a violation:
 *  - every record has exactly as many fields as the header, each field is
 *    NUL-terminated at its length, and record lines increase;
 *  - an error has a message "fuzz:LINE: code: ..." and stays sticky;
 *  - reading the same bytes in one piece and in small chunks gives the same
 *    records and the same error (streaming must not depend on read sizes);
 *  - a stream read to its end, written back with rec_write and read again,
 *    gives the same header and field values (parse after format = id). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "gzin.h"
#include "rec.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);



/* Read buf to the end; with lines, record line numbers in the digest.  With
 * out, also write what was read there.  Returns the final rec_read code. */
static int
read_all(const uint8_t *buf, size_t len, struct digest *d, int lines,
    FILE *out)
{
	struct rec_reader *rd;
	struct rec_writer *w = NULL;
	const struct schema *sc;
	struct record r;
	unsigned long last = 0;
	size_t i;
	int rc;

	if ((rd = rec_open_mem(buf, len, "fuzz")) == NULL)
		abort();
	while ((rc = rec_read(rd, &r)) == 1) {
		sc = rec_schema(rd);
		if (sc->ncols == 0 || r.nf != sc->ncols || r.line <= last)
			abort();
		last = r.line;
		if (out != NULL && w == NULL)
			w = rec_wopen(out, sc);
		if (lines)
			dg_num(d, r.line);
		dg_num(d, r.nf);
		for (i = 0; i < r.nf; i++) {
			if (r.f[i].p[r.f[i].len] != '\0')
				abort();
			dg_str(d, r.f[i].p, r.f[i].len);
		}
		if (w != NULL)
			rec_write(w, r.f, r.nf);
	}
	d->rows_len = d->len;
	sc = rec_schema(rd);
	if (rc == 0) {
		/* A header-only stream is written too. */
		if (out != NULL && w == NULL && sc->ncols > 0)
			w = rec_wopen(out, sc);
		dg_num(d, sc->ncols);
		for (i = 0; i < sc->ncols; i++)
			dg_str(d, sc->name[i], strlen(sc->name[i]));
		/* Names are never empty (a NUL byte in one is a nul-byte
		 * error: corpus/rec/crash-nul-in-header-name). */
		for (i = 0; i < sc->ncols; i++)
			if (sc->name[i][0] == '\0')
				abort();
	} else {
		const char *m = rec_errmsg(rd);

		d->failed = 1;
		d->gz_error = strstr(m, ": compression-error: ") != NULL;
		if (rc != -1 || strncmp(m, "fuzz:", 5) != 0 ||
		    strstr(m + 5, ": ") == NULL || rec_read(rd, &r) != -1)
			abort();
		if (lines)
			dg_str(d, m, strlen(m));
	}
	if (w != NULL && rec_wclose(w) != 0)
		abort();
	rec_close(rd);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct digest a = { 0 }, b = { 0 }, c = { 0 }, e = { 0 };
	char *wbuf = NULL;
	size_t wlen = 0;
	FILE *out;
	int rc;

	if (size < 1)
		return 0;
	rec_set_max_record(data[0] & 0x80 ? 16 + data[0] % 64 :
	    64 * 1024 * 1024);
	gzin_mem_chunk = 0;
	if ((out = open_memstream(&wbuf, &wlen)) == NULL)
		abort();
	rc = read_all(data + 1, size - 1, &a, 1, NULL);
	gzin_mem_chunk = 1 + data[0] % 7;
	(void)read_all(data + 1, size - 1, &b, 1, NULL);
	/* The record limit holds whatever the read sizes (corpus/rec/
	 * crash-fast-line-ignores-record-limit*). */
	dg_same(&a, &b);
	if (rc == 0 && !(data[0] & 0x80)) {
		gzin_mem_chunk = 0;
		(void)read_all(data + 1, size - 1, &c, 0, out);
		fclose(out);
		out = NULL;
		if (read_all((const uint8_t *)wbuf, wlen, &e, 0, NULL) != 0 ||
		    c.len != e.len || memcmp(c.p, e.p, c.len) != 0)
			abort();
	}
	if (out != NULL)
		fclose(out);
	gzin_mem_chunk = 0;
	rec_set_max_record(64 * 1024 * 1024);
	free(wbuf);
	free(a.p);
	free(b.p);
	free(c.p);
	free(e.p);
	return 0;
}
