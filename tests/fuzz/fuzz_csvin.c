/* fuzz_csvin -- CSV ingest (lib/csvin) in every dialect and encoding.
 *
 * Input byte 0 picks the dialect: bits 0-2 the delimiter (detect , ; TAB |),
 * bits 3-4 the encoding (UTF-8, CP1252, Latin-1), bit 5 lazy quotes, bit 6
 * no header, bit 7 one preamble line.  Byte 1 picks a read chunk size and,
 * with its top bit, a small record limit.  The rest is the file.
 *
 * Each input is read three times: with the fast path, with every line through
 * libcsv (dialect.no_fast_path), and with the fast path in small read chunks.
 * All three must give the same header, rows, row codes, messages, positions,
 * counters and fatal error, byte for byte; abort() on a difference.  A fourth
 * read with dialect.single_line (--no-multiline) must give the same again
 * unless it stops with quote-error/spans-lines.  Also
 * checked: fields are NUL-terminated at their length, an accepted row has as
 * many fields as the header and is valid UTF-8 (whatever the input encoding),
 * header names are non-empty, unique and valid UTF-8, rows increase and
 * lines do not decrease, and a fatal error is sticky with a "fuzz:LINE: code:" message. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "digest.h"
#include "gzin.h"
#include "rec.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);



static void
check_schema(const struct schema *sc)
{
	size_t i, j, n;

	for (i = 0; i < sc->ncols; i++) {
		n = strlen(sc->name[i]);
		if (n == 0 || utf8_check(sc->name[i], n) != n)
			abort();
		for (j = 0; j < i; j++)
			if (strcmp(sc->name[i], sc->name[j]) == 0)
				abort();
	}
}

static void
read_all(const uint8_t *buf, size_t len, const struct csv_dialect *dl,
    struct digest *d)
{
	struct csvin *c;
	struct csv_row r;
	const struct schema *sc;
	unsigned long lastrow = 0, lastline = 0;
	size_t i;
	int rc;

	if ((c = csvin_open_mem(buf, len, "fuzz", dl)) == NULL)
		abort();
	while ((rc = csvin_read(c, &r)) == 1) {
		sc = csvin_schema(c);
		check_schema(sc);
		/* Not r.line > lastline: a lone CR in an LF file ends a row
		 * without ending the line (corpus/csvin/lone-cr-in-lf-file). */
		if (r.row != lastrow + 1 || r.line < lastline)
			abort();
		lastrow = r.row;
		lastline = r.line;
		dg_num(d, r.line);
		dg_num(d, r.row);
		dg_num(d, r.nf);
		if (r.code != NULL) {
			dg_str(d, r.code, strlen(r.code));
			dg_str(d, r.msg, strnlen(r.msg, sizeof(r.msg)));
		} else if (r.nf != sc->ncols) {
			abort();
		}
		for (i = 0; i < r.nf; i++) {
			if (r.f[i].p[r.f[i].len] != '\0')
				abort();
			if (r.code == NULL && utf8_check(r.f[i].p,
			    r.f[i].len) != r.f[i].len)
				abort();
			dg_str(d, r.f[i].p, r.f[i].len);
		}
	}
	d->rows_len = d->len;
	if (rc == -1) {
		const char *m = csvin_errmsg(c);

		d->failed = 1;
		d->gz_error = strstr(m, ": compression-error: ") != NULL;
		d->spans = strstr(m, ": quote-error/spans-lines: ") != NULL;
		if (strncmp(m, "fuzz:", 5) != 0 || strstr(m + 5, ": ") ==
		    NULL || csvin_read(c, &r) != -1)
			abort();
		dg_str(d, m, strlen(m));
	} else if (rc != 0) {
		abort();
	}
	/* After a header error the schema is not to be used (csvin leaves
	 * ncols set with names unset: see the report of issue 7). */
	sc = csvin_schema(c);
	if (rc == 0 || lastrow > 0) {
		check_schema(sc);
		dg_num(d, sc->ncols);
		for (i = 0; i < sc->ncols; i++)
			dg_str(d, sc->name[i], strlen(sc->name[i]));
	}
	dg_num(d, (unsigned long)csvin_delim(c));
	dg_num(d, csvin_blank_lines(c));
	dg_num(d, csvin_bom(c));
	if (rc == 0) {
		d->mixed = csvin_mixed_endings(c);
		dg_num(d, csvin_lines(c));
	}
	csvin_close(c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int delims[8] = { 0, ',', ';', '\t', '|', 0, ';', ',' };
	static const enum csv_encoding encs[4] = { CSV_ENC_UTF8,
	    CSV_ENC_CP1252, CSV_ENC_LATIN1, CSV_ENC_UTF8 };
	struct csv_dialect dl = { 0 };
	struct digest a = { 0 }, b = { 0 }, c = { 0 }, s = { 0 };

	if (size < 2)
		return 0;
	dl.delim = delims[data[0] & 7];
	dl.encoding = encs[(data[0] >> 3) & 3];
	dl.lazy_quotes = (data[0] >> 5) & 1;
	dl.no_header = (data[0] >> 6) & 1;
	dl.skip_lines = (data[0] >> 7) & 1;
	rec_set_max_record(data[1] & 0x80 ? 32 + (data[1] & 0x3f) :
	    64 * 1024 * 1024);
	gzin_mem_chunk = 0;
	read_all(data + 2, size - 2, &dl, &a);
	dl.no_fast_path = true;
	read_all(data + 2, size - 2, &dl, &b);
	dg_same(&a, &b);
	/* Line-ending counts agree too, also for a last line ending in a
	 * bare CR (corpus/csvin/crash-mixed-endings-cr-at-eof). */
	if (a.mixed != b.mixed)
		abort();
	dl.no_fast_path = false;
	gzin_mem_chunk = 1 + (data[1] & 0x0f);
	read_all(data + 2, size - 2, &dl, &c);
	dg_same(&a, &c);
	if (a.mixed != c.mixed)
		abort();
	/* --no-multiline either stops at a row that spans lines or reads
	 * exactly what the default reads. */
	gzin_mem_chunk = 0;
	dl.single_line = true;
	read_all(data + 2, size - 2, &dl, &s);
	if (!s.spans)
		dg_same(&a, &s);
	rec_set_max_record(64 * 1024 * 1024);
	free(a.p);
	free(b.p);
	free(c.p);
	free(s.p);
	return 0;
}
