/* csvin -- CSV input in the Dutch export dialects, over libcsv.
 *
 * Handles: delimiter , ; TAB | (given, or detected from the header line);
 * RFC 4180 quoting with embedded delimiters, quotes and line breaks (LF, CRLF,
 * CR CR LF); LF, CRLF and CR-only files; a UTF-8 BOM (stripped); UTF-8
 * validated, or CP1252 / Latin-1 transcoded to UTF-8; gzip (gzin); preamble
 * lines to skip.  libcsv runs in CSV_STRICT | CSV_STRICT_FINI mode with no
 * whitespace trimming.
 *
 * Errors are either row-local (the row is handed out with status set, so the
 * caller can reject it and go on) or fatal (csvin_read returns -1): an
 * unterminated quote, a quote error in a row that spans lines, a bad or
 * duplicate header, an encoding the file is not in, a gzip or read error. */
#ifndef VB_CSVIN_H
#define VB_CSVIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rec.h"

enum csv_encoding { CSV_ENC_UTF8, CSV_ENC_CP1252, CSV_ENC_LATIN1 };

struct csv_dialect {
	int		 delim;		/* 0: detect from the header line */
	enum csv_encoding encoding;
	unsigned long	 skip_lines;	/* preamble lines before the header */
	bool		 lazy_quotes;	/* libcsv without CSV_STRICT */
	bool		 no_header;	/* name the columns c1, c2, ... */
	bool		 no_fast_path;	/* tests: every line through libcsv */
	bool		 single_line;	/* a row that spans lines is fatal */
};

struct csv_row {
	struct field	*f;		/* views into the reader's row buffer,
					   NUL-terminated; valid until the next
					   csvin_read */
	size_t		 nf;
	unsigned long	 line;		/* physical line where the row starts */
	unsigned long	 row;		/* record number, 1 = first data row */
	const char	*code;		/* NULL, or the row-local error code */
	bool		 plain;		/* no field holds TAB, LF, CR or a
					   backslash: rec_write_plain may
					   write it */
	char		 msg[160];	/* its message (no values quoted) */
};

struct csvin;

/* Open path ("-" is stdin) with dialect d and read the header.  NULL with
 * errno set when the file cannot be opened; header errors come from the first
 * csvin_read. */
/* A delimiter named ",", ";", "|", "tab" (or "\t"), or -1; an encoding
 * named utf-8/utf8, cp1252/windows-1252 or latin1/iso-8859-1, or -1. */
int		 csv_delim_name(const char *s);
int		 csv_encoding_name(const char *s);
struct csvin	*csvin_open(const char *path, const struct csv_dialect *d);
/* Only the header line and the lines in the byte range [start, end) of the
 * plain file path (gzin_open_range), numbered as in the whole file.  NULL
 * with "code: ...: why" in err. */
struct csvin	*csvin_open_range(const char *path, const struct csv_dialect *d,
		    uint64_t start, uint64_t end, char *err, size_t errlen);
struct csvin	*csvin_open_mem(const void *buf, size_t len, const char *name,
		    const struct csv_dialect *d);
/* 1: *r is the next row (check r->code); 0: end of input; -1: fatal error,
 * see csvin_errmsg ("file:line: code: message"). */
int		 csvin_read(struct csvin *, struct csv_row *r);
const char	*csvin_errmsg(const struct csvin *);
const char	*csvin_name(const struct csvin *);
/* The header names (UTF-8, NUL-terminated), valid until csvin_close. */
const struct schema *csvin_schema(const struct csvin *);
/* The delimiter in use (detected or given). */
int		 csvin_delim(const struct csvin *);
/* Counters for the summary: blank lines skipped, BOM stripped, line-ending
 * kinds seen (LF-only and CRLF record ends). */
unsigned long	 csvin_blank_lines(const struct csvin *);
bool		 csvin_bom(const struct csvin *);
bool		 csvin_mixed_endings(const struct csvin *);
unsigned long	 csvin_lines(const struct csvin *);
uint64_t	 csvin_bytes(const struct csvin *);
int64_t		 csvin_size(const struct csvin *);
int		 csvin_close(struct csvin *);

/* Valid UTF-8 (no overlongs, surrogates or code points above U+10FFFF)?
 * Returns the offset of the first bad byte, or len if all is valid. */
size_t		 utf8_check(const char *s, size_t len);

#endif
