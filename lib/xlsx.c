/* xlsx -- an .xlsx workbook with one sheet per table (see xlsx.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "msg.h"
#include "table.h"
#include "xlsx.h"


#ifdef HAVE_XLSXWRITER
#include <xlsxwriter.h>

struct xlsx {
	lxw_workbook	*wb;
	lxw_format	*bold;
	char		*path;
	char		*tmp;
	char		 names[64][32];
	int		 nsheets;
	bool		 symbols;
	bool		 en;
};

struct xlsx *
xlsx_open(const char *path, char *err, size_t errlen)
{
	struct xlsx *x = xcalloc(1, sizeof(*x));
	lxw_workbook_options wo = { .constant_memory = LXW_FALSE,
	    .tmpdir = NULL };

	x->path = xstrdup(path);
	x->tmp = xmalloc(strlen(path) + 16);
	sprintf(x->tmp, "%s.tmp%ld", path, (long)getpid());
	if ((x->wb = workbook_new_opt(x->tmp, &wo)) == NULL) {
		snprintf(err, errlen, "io-error: %s: cannot create workbook",
		    path);
		free(x->path);
		free(x->tmp);
		free(x);
		return NULL;
	}
	/* SOURCE_DATE_EPOCH fixes the creation time, so that a rerun gives
	 * the same bytes; otherwise libxlsxwriter takes the current time. */
	{
		lxw_doc_properties props = { .title = "vb" };
		const char *e = getenv("SOURCE_DATE_EPOCH");

		if (e != NULL)
			props.created = (time_t)strtol(e, NULL, 10);
		workbook_set_properties(x->wb, &props);
	}
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	return x;
}


void
xlsx_sheet(struct xlsx *x, const char *src, const struct table *t, bool en)
{
	lxw_worksheet *ws;
	const char *base = strrchr(src, '/');
	char name[32];
	size_t c, r, len;
	bool *num;
	int i, dup;

	base = base != NULL ? base + 1 : src;
	if (strcmp(base, "-") == 0)
		base = "data";
	len = strcspn(base, ".");
	if (len > 28)
		len = 28;
	snprintf(name, sizeof(name), "%.*s", (int)len, base);
	for (i = 0; name[i] != '\0'; i++)
		if (strchr("[]:*?/\\", name[i]) != NULL)
			name[i] = '_';
	for (dup = 2;; dup++) {
		bool clash = false;

		for (i = 0; i < x->nsheets; i++)
			clash |= strcmp(x->names[i], name) == 0;
		if (!clash)
			break;
		snprintf(name, sizeof(name), "%.*s_%d", (int)len, base, dup);
	}
	if (x->nsheets < 64)
		snprintf(x->names[x->nsheets++], 32, "%s", name);
	ws = workbook_add_worksheet(x->wb, name);
	num = table_numeric_cols(t);
	for (c = 0; c < t->ncols; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, t->name[c],
		    x->bold);
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			const char *v = table_get(t, r, (int)c);
			double d;

			if (v[0] == '\0')
				continue;
			if (table_is_symbol(v))
				x->symbols = true;
			if (num[c] && table_num(v, &d))
				worksheet_write_number(ws, (lxw_row_t)(r + 1),
				    (lxw_col_t)c, d, NULL);
			else
				worksheet_write_string(ws, (lxw_row_t)(r + 1),
				    (lxw_col_t)c, v, NULL);
		}
	worksheet_freeze_panes(ws, 1, 0);
	x->en = en;
	free(num);
}

int
xlsx_close(struct xlsx *x, char *err, size_t errlen)
{
	lxw_error e;
	int rc = 0;

	if (x->symbols) {
		static const char *const nl[][2] = {
			{ ".", "gegevens ontbreken of onbetrouwbaar" },
			{ "x", "geheim (onthullingsrisico)" },
			{ "-", "nihil" },
			{ "<5", "1 tot en met 4" } };
		static const char *const en[][2] = {
			{ ".", "missing or unreliable" },
			{ "x", "secret (disclosure risk)" },
			{ "-", "nil" },
			{ "<5", "1 to 4" } };
		lxw_worksheet *ws = workbook_add_worksheet(x->wb,
		    x->en ? "notes" : "toelichting");
		int i;

		for (i = 0; i < 4; i++) {
			worksheet_write_string(ws, (lxw_row_t)i, 0,
			    x->en ? en[i][0] : nl[i][0], x->bold);
			worksheet_write_string(ws, (lxw_row_t)i, 1,
			    x->en ? en[i][1] : nl[i][1], NULL);
		}
	}
	if ((e = workbook_close(x->wb)) != LXW_NO_ERROR) {
		snprintf(err, errlen, "io-error: %s: %s", x->path,
		    lxw_strerror(e));
		unlink(x->tmp);
		rc = -1;
	} else if (rename(x->tmp, x->path) != 0) {
		snprintf(err, errlen, "io-error: %s: %s", x->path,
		    strerror(errno));
		unlink(x->tmp);
		rc = -1;
	}
	free(x->path);
	free(x->tmp);
	free(x);
	return rc;
}

void
xlsx_abort(struct xlsx *x)
{
	unlink(x->tmp);
}

#else

struct xlsx *
xlsx_open(const char *path, char *err, size_t errlen)
{
	snprintf(err, errlen, "config-error: %s: vb was built without "
	    "libxlsxwriter (build with -DHAVE_XLSXWRITER -lxlsxwriter)",
	    path);
	return NULL;
}

void
xlsx_sheet(struct xlsx *x, const char *src, const struct table *t, bool en)
{
	(void)x;
	(void)src;
	(void)t;
	(void)en;
}

int
xlsx_close(struct xlsx *x, char *err, size_t errlen)
{
	(void)x;
	snprintf(err, errlen, "config-error: built without libxlsxwriter");
	return -1;
}

void
xlsx_abort(struct xlsx *x)
{
	(void)x;
}

#endif
