/* fuzz_ivm -- the Veiligheidsmonitor reader (lib/ivm) on arbitrary bytes:
 * a record stream in the StatLine or the flat layout, and optionally its own
 * indicator table and DataProperties.
 *
 * Input byte 0: bits 0-2 a read chunk size, bits 3-4 the decimal character
 * (layout's own, '.', ',', layout's own), bit 5 the sample DataProperties.
 * The rest is split at lines "%%": the stream, then an indicator table
 * (default: sample-data/ivm-indicators.tsv, the table of
 * pipelines/veiligheidsmonitor.sh), then a DataProperties CSV (default:
 * none, or with bit 5 sample-data/surveys/81877NED_DataProperties.csv).
 * The sample files are read relative to the working directory, the project
 * root under make and scripts/fuzz.sh.
 *
 * Checked, abort() on a violation:
 *  - a table or properties file that fails to load says where ("NAME:LINE:
 *    " in its message); a loaded table keeps the contract of ivm.h (ids
 *    unique and non-empty, a stem and a unit, direction "", "0" or "1",
 *    breaks 1900..2999, at most one unit "n" row and respondents naming it);
 *  - every error of the stream starts "fuzz:LINE: " and every warning is a
 *    schema-drift of line 1; every record, kept or rejected, has the next
 *    row number, a line >= 1 that increases when there is no _line column,
 *    and the source "fuzz" when there is no _file column; a reject has a
 *    code of QUALITY.md §2.3 and a message;
 *  - every part keeps the contract of ivm.h (year, area, indicator, margin,
 *    status and value ranges, whole respondent counts, no two parts with
 *    the same year, area, indicator and margin) and its year lies in its
 *    method series, between two breaks; a kept StatLine row adds
 *    as many parts as every other kept row, a kept flat row 1..5 with its
 *    value first;
 *  - reading in one piece and in small chunks gives the same parts,
 *    rejects, warnings and error, byte for byte;
 *  - the columns in reverse order (written back with rec_write) give the
 *    same parts and the same row verdicts and codes: columns are resolved by
 *    name, never by position (survey(1): "the order of rows and columns in
 *    the input does not matter"). */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "gzin.h"
#include "ivm.h"
#include "rec.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct sample {
	char	*p;
	size_t	 len;
};

static void
slurp(struct sample *s, const char *path)
{
	FILE *fp;
	char buf[4096];
	size_t n;

	if (s->p != NULL)
		return;
	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "fuzz_ivm: %s: run from the project root\n",
		    path);
		abort();
	}
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		if ((s->p = realloc(s->p, s->len + n + 1)) == NULL)
			abort();
		memcpy(s->p + s->len, buf, n);
		s->len += n;
	}
	fclose(fp);
	if (s->p == NULL)
		abort();
}

/* "NAME:" and digits and ": " somewhere in m. */
static bool
has_pos(const char *m, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = m; (p = strstr(p, name)) != NULL; p++) {
		const char *q = p + n;

		if (*q++ != ':' || *q < '1' || *q > '9')
			continue;
		while (*q >= '0' && *q <= '9')
			q++;
		if (q[0] == ':' && q[1] == ' ')
			return true;
	}
	return false;
}

/* m starts with "fuzz:LINE: ". */
static bool
starts_pos(const char *m)
{
	return strncmp(m, "fuzz:", 5) == 0 && has_pos(m, "fuzz") &&
	    m[5] >= '1' && m[5] <= '9' && strstr(m, ": ") ==
	    m + 5 + strspn(m + 5, "0123456789");
}

static void
check_table(const struct ivm_table *t)
{
	size_t i, j, nn = 0;

	if (t->n == 0)
		abort();
	for (i = 0; i < t->n; i++) {
		const struct ivm_indicator *d = &t->ind[i];

		if (d->id[0] == '\0' || d->stem[0] == '\0' ||
		    d->unit[0] == '\0' || (strcmp(d->direction, "") != 0 &&
		    strcmp(d->direction, "0") != 0 &&
		    strcmp(d->direction, "1") != 0))
			abort();
		for (j = 0; j < d->nbreaks; j++)
			if (d->breaks[j] < 1900 || d->breaks[j] > 2999)
				abort();
		for (j = 0; j < i; j++)
			if (strcmp(d->id, t->ind[j].id) == 0)
				abort();
		if (strcmp(d->unit, "n") == 0) {
			nn++;
			if (t->respondents != (int)i)
				abort();
		}
	}
	if (nn > 1 || (nn == 0 && t->respondents != -1))
		abort();
}

static const char *const codes[] = { "constraint-error/enum",
	"type-error/period", "constraint-error/required", "type-error/number",
	"primary-key", "foreign-key", "foreign-key/ambiguous",
	"type-error/integer", "constraint-error/maximum" };

struct run {
	struct digest	 d;
	struct digest	 parts;		/* the parts alone, in key order */
	int		 begin;		/* ivm_begin */
	int		 end;		/* the last ivm_read */
	unsigned long	 nwarn;
	char		*verdicts;	/* per record: 'k' or the code index */
	size_t		 nverdicts;
};

static void
warned(void *arg, const char *source, unsigned long line, const char *code,
    const char *msg)
{
	struct run *r = arg;

	if (strcmp(source, "fuzz") != 0 || line != 1 ||
	    strcmp(code, "schema-drift") != 0 || msg[0] == '\0')
		abort();
	r->nwarn++;
	dg_str(&r->d, msg, strlen(msg));
}

static int
cmp_part(const void *a, const void *b)
{
	const struct ivm_part *x = a, *y = b;

	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	if (x->area != y->area)
		return x->area < y->area ? -1 : 1;
	if (x->ind != y->ind)
		return x->ind < y->ind ? -1 : 1;
	return x->marge - y->marge;
}

/* The method series of year y is an interval around y from one break to
 * the next, with no break inside: "L-H", "-H" or "L-" (L a break, H + 1
 * a break), or "" when the indicator has no breaks. */
static void
check_series(const struct ivm_indicator *d, int y)
{
	char buf[32], *e;
	long lo = -1, hi = -1;
	size_t i;
	bool lo_ok = false, hi_ok = false;

	ivm_series(d, y, buf, sizeof(buf));
	if (d->nbreaks == 0) {
		if (buf[0] != '\0')
			abort();
		return;
	}
	e = buf;
	if (*e != '-')
		lo = strtol(e, &e, 10);
	if (*e++ != '-')
		abort();
	if (*e != '\0')
		hi = strtol(e, &e, 10);
	if (*e != '\0' || (lo < 0 && hi < 0) || (lo >= 0 && lo > y) ||
	    (hi >= 0 && hi < y))
		abort();
	for (i = 0; i < d->nbreaks; i++) {
		lo_ok |= d->breaks[i] == lo;
		hi_ok |= d->breaks[i] == hi + 1;
		if (d->breaks[i] > lo && (hi < 0 || d->breaks[i] <= hi))
			abort();
	}
	if ((lo >= 0 && !lo_ok) || (hi >= 0 && !hi_ok))
		abort();
}

static void
dg_part(struct digest *d, const struct ivm *s, const struct ivm_part *p)
{
	const char *a = intern_str(ivm_areas(s), p->area);

	dg_num(d, (unsigned long)p->year);
	dg_str(d, a, strlen(a));
	dg_num(d, (unsigned long)p->ind);
	dg_num(d, (unsigned long)p->marge);
	dg_num(d, (unsigned long)p->st);
	dg_put(d, &p->v, sizeof(p->v));
}

/* Check the parts; their digest, in key order, into *sorted. */
static void
check_parts(struct ivm *s, const struct ivm_table *t, struct digest *sorted)
{
	const struct intern *areas = ivm_areas(s);
	struct ivm_part *p, *c;
	size_t n, i, len;
	const char *a;

	p = ivm_parts(s, &n);
	for (i = 0; i < n; i++) {
		if (p[i].year < 1900 || p[i].year > 9999 ||
		    p[i].area >= intern_count(areas) || p[i].ind < 0 ||
		    (size_t)p[i].ind >= t->n || p[i].marge < IVM_VALUE ||
		    p[i].marge > IVM_N)
			abort();
		check_series(&t->ind[p[i].ind], p[i].year);
		a = intern_str(areas, p[i].area);
		len = intern_len(areas, p[i].area);
		if (len == 0 || len > 64 || a[0] == ' ' || a[0] == '\t' ||
		    a[len - 1] == ' ' || a[len - 1] == '\t')
			abort();
		switch (p[i].st) {
		case IVM_OK:
			if (!isfinite(p[i].v))
				abort();
			break;
		case IVM_MISSING:
		case IVM_SECRET:
			if (!isnan(p[i].v) || (!ivm_statline(s) &&
			    p[i].marge != IVM_VALUE))
				abort();
			break;
		default:
			abort();
		}
		if (ivm_statline(s) ? p[i].marge > IVM_UPPER :
		    p[i].ind == t->respondents)
			abort();
		/* A number of respondents: a whole count, exact in a
		 * double, so that survey's (long) of it is defined. */
		if (p[i].st == IVM_OK && (p[i].marge == IVM_N ||
		    (p[i].ind == t->respondents && p[i].marge == IVM_VALUE)) &&
		    (p[i].v < 0 || p[i].v > 0x1p53 || p[i].v != floor(p[i].v)))
			abort();
	}
	if (n == 0)
		return;
	if ((c = malloc(n * sizeof(*c))) == NULL)
		abort();
	memcpy(c, p, n * sizeof(*c));
	qsort(c, n, sizeof(*c), cmp_part);
	for (i = 1; i < n; i++)
		if (cmp_part(&c[i - 1], &c[i]) == 0)
			abort();
	for (i = 0; i < n; i++)
		dg_part(sorted, s, &c[i]);
	free(c);
}

/* Read the stream buf through the reader; digest what comes out. */
static void
read_all(const void *buf, size_t len, const struct ivm_table *t,
    const struct ivm_props *pp, int decimal, struct run *ru)
{
	struct ivm_warn w = { warned, ru };
	struct rec_reader *in;
	struct ivm_reject x;
	struct ivm_part *p;
	struct ivm *s;
	bool lcol, fcol;
	unsigned long row = 0, line = 0;
	size_t n, before = 0, per_row = 0, i;
	int rc;

	memset(ru, 0, sizeof(*ru));
	if ((in = rec_open_mem(buf, len, "fuzz")) == NULL)
		abort();
	s = ivm_new(t, pp, decimal, &w);
	ru->begin = ivm_begin(s, in);
	/* Never an empty digest: dg_same would memcmp a NULL pointer. */
	dg_num(&ru->d, (unsigned long)(ru->begin + 1));
	if (ru->begin != 0) {
		if (ru->begin != -1 || !starts_pos(ivm_errmsg(s)))
			abort();
		dg_str(&ru->d, ivm_errmsg(s), strlen(ivm_errmsg(s)));
		ru->d.failed = 1;
		ru->d.gz_error = strstr(ivm_errmsg(s),
		    ": compression-error: ") != NULL;
		goto done;
	}
	lcol = schema_col(rec_schema(in), "_line") >= 0;
	fcol = schema_col(rec_schema(in), "_file") >= 0;
	while ((rc = ivm_read(s, &x)) > 0) {
		if (rc > 2 || x.row != ++row || x.line < 1 ||
		    (!lcol && x.line <= line) || x.source == NULL ||
		    x.source[0] == '\0' || (!fcol && strcmp(x.source,
		    "fuzz") != 0))
			abort();
		line = x.line;
		ru->verdicts = realloc(ru->verdicts, ru->nverdicts + 1);
		if (ru->verdicts == NULL)
			abort();
		p = ivm_parts(s, &n);
		dg_num(&ru->d, (unsigned long)rc);
		dg_num(&ru->d, x.line);
		dg_str(&ru->d, x.source, strlen(x.source));
		if (rc == 1) {
			ru->verdicts[ru->nverdicts++] = 'k';
			if (n <= before)
				abort();
			if (ivm_statline(s)) {
				if (per_row != 0 && n - before != per_row)
					abort();
				per_row = n - before;
			} else if (n - before > 5 ||
			    p[before].marge != IVM_VALUE) {
				abort();
			}
			for (i = before; i < n; i++)
				dg_part(&ru->d, s, &p[i]);
			before = n;
			continue;
		}
		if (n != before || x.code == NULL || x.msg[0] == '\0')
			abort();
		for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
			if (strcmp(x.code, codes[i]) == 0)
				break;
		if (i == sizeof(codes) / sizeof(codes[0]))
			abort();
		ru->verdicts[ru->nverdicts++] = (char)('0' + i);
		dg_str(&ru->d, x.code, strlen(x.code));
		dg_str(&ru->d, x.field ? x.field : "-", x.field ?
		    strlen(x.field) : 1);
		dg_str(&ru->d, x.msg, strlen(x.msg));
	}
	ru->d.rows_len = ru->d.len;
	ru->end = rc;
	if (rc < 0) {
		if (rc != -1 || !starts_pos(ivm_errmsg(s)))
			abort();
		ru->d.failed = 1;
		ru->d.gz_error = strstr(ivm_errmsg(s),
		    ": compression-error: ") != NULL;
		dg_str(&ru->d, ivm_errmsg(s), strlen(ivm_errmsg(s)));
	}
	check_parts(s, t, &ru->parts);
done:
	ivm_free(s);
	rec_close(in);
}

/* The same parts in a and b; where a gzip member turns out corrupt, the
 * parts read before depend on the read sizes and dg_same compares them. */
static void
dg_same_parts(const struct run *a, const struct run *b)
{
	if (a->d.gz_error || b->d.gz_error)
		return;
	if (a->parts.len != b->parts.len || (a->parts.len > 0 &&
	    memcmp(a->parts.p, b->parts.p, a->parts.len) != 0))
		abort();
}

/* The stream with its columns in reverse order, or NULL when it does not
 * read to its end. */
static char *
reversed(const void *buf, size_t len, size_t *outlen)
{
	struct rec_reader *in;
	struct rec_writer *w = NULL;
	struct schema *rsc = NULL;
	const struct schema *sc;
	struct field *f = NULL;
	struct record r;
	char *out = NULL;
	FILE *fp;
	size_t i;
	int rc;

	if ((in = rec_open_mem(buf, len, "fuzz")) == NULL)
		abort();
	if ((fp = open_memstream(&out, outlen)) == NULL)
		abort();
	sc = rec_schema(in);
	if (sc->ncols > 0) {
		const char **nm = malloc(sc->ncols * sizeof(*nm));

		f = malloc(sc->ncols * sizeof(*f));
		if (nm == NULL || f == NULL)
			abort();
		for (i = 0; i < sc->ncols; i++)
			nm[i] = sc->name[sc->ncols - 1 - i];
		rsc = schema_new(nm, sc->ncols);
		free(nm);
		w = rec_wopen(fp, rsc);
	}
	while ((rc = rec_read(in, &r)) == 1) {
		for (i = 0; i < r.nf; i++)
			f[i] = r.f[r.nf - 1 - i];
		rec_write(w, f, r.nf);
	}
	if (w != NULL && rec_wclose(w) != 0)
		abort();
	fclose(fp);
	if (rc == 0 && sc->ncols == 0)
		rc = -1;
	rec_close(in);
	if (rsc != NULL)
		schema_free(rsc);
	free(f);
	if (rc != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* The next section of [*p, end) up to a line "%%". */
static size_t
section(const char **p, const char *end, const char **start)
{
	const char *s = *p, *e;
	size_t n = (size_t)(end - s);

	*start = s;
	for (e = s; e + 3 <= end; e++)
		if ((e == s || e[-1] == '\n') && memcmp(e, "%%\n", 3) == 0) {
			*p = e + 3;
			return (size_t)(e - s);
		}
	*p = NULL;
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sample table_file, props_file;
	static const int decs[] = { 0, '.', ',', 0 };
	struct ivm_table *t;
	struct ivm_props *pp = NULL;
	struct run a, b, c;
	const char *p, *end, *sp, *tp = NULL, *pr = NULL;
	char err[1024], *rev;
	size_t slen, tlen = 0, plen = 0, rlen;
	int dec;

	if (size < 1)
		return 0;
	slurp(&table_file, "sample-data/ivm-indicators.tsv");
	slurp(&props_file, "sample-data/surveys/81877NED_DataProperties.csv");
	dec = decs[(data[0] >> 3) & 3];
	p = (const char *)data + 1;
	end = (const char *)data + size;
	slen = section(&p, end, &sp);
	if (p != NULL)
		tlen = section(&p, end, &tp);
	if (p != NULL)
		plen = section(&p, end, &pr);

	gzin_mem_chunk = 0;
	err[0] = '\0';
	t = tp != NULL ? ivm_table_load_mem(tp, tlen, "fuzz-table", err,
	    sizeof(err)) : ivm_table_load_mem(table_file.p, table_file.len,
	    "table", err, sizeof(err));
	if (t == NULL) {
		if (!has_pos(err, tp != NULL ? "fuzz-table" : "table"))
			abort();
		return 0;
	}
	check_table(t);
	if (pr != NULL || (data[0] & 0x20)) {
		pp = pr != NULL ? ivm_props_load_mem(pr, plen, "fuzz-props",
		    err, sizeof(err)) : ivm_props_load_mem(props_file.p,
		    props_file.len, "props", err, sizeof(err));
		if (pp == NULL) {
			if (!has_pos(err, pr != NULL ? "fuzz-props" : "props"))
				abort();
			ivm_table_free(t);
			return 0;
		}
	}

	read_all(sp, slen, t, pp, dec, &a);
	gzin_mem_chunk = 1 + (data[0] & 7);
	read_all(sp, slen, t, pp, dec, &b);
	gzin_mem_chunk = 0;
	dg_same(&a.d, &b.d);
	dg_same_parts(&a, &b);
	if (a.nwarn != b.nwarn)
		abort();

	/* Columns in reverse order: the same parts and verdicts. */
	if ((rev = reversed(sp, slen, &rlen)) != NULL) {
		read_all(rev, rlen, t, pp, dec, &c);
		/* Warnings come column by column until a header error. */
		if (c.begin != a.begin ||
		    (a.begin == 0 && c.nwarn != a.nwarn) || c.end != a.end ||
		    c.nverdicts != a.nverdicts ||
		    (a.nverdicts > 0 && memcmp(c.verdicts, a.verdicts,
		    a.nverdicts) != 0))
			abort();
		dg_same_parts(&a, &c);
		free(c.d.p);
		free(c.parts.p);
		free(c.verdicts);
		free(rev);
	}
	free(a.d.p);
	free(b.d.p);
	free(a.parts.p);
	free(b.parts.p);
	free(a.verdicts);
	free(b.verdicts);
	ivm_props_free(pp);
	ivm_table_free(t);
	return 0;
}
