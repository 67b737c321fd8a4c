/* vschema -- the schema files of vb-validate(1): parse, print, free.
 *
 * A schema is a line-based text file: '#' starts a comment (at the start of
 * a line or after white space), words are separated by spaces and tabs, and
 * each line is one directive: "field NAME TYPE attr...", "other TYPE
 * attr...", "dialect item...", "match POLICY", "primary-key a,b",
 * "unique-rows".  Code lists ("codes=FILE:COLUMN") are record streams read
 * at load time, relative to the schema's directory or the given reference
 * directory.  (lib/rec.h's struct schema is a record header; this one is
 * named vschema.)  Nothing here exits or prints: errors come back as text. */
#ifndef VB_VSCHEMA_H
#define VB_VSCHEMA_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "csvin.h"

enum vschema_type { VS_STRING, VS_INTEGER, VS_NUMBER, VS_DATE, VS_CODE,
	VS_PERIOD };
enum vschema_personal { VS_PERSONAL_NONE, VS_PERSONAL_QUASI,
	VS_PERSONAL_DIRECT };
enum vschema_match { VS_MATCH_EXACT, VS_MATCH_EQUAL, VS_MATCH_SUBSET,
	VS_MATCH_SUPERSET, VS_MATCH_PARTIAL };

/* "string", "integer", ... indexed by enum vschema_type. */
extern const char *const vschema_type_names[];

/* A comma list, split into owned strings ("a,,b" is three, "" is one). */
struct vschema_list {
	char		**s;
	size_t		 n;
};

/* One declared field (or the template of the 'other' line). */
struct vschema_field {
	char		*name;
	enum vschema_type type;
	char		*format;	/* date format, default %Y-%m-%d */
	bool		 required, unique, trim;
	enum vschema_personal personal;
	char		*pattern;	/* as written; NULL: none */
	regex_t		 re;		/* ^(pattern)$, when pattern != NULL */
	struct vschema_list enumv;
	struct vschema_list missing;	/* declared missing values besides "" */
	char		*codes_spec;	/* FILE:COLUMN as written; NULL: none */
	struct hashtab	*codes;		/* 1 key; value: unsigned long, the
					   times the code is listed */
	bool		 has_min, has_max;
	double		 min, max;
	long		 minlen, maxlen;	/* -1: none */
	int		 decimal, group;	/* 0: not declared */
	int		 col;		/* the caller's: data column; -1 after
					   loading */
};

struct vschema {
	char		*path;
	struct vschema_field *f;
	size_t		 nf;
	enum vschema_match match;
	bool		 records;	/* input is a vb record stream */
	struct csv_dialect d;
	size_t		*pk;		/* field indexes */
	size_t		 npk;
	bool		 unique_rows;
	struct vschema_field *other;	/* checks for undeclared columns */
};

/* Load the schema file path; code lists are relative to refdir, or to the
 * schema's directory when refdir is NULL.  NULL on failure, with the
 * message in err: "path:line: config-error: why", or "config-error: cannot
 * read schema path: strerror" when the file cannot be read. */
struct vschema	*vschema_load(const char *path, const char *refdir, char *err,
		    size_t errlen);
/* Same, from a caller-owned buffer named name (tests, fuzzing); code lists
 * are relative to refdir (NULL: the directory part of name). */
struct vschema	*vschema_load_mem(const void *buf, size_t len,
		    const char *name, const char *refdir, char *err,
		    size_t errlen);
void		 vschema_free(struct vschema *);
/* Write s in canonical form: one directive per line, every attribute that
 * is set, in a fixed order.  Loading that text (with the same reference
 * directory) gives a schema that prints the same.  -1 on a write error. */
int		 vschema_print(FILE *, const struct vschema *s);

/* Is p[0..len-1] one of the strings of l? */
bool		 vschema_list_has(const struct vschema_list *l, const char *p,
		    size_t len);
/* The times the code p[0..len-1] is listed in f's code list (0: absent);
 * f must have one. */
unsigned long	 vschema_code_count(const struct vschema_field *f,
		    const char *p, size_t len);

#endif
