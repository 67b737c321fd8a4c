/* fuzz_geojson -- GeoJSON boundaries through lib/json and lib/geo: load
 * (property "code", then "statcode"), index, and probe the corners, the
 * centre and an interior point of each area; the index must agree with the
 * brute-force test. */
#include <stdint.h>
#include <stdlib.h>

#include "geo.h"
#include "json.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
probe(const struct geo_set *s, double x, double y)
{
	double d;

	if (geo_locate(s, x, y) != geo_locate_brute(s, x, y))
		abort();
	(void)geo_nearest(s, x, y, 50, &d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct json_lexer lx;
	struct geo_set *s;
	double x0, y0, x1, y1, x, y;
	char err[256];
	size_t i;
	enum json_tok t;

	/* The tokenizer alone, to the end or the first error. */
	json_init(&lx, buf, size);
	while ((t = json_next(&lx)) != JSON_END && t != JSON_ERROR)
		continue;
	json_done(&lx);

	s = geo_load_geojson(buf, size, "code", err, sizeof err);
	if (s == NULL)
		s = geo_load_geojson(buf, size, "statcode", err, sizeof err);
	if (s == NULL)
		return 0;
	if (geo_bounds(s, &x0, &y0, &x1, &y1)) {
		probe(s, x0, y0);
		probe(s, x1, y1);
		probe(s, (x0 + x1) / 2, (y0 + y1) / 2);
		probe(s, x0 - 1, y1 + 1);
	}
	for (i = 0; i < geo_count(s) && i < 64; i++)
		if (geo_interior_point(s, (int)i, &x, &y))
			probe(s, x, y);
	geo_free(s);
	return 0;
}
