/* rec -- the vb record stream: the only code that reads or writes it.
 *
 * Format (docs/records.md): UTF-8, one record per LF-terminated line, a header
 * line of field names, TAB between fields, and inside values TAB, LF, CR and
 * backslash written as \t \n \r \\.  An empty value is missing.
 *
 * The reader hands out views into its reused line buffer: reading allocates
 * nothing per record.  It unescapes in place and NULs the separators, so a
 * view is also a C string.  To keep a field past the next rec_read, copy it. */
#ifndef VB_REC_H
#define VB_REC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct field { const char *p; size_t len; };	/* a view; owns nothing */
struct record {
	struct field	*f;	/* f[0..nf-1], owned by the reader */
	size_t		 nf;
	unsigned long	 line;	/* physical line where the record starts */
};
struct schema { size_t ncols; const char **name; };

struct rec_reader;
struct rec_writer;

/* Records longer than this are refused with record-too-large; filters expose
 * it as --max-record-bytes.  Default 64 MiB.  Applies to readers opened after
 * the call. */
void	 rec_set_max_record(size_t bytes);
size_t	 rec_max_record(void);

/* Open path ("-" is stdin; gzip detected by magic bytes) and read its
 * header.  NULL with errno set if the file cannot be opened; a bad header is
 * reported by the first rec_read (-1), so that the message has a position. */
struct rec_reader *rec_open(const char *path);
/* Same, over a caller-owned buffer that must outlive the reader: for tests
 * and fuzzers. */
struct rec_reader *rec_open_mem(const void *buf, size_t len, const char *name);
/* 1: *r is the next record, valid until the next rec_read/rec_close.
 * 0: end of input.  -1: bad input or read error, see rec_errmsg(); every
 * later call returns -1 too. */
int	 rec_read(struct rec_reader *, struct record *r);
/* "file:line: code: why", e.g. "<stdin>:17: missing-cell: expected 12
 * fields, found 11".  Never quotes a value. */
const char *rec_errmsg(const struct rec_reader *);
const char *rec_name(const struct rec_reader *);	/* "<stdin>" for "-" */
/* The header.  Valid until rec_close; ncols is 0 when the header was bad
 * (then the first rec_read returns -1). */
const struct schema *rec_schema(const struct rec_reader *);
/* Raw bytes consumed so far, and the raw input size or -1: for progress. */
uint64_t rec_bytes(const struct rec_reader *);
int64_t	 rec_size(const struct rec_reader *);
/* 0, or -1 if closing failed. */
int	 rec_close(struct rec_reader *);

/* Column index of name, or -1. */
int	 schema_col(const struct schema *, const char *name);
/* A schema owning copies of the names (n of them, or a comma-separated
 * list for schema_parse).  Freed with schema_free. */
struct schema *schema_new(const char *const *names, size_t n);
struct schema *schema_parse(const char *commalist);
void	 schema_free(struct schema *);

/* Writes the header at once.  The writer buffers; write errors are latched
 * and reported by rec_wclose, which flushes but does not close the FILE. */
struct rec_writer *rec_wopen(FILE *, const struct schema *);
/* Write one record of nf fields; nf must equal the schema's ncols. */
void	 rec_write(struct rec_writer *, const struct field *, size_t nf);
/* The same for fields known to hold no TAB, LF, CR or backslash (the caller
 * vouches, e.g. csv_row.plain): copied without the escape check. */
void	 rec_write_plain(struct rec_writer *, const struct field *, size_t nf);
/* Flush.  0, or -1 with errno set if any write failed. */
int	 rec_wflush(struct rec_writer *);
/* Flush and free.  0, or -1 with errno set if any write failed. */
int	 rec_wclose(struct rec_writer *);

/* Field helpers.  Numbers: field_long/field_double reject empty fields,
 * leading or trailing spaces, junk, "nan" and "inf"; they never depend on the
 * locale.  Return true on success. */
bool	 field_long(struct field f, long *out);
bool	 field_double(struct field f, double *out);
bool	 field_eq(struct field f, const char *s);
/* f without leading and trailing ASCII spaces and tabs. */
struct field field_trim(struct field f);
/* A view of a C string (or literal). */
struct field field_str(const char *s);
/* Format v into buf (size >= 32) in C-locale "%.*f" form with trailing zeros
 * and a trailing "." removed; returns the view.  NaN or inf give "". */
struct field field_fmt_double(char *buf, double v, int decimals);
struct field field_fmt_long(char *buf, long v);

#endif
