/* xlsx -- an .xlsx workbook with one sheet per table, over libxlsxwriter
 * (Debian libxlsxwriter-dev).  Built only with -DHAVE_XLSXWRITER and
 * -lxlsxwriter; otherwise xlsx_open fails with config-error.
 *
 * Numbers in numeric columns (not codes: "1.2" as a theme stays text) are
 * written as numbers, everything else as text, so Excel never evaluates a
 * formula from the data.  The file is written under a temporary name and
 * renamed when complete. */
#ifndef VB_XLSX_H
#define VB_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "table.h"

struct xlsx;

/* Start a workbook for path.  NULL with "code: why" in err. */
struct xlsx	*xlsx_open(const char *path, char *err, size_t errlen);
/* Add t as a sheet named after the base name of src (without .tsv, cut to
 * 31 characters, made unique), with a notes sheet for the symbols once a
 * symbol occurs (Dutch, or English when en). */
void		 xlsx_sheet(struct xlsx *, const char *src,
		    const struct table *t, bool en);
/* Write and rename.  0, or -1 with "io-error: why" in err. */
int		 xlsx_close(struct xlsx *, char *err, size_t errlen);
/* Give up: remove the temporary file. */
void		 xlsx_abort(struct xlsx *);

#endif
