/* ingest -- CSV exports in any Dutch dialect to vb records.
 *
 * Reads one or more CSV files (gzip or plain; , ; TAB |; UTF-8, CP1252 or
 * Latin-1) whose headers agree and writes their rows as one record stream.
 * Columns: those of the CSV header (optionally renamed and selected with
 * --rename and --keep), then _line (physical line where the row starts) and,
 * with several inputs, _file.  Rows with a row-local fault (ragged, NUL byte,
 * invalid UTF-8, bad quote) stop the run, or go to --rejects. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "msg.h"
#include "opt.h"
#include "progress.h"
#include "pseudo.h"
#include "rec.h"
#include "reject.h"

struct opts {
	struct csv_dialect d;
	const char	*rejects;
	const char	*keep;
	const char	*rename;
	const char	*pseudo_fields;
	const char	*key_file;
	const char	*source;	/* --source: the _file value */
	unsigned long	 max_rejects;
	double		 max_rate;
	bool		 provenance;
	bool		 strict;
	bool		 progress;
	bool		 ranged;	/* --byte-range */
	unsigned long long range_start, range_end;
};

/* One output column: which input column feeds it. */
struct outcol {
	const char	*name;
	int		 src;		/* input column */
	bool		 pseudo;	/* replace by its HMAC pseudonym */
};

enum { OPT_SKIP = 256, OPT_REJECTS, OPT_KEEP, OPT_RENAME, OPT_NOPROV,
	OPT_LAZY, OPT_NOHDR, OPT_MAXREC, OPT_MAXREJ, OPT_MAXRATE, OPT_STRICT,
	OPT_PSEUDO, OPT_KEYFILE, OPT_VERSION, OPT_PROGRESS, OPT_SOURCE,
	OPT_NOMULTI, OPT_RANGE };

static const struct option longopts[] = {
	{ "byte-range", required_argument, NULL, OPT_RANGE },
	{ "delimiter", required_argument, NULL, 'd' },
	{ "encoding", required_argument, NULL, 'e' },
	{ "help", no_argument, NULL, 'h' },
	{ "keep", required_argument, NULL, OPT_KEEP },
	{ "key-file", required_argument, NULL, OPT_KEYFILE },
	{ "lazy-quotes", no_argument, NULL, OPT_LAZY },
	{ "max-record-bytes", required_argument, NULL, OPT_MAXREC },
	{ "max-reject-rate", required_argument, NULL, OPT_MAXRATE },
	{ "max-rejects", required_argument, NULL, OPT_MAXREJ },
	{ "no-header", no_argument, NULL, OPT_NOHDR },
	{ "no-multiline", no_argument, NULL, OPT_NOMULTI },
	{ "no-provenance", no_argument, NULL, OPT_NOPROV },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "pseudonymise", required_argument, NULL, OPT_PSEUDO },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "rename", required_argument, NULL, OPT_RENAME },
	{ "skip-lines", required_argument, NULL, OPT_SKIP },
	{ "source", required_argument, NULL, OPT_SOURCE },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static noreturn void
usage(int status)
{
	FILE *fp = status == 0 ? stdout : stderr;

	fprintf(fp, "usage: %s [-h] [-d delim] [-e encoding] [--byte-range a:b] "
	    "[--keep list]\n"
	    "          [--key-file file] [--lazy-quotes] [--max-record-bytes n]\n"
	    "          [--max-reject-rate r] [--max-rejects n] [--no-header] "
	    "[--no-multiline]\n"
	    "          [--no-provenance] [--progress] [--pseudonymise list] "
	    "[--rejects file]\n"
	    "          [--rename old=new,...] [--skip-lines n] [--source name] "
	    "[--strict]\n          [file ...]\n",
	    progname);
	if (status == 0)
		fputs("\nCSV (gzip or plain) to vb records. Delimiter , ; tab | "
		    "(detected from the\nheader unless -d); encoding utf-8 "
		    "(default, validated), cp1252 or latin1\n(read as cp1252). "
		    "Adds _line (and _file for several inputs).\nSee "
		    "vb-ingest(1).\n", fp);
	exit(status);
}


/* The new name of column name under --rename old=new,..., or name. */
static const char *
renamed(const char *rename, const char *name)
{
	const char *p = rename, *eq, *c;
	size_t n = strlen(name);
	static char buf[256];

	if (rename == NULL)
		return name;
	for (;;) {
		c = strchr(p, ',');
		if (c == NULL)
			c = p + strlen(p);
		eq = memchr(p, '=', (size_t)(c - p));
		if (eq == NULL)
			die(2, "usage-error: --rename wants old=new pairs");
		if ((size_t)(eq - p) == n && memcmp(p, name, n) == 0 &&
		    (size_t)(c - eq - 1) < sizeof(buf)) {
			memcpy(buf, eq + 1, (size_t)(c - eq - 1));
			buf[c - eq - 1] = '\0';
			return buf;
		}
		if (*c == '\0')
			return name;
		p = c + 1;
	}
}

/* Build the output columns from the first file's header. */
static struct outcol *
plan(const struct schema *in, const struct opts *o, size_t *nout)
{
	struct outcol *oc = xcalloc(in->ncols + 2, sizeof(*oc));
	size_t i, n = 0;
	int k;

	if (o->keep != NULL) {
		/* --keep: the listed columns in the listed order. */
		char name[256];
		const char *c;
		int j;

		for (k = 0; opt_list_item(o->keep, k, name, sizeof(name));
		    k++) {
			for (i = 0; i < in->ncols; i++)
				if (strcmp(renamed(o->rename, in->name[i]),
				    name) == 0)
					break;
			if (i == in->ncols)
				die(1, "missing-label: --keep names '%s', which "
				    "is not a column", name);
			oc[n].name = xstrdup(name);
			oc[n++].src = (int)i;
		}
		for (c = o->keep, j = 1; *c != '\0'; c++)
			j += *c == ',';
		if (k != j)
			die(2, "usage-error: --keep has an empty or overlong "
			    "name");
	} else {
		for (i = 0; i < in->ncols; i++) {
			oc[n].name = xstrdup(renamed(o->rename, in->name[i]));
			oc[n++].src = (int)i;
		}
	}
	for (i = 0; i < n; i++)
		oc[i].pseudo = opt_list_find(o->pseudo_fields,
		    oc[i].name) >= 0;
	*nout = n;
	return oc;
}

static bool
same_header(const struct schema *a, const struct schema *b)
{
	size_t i;

	if (a->ncols != b->ncols)
		return false;
	for (i = 0; i < a->ncols; i++)
		if (strcmp(a->name[i], b->name[i]) != 0)
			return false;
	return true;
}

int
main(int argc, char *argv[])
{
	struct opts o = { .max_rate = -1, .provenance = true };
	struct csvin *in;
	struct rec_writer *out = NULL;
	struct reject *rj;
	struct csv_row r;
	struct outcol *oc = NULL;
	struct schema *first = NULL, *osc = NULL;
	struct field *f = NULL;
	struct pseudo *ps = NULL;
	struct progress *pg;
	char linebuf[32], *hex = NULL;
	const char **names, **paths;
	static const char *stdin_only[] = { "-" };
	unsigned long nread = 0, nkept = 0, blank = 0;
	size_t nout = 0, nf, i;
	int ch, rc, nfiles, fi, enc;
	bool bom = false, mixed = false;
	char *shown = NULL;	/* display name of the last input */
	unsigned long lines = 0;

	msg_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "d:e:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			if ((o.d.delim = csv_delim_name(optarg)) < 0)
				die(2, "usage-error: -d wants one of , ; | tab, "
				    "not '%s'", optarg);
			break;
		case 'e':
			if ((enc = csv_encoding_name(optarg)) < 0)
				die(2, "usage-error: unknown encoding '%s' "
				    "(utf-8, cp1252, latin1)", optarg);
			o.d.encoding = (enum csv_encoding)enc;
			break;
		case 'h':
			usage(0);
		case OPT_SKIP:
			o.d.skip_lines = opt_ulong(optarg, "--skip-lines");
			break;
		case OPT_REJECTS:
			o.rejects = optarg;
			break;
		case OPT_KEEP:
			o.keep = optarg;
			break;
		case OPT_RENAME:
			o.rename = optarg;
			break;
		case OPT_NOPROV:
			o.provenance = false;
			break;
		case OPT_LAZY:
			o.d.lazy_quotes = true;
			break;
		case OPT_NOMULTI:
			o.d.single_line = true;
			break;
		case OPT_RANGE: {
			char *e;

			errno = 0;
			o.range_start = strtoull(optarg, &e, 10);
			if (*e == ':' && e > optarg && e[1] >= '0' &&
			    e[1] <= '9')
				o.range_end = strtoull(e + 1, &e, 10);
			else
				e = optarg;
			if (*e != '\0' || errno != 0 || optarg[0] == '-' ||
			    o.range_end < o.range_start)
				die(2, "usage-error: --byte-range wants "
				    "START:END in bytes, not '%s'", optarg);
			o.ranged = true;
			break;
		}
		case OPT_NOHDR:
			o.d.no_header = true;
			break;
		case OPT_MAXREC:
			rec_set_max_record(opt_ulong(optarg,
			    "--max-record-bytes"));
			break;
		case OPT_MAXREJ:
			o.max_rejects = opt_ulong(optarg, "--max-rejects");
			break;
		case OPT_MAXRATE:
			o.max_rate = opt_fraction(optarg, "--max-reject-rate");
			break;
		case OPT_STRICT:
			o.strict = true;
			break;
		case OPT_PSEUDO:
			o.pseudo_fields = optarg;
			break;
		case OPT_KEYFILE:
			o.key_file = optarg;
			break;
		case OPT_PROGRESS:
			o.progress = true;
			break;
		case OPT_SOURCE:
			o.source = optarg;
			break;
		case OPT_VERSION:
			printf("vb-ingest %s\n", VB_VERSION);
			return 0;
		default:
			usage(2);
		}
	}
	if (o.pseudo_fields != NULL) {
		/* A missing key is a configuration error; nothing is written. */
		char err[256];

		if ((ps = pseudo_open(o.key_file, err, sizeof(err))) == NULL)
			die(1, "config-error: %s", err);
	}
	nfiles = argc - optind;
	paths = (const char **)argv + optind;
	if (nfiles == 0) {
		paths = stdin_only;
		nfiles = 1;
	}
	if (o.ranged && (nfiles != 1 || paths == stdin_only))
		die(2, "usage-error: --byte-range reads one named file");
	rj = reject_open("ingest", o.rejects);
	reject_limits(rj, o.max_rejects, o.max_rate);
	for (fi = 0; fi < nfiles; fi++) {
		const char *path = paths[fi];

		if (o.ranged) {
			char err[256];

			if ((in = csvin_open_range(path, &o.d, o.range_start,
			    o.range_end, err, sizeof(err))) == NULL)
				die(strncmp(err, "usage-error", 11) == 0 ?
				    2 : 1, "%s", err);
		} else if ((in = csvin_open(path, &o.d)) == NULL) {
			die_errno(1, "source-missing: %s", path);
		}
		pg = progress_start(path, o.progress);
		if ((rc = csvin_read(in, &r)) < 0)
			die(1, "%s", csvin_errmsg(in));
		if (first == NULL) {
			const struct schema *sc = csvin_schema(in);

			first = schema_new(sc->name, sc->ncols);
			oc = plan(first, &o, &nout);
			names = xcalloc(nout + 2, sizeof(*names));
			for (i = 0; i < nout; i++)
				names[i] = oc[i].name;
			nf = nout;
			if (o.provenance) {
				names[nf++] = "_line";
				if (nfiles > 1 || o.source != NULL)
					names[nf++] = "_file";
			}
			osc = schema_new(names, nf);
			free(names);
			out = rec_wopen(stdout, osc);
			f = xcalloc(nf, sizeof(*f));
			hex = xmalloc(nout * 33 + 1);
		} else if (!same_header(first, csvin_schema(in))) {
			die(1, "%s:%lu: incorrect-label: the header differs "
			    "from that of %s", path, o.d.skip_lines + 1,
			    paths[0]);
		}
		bom |= csvin_bom(in);
		for (; rc == 1; rc = csvin_read(in, &r)) {
			nread++;
			progress_tick(pg, nread, csvin_bytes(in),
			    csvin_size(in));
			if (r.code != NULL) {
				reject_row(rj, o.source != NULL ? o.source :
				    csvin_name(in), r.line, r.row,
				    NULL, r.code, "%s", r.msg);
				continue;
			}
			for (i = 0; i < nout; i++) {
				f[i] = r.f[oc[i].src];
				if (oc[i].pseudo && f[i].len > 0) {
					pseudo_hex(ps, f[i].p, f[i].len,
					    hex + i * 33);
					f[i] = field_str(hex + i * 33);
				}
			}
			nf = nout;
			if (o.provenance) {
				f[nf++] = field_fmt_long(linebuf,
				    (long)r.line);
				if (o.source != NULL)
					f[nf++] = field_str(o.source);
				else if (nfiles > 1)
					f[nf++] = field_str(path);
			}
			/* Pseudonyms and _line are hex and digits: a plain
			 * row stays plain.  A _file name may need escapes. */
			if (r.plain && (nfiles == 1 && o.source == NULL))
				rec_write_plain(out, f, nf);
			else
				rec_write(out, f, nf);
			nkept++;
		}
		if (rc < 0)
			die(1, "%s", csvin_errmsg(in));
		blank += csvin_blank_lines(in);
		free(shown);
		shown = xstrdup(csvin_name(in));
		lines = csvin_lines(in);
		mixed |= csvin_mixed_endings(in);
		if (nread == 0 && o.strict)
			die(1, "%s:1: empty-source: no records", path);
		progress_end(pg);
		csvin_close(in);
	}
	if (bom)
		reject_info(rj, "bom-stripped");
	for (i = 0; i < blank; i++)
		reject_warn(rj, shown, lines, "blank-row", "blank lines are "
		    "skipped, not records");
	if (mixed)
		reject_warn(rj, shown, lines, "line-ending-mixed", "both LF and "
		    "CRLF line ends");
	if (nread == 0)
		reject_warn(rj, shown, lines, "empty-source", "no records");
	free(shown);
	if (rec_wclose(out) != 0)
		die_errno(1, "io-error: write error");
	msg_close_stdout();
	pseudo_close(ps);
	reject_summary(rj, nread, nkept);
	for (i = 0; i < nout; i++)
		free((char *)oc[i].name);
	free(oc);
	free(f);
	free(hex);
	schema_free(first);
	schema_free(osc);
	return 0;
}
