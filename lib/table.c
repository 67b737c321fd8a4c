/* table -- a whole record stream held in memory (see table.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "rec.h"
#include "table.h"

static struct table *
table_alloc(void)
{
	struct table *t = xcalloc(1, sizeof(*t));

	return t;
}

struct table *
table_new(const char *const *names, size_t n)
{
	struct table *t = table_alloc();
	size_t i;

	t->ncols = n;
	t->name = xcalloc(n + 1, sizeof(*t->name));
	for (i = 0; i < n; i++)
		t->name[i] = arena_strndup(&t->mem, names[i],
		    strlen(names[i]));
	return t;
}

static void
table_grow(struct table *t)
{
	size_t cap;

	if (t->nrows < t->cap)
		return;
	cap = t->cap ? 2 * t->cap : 64;
	t->cell = xrealloc(t->cell, cap * (t->ncols ? t->ncols : 1) *
	    sizeof(*t->cell));
	t->line = xrealloc(t->line, cap * sizeof(*t->line));
	t->cap = cap;
}

size_t
table_add(struct table *t, const char *const *cells, size_t n)
{
	size_t i, r;

	table_grow(t);
	r = t->nrows++;
	for (i = 0; i < t->ncols; i++)
		t->cell[r * t->ncols + i] = arena_strndup(&t->mem,
		    i < n ? cells[i] : "", i < n ? strlen(cells[i]) : 0);
	t->line[r] = 0;
	return r;
}

int
table_add_col(struct table *t, const char *name)
{
	char **cell;
	size_t r, i, nc;
	int c = table_col(t, name);

	if (c >= 0)
		return c;
	nc = t->ncols + 1;
	cell = xcalloc((t->cap ? t->cap : 1) * nc, sizeof(*cell));
	for (r = 0; r < t->nrows; r++) {
		for (i = 0; i < t->ncols; i++)
			cell[r * nc + i] = t->cell[r * t->ncols + i];
		cell[r * nc + t->ncols] = arena_strndup(&t->mem, "", 0);
	}
	free(t->cell);
	t->cell = cell;
	t->name = xrealloc(t->name, (nc + 1) * sizeof(*t->name));
	t->name[t->ncols] = arena_strndup(&t->mem, name, strlen(name));
	t->ncols = nc;
	return (int)(nc - 1);
}

static struct table *
table_fill(struct rec_reader *in, char *err, size_t errlen)
{
	const struct schema *sc = rec_schema(in);
	struct table *t;
	struct record r;
	size_t i, row;
	int rc;

	t = table_new(sc->name, sc->ncols);
	snprintf(t->src, sizeof(t->src), "%s", rec_name(in));
	while ((rc = rec_read(in, &r)) == 1) {
		table_grow(t);
		row = t->nrows++;
		for (i = 0; i < t->ncols; i++)
			t->cell[row * t->ncols + i] = arena_strndup(&t->mem,
			    r.f[i].p, r.f[i].len);
		t->line[row] = r.line;
	}
	if (rc < 0) {
		snprintf(err, errlen, "%s", rec_errmsg(in));
		rec_close(in);
		table_free(t);
		return NULL;
	}
	if (rec_close(in) != 0) {
		snprintf(err, errlen, "%s: io-error: %s", t->src,
		    strerror(errno));
		table_free(t);
		return NULL;
	}
	return t;
}

struct table *
table_load(const char *path, char *err, size_t errlen)
{
	struct rec_reader *in;

	if ((in = rec_open(path)) == NULL) {
		snprintf(err, errlen, "source-missing: %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	if (rec_schema(in)->ncols == 0) {
		struct record r;

		rec_read(in, &r);
		snprintf(err, errlen, "%s", rec_errmsg(in));
		rec_close(in);
		return NULL;
	}
	return table_fill(in, err, errlen);
}

struct table *
table_load_mem(const void *buf, size_t len, const char *name, char *err,
    size_t errlen)
{
	struct rec_reader *in;

	if ((in = rec_open_mem(buf, len, name)) == NULL) {
		snprintf(err, errlen, "%s: io-error: %s", name,
		    strerror(errno));
		return NULL;
	}
	if (rec_schema(in)->ncols == 0) {
		struct record r;

		rec_read(in, &r);
		snprintf(err, errlen, "%s", rec_errmsg(in));
		rec_close(in);
		return NULL;
	}
	return table_fill(in, err, errlen);
}

void
table_free(struct table *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->cell);
	free(t->line);
	arena_free(&t->mem);
	free(t);
}

int
table_col(const struct table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->name[i], name) == 0)
			return (int)i;
	return -1;
}

const char *
table_get(const struct table *t, size_t row, int col)
{
	if (col < 0 || (size_t)col >= t->ncols || row >= t->nrows)
		return "";
	return t->cell[row * t->ncols + (size_t)col];
}

void
table_set(struct table *t, size_t row, int col, const char *s)
{
	if (col < 0 || (size_t)col >= t->ncols || row >= t->nrows)
		return;
	t->cell[row * t->ncols + (size_t)col] = arena_strndup(&t->mem, s,
	    strlen(s));
}

bool
table_is_number(const char *s)
{
	const char *p = s;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

bool
table_num(const char *s, double *out)
{
	if (!table_is_number(s))
		return false;
	return field_double(field_str(s), out);
}

static const char *const code_cols[] = {
	"period", "area", "level", "soort", "theme", "name", "title",
	"status", "parent", "gemeente", "wijk", "buurt", "grp", "denom",
	"disc", "tags", "notes", "note", "indicator", "tier", "code",
	"source", "file", "sha256", "stage", "message", NULL
};

bool
table_is_code_col(const char *name)
{
	size_t i;

	if (name[0] == '_')
		return true;
	for (i = 0; code_cols[i] != NULL; i++)
		if (strcmp(name, code_cols[i]) == 0)
			return true;
	return false;
}

bool
table_is_symbol(const char *s)
{
	return strcmp(s, ".") == 0 || strcmp(s, "x") == 0 ||
	    strcmp(s, "-") == 0 || strcmp(s, "<5") == 0;
}

bool *
table_numeric_cols(const struct table *t)
{
	bool *num = xcalloc(t->ncols + 1, sizeof(*num));
	size_t c, r;

	for (c = 0; c < t->ncols; c++) {
		bool any = false, all = true;

		if (table_is_code_col(t->name[c]))
			continue;
		for (r = 0; r < t->nrows && all; r++) {
			const char *v = table_get(t, r, (int)c);

			if (v[0] == '\0' || table_is_symbol(v))
				continue;
			if (table_is_number(v))
				any = true;
			else
				all = false;
		}
		num[c] = any && all;
	}
	return num;
}
