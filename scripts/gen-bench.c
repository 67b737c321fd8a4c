/* gen-bench -- deterministic benchmark inputs for make bench.
 *
 *	gen-bench incidents N	N rows of an incident-style CSV export:
 *		registratienummer,pleegdatum,pleegtijd,soort,omschrijving,straat,
 *		huisnummer,postcode,plaats,x_rd,y_rd
 *		(SoortMisdrijf codes with skewed frequencies, a quoted
 *		description with a comma, Maastricht RD coordinates)
 *	gen-bench cbs YEARS	a national-size 47022NED-style table: 59 codes x
 *		18,119 regions x 12 months per year, cbsodataR layout (quoted,
 *		padded codes, CRLF).
 * Output on stdout; the same bytes on every run. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static const char *const codes[] = {
	"0.0.0", "1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "1.2.4",
	"1.2.5", "1.3.1", "1.4.1", "1.4.2", "1.4.3", "1.4.4", "1.4.5",
	"1.4.6", "1.4.7", "1.5.2", "1.6.1", "1.6.2", "1.6.3", "2.1.1",
	"2.2.1", "2.4.1", "2.4.2", "2.5.1", "2.5.2", "2.6.1", "2.6.2",
	"2.6.3", "2.6.4", "2.6.5", "2.6.7", "2.6.8", "2.6.9", "2.6.10",
	"2.6.11", "2.6.12", "2.6.13", "2.6.14", "2.7.2", "2.7.3", "3.1.1",
	"3.1.2", "3.1.3", "3.2.1", "3.2.2", "3.3.2", "3.3.5", "3.4.2",
	"3.5.2", "3.5.5", "3.6.4", "3.7.1", "3.7.2", "3.7.3", "3.7.4",
	"3.9.1", "3.9.2", "3.9.3",
};
#define NCODES	(sizeof(codes) / sizeof(codes[0]))

static const char *const desc[] = {
	"Diefstal, fiets", "Vernieling, auto", "Mishandeling, eenvoudig",
	"Inbraak, woning", "Winkeldiefstal, klein", "Bedreiging, mondeling",
	"Zakkenrollerij, centrum", "Fraude, online",
};
static const char *const street[] = {
	"Markt", "Vrijthof", "Wycker Brugstraat", "Boschstraat",
	"Akersteenweg", "Via Regia", "Scharnerweg", "Oranjeplein",
};

/* A code index with a skewed (roughly Zipf) distribution, never 0.0.0. */
static size_t
skewed_code(void)
{
	size_t i = 1 + (size_t)(next() % (NCODES - 1));
	size_t j = 1 + (size_t)(next() % (NCODES - 1));
	size_t k = 1 + (size_t)(next() % (NCODES - 1));

	i = i < j ? i : j;
	return i < k ? i : k;
}

static void
incidents(unsigned long n)
{
	unsigned long i;

	fputs("registratienummer,pleegdatum,pleegtijd,soort,omschrijving,"
	    "straat,huisnummer,postcode,plaats,x_rd,y_rd\n", stdout);
	for (i = 0; i < n; i++) {
		uint32_t r = next();

		printf("R%09lu,%04u-%02u-%02u,%02u:%02u,%s,\"%s\",%s,%u,"
		    "62%02u%c%c,Maastricht,%u.%u,%u.%u\n", i + 1,
		    2014 + r % 5, 1 + (r >> 3) % 12, 1 + (r >> 7) % 28,
		    (r >> 12) % 24, (r >> 17) % 60, codes[skewed_code()],
		    desc[next() % 8], street[next() % 8], 1 + next() % 250,
		    next() % 30, 'A' + next() % 26, 'A' + next() % 26,
		    172800 + next() % 8600, next() % 10,
		    312800 + next() % 11900, next() % 10);
	}
}

static void
cbs(unsigned years)
{
	unsigned y, m, g, w, b;
	unsigned long id = 0;
	size_t c;
	char area[16];

	fputs("\"ID\",\"SoortMisdrijf\",\"WijkenEnBuurten\",\"Perioden\","
	    "\"GeregistreerdeMisdrijven_1\"\r\n", stdout);
	/* 343 gemeenten, ~10 wijken each, ~4 buurten per wijk: 18,119 areas
	 * with NL00, as the real table. */
	for (y = 0; y < years; y++)
		for (m = 1; m <= 12; m++)
			for (g = 0; g <= 343; g++)
				for (w = 0; w <= (g == 0 ? 0 : 10); w++)
					for (b = 0; b <= (w == 0 ? 0 : 4); b++) {
				if (g == 0)
					snprintf(area, sizeof(area), "NL00      ");
				else if (w == 0)
					snprintf(area, sizeof(area), "GM%04u    ", g);
				else if (b == 0)
					snprintf(area, sizeof(area), "WK%04u%02u  ", g, w - 1);
				else
					snprintf(area, sizeof(area), "BU%04u%02u%02u", g, w - 1, b - 1);
				for (c = 0; c < NCODES; c++) {
					uint32_t r = next();

					if (r % 50 == 0)
						printf("%lu,\"%-6s\",\"%s\",\"%04uMM%02u\",\r\n",
						    id++, codes[c], area, 2014 + y, m);
					else
						printf("%lu,\"%-6s\",\"%s\",\"%04uMM%02u\",%u\r\n",
						    id++, codes[c], area, 2014 + y, m,
						    r % (b ? 7 : w ? 40 : 500));
				}
					}
}

int
main(int argc, char *argv[])
{
	static char buf[1 << 20];

	setvbuf(stdout, buf, _IOFBF, sizeof(buf));
	if (argc == 3 && strcmp(argv[1], "incidents") == 0)
		incidents(strtoul(argv[2], NULL, 10));
	else if (argc == 3 && strcmp(argv[1], "cbs") == 0)
		cbs((unsigned)strtoul(argv[2], NULL, 10));
	else {
		fputs("usage: gen-bench incidents N | cbs YEARS\n", stderr);
		return 2;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("gen-bench");
		return 1;
	}
	return 0;
}
