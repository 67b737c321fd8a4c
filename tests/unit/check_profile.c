/* check_profile -- unit tests for lib/profile: the source profiles of
 * incidents.sh.  Each case is a profile text, a key and the value the
 * rules of profile.h give it, or the message the load must fail with. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "profile.h"

Suite	*profile_suite(void);

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* The six required keys, on lines 1-6. */
#define BASE	"id=a\ndate=b\ncode=c\nareas=d\npc6=e\ntheme_map=f g h\n"

static const struct {
	const char	*in;
	size_t		 len;		/* 0: strlen(in) */
	const char	*key, *val;	/* val NULL: the load fails with err */
	const char	*err;
} cases[] = {
	{ BASE, 0, "id", "a", NULL },
	{ BASE, 0, "crs", "", NULL },
	{ BASE, 0, "theme_map", "f g h", NULL },
	{ BASE "source = politie # comment\n", 0, "source", "politie", NULL },
	{ BASE "source = a#b\n", 0, "source", "a", NULL },
	{ BASE "source = a\r\n", 0, "source", "a", NULL },
	{ BASE "source =\t a  b \t\n", 0, "source", "a  b", NULL },
	{ BASE "source==a\n", 0, "source", "=a", NULL },
	{ BASE "source = x\nsource = y", 0, "source", "y", NULL },
	{ BASE "source = x\nsource =\n", 0, "source", "", NULL },
	{ BASE "\n   \n# only a comment\n\r\n", 0, "id", "a", NULL },
	{ "  id  =  z  \n" BASE, 0, "id", "a", NULL },
	{ BASE "theme_map = f\tg   h\n", 0, "theme_map", "f\tg   h", NULL },
	{ BASE "crs = rd\nx = X\ny = Y\n", 0, "crs", "rd", NULL },
	{ BASE "crs = wgs84\nlat = 1\nlon = 2\n", 0, "lon", "2", NULL },
	{ BASE "code_map = a b c\n", 0, "code_map", "a b c", NULL },
	{ BASE "Source = a\n", 0, NULL, NULL,
	    "config-error: t:7: want 'key = value'" },
	{ BASE "source a\n", 0, NULL, NULL,
	    "config-error: t:7: want 'key = value'" },
	{ BASE "= a\n", 0, NULL, NULL,
	    "config-error: t:7: want 'key = value'" },
	{ BASE "source-x = a\n", 0, NULL, NULL,
	    "config-error: t:7: want 'key = value'" },
	{ BASE "source = a\0b\n", sizeof(BASE) + 12, NULL, NULL,
	    "config-error: t:7: want 'key = value'" },
	{ BASE "colour = red\nSource\n", 0, NULL, NULL,
	    "config-error: t:7: unknown key 'colour'" },
	{ "", 0, NULL, NULL, "config-error: t: 'id' is required" },
	{ "id=a\ndate=b\ncode=c\nareas=d\npc6=e\n", 0, NULL, NULL,
	    "config-error: t: 'theme_map' is required" },
	{ BASE "id =\n", 0, NULL, NULL, "config-error: t: 'id' is required" },
	{ BASE "crs = RD\n", 0, NULL, NULL,
	    "config-error: t:7: crs is rd or wgs84" },
	{ BASE "crs = rd\nx = 1\n", 0, NULL, NULL,
	    "config-error: t:7: crs = rd wants x and y" },
	{ BASE "crs = wgs84\ncrs = wgs84\nlat = 1\n", 0, NULL, NULL,
	    "config-error: t:8: crs = wgs84 wants lat and lon" },
	{ BASE "theme_map = f g h i\n", 0, NULL, NULL,
	    "config-error: t:7: theme_map wants 'file keycol valcol'" },
	{ BASE "code_map = a\n", 0, NULL, NULL,
	    "config-error: t:7: code_map wants 'file keycol valcol'" },
};

START_TEST(test_table)
{
	size_t len = cases[_i].len ? cases[_i].len : strlen(cases[_i].in);
	struct profile *p;
	char err[256] = "";

	p = profile_load_mem(cases[_i].in, len, "t", err, sizeof(err));
	if (cases[_i].val == NULL) {
		ck_assert_ptr_null(p);
		ck_assert_str_eq(err, cases[_i].err);
		return;
	}
	ck_assert_msg(p != NULL, "case %d: %s", _i, err);
	ck_assert_str_eq(profile_get(p, cases[_i].key), cases[_i].val);
	profile_free(p);
}
END_TEST

START_TEST(test_keys)
{
	static const char text[] = BASE "source = s\nsource = t\n";
	struct profile *p;
	char err[256];
	int i;

	p = profile_load_mem(text, strlen(text), "t", err, sizeof(err));
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_null(profile_get(p, "colour"));
	ck_assert_int_eq(profile_key("colour"), -1);
	for (i = 0; i < PROFILE_NKEYS; i++)
		ck_assert_int_eq(profile_key(profile_keys[i]), i);
	/* Not given: no value, line 0; the last of two lines counts. */
	ck_assert_ptr_null(p->val[profile_key("x")]);
	ck_assert_uint_eq(p->line[profile_key("x")], 0);
	ck_assert_uint_eq(p->line[profile_key("id")], 1);
	ck_assert_uint_eq(p->line[profile_key("source")], 8);
	profile_free(p);
}
END_TEST

START_TEST(test_file)
{
	struct profile *p;
	char err[256];

	p = profile_load("../pipelines/profiles/none.profile", err,
	    sizeof(err));
	ck_assert_ptr_null(p);
	ck_assert_str_eq(err, "config-error: cannot read profile "
	    "../pipelines/profiles/none.profile: No such file or directory");
}
END_TEST

Suite *
profile_suite(void)
{
	Suite *s = suite_create("profile");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_table, 0, NELEM(cases));
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_file);
	suite_add_tcase(s, tc);
	return s;
}
