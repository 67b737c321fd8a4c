/* check_postcode -- unit tests for lib/postcode (QUALITY.md G1, G2: postcode
 * normalisation, house-number splitting, the mask) and lib/pc6 (header
 * matching, leading zeros, exact lookup, the majority fallback and its
 * ties). */
#include <check.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "pc6.h"
#include "postcode.h"

Suite	*postcode_suite(void);

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

START_TEST(test_postcode_g1)
{
	static const struct {
		const char	*in;
		const char	*want;	/* NULL: refused */
	} c[] = {
		{ "1234 AB", "1234AB" }, { "1234ab", "1234AB" },
		{ "1234AB", "1234AB" }, { " 6211 aB\t", "6211AB" },
		{ "1234", NULL }, { "0123AB", NULL }, { "1234  AB", NULL },
		{ "1234-AB", NULL }, { "123AB", NULL }, { "12345A", NULL },
		{ "1234A1", NULL }, { "", NULL }, { "1234 A", NULL },
		{ "1234\xc3\xa9" "A", NULL }, { "9999 ZZ", "9999ZZ" },
	};
	char out[7];
	size_t i;

	for (i = 0; i < NELEM(c); i++) {
		bool ok = postcode_norm(c[i].in, strlen(c[i].in), out);

		if (c[i].want == NULL) {
			ck_assert_msg(!ok, "case %zu accepted", i);
			ck_assert_str_eq(out, "");
		} else {
			ck_assert_msg(ok, "case %zu refused", i);
			ck_assert_str_eq(out, c[i].want);
		}
	}
}
END_TEST

START_TEST(test_postcode_mask)
{
	char m[16];

	postcode_mask("6211 ab", 7, m, sizeof(m));
	ck_assert_str_eq(m, "9999 AA");
	postcode_mask("62#1", 4, m, sizeof(m));
	ck_assert_str_eq(m, "99?9");
	/* Long values are cut: never more than outlen - 1 bytes. */
	postcode_mask("Kanariestraat 999", 17, m, sizeof(m));
	ck_assert_str_eq(m, "AAAAAAAAAAAA...");
	ck_assert_uint_eq(strlen(m), sizeof(m) - 1);
}
END_TEST

START_TEST(test_huisnummer_g2)
{
	static const struct {
		const char	*in;
		long		 number;	/* 0: refused */
		char		 letter;
		const char	*toev;
	} c[] = {
		{ "12", 12, 0, "" }, { "12A", 12, 'A', "" },
		{ "12 a", 12, 'A', "" }, { "12-A", 12, 'A', "" },
		{ "12 bis", 12, 0, "BIS" }, { "12hs", 12, 0, "HS" },
		{ "12-1", 12, 0, "1" }, { "12-II", 12, 0, "II" },
		{ "12A-3", 12, 'A', "3" }, { "12 A 3", 12, 'A', "3" },
		{ "12a-bis", 12, 'A', "BIS" }, { "012", 12, 0, "" },
		{ " 7 ", 7, 0, "" }, { "99999", 99999, 0, "" },
		{ "100000", 0, 0, NULL }, { "0", 0, 0, NULL },
		{ "", 0, 0, NULL }, { "A12", 0, 0, NULL },
		{ "12,5", 0, 0, NULL }, { "12 zolder", 0, 0, NULL },
		{ "12 \xc3\xa9", 0, 0, NULL }, { "-12", 0, 0, NULL },
	};
	struct huisnummer h;
	size_t i;

	for (i = 0; i < NELEM(c); i++) {
		bool ok = huisnummer_parse(c[i].in, strlen(c[i].in), &h);

		if (c[i].number == 0) {
			ck_assert_msg(!ok, "case %zu (%s) accepted", i,
			    c[i].in);
			continue;
		}
		ck_assert_msg(ok, "case %zu (%s) refused", i, c[i].in);
		ck_assert_int_eq(h.number, c[i].number);
		ck_assert_int_eq(h.letter, c[i].letter);
		ck_assert_str_eq(h.toev, c[i].toev);
	}
}
END_TEST

START_TEST(test_huisnummer_merge)
{
	struct huisnummer h;

	ck_assert(huisnummer_parse("12", 2, &h));
	ck_assert(huisnummer_merge(&h, "b", 1, "-2", 2));
	ck_assert_int_eq(h.letter, 'B');
	ck_assert_str_eq(h.toev, "2");
	/* Agreeing repeats are fine; contradictions are not. */
	ck_assert(huisnummer_merge(&h, "B", 1, "2", 1));
	ck_assert(!huisnummer_merge(&h, "C", 1, NULL, 0));
	ck_assert(huisnummer_parse("12", 2, &h));
	ck_assert(!huisnummer_merge(&h, "AB", 2, NULL, 0));
	ck_assert(!huisnummer_merge(&h, NULL, 0, "abcde", 5));
	ck_assert(huisnummer_merge(&h, "", 0, "", 0));
	ck_assert_int_eq(h.letter, 0);
}
END_TEST

/* Maastricht-like rows: 6211AA has 3 addresses in BU09350000 and 1 in
 * BU09350001; 6211AB a tie; 6212XY a duplicate with two areas; codes that
 * lost their zeros come back padded. */
static const char table[] =
    "PC6;Huisnummer;Buurt2018;Wijk2018;Gemeente2018\r\n"
    "6211AA;1;09350000;093500;0935\r\n"
    "6211AA;3;09350000;093500;0935\r\n"
    "6211AA;5;09350000;093500;0935\r\n"
    "6211AA;5;09350000;093500;0935\r\n"
    "6211AA;7;09350001;093500;0935\r\n"
    "6211AB;2;09350000;093500;0935\r\n"
    "6211AB;4;09350001;093500;0935\r\n"
    "6212XY;9;09350002;093500;0935\r\n"
    "6212XY;9;09350003;093500;0935\r\n"
    "6221BC;10;9350600;93506;935\r\n"
    "1011AB;99;0363AF01;0363AF;0363\r\n";

START_TEST(test_pc6_lookup)
{
	struct pc6_area a;
	struct pc6 *t;
	char err[256];

	t = pc6_load_mem(table, sizeof(table) - 1, "t.csv", err, sizeof(err));
	ck_assert_msg(t != NULL, "%s", err);
	ck_assert_str_eq(pc6_year(t), "2018");
	ck_assert_uint_eq(pc6_rows(t), 10);	/* one repeat merged */
	ck_assert_uint_eq(pc6_areas(t), 6);
	ck_assert_uint_eq(pc6_repaired(t), 3);

	ck_assert_int_eq(pc6_lookup(t, "6211AA", 7, &a), PC6_EXACT);
	ck_assert_str_eq(a.buurt, "BU09350001");
	ck_assert_str_eq(a.wijk, "WK093500");
	ck_assert_str_eq(a.gemeente, "GM0935");
	/* Unknown and missing numbers: the majority buurt (3 against 1). */
	ck_assert_int_eq(pc6_lookup(t, "6211AA", 2, &a), PC6_FALLBACK);
	ck_assert_str_eq(a.buurt, "BU09350000");
	ck_assert_int_eq(pc6_lookup(t, "6211AA", 0, &a), PC6_FALLBACK);
	ck_assert_str_eq(a.buurt, "BU09350000");
	ck_assert_int_eq(pc6_lookup(t, "6211AB", 2, &a), PC6_EXACT);
	ck_assert_int_eq(pc6_lookup(t, "6211AB", 6, &a), PC6_AMBIGUOUS);
	ck_assert_int_eq(pc6_lookup(t, "6212XY", 9, &a), PC6_AMBIGUOUS);
	ck_assert_int_eq(pc6_lookup(t, "6212XZ", 9, &a), PC6_NONE);
	ck_assert_int_eq(pc6_lookup(t, "6221BC", 10, &a), PC6_EXACT);
	ck_assert_str_eq(a.buurt, "BU09350600");
	ck_assert_str_eq(a.wijk, "WK093506");
	ck_assert_str_eq(a.gemeente, "GM0935");
	ck_assert_int_eq(pc6_lookup(t, "1011AB", 99, &a), PC6_EXACT);
	ck_assert_str_eq(a.buurt, "BU0363AF01");
	/* Neighbouring keys do not leak into each other. */
	ck_assert_int_eq(pc6_lookup(t, "6211AC", 1, &a), PC6_NONE);
	ck_assert_int_eq(pc6_lookup(t, "bogus!", 1, &a), PC6_NONE);
	pc6_free(t);
}
END_TEST

START_TEST(test_pc6_headers)
{
	static const char lower[] =
	    "pc;huisnummer;gwb_code;wijkcode;gemeentecode\n"
	    "6211AA;1;09350000;093500;0935\n";
	static const char *const bad[] = {
		"PC6;Huisnummer;Buurt2018;Wijk2018\n6211AA;1;1;1\n",
		"PC6;Huisnummer;Buurt2018;Wijk2018;Gemeente2018\n"
		    "6211A;1;09350000;093500;0935\n",
		"PC6;Huisnummer;Buurt2018;Wijk2018;Gemeente2018\n"
		    "6211AA;x;09350000;093500;0935\n",
		"PC6;Huisnummer;Buurt2018;Wijk2018;Gemeente2018\n"
		    "6211AA;1;0935000X0;093500;0935\n",
		"PC6;Huisnummer;Buurt2018;Wijk2018;Gemeente2018\n"
		    "6211AA;1;09350000;093600;0935\n",
	};
	struct pc6_area a;
	struct pc6 *t;
	char err[256];
	size_t i;

	t = pc6_load_mem(lower, sizeof(lower) - 1, "l.csv", err, sizeof(err));
	ck_assert_msg(t != NULL, "%s", err);
	ck_assert_str_eq(pc6_year(t), "");
	ck_assert_int_eq(pc6_lookup(t, "6211AA", 1, &a), PC6_EXACT);
	pc6_free(t);
	for (i = 0; i < NELEM(bad); i++) {
		t = pc6_load_mem(bad[i], strlen(bad[i]), "b.csv", err,
		    sizeof(err));
		ck_assert_msg(t == NULL, "bad table %zu loaded", i);
		ck_assert_msg(strncmp(err, "b.csv:", 6) == 0, "%s", err);
	}
}
END_TEST

Suite *
postcode_suite(void)
{
	Suite *s = suite_create("postcode");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_postcode_g1);
	tcase_add_test(tc, test_postcode_mask);
	tcase_add_test(tc, test_huisnummer_g2);
	tcase_add_test(tc, test_huisnummer_merge);
	tcase_add_test(tc, test_pc6_lookup);
	tcase_add_test(tc, test_pc6_headers);
	suite_add_tcase(s, tc);
	return s;
}
