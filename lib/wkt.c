/* wkt -- POLYGON and MULTIPOLYGON well-known text into a geo_set (see
 * geo_add_wkt in geo.h).  2D only; numbers are read without the locale. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "geo.h"
#include "json.h"

#define WKT_MAX_NUMBER	64	/* characters in one coordinate */

struct wkt {
	const char	*s;
	size_t		 len, pos;
	double		*xy;
	size_t		 npt, ptcap;
	size_t		*rl;
	size_t		 nrl, rlcap;
	char		*err;
	size_t		 errlen;
};

#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 2, 3)))
#endif
static int	wkt_fail(struct wkt *, const char *fmt, ...);

static int
wkt_fail(struct wkt *w, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (w->err != NULL && w->errlen > 0)
		snprintf(w->err, w->errlen, "byte %zu: %s", w->pos, msg);
	return -1;
}

static void
wkt_space(struct wkt *w)
{
	while (w->pos < w->len && (w->s[w->pos] == ' ' ||
	    w->s[w->pos] == '\t' || w->s[w->pos] == '\n' ||
	    w->s[w->pos] == '\r'))
		w->pos++;
}

/* Consume the keyword kw (any case) followed by a non-letter. */
static int
wkt_word(struct wkt *w, const char *kw)
{
	size_t n = strlen(kw);

	wkt_space(w);
	if (w->len - w->pos < n || strncasecmp(w->s + w->pos, kw, n) != 0)
		return 0;
	if (w->pos + n < w->len && ((w->s[w->pos + n] >= 'A' &&
	    w->s[w->pos + n] <= 'Z') || (w->s[w->pos + n] >= 'a' &&
	    w->s[w->pos + n] <= 'z')))
		return 0;
	w->pos += n;
	return 1;
}

static int
wkt_char(struct wkt *w, char c)
{
	wkt_space(w);
	if (w->pos < w->len && w->s[w->pos] == c) {
		w->pos++;
		return 1;
	}
	return 0;
}

/* A WKT number ([+-] digits [. digits] [e [+-] digits], or .5), rewritten
 * in JSON syntax for json_parse_number. */
static int
wkt_number(struct wkt *w, double *v)
{
	char buf[WKT_MAX_NUMBER + 4];
	size_t n = 0, i, start;
	const char *s = w->s;
	int intd = 0, fracd = 0;

	wkt_space(w);
	i = start = w->pos;
	if (i < w->len && (s[i] == '+' || s[i] == '-')) {
		if (s[i] == '-')
			buf[n++] = '-';
		i++;
	}
	while (i < w->len && s[i] == '0' && i + 1 < w->len &&
	    s[i + 1] >= '0' && s[i + 1] <= '9')
		i++;	/* leading zeros */
	for (; i < w->len && s[i] >= '0' && s[i] <= '9'; i++, intd++)
		if (n < WKT_MAX_NUMBER)
			buf[n++] = s[i];
	if (intd == 0)
		buf[n++] = '0';
	if (i < w->len && s[i] == '.') {
		i++;
		buf[n++] = '.';
		for (; i < w->len && s[i] >= '0' && s[i] <= '9'; i++, fracd++)
			if (n < WKT_MAX_NUMBER)
				buf[n++] = s[i];
		if (fracd == 0)
			buf[n++] = '0';
	}
	if (intd == 0 && fracd == 0)
		return wkt_fail(w, "expected a number");
	if (i < w->len && (s[i] == 'e' || s[i] == 'E')) {
		buf[n++] = 'e';
		i++;
		if (i < w->len && (s[i] == '+' || s[i] == '-'))
			buf[n++] = s[i++];
		if (i >= w->len || s[i] < '0' || s[i] > '9')
			return wkt_fail(w, "bad exponent");
		for (; i < w->len && s[i] >= '0' && s[i] <= '9'; i++)
			if (n < WKT_MAX_NUMBER)
				buf[n++] = s[i];
	}
	if (n >= WKT_MAX_NUMBER)
		return wkt_fail(w, "number longer than %d characters "
		    "(WKT_MAX_NUMBER)", WKT_MAX_NUMBER);
	if (!json_parse_number(buf, n, v) || !isfinite(*v))
		return wkt_fail(w, "number out of range");
	w->pos = i;
	(void)start;
	return 0;
}

/* "(x y, x y, ...)" */
static int
wkt_ring(struct wkt *w)
{
	size_t start = w->npt, at;

	if (wkt_word(w, "EMPTY"))
		return 0;
	wkt_space(w);
	at = w->pos;
	if (!wkt_char(w, '('))
		return wkt_fail(w, "expected '(' or EMPTY");
	do {
		double x, y;

		if (wkt_number(w, &x) != 0 || wkt_number(w, &y) != 0)
			return -1;
		wkt_space(w);
		if (w->pos < w->len && (w->s[w->pos] == '-' ||
		    w->s[w->pos] == '+' || w->s[w->pos] == '.' ||
		    (w->s[w->pos] >= '0' && w->s[w->pos] <= '9')))
			return wkt_fail(w, "only 2D coordinates are "
			    "supported");
		if (w->npt >= GEO_MAX_VERTICES)
			return wkt_fail(w, "more than %d coordinates "
			    "(GEO_MAX_VERTICES)", GEO_MAX_VERTICES);
		if (w->npt + 1 > w->ptcap) {
			size_t cap = w->ptcap ? 2 * w->ptcap : 64;
			double *p = realloc(w->xy, 2 * cap * sizeof *p);

			if (p == NULL)
				return wkt_fail(w, "out of memory");
			w->xy = p;
			w->ptcap = cap;
		}
		w->xy[2 * w->npt] = x;
		w->xy[2 * w->npt + 1] = y;
		w->npt++;
	} while (wkt_char(w, ','));
	if (!wkt_char(w, ')'))
		return wkt_fail(w, "expected ',' or ')'");
	if (w->npt - start >= 4 && (w->xy[2 * start] != w->xy[2 * w->npt - 2]
	    || w->xy[2 * start + 1] != w->xy[2 * w->npt - 1])) {
		w->pos = at;
		return wkt_fail(w, "ring not closed");
	}
	if (w->nrl + 1 > w->rlcap) {
		size_t cap = w->rlcap ? 2 * w->rlcap : 16;
		size_t *p = realloc(w->rl, cap * sizeof *p);

		if (p == NULL)
			return wkt_fail(w, "out of memory");
		w->rl = p;
		w->rlcap = cap;
	}
	w->rl[w->nrl++] = w->npt - start;
	return 0;
}

/* "((ring), (ring))" */
static int
wkt_polygon(struct wkt *w)
{
	if (wkt_word(w, "EMPTY"))
		return 0;
	if (!wkt_char(w, '('))
		return wkt_fail(w, "expected '(' or EMPTY");
	do {
		if (wkt_ring(w) != 0)
			return -1;
	} while (wkt_char(w, ','));
	if (!wkt_char(w, ')'))
		return wkt_fail(w, "expected ',' or ')'");
	return 0;
}

int
geo_add_wkt(struct geo_set *s, const char *code, const char *text,
    size_t len, enum geo_crs crs, char *err, size_t errlen)
{
	struct wkt w;
	bool multi, rd = true, wgs = true;
	size_t i;
	int rc = -1;

	memset(&w, 0, sizeof w);
	w.s = text;
	w.len = len;
	w.err = err;
	w.errlen = errlen;
	if (wkt_word(&w, "MULTIPOLYGON"))
		multi = true;
	else if (wkt_word(&w, "POLYGON"))
		multi = false;
	else {
		wkt_fail(&w, "expected POLYGON or MULTIPOLYGON");
		goto out;
	}
	wkt_space(&w);
	i = w.pos;
	if (wkt_word(&w, "Z") || wkt_word(&w, "M") || wkt_word(&w, "ZM")) {
		w.pos = i;
		wkt_fail(&w, "only 2D coordinates are supported");
		goto out;
	}
	if (!multi) {
		if (wkt_polygon(&w) != 0)
			goto out;
	} else if (!wkt_word(&w, "EMPTY")) {
		if (!wkt_char(&w, '(')) {
			wkt_fail(&w, "expected '(' or EMPTY");
			goto out;
		}
		do {
			if (wkt_polygon(&w) != 0)
				goto out;
		} while (wkt_char(&w, ','));
		if (!wkt_char(&w, ')')) {
			wkt_fail(&w, "expected ',' or ')'");
			goto out;
		}
	}
	wkt_space(&w);
	if (w.pos != w.len) {
		wkt_fail(&w, "trailing text after the geometry");
		goto out;
	}
	for (i = 0; i < w.npt; i++) {
		if (!geo_rd_valid(w.xy[2 * i], w.xy[2 * i + 1]))
			rd = false;
		if (!geo_wgs84_valid(w.xy[2 * i + 1], w.xy[2 * i]))
			wgs = false;
	}
	if (crs == GEO_CRS_AUTO)
		crs = wgs ? GEO_CRS_WGS84 : GEO_CRS_RD;
	w.pos = 0;
	if (crs == GEO_CRS_RD && !rd) {
		wkt_fail(&w, "coordinates outside the RD New range "
		    "(x -7000..300000, y 289000..629000)");
		goto out;
	}
	if (crs == GEO_CRS_WGS84 && !wgs) {
		wkt_fail(&w, "WGS84 coordinates outside the Netherlands "
		    "(lon 2.5..7.6, lat 50..54; lon lat order expected)");
		goto out;
	}
	if (crs == GEO_CRS_WGS84)
		for (i = 0; i < w.npt; i++)
			geo_rd_from_wgs84(w.xy[2 * i + 1], w.xy[2 * i],
			    &w.xy[2 * i], &w.xy[2 * i + 1]);
	rc = geo_add_polygon(s, code, w.xy, w.rl, w.nrl, err, errlen);
out:
	free(w.xy);
	free(w.rl);
	return rc;
}
