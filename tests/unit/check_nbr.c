/* check_nbr -- unit tests for lib/nbr (queen contiguity from GeoJSON) and
 * lib/stats2 (the priority matrix with configurable weights): small
 * hand-drawn layouts whose neighbours and tiers are known by inspection. */
#include <check.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "nbr.h"
#include "stats2.h"

Suite	*nbr_suite(void);

/* Three unit squares in a row (A B C), D touching C only at a corner, E
 * apart; A has a hole; C is a MultiPolygon; codes as string and number. */
static const char layout[] =
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"statcode\":\"A\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
    "[[[0,0],[1,0],[1,1],[0,1],[0,0]],"
    "[[0.2,0.2],[0.4,0.2],[0.4,0.4],[0.2,0.2]]]}},"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\","
    "\"coordinates\":[[[1,0],[2,0],[2,1],[1,1],[1,0]]]},"
    "\"properties\":{\"x\":[1,2],\"statcode\":\"B\"}},"
    "{\"type\":\"Feature\",\"properties\":{\"statcode\":\"C\"},"
    "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":"
    "[[[[2,0],[3,0],[3,1],[2,1],[2,0]]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"statcode\":\"D\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
    "[[[3,1],[4,1],[4,2],[3,2],[3,1]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"statcode\":7},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
    "[[[10,10],[11,10],[11,11],[10,10]]]}}]}";

START_TEST(test_queen)
{
	static const char *want[][2] = { { "A", "B" }, { "B", "A" },
	    { "B", "C" }, { "C", "B" }, { "C", "D" }, { "D", "C" } };
	struct nbr_pair *p = NULL;
	char err[128];
	long n, i;

	n = nbr_from_geojson(layout, strlen(layout), "statcode", 0, &p, err,
	    sizeof(err));
	ck_assert_msg(n >= 0, "%s", err);
	ck_assert_int_eq(n, 6);
	/* Sorted by a then b (want is in that order). */
	for (i = 0; i < n; i++) {
		ck_assert_str_eq(p[i].a, want[i][0]);
		ck_assert_str_eq(p[i].b, want[i][1]);
	}
	nbr_free(p, n);
}
END_TEST

START_TEST(test_errors)
{
	static const char *bad[] = {
		"[]",
		"{\"features\":[{\"properties\":{\"name\":\"A\"},"
		    "\"geometry\":{\"coordinates\":[[[0,0],[1,0],[0,1]]]}}]}",
		"{\"features\":[{\"properties\":{\"statcode\":\"A\"},"
		    "\"geometry\":{\"coordinates\":[[[0,0],[1],[0,1]]]}}]}",
		"{\"features\":[{\"properties\":{\"statcode\":\"A\"}",
	};
	struct nbr_pair *p = NULL;
	char err[128];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		ck_assert_int_eq(nbr_from_geojson(bad[i], strlen(bad[i]),
		    "statcode", 0, &p, err, sizeof(err)), -1);
		ck_assert_msg(err[0] != '\0', "case %zu: no message", i);
	}
}
END_TEST

/* A tolerance grid joins vertices that differ by less than half a cell. */
START_TEST(test_tolerance)
{
	static const char two[] =
	    "{\"features\":["
	    "{\"properties\":{\"statcode\":\"A\"},\"geometry\":"
	    "{\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}},"
	    "{\"properties\":{\"statcode\":\"B\"},\"geometry\":"
	    "{\"coordinates\":[[[1.2,1.1],[5,5],[5,1],[1.2,1.1]]]}}]}";
	struct nbr_pair *p = NULL;
	char err[128];
	long n;

	n = nbr_from_geojson(two, strlen(two), "statcode", 0, &p, err,
	    sizeof(err));
	ck_assert_int_eq(n, 0);
	nbr_free(p, n);
	n = nbr_from_geojson(two, strlen(two), "statcode", 1, &p, err,
	    sizeof(err));
	ck_assert_int_eq(n, 2);
	nbr_free(p, n);
}
END_TEST

/* stats2 with the METHOD.md weights agrees with stats_sensitivity; a
 * weight set that favours the subjective axis moves a theme (gevoelig). */
START_TEST(test_sensitivity)
{
	static const double sc[][STATS_NCRIT] = {
		{ 5, 5, 5, 4, 4 }, { 4, 4, 4, 2, 2 }, { 2, 2, 2, 2, 2 },
		{ 3, 3, 3, 4, 4 }, { 4, 4, 4, 3, 3 }, { 2, 2, 2, 3.4, 3.4 } };
	static const char *id[] = { "a", "b", "c", "d", "e", "h" };
	static const bool gev[] = { false, true, false, false, false, true };
	struct stats_theme t1[6], t2[6];
	double w[STATS_NWSETS][STATS_NCRIT];
	size_t work[6], i;
	int s;

	memset(t1, 0, sizeof(t1));
	for (i = 0; i < 6; i++) {
		t1[i].id = id[i];
		memcpy(t1[i].score, sc[i], sizeof(sc[i]));
	}
	memcpy(t2, t1, sizeof(t1));
	for (s = 0; s < STATS_NWSETS; s++)
		memcpy(w[s], stats_weight_set(s), sizeof(w[s]));
	ck_assert_uint_eq(stats_sensitivity(t1, 6, work), 2);
	ck_assert_uint_eq(stats2_sensitivity(t2, 6,
	    (const double (*)[STATS_NCRIT])w, 3.5, work), 2);
	for (i = 0; i < 6; i++) {
		ck_assert_int_eq(t1[i].tier, t2[i].tier);
		ck_assert_int_eq(t2[i].gevoelig, gev[i]);
		for (s = 0; s < STATS_NWSETS; s++)
			ck_assert(t1[i].s[s] == t2[i].s[s]);
	}
	/* A threshold of 4.5 leaves only "a" with a high x and no high y:
	 * a is strategisch, all others beheers. */
	stats2_sensitivity(t2, 6, (const double (*)[STATS_NCRIT])w, 4.5,
	    work);
	ck_assert_int_eq(t2[0].tier, STATS_STRATEGISCH);
	for (i = 1; i < 6; i++)
		ck_assert_int_eq(t2[i].tier, STATS_BEHEERS);
	ck_assert_int_eq(stats2_tier(sc[0], 3.5), STATS_PRIORITEIT);
	ck_assert_int_eq(stats2_tier(sc[3], 3.5), STATS_STRATEGISCH);
}
END_TEST

Suite *
nbr_suite(void)
{
	Suite *s = suite_create("nbr");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_queen);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_tolerance);
	tcase_add_test(tc, test_sensitivity);
	suite_add_tcase(s, tc);
	return s;
}
