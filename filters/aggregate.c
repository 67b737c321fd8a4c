/* aggregate -- group records; count, sum, min, max, mean; rates from a
 * denominator; output that merges again.
 *
 * Reads the -g key fields and the value fields named by -s, --min, --max
 * and --mean (plus _line and _file, for positions).  Writes one record per
 * group, sorted bytewise by the keys:
 *	KEYS... n [F F_missing] [F_min] [F_max] [F_mean] ... [population rate]
 * with, per value field F in the order first named: its sum and the count
 * of records where it was empty (-s or --mean), its extremes and its mean
 * over the non-empty values.  With --denominator, the joined value (named
 * after --value) and rate = per * sum of the first -s field (else n) / value.
 * With --merge the input is such output (of shards of one stream, made with
 * the same options; repeated header lines are skipped, so cat works) and the
 * result is byte for byte that of one run over the whole stream: sums are
 * exact (fixed point, 9 decimals) and therefore independent of order and
 * grouping.  Memory grows with the groups, not the records. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hashtab.h"
#include "msg.h"
#include "opt.h"
#include "progress.h"
#include "rec.h"
#include "reject.h"

#define NANO		1000000000
#define FIX_MAX		INT64_C(9000000000000000000)
#define NUMBUF		48

/* An exact decimal: i + nano / 1e9 with 0 <= nano < 1e9. */
struct fix {
	int64_t		 i;
	int64_t		 nano;
};

/* A value field and the columns it reads (input) and writes (output). */
struct vfield {
	char		*name;
	bool		 sum, min, max, mean;
	int		 col;		/* the field; in --merge its sum */
	int		 col_missing, col_min, col_max;	/* --merge only */
};

/* Per group and value field. */
struct vstat {
	struct fix	 sum, min, max;
	uint64_t	 missing;
	bool		 have;		/* min and max are set */
};

/* One parsed value of the current record. */
struct vin {
	struct fix	 sum, min, max;
	uint64_t	 missing;
	bool		 have;
};

struct denom {
	const char	*path;
	const char	*join;		/* comma list, or NULL: the -g keys */
	const char	*value;		/* field name */
	double		 per;
	struct hashtab	*t;
	struct fix	*v;		/* id -> value */
	bool		*have;		/* id -> value not empty */
	size_t		 nj;
	size_t		*jpos;		/* join field k = group key jpos[k] */
	char		**jname;	/* the join fields */
	int		*jcol;		/* their columns in the denominator */
	struct field	*jf;		/* a join key */
};

struct opts {
	char		**keys;
	size_t		 nkeys;
	struct vfield	*vf;
	size_t		 nvf;
	int		 rate_vf;	/* index of the first -s field, or -1 */
	struct denom	 d;
	bool		 merge;
	bool		 progress;
	const char	*rejects;
	unsigned long	 max_rejects;
	double		 max_rate;
};

/* The data of a group, beside its key in the group table. */
struct group {
	uint64_t	 n;
	unsigned long	 line;		/* where the group was first seen */
	struct vstat	 st[];		/* per value field */
};

enum { OPT_MIN = 256, OPT_MAX, OPT_MEAN, OPT_DENOM, OPT_JOIN, OPT_VALUE,
	OPT_PER, OPT_MERGE, OPT_REJECTS, OPT_MAXREJ, OPT_MAXRATE, OPT_MAXREC,
	OPT_PROGRESS, OPT_VERSION };

static const struct option longopts[] = {
	{ "denominator", required_argument, NULL, OPT_DENOM },
	{ "group", required_argument, NULL, 'g' },
	{ "help", no_argument, NULL, 'h' },
	{ "join", required_argument, NULL, OPT_JOIN },
	{ "max", required_argument, NULL, OPT_MAX },
	{ "max-record-bytes", required_argument, NULL, OPT_MAXREC },
	{ "max-reject-rate", required_argument, NULL, OPT_MAXRATE },
	{ "max-rejects", required_argument, NULL, OPT_MAXREJ },
	{ "mean", required_argument, NULL, OPT_MEAN },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "min", required_argument, NULL, OPT_MIN },
	{ "per", required_argument, NULL, OPT_PER },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "sum", required_argument, NULL, 's' },
	{ "value", required_argument, NULL, OPT_VALUE },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static noreturn void
usage(int status)
{
	FILE *fp = status == 0 ? stdout : stderr;

	fprintf(fp, "usage: %s [-h] -g keys [-s field]... [--denominator file] "
	    "[--join keys]\n"
	    "          [--max field] [--max-record-bytes n] "
	    "[--max-reject-rate r]\n"
	    "          [--max-rejects n] [--mean field] [--merge] "
	    "[--min field] [--per n]\n"
	    "          [--progress] [--rejects file] [--value field] [file]\n",
	    progname);
	if (status == 0)
		fputs("\nGroup records by the -g fields: n, sums (-s) with "
		    "missing counts, --min,\n--max, --mean; rates per --per "
		    "(1000) from a --denominator stream.  "
		    "Output\nsorted by the keys; --merge combines outputs of "
		    "shards exactly.  "
		    "Memory:\none entry per group.  See vb-aggregate(1).\n",
		    fp);
	exit(status);
}

/* Split a comma list into *names (appending); empty names are a usage
 * error. */
static void
list_add(char ***names, size_t *n, const char *list, const char *opt)
{
	const char *p = list, *c;

	for (;;) {
		c = strchr(p, ',');
		if (c == NULL)
			c = p + strlen(p);
		if (c == p)
			die(2, "usage-error: %s wants a comma list of field "
			    "names", opt);
		*names = xrealloc(*names, (*n + 1) * sizeof(**names));
		(*names)[*n] = memcpy(xmalloc((size_t)(c - p) + 1), p,
		    (size_t)(c - p));
		(*names)[*n][c - p] = '\0';
		(*n)++;
		if (*c == '\0')
			break;
		p = c + 1;
	}
}

/* The value field named name, added if new. */
static struct vfield *
vfield_get(struct opts *o, const char *name)
{
	size_t j;

	for (j = 0; j < o->nvf; j++)
		if (strcmp(o->vf[j].name, name) == 0)
			return &o->vf[j];
	o->vf = xrealloc(o->vf, (o->nvf + 1) * sizeof(*o->vf));
	memset(&o->vf[o->nvf], 0, sizeof(o->vf[o->nvf]));
	o->vf[o->nvf].name = xstrdup(name);
	return &o->vf[o->nvf++];
}

static void
vfield_opt(struct opts *o, const char *list, int which)
{
	char **names = NULL;
	size_t n = 0, i;
	struct vfield *v;

	list_add(&names, &n, list, which == 's' ? "-s" : which == OPT_MIN ?
	    "--min" : which == OPT_MAX ? "--max" : "--mean");
	for (i = 0; i < n; i++) {
		v = vfield_get(o, names[i]);
		switch (which) {
		case 's':
			if (o->rate_vf < 0)
				o->rate_vf = (int)(v - o->vf);
			v->sum = true;
			break;
		case OPT_MIN:
			v->min = true;
			break;
		case OPT_MAX:
			v->max = true;
			break;
		default:
			/* The mean is recomputed from the sum when merging. */
			v->mean = v->sum = true;
			break;
		}
		free(names[i]);
	}
	free(names);
}


static void
opts_free(struct opts *o)
{
	size_t i;

	for (i = 0; i < o->nkeys; i++)
		free(o->keys[i]);
	free(o->keys);
	for (i = 0; i < o->nvf; i++)
		free(o->vf[i].name);
	free(o->vf);
	for (i = 0; i < o->d.nj; i++)
		free(o->d.jname[i]);
	free(o->d.jname);
	free(o->d.jcol);
	free(o->d.jf);
	hashtab_free(o->d.t);
	free(o->d.v);
	free(o->d.have);
	free(o->d.jpos);
}

/* Exact decimal arithmetic. */

static bool
fix_add(struct fix *a, struct fix b)
{
	if ((b.i > 0 && a->i > FIX_MAX - b.i) ||
	    (b.i < 0 && a->i < -FIX_MAX - b.i))
		return false;
	a->i += b.i;
	a->nano += b.nano;
	if (a->nano >= NANO) {
		a->nano -= NANO;
		if (a->i == FIX_MAX)
			return false;
		a->i++;
	}
	return true;
}

static int
fix_cmp(struct fix a, struct fix b)
{
	if (a.i != b.i)
		return a.i < b.i ? -1 : 1;
	return a.nano < b.nano ? -1 : a.nano > b.nano;
}

static double
fix_double(struct fix a)
{
	return (double)a.i + (double)a.nano / NANO;
}

/* Plain decimal text (sign, digits, at most 9 decimals) converted exactly;
 * false for anything else (exponents, more decimals, huge). */
static bool
fix_exact(struct field f, struct fix *out)
{
	const char *p = f.p, *e = f.p + f.len;
	int64_t ip = 0, frac = 0, scale = NANO;
	bool neg = false, digits = false;

	if (p < e && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	for (; p < e && *p >= '0' && *p <= '9'; p++, digits = true) {
		if (ip > (FIX_MAX - 9) / 10)
			return false;
		ip = ip * 10 + (*p - '0');
	}
	if (p < e && *p == '.')
		for (p++; p < e && *p >= '0' && *p <= '9'; p++) {
			if (scale == 1)
				return false;
			scale /= 10;
			frac += (*p - '0') * scale;
			digits = true;
		}
	if (p != e || !digits)
		return false;
	if (!neg || frac == 0) {
		out->i = neg ? -ip : ip;
		out->nano = frac;
	} else {
		out->i = -ip - 1;
		out->nano = NANO - frac;
	}
	return true;
}

/* A number as vb writes it: integers via field_long, decimals exactly,
 * other forms (1e3) via field_double rounded to 9 decimals. */
static bool
fix_parse(struct field f, struct fix *out)
{
	long l;
	double d, fl;

	if (field_long(f, &l)) {
		out->i = l;
		out->nano = 0;
		return l > -FIX_MAX && l < FIX_MAX;
	}
	if (!field_double(f, &d))
		return false;
	if (fix_exact(f, out))
		return true;
	if (!(fabs(d) < 9e18))
		return false;
	fl = floor(d);
	out->i = (int64_t)fl;
	out->nano = (int64_t)llround((d - fl) * NANO);
	if (out->nano >= NANO) {
		out->nano -= NANO;
		out->i++;
	}
	return true;
}

/* Shortest decimal: an integer when there is no fraction. */
static struct field
fix_fmt(char *buf, struct fix a)
{
	int n;

	if (a.nano == 0)
		n = snprintf(buf, NUMBUF, "%" PRId64, a.i);
	else if (a.i >= 0)
		n = snprintf(buf, NUMBUF, "%" PRId64 ".%09" PRId64, a.i,
		    a.nano);
	else
		n = snprintf(buf, NUMBUF, "-%" PRId64 ".%09" PRId64,
		    -(a.i + 1), NANO - a.nano);
	if (a.nano != 0)
		while (n > 0 && buf[n - 1] == '0')
			buf[--n] = '\0';
	return field_str(buf);
}

static struct field
fmt_u64(char *buf, uint64_t v)
{
	snprintf(buf, NUMBUF, "%" PRIu64, v);
	return field_str(buf);
}

/* Column index of name in sc, or exit 1 naming the file. */
static int
need_col(const struct schema *sc, const char *file, const char *name)
{
	int c = schema_col(sc, name);

	if (c < 0)
		die(1, "%s:1: missing-label: no field named '%s'", file, name);
	return c;
}

static int
need_col2(const struct schema *sc, const char *file, const char *name,
    const char *suffix)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s%s", name, suffix);
	return need_col(sc, file, buf);
}

/* Read the denominator stream into d->t: one value per join key. */
static void
denom_load(struct denom *d, const struct opts *o)
{
	struct rec_reader *in;
	const struct schema *sc;
	struct record r;
	size_t k, g, cap = 0;
	int vcol, rc;
	uint32_t id;
	bool added;

	if (d->join != NULL)
		list_add(&d->jname, &d->nj, d->join, "--join");
	else
		for (k = 0; k < o->nkeys; k++)
			list_add(&d->jname, &d->nj, o->keys[k], "-g");
	d->jpos = xcalloc(d->nj, sizeof(*d->jpos));
	for (k = 0; k < d->nj; k++) {
		for (g = 0; g < o->nkeys; g++)
			if (strcmp(d->jname[k], o->keys[g]) == 0)
				break;
		if (g == o->nkeys)
			die(2, "usage-error: --join field '%s' is not one of "
			    "the -g keys", d->jname[k]);
		d->jpos[k] = g;
	}
	if ((in = rec_open(d->path)) == NULL)
		die_errno(1, "source-missing: %s", d->path);
	sc = rec_schema(in);
	if (sc->ncols == 0 && rec_read(in, &r) < 0)
		die(1, "%s", rec_errmsg(in));
	d->jcol = xcalloc(d->nj, sizeof(*d->jcol));
	for (k = 0; k < d->nj; k++)
		d->jcol[k] = need_col(sc, rec_name(in), d->jname[k]);
	vcol = need_col(sc, rec_name(in), d->value);
	d->jf = xcalloc(d->nj, sizeof(*d->jf));
	d->t = hashtab_new(d->nj, 0);
	while ((rc = rec_read(in, &r)) == 1) {
		for (k = 0; k < d->nj; k++)
			d->jf[k] = r.f[d->jcol[k]];
		id = hashtab_get(d->t, d->jf, hashtab_hash(d->t, d->jf),
		    &added);
		if (!added)
			die(1, "%s:%lu: unique-error: the join key (%s) "
			    "appears twice", rec_name(in), r.line,
			    d->join != NULL ? d->join : "the -g keys");
		if (id >= cap) {
			cap = cap ? cap * 2 : 256;
			d->v = xrealloc(d->v, cap * sizeof(*d->v));
			d->have = xrealloc(d->have, cap * sizeof(*d->have));
		}
		d->have[id] = r.f[vcol].len > 0;
		if (!d->have[id])
			continue;
		if (!fix_parse(r.f[vcol], &d->v[id]))
			die(1, "%s:%lu: type-error: field '%s': not a number",
			    rec_name(in), r.line, d->value);
		if (d->v[id].i < 0)
			die(1, "%s:%lu: constraint-error/minimum: field '%s': "
			    "negative", rec_name(in), r.line, d->value);
	}
	if (rc < 0)
		die(1, "%s", rec_errmsg(in));
	rec_close(in);
}

/* Where a record came from: _file/_line when the stream carries them. */
struct pos {
	const char	*source;
	unsigned long	 line;
};

/* Parse a value field f into *x (empty: missing); false on a type error. */
static bool
parse_plain(struct field f, struct vin *x)
{
	x->missing = 0;
	x->have = false;
	if (f.len == 0) {
		x->sum.i = x->sum.nano = 0;
		x->missing = 1;
		return true;
	}
	if (!fix_parse(f, &x->sum))
		return false;
	x->min = x->max = x->sum;
	x->have = true;
	return true;
}

/* The same from a --merge input row with n records behind it; *bad names
 * the offending column suffix. */
static bool
parse_merged(const struct record *r, const struct vfield *v, uint64_t n,
    struct vin *x, const char **bad)
{
	long m;
	bool hmin = false, hmax = false;

	x->missing = 0;
	x->have = false;
	x->sum.i = x->sum.nano = 0;
	if (v->sum) {
		*bad = "";
		if (r->f[v->col].len > 0 && !fix_parse(r->f[v->col], &x->sum))
			return false;
		*bad = "_missing";
		if (!field_long(r->f[v->col_missing], &m) || m < 0 ||
		    (uint64_t)m > n)
			return false;
		x->missing = (uint64_t)m;
	}
	if (v->min && r->f[v->col_min].len > 0) {
		*bad = "_min";
		if (!fix_parse(r->f[v->col_min], &x->min))
			return false;
		hmin = true;
	}
	if (v->max && r->f[v->col_max].len > 0) {
		*bad = "_max";
		if (!fix_parse(r->f[v->col_max], &x->max))
			return false;
		hmax = true;
	}
	/* With only one of the two, the other column is not written. */
	if (hmin && !hmax)
		x->max = x->min;
	if (hmax && !hmin)
		x->min = x->max;
	x->have = hmin || hmax;
	return true;
}

static void
add_stats(struct vstat *s, const struct vin *x, const char *name)
{
	if (!fix_add(&s->sum, x->sum))
		die(1, "resource-limit: the sum of '%s' leaves the range of "
		    "+-9e18", name);
	s->missing += x->missing;
	if (!x->have)
		return;
	if (!s->have || fix_cmp(x->min, s->min) < 0)
		s->min = x->min;
	if (!s->have || fix_cmp(x->max, s->max) > 0)
		s->max = x->max;
	s->have = true;
}

/* The output header. */
static struct schema *
out_schema(const struct opts *o)
{
	const char **names;
	char **own;
	size_t n = 0, nown = 0, j, k, max;
	struct schema *sc;

	max = o->nkeys + 2 + 5 * o->nvf + 2;
	names = xcalloc(max, sizeof(*names));
	own = xcalloc(max, sizeof(*own));
	for (k = 0; k < o->nkeys; k++)
		names[n++] = o->keys[k];
	names[n++] = "n";
	for (j = 0; j < o->nvf; j++) {
		const struct vfield *v = &o->vf[j];
		static const char *const sfx[] = { "", "_missing", "_min",
		    "_max", "_mean" };
		bool on[5] = { v->sum, v->sum, v->min, v->max, v->mean };
		size_t s;

		for (s = 0; s < 5; s++) {
			if (!on[s])
				continue;
			own[nown] = xmalloc(strlen(v->name) + 10);
			sprintf(own[nown], "%s%s", v->name, sfx[s]);
			names[n++] = own[nown++];
		}
	}
	if (o->d.path != NULL) {
		names[n++] = o->d.value;
		names[n++] = "rate";
	}
	for (j = 0; j < n; j++)
		for (k = 0; k < j; k++)
			if (strcmp(names[j], names[k]) == 0)
				die(2, "usage-error: the output would have two "
				    "fields named '%s'", names[j]);
	sc = schema_new(names, n);
	for (j = 0; j < nown; j++)
		free(own[j]);
	free(own);
	free(names);
	return sc;
}

/* Is r a copy of the header line? */
static bool
is_header(const struct schema *sc, const struct record *r)
{
	size_t i;

	for (i = 0; i < r->nf; i++)
		if (!field_eq(r->f[i], sc->name[i]))
			return false;
	return true;
}

/* Write the groups in key order; denominator misses are warnings. */
static void
emit(struct rec_writer *w, const struct opts *o, const struct hashtab *gt,
    struct reject *rj, const char *source, size_t ncols)
{
	struct field *f = xcalloc(ncols, sizeof(*f)), *jf = NULL;
	char (*buf)[NUMBUF] = xcalloc(ncols, sizeof(*buf));
	uint32_t *ids = hashtab_sorted(gt), ng = hashtab_count(gt), i;
	size_t j, k, c;
	const struct denom *d = &o->d;

	if (d->path != NULL)
		jf = xcalloc(d->nj, sizeof(*jf));
	for (i = 0; i < ng; i++) {
		uint32_t id = ids[i];
		const struct group *g = hashtab_value(gt, id);
		uint64_t n = g->n;
		double num = (double)n;
		bool num_ok = true;

		c = 0;
		for (k = 0; k < o->nkeys; k++)
			f[c++] = hashtab_key(gt, id, k);
		f[c] = fmt_u64(buf[c], n);
		c++;
		for (j = 0; j < o->nvf; j++) {
			const struct vfield *v = &o->vf[j];
			const struct vstat *s = &g->st[j];
			bool any = s->missing < n;

			if (v->sum) {
				f[c] = any ? fix_fmt(buf[c], s->sum) :
				    field_str("");
				c++;
				f[c] = fmt_u64(buf[c], s->missing);
				c++;
			}
			if ((int)j == o->rate_vf) {
				num = fix_double(s->sum);
				num_ok = any;
			}
			if (v->min) {
				f[c] = s->have ? fix_fmt(buf[c], s->min) :
				    field_str("");
				c++;
			}
			if (v->max) {
				f[c] = s->have ? fix_fmt(buf[c], s->max) :
				    field_str("");
				c++;
			}
			if (v->mean) {
				f[c] = any ? field_fmt_double(buf[c],
				    fix_double(s->sum) / (double)(n -
				    s->missing), 10) : field_str("");
				c++;
			}
		}
		if (d->path != NULL) {
			uint32_t did;

			for (k = 0; k < d->nj; k++)
				jf[k] = f[d->jpos[k]];
			did = hashtab_find(d->t, jf, hashtab_hash(d->t, jf));
			f[c] = f[c + 1] = field_str("");
			if (did == UINT32_MAX || !d->have[did]) {
				reject_warn(rj, source, g->line,
				    "foreign-key", "group without a "
				    "denominator in %s; %s and rate left empty",
				    d->path, d->value);
			} else {
				f[c] = fix_fmt(buf[c], d->v[did]);
				if (d->v[did].i == 0 && d->v[did].nano == 0)
					reject_warn(rj, source, g->line,
					    "constraint-error/minimum",
					    "%s is 0; rate left empty",
					    d->value);
				else if (num_ok)
					f[c + 1] = field_fmt_double(buf[c + 1],
					    d->per * num /
					    fix_double(d->v[did]), 10);
			}
			c += 2;
		}
		rec_write(w, f, c);
	}
	free(ids);
	free(f);
	free(buf);
	free(jf);
}

int
main(int argc, char *argv[])
{
	struct opts o = { .rate_vf = -1, .max_rate = -1 };
	struct hashtab *gt;
	struct group *g;
	struct rec_reader *in;
	struct rec_writer *out;
	struct reject *rj;
	struct progress *pg;
	const struct schema *sc;
	struct schema *osc;
	struct record r;
	struct field *kf;
	struct vin *vin;
	const char *path, *bad = "";
	unsigned long nread = 0, nkept = 0;
	size_t j, k;
	int ch, rc, c_n = -1, c_line, c_file, *kcol;
	uint32_t id;
	bool added;

	o.d.value = "population";
	o.d.per = 1000;
	msg_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "g:hs:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'g':
			list_add(&o.keys, &o.nkeys, optarg, "-g");
			break;
		case 'h':
			usage(0);
		case 's':
		case OPT_MIN:
		case OPT_MAX:
		case OPT_MEAN:
			vfield_opt(&o, optarg, ch);
			break;
		case OPT_DENOM:
			o.d.path = optarg;
			break;
		case OPT_JOIN:
			o.d.join = optarg;
			break;
		case OPT_VALUE:
			if (*optarg == '\0')
				die(2, "usage-error: --value wants a field "
				    "name");
			o.d.value = optarg;
			break;
		case OPT_PER:
			if (!field_double(field_str(optarg), &o.d.per) ||
			    !(o.d.per > 0))
				die(2, "usage-error: --per wants a positive "
				    "number, not '%s'", optarg);
			break;
		case OPT_MERGE:
			o.merge = true;
			break;
		case OPT_REJECTS:
			o.rejects = optarg;
			break;
		case OPT_MAXREJ:
			o.max_rejects = opt_ulong(optarg, "--max-rejects");
			break;
		case OPT_MAXRATE:
			o.max_rate = opt_fraction(optarg, "--max-reject-rate");
			break;
		case OPT_MAXREC:
			rec_set_max_record(opt_ulong(optarg,
			    "--max-record-bytes"));
			break;
		case OPT_PROGRESS:
			o.progress = true;
			break;
		case OPT_VERSION:
			printf("vb-aggregate %s\n", VB_VERSION);
			return 0;
		default:
			usage(2);
		}
	}
	if (argc - optind > 1)
		usage(2);
	if (o.nkeys == 0)
		die(2, "usage-error: -g names the group keys");
	if (o.d.path == NULL && (o.d.join != NULL))
		die(2, "usage-error: --join needs --denominator");
	for (k = 0; k < o.nkeys; k++)
		for (j = 0; j < k; j++)
			if (strcmp(o.keys[j], o.keys[k]) == 0)
				die(2, "usage-error: -g names '%s' twice",
				    o.keys[k]);
	osc = out_schema(&o);
	path = optind < argc ? argv[optind] : "-";
	if ((in = rec_open(path)) == NULL)
		die_errno(1, "source-missing: %s", path);
	sc = rec_schema(in);
	if (sc->ncols == 0 && rec_read(in, &r) < 0)
		die(1, "%s", rec_errmsg(in));
	kcol = xcalloc(o.nkeys, sizeof(*kcol));
	for (k = 0; k < o.nkeys; k++)
		kcol[k] = need_col(sc, rec_name(in), o.keys[k]);
	for (j = 0; j < o.nvf; j++) {
		struct vfield *v = &o.vf[j];

		if (!o.merge) {
			v->col = need_col(sc, rec_name(in), v->name);
			continue;
		}
		if (v->sum) {
			v->col = need_col(sc, rec_name(in), v->name);
			v->col_missing = need_col2(sc, rec_name(in), v->name,
			    "_missing");
		}
		if (v->min)
			v->col_min = need_col2(sc, rec_name(in), v->name,
			    "_min");
		if (v->max)
			v->col_max = need_col2(sc, rec_name(in), v->name,
			    "_max");
	}
	if (o.merge)
		c_n = need_col(sc, rec_name(in), "n");
	c_line = schema_col(sc, "_line");
	c_file = schema_col(sc, "_file");
	if (o.d.path != NULL)
		denom_load(&o.d, &o);
	rj = reject_open("aggregate", o.rejects);
	reject_limits(rj, o.max_rejects, o.max_rate);
	gt = hashtab_new(o.nkeys, sizeof(struct group) +
	    o.nvf * sizeof(struct vstat));
	kf = xcalloc(o.nkeys, sizeof(*kf));
	vin = xcalloc(o.nvf + 1, sizeof(*vin));
	pg = progress_start(path, o.progress);
	while ((rc = rec_read(in, &r)) == 1) {
		uint64_t n = 1;
		long m;

		if (o.merge && field_eq(r.f[c_n], "n") && is_header(sc, &r)) {
			/* The header of another shard: cat shard.* works. */
			reject_info(rj, "duplicate-header-row");
			continue;
		}
		nread++;
		if (pg != NULL)
			progress_tick(pg, nread, rec_bytes(in), rec_size(in));
		if (o.merge && (!field_long(r.f[c_n], &m) || m < 1)) {
			j = o.nvf;
			bad = "n";
			goto reject;
		}
		if (o.merge)
			n = (uint64_t)m;
		for (j = 0; j < o.nvf; j++)
			if (o.merge ? !parse_merged(&r, &o.vf[j], n, &vin[j],
			    &bad) : !parse_plain(r.f[o.vf[j].col], &vin[j]))
				goto reject;
		for (k = 0; k < o.nkeys; k++)
			kf[k] = r.f[kcol[k]];
		id = hashtab_get(gt, kf, hashtab_hash(gt, kf), &added);
		g = hashtab_value(gt, id);
		if (added)
			g->line = c_line >= 0 && field_long(r.f[c_line], &m) &&
			    m > 0 ? (unsigned long)m : r.line;
		g->n += n;
		for (j = 0; j < o.nvf; j++)
			add_stats(&g->st[j], &vin[j], o.vf[j].name);
		nkept++;
		continue;
reject:
		{
			struct pos p = { rec_name(in), r.line };
			char fname[512];

			if (c_line >= 0 && field_long(r.f[c_line], &m) && m > 0)
				p.line = (unsigned long)m;
			if (c_file >= 0 && r.f[c_file].len > 0)
				p.source = r.f[c_file].p;
			snprintf(fname, sizeof(fname), "%s%s", j < o.nvf ?
			    o.vf[j].name : "", bad);
			reject_row(rj, p.source, p.line, nread, fname,
			    "type-error", o.merge ? "not a count or number "
			    "of the aggregate output" : "not a number");
		}
	}
	if (rc < 0)
		die(1, "%s", rec_errmsg(in));
	progress_end(pg);
	out = rec_wopen(stdout, osc);
	emit(out, &o, gt, rj, rec_name(in), osc->ncols);
	if (rec_wclose(out) != 0)
		die_errno(1, "io-error: write error");
	msg_close_stdout();
	rec_close(in);
	reject_summary(rj, nread, nkept);
	hashtab_free(gt);
	free(kf);
	free(vin);
	free(kcol);
	schema_free(osc);
	opts_free(&o);
	return 0;
}
