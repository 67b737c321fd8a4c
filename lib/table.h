/* table -- a whole record stream held in memory, for the stages that need
 * every row at once (vb-format: column widths, disclosure control, reports).
 *
 * Cells are NUL-terminated strings owned by the table; an empty cell is "".
 * Memory: the size of the input plus one pointer per cell. */
#ifndef VB_TABLE_H
#define VB_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

struct table {
	size_t		 ncols;
	size_t		 nrows;
	char		**name;		/* column names */
	char		**cell;		/* nrows * ncols, row-major */
	unsigned long	*line;		/* physical input line of each row */
	size_t		 cap;		/* rows allocated */
	struct arena	 mem;		/* owns names and cells */
	char		 src[256];	/* input name, for messages */
};

/* Read the record stream path ("-" is stdin) into a new table.  NULL with a
 * "file:line: code: why" message in err when the file cannot be opened or a
 * record is bad. */
struct table	*table_load(const char *path, char *err, size_t errlen);
/* The same over a caller-owned buffer. */
struct table	*table_load_mem(const void *buf, size_t len, const char *name,
		    char *err, size_t errlen);
/* An empty table with these columns. */
struct table	*table_new(const char *const *names, size_t n);
void		 table_free(struct table *);

/* Column index of name, or -1. */
int		 table_col(const struct table *, const char *name);
/* Cell (row, col); "" for col < 0. */
const char	*table_get(const struct table *, size_t row, int col);
/* Replace a cell with a copy of s (col >= 0). */
void		 table_set(struct table *, size_t row, int col, const char *s);
/* Append a row of n cells (n == ncols); returns its index. */
size_t		 table_add(struct table *, const char *const *cells, size_t n);
/* Add a column filled with "" (or return the existing one). */
int		 table_add_col(struct table *, const char *name);

/* A plain number as vb writes it: optional '-', digits, optional '.' and
 * digits.  No exponent, spaces, '+', nan or inf. */
bool		 table_is_number(const char *s);
/* Parse a table_is_number string; false otherwise. */
bool		 table_num(const char *s, double *out);
/* A column that holds codes or text even when its cells look like numbers
 * (period, area, theme "1.2", ...), or a provenance column (_line). */
bool		 table_is_code_col(const char *name);
/* A disclosure or CBS symbol cell: ".", "x", "-", "<5". */
bool		 table_is_symbol(const char *s);
/* Per column (ncols + 1 entries, caller frees): true when it is no code
 * column, every non-empty cell is a number or a symbol and at least one is
 * a number. */
bool		*table_numeric_cols(const struct table *);

#endif
