/* clean -- normalise records by a declarative per-source rules file.
 *
 * Reads one record stream and a rules file (vb-clean(1) documents the
 * language): renames columns, trims and unpads codes, turns CBS period codes
 * into period/year/month (and provisional from a Perioden list), CBS cell
 * symbols into count/status, checks codes against reference tables and maps
 * them (soort -> theme, area -> level), then keeps, drops or reorders the
 * columns.  Columns: those of the input (renamed) plus the derived ones the
 * rules name; _line and _file, when present, give the positions of rejects.
 * A record that fails a rule stops the run, or goes to --rejects.  Reference
 * tables are loaded once; per record nothing is allocated.  Cleaning a
 * cleaned stream again with the same rules changes nothing. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cbs.h"
#include "csvin.h"
#include "intern.h"
#include "msg.h"
#include "opt.h"
#include "progress.h"
#include "rec.h"
#include "reject.h"

/* A reference table, loaded when a rule first needs it. */
struct ref {
	char		*name;
	char		*path;
	struct schema	*sc;
	size_t		 nrows;
	const char	**cell;		/* nrows * ncols, trimmed */
	bool		 loaded;
};

/* One column of a reference indexed by another: key id -> value. */
struct lookup {
	struct intern	*keys;
	const char	**val;		/* NULL for a plain check */
};

enum op { OP_TRIM, OP_AREACODE, OP_PERIOD, OP_PROVISIONAL, OP_COUNT,
	OP_CHECK, OP_MAP };

struct rule {
	enum op		 op;
	unsigned long	 line;		/* in the rules file */
	char		*field;		/* the column it reads */
	char		*refname;
	char		*keycol, *valcol, *outname;
	int		 col;		/* work column of field */
	int		 out, out2;	/* work columns it writes */
	int		 status;	/* OP_COUNT: status column */
	bool		 status_in;	/* status came with the input */
	int		 pflags;	/* OP_PERIOD, OP_PROVISIONAL: cbs.h
					   flags */
	struct lookup	 lk;
	char		 buf[32], buf2[32], buf3[32];	/* per row */
};

struct rename { char *from, *to; unsigned long line; };

struct rules {
	const char	*path;
	struct rule	*r;
	size_t		 nr;
	struct rename	*ren;
	size_t		 nren;
	char		**keep, **drop;
	size_t		 nkeep, ndrop;
	bool		 have_keep;
	struct ref	*refs;
	size_t		 nrefs;
};

/* The working row: input columns (renamed) plus derived ones. */
struct work {
	const char	**name;
	size_t		 n;
	size_t		 nin;		/* the first nin are input */
};

/* What lives for the whole run, reachable from here until exit. */
static struct arena pool;
static struct {
	struct rules	 rules;
	struct work	 work;
	struct schema	*osc;
	int		*oc;
	struct field	*w, *of;
	char		**refargs;
} run;

enum { OPT_REJECTS = 256, OPT_MAXREJ, OPT_MAXRATE, OPT_MAXREC, OPT_REF,
	OPT_VERSION, OPT_PROGRESS };

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "max-record-bytes", required_argument, NULL, OPT_MAXREC },
	{ "max-reject-rate", required_argument, NULL, OPT_MAXRATE },
	{ "max-rejects", required_argument, NULL, OPT_MAXREJ },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "ref", required_argument, NULL, OPT_REF },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "rules", required_argument, NULL, 'r' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static noreturn void
usage(int status)
{
	FILE *fp = status == 0 ? stdout : stderr;

	fprintf(fp, "usage: %s [-h] [--max-record-bytes n] "
	    "[--max-reject-rate r] [--max-rejects n]\n"
	    "          [--progress] [--ref name=path] [--rejects file] -r rules "
	    "[file]\n",
	    progname);
	if (status == 0)
		fputs("\nNormalise records by a rules file: rename, trim, "
		    "CBS periods and symbols,\nreference checks and maps, "
		    "column selection.  Streaming; reference tables\nare "
		    "held in memory.  See vb-clean(1).\n", fp);
	exit(status);
}

static noreturn void
config_error(const struct rules *rs, unsigned long line, const char *fmt,
    const char *arg)
{
	char msg[512];

	snprintf(msg, sizeof(msg), fmt, arg);
	if (line > 0)
		die(1, "%s:%lu: config-error: %s", rs->path, line, msg);
	die(1, "config-error: %s", msg);
}

/* Split line into at most max words on blanks; '#' starts a comment. */
static size_t
split_words(char *line, char **w, size_t max)
{
	size_t n = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (*p == '\0' || *p == '#')
			return n;
		if (n == max)
			return max + 1;
		w[n++] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r' &&
		    *p != '\n')
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
}

static struct ref *
ref_find(struct rules *rs, const char *name)
{
	size_t i;

	for (i = 0; i < rs->nrefs; i++)
		if (strcmp(rs->refs[i].name, name) == 0)
			return &rs->refs[i];
	return NULL;
}

/* Define (or, from --ref, override) reference name. */
static void
ref_define(struct rules *rs, const char *name, const char *path)
{
	struct ref *rf = ref_find(rs, name);

	if (rf == NULL) {
		rs->refs = xrealloc(rs->refs, (rs->nrefs + 1) *
		    sizeof(*rs->refs));
		rf = &rs->refs[rs->nrefs++];
		memset(rf, 0, sizeof(*rf));
		rf->name = xstrdup(name);
	} else {
		free(rf->path);
	}
	rf->path = xstrdup(path);
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void
ref_add_row(struct ref *rf, const struct field *f, size_t nf, size_t *cap)
{
	size_t i, nc = rf->sc->ncols;
	struct field t;

	if (rf->nrows == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		rf->cell = xrealloc(rf->cell, *cap * nc * sizeof(*rf->cell));
	}
	for (i = 0; i < nc; i++) {
		t = i < nf ? field_trim(f[i]) : field_str("");
		rf->cell[rf->nrows * nc + i] = arena_strndup(&pool, t.p,
		    t.len);
	}
	rf->nrows++;
}

/* Load a CSV (.csv, .csv.gz) or record-stream reference table. */
static void
ref_load(struct rules *rs, struct ref *rf)
{
	size_t cap = 0;
	int rc;

	if (rf->loaded)
		return;
	if (ends_with(rf->path, ".csv") || ends_with(rf->path, ".csv.gz")) {
		struct csv_dialect d = { 0 };
		struct csvin *in = csvin_open(rf->path, &d);
		struct csv_row r;

		if (in == NULL)
			die_errno(1, "source-missing: %s", rf->path);
		rc = csvin_read(in, &r);
		if (rc >= 0) {
			const struct schema *sc = csvin_schema(in);

			rf->sc = schema_new(sc->name, sc->ncols);
		}
		for (; rc == 1; rc = csvin_read(in, &r)) {
			if (r.code != NULL)
				die(1, "%s:%lu: %s: %s", rf->path, r.line,
				    r.code, r.msg);
			ref_add_row(rf, r.f, r.nf, &cap);
		}
		if (rc < 0)
			die(1, "%s", csvin_errmsg(in));
		csvin_close(in);
	} else {
		struct rec_reader *in = rec_open(rf->path);
		struct record r;

		if (in == NULL)
			die_errno(1, "source-missing: %s", rf->path);
		rc = rec_read(in, &r);
		if (rc >= 0) {
			const struct schema *sc = rec_schema(in);

			rf->sc = schema_new(sc->name, sc->ncols);
		}
		for (; rc == 1; rc = rec_read(in, &r))
			ref_add_row(rf, r.f, r.nf, &cap);
		if (rc < 0)
			die(1, "%s", rec_errmsg(in));
		rec_close(in);
	}
	(void)rs;
	rf->loaded = true;
}

/* Index column keycol of the rule's reference (and valcol, if any). */
static void
lookup_build(struct rules *rs, struct rule *ru)
{
	struct ref *rf = ref_find(rs, ru->refname);
	size_t i, nc;
	int kc, vc = -1;
	uint32_t id, n;

	if (rf == NULL)
		config_error(rs, ru->line, "no reference named '%s' "
		    "(a ref line or --ref)", ru->refname);
	ref_load(rs, rf);
	nc = rf->sc->ncols;
	if ((kc = schema_col(rf->sc, ru->keycol)) < 0)
		die(1, "%s:1: config-error: no column named '%s' (rules line "
		    "%lu)", rf->path, ru->keycol, ru->line);
	if (ru->valcol != NULL && (vc = schema_col(rf->sc, ru->valcol)) < 0)
		die(1, "%s:1: config-error: no column named '%s' (rules line "
		    "%lu)", rf->path, ru->valcol, ru->line);
	ru->lk.keys = intern_new();
	for (i = 0; i < rf->nrows; i++) {
		const char *k = rf->cell[i * nc + (size_t)kc];

		n = intern_count(ru->lk.keys);
		id = intern_id(ru->lk.keys, k, strlen(k));
		if (vc < 0)
			continue;
		if (id == n) {
			ru->lk.val = xrealloc(ru->lk.val, (n + 1) *
			    sizeof(*ru->lk.val));
			ru->lk.val[id] = rf->cell[i * nc + (size_t)vc];
		} else if (strcmp(ru->lk.val[id],
		    rf->cell[i * nc + (size_t)vc]) != 0) {
			die(1, "%s: config-error: key '%s' of column '%s' "
			    "maps to two values", rf->path, k, ru->keycol);
		}
	}
}

static char *
path_beside(const char *rules, const char *path)
{
	const char *slash = strrchr(rules, '/');
	char *p;
	size_t n;

	if (path[0] == '/' || slash == NULL)
		return xstrdup(path);
	n = (size_t)(slash - rules) + 1;
	p = xmalloc(n + strlen(path) + 1);
	memcpy(p, rules, n);
	strcpy(p + n, path);
	return p;
}

static struct rule *
rule_add(struct rules *rs, enum op op, unsigned long line, const char *field)
{
	struct rule *ru;

	rs->r = xrealloc(rs->r, (rs->nr + 1) * sizeof(*rs->r));
	ru = &rs->r[rs->nr++];
	memset(ru, 0, sizeof(*ru));
	ru->op = op;
	ru->line = line;
	ru->field = xstrdup(field);
	ru->col = ru->out = ru->out2 = ru->status = -1;
	return ru;
}

static void
list_add(char ***list, size_t *n, char *const *w, size_t nw)
{
	size_t i;

	*list = xrealloc(*list, (*n + nw) * sizeof(**list));
	for (i = 0; i < nw; i++)
		(*list)[(*n)++] = xstrdup(w[i]);
}

static void
rules_parse(struct rules *rs)
{
	FILE *fp;
	char *line = NULL, *w[16];
	size_t cap = 0, nw;
	unsigned long ln = 0;
	struct rule *ru;

	if ((fp = fopen(rs->path, "r")) == NULL)
		die_errno(1, "config-error: %s", rs->path);
	while (getline(&line, &cap, fp) != -1) {
		ln++;
		nw = split_words(line, w, 15);
		if (nw == 0)
			continue;
		if (nw > 15)
			config_error(rs, ln, "too many words%s", "");
#define NEED(lo, hi) do { if (nw < (lo) || nw > (hi))			\
	config_error(rs, ln, "wrong number of words for '%s'", w[0]);	\
	} while (0)
		if (strcmp(w[0], "ref") == 0) {
			NEED(3, 3);
			if (ref_find(rs, w[1]) == NULL) {
				char *p = path_beside(rs->path, w[2]);

				ref_define(rs, w[1], p);
				free(p);
			}
		} else if (strcmp(w[0], "rename") == 0) {
			NEED(3, 3);
			rs->ren = xrealloc(rs->ren, (rs->nren + 1) *
			    sizeof(*rs->ren));
			rs->ren[rs->nren].from = xstrdup(w[1]);
			rs->ren[rs->nren].to = xstrdup(w[2]);
			rs->ren[rs->nren++].line = ln;
		} else if (strcmp(w[0], "trim") == 0) {
			size_t i;

			NEED(2, 15);
			for (i = 1; i < nw; i++)
				rule_add(rs, OP_TRIM, ln, w[i]);
		} else if (strcmp(w[0], "areacode") == 0) {
			NEED(2, 2);
			rule_add(rs, OP_AREACODE, ln, w[1]);
		} else if (strcmp(w[0], "period") == 0) {
			NEED(2, 2);
			rule_add(rs, OP_PERIOD, ln, w[1]);
		} else if (strcmp(w[0], "provisional") == 0) {
			NEED(3, 5);
			ru = rule_add(rs, OP_PROVISIONAL, ln, w[1]);
			ru->refname = xstrdup(w[2]);
			ru->keycol = xstrdup(nw > 3 ? w[3] : "Key");
			ru->valcol = xstrdup(nw > 4 ? w[4] : "Status");
		} else if (strcmp(w[0], "count") == 0) {
			NEED(2, 2);
			rule_add(rs, OP_COUNT, ln, w[1]);
		} else if (strcmp(w[0], "check") == 0) {
			NEED(4, 4);
			ru = rule_add(rs, OP_CHECK, ln, w[1]);
			ru->refname = xstrdup(w[2]);
			ru->keycol = xstrdup(w[3]);
		} else if (strcmp(w[0], "map") == 0) {
			NEED(5, 6);
			ru = rule_add(rs, OP_MAP, ln, w[1]);
			ru->refname = xstrdup(w[2]);
			ru->keycol = xstrdup(w[3]);
			ru->valcol = xstrdup(w[4]);
			ru->outname = xstrdup(nw > 5 ? w[5] : w[4]);
		} else if (strcmp(w[0], "keep") == 0) {
			NEED(2, 15);
			list_add(&rs->keep, &rs->nkeep, w + 1, nw - 1);
			rs->have_keep = true;
		} else if (strcmp(w[0], "drop") == 0) {
			NEED(2, 15);
			list_add(&rs->drop, &rs->ndrop, w + 1, nw - 1);
		} else {
			config_error(rs, ln, "unknown directive '%s'", w[0]);
		}
#undef NEED
	}
	if (ferror(fp))
		die_errno(1, "io-error: %s", rs->path);
	free(line);
	fclose(fp);
}

static int
work_col(const struct work *wk, const char *name)
{
	size_t i;

	for (i = 0; i < wk->n; i++)
		if (strcmp(wk->name[i], name) == 0)
			return (int)i;
	return -1;
}

/* The column name, appended when the input does not have it. */
static int
work_ensure(struct work *wk, const char *name)
{
	int c = work_col(wk, name);

	if (c >= 0)
		return c;
	wk->name = xrealloc(wk->name, (wk->n + 1) * sizeof(*wk->name));
	wk->name[wk->n] = xstrdup(name);
	return (int)wk->n++;
}

static int
work_need(const struct rules *rs, const struct work *wk, const struct rule *ru)
{
	int c = work_col(wk, ru->field);

	if (c < 0)
		config_error(rs, ru->line, "the input has no column '%s'",
		    ru->field);
	return c;
}

/* Does the input come from a period directive already (it has year and
 * month)?  Then the normalised period forms are accepted as well, which
 * makes cleaning idempotent; raw input gets only the CBS codes. */
static bool
cleaned(const struct work *wk)
{
	int y = work_col(wk, "year"), m = work_col(wk, "month");

	return y >= 0 && m >= 0 && (size_t)y < wk->nin &&
	    (size_t)m < wk->nin;
}

/* Has a period directive before rule i normalised rule i's column? */
static bool
normalised_before(const struct rules *rs, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (rs->r[j].op == OP_PERIOD && rs->r[j].col == rs->r[i].col)
			return true;
	return false;
}

/* Does a rename after rename i rename i's new name again (a chain A -> B,
 * B -> C, which on its own output finds neither A nor B)? */
static bool
renamed_later(const struct rules *rs, size_t i)
{
	size_t j;

	for (j = i + 1; j < rs->nren; j++)
		if (strcmp(rs->ren[j].from, rs->ren[i].to) == 0)
			return true;
	return false;
}

/* Renames, then the columns each rule reads and writes, in rule order. */
static void
work_plan(struct rules *rs, struct work *wk, const struct schema *in)
{
	size_t i;
	int from, to;
	struct rule *ru;

	wk->n = wk->nin = in->ncols;
	wk->name = xcalloc(in->ncols, sizeof(*wk->name));
	for (i = 0; i < in->ncols; i++)
		wk->name[i] = xstrdup(in->name[i]);
	for (i = 0; i < rs->nren; i++) {
		from = work_col(wk, rs->ren[i].from);
		to = work_col(wk, rs->ren[i].to);
		if (from < 0 && (to >= 0 || renamed_later(rs, i)))
			continue;	/* renamed already: idempotent */
		if (from < 0)
			config_error(rs, rs->ren[i].line, "the input has no "
			    "column '%s'", rs->ren[i].from);
		if (to >= 0)
			config_error(rs, rs->ren[i].line, "the input has a "
			    "column '%s' already", rs->ren[i].to);
		free((char *)wk->name[from]);
		wk->name[from] = xstrdup(rs->ren[i].to);
	}
	for (i = 0; i < rs->nr; i++) {
		ru = &rs->r[i];
		ru->col = work_need(rs, wk, ru);
		switch (ru->op) {
		case OP_PERIOD:
			ru->pflags = cleaned(wk) ? CBS_NORMALISED : 0;
			ru->out = work_ensure(wk, "year");
			ru->out2 = work_ensure(wk, "month");
			break;
		case OP_PROVISIONAL:
			/* After a period directive the column holds its
			 * normalised form. */
			ru->pflags = cleaned(wk) || normalised_before(rs, i) ?
			    CBS_NORMALISED : 0;
			ru->out = work_ensure(wk, "provisional");
			lookup_build(rs, ru);
			break;
		case OP_COUNT:
			ru->status_in = work_col(wk, "status") >= 0 &&
			    (size_t)work_col(wk, "status") < wk->nin;
			ru->status = work_ensure(wk, "status");
			break;
		case OP_CHECK:
			lookup_build(rs, ru);
			break;
		case OP_MAP:
			ru->out = work_ensure(wk, ru->outname);
			lookup_build(rs, ru);
			break;
		default:
			break;
		}
	}
}

static bool
in_list(char *const *list, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

/* Output columns as indexes into the work row. */
static int *
out_plan(const struct rules *rs, const struct work *wk, size_t *nout)
{
	int *oc = xcalloc(wk->n + rs->nkeep + 1, sizeof(*oc));
	size_t i, n = 0;
	int c;

	for (i = 0; i < rs->ndrop; i++)
		if (work_col(wk, rs->drop[i]) < 0)
			config_error(rs, 0, "drop names '%s', which is not a "
			    "column", rs->drop[i]);
	if (rs->have_keep) {
		for (i = 0; i < rs->nkeep; i++) {
			if ((c = work_col(wk, rs->keep[i])) < 0)
				config_error(rs, 0, "keep names '%s', which "
				    "is not a column", rs->keep[i]);
			if (!in_list(rs->drop, rs->ndrop, rs->keep[i]))
				oc[n++] = c;
		}
	} else {
		for (i = 0; i < wk->n; i++)
			if (!in_list(rs->drop, rs->ndrop, wk->name[i]))
				oc[n++] = (int)i;
	}
	if (n == 0)
		config_error(rs, 0, "no output columns left%s", "");
	*nout = n;
	return oc;
}

static bool
all_digits(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

/* Unpadded area code: GM0935, WK093500, BU09350000, NL00; bare digits of a
 * pc6hnr-style key (0935, 093500, 09350000) get their prefix. */
static bool
areacode(struct field *f, char *buf)
{
	struct field t = field_trim(*f);
	static const char *const pre[] = { "GM", "WK", "BU" };
	size_t k;

	if (all_digits(t.p, t.len) && (t.len == 4 || t.len == 6 ||
	    t.len == 8)) {
		k = (t.len - 4) / 2;
		memcpy(buf, pre[k], 2);
		memcpy(buf + 2, t.p, t.len);
		buf[t.len + 2] = '\0';
		f->p = buf;
		f->len = t.len + 2;
		return true;
	}
	*f = t;
	if (t.len < 4)
		return false;
	if (memcmp(t.p, "NL", 2) == 0)
		return t.len == 4 && all_digits(t.p + 2, 2);
	for (k = 0; k < 3; k++)
		if (memcmp(t.p, pre[k], 2) == 0)
			return t.len == 6 + 2 * k &&
			    all_digits(t.p + 2, t.len - 2);
	return false;
}

/* A code as the reference holds it: trimmed. */
static uint32_t
lookup_find(const struct lookup *lk, struct field f)
{
	f = field_trim(f);
	return intern_find(lk->keys, f.p, f.len);
}

struct pos {
	const char	*source;
	unsigned long	 line, row;
	struct reject	*rj;
};

/* Apply the rules to w; false when the record was rejected. */
static bool
clean_record(struct rules *rs, struct field *w, const struct work *wk,
    const struct pos *ps, int provcol)
{
	struct cbs_period per;
	struct cbs_value v;
	struct rule *ru;
	struct field *f;
	size_t i, off;
	uint32_t id;
	/* A cleaned stream says provisional 1 where a star has since been
	 * taken off the count: keep it, or cleaning again would lose it. */
	bool prov_star = provcol >= 0 && (size_t)provcol < wk->nin &&
	    w[provcol].len == 1 && w[provcol].p[0] == '1';

	for (i = 0; i < rs->nr; i++) {
		ru = &rs->r[i];
		f = &w[ru->col];
		switch (ru->op) {
		case OP_TRIM:
			*f = field_trim(*f);
			break;
		case OP_AREACODE:
			if (!areacode(f, ru->buf))
				goto bad_area;
			break;
		case OP_PERIOD:
			if (!cbs_period_parse(f->p, f->len, ru->pflags,
			    &per)) {
				reject_row(ps->rj, ps->source, ps->line,
				    ps->row, ru->field, "type-error/period",
				    "not a CBS period code "
				    "(YYYYJJ00 or YYYYMMnn)");
				return false;
			}
			f->p = ru->buf;
			f->len = cbs_period_fmt(ru->buf, &per);
			w[ru->out] = field_fmt_long(ru->buf3, per.year);
			w[ru->out2] = field_fmt_long(ru->buf2, per.month);
			break;
		case OP_PROVISIONAL:
			if (!cbs_period_parse(f->p, f->len, ru->pflags,
			    &per)) {
				reject_row(ps->rj, ps->source, ps->line,
				    ps->row, ru->field, "type-error/period",
				    "not a CBS period code "
				    "(YYYYJJ00 or YYYYMMnn)");
				return false;
			}
			cbs_period_code(ru->buf, &per);
			id = intern_find(ru->lk.keys, ru->buf, 8);
			if (id == UINT32_MAX) {
				reject_row(ps->rj, ps->source, ps->line,
				    ps->row, ru->field, "foreign-key",
				    "period not in reference '%s'",
				    ru->refname);
				return false;
			}
			w[ru->out] = field_str(strcmp(ru->lk.val[id],
			    "Voorlopig") == 0 ? "1" : "0");
			break;
		case OP_COUNT:
			cbs_value_parse(f->p, f->len, &off, &v);
			switch (v.cell) {
			case CBS_NUMBER:
			case CBS_NIL:
				*f = field_fmt_long(ru->buf, v.value);
				w[ru->status] = field_str("");
				break;
			case CBS_SUPPRESSED:
				/* Keep the status of a cleaned stream. */
				if (ru->status_in && cbs_status_parse(
				    w[ru->status].p, w[ru->status].len) !=
				    CBS_BAD) {
					*f = field_str("");
					break;
				}
				/* FALLTHROUGH */
			case CBS_MISSING:
			case CBS_SECRET:
				*f = field_str("");
				w[ru->status] = field_str(
				    cbs_status_name(v.cell));
				break;
			case CBS_NEGATIVE:
				reject_row(ps->rj, ps->source, ps->line,
				    ps->row, ru->field,
				    "constraint-error/minimum",
				    "a count cannot be negative");
				return false;
			case CBS_BAD:
				reject_row(ps->rj, ps->source, ps->line,
				    ps->row, ru->field, "type-error/integer",
				    "not a count or a CBS symbol "
				    "(. x - * or empty)");
				return false;
			}
			prov_star |= v.provisional;
			break;
		case OP_CHECK:
		case OP_MAP:
			id = lookup_find(&ru->lk, *f);
			if (id == UINT32_MAX) {
				reject_row(ps->rj, ps->source, ps->line,
				    ps->row, ru->field, "foreign-key",
				    "code not in reference '%s'",
				    ru->refname);
				return false;
			}
			*f = field_trim(*f);
			if (ru->op == OP_MAP)
				w[ru->out] = field_str(ru->lk.val[id]);
			break;
		}
	}
	if (prov_star && provcol >= 0)
		w[provcol] = field_str("1");
	return true;
bad_area:
	reject_row(ps->rj, ps->source, ps->line, ps->row, ru->field,
	    "constraint-error/pattern", "not an area code (GM0000, "
	    "WK000000, BU00000000)");
	return false;
}


int
main(int argc, char *argv[])
{
	struct rec_reader *in;
	struct rec_writer *out;
	struct reject *rj;
	struct record r;
	struct pos ps;
	const char *path, *rejects = NULL, **names;
	size_t nrefargs = 0, nout, i;
	unsigned long nread = 0, nkept = 0, max_rejects = 0;
	double max_rate = -1;
	int ch, rc, linecol, filecol, provcol;
	long lv;
	bool force_progress = false;
	struct progress *pg;

	msg_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "hr:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage(0);
		case 'r':
			run.rules.path = optarg;
			break;
		case OPT_REJECTS:
			rejects = optarg;
			break;
		case OPT_MAXREJ:
			max_rejects = opt_ulong(optarg, "--max-rejects");
			break;
		case OPT_MAXRATE:
			max_rate = opt_fraction(optarg, "--max-reject-rate");
			break;
		case OPT_MAXREC:
			rec_set_max_record(opt_ulong(optarg,
			    "--max-record-bytes"));
			break;
		case OPT_REF:
			if (strchr(optarg, '=') == NULL ||
			    optarg[0] == '=')
				die(2, "usage-error: --ref wants name=path");
			run.refargs = xrealloc(run.refargs, (nrefargs + 1) *
			    sizeof(*run.refargs));
			run.refargs[nrefargs++] = optarg;
			break;
		case OPT_PROGRESS:
			force_progress = true;
			break;
		case OPT_VERSION:
			printf("vb-clean %s\n", VB_VERSION);
			return 0;
		default:
			usage(2);
		}
	}
	if (run.rules.path == NULL || argc - optind > 1)
		usage(2);
	path = optind < argc ? argv[optind] : "-";
	for (i = 0; i < nrefargs; i++) {
		char *eq = strchr(run.refargs[i], '=');

		*eq = '\0';
		ref_define(&run.rules, run.refargs[i], eq + 1);
	}
	rules_parse(&run.rules);

	if ((in = rec_open(path)) == NULL)
		die_errno(1, "source-missing: %s", path);
	if ((rc = rec_read(in, &r)) < 0)
		die(1, "%s", rec_errmsg(in));
	work_plan(&run.rules, &run.work, rec_schema(in));
	run.oc = out_plan(&run.rules, &run.work, &nout);
	names = xcalloc(nout, sizeof(*names));
	for (i = 0; i < nout; i++)
		names[i] = run.work.name[run.oc[i]];
	run.osc = schema_new(names, nout);
	free(names);
	linecol = work_col(&run.work, "_line");
	filecol = work_col(&run.work, "_file");
	provcol = work_col(&run.work, "provisional");
	run.w = xcalloc(run.work.n, sizeof(*run.w));
	run.of = xcalloc(nout, sizeof(*run.of));
	rj = reject_open("clean", rejects);
	reject_limits(rj, max_rejects, max_rate);
	out = rec_wopen(stdout, run.osc);
	ps.rj = rj;
	pg = progress_start(rec_name(in), force_progress);
	for (; rc == 1; rc = rec_read(in, &r)) {
		nread++;
		progress_tick(pg, nread, rec_bytes(in), rec_size(in));
		for (i = 0; i < run.work.nin; i++)
			run.w[i] = r.f[i];
		for (; i < run.work.n; i++)
			run.w[i] = field_str("");
		ps.row = nread;
		ps.line = r.line;
		if (linecol >= 0 && (size_t)linecol < run.work.nin &&
		    field_long(r.f[linecol], &lv) && lv > 0)
			ps.line = (unsigned long)lv;
		ps.source = rec_name(in);
		if (filecol >= 0 && (size_t)filecol < run.work.nin &&
		    r.f[filecol].len > 0)
			ps.source = r.f[filecol].p;
		if (!clean_record(&run.rules, run.w, &run.work, &ps, provcol))
			continue;
		for (i = 0; i < nout; i++)
			run.of[i] = run.w[run.oc[i]];
		rec_write(out, run.of, nout);
		nkept++;
	}
	if (rc < 0)
		die(1, "%s", rec_errmsg(in));
	progress_end(pg);
	rec_close(in);
	if (rec_wclose(out) != 0)
		die_errno(1, "io-error: write error");
	msg_close_stdout();
	return reject_summary(rj, nread, nkept) == 0 ? 0 : 1;
}
