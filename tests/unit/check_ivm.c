/* check_ivm -- unit tests for lib/ivm, the Veiligheidsmonitor reader: years,
 * method series, indicator-table errors with their positions, and both
 * layouts read from memory in every read chunk size, against parts and
 * rejects worked out by hand from the inputs below. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gzin.h"
#include "ivm.h"

Suite	*ivm_suite(void);

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct {
	const char	*in;
	int		 year;
} years[] = {
	{ "2019", 2019 },
	{ "2019JJ00", 2019 },
	{ " 2019 ", 2019 },
	{ "1900", 1900 },
	{ "1899", -1 },
	{ "19x9", -1 },
	{ "2019MM01", -1 },
	{ "20190", -1 },
	{ "+201", -1 },
	{ "", -1 },
};

START_TEST(test_year)
{
	ck_assert_int_eq(ivm_parse_year(field_str(years[_i].in)),
	    years[_i].year);
}
END_TEST

START_TEST(test_series)
{
	int b[] = { 2012, 2021 };
	struct ivm_indicator d = { .breaks = b, .nbreaks = 2 };
	char buf[32];

	ivm_series(&d, 2011, buf, sizeof(buf));
	ck_assert_str_eq(buf, "-2011");
	ivm_series(&d, 2012, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2012-2020");
	ivm_series(&d, 2020, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2012-2020");
	ivm_series(&d, 2021, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2021-");
	d.nbreaks = 0;
	ivm_series(&d, 2021, buf, sizeof(buf));
	ck_assert_str_eq(buf, "");
}
END_TEST

#define HEAD	"indicator\tstem\ttitle\tunit\tdirection\ttheme\tbreaks\n"

static const struct {
	const char	*in, *err;
} tables[] = {
	{ HEAD "a\tA\tA\tpct\t0\t1.1\t2012\n", NULL },
	{ HEAD "a\tA\tA\tpct\t0\t1.1\t\n" "a\tB\tB\tpct\t\t\t\n",
	    "t:3: config-error: indicator 'a' given twice" },
	{ HEAD "\tA\tA\tpct\t0\t\t\n",
	    "t:2: config-error: empty indicator id" },
	{ HEAD "a\t\tA\tpct\t0\t\t\n",
	    "t:2: config-error: indicator 'a' needs a stem and a unit" },
	{ HEAD "a\tA\tA\tpct\t2\t\t\n",
	    "t:2: config-error: direction is 1 (higher is better), 0 or "
	    "empty" },
	{ HEAD "n\tN\tN\tn\t\t\t\nm\tM\tM\tn\t\t\t\n",
	    "t:3: config-error: two rows with unit n" },
	{ HEAD "a\tA\tA\tpct\t0\t\t2012,x\n",
	    "t:2: config-error: breaks wants years separated by commas" },
	{ HEAD "a\tA\tA\tpct\t0\t\t1899\n",
	    "t:2: config-error: breaks wants years separated by commas" },
	{ HEAD, "t:1: config-error: no indicators" },
	{ "indicator\tstem\n", "t:1: config-error: no column 'title'" },
	{ HEAD "a\tA\n",
	    "config-error: t:2: missing-cell: expected 7 fields, found 2" },
};

START_TEST(test_table)
{
	struct ivm_table *t;
	char err[256] = "";

	t = ivm_table_load_mem(tables[_i].in, strlen(tables[_i].in), "t", err,
	    sizeof(err));
	if (tables[_i].err == NULL) {
		ck_assert_ptr_nonnull(t);
		ck_assert_int_eq(t->n, 1);
		ck_assert_int_eq(t->respondents, -1);
		ck_assert_int_eq(t->ind[0].nbreaks, 1);
		ck_assert_int_eq(t->ind[0].breaks[0], 2012);
		ivm_table_free(t);
	} else {
		ck_assert_ptr_null(t);
		ck_assert_str_eq(err, tables[_i].err);
	}
}
END_TEST

/* Respondents, two indicators sharing the stem Slachtoffers, one more. */
static const char table[] = HEAD
    "resp\tAantalRespondenten\tAantal respondenten\tn\t\t\t\n"
    "trad\tSlachtoffers\tSlachtoffers traditionele criminaliteit\tpct\t0\t"
    "\t\n"
    "inbraak\tSlachtoffers\tSlachtoffers inbraak\tpct\t0\t\t\n"
    "onveilig\tVoeltZichOnveilig\tVoelt zich onveilig\tpct\t0\t\t2021\n";

static const char statline[] =
    "Marges\tRegioS\tPerioden\tAantalRespondenten_1\tVoeltZichOnveilig_9\t"
    "Slachtoffers_72\tExtra_3\n"
    "MW00000\tGM0001  \t2019JJ00\t400\t14.5\t3\t1\n"
    "MOG0095\tGM0001\t2019\t.\t12\tx\t1\n"
    "MW00000\tGM0001\t2019\t400\t1\t1\t1\n"	/* primary-key */
    "MW00000\tGM0001\t2020JJ00\t12.5\t1\t1\t1\n"	/* not whole */
    "MZZ\tGM0001\t2020JJ00\t1\t1\t1\t1\n"	/* Marges */
    "MW00000\tGM0001\t2020\t300\t1,5\t1\t1\n";	/* decimal comma */

static const char props[] = "Key,Title\nSlachtoffers_72,Slachtoffers inbraak\n";

struct got {
	unsigned long	 nwarn, kept, rejected;
	char		 codes[256];
};

static void
warned(void *arg, const char *source, unsigned long line, const char *code,
    const char *msg)
{
	struct got *g = arg;

	ck_assert_str_eq(source, "s");
	ck_assert_int_eq(line, 1);
	ck_assert_str_eq(code, "schema-drift");
	ck_assert_ptr_nonnull(strstr(msg, "'Extra_3'"));
	g->nwarn++;
}

/* Read text with t (and pp) into g; returns the reader for its parts. */
static struct ivm *
read_text(const char *text, const struct ivm_table *t,
    const struct ivm_props *pp, struct got *g, struct rec_reader **in)
{
	struct ivm_warn w = { warned, g };
	struct ivm_reject x;
	struct ivm *s = ivm_new(t, pp, 0, &w);
	int rc;

	memset(g, 0, sizeof(*g));
	*in = rec_open_mem(text, strlen(text), "s");
	ck_assert_ptr_nonnull(*in);
	ck_assert_int_eq(ivm_begin(s, *in), 0);
	while ((rc = ivm_read(s, &x)) > 0) {
		ck_assert_int_eq(x.row, g->kept + g->rejected + 1);
		ck_assert_int_eq(x.line, x.row + 1);
		if (rc == 1) {
			g->kept++;
			continue;
		}
		g->rejected++;
		snprintf(g->codes + strlen(g->codes), sizeof(g->codes) -
		    strlen(g->codes), "%lu:%s:%s ", x.line, x.field ? x.field :
		    "-", x.code);
	}
	ck_assert_int_eq(rc, 0);
	return s;
}

static const struct ivm_part *
find(struct ivm *s, int year, int ind, int marge)
{
	size_t n, i;
	struct ivm_part *p = ivm_parts(s, &n);

	for (i = 0; i < n; i++)
		if (p[i].year == year && p[i].ind == ind && p[i].marge == marge)
			return &p[i];
	return NULL;
}

START_TEST(test_statline_chunks)
{
	struct ivm_table *t;
	struct ivm_props *pp;
	struct rec_reader *in;
	const struct ivm_part *p;
	struct ivm *s;
	struct got g;
	char err[256];
	size_t n;

	t = ivm_table_load_mem(table, strlen(table), "t", err, sizeof(err));
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(t->respondents, 0);
	pp = ivm_props_load_mem(props, strlen(props), "p", err, sizeof(err));
	ck_assert_ptr_nonnull(pp);
	gzin_mem_chunk = (size_t)_i;
	s = read_text(statline, t, pp, &g, &in);
	gzin_mem_chunk = 0;
	/* Lines 2 and 3 kept, 3 columns each; lines 4 to 7 rejected. */
	ck_assert_int_eq(g.nwarn, 1);
	ck_assert_int_eq(g.kept, 2);
	ck_assert_str_eq(g.codes, "4:-:primary-key "
	    "5:AantalRespondenten_1:type-error/integer "
	    "6:Marges:constraint-error/enum "
	    "7:VoeltZichOnveilig_9:type-error/number ");
	ivm_parts(s, &n);
	ck_assert_int_eq(n, 6);
	/* Slachtoffers_72 is inbraak (index 2) by its Title. */
	p = find(s, 2019, 2, IVM_VALUE);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(p->st, IVM_OK);
	ck_assert(p->v == 3);
	ck_assert_str_eq(intern_str(ivm_areas(s), p->area), "GM0001");
	p = find(s, 2019, 2, IVM_LOWER);
	ck_assert_int_eq(p->st, IVM_SECRET);
	ck_assert(isnan(p->v));
	p = find(s, 2019, 3, IVM_LOWER);
	ck_assert(p->v == 12);
	p = find(s, 2019, 0, IVM_LOWER);
	ck_assert_int_eq(p->st, IVM_MISSING);
	ivm_free(s);
	rec_close(in);
	ivm_props_free(pp);
	ivm_table_free(t);
}
END_TEST

START_TEST(test_statline_ambiguous)
{
	static const char text[] =
	    "Marges\tRegioS\tPerioden\tSlachtoffers_72\n";
	struct ivm_table *t;
	struct rec_reader *in;
	struct ivm *s;
	char err[256];

	t = ivm_table_load_mem(table, strlen(table), "t", err, sizeof(err));
	ck_assert_ptr_nonnull(t);
	in = rec_open_mem(text, strlen(text), "s");
	s = ivm_new(t, NULL, 0, NULL);
	ck_assert_int_eq(ivm_begin(s, in), -1);
	ck_assert_str_eq(ivm_errmsg(s), "s:1: config-error: column "
	    "'Slachtoffers_72': its stem fits several indicators; give "
	    "--properties with its Title");
	ivm_free(s);
	rec_close(in);
	ivm_table_free(t);
}
END_TEST

static const char flat[] =
    "Jaar\tGebied\tIndicator\tWaarde\tMarge\tN\n"
    "2019\tWK000101\tvoelt zich onveilig\t12,5\t1,5\t120\n"
    "2019\tWK000101\tSlachtoffers\t3\t\t\n"		/* ambiguous */
    "2019\tWK000101\tAantal respondenten\t3\t\t\n"	/* the n row */
    "2019\tWK000101\tonveilig\t13\t\t\n"		/* primary-key */
    "2019\tWK000101\tinbraak\tx\t\t-1\n"		/* n */
    "2019\tWK000102\tinbraak\tx\t\t\n";

START_TEST(test_flat)
{
	struct ivm_table *t;
	struct rec_reader *in;
	const struct ivm_part *p;
	struct ivm *s;
	struct got g;
	char err[256];
	size_t n;

	t = ivm_table_load_mem(table, strlen(table), "t", err, sizeof(err));
	ck_assert_ptr_nonnull(t);
	s = read_text(flat, t, NULL, &g, &in);
	ck_assert(!ivm_statline(s));
	ck_assert_int_eq(g.kept, 2);
	ck_assert_str_eq(g.codes, "3:Indicator:foreign-key/ambiguous "
	    "4:Indicator:foreign-key 5:-:primary-key "
	    "6:N:type-error/integer ");
	/* Row 2: value, half-width and n; row 7: a secret value only. */
	ivm_parts(s, &n);
	ck_assert_int_eq(n, 4);
	p = find(s, 2019, 3, IVM_HALF);
	ck_assert(p->v == 1.5);
	p = find(s, 2019, 3, IVM_N);
	ck_assert(p->v == 120);
	p = find(s, 2019, 2, IVM_VALUE);
	ck_assert_int_eq(p->st, IVM_SECRET);
	ck_assert_str_eq(intern_str(ivm_areas(s), p->area), "WK000102");
	ivm_free(s);
	rec_close(in);
	ivm_table_free(t);
}
END_TEST

Suite *
ivm_suite(void)
{
	Suite *s = suite_create("ivm");
	TCase *tc = tcase_create("ivm");

	tcase_add_loop_test(tc, test_year, 0, NELEM(years));
	tcase_add_test(tc, test_series);
	tcase_add_loop_test(tc, test_table, 0, NELEM(tables));
	/* 0: in one piece; then every chunk size from 1 byte. */
	tcase_add_loop_test(tc, test_statline_chunks, 0, 40);
	tcase_add_test(tc, test_statline_ambiguous);
	tcase_add_test(tc, test_flat);
	suite_add_tcase(s, tc);
	return s;
}
