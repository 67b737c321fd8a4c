/* check_csvin -- the CSV reader: dialects, errors with positions, and the
 * fast path agreeing with libcsv on every input, in every chunk size. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvin.h"
#include "gzin.h"

Suite	*csvin_suite(void);

/* Write the rows of c to fp, one line per row, "line:field|field|...",
 * "!code" for row errors, "E:msg" (or "E" without the message, which names
 * the file) for a fatal one. */
static void
transcribe(struct csvin *c, FILE *fp, bool with_msg)
{
	struct csv_row r;
	size_t i;
	int rc;

	while ((rc = csvin_read(c, &r)) == 1) {
		fprintf(fp, "%lu:", r.line);
		if (r.code != NULL) {
			fprintf(fp, "!%s\n", r.code);
			continue;
		}
		for (i = 0; i < r.nf; i++)
			fprintf(fp, "%s[%.*s]", i ? "|" : "", (int)r.f[i].len,
			    r.f[i].p);
		fputc('\n', fp);
	}
	if (rc < 0 && with_msg)
		fprintf(fp, "E:%s\n", csvin_errmsg(c));
	else if (rc < 0)
		fprintf(fp, "E\n");
}

/* Read everything into a printable transcript: one line per row,
 * "line:field|field|...", "!code" for row errors, "E:msg" for a fatal one. */
static char *
transcript(const char *in, size_t len, bool fast, int delim, size_t chunk)
{
	struct csv_dialect d = { 0 };
	struct csvin *c;
	char *buf = NULL;
	size_t blen = 0;
	FILE *fp = open_memstream(&buf, &blen);

	d.delim = delim;
	d.no_fast_path = !fast;
	gzin_mem_chunk = chunk;
	c = csvin_open_mem(in, len, "t", &d);
	transcribe(c, fp, true);
	csvin_close(c);
	gzin_mem_chunk = 0;
	fclose(fp);
	return buf;
}

static const struct { const char *in, *want; } cases[] = {
	{ "a,b\n1,2\n", "2:[1]|[2]\n" },
	{ "a,b\r\n1,2\r\n", "2:[1]|[2]\n" },
	{ "a,b\r1,2\r3,4", "2:[1]|[2]\n3:[3]|[4]\n" },
	{ "a,b\n\"x,y\",\"he said \"\"hi\"\"\"\n", "2:[x,y]|[he said \"hi\"]\n" },
	{ "a,b\n\"multi\nline\",2\n3,4\n", "2:[multi\nline]|[2]\n4:[3]|[4]\n" },
	{ "a,b\n\"cr\r\r\nlf\",2\r\n", "2:[cr\r\r\nlf]|[2]\n" },
	{ "a,b\n1,2\n\n3,4\n", "2:[1]|[2]\n4:[3]|[4]\n" },
	{ "a,b\n1\n", "2:!missing-cell\n" },
	{ "a,b\n1,2,3\n", "2:!extra-cell\n" },
	{ "a,b\nis \"ok\",1\n2,3\n", "2:!quote-error/bare-quote\n3:[2]|[3]\n" },
	{ "a,b\n\"ab\"c,1\n", "2:!quote-error/bare-quote\n" },
	{ "a,b\n1,\"open\n2,3\n", "E:t:2: quote-error/unterminated: the quoted field of the row starting here is not closed at end of input\n" },
	{ "a,b\n\"x\ny\"z,1\n", "E:t:2: quote-error: malformed quoting in the row starting here, which spans lines 2-3; record boundaries cannot be trusted after it\n" },
	{ "a,,c\n", "E:t:1: blank-label: column 2 of the header has no name\n" },
	{ "\xef\xbb\xbf\"a\",\"b\"\n1,2\n", "2:[1]|[2]\n" },
	{ "a,b\n,\n", "2:[]|[]\n" },
	{ "a,b\n\"\",\"\"\n", "2:[]|[]\n" },
	{ "a,b\n1,\xff\n", "2:!encoding-error\n" },
	{ "a,b\n1,2", "2:[1]|[2]\n" },
	{ "a\n", "" },
	{ "", "E:t:1: empty-source: no header line\n" },
	{ "a,b\n \"x\",1\n", "2:!quote-error/bare-quote\n" },
	{ "a,b\n\"x\" ,1\n", "2:!quote-error/bare-quote\n" },
	{ "a,b\n1,\"\"\"\"\n", "2:[1]|[\"]\n" },
};

START_TEST(test_cases)
{
	size_t len = strlen(cases[_i].in), chunk;

	for (chunk = 0; chunk <= len + 1; chunk++) {
		char *fast = transcript(cases[_i].in, len, true, 0, chunk);
		char *slow = transcript(cases[_i].in, len, false, 0, chunk);

		ck_assert_str_eq(fast, cases[_i].want);
		ck_assert_str_eq(slow, cases[_i].want);
		free(fast);
		free(slow);
	}
}
END_TEST

/* Random lines from a small alphabet full of quotes, delimiters and line
 * ends: the fast path must give exactly what libcsv gives. */
START_TEST(test_fast_equals_libcsv)
{
	static const char alpha[] = "ab\",;\n\r \"\"x";
	char in[96];
	unsigned long seed = 12345;
	int iter;

	for (iter = 0; iter < 20000; iter++) {
		size_t len, i;
		char *fast, *slow;

		memcpy(in, "h1,h2\n", 6);
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		len = 6 + (seed >> 33) % 60;
		for (i = 6; i < len; i++) {
			seed = seed * 6364136223846793005UL +
			    1442695040888963407UL;
			in[i] = alpha[(seed >> 33) % (sizeof(alpha) - 1)];
		}
		fast = transcript(in, len, true, ',', 0);
		slow = transcript(in, len, false, ',', 0);
		if (strcmp(fast, slow) != 0)
			ck_abort_msg("fast path differs on input %d:\n%.*s\n"
			    "fast:\n%s\nlibcsv:\n%s", iter, (int)len, in, fast,
			    slow);
		free(fast);
		free(slow);
	}
}
END_TEST

/* plain says when a row can be written without the escape check. */
START_TEST(test_plain)
{
	static const struct { const char *in; bool plain; } rows[] = {
		{ "a,b\n1,2\n", true },
		{ "a,b\n\"x,y\",2\n", true },
		{ "a,b\n\"x\ty\",2\n", false },
		{ "a,b\n1,p\\q\n", false },
		{ "a,b\n\"two\nlines\",2\n", false },	/* libcsv row */
	};
	struct csv_dialect d = { 0 };
	struct csv_row r;
	struct csvin *c;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		c = csvin_open_mem(rows[i].in, strlen(rows[i].in), "t", &d);
		ck_assert_int_eq(csvin_read(c, &r), 1);
		ck_assert_int_eq(r.plain, rows[i].plain);
		csvin_close(c);
	}
}
END_TEST

START_TEST(test_cp1252)
{
	struct csv_dialect d = { .encoding = CSV_ENC_CP1252 };
	const char *in = "n;v\n\x80\x93x\x94\xeb;1\n";
	struct csvin *c = csvin_open_mem(in, strlen(in), "t", &d);
	struct csv_row r;

	ck_assert_int_eq(csvin_read(c, &r), 1);
	ck_assert_ptr_null(r.code);
	ck_assert_str_eq(r.f[0].p, "\xe2\x82\xac\xe2\x80\x9cx\xe2\x80\x9d"
	    "\xc3\xab");
	ck_assert_int_eq(csvin_delim(c), ';');
	csvin_close(c);
}
END_TEST

static const struct { const char *s; size_t bad; } utf8[] = {
	{ "plain ascii text", 16 }, { "caf\xc3\xa9", 5 },
	{ "\xc0\xaf", 0 },		/* overlong */
	{ "\xed\xa0\x80", 0 },		/* surrogate */
	{ "ab\xf4\x90\x80\x80", 2 },	/* > U+10FFFF */
	{ "abcdefgh\xe2\x82", 8 },	/* cut short after an ASCII run */
	{ "\xf0\x9f\x98\x80!", 5 },
};

START_TEST(test_utf8)
{
	ck_assert_uint_eq(utf8_check(utf8[_i].s, strlen(utf8[_i].s)),
	    utf8[_i].bad);
}
END_TEST

/* The transcript of the file path, whole (start == end == 0) or as the
 * byte range [start, end), without the fatal-error line's file name. */
static char *
transcript_file(const char *path, uint64_t start, uint64_t end, bool range)
{
	struct csv_dialect d = { 0 };
	struct csvin *c;
	char *buf = NULL, err[256];
	size_t blen = 0;
	FILE *fp = open_memstream(&buf, &blen);

	d.delim = ',';
	c = range ? csvin_open_range(path, &d, start, end, err, sizeof(err)) :
	    csvin_open(path, &d);
	ck_assert_msg(c != NULL, "open: %s", range ? err : path);
	transcribe(c, fp, false);
	csvin_close(c);
	fclose(fp);
	return buf;
}

/* csvin_open_range: cut a file at any line start after the header, read
 * both parts, and get the rows and line numbers of the whole, for random
 * files of quoted fields, doubled quotes, delimiters in quotes, blank
 * lines, CRLF and LF, bad quoting and UTF-8. */
START_TEST(test_byte_range)
{
	static const char *const cells[] = { "1", "", "abc", "\"x,y\"",
	    "\"he \"\"said\"\"\"", "caf\xc3\xa9", "\"\"", "a\"b" };
	char path[] = "/tmp/check_csvin.XXXXXX";
	unsigned long seed = 777;
	int iter, fd;

	for (iter = 0; iter < 200; iter++) {
		char text[4096], *whole;
		size_t len = 0, starts[128], ns = 0, k, hdr;
		int rows, i;
		FILE *fp;

		len = (size_t)snprintf(text, sizeof(text), "h1,h2\n");
		hdr = len;
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		rows = 1 + (int)((seed >> 33) % 40);
		for (i = 0; i < rows; i++) {
			starts[ns++] = len;
			seed = seed * 6364136223846793005UL +
			    1442695040888963407UL;
			if ((seed >> 40) % 11 == 0) {
				text[len++] = '\n';	/* a blank line */
				continue;
			}
			len += (size_t)snprintf(text + len, sizeof(text) - len,
			    "%s,%s%s", cells[(seed >> 33) % 8],
			    cells[(seed >> 45) % 8],
			    (seed >> 52) % 3 == 0 ? "\r\n" : "\n");
		}
		starts[ns++] = len;
		fd = mkstemp(path);
		ck_assert_int_ge(fd, 0);
		fp = fdopen(fd, "w");
		fwrite(text, 1, len, fp);
		fclose(fp);
		whole = transcript_file(path, 0, 0, false);
		for (k = 0; k < ns; k++) {
			char *a = transcript_file(path, hdr, starts[k], true);
			char *b = transcript_file(path, starts[k], len + 9, true);
			char *ab = malloc(strlen(a) + strlen(b) + 1);

			strcpy(ab, a);
			strcat(ab, b);
			ck_assert_msg(strcmp(ab, whole) == 0, "cut at %zu of:\n"
			    "%.*s\nparts:\n%s\nwhole:\n%s", starts[k],
			    (int)len, text, ab, whole);
			free(a);
			free(b);
			free(ab);
		}
		free(whole);
		unlink(path);
		memcpy(path + strlen(path) - 6, "XXXXXX", 6);
	}
}
END_TEST

/* A range that does not start or end at a line start, starts inside the
 * header, or reads a gzip file is refused with a message. */
START_TEST(test_byte_range_refused)
{
	char path[] = "/tmp/check_csvin.XXXXXX", err[256];
	struct csv_dialect d = { 0 };
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "a,b\n1,2\n3,4\n", 12), 12);
	close(fd);
	d.delim = ',';
	ck_assert_ptr_null(csvin_open_range(path, &d, 5, 12, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "line starts"));
	ck_assert_ptr_null(csvin_open_range(path, &d, 2, 8, err, sizeof(err)));
	ck_assert_ptr_null(csvin_open_range(path, &d, 4, 7, err, sizeof(err)));
	ck_assert_ptr_null(csvin_open_range(path, &d, 8, 4, err, sizeof(err)));
	ck_assert_ptr_null(csvin_open_range("/nonexistent", &d, 4, 8, err,
	    sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "source-missing"));
	unlink(path);
}
END_TEST

Suite *
csvin_suite(void)
{
	Suite *s = suite_create("csvin");
	TCase *tc = tcase_create("csvin");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_cases, 0, sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, test_fast_equals_libcsv);
	tcase_add_test(tc, test_plain);
	tcase_add_test(tc, test_byte_range);
	tcase_add_test(tc, test_byte_range_refused);
	tcase_add_test(tc, test_cp1252);
	tcase_add_loop_test(tc, test_utf8, 0, sizeof(utf8) / sizeof(utf8[0]));
	suite_add_tcase(s, tc);
	return s;
}
