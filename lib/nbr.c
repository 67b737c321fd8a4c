/* nbr -- queen contiguity from GeoJSON boundaries (see nbr.h): collect every
 * vertex with its area, sort, and pair the areas that meet in a vertex. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "msg.h"
#include "nbr.h"

struct vtx {
	double	 x, y;
	size_t	 area;
};

struct vbuf {
	struct vtx	*v;
	size_t		 n, cap;
};

struct ctx {
	struct json_lexer lx;
	struct vbuf	 vb;
	char		**code;		/* area codes, by area number */
	size_t		 ncode, capcode;
	double		 tol;
};

static void
vpush(struct vbuf *b, double x, double y)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 1024;
		b->v = xrealloc(b->v, b->cap * sizeof(*b->v));
	}
	b->v[b->n].x = x;
	b->v[b->n].y = y;
	b->v[b->n].area = (size_t)-1;
	b->n++;
}

/* After '[' of a coordinates array: collect positions (the first two
 * numbers of each innermost array).  0 or -1. */
static int
coords(struct ctx *c)
{
	enum json_tok t = json_next(&c->lx);
	double xy[2] = { 0, 0 };
	int k = 0;

	if (t == JSON_NUMBER) {
		for (; t == JSON_NUMBER; t = json_next(&c->lx))
			if (k < 2)
				xy[k++] = json_num(&c->lx);
			else
				k++;
		if (t != JSON_ARR_END || k < 2)
			return -1;
		if (c->tol > 0) {
			xy[0] = round(xy[0] / c->tol) * c->tol;
			xy[1] = round(xy[1] / c->tol) * c->tol;
		}
		vpush(&c->vb, xy[0], xy[1]);
		return 0;
	}
	for (; t == JSON_ARR_BEGIN; t = json_next(&c->lx))
		if (coords(c) < 0)
			return -1;
	return t == JSON_ARR_END ? 0 : -1;
}

static size_t
area_id(struct ctx *c, const char *s)
{
	size_t i;

	for (i = 0; i < c->ncode; i++)
		if (strcmp(c->code[i], s) == 0)
			return i;
	if (c->ncode == c->capcode) {
		c->capcode = c->capcode ? c->capcode * 2 : 64;
		c->code = xrealloc(c->code, c->capcode * sizeof(*c->code));
	}
	c->code[c->ncode] = xstrdup(s);
	return c->ncode++;
}

/* After '{' of a feature.  0, or -1 with err set. */
static int
feature(struct ctx *c, const char *code_prop, unsigned long fno, char *err,
    size_t errlen)
{
	enum json_tok t;
	size_t first = c->vb.n, i, id;
	char code[128] = "";
	bool have = false;

	while ((t = json_next(&c->lx)) == JSON_KEY) {
		const char *k = json_str(&c->lx, NULL);

		if (strcmp(k, "properties") == 0) {
			t = json_next(&c->lx);
			if (t != JSON_OBJ_BEGIN) {
				if (json_skip(&c->lx, t) < 0)
					goto bad;
				continue;
			}
			while ((t = json_next(&c->lx)) == JSON_KEY) {
				bool mine = strcmp(json_str(&c->lx, NULL),
				    code_prop) == 0;
				size_t l;
				const char *s;

				t = json_next(&c->lx);
				if (mine && (t == JSON_STRING ||
				    t == JSON_NUMBER)) {
					s = t == JSON_STRING ?
					    json_str(&c->lx, &l) :
					    json_raw(&c->lx, &l);
					if (l == 0 || l >= sizeof(code)) {
						snprintf(err, errlen, "feature "
						    "%lu: bad area code", fno);
						return -1;
					}
					memcpy(code, s, l);
					code[l] = '\0';
					have = true;
				} else if (json_skip(&c->lx, t) < 0)
					goto bad;
			}
			if (t != JSON_OBJ_END)
				goto bad;
		} else if (strcmp(k, "geometry") == 0) {
			t = json_next(&c->lx);
			if (t != JSON_OBJ_BEGIN) {
				if (json_skip(&c->lx, t) < 0)
					goto bad;
				continue;
			}
			while ((t = json_next(&c->lx)) == JSON_KEY) {
				if (strcmp(json_str(&c->lx, NULL),
				    "coordinates") == 0) {
					t = json_next(&c->lx);
					if (t != JSON_ARR_BEGIN ||
					    coords(c) < 0)
						goto bad;
				} else if (json_skip(&c->lx,
				    json_next(&c->lx)) < 0)
					goto bad;
			}
			if (t != JSON_OBJ_END)
				goto bad;
		} else if (json_skip(&c->lx, json_next(&c->lx)) < 0)
			goto bad;
	}
	if (t != JSON_OBJ_END)
		goto bad;
	if (!have) {
		snprintf(err, errlen, "feature %lu: no property '%s'", fno,
		    code_prop);
		return -1;
	}
	id = area_id(c, code);
	for (i = first; i < c->vb.n; i++)
		c->vb.v[i].area = id;
	return 0;
bad:
	/* The lexer's error is sticky: a depth or length limit met inside
	 * json_skip is reported by name, whatever t holds. */
	if (t == JSON_ERROR || (json_errmsg(&c->lx) != NULL &&
	    json_errmsg(&c->lx)[0] != '\0'))
		snprintf(err, errlen, "%s", json_errmsg(&c->lx));
	else
		snprintf(err, errlen, "byte %zu: not a GeoJSON feature",
		    json_offset(&c->lx));
	return -1;
}

static int
cmp_vtx(const void *a, const void *b)
{
	const struct vtx *p = a, *q = b;

	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	if (p->y != q->y)
		return p->y < q->y ? -1 : 1;
	return (p->area > q->area) - (p->area < q->area);
}

static int
cmp_pair(const void *a, const void *b)
{
	const struct nbr_pair *p = a, *q = b;
	int r = strcmp(p->a, q->a);

	return r != 0 ? r : strcmp(p->b, q->b);
}

long
nbr_from_geojson(const char *buf, size_t len, const char *code_prop,
    double tol, struct nbr_pair **out, char *err, size_t errlen)
{
	struct ctx c;
	struct nbr_pair *pr = NULL;
	enum json_tok t;
	size_t i, j, k, np = 0, cap = 0;
	unsigned long fno = 0;
	long rv = -1;

	memset(&c, 0, sizeof(c));
	c.tol = tol;
	json_init(&c.lx, buf, len);
	if ((t = json_next(&c.lx)) != JSON_OBJ_BEGIN)
		goto bad;
	while ((t = json_next(&c.lx)) == JSON_KEY) {
		if (strcmp(json_str(&c.lx, NULL), "features") != 0) {
			if (json_skip(&c.lx, json_next(&c.lx)) < 0)
				goto bad;
			continue;
		}
		if ((t = json_next(&c.lx)) != JSON_ARR_BEGIN)
			goto bad;
		while ((t = json_next(&c.lx)) == JSON_OBJ_BEGIN)
			if (feature(&c, code_prop, ++fno, err, errlen) < 0)
				goto out;
		if (t != JSON_ARR_END)
			goto bad;
	}
	if (t != JSON_OBJ_END || json_next(&c.lx) != JSON_END)
		goto bad;
	if (c.vb.n > 0)
		qsort(c.vb.v, c.vb.n, sizeof(*c.vb.v), cmp_vtx);
	for (i = 0; i < c.vb.n; i = j) {
		for (j = i + 1; j < c.vb.n && c.vb.v[j].x == c.vb.v[i].x &&
		    c.vb.v[j].y == c.vb.v[i].y; j++)
			continue;
		for (k = i; k < j; k++) {
			size_t l;

			for (l = i; l < j; l++) {
				if (c.vb.v[k].area == c.vb.v[l].area)
					continue;
				if (np == cap) {
					cap = cap ? cap * 2 : 256;
					pr = xrealloc(pr, cap * sizeof(*pr));
				}
				pr[np].a = c.code[c.vb.v[k].area];
				pr[np].b = c.code[c.vb.v[l].area];
				np++;
			}
		}
	}
	if (np > 0)
		qsort(pr, np, sizeof(*pr), cmp_pair);
	for (i = j = 0; i < np; i++)
		if (j == 0 || cmp_pair(&pr[j - 1], &pr[i]) != 0)
			pr[j++] = pr[i];
	/* The pairs point at the code strings; hand them over by copying. */
	for (i = 0; i < j; i++) {
		pr[i].a = xstrdup(pr[i].a);
		pr[i].b = xstrdup(pr[i].b);
	}
	*out = pr;
	pr = NULL;
	rv = (long)j;
	goto out;
bad:
	if (t == JSON_ERROR)
		snprintf(err, errlen, "%s", json_errmsg(&c.lx));
	else
		snprintf(err, errlen, "byte %zu: not a GeoJSON "
		    "FeatureCollection", json_offset(&c.lx));
out:
	json_done(&c.lx);
	for (i = 0; i < c.ncode; i++)
		free(c.code[i]);
	free(c.code);
	free(c.vb.v);
	free(pr);
	return rv;
}

void
nbr_free(struct nbr_pair *p, long n)
{
	long i;

	for (i = 0; i < n; i++) {
		free((char *)p[i].a);
		free((char *)p[i].b);
	}
	free(p);
}
