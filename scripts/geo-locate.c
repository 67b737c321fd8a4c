/* geo-locate -- a test tool over lib/geo: reads lines "id x y" (RD New,
 * white-space separated) on stdin and prints "id code" for each, "-" as the
 * code when no area holds the point.  With -d METRES, a point outside all
 * areas gets the nearest one within that distance.  Used by the GDAL
 * agreement test (tests/pipelines/geo-gdal.sh).
 *
 * usage: geo-locate [-d metres] [-p property] boundaries.geojson */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "geo.h"
#include "json.h"

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	if (n < 0 || (buf = malloc((size_t)n + 1)) == NULL) {
		fclose(fp);
		return NULL;
	}
	if (fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		fclose(fp);
		free(buf);
		return NULL;
	}
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

static int
number(const char *s, double *v)
{
	return s != NULL && json_parse_number(s, strlen(s), v) ? 0 : -1;
}

int
main(int argc, char *argv[])
{
	const char *prop = "statcode";
	double maxdist = -1, x, y, d;
	struct geo_set *s;
	char *buf, *line = NULL, err[256];
	size_t len, cap = 0;
	unsigned long lineno = 0;
	int ch, a;

	while ((ch = getopt(argc, argv, "d:p:")) != -1) {
		switch (ch) {
		case 'd':
			if (number(optarg, &maxdist) != 0 || maxdist < 0) {
				fprintf(stderr, "geo-locate: bad -d\n");
				return 2;
			}
			break;
		case 'p':
			prop = optarg;
			break;
		default:
			fprintf(stderr, "usage: geo-locate [-d metres] "
			    "[-p property] boundaries.geojson\n");
			return 2;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr, "usage: geo-locate [-d metres] [-p property] "
		    "boundaries.geojson\n");
		return 2;
	}
	if ((buf = slurp(argv[optind], &len)) == NULL) {
		perror(argv[optind]);
		return 1;
	}
	if ((s = geo_load_geojson(buf, len, prop, err, sizeof err)) == NULL) {
		fprintf(stderr, "geo-locate: %s: %s\n", argv[optind], err);
		return 1;
	}
	free(buf);
	while (getline(&line, &cap, stdin) > 0) {
		char *id, *sx, *sy, *save;

		lineno++;
		id = strtok_r(line, " \t\r\n", &save);
		sx = strtok_r(NULL, " \t\r\n", &save);
		sy = strtok_r(NULL, " \t\r\n", &save);
		if (id == NULL)
			continue;
		if (number(sx, &x) != 0 || number(sy, &y) != 0) {
			fprintf(stderr, "geo-locate: <stdin>:%lu: expected "
			    "\"id x y\"\n", lineno);
			return 1;
		}
		a = maxdist >= 0 ? geo_nearest(s, x, y, maxdist, &d) :
		    geo_locate(s, x, y);
		printf("%s %s\n", id, a < 0 ? "-" : geo_code(s, a));
	}
	free(line);
	geo_free(s);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("geo-locate: write error");
		return 1;
	}
	return 0;
}
