/* svg -- inline SVG for the report: choropleth maps from GeoJSON boundaries
 * (RD New, metres) and line charts.  Output is deterministic (coordinates
 * printed with fixed decimals in the C locale) and references nothing
 * outside the element: no fonts, images or links. */
#ifndef VB_SVG_H
#define VB_SVG_H

#include <stdio.h>

struct svg_shape {
	char		 code[64];	/* property statcode or code */
	char		 name[128];	/* property statnaam or name */
	double		*xy;		/* x, y pairs of all rings */
	size_t		*ring;		/* vertices per ring */
	size_t		 npts, nrings;
};

struct svg_map {
	struct svg_shape *s;
	size_t		 n;
	double		 xmin, ymin, xmax, ymax;
};

/* Read the Polygon and MultiPolygon features of a GeoJSON
 * FeatureCollection in RD coordinates.  NULL with "file: byte N: why" in
 * err. */
struct svg_map	*svg_map_load(const char *path, char *err, size_t errlen);
void		 svg_map_free(struct svg_map *);
/* Index of the shape with this code, or -1. */
int		 svg_map_find(const struct svg_map *, const char *code);

/* One area of a map drawing. */
struct svg_area {
	const char	*fill;		/* CSS colour or "url(#id)" */
	const char	*title;		/* tooltip text, or NULL */
	const char	*label;		/* short text drawn at the centre */
};

/* Write <svg class="map"> at most maxwidth x maxheight px: shape i
 * filled as area[i] (areas with fill NULL are drawn white, "hatch" gets
 * the hatched pattern); outline draws a second map's shapes on
 * top as thick lines (wijk borders over buurten), or NULL.  id makes the
 * pattern ids unique in the document. */
void		 svg_map_write(FILE *fp, const struct svg_map *m,
		    const struct svg_area *area, const struct svg_map *outline,
		    int maxwidth, int maxheight, const char *id,
		    const char *label);

/* A series of a line chart: y[i] for x label i (NAN: no point); lo/hi an
 * optional interval band. */
struct svg_series {
	const char	*label;
	const double	*y;
	const double	*lo;
	const double	*hi;
	int		 strong;	/* 1: the main line, 0: a thin one */
};

/* Write <svg class="chart"> with the x labels, a y axis from 0 with "nice"
 * ticks, the series and a legend for the strong ones.  decimal is the
 * decimal separator of the tick labels. */
void		 svg_chart_write(FILE *fp, const char *const *xlabel, size_t nx,
		    const struct svg_series *s, size_t ns, const char *ytitle,
		    char decimal, const char *label);

/* Write s with the five XML special characters escaped. */
void		 svg_text(FILE *fp, const char *s);

#endif
