/* gen-records -- deterministic benchmark records for vb-aggregate.
 *
 * Writes N records of the tidy count stream
 *	period area soort theme count
 * to stdout: national-size codes (342 gemeenten, about 3,300 wijken and
 * 14,000 buurten), periods 2014 to 2018 as years and months, 59 SoortMisdrijf
 * codes with Zipf-like frequencies and their theme, counts drawn small and
 * skewed, and about 1 in 50 counts empty (a suppressed cell).  The same N and
 * seed give the same bytes on every machine (own PRNG, no libc rand). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "rec.h"

#define NSOORT	59
#define NGEM	342
#define WIJK_PER_GEM	10
#define BUURT_PER_WIJK	4

/* A stand-in for the 59 codes of SoortMisdrijf and their themes. */
static const char *const soort_code[NSOORT] = {
	"1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5",
	"1.3.1", "1.4.1", "1.4.2", "1.4.3", "1.4.4", "1.4.5", "1.4.6",
	"1.4.7", "1.5.2", "1.6.1", "1.6.2", "1.6.3", "2.1.1", "2.1.2",
	"2.1.3", "2.1.4", "2.1.5", "2.1.6", "2.1.7", "2.1.8", "2.1.9",
	"2.1.10", "2.2.1", "2.2.2", "2.3.1", "2.4.1", "2.4.2", "2.5.1",
	"2.5.2", "2.6.1", "2.6.2", "2.6.3", "2.6.4", "2.6.5", "2.6.6",
	"2.6.7", "2.6.8", "2.6.9", "2.6.10", "2.6.11", "2.6.12", "2.6.13",
	"2.7.2", "3.1.1", "3.1.2", "3.1.3", "3.2.1", "3.3.2", "3.3.5",
	"3.4.1", "3.5.2", "3.6.4",
};
static const char *const theme_of[] = {
	"1.3/woninginbraak", "1.3/vermogen", "1.3/voertuig", "1.3/fiets",
	"1.3/geweld", "1.3/straatroof", "2.2", "3.1", "4.1", "5.1",
};

struct prng { uint64_t s; };

/* splitmix64: good enough for test data, identical everywhere. */
static uint64_t
prng_next(struct prng *g)
{
	uint64_t z = (g->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static uint32_t
prng_below(struct prng *g, uint32_t n)
{
	return (uint32_t)(((prng_next(g) >> 32) * n) >> 32);
}

/* Skewed in [0, n): the minimum of three uniforms favours small values. */
static uint32_t
prng_skew(struct prng *g, uint32_t n)
{
	uint32_t a = prng_below(g, n), b = prng_below(g, n),
	    c = prng_below(g, n);

	a = a < b ? a : b;
	return a < c ? a : c;
}

int
main(int argc, char *argv[])
{
	struct prng g;
	char line[128];
	unsigned long long n, i;
	long v;
	size_t len;
	uint32_t gm, wk, bu, level, s, year, month, cnt;
	char *buf;
	size_t blen = 0, bcap = 1 << 20;

	msg_init(argv[0]);
	if (argc < 2 || argc > 3 || !field_long(field_str(argv[1]), &v) ||
	    v < 0) {
		fprintf(stderr, "usage: %s records [seed]\n", progname);
		return 2;
	}
	n = (unsigned long long)v;
	g.s = 935;
	if (argc == 3) {
		if (!field_long(field_str(argv[2]), &v))
			die(2, "usage-error: seed must be a whole number");
		g.s = (uint64_t)v;
	}
	buf = xmalloc(bcap);
	fputs("period\tarea\tsoort\ttheme\tcount\n", stdout);
	for (i = 0; i < n; i++) {
		gm = prng_skew(&g, NGEM);
		wk = prng_below(&g, WIJK_PER_GEM);
		bu = prng_below(&g, BUURT_PER_WIJK);
		level = prng_below(&g, 8);	/* mostly buurten */
		s = prng_skew(&g, NSOORT);
		year = 2014 + prng_below(&g, 5);
		month = prng_below(&g, 13);	/* 0: the year itself */
		cnt = prng_skew(&g, 40);
		len = (size_t)snprintf(line, sizeof(line), month == 0 ?
		    "%u" : "%u-%02u", year, month);
		line[len++] = '\t';
		if (level == 0)
			len += (size_t)snprintf(line + len, 16, "GM%04u",
			    gm + 1);
		else if (level < 3)
			len += (size_t)snprintf(line + len, 16, "WK%04u%02u",
			    gm + 1, wk);
		else
			len += (size_t)snprintf(line + len, 16,
			    "BU%04u%02u%02u", gm + 1, wk, bu);
		len += (size_t)snprintf(line + len, sizeof(line) - len,
		    "\t%s\t%s\t", soort_code[s],
		    theme_of[s % (sizeof(theme_of) / sizeof(theme_of[0]))]);
		if (prng_below(&g, 50) != 0)
			len += (size_t)snprintf(line + len, 16, "%u", cnt);
		line[len++] = '\n';
		if (blen + len > bcap) {
			if (fwrite(buf, 1, blen, stdout) != blen)
				die_errno(1, "io-error: write error");
			blen = 0;
		}
		memcpy(buf + blen, line, len);
		blen += len;
	}
	if (fwrite(buf, 1, blen, stdout) != blen)
		die_errno(1, "io-error: write error");
	free(buf);
	msg_close_stdout();
	return 0;
}
