/* nbr -- neighbours of areas from their boundaries: queen contiguity.
 *
 * Two areas are queen neighbours when their boundaries share at least one
 * vertex (METHOD.md §8.3, local EB).  CBS boundary files are cut from one
 * topology, so adjacent areas carry identical vertex coordinates; the test
 * compares coordinates exactly, after rounding to a grid of `tol` map units
 * (0: exact).  Reads a GeoJSON FeatureCollection of Polygon or MultiPolygon
 * features whose property code_prop holds the area code (a string or a
 * number). */
#ifndef VB_NBR_H
#define VB_NBR_H

#include <stddef.h>

struct nbr_pair {
	const char	*a;	/* area code */
	const char	*b;	/* its neighbour; a != b */
};

/* All ordered neighbour pairs (both directions) of the features in
 * buf[0..len-1], sorted by a then b (strcmp), without duplicates.  Returns
 * the number of pairs and sets *out (free with nbr_free), or -1 with a
 * message "byte N: why" or "feature F: why" in err.  Features with the same
 * code are one area. */
long	 nbr_from_geojson(const char *buf, size_t len, const char *code_prop,
	    double tol, struct nbr_pair **out, char *err, size_t errlen);
void	 nbr_free(struct nbr_pair *, long n);

#endif
