/* check_rec -- the record stream reader and writer, field helpers, gzin. */
#include <check.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "gzin.h"
#include "rec.h"

Suite	*rec_suite(void);

static const struct { const char *in, *err; size_t nrec; } cases[] = {
	{ "a\tb\n1\t2",			NULL, 1 },	/* no final newline */
	{ "a\tb\n1\t2\n",		NULL, 1 },
	{ "a\tb\n",			NULL, 0 },	/* header only */
	{ "a\tb\n1\n",			"t:2: missing-cell: expected 2 fields, found 1", 0 },
	{ "a\tb\n1\t2\t3\n",		"t:2: extra-cell: expected 2 fields, found 3", 0 },
	{ "",				"t:1: empty-source: no header line", 0 },
	{ "a\ta\n",			"t:1: duplicate-label: fields 1 and 2 are both named 'a'", 0 },
	{ "a\t\tc\n",			"t:1: blank-label: field 2 of the header has no name", 0 },
	{ "a\tb\r\n1\t2\r\n",		"t:1: format-error: raw carriage return at end of line (record lines end in LF; CR is written \\r)", 0 },
	{ "a\tb\n1\\x\t2\n",		"t:2: format-error: field 1: bad escape (only \\t \\n \\r \\\\ exist)", 0 },
	{ "a\tb\n1\\\t2\n",		"t:2: format-error: field 1: bad escape (only \\t \\n \\r \\\\ exist)", 0 },
	{ "a\tb\n1\t2\n\n",		"t:3: missing-cell: expected 2 fields, found 1", 1 },
	{ "a\n\n\n",			NULL, 2 },	/* one column: empty values */
	{ "a\tb\nx\\ty\tz\\\\\n",	NULL, 1 },
};

/* Every case in every chunk size from 1 byte up. */
START_TEST(test_read)
{
	const char *in_text = cases[_i].in;
	size_t chunk;

	for (chunk = 1; chunk <= strlen(in_text) + 1; chunk++) {
		struct rec_reader *in;
		struct record r;
		size_t n = 0;
		int rc;

		gzin_mem_chunk = chunk;
		in = rec_open_mem(in_text, strlen(in_text), "t");
		ck_assert_ptr_nonnull(in);
		while ((rc = rec_read(in, &r)) == 1)
			n++;
		if (cases[_i].err == NULL)
			ck_assert_int_eq(rc, 0);
		else {
			ck_assert_int_eq(rc, -1);
			ck_assert_str_eq(rec_errmsg(in), cases[_i].err);
			/* Errors are sticky. */
			ck_assert_int_eq(rec_read(in, &r), -1);
		}
		ck_assert_uint_eq(n, cases[_i].nrec);
		rec_close(in);
	}
	gzin_mem_chunk = 0;
}
END_TEST

/* A NUL byte in a name or a value is refused, never cut at. */
START_TEST(test_nul)
{
	static const char hdr[] = "a\0b\tc\n1\t2\n";
	static const char val[] = "a\tc\n1\0x\t2\n";
	struct rec_reader *in;
	struct record r;

	in = rec_open_mem(hdr, sizeof(hdr) - 1, "t");
	ck_assert_int_eq(rec_read(in, &r), -1);
	ck_assert_str_eq(rec_errmsg(in), "t:1: nul-byte: NUL byte in field 1");
	rec_close(in);
	in = rec_open_mem(val, sizeof(val) - 1, "t");
	ck_assert_int_eq(rec_read(in, &r), -1);
	ck_assert_str_eq(rec_errmsg(in), "t:2: nul-byte: NUL byte in field 1");
	rec_close(in);
}
END_TEST

START_TEST(test_unescape_views)
{
	const char *text = "a\tb\nx\\ty\tz\\\\\\n\n";
	struct rec_reader *in = rec_open_mem(text, strlen(text), "t");
	struct record r;

	ck_assert_int_eq(rec_read(in, &r), 1);
	ck_assert_uint_eq(r.nf, 2);
	ck_assert_str_eq(r.f[0].p, "x\ty");	/* views are C strings */
	ck_assert_uint_eq(r.f[0].len, 3);
	ck_assert_str_eq(r.f[1].p, "z\\\n");
	ck_assert_uint_eq(r.line, 2);
	ck_assert_int_eq(schema_col(rec_schema(in), "b"), 1);
	ck_assert_int_eq(schema_col(rec_schema(in), "c"), -1);
	rec_close(in);
}
END_TEST

/* Writing then reading gives back every byte value but NUL. */
START_TEST(test_roundtrip)
{
	char val[256], *buf = NULL;
	size_t len = 0, i;
	FILE *fp = open_memstream(&buf, &len);
	struct schema *sc = schema_parse("k,v");
	struct rec_writer *w = rec_wopen(fp, sc);
	struct field f[2];
	struct rec_reader *in;
	struct record r;

	for (i = 1; i < 256; i++)
		val[i - 1] = (char)i;
	val[255] = '\0';
	f[0] = field_str("key");
	f[1].p = val;
	f[1].len = 255;
	rec_write(w, f, 2);
	f[1].len = 0;
	rec_write(w, f, 2);
	ck_assert_int_eq(rec_wclose(w), 0);
	fclose(fp);
	ck_assert_ptr_null(memchr(buf + 4, '\r', len - 4));
	in = rec_open_mem(buf, len, "t");
	ck_assert_int_eq(rec_read(in, &r), 1);
	ck_assert_uint_eq(r.f[1].len, 255);
	ck_assert_int_eq(memcmp(r.f[1].p, val, 255), 0);
	ck_assert_int_eq(rec_read(in, &r), 1);
	ck_assert_uint_eq(r.f[1].len, 0);
	ck_assert_int_eq(rec_read(in, &r), 0);
	rec_close(in);
	schema_free(sc);
	free(buf);
}
END_TEST

START_TEST(test_write_error_latched)
{
	FILE *fp = fopen("/dev/full", "w");
	struct schema *sc = schema_parse("a");
	struct rec_writer *w;
	struct field f = { "x", 1 };
	int i;

	ck_assert_ptr_nonnull(fp);
	w = rec_wopen(fp, sc);
	for (i = 0; i < 100000; i++)
		rec_write(w, &f, 1);
	ck_assert_int_eq(rec_wclose(w), -1);
	ck_assert_int_eq(errno, ENOSPC);
	fclose(fp);
	schema_free(sc);
}
END_TEST

static const struct { const char *s; int ok; long v; } longs[] = {
	{ "0", 1, 0 }, { "-12", 1, -12 }, { "+7", 1, 7 },
	{ "", 0, 0 }, { " 1", 0, 0 }, { "1 ", 0, 0 }, { "1x", 0, 0 },
	{ "9223372036854775807", 1, 9223372036854775807L },
	{ "9223372036854775808", 0, 0 }, { "-", 0, 0 }, { "0x10", 0, 0 },
};

START_TEST(test_field_long)
{
	long v = 0;

	ck_assert_int_eq(field_long(field_str(longs[_i].s), &v), longs[_i].ok);
	if (longs[_i].ok)
		ck_assert_int_eq(v, longs[_i].v);
}
END_TEST

START_TEST(test_field_double)
{
	double d;
	char buf[32];

	ck_assert(field_double(field_str("1.5"), &d) && d == 1.5);
	ck_assert(field_double(field_str("-2e3"), &d) && d == -2000);
	ck_assert(!field_double(field_str("nan"), &d));
	ck_assert(!field_double(field_str("inf"), &d));
	ck_assert(!field_double(field_str("1,5"), &d));
	ck_assert(!field_double(field_str(" 1"), &d));
	ck_assert(!field_double(field_str(""), &d));
	ck_assert(!field_double(field_str("1e999"), &d));
	ck_assert_str_eq(field_fmt_double(buf, 12.5, 3).p, "12.5");
	ck_assert_str_eq(field_fmt_double(buf, 3.0, 3).p, "3");
	ck_assert_str_eq(field_fmt_double(buf, -0.0001, 2).p, "0");
	ck_assert_str_eq(field_fmt_long(buf, -1234567).p, "-1234567");
	ck_assert_str_eq(field_fmt_long(buf, 0).p, "0");
}
END_TEST

/* field_fmt_long against printf over every digit count and sign, the ends
 * of long, and the two-digit steps around powers of ten. */
START_TEST(test_fmt_long)
{
	char buf[32], want[32];
	long v[64];
	size_t n = 0, i;
	long p;
	struct field f;

	v[n++] = LONG_MIN;
	v[n++] = LONG_MAX;
	v[n++] = LONG_MIN + 1;
	for (p = 1; p <= LONG_MAX / 10; p *= 10) {
		v[n++] = p;
		v[n++] = p - 1;
		v[n++] = -p;
	}
	v[n++] = 1000000000000000000L + 99;
	for (i = 0; i < n; i++) {
		snprintf(want, sizeof(want), "%ld", v[i]);
		f = field_fmt_long(buf, v[i]);
		ck_assert_str_eq(f.p, want);
		ck_assert_uint_eq(f.len, strlen(want));
	}
}
END_TEST

START_TEST(test_gzip)
{
	const char *text = "a\tb\n1\t2\n";
	unsigned char gz[256];
	z_stream z;
	struct rec_reader *in;
	struct record r;
	size_t n, chunk;

	memset(&z, 0, sizeof(z));
	ck_assert_int_eq(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (unsigned char *)text;
	z.avail_in = (unsigned)strlen(text);
	z.next_out = gz;
	z.avail_out = sizeof(gz);
	ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
	n = sizeof(gz) - z.avail_out;
	deflateEnd(&z);
	for (chunk = 1; chunk <= n; chunk++) {
		gzin_mem_chunk = chunk;
		in = rec_open_mem(gz, n, "t.gz");
		ck_assert_int_eq(rec_read(in, &r), 1);
		ck_assert_str_eq(r.f[1].p, "2");
		ck_assert_int_eq(rec_read(in, &r), 0);
		rec_close(in);
		/* Truncated: an error, never a short success. */
		in = rec_open_mem(gz, n - 5, "t.gz");
		while (rec_read(in, &r) == 1)
			;
		ck_assert_str_eq(rec_errmsg(in) + strlen(rec_errmsg(in)) -
		    strlen("truncated gzip data"), "truncated gzip data");
		rec_close(in);
	}
	gzin_mem_chunk = 0;
}
END_TEST

Suite *
rec_suite(void)
{
	Suite *s = suite_create("rec");
	TCase *tc = tcase_create("rec");

	tcase_add_loop_test(tc, test_read, 0, sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, test_nul);
	tcase_add_test(tc, test_unescape_views);
	tcase_add_test(tc, test_roundtrip);
	tcase_add_test(tc, test_write_error_latched);
	tcase_add_loop_test(tc, test_field_long, 0,
	    sizeof(longs) / sizeof(longs[0]));
	tcase_add_test(tc, test_field_double);
	tcase_add_test(tc, test_fmt_long);
	tcase_add_test(tc, test_gzip);
	suite_add_tcase(s, tc);
	return s;
}
