/* ivm -- the Veiligheidsmonitor reader: the indicator table, DataProperties
 * titles, and a Veiligheidsmonitor record stream (vb-ingest output) turned
 * into parts, one published number each (METHOD.md §7, FORMATS.md §5).
 *
 * Two layouts of the stream, told apart by a column named Marges:
 *  - StatLine: Marges RegioS Perioden <Stem>_<n>...; every row is one margin
 *    (MW00000 value, MOG0095 lower, MBG0095 upper) of every indicator of
 *    one area and wave.  Indicator columns are resolved through the table
 *    by DataProperties Title, then by name stem: never by position or key
 *    suffix.
 *  - flat (a city's own table): period area indicator value [margin] [lower]
 *    [upper] [n], Dutch names accepted, any case; the indicator by title,
 *    alias, id or stem.
 * Cells: a number with the layout's decimal character (StatLine '.', flat
 * ','; the other one is never reinterpreted), or a CBS symbol: empty or "."
 * missing, "x" secret, "-" nil (0).
 *
 * Nothing here exits on bad data or prints: load and header errors come
 * back as "file:line: code: message", a rejected row as a struct ivm_reject
 * the caller hands to reject_row(), warnings through a callback.  Messages
 * never quote a cell value. */
#ifndef VB_IVM_H
#define VB_IVM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "intern.h"
#include "rec.h"

/* One row of the indicator table (sample-data/ivm-indicators.tsv). */
struct ivm_indicator {
	char		*id;
	char		*stem;		/* normalised, see ivm_norm_name */
	char		*title;		/* normalised */
	char		*aliases;	/* normalised, '|' between */
	char		*unit;		/* never empty; "n": the respondents */
	char		*direction;	/* "1" higher is better, "0" or "" */
	char		*theme;
	int		*breaks;	/* method breaks, years 1900..2999 */
	size_t		 nbreaks;
};

struct ivm_table {
	struct ivm_indicator *ind;	/* ind[0..n-1], n >= 1 */
	size_t		 n;
	int		 respondents;	/* the unit "n" row, or -1 */
};

/* Load the indicator table, a record stream with the columns indicator stem
 * title unit direction theme breaks [aliases]; path is also the name in
 * messages.  NULL with "file:line: config-error: why" (or "config-error:
 * path: strerror" when it cannot be opened) in err on failure. */
struct ivm_table *ivm_table_load(const char *path, char *err, size_t errlen);
/* Same, from a caller-owned buffer (tests, fuzzing). */
struct ivm_table *ivm_table_load_mem(const void *buf, size_t len,
		    const char *name, char *err, size_t errlen);
void		 ivm_table_free(struct ivm_table *);
/* The method series of year y under d's breaks, into buf: "2012-2020",
 * "-2011", "2021-", or "" without breaks. */
void		 ivm_series(const struct ivm_indicator *d, int y, char *buf,
		    size_t len);

/* DataProperties: CSV with the columns Key and Title (any others ignored). */
struct ivm_props;

/* NULL with "file:line: config-error: why" (or "config-error: path:
 * strerror") in err on failure. */
struct ivm_props *ivm_props_load(const char *path, char *err, size_t errlen);
struct ivm_props *ivm_props_load_mem(const void *buf, size_t len,
		    const char *name, char *err, size_t errlen);
void		 ivm_props_free(struct ivm_props *);

/* The lower-case ASCII letters and digits of s[0..len-1], bytes >= 0x80
 * kept, so "VoeltZichWeleensOnveilig" and "Voelt zich weleens onveilig"
 * compare equal.  A new string (xmalloc). */
char		*ivm_norm_name(const char *s, size_t len);
/* YYYY or YYYYJJ00 (spaces around allowed), year >= 1900; -1 otherwise. */
int		 ivm_parse_year(struct field f);

/* The status of a cell. */
enum ivm_cell { IVM_OK, IVM_MISSING, IVM_SECRET, IVM_SUPPRESSED };
extern const char *const ivm_cell_name[];	/* "", "missing", ... */

/* What a part holds: the value, its lower or upper bound, the half-width of
 * its interval (flat margin column) or its n (flat n column). */
enum { IVM_VALUE, IVM_LOWER, IVM_UPPER, IVM_HALF, IVM_N };

/* One published number.  Contract (tests/fuzz/fuzz_ivm.c checks it):
 * year 1900..9999; area an id of ivm_areas(), 1..64 bytes without spaces
 * or tabs at either end; ind < table n; st IVM_OK with a finite v, or
 * IVM_MISSING / IVM_SECRET with v NaN (in the flat layout only for an
 * IVM_VALUE part); the flat layout never gives the respondents row.
 * A number of respondents (an IVM_N part, or the IVM_VALUE part of the
 * respondents row) is a whole number 0 .. 2^53: a row with another is
 * rejected (type-error/integer, constraint-error/maximum).  No two parts share
 * (year, area, ind, marge). */
struct ivm_part {
	int		 year;
	uint32_t	 area;
	int		 ind;
	int		 marge;
	double		 v;
	enum ivm_cell	 st;
};

/* A rejected record: reject_row(rj, source, line, row, field, code, "%s",
 * msg).  source and field are valid until the next ivm_read. */
struct ivm_reject {
	const char	*source;	/* _file, or the stream's name */
	unsigned long	 line;		/* _line, or the record's line */
	unsigned long	 row;		/* 1 = first record */
	const char	*field;		/* column name, or NULL */
	const char	*code;		/* QUALITY.md §2.3 */
	char		 msg[96];
};

/* A warning (schema-drift): the caller counts and prints it. */
struct ivm_warn {
	void		(*fn)(void *arg, const char *source,
			    unsigned long line, const char *code,
			    const char *msg);
	void		*arg;
};

struct ivm;

/* A reader that resolves against t and, when pp is not NULL, the
 * DataProperties titles (both must outlive it).  decimal: '.' or ',', or 0
 * for the layout's own.  w may be NULL. */
struct ivm	*ivm_new(const struct ivm_table *t, const struct ivm_props *pp,
		    int decimal, const struct ivm_warn *w);
/* Take in's header: find the layout and resolve the indicator columns.
 * 0, or -1 with ivm_errmsg() ("file:1: code: why", or in's own error).
 * One stream per reader; in must outlive the reads. */
int		 ivm_begin(struct ivm *, struct rec_reader *in);
/* Read one record: 1 kept (its parts added), 2 rejected (*rj says why),
 * 0 end of input, -1 a stream error (ivm_errmsg()), or -1 at once when
 * ivm_begin did not succeed. */
int		 ivm_read(struct ivm *, struct ivm_reject *rj);
const char	*ivm_errmsg(const struct ivm *);
/* The StatLine layout (true) or the flat one. */
bool		 ivm_statline(const struct ivm *);
/* The parts so far, in reading order; the caller may reorder them. */
struct ivm_part	*ivm_parts(struct ivm *, size_t *n);
/* Area codes of the parts, by id; valid until ivm_free. */
const struct intern *ivm_areas(const struct ivm *);
void		 ivm_free(struct ivm *);

#endif
