/* format -- records to tables for people: aligned text, Markdown, CSV for
 * Dutch Excel, JSON lines, an .xlsx workbook, or the HTML report of a
 * picture directory.
 *
 * Reads one record stream (any columns) and writes every record.  When the
 * stream has the columns area and count, disclosure control (disclose.h,
 * METHOD.md §9.2) is applied first, unless --no-disclosure: rounded and
 * suppressed cells, recomputed ranks and a column "note".  Holds the whole
 * table in memory (a blocking stage: it needs every row for the column
 * widths and the secondary suppression). */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "disclose.h"
#include "html.h"
#include "msg.h"
#include "opt.h"
#include "rec.h"
#include "reject.h"
#include "table.h"
#include "xlsx.h"

enum fmt { FMT_TEXT, FMT_MD, FMT_CSV, FMT_JSONL, FMT_TSV, FMT_XLSX, FMT_HTML };

enum { OPT_TYPED = 256, OPT_NODISC, OPT_DISCTAB, OPT_POP, OPT_MINPOP,
	OPT_MINDW, OPT_HTML, OPT_LANG, OPT_TIMESTAMP, OPT_AREAS, OPT_THEMES,
	OPT_BUURTMAP, OPT_WIJKMAP, OPT_TITLE, OPT_VERSION, OPT_NOROUND,
	OPT_MAXREC };

static const struct option longopts[] = {
	{ "areas", required_argument, NULL, OPT_AREAS },
	{ "buurt-map", required_argument, NULL, OPT_BUURTMAP },
	{ "disclosure-table", required_argument, NULL, OPT_DISCTAB },
	{ "help", no_argument, NULL, 'h' },
	{ "html", no_argument, NULL, OPT_HTML },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "max-record-bytes", required_argument, NULL, OPT_MAXREC },
	{ "min-dwellings", required_argument, NULL, OPT_MINDW },
	{ "min-population", required_argument, NULL, OPT_MINPOP },
	{ "no-disclosure", no_argument, NULL, OPT_NODISC },
	{ "no-rounding", no_argument, NULL, OPT_NOROUND },
	{ "output", required_argument, NULL, 'o' },
	{ "population", required_argument, NULL, OPT_POP },
	{ "themes", required_argument, NULL, OPT_THEMES },
	{ "timestamp", required_argument, NULL, OPT_TIMESTAMP },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "type", required_argument, NULL, 't' },
	{ "typed", no_argument, NULL, OPT_TYPED },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "wijk-map", required_argument, NULL, OPT_WIJKMAP },
	{ NULL, 0, NULL, 0 }
};

/* Columns holding codes or names: never numbers, whatever they look like
 * ("1.2" is a theme, "0935" a code). */
static noreturn void
usage(int status)
{
	FILE *fp = status == 0 ? stdout : stderr;

	fprintf(fp, "usage: %s [-h] [-o file] [-t text|md|csv|jsonl|tsv|xlsx]\n"
	    "          [--disclosure-table file] [--lang nl|en] "
	    "[--max-record-bytes n]\n"
	    "          [--min-dwellings n] [--min-population n] "
	    "[--no-disclosure]\n          [--no-rounding]"
	    " [--population file] [--typed] [file ...]\n"
	    "       %s --html [-o file] [--areas file] [--buurt-map file]\n"
	    "          [--disclosure-table file] [--lang nl|en] "
	    "[--population file]\n"
	    "          [--themes file] [--timestamp text] [--title text]\n"
	    "          [--wijk-map file] dir\n", progname, progname);
	if (status == 0)
		fputs("\nRecords to an aligned text table (default), Markdown, "
		    "CSV for Dutch Excel,\nJSON lines, records (tsv) or an "
		    ".xlsx "
		    "workbook; --html renders a picture\ndirectory as one "
		    "self-contained HTML report.  Disclosure "
		    "control\n(METHOD.md "
		    "9.2) is applied to tables with area and count columns.\n"
		    "Holds the table in memory.  See vb-format(1).\n", fp);
	exit(status);
}

/* Display width of UTF-8 s as a terminal shows it: combining marks 0,
 * East Asian wide and fullwidth forms 2, control characters shown as
 * two-character escapes. */
static size_t
display_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;
	unsigned long cp;
	int n;

	while (*p != '\0') {
		if (*p < 0x80) {
			w += *p < 0x20 || *p == 0x7f ? 2 : 1;
			p++;
			continue;
		}
		if ((*p & 0xe0) == 0xc0) {
			cp = *p & 0x1f;
			n = 1;
		} else if ((*p & 0xf0) == 0xe0) {
			cp = *p & 0x0f;
			n = 2;
		} else if ((*p & 0xf8) == 0xf0) {
			cp = *p & 0x07;
			n = 3;
		} else {
			w++;
			p++;
			continue;
		}
		p++;
		while (n-- > 0 && (*p & 0xc0) == 0x80)
			cp = cp << 6 | (*p++ & 0x3f);
		if ((cp >= 0x300 && cp <= 0x36f) ||
		    (cp >= 0x1ab0 && cp <= 0x1aff) ||
		    (cp >= 0x1dc0 && cp <= 0x1dff) ||
		    (cp >= 0x20d0 && cp <= 0x20ff) ||
		    (cp >= 0xfe20 && cp <= 0xfe2f) || cp == 0x200b ||
		    cp == 0x200c || cp == 0x200d || cp == 0xfeff)
			continue;
		if ((cp >= 0x1100 && cp <= 0x115f) ||
		    (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f) ||
		    (cp >= 0xac00 && cp <= 0xd7a3) ||
		    (cp >= 0xf900 && cp <= 0xfaff) ||
		    (cp >= 0xfe30 && cp <= 0xfe4f) ||
		    (cp >= 0xff00 && cp <= 0xff60) ||
		    (cp >= 0xffe0 && cp <= 0xffe6) ||
		    (cp >= 0x1f300 && cp <= 0x1f64f) ||
		    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
		    (cp >= 0x20000 && cp <= 0x3fffd))
			w += 2;
		else
			w++;
	}
	return w;
}

/* s with control characters written as \n, \t, \r or \xHH. */
static void
put_visible(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '\n')
			fputs("\\n", fp);
		else if (ch == '\t')
			fputs("\\t", fp);
		else if (ch == '\r')
			fputs("\\r", fp);
		else if (ch < 0x20 || ch == 0x7f)
			fprintf(fp, "^%c", ch == 0x7f ? '?' : ch + '@');
		else
			putc(ch, fp);
	}
}

static void
pad(FILE *fp, size_t n)
{
	while (n-- > 0)
		putc(' ', fp);
}

static const char *const foot_nl[][2] = {
	{ ".", "gegevens ontbreken of zijn onbetrouwbaar (minder dan 5 "
	    "voorvallen)" },
	{ "x", "geheim, om onthulling te voorkomen" },
	{ "-", "nihil" },
	{ "<5", "1 tot en met 4" },
	{ "D1", "buurt te klein (minder dan 200 inwoners of 50 woningen): "
	    "samengevoegd met de wijk" },
	{ "D2", "gevoelig delict: niet onder wijkniveau, en op wijkniveau "
	    "niet onder 5" },
	{ "D3", "kleine aantallen (1-4) niet gepubliceerd" },
	{ "D5", "secundair onderdrukt, zodat een geheim cijfer niet uit de "
	    "totalen is terug te rekenen" },
	{ "bron", "ontbreekt in de bron" },
	{ NULL, NULL }
};

static const char *const foot_en[][2] = {
	{ ".", "missing or unreliable (fewer than 5 cases)" },
	{ "x", "secret, to prevent disclosure" },
	{ "-", "nil" },
	{ "<5", "1 to 4" },
	{ "D1", "buurt too small (fewer than 200 inhabitants or 50 dwellings): "
	    "merged into the wijk" },
	{ "D2", "sensitive offence: not below wijk level, and not below 5 at "
	    "wijk level" },
	{ "D3", "small counts (1-4) not published" },
	{ "D5", "suppressed as well, so that a secret cell cannot be "
	    "recomputed from the totals" },
	{ "bron", "missing in the source" },
	{ NULL, NULL }
};

/* Footnotes for the symbols and notes that occur in t. */
static void
footnotes(FILE *fp, const struct table *t, bool en, bool md)
{
	const char *const (*fn)[2] = en ? foot_en : foot_nl;
	size_t i, r, c;
	bool first = true;

	for (i = 0; fn[i][0] != NULL; i++) {
		bool seen = false;

		for (r = 0; r < t->nrows && !seen; r++)
			for (c = 0; c < t->ncols && !seen; c++)
				seen = strcmp(table_get(t, r, (int)c),
				    fn[i][0]) == 0;
		if (!seen)
			continue;
		if (first)
			fputs("\n", fp);
		first = false;
		if (md)
			fprintf(fp, "- `%s` %s\n", fn[i][0], fn[i][1]);
		else
			fprintf(fp, "%-4s %s\n", fn[i][0], fn[i][1]);
	}
}

/* True when the cells of display row r after column c are all empty, so
 * that no padding is written at the end of a line. */
static bool
rest_empty(const struct table *t, size_t r, size_t c)
{
	if (r < 2)
		return false;
	for (c++; c < t->ncols; c++)
		if (table_get(t, r - 2, (int)c)[0] != '\0')
			return false;
	return true;
}

static void
write_text(FILE *fp, const struct table *t, bool en)
{
	size_t *w = xcalloc(t->ncols + 1, sizeof(*w));
	bool *num = table_numeric_cols(t);
	size_t c, r, x;

	for (c = 0; c < t->ncols; c++) {
		w[c] = display_width(t->name[c]);
		for (r = 0; r < t->nrows; r++)
			if ((x = display_width(table_get(t, r, (int)c))) >
			    w[c])
				w[c] = x;
	}
	for (r = 0; r <= t->nrows + 1; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *v = r == 0 ? t->name[c] :
			    r == 1 ? NULL : table_get(t, r - 2, (int)c);
			bool last = c + 1 == t->ncols;

			if (c > 0 && rest_empty(t, r, c - 1))
				break;
			if (c > 0)
				fputs("  ", fp);
			if (v == NULL) {
				for (x = 0; x < w[c]; x++)
					putc('-', fp);
				continue;
			}
			x = display_width(v);
			if (num[c])
				pad(fp, w[c] - x);
			put_visible(fp, v);
			if (!num[c] && !last && !rest_empty(t, r, c))
				pad(fp, w[c] - x);
		}
		putc('\n', fp);
	}
	footnotes(fp, t, en, false);
	free(w);
	free(num);
}

static void
put_md(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '|' || *s == '\\' || *s == '`' || *s == '*' ||
		    *s == '_' || *s == '<' || *s == '[')
			fprintf(fp, "\\%c", *s);
		else if (*s == '\n')
			fputs("<br>", fp);
		else if (*s == '\r' || *s == '\t')
			putc(' ', fp);
		else
			putc(*s, fp);
	}
}

static void
write_md(FILE *fp, const struct table *t, bool en)
{
	bool *num = table_numeric_cols(t);
	size_t c, r;

	for (r = 0; r <= t->nrows + 1; r++) {
		fputs("|", fp);
		for (c = 0; c < t->ncols; c++) {
			if (r == 1) {
				fputs(num[c] ? " ---: |" : " --- |", fp);
				continue;
			}
			putc(' ', fp);
			put_md(fp, r == 0 ? t->name[c] :
			    table_get(t, r - 2, (int)c));
			fputs(" |", fp);
		}
		putc('\n', fp);
	}
	footnotes(fp, t, en, true);
	free(num);
}

/* One CSV cell for Dutch Excel.  Numbers in numeric columns get a decimal
 * comma; text that Excel would read as a formula (= + - @ TAB CR first,
 * OWASP "CSV injection") gets a leading apostrophe, except a plain negative
 * number and the nil symbol "-".  Quoted when it holds ; " CR or LF. */
static void
put_csv(FILE *fp, const char *v, bool num)
{
	bool quote, neutral;
	const char *p;

	if (num && table_is_number(v)) {
		for (p = v; *p != '\0'; p++)
			putc(*p == '.' ? ',' : *p, fp);
		return;
	}
	neutral = strchr("=+-@\t\r", v[0]) != NULL && v[0] != '\0' &&
	    !table_is_number(v) && strcmp(v, "-") != 0;
	quote = strpbrk(v, ";\"\r\n") != NULL;
	if (quote)
		putc('"', fp);
	if (neutral)
		putc('\'', fp);
	for (p = v; *p != '\0'; p++) {
		if (*p == '"')
			putc('"', fp);
		putc(*p, fp);
	}
	if (quote)
		putc('"', fp);
}

static void
write_csv(FILE *fp, const struct table *t)
{
	bool *num = table_numeric_cols(t);
	size_t c, r;

	fputs("\xef\xbb\xbf", fp);
	for (r = 0; r <= t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			if (c > 0)
				putc(';', fp);
			if (r == 0)
				put_csv(fp, t->name[c], false);
			else
				put_csv(fp, table_get(t, r - 1, (int)c),
				    num[c]);
		}
		fputs("\r\n", fp);
	}
	free(num);
}

static void
put_json_string(FILE *fp, const char *s)
{
	putc('"', fp);
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		switch (ch) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		case '\b':
			fputs("\\b", fp);
			break;
		case '\f':
			fputs("\\f", fp);
			break;
		default:
			if (ch < 0x20 || ch == 0x7f)
				fprintf(fp, "\\u%04x", ch);
			else
				putc(ch, fp);
		}
	}
	putc('"', fp);
}

/* JSON number syntax: no leading zeros ("0", "0.5", "-12" are fine). */
static bool
json_number_ok(const char *v)
{
	const char *p = v[0] == '-' ? v + 1 : v;

	return table_is_number(v) && !(p[0] == '0' && p[1] >= '0' &&
	    p[1] <= '9');
}

static void
write_jsonl(FILE *fp, const struct table *t, bool typed)
{
	bool *num = typed ? table_numeric_cols(t) : NULL;
	size_t c, r;

	for (r = 0; r < t->nrows; r++) {
		putc('{', fp);
		for (c = 0; c < t->ncols; c++) {
			const char *v = table_get(t, r, (int)c);

			if (c > 0)
				putc(',', fp);
			put_json_string(fp, t->name[c]);
			putc(':', fp);
			if (v[0] == '\0')
				fputs("null", fp);
			else if (typed && num[c] && json_number_ok(v))
				fputs(v, fp);
			else
				put_json_string(fp, v);
		}
		fputs("}\n", fp);
	}
	free(num);
}

/* The table as a record stream again, for further processing. */
static void
write_tsv(FILE *fp, const struct table *t)
{
	struct schema *sc = schema_new((const char *const *)t->name,
	    t->ncols);
	struct rec_writer *w = rec_wopen(fp, sc);
	struct field *f = xcalloc(t->ncols + 1, sizeof(*f));
	size_t r, c;

	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++)
			f[c] = field_str(table_get(t, r, (int)c));
		rec_write(w, f, t->ncols);
	}
	if (rec_wclose(w) != 0)
		die_errno(1, "io-error: write error");
	schema_free(sc);
	free(f);
}

/* -o FILE: written to a temporary file in the same directory, renamed over
 * FILE only when everything was written. */
struct out {
	FILE		*fp;
	const char	*path;		/* NULL: stdout */
	char		*tmp;
};

static void
out_open(struct out *o, const char *path)
{
	mode_t mask;
	int fd;

	o->path = path;
	if (path == NULL) {
		o->fp = stdout;
		return;
	}
	o->tmp = xmalloc(strlen(path) + 16);
	sprintf(o->tmp, "%s.tmpXXXXXX", path);
	if ((fd = mkstemp(o->tmp)) < 0)
		die_errno(1, "io-error: %s", path);
	/* mkstemp makes it 0600; a report gets the usual mode. */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0)
		die_errno(1, "io-error: %s", o->tmp);
	if ((o->fp = fdopen(fd, "w")) == NULL)
		die_errno(1, "io-error: %s", path);
}

static void
out_abort(struct out *o)
{
	if (o->tmp != NULL)
		unlink(o->tmp);
}

static void
out_close(struct out *o)
{
	if (o->path == NULL) {
		msg_close_stdout();
		return;
	}
	if (fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0) {
		int e = errno;

		fclose(o->fp);
		unlink(o->tmp);
		errno = e;
		die_errno(1, "io-error: %s: write error", o->path);
	}
	if (fclose(o->fp) != 0) {
		unlink(o->tmp);
		die_errno(1, "io-error: %s: write error", o->path);
	}
	if (rename(o->tmp, o->path) != 0) {
		int e = errno;

		unlink(o->tmp);
		errno = e;
		die_errno(1, "io-error: %s", o->path);
	}
	free(o->tmp);
	if (fclose(stdout) != 0)
		die_errno(1, "io-error: write error");
}

/* Count the suppressions as info codes for the summary line. */
static void
count_codes(struct reject *rj, const struct disc_stats *st)
{
	unsigned long i;

	for (i = 0; i < st->primary; i++)
		reject_info(rj, "cell-suppressed/primary");
	for (i = 0; i < st->secondary; i++)
		reject_info(rj, "cell-suppressed/secondary");
}

static const char *
timestamp_default(char *buf, size_t len)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	time_t t;
	struct tm tm;
	long v;

	if (e != NULL && field_long(field_str(e), &v))
		t = (time_t)v;
	else
		t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M UTC", &tm);
	return buf;
}

int
main(int argc, char *argv[])
{
	struct disc_opts dopt;
	struct disc_stats st;
	struct html_opts ho = { .lang = "nl", .version = VB_VERSION };
	struct table *t, *classes = NULL, *pop = NULL;
	struct reject *rj;
	struct out out = { 0 };
	enum fmt fmt = FMT_TEXT;
	const char *path, *opath = NULL, *disctab = NULL, *popfile = NULL;
	char err[512], tsbuf[64];
	bool typed = false, disclosure = true, en;
	int ch, i;

	msg_init(argv[0]);
	disclose_defaults(&dopt);
	while ((ch = getopt_long(argc, argv, "ho:t:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage(0);
		case 'o':
			opath = optarg;
			break;
		case 't':
			if (strcmp(optarg, "text") == 0)
				fmt = FMT_TEXT;
			else if (strcmp(optarg, "md") == 0)
				fmt = FMT_MD;
			else if (strcmp(optarg, "csv") == 0)
				fmt = FMT_CSV;
			else if (strcmp(optarg, "jsonl") == 0)
				fmt = FMT_JSONL;
			else if (strcmp(optarg, "tsv") == 0)
				fmt = FMT_TSV;
			else if (strcmp(optarg, "xlsx") == 0)
				fmt = FMT_XLSX;
			else if (strcmp(optarg, "html") == 0)
				fmt = FMT_HTML;
			else
				die(2, "usage-error: -t wants text, md, csv, "
				    "jsonl, tsv, xlsx or html, not '%s'",
				    optarg);
			break;
		case OPT_TYPED:
			typed = true;
			break;
		case OPT_NODISC:
			disclosure = false;
			break;
		case OPT_NOROUND:
			dopt.base = 1;
			break;
		case OPT_DISCTAB:
			disctab = optarg;
			break;
		case OPT_POP:
			popfile = optarg;
			break;
		case OPT_MINPOP:
			dopt.min_population = (long)opt_ulong(optarg,
			    "--min-population");
			break;
		case OPT_MAXREC:
			rec_set_max_record(opt_ulong(optarg,
			    "--max-record-bytes"));
			break;
		case OPT_MINDW:
			dopt.min_dwellings = (long)opt_ulong(optarg,
			    "--min-dwellings");
			break;
		case OPT_HTML:
			fmt = FMT_HTML;
			break;
		case OPT_LANG:
			if (strcmp(optarg, "nl") != 0 &&
			    strcmp(optarg, "en") != 0)
				die(2, "usage-error: --lang wants nl or en, "
				    "not '%s'", optarg);
			ho.lang = optarg;
			break;
		case OPT_TIMESTAMP:
			ho.timestamp = optarg;
			break;
		case OPT_AREAS:
			ho.areas = optarg;
			break;
		case OPT_THEMES:
			ho.themes = optarg;
			break;
		case OPT_BUURTMAP:
			ho.buurt_map = optarg;
			break;
		case OPT_WIJKMAP:
			ho.wijk_map = optarg;
			break;
		case OPT_TITLE:
			ho.title = optarg;
			break;
		case OPT_VERSION:
			printf("vb-format %s\n", VB_VERSION);
			return 0;
		default:
			usage(2);
		}
	}
	en = strcmp(ho.lang, "en") == 0;
	if (fmt == FMT_HTML && argc - optind != 1)
		die(2, "usage-error: --html wants one picture directory");
	if (fmt != FMT_HTML && fmt != FMT_XLSX && argc - optind > 1)
		usage(2);
	if (fmt == FMT_XLSX && opath == NULL)
		die(2, "usage-error: -t xlsx wants -o file");
	if (disctab != NULL &&
	    (classes = table_load(disctab, err, sizeof(err))) == NULL)
		die(1, "%s", err);
	if (popfile != NULL &&
	    (pop = table_load(popfile, err, sizeof(err))) == NULL)
		die(1, "%s", err);
	dopt.classes = classes;
	dopt.population = pop;
	if (fmt == FMT_HTML) {
		ho.dir = argv[optind];
		ho.disc = disclosure ? &dopt : NULL;
		if (ho.timestamp == NULL)
			ho.timestamp = timestamp_default(tsbuf, sizeof(tsbuf));
		out_open(&out, opath);
		if (html_report(out.fp, &ho, err, sizeof(err)) != 0) {
			out_abort(&out);
			die(1, "%s", err);
		}
		out_close(&out);
		rj = reject_open("format", NULL);
		count_codes(rj, &ho.stats);
		reject_summary(rj, ho.rows, ho.rows);
		table_free(classes);
		table_free(pop);
		return 0;
	}
	rj = reject_open("format", NULL);
	if (fmt == FMT_XLSX) {
		struct xlsx *x;
		unsigned long nread = 0;

		if ((x = xlsx_open(opath, err, sizeof(err))) == NULL)
			die(1, "%s", err);
		for (i = optind; i < argc || i == optind; i++) {
			path = i < argc ? argv[i] : "-";
			if ((t = table_load(path, err, sizeof(err))) == NULL) {
				xlsx_abort(x);
				die(1, "%s", err);
			}
			if (disclosure && table_col(t, "area") >= 0 &&
			    table_col(t, "count") >= 0) {
				if (disclose_apply(t, &dopt, &st, err,
				    sizeof(err)) != 0) {
					xlsx_abort(x);
					die(1, "%s", err);
				}
				count_codes(rj, &st);
			}
			nread += t->nrows;
			xlsx_sheet(x, path, t, en);
			table_free(t);
		}
		if (xlsx_close(x, err, sizeof(err)) != 0)
			die(1, "%s", err);
		reject_summary(rj, nread, nread);
		table_free(classes);
		table_free(pop);
		return 0;
	}
	path = optind < argc ? argv[optind] : "-";
	if ((t = table_load(path, err, sizeof(err))) == NULL)
		die(1, "%s", err);
	if (disclosure && table_col(t, "area") >= 0 &&
	    table_col(t, "count") >= 0) {
		if (disclose_apply(t, &dopt, &st, err, sizeof(err)) != 0)
			die(1, "%s", err);
		count_codes(rj, &st);
	}
	out_open(&out, opath);
	switch (fmt) {
	case FMT_TEXT:
		write_text(out.fp, t, en);
		break;
	case FMT_MD:
		write_md(out.fp, t, en);
		break;
	case FMT_CSV:
		write_csv(out.fp, t);
		break;
	case FMT_TSV:
		write_tsv(out.fp, t);
		break;
	default:
		write_jsonl(out.fp, t, typed);
		break;
	}
	out_close(&out);
	reject_summary(rj, t->nrows, t->nrows);
	table_free(t);
	table_free(classes);
	table_free(pop);
	return 0;
}
