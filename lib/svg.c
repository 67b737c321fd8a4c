/* svg -- inline SVG maps and charts for the report (see svg.h). */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "gzin.h"
#include "msg.h"
#include "svg.h"

#define SVG_MAX_FILE	(64u << 20)

void
svg_text(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		default:
			putc(*s, fp);
		}
	}
}


static void
shape_point(struct svg_shape *s, double x, double y, size_t *cap)
{
	if (s->npts == *cap) {
		*cap = *cap ? 2 * *cap : 256;
		s->xy = xrealloc(s->xy, *cap * 2 * sizeof(*s->xy));
	}
	s->xy[2 * s->npts] = x;
	s->xy[2 * s->npts + 1] = y;
	s->npts++;
}

/* Read a coordinates array whose '[' was just returned: a position
 * (*kind 1) or an array of arrays; an array of positions is a ring. */
static int
read_coords(struct json_lexer *lx, struct svg_shape *s, size_t *cap,
    int *kind)
{
	enum json_tok t = json_next(lx);
	size_t before = s->npts;
	bool points = false;
	double x, y;
	int k;

	if (t == JSON_NUMBER) {
		x = json_num(lx);
		if (json_next(lx) != JSON_NUMBER)
			return -1;
		y = json_num(lx);
		while ((t = json_next(lx)) == JSON_NUMBER)
			continue;
		if (t != JSON_ARR_END)
			return -1;
		shape_point(s, x, y, cap);
		*kind = 1;
		return 0;
	}
	while (t == JSON_ARR_BEGIN) {
		if (read_coords(lx, s, cap, &k) != 0)
			return -1;
		points |= k == 1;
		t = json_next(lx);
	}
	if (t != JSON_ARR_END)
		return -1;
	if (points) {
		s->ring = xrealloc(s->ring, (s->nrings + 1) *
		    sizeof(*s->ring));
		s->ring[s->nrings++] = s->npts - before;
	}
	*kind = 2;
	return 0;
}

/* A feature object whose '{' was just returned. */
static int
read_feature(struct json_lexer *lx, struct svg_shape *s)
{
	enum json_tok t, v;
	size_t cap = 0;
	int kind;

	while ((t = json_next(lx)) == JSON_KEY) {
		const char *key = json_str(lx, NULL);

		if (strcmp(key, "properties") == 0) {
			if ((v = json_next(lx)) != JSON_OBJ_BEGIN) {
				if (json_skip(lx, v) != 0)
					return -1;
				continue;
			}
			while ((t = json_next(lx)) == JSON_KEY) {
				char k[32];

				snprintf(k, sizeof(k), "%s", json_str(lx,
				    NULL));
				v = json_next(lx);
				if (v == JSON_STRING && (strcmp(k, "statcode")
				    == 0 || (strcmp(k, "code") == 0 &&
				    s->code[0] == '\0')))
					snprintf(s->code, sizeof(s->code), "%s",
					    json_str(lx, NULL));
				else if (v == JSON_STRING && (strcmp(k,
				    "statnaam") == 0 || strcmp(k, "name") == 0))
					snprintf(s->name, sizeof(s->name), "%s",
					    json_str(lx, NULL));
				else if (json_skip(lx, v) != 0)
					return -1;
			}
			if (t != JSON_OBJ_END)
				return -1;
		} else if (strcmp(key, "geometry") == 0) {
			if ((v = json_next(lx)) != JSON_OBJ_BEGIN) {
				if (json_skip(lx, v) != 0)
					return -1;
				continue;
			}
			while ((t = json_next(lx)) == JSON_KEY) {
				bool coords = strcmp(json_str(lx, NULL),
				    "coordinates") == 0;

				v = json_next(lx);
				if (coords && v == JSON_ARR_BEGIN) {
					if (read_coords(lx, s, &cap, &kind)
					    != 0)
						return -1;
				} else if (json_skip(lx, v) != 0) {
					return -1;
				}
			}
			if (t != JSON_OBJ_END)
				return -1;
		} else if (json_skip(lx, json_next(lx)) != 0) {
			return -1;
		}
	}
	return t == JSON_OBJ_END ? 0 : -1;
}

static void
map_bounds(struct svg_map *m)
{
	size_t i, j;
	bool first = true;

	m->xmin = m->ymin = m->xmax = m->ymax = 0;
	for (i = 0; i < m->n; i++)
		for (j = 0; j < m->s[i].npts; j++) {
			double x = m->s[i].xy[2 * j], y = m->s[i].xy[2 * j + 1];

			if (first || x < m->xmin)
				m->xmin = x;
			if (first || x > m->xmax)
				m->xmax = x;
			if (first || y < m->ymin)
				m->ymin = y;
			if (first || y > m->ymax)
				m->ymax = y;
			first = false;
		}
}

struct svg_map *
svg_map_load(const char *path, char *err, size_t errlen)
{
	struct json_lexer lx;
	struct svg_map *m;
	enum json_tok t;
	size_t len;
	char *buf;

	if ((buf = gzin_slurp(path, SVG_MAX_FILE, &len, err, errlen)) == NULL)
		return NULL;
	m = xcalloc(1, sizeof(*m));
	json_init(&lx, buf, len);
	if (json_next(&lx) != JSON_OBJ_BEGIN)
		goto bad;
	while ((t = json_next(&lx)) == JSON_KEY) {
		if (strcmp(json_str(&lx, NULL), "features") != 0) {
			if (json_skip(&lx, json_next(&lx)) != 0)
				goto bad;
			continue;
		}
		if (json_next(&lx) != JSON_ARR_BEGIN)
			goto bad;
		while ((t = json_next(&lx)) == JSON_OBJ_BEGIN) {
			struct svg_shape *s;

			m->s = xrealloc(m->s, (m->n + 1) * sizeof(*m->s));
			s = &m->s[m->n++];
			memset(s, 0, sizeof(*s));
			if (read_feature(&lx, s) != 0)
				goto bad;
		}
		if (t != JSON_ARR_END)
			goto bad;
	}
	if (t != JSON_OBJ_END || json_next(&lx) != JSON_END)
		goto bad;
	json_done(&lx);
	free(buf);
	map_bounds(m);
	return m;
bad:
	snprintf(err, errlen, "format-error: %s: %s", path,
	    json_errmsg(&lx)[0] ? json_errmsg(&lx) : "not a GeoJSON "
	    "FeatureCollection of polygons");
	json_done(&lx);
	free(buf);
	svg_map_free(m);
	return NULL;
}

void
svg_map_free(struct svg_map *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->s[i].xy);
		free(m->s[i].ring);
	}
	free(m->s);
	free(m);
}

int
svg_map_find(const struct svg_map *m, const char *code)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->s[i].code, code) == 0)
			return (int)i;
	return -1;
}

static void
path_of(FILE *fp, const struct svg_shape *s, const struct svg_map *frame,
    double k)
{
	size_t r, j, p = 0;

	for (r = 0; r < s->nrings; r++) {
		for (j = 0; j < s->ring[r]; j++, p++)
			fprintf(fp, "%s%.1f %.1f", j == 0 ? (r ? " M" : "M") :
			    " L", (s->xy[2 * p] - frame->xmin) * k + 2,
			    (frame->ymax - s->xy[2 * p + 1]) * k + 2);
		fputs("Z", fp);
	}
}

/* Area-weighted centroid of the largest ring of s, in drawing units. */
static void
centre_of(const struct svg_shape *s, const struct svg_map *frame, double k,
    double *cx, double *cy)
{
	size_t r, j, p = 0, best = 0, start = 0;
	double bestarea = -1, a, x0, y0, x1, y1, sx = 0, sy = 0, sa = 0;

	for (r = 0; r < s->nrings; r++) {
		a = 0;
		for (j = 0; j < s->ring[r]; j++) {
			size_t q = p + (j + 1) % s->ring[r];

			a += s->xy[2 * (p + j)] * s->xy[2 * q + 1] -
			    s->xy[2 * q] * s->xy[2 * (p + j) + 1];
		}
		if (fabs(a) > bestarea) {
			bestarea = fabs(a);
			best = r;
			start = p;
		}
		p += s->ring[r];
	}
	for (j = 0; s->nrings > 0 && j < s->ring[best]; j++) {
		size_t q = start + (j + 1) % s->ring[best];

		x0 = s->xy[2 * (start + j)];
		y0 = s->xy[2 * (start + j) + 1];
		x1 = s->xy[2 * q];
		y1 = s->xy[2 * q + 1];
		a = x0 * y1 - x1 * y0;
		sa += a;
		sx += (x0 + x1) * a;
		sy += (y0 + y1) * a;
	}
	if (sa == 0) {
		*cx = *cy = 0;
		return;
	}
	*cx = (sx / (3 * sa) - frame->xmin) * k + 2;
	*cy = (frame->ymax - sy / (3 * sa)) * k + 2;
}

void
svg_map_write(FILE *fp, const struct svg_map *m, const struct svg_area *area,
    const struct svg_map *outline, int maxwidth, int maxheight,
    const char *id, const char *label)
{
	double dx = m->xmax - m->xmin, dy = m->ymax - m->ymin, k;
	int width, height;
	size_t i;

	if (dx <= 0 || dy <= 0)
		return;
	k = fmin((maxwidth - 4) / dx, (maxheight - 4) / dy);
	width = (int)ceil(dx * k) + 4;
	height = (int)ceil(dy * k) + 4;
	fprintf(fp, "<svg class=\"map\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
	    "aria-label=\"", width, height, width, height);
	svg_text(fp, label);
	fprintf(fp, "\">\n<defs><pattern id=\"%s-h\" width=\"6\" height=\"6\" "
	    "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	    "<rect width=\"6\" height=\"6\" fill=\"#f4f4f4\"/>"
	    "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#b4b4b4\" "
	    "stroke-width=\"2\"/></pattern></defs>\n", id);
	for (i = 0; i < m->n; i++) {
		const char *fill = area[i].fill ? area[i].fill : "#ffffff";

		fputs("<path d=\"", fp);
		path_of(fp, &m->s[i], m, k);
		fputs("\" fill=\"", fp);
		if (strcmp(fill, "hatch") == 0)
			fprintf(fp, "url(#%s-h)", id);
		else
			svg_text(fp, fill);
		fputs("\" fill-rule=\"evenodd\" stroke=\"#ffffff\" "
		    "stroke-width=\"0.8\">", fp);
		if (area[i].title != NULL) {
			fputs("<title>", fp);
			svg_text(fp, area[i].title);
			fputs("</title>", fp);
		}
		fputs("</path>\n", fp);
	}
	if (outline != NULL)
		for (i = 0; i < outline->n; i++) {
			fputs("<path d=\"", fp);
			path_of(fp, &outline->s[i], m, k);
			fputs("\" fill=\"none\" stroke=\"#333333\" "
			    "stroke-width=\"1.6\" "
			    "stroke-linejoin=\"round\"/>\n",
			    fp);
		}
	for (i = 0; i < m->n; i++) {
		double cx, cy;

		if (area[i].label == NULL)
			continue;
		centre_of(&m->s[i], m, k, &cx, &cy);
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" class=\"lbl\">", cx,
		    cy + 4);
		svg_text(fp, area[i].label);
		fputs("</text>\n", fp);
	}
	fputs("</svg>\n", fp);
}

/* A step of 1, 2 or 5 times a power of ten giving 4-6 ticks up to max. */
static double
nice_step(double max)
{
	double raw = max / 5, p = pow(10, floor(log10(raw))), f = raw / p;

	if (f <= 1)
		return p;
	if (f <= 2)
		return 2 * p;
	if (f <= 5)
		return 5 * p;
	return 10 * p;
}

static void
tick_label(FILE *fp, double v, double step, char decimal)
{
	char buf[64], *p;
	int dec = step >= 1 ? 0 : (int)ceil(-log10(step));

	snprintf(buf, sizeof(buf), "%.*f", dec, v);
	for (p = buf; *p != '\0'; p++)
		if (*p == '.')
			*p = decimal;
	fputs(buf, fp);
}

void
svg_chart_write(FILE *fp, const char *const *xlabel, size_t nx,
    const struct svg_series *s, size_t ns, const char *ytitle, char decimal,
    const char *label)
{
	const int W = 440, H = 260, L = 48, R = 22, T = 30, B = 30;
	double max = 0, step, top, v, x, y;
	size_t i, j;
	int nstrong = 0, pass;
	bool pen;

	for (j = 0; j < ns; j++)
		for (i = 0; i < nx; i++) {
			if (!isnan(s[j].y[i]) && s[j].y[i] > max)
				max = s[j].y[i];
			if (s[j].hi != NULL && !isnan(s[j].hi[i]) &&
			    s[j].hi[i] > max)
				max = s[j].hi[i];
		}
	if (max <= 0)
		max = 1;
	step = nice_step(max);
	top = ceil(max / step) * step;
#define XP(i)	(L + (nx > 1 ? (double)(i) * (W - L - R) / (double)(nx - 1) \
		    : (W - L - R) / 2.0))
#define YP(v)	(T + (H - T - B) * (1 - (v) / top))
	fprintf(fp, "<svg class=\"chart\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
	    "aria-label=\"", W, H, W, H);
	svg_text(fp, label);
	fputs("\">\n", fp);
	for (v = 0; v <= top + step / 2; v += step) {
		fprintf(fp, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
		    "class=\"grid\"/><text x=\"%d\" y=\"%.1f\" class=\"tick\" "
		    "text-anchor=\"end\">", L, W - R, YP(v), YP(v), L - 6,
		    YP(v) + 4);
		tick_label(fp, v, step, decimal);
		fputs("</text>\n", fp);
	}
	for (i = 0; i < nx; i++) {
		fprintf(fp, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" "
		    "text-anchor=\"middle\">", XP(i), H - B + 18);
		svg_text(fp, xlabel[i]);
		fputs("</text>\n", fp);
	}
	fprintf(fp, "<text x=\"%d\" y=\"14\" class=\"axis\">", L - 44);
	svg_text(fp, ytitle);
	fputs("</text>\n", fp);
	/* Bands first, thin lines next, strong lines on top. */
	for (j = 0; j < ns; j++) {
		if (s[j].lo == NULL || s[j].hi == NULL)
			continue;
		for (i = 0; i < nx; i++)
			if (!isnan(s[j].lo[i]) && !isnan(s[j].hi[i]))
				break;
		if (i == nx)
			continue;
		fputs("<path class=\"band\" d=\"", fp);
		pen = false;
		for (i = 0; i < nx; i++) {
			if (isnan(s[j].lo[i]) || isnan(s[j].hi[i]))
				continue;
			fprintf(fp, "%s%.1f %.1f", pen ? " L" : "M", XP(i),
			    YP(s[j].hi[i]));
			pen = true;
		}
		for (i = nx; i-- > 0;) {
			if (isnan(s[j].lo[i]) || isnan(s[j].hi[i]))
				continue;
			fprintf(fp, " L%.1f %.1f", XP(i), YP(s[j].lo[i]));
		}
		fputs("Z\"/>\n", fp);
	}
	for (pass = 0; pass < 2; pass++)
		for (j = 0; j < ns; j++) {
			if (s[j].strong != pass)
				continue;
			fprintf(fp, "<path class=\"%s\" d=\"", pass ? "line" :
			    "thin");
			pen = false;
			for (i = 0; i < nx; i++) {
				if (isnan(s[j].y[i])) {
					pen = false;
					continue;
				}
				fprintf(fp, "%s%.1f %.1f", pen ? " L" : (i ?
				    " M" : "M"), XP(i), YP(s[j].y[i]));
				pen = true;
			}
			fputs("\">", fp);
			if (s[j].label != NULL) {
				fputs("<title>", fp);
				svg_text(fp, s[j].label);
				fputs("</title>", fp);
			}
			fputs("</path>\n", fp);
			if (!pass)
				continue;
			for (i = 0; i < nx; i++) {
				if (isnan(s[j].y[i]))
					continue;
				x = XP(i);
				y = YP(s[j].y[i]);
				fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" "
				    "r=\"3.5\" class=\"dot\"/>\n", x, y);
			}
			if (s[j].label != NULL) {
				fprintf(fp, "<text x=\"%d\" y=\"14\" "
				    "class=\"legend\" text-anchor=\"end\">",
				    W - R - 120 * nstrong);
				svg_text(fp, s[j].label);
				fputs("</text>\n", fp);
				nstrong++;
			}
		}
#undef XP
#undef YP
	fputs("</svg>\n", fp);
}
