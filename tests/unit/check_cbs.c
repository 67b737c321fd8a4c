/* check_cbs -- unit tests for lib/cbs: CBS period codes (FORMATS.md §1.5)
 * and cell symbols (§1.6), including every month code checked against a
 * regular expression built independently with regcomp. */
#include <check.h>
#include <regex.h>
#include <stdio.h>
#include <string.h>

#include "cbs.h"

Suite	*cbs_suite(void);

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct {
	const char	*in;
	int		 flags;
	int		 ok, year, month, quarter;
	const char	*norm;
} periods[] = {
	{ "2018JJ00", 0, 1, 2018, 0, 0, "2018" },
	{ "2018MM01", 0, 1, 2018, 1, 0, "2018-01" },
	{ "2018MM12", 0, 1, 2018, 12, 0, "2018-12" },
	{ "1995MM09", 0, 1, 1995, 9, 0, "1995-09" },
	{ "0000JJ00", 0, 1, 0, 0, 0, "0000" },
	{ "2018MM00", 0, 0, 0, 0, 0, NULL },
	{ "2018MM13", 0, 0, 0, 0, 0, NULL },
	{ "2018JJ01", 0, 0, 0, 0, 0, NULL },
	{ "2018jj00", 0, 0, 0, 0, 0, NULL },
	{ "2018MM1", 0, 0, 0, 0, 0, NULL },
	{ "2018MM011", 0, 0, 0, 0, 0, NULL },
	{ " 2018JJ00", 0, 0, 0, 0, 0, NULL },
	{ "2018JJ00 ", 0, 0, 0, 0, 0, NULL },
	{ "201AJJ00", 0, 0, 0, 0, 0, NULL },
	{ "", 0, 0, 0, 0, 0, NULL },
	{ "2018", 0, 0, 0, 0, 0, NULL },
	{ "2018-01", 0, 0, 0, 0, 0, NULL },
	{ "2019KW02", 0, 0, 0, 0, 0, NULL },
	{ "2019KW02", CBS_QUARTERS, 1, 2019, 0, 2, "2019Q2" },
	{ "2019KW05", CBS_QUARTERS, 0, 0, 0, 0, NULL },
	{ "2019KW00", CBS_QUARTERS, 0, 0, 0, 0, NULL },
	{ "2018", CBS_NORMALISED, 1, 2018, 0, 0, "2018" },
	{ "2018-01", CBS_NORMALISED, 1, 2018, 1, 0, "2018-01" },
	{ "2018-13", CBS_NORMALISED, 0, 0, 0, 0, NULL },
	{ "2018-1", CBS_NORMALISED, 0, 0, 0, 0, NULL },
	{ "2018/01", CBS_NORMALISED, 0, 0, 0, 0, NULL },
	{ "2019Q2", CBS_NORMALISED, 0, 0, 0, 0, NULL },
	{ "2019Q2", CBS_NORMALISED | CBS_QUARTERS, 1, 2019, 0, 2, "2019Q2" },
	{ "2019Q5", CBS_NORMALISED | CBS_QUARTERS, 0, 0, 0, 0, NULL },
	{ "201", CBS_NORMALISED, 0, 0, 0, 0, NULL },
};

START_TEST(test_period_table)
{
	struct cbs_period p;
	char buf[CBS_PERIOD_BUF], code[CBS_PERIOD_BUF];
	struct cbs_period back;
	bool ok;

	ok = cbs_period_parse(periods[_i].in, strlen(periods[_i].in),
	    periods[_i].flags, &p);
	ck_assert_msg(ok == (periods[_i].ok != 0), "case '%s'",
	    periods[_i].in);
	if (!ok)
		return;
	ck_assert_int_eq(p.year, periods[_i].year);
	ck_assert_int_eq(p.month, periods[_i].month);
	ck_assert_int_eq(p.quarter, periods[_i].quarter);
	cbs_period_fmt(buf, &p);
	ck_assert_str_eq(buf, periods[_i].norm);
	/* The code form parses back to the same period. */
	ck_assert_uint_eq(cbs_period_code(code, &p), 8);
	ck_assert(cbs_period_parse(code, 8, CBS_QUARTERS, &back));
	ck_assert_int_eq(back.year, p.year);
	ck_assert_int_eq(back.month, p.month);
	ck_assert_int_eq(back.quarter, p.quarter);
}
END_TEST

/* Every YYYY?? code over a small alphabet against the regex of the
 * contract: ^[0-9]{4}(JJ00|MM(0[1-9]|1[0-2]))$. */
START_TEST(test_period_regex)
{
	static const char alpha[] = "0129JMKWjx -";
	regex_t re;
	char s[9];
	struct cbs_period p;
	size_t a, b, c, d;
	int nok = 0;

	ck_assert_int_eq(regcomp(&re, "^[0-9]{4}(JJ00|MM(0[1-9]|1[0-2]))$",
	    REG_EXTENDED | REG_NOSUB), 0);
	memcpy(s, "2018", 4);
	s[8] = '\0';
	for (a = 0; alpha[a]; a++)
		for (b = 0; alpha[b]; b++)
			for (c = 0; alpha[c]; c++)
				for (d = 0; alpha[d]; d++) {
					bool want, got;

					s[4] = alpha[a];
					s[5] = alpha[b];
					s[6] = alpha[c];
					s[7] = alpha[d];
					want = regexec(&re, s, 0, NULL, 0) == 0;
					got = cbs_period_parse(s, 8, 0, &p);
					ck_assert_msg(want == got, "'%s'", s);
					nok += got;
				}
	regfree(&re);
	/* JJ00, MM01, MM02, MM09, MM10, MM11, MM12 from the alphabet. */
	ck_assert_int_eq(nok, 7);
}
END_TEST

START_TEST(test_period_all_months)
{
	char s[32], want[32], got[CBS_PERIOD_BUF];
	struct cbs_period p;
	int y, m;

	for (y = 2010; y <= 2025; y++)
		for (m = 1; m <= 12; m++) {
			snprintf(s, sizeof(s), "%dMM%02d", y, m);
			snprintf(want, sizeof(want), "%d-%02d", y, m);
			ck_assert(cbs_period_parse(s, 8, 0, &p));
			cbs_period_fmt(got, &p);
			ck_assert_str_eq(got, want);
			/* normalised form parses to the same period */
			ck_assert(cbs_period_parse(got, strlen(got),
			    CBS_NORMALISED, &p));
			ck_assert_int_eq(p.month, m);
			ck_assert_int_eq(p.year, y);
		}
}
END_TEST

static const struct {
	const char	*in;
	enum cbs_cell	 cell;
	long		 value;
	int		 prov;
	const char	*status;
} values[] = {
	{ "12", CBS_NUMBER, 12, 0, "" },
	{ "0", CBS_NUMBER, 0, 0, "" },
	{ "007", CBS_NUMBER, 7, 0, "" },
	{ "  42 ", CBS_NUMBER, 42, 0, "" },
	{ "10746", CBS_NUMBER, 10746, 0, "" },
	{ "", CBS_SUPPRESSED, 0, 0, "suppressed" },
	{ "   ", CBS_SUPPRESSED, 0, 0, "suppressed" },
	{ "null", CBS_SUPPRESSED, 0, 0, "suppressed" },
	{ "NULL", CBS_SUPPRESSED, 0, 0, "suppressed" },
	{ "NA", CBS_SUPPRESSED, 0, 0, "suppressed" },
	{ ".", CBS_MISSING, 0, 0, "missing" },
	{ "x", CBS_SECRET, 0, 0, "secret" },
	{ "-", CBS_NIL, 0, 0, "" },
	{ " - ", CBS_NIL, 0, 0, "" },
	{ "*", CBS_MISSING, 0, 1, "missing" },
	{ "15*", CBS_NUMBER, 15, 1, "" },
	{ "-3", CBS_NEGATIVE, -3, 0, "" },
	{ "-", CBS_NIL, 0, 0, "" },
	{ "X", CBS_BAD, 0, 0, "" },
	{ "1.5", CBS_BAD, 0, 0, "" },
	{ "1,5", CBS_BAD, 0, 0, "" },
	{ "+3", CBS_BAD, 0, 0, "" },
	{ "12a", CBS_BAD, 0, 0, "" },
	{ "1 2", CBS_BAD, 0, 0, "" },
	{ "..", CBS_BAD, 0, 0, "" },
	{ "na", CBS_BAD, 0, 0, "" },
	{ "--", CBS_BAD, 0, 0, "" },
	{ "**", CBS_BAD, 0, 0, "" },
	{ "99999999999999999999999", CBS_BAD, 0, 0, "" },
};

START_TEST(test_value_table)
{
	struct cbs_value v;
	size_t off;
	const char *s = values[_i].in;

	ck_assert_int_eq(cbs_value_parse(s, strlen(s), &off, &v),
	    values[_i].cell);
	ck_assert_int_eq(v.cell, values[_i].cell);
	if (v.cell == CBS_NUMBER || v.cell == CBS_NEGATIVE ||
	    v.cell == CBS_NIL)
		ck_assert_int_eq(v.value, values[_i].value);
	ck_assert_int_eq(v.provisional, values[_i].prov != 0);
	ck_assert_str_eq(cbs_status_name(v.cell), values[_i].status);
	if (values[_i].status[0] != '\0')
		ck_assert_int_eq(cbs_status_parse(values[_i].status,
		    strlen(values[_i].status)), v.cell);
	if (v.cell == CBS_NUMBER && !v.provisional)
		ck_assert_uint_eq(off + v.digits_len,
		    strlen(s) - (s[strlen(s) - 1] == ' '));
}
END_TEST

/* Counts written back with %ld parse to themselves. */
START_TEST(test_value_roundtrip)
{
	char buf[32];
	struct cbs_value v;
	long n;

	for (n = 0; n < 100000; n += 7) {
		snprintf(buf, sizeof(buf), "%ld", n);
		ck_assert_int_eq(cbs_value_parse(buf, strlen(buf), NULL, &v),
		    CBS_NUMBER);
		ck_assert_int_eq(v.value, n);
		ck_assert_uint_eq(v.digits_len, strlen(buf));
	}
	ck_assert_int_eq(cbs_status_parse("Suppressed", 10), CBS_BAD);
}
END_TEST

Suite *
cbs_suite(void)
{
	Suite *s = suite_create("cbs");
	TCase *tc = tcase_create("period");

	tcase_add_loop_test(tc, test_period_table, 0, NELEM(periods));
	tcase_add_test(tc, test_period_regex);
	tcase_add_test(tc, test_period_all_months);
	suite_add_tcase(s, tc);
	tc = tcase_create("value");
	tcase_add_loop_test(tc, test_value_table, 0, NELEM(values));
	tcase_add_test(tc, test_value_roundtrip);
	suite_add_tcase(s, tc);
	return s;
}
