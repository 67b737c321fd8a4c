/* reject -- the reject stream, warning counts and the summary line of a stage.
 *
 * Strict by default (QUALITY.md principles): without a reject file the first
 * row-local error is fatal.  With one, the record is written there with its
 * position and code and the stage goes on.  The reject stream is itself a
 * record stream with the fields
 *	stage source line row field code message
 * (line: physical line in the source; row: record number, 1 = first record
 * after the header).  It is created with mode 0600: it may hold positions of
 * personal data.  Messages never quote a value. */
#ifndef VB_REJECT_H
#define VB_REJECT_H

#include <stdbool.h>

#include "msg.h"

struct reject;

/* stage: "clean", ...; path: reject file or NULL (strict).  Exits 1 if the
 * file cannot be created. */
struct reject	*reject_open(const char *stage, const char *path);
/* Give up after this many rejects (0: no limit) or above this share of the
 * rows read (< 0: no limit): fatal threshold-exceeded. */
void		 reject_limits(struct reject *, unsigned long max_rejects,
		    double max_rate);
/* One rejected row.  code is a QUALITY.md §2.3 code ("type-error/period" may
 * carry a subcode after '/'); field may be NULL.  Strict mode: prints
 * "prog: source:line: code: message" and exits 1.  Otherwise writes the reject
 * record, counts it and returns. */
void		 reject_row(struct reject *, const char *source,
		    unsigned long line, unsigned long row, const char *field,
		    const char *code, const char *fmt, ...) VB_PRINTF(7, 8);
/* Count a warning or info code against the row; a warning is also printed
 * once per code (the first time) as "prog: source:line: code: message". */
void		 reject_warn(struct reject *, const char *source,
		    unsigned long line, const char *code, const char *fmt, ...)
		    VB_PRINTF(5, 6);
void		 reject_info(struct reject *, const char *code);
unsigned long	 reject_count(const struct reject *);
/* Print the summary line
 *	prog: read N, kept K, rejected R; status=S warnings=W codes=a:1,b:2
 * (codes sorted), close the reject file and free.  Exits 1 with
 * internal-error if read != kept + rejected, and with threshold-exceeded when
 * a limit was passed.  Returns 0, or -1 if the reject file had a write error
 * (then the summary says status=TOOL_ERROR). */
int		 reject_summary(struct reject *, unsigned long read,
		    unsigned long kept);

#endif
