/* geo -- area boundaries (buurten, wijken, gemeenten) and point location.
 *
 * A geo_set holds areas, each a code plus any number of rings in RD New
 * (EPSG:28992, metres).  Inside means the even-odd rule over all rings of the
 * area, so holes, multipolygons and either ring orientation need no special
 * treatment.  The closure of an area is its inside plus its rings.
 *
 * Boundary rule (QUALITY.md G6): geo_locate returns, among all areas whose
 * closure contains the point, the one with the lowest code (strcmp order).
 * A point on an edge or vertex shared by several areas therefore gets
 * exactly one of them, the same on every run and whatever the input order.
 * "On a ring" is decided in double arithmetic: exactly for whole-metre
 * coordinates in the RD range (as in the CBS/PDOK RD files); with
 * fractional coordinates a point within about 1e-9 m of an edge may be
 * taken as on it or off it.
 *
 * Degenerate input is ignored safely: repeated consecutive vertices are
 * merged, the closing vertex may be given or left out, and rings with fewer
 * than 3 distinct vertices or with all vertices on one line are dropped.
 *
 * The spatial index is a uniform grid over the extent.  Each cell is empty,
 * owned by one area (no ring touches it), or lists per area the edges that
 * touch it plus what is needed to finish a crossing-number test inside the
 * cell, so a lookup costs one cell read and a few edge tests.  geo_locate
 * gives exactly the answer of geo_locate_brute, the test over all edges. */
#ifndef VB_GEO_H
#define VB_GEO_H

#include <stdbool.h>
#include <stddef.h>

#define GEO_MAX_VERTICES	20000000	/* edges in one set */
#define GEO_MAX_AREAS		4000000
#define GEO_MAX_CODE		63		/* bytes in a code */

enum geo_crs {
	GEO_CRS_AUTO,	/* RD or WGS84, decided from the ranges */
	GEO_CRS_RD,	/* EPSG:28992, x east, y north, metres */
	GEO_CRS_WGS84	/* EPSG:4326 as GeoJSON and WKT have it: lon lat */
};

struct geo_set;

/* An empty set; NULL when out of memory.  Release with geo_free. */
struct geo_set	*geo_new(void);
void		 geo_free(struct geo_set *);

/* Add rings to the area named code (created on first use; later calls with
 * the same code add to the same area).  xy holds the vertices of all rings
 * one after another as x, y pairs in RD; ring_len[i] is the number of
 * vertices of ring i.  Rings play no role (shell or hole): the even-odd rule
 * decides.  0 on success; -1 with a message in err on a bad code, a
 * non-finite coordinate, a limit (GEO_MAX_VERTICES, GEO_MAX_AREAS) or out of
 * memory.  Invalidates the index until the next geo_build_index. */
int		 geo_add_polygon(struct geo_set *, const char *code,
		    const double *xy, const size_t *ring_len, size_t nrings,
		    char *err, size_t errlen);

/* Add one POLYGON or MULTIPOLYGON (2D, "EMPTY" allowed, keywords in any
 * case) from WKT text s[0..len-1] to the area code.  crs says how to read
 * the numbers (WGS84 WKT is lon lat); GEO_CRS_AUTO decides from the ranges.
 * 0, or -1 with "byte N: why" in err; nothing is added on error. */
int		 geo_add_wkt(struct geo_set *, const char *code,
		    const char *s, size_t len, enum geo_crs crs,
		    char *err, size_t errlen);

/* Add every feature of a GeoJSON FeatureCollection buf[0..len-1]
 * (Polygon and MultiPolygon geometries; null geometry skipped) under the
 * code found in the property named code_prop (a string or a number);
 * features with the same code make one area.  Rings must be closed.  The
 * CRS comes from the "crs" member (EPSG 28992, or 4326/CRS84) or else from
 * the coordinate ranges; WGS84 is converted to RD.  0, or -1 with
 * "byte N, feature F: why" in err (JSON syntax, limits such as
 * JSON_MAX_DEPTH, unsupported geometry, missing code, coordinates neither
 * RD nor WGS84 around the Netherlands).  Nothing is added on error. */
int		 geo_add_geojson(struct geo_set *, const char *buf,
		    size_t len, const char *code_prop, char *err,
		    size_t errlen);

/* geo_new + geo_add_geojson + geo_build_index.  NULL with err set. */
struct geo_set	*geo_load_geojson(const char *buf, size_t len,
		    const char *code_prop, char *err, size_t errlen);

/* Build (or rebuild) the grid index.  0, or -1 when out of memory (the set
 * then still answers, by brute force). */
int		 geo_build_index(struct geo_set *);

/* The area index (0 .. geo_count-1) holding RD point (x, y) by the boundary
 * rule above, or -1 when no closure contains it.  Uses the index when it is
 * current, else geo_locate_brute.  Thread-safe: reads only. */
int		 geo_locate(const struct geo_set *, double x, double y);
int		 geo_locate_brute(const struct geo_set *, double x,
		    double y);

/* As geo_locate, but when no area contains the point, the area whose
 * boundary is nearest, if within maxdist metres (ties: lowest code).  *dist
 * gets the distance (0 when inside).  -1 when none within maxdist. */
int		 geo_nearest(const struct geo_set *, double x, double y,
		    double maxdist, double *dist);

size_t		 geo_count(const struct geo_set *);
/* The code of area idx; valid until geo_free. */
const char	*geo_code(const struct geo_set *, int idx);
/* The index of the area named code, or -1. */
int		 geo_find(const struct geo_set *, const char *code);
/* Number of edges kept (after dropping degenerate rings). */
size_t		 geo_edges(const struct geo_set *);
/* Bounding box of all edges; false when the set is empty. */
bool		 geo_bounds(const struct geo_set *, double *xmin,
		    double *ymin, double *xmax, double *ymax);
/* Bounding box of area idx; false when it has no rings. */
bool		 geo_area_bounds(const struct geo_set *, int idx,
		    double *xmin, double *ymin, double *xmax, double *ymax);
/* A point inside area idx (even-odd rule, not on a ring): the middle of the
 * widest inside stretch of a horizontal line through the area, the line
 * chosen halfway between two vertex heights near the middle of its box.
 * false when the area has no rings.  Another area may overlap the point
 * only if the input areas overlap. */
bool		 geo_interior_point(const struct geo_set *, int idx,
		    double *x, double *y);
/* Bytes held by the set and its index. */
size_t		 geo_memory(const struct geo_set *);

/* RD New <-> WGS84 by the approximation of Schreutelkamp and Strang van
 * Hees ("Benaderingsformules voor de transformatie tussen RD- en
 * WGS84-kaartcoordinaten"); better than 1 m over the Netherlands.  Degrees,
 * metres.  Outside the Netherlands the error grows quickly. */
void		 geo_rd_from_wgs84(double lat, double lon, double *x,
		    double *y);
void		 geo_wgs84_from_rd(double x, double y, double *lat,
		    double *lon);
/* True when (x, y) lies in the RD New validity box
 * (x -7000 .. 300000, y 289000 .. 629000). */
bool		 geo_rd_valid(double x, double y);
/* True when (lat, lon) lies around the Netherlands
 * (lat 50.0 .. 54.0, lon 2.5 .. 7.6), where the conversion holds. */
bool		 geo_wgs84_valid(double lat, double lon);

#endif
