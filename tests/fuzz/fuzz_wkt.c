/* fuzz_wkt -- POLYGON / MULTIPOLYGON text through lib/wkt and lib/geo:
 * add it as RD and with the CRS guessed, index, and probe the corners, the
 * centre and an interior point; the index must agree with brute force. */
#include <stdint.h>
#include <stdlib.h>

#include "geo.h"

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
	const char *text = (const char *)data;
	struct geo_set *s = geo_new();
	double x0, y0, x1, y1, x, y;
	char err[256];

	if (s == NULL)
		return 0;
	(void)geo_add_wkt(s, "A", text, size, GEO_CRS_RD, err, sizeof err);
	(void)geo_add_wkt(s, "B", text, size, GEO_CRS_AUTO, err, sizeof err);
	if (geo_build_index(s) == 0 && geo_bounds(s, &x0, &y0, &x1, &y1)) {
		probe(s, x0, y0);
		probe(s, x1, y1);
		probe(s, (x0 + x1) / 2, (y0 + y1) / 2);
		if (geo_interior_point(s, 0, &x, &y))
			probe(s, x, y);
	}
	geo_free(s);
	return 0;
}
