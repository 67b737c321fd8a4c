/* geo -- areas as rings in RD New, point location by the even-odd rule with
 * a uniform-grid index, nearest area, GeoJSON loading and the RD <-> WGS84
 * approximation.  See geo.h for the contracts; WKT lives in wkt.c. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo.h"
#include "json.h"

#if defined(__GNUC__) || defined(__clang__)
#define GEO_PRINTFLIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define GEO_PRINTFLIKE(f, a)
#endif

struct geo_edge {		/* lower end first: y1 <= y2 */
	double		 x1, y1, x2, y2;
};

struct geo_ring {		/* edges first .. first+n-1, in ring order */
	size_t		 first, n;
	uint32_t	 area;
};

struct geo_set {
	struct geo_edge	*e;
	unsigned char	*flip;	/* 1: e[i] runs against ring order */
	uint32_t	*earea;	/* area of e[i] */
	size_t		 ne, ecap;
	struct geo_ring	*r;
	size_t		 nr, rcap;
	char		**code;
	uint32_t	*rank;	/* strcmp order of codes, if ranked */
	size_t		 na, acap;
	uint32_t	*hash;	/* open addressing: area + 1, 0 free */
	size_t		 hcap;
	bool		 ranked;
	/* The grid index, when indexed. */
	bool		 indexed;
	double		 gx0, gy0, gx1, gy1, cs, inv;
	size_t		 nx, ny;
	uint32_t	*cell;	/* EMPTY, OWNER | area, or ix offset */
	uint32_t	*ix;	/* per mixed cell: n, then n entries */
	size_t		 nix;
	double		*tog;	/* toggle heights (see the index) */
	size_t		 ntog;
};

#define CELL_EMPTY	UINT32_C(0xffffffff)
#define CELL_OWNER	UINT32_C(0x80000000)
#define D0_BIT		UINT32_C(0x80000000)

static int	set_err(char *err, size_t errlen, const char *fmt, ...)
		    GEO_PRINTFLIKE(3, 4);
static int	area_id(struct geo_set *, const char *code, char *err,
		    size_t errlen);
static bool	area_less(const struct geo_set *, uint32_t a, uint32_t b);
static int	edge_test(const struct geo_edge *, double px, double py);
static double	seg_dist(const struct geo_edge *, double px, double py);
static void	geo_truncate(struct geo_set *, size_t na, size_t nr,
		    size_t ne);

static int
set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL && errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

struct geo_set *
geo_new(void)
{
	return calloc(1, sizeof(struct geo_set));
}

static void
drop_index(struct geo_set *s)
{
	free(s->cell);
	free(s->ix);
	free(s->tog);
	s->cell = NULL;
	s->ix = NULL;
	s->tog = NULL;
	s->nx = s->ny = 0;
	s->indexed = false;
}

void
geo_free(struct geo_set *s)
{
	size_t i;

	if (s == NULL)
		return;
	drop_index(s);
	for (i = 0; i < s->na; i++)
		free(s->code[i]);
	free(s->code);
	free(s->rank);
	free(s->hash);
	free(s->e);
	free(s->flip);
	free(s->earea);
	free(s->r);
	free(s);
}

static uint32_t
code_hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static int
grow(void *pp, size_t *cap, size_t need, size_t size)
{
	void **p = pp;
	size_t c = *cap ? *cap : 16;
	void *n;

	if (need <= *cap)
		return 0;
	while (c < need)
		c *= 2;
	if (c > SIZE_MAX / size || (n = realloc(*p, c * size)) == NULL)
		return -1;
	*p = n;
	*cap = c;
	return 0;
}

/* The index of code, adding the area when new. */
static int
area_id(struct geo_set *s, const char *code, char *err, size_t errlen)
{
	size_t len = strlen(code), i, h;
	uint32_t *nh;

	if (len == 0)
		return set_err(err, errlen, "empty area code");
	if (len > GEO_MAX_CODE)
		return set_err(err, errlen,
		    "area code longer than %d bytes (GEO_MAX_CODE)",
		    GEO_MAX_CODE);
	if (s->hcap > 0)
		for (h = code_hash(code) & (s->hcap - 1); s->hash[h] != 0;
		    h = (h + 1) & (s->hcap - 1))
			if (strcmp(s->code[s->hash[h] - 1], code) == 0)
				return (int)s->hash[h] - 1;
	if (s->na >= GEO_MAX_AREAS)
		return set_err(err, errlen,
		    "more than %d areas (GEO_MAX_AREAS)", GEO_MAX_AREAS);
	if (grow(&s->code, &s->acap, s->na + 1, sizeof *s->code) != 0)
		return set_err(err, errlen, "out of memory");
	if ((s->code[s->na] = strdup(code)) == NULL)
		return set_err(err, errlen, "out of memory");
	s->na++;
	if (2 * s->na > s->hcap) {
		size_t cap = s->hcap ? 2 * s->hcap : 64;

		if ((nh = calloc(cap, sizeof *nh)) == NULL) {
			free(s->code[--s->na]);
			return set_err(err, errlen, "out of memory");
		}
		free(s->hash);
		s->hash = nh;
		s->hcap = cap;
		for (i = 0; i < s->na - 1; i++) {
			for (h = code_hash(s->code[i]) & (cap - 1);
			    nh[h] != 0; h = (h + 1) & (cap - 1))
				continue;
			nh[h] = (uint32_t)i + 1;
		}
	}
	for (h = code_hash(code) & (s->hcap - 1); s->hash[h] != 0;
	    h = (h + 1) & (s->hcap - 1))
		continue;
	s->hash[h] = (uint32_t)s->na;
	s->ranked = false;
	return (int)s->na - 1;
}

int
geo_find(const struct geo_set *s, const char *code)
{
	size_t h;

	if (s->hcap == 0)
		return -1;
	for (h = code_hash(code) & (s->hcap - 1); s->hash[h] != 0;
	    h = (h + 1) & (s->hcap - 1))
		if (strcmp(s->code[s->hash[h] - 1], code) == 0)
			return (int)s->hash[h] - 1;
	return -1;
}

size_t
geo_count(const struct geo_set *s)
{
	return s->na;
}

const char *
geo_code(const struct geo_set *s, int idx)
{
	if (idx < 0 || (size_t)idx >= s->na)
		return NULL;
	return s->code[idx];
}

size_t
geo_edges(const struct geo_set *s)
{
	return s->ne;
}

bool
geo_bounds(const struct geo_set *s, double *xmin, double *ymin,
    double *xmax, double *ymax)
{
	size_t i;
	double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;

	if (s->ne == 0)
		return false;
	for (i = 0; i < s->ne; i++) {
		const struct geo_edge *e = &s->e[i];

		x0 = fmin(x0, fmin(e->x1, e->x2));
		x1 = fmax(x1, fmax(e->x1, e->x2));
		y0 = fmin(y0, e->y1);
		y1 = fmax(y1, e->y2);
	}
	*xmin = x0;
	*ymin = y0;
	*xmax = x1;
	*ymax = y1;
	return true;
}

size_t
geo_memory(const struct geo_set *s)
{
	size_t n = sizeof *s, i;

	n += s->ecap * (sizeof *s->e + sizeof *s->flip + sizeof *s->earea);
	n += s->rcap * sizeof *s->r;
	n += s->acap * (sizeof *s->code + sizeof *s->rank);
	n += s->hcap * sizeof *s->hash;
	for (i = 0; i < s->na; i++)
		n += strlen(s->code[i]) + 1;
	n += s->nx * s->ny * sizeof *s->cell;
	n += s->nix * sizeof *s->ix + s->ntog * sizeof *s->tog;
	return n;
}

/* Room for need edges in the three per-edge arrays. */
static int
grow_edges(struct geo_set *s, size_t need)
{
	size_t cap = s->ecap ? s->ecap : 64;
	void *p;

	if (need <= s->ecap)
		return 0;
	while (cap < need)
		cap *= 2;
	if ((p = realloc(s->e, cap * sizeof *s->e)) == NULL)
		return -1;
	s->e = p;
	if ((p = realloc(s->flip, cap * sizeof *s->flip)) == NULL)
		return -1;
	s->flip = p;
	if ((p = realloc(s->earea, cap * sizeof *s->earea)) == NULL)
		return -1;
	s->earea = p;
	s->ecap = cap;
	return 0;
}

/* Append one ring (n vertices at xy, maybe closed, maybe with repeats) to
 * area a.  Degenerate rings are dropped.  0 or -1 (limit, memory). */
static int
add_ring(struct geo_set *s, uint32_t a, const double *xy, size_t n,
    char *err, size_t errlen)
{
	size_t i, m, first = s->ne, k;
	double x0, y0;
	bool flat = true;

	/* Distinct consecutive vertices, without the closing repeat. */
	m = 0;
	for (i = 0; i < n; i++) {
		if (m > 0 && xy[2 * i] == xy[2 * (i - 1)] &&
		    xy[2 * i + 1] == xy[2 * (i - 1) + 1])
			continue;
		m++;
	}
	if (m > 1 && xy[0] == xy[2 * (n - 1)] && xy[1] == xy[2 * (n - 1) + 1])
		m--;
	if (m < 3)
		return 0;
	if (s->ne + m > GEO_MAX_VERTICES)
		return set_err(err, errlen,
		    "more than %d vertices (GEO_MAX_VERTICES)",
		    GEO_MAX_VERTICES);
	if (grow_edges(s, s->ne + m) != 0)
		return set_err(err, errlen, "out of memory");
	if (grow(&s->r, &s->rcap, s->nr + 1, sizeof *s->r) != 0)
		return set_err(err, errlen, "out of memory");
	/* Edges between the distinct vertices, the closing one included. */
	k = s->ne;
	{
		double px = 0, py = 0, fx = 0, fy = 0;
		size_t got = 0;

		for (i = 0; i < n && got < m; i++) {
			double x = xy[2 * i], y = xy[2 * i + 1];

			if (got > 0 && x == px && y == py)
				continue;
			if (got == 0) {
				fx = x;
				fy = y;
			} else {
				s->e[k].x1 = px;
				s->e[k].y1 = py;
				s->e[k].x2 = x;
				s->e[k].y2 = y;
				k++;
			}
			px = x;
			py = y;
			got++;
		}
		s->e[k].x1 = px;
		s->e[k].y1 = py;
		s->e[k].x2 = fx;
		s->e[k].y2 = fy;
		k++;
	}
	/* All on one line? */
	x0 = s->e[first].x1;
	y0 = s->e[first].y1;
	for (i = first; i < k && flat; i++) {
		double dx1 = s->e[first].x2 - x0, dy1 = s->e[first].y2 - y0;

		if (dx1 * (s->e[i].y2 - y0) - dy1 * (s->e[i].x2 - x0) != 0)
			flat = false;
	}
	if (flat)
		return 0;
	for (i = first; i < k; i++) {
		struct geo_edge *e = &s->e[i];

		s->earea[i] = a;
		s->flip[i] = 0;
		if (e->y1 > e->y2 || (e->y1 == e->y2 && e->x1 > e->x2)) {
			double t;

			t = e->x1; e->x1 = e->x2; e->x2 = t;
			t = e->y1; e->y1 = e->y2; e->y2 = t;
			s->flip[i] = 1;
		}
	}
	s->r[s->nr].first = first;
	s->r[s->nr].n = k - first;
	s->r[s->nr].area = a;
	s->nr++;
	s->ne = k;
	return 0;
}

int
geo_add_polygon(struct geo_set *s, const char *code, const double *xy,
    const size_t *ring_len, size_t nrings, char *err, size_t errlen)
{
	size_t i, off = 0, ne0 = s->ne, nr0 = s->nr, na0 = s->na;
	int a;

	for (i = 0; i < nrings; i++) {
		size_t j;

		for (j = 0; j < ring_len[i]; j++)
			if (!isfinite(xy[2 * (off + j)]) ||
			    !isfinite(xy[2 * (off + j) + 1]))
				return set_err(err, errlen,
				    "non-finite coordinate");
		off += ring_len[i];
	}
	if ((a = area_id(s, code, err, errlen)) < 0)
		return -1;
	drop_index(s);
	off = 0;
	for (i = 0; i < nrings; i++) {
		if (add_ring(s, (uint32_t)a, xy + 2 * off, ring_len[i], err,
		    errlen) != 0) {
			geo_truncate(s, na0, nr0, ne0);
			return -1;
		}
		off += ring_len[i];
	}
	return 0;
}

/* Remove areas, rings and edges added after the given counts (on error). */
static void
geo_truncate(struct geo_set *s, size_t na, size_t nr, size_t ne)
{
	size_t h;

	s->ne = ne;
	s->nr = nr;
	if (s->na > na) {
		while (s->na > na)
			free(s->code[--s->na]);
		for (h = 0; h < s->hcap; h++)
			s->hash[h] = 0;
		for (h = 0; h < s->na; h++) {
			size_t k;

			for (k = code_hash(s->code[h]) & (s->hcap - 1);
			    s->hash[k] != 0; k = (k + 1) & (s->hcap - 1))
				continue;
			s->hash[k] = (uint32_t)h + 1;
		}
	}
	drop_index(s);
}

/* bit 0: the ray from p towards +x crosses e (half-open in y);
 * bit 1: p lies on e. */
static inline int
edge_test(const struct geo_edge *e, double px, double py)
{
	double cr;

	if (py < e->y1 || py > e->y2)
		return 0;
	cr = (e->x2 - e->x1) * (py - e->y1) - (e->y2 - e->y1) * (px - e->x1);
	if (cr == 0) {
		if (e->y1 != e->y2)
			return 2;
		return px >= e->x1 && px <= e->x2 ? 2 : 0;
	}
	return cr > 0 && py < e->y2;
}

static bool
area_less(const struct geo_set *s, uint32_t a, uint32_t b)
{
	if (s->ranked)
		return s->rank[a] < s->rank[b];
	return strcmp(s->code[a], s->code[b]) < 0;
}

int
geo_locate_brute(const struct geo_set *s, double x, double y)
{
	unsigned char *in;
	size_t i;
	int best = -1;

	if (s->na == 0 || !isfinite(x) || !isfinite(y))
		return -1;
	if ((in = calloc(s->na, 1)) == NULL)
		return -1;
	for (i = 0; i < s->ne; i++) {
		int r = edge_test(&s->e[i], x, y);
		unsigned char *v = &in[s->earea[i]];

		*v = (unsigned char)((*v ^ (r & 1)) | (r & 2));
	}
	for (i = 0; i < s->na; i++)
		if (in[i] != 0 && (best < 0 ||
		    area_less(s, (uint32_t)i, (uint32_t)best)))
			best = (int)i;
	free(in);
	return best;
}

int
geo_locate(const struct geo_set *s, double x, double y)
{
	const uint32_t *p;
	uint32_t c, n;
	size_t i, j;

	if (!s->indexed)
		return geo_locate_brute(s, x, y);
	if (!(x >= s->gx0 && x <= s->gx1 && y >= s->gy0 && y <= s->gy1))
		return -1;
	i = (size_t)((x - s->gx0) * s->inv);
	j = (size_t)((y - s->gy0) * s->inv);
	if (i >= s->nx)
		i = s->nx - 1;
	if (j >= s->ny)
		j = s->ny - 1;
	/* The row's y-range as the build computed it must hold y, or the
	 * toggle heights would not describe it. */
	if (j > 0 && y < s->gy0 + (double)j * s->cs)
		j--;
	else if (j + 1 < s->ny && y > s->gy0 + (double)(j + 1) * s->cs)
		j++;
	c = s->cell[j * s->nx + i];
	if (c == CELL_EMPTY)
		return -1;
	if (c & CELL_OWNER)
		return (int)(c & ~CELL_OWNER);
	p = s->ix + c;
	for (n = *p++; n > 0; n--) {
		uint32_t ne = p[1], nt = p[2] & ~D0_BIT, k;
		int acc = (int)(p[2] >> 31);

		for (k = 0; k < nt; k++)
			acc ^= s->tog[p[3] + k] <= y;
		for (k = 0; k < ne; k++) {
			int r = edge_test(&s->e[p[4 + k]], x, y);

			acc = (acc ^ (r & 1)) | (r & 2);
		}
		if (acc != 0)
			return (int)p[0];
		p += 4 + ne;
	}
	return -1;
}

static double
seg_dist(const struct geo_edge *e, double px, double py)
{
	double dx = e->x2 - e->x1, dy = e->y2 - e->y1, t, l2;

	l2 = dx * dx + dy * dy;
	t = l2 > 0 ? ((px - e->x1) * dx + (py - e->y1) * dy) / l2 : 0;
	if (t < 0)
		t = 0;
	else if (t > 1)
		t = 1;
	return hypot(px - (e->x1 + t * dx), py - (e->y1 + t * dy));
}

int
geo_nearest(const struct geo_set *s, double x, double y, double maxdist,
    double *dist)
{
	int a, best = -1;
	double bd = maxdist, d;
	size_t i;

	if ((a = geo_locate(s, x, y)) >= 0) {
		*dist = 0;
		return a;
	}
	if (!isfinite(x) || !isfinite(y) || !(maxdist >= 0))
		return -1;
	if (s->indexed && s->nx > 0 && maxdist < s->cs * 4096 &&
	    (2 * maxdist / s->cs + 2) * (2 * maxdist / s->cs + 2) <
	    (double)s->ne) {
		double fx0 = (x - maxdist - s->gx0) * s->inv;
		double fx1 = (x + maxdist - s->gx0) * s->inv;
		double fy0 = (y - maxdist - s->gy0) * s->inv;
		double fy1 = (y + maxdist - s->gy0) * s->inv;
		size_t i0, i1, j0, j1, ii, jj;

		if (fx1 < 0 || fy1 < 0 || fx0 >= (double)s->nx ||
		    fy0 >= (double)s->ny)
			return -1;
		i0 = fx0 < 0 ? 0 : (size_t)fx0;
		j0 = fy0 < 0 ? 0 : (size_t)fy0;
		i1 = fx1 >= (double)s->nx ? s->nx - 1 : (size_t)fx1;
		j1 = fy1 >= (double)s->ny ? s->ny - 1 : (size_t)fy1;
		for (jj = j0; jj <= j1; jj++)
			for (ii = i0; ii <= i1; ii++) {
				uint32_t c = s->cell[jj * s->nx + ii], n;
				const uint32_t *p;

				if (c == CELL_EMPTY || (c & CELL_OWNER))
					continue;
				p = s->ix + c;
				for (n = *p++; n > 0; n--) {
					uint32_t k;

					for (k = 0; k < p[1]; k++) {
						d = seg_dist(&s->e[p[4 + k]],
						    x, y);
						if (d < bd || (d == bd &&
						    best >= 0 && area_less(s,
						    p[0], (uint32_t)best)) ||
						    (d == bd && best < 0)) {
							bd = d;
							best = (int)p[0];
						}
					}
					p += 4 + p[1];
				}
			}
	} else {
		for (i = 0; i < s->ne; i++) {
			d = seg_dist(&s->e[i], x, y);
			if (d < bd || (d == bd && (best < 0 ||
			    area_less(s, s->earea[i], (uint32_t)best)))) {
				bd = d;
				best = (int)s->earea[i];
			}
		}
	}
	if (best >= 0)
		*dist = bd;
	return best;
}

/*
 * The index.  Per cell and area, let E be the area's edges that touch the
 * cell grown by eps (found per grid row, so a long diagonal edge only visits
 * the cells it passes).  The crossing number at p = (px, py) in the cell
 * counts the edges in E plus the other edges that cross the horizontal line
 * y = py to the right of p.  An edge outside E that crosses that line within
 * the cell's y-range does so outside the grown cell, so for p in the cell it
 * counts exactly when it lies to the right, whatever px.  Their count, D(py),
 * is stored as D(ymin) (bit d0) plus the heights where it changes inside
 * (ymin, ymax]: a vertex right of the cell where an edge of E meets, past
 * horizontal edges outside E, a sloped edge outside E.  Elsewhere such
 * changes come in pairs.  So the test at query time uses only E, d0 and the
 * toggle heights, and equals the test over all edges bit for bit.
 */

struct bnode {
	uint32_t	 edge, ring, next;
};

struct ekey {			/* sort key of an entry and where it is */
	uint32_t	 cell, rank, off;
};

struct codeidx {
	const char	*code;
	uint32_t	 idx;
};

struct build {
	uint32_t	*head;		/* per cell of the area's box */
	size_t		 headcap;
	struct bnode	*node;
	size_t		 nnode, nodecap;
	uint32_t	*stamp;		/* per edge */
	uint32_t	 st;
	double		*xc;		/* per edge: x at row ymin */
	double		*cross;
	size_t		 ncross, crosscap;
	uint32_t	*ent;		/* area ne nt|d0 togoff edges.. */
	size_t		 nent, entcap;
	struct ekey	*entoff;	/* the entries, to sort */
	size_t		 nentoff, entoffcap;
	double		*tog;
	size_t		 ntog, togcap;
	const uint32_t	*rank;
};

static int
cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct codeidx *)a)->code,
	    ((const struct codeidx *)b)->code);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int
cmp_entry(const void *a, const void *b)
{
	const struct ekey *x = a, *y = b;

	if (x->cell != y->cell)
		return x->cell < y->cell ? -1 : 1;
	return (x->rank > y->rank) - (x->rank < y->rank);
}

static size_t
clampi(double f, size_t lo, size_t hi)
{
	if (!(f >= (double)lo))
		return lo;
	if (f >= (double)hi)
		return hi;
	return (size_t)f;
}

/* Walking from edge k along its ring (forward or backward) past horizontal
 * edges outside E (stamp != st): true when a sloped edge outside E comes
 * first. */
static bool
toggle_at(const struct geo_set *s, const struct geo_ring *r, size_t k,
    int forward, const uint32_t *stamp, uint32_t st)
{
	size_t pos = k - r->first, n = r->n, step, kk;

	for (step = 1; step < n; step++) {
		kk = r->first + (forward ? (pos + step) % n :
		    (pos + n - step) % n);
		if (stamp[kk] == st)
			return false;
		if (s->e[kk].y1 != s->e[kk].y2)
			return true;
	}
	return false;
}

static int
build_area(struct geo_set *s, struct build *b, const size_t *rings,
    size_t nrings, uint32_t area, double eps)
{
	double ax0 = INFINITY, ay0 = INFINITY, ax1 = -INFINITY,
	    ay1 = -INFINITY;
	size_t ci0, ci1, cj0, cj1, w, h, i, j, q, m, k;

	for (m = 0; m < nrings; m++) {
		const struct geo_ring *r = &s->r[rings[m]];

		for (k = r->first; k < r->first + r->n; k++) {
			ax0 = fmin(ax0, fmin(s->e[k].x1, s->e[k].x2));
			ax1 = fmax(ax1, fmax(s->e[k].x1, s->e[k].x2));
			ay0 = fmin(ay0, s->e[k].y1);
			ay1 = fmax(ay1, s->e[k].y2);
		}
	}
	if (nrings == 0)
		return 0;
	ci0 = clampi(floor((ax0 - eps - s->gx0) * s->inv), 0, s->nx - 1);
	ci1 = clampi(floor((ax1 + eps - s->gx0) * s->inv), 0, s->nx - 1);
	cj0 = clampi(floor((ay0 - eps - s->gy0) * s->inv), 0, s->ny - 1);
	cj1 = clampi(floor((ay1 + eps - s->gy0) * s->inv), 0, s->ny - 1);
	w = ci1 - ci0 + 1;
	h = cj1 - cj0 + 1;
	if (grow(&b->head, &b->headcap, w * h, sizeof *b->head) != 0)
		return -1;
	memset(b->head, 0xff, w * h * sizeof *b->head);
	b->nnode = 0;

	/* E per cell: each edge row by row. */
	for (m = 0; m < nrings; m++) {
		const struct geo_ring *r = &s->r[rings[m]];

		for (k = r->first; k < r->first + r->n; k++) {
			const struct geo_edge *e = &s->e[k];
			size_t j0, j1;

			j0 = clampi(floor((e->y1 - eps - s->gy0) * s->inv),
			    cj0, cj1);
			j1 = clampi(floor((e->y2 + eps - s->gy0) * s->inv),
			    cj0, cj1);
			for (j = j0; j <= j1; j++) {
				double b0 = s->gy0 + (double)j * s->cs - eps;
				double b1 = b0 + s->cs + 2 * eps;
				double ya = fmax(e->y1, b0);
				double yb = fmin(e->y2, b1);
				double xa, xb;
				size_t i0, i1;

				if (ya > yb)
					continue;
				if (e->y1 == e->y2) {
					xa = e->x1;
					xb = e->x2;
				} else {
					double sl = (e->x2 - e->x1) /
					    (e->y2 - e->y1);

					xa = e->x1 + (ya - e->y1) * sl;
					xb = e->x1 + (yb - e->y1) * sl;
				}
				i0 = clampi(floor((fmin(xa, xb) - eps -
				    s->gx0) * s->inv), ci0, ci1);
				i1 = clampi(floor((fmax(xa, xb) + eps -
				    s->gx0) * s->inv), ci0, ci1);
				for (i = i0; i <= i1; i++) {
					size_t c = (j - cj0) * w + (i - ci0);

					if (grow(&b->node, &b->nodecap,
					    b->nnode + 1, sizeof *b->node) != 0)
						return -1;
					b->node[b->nnode].edge = (uint32_t)k;
					b->node[b->nnode].ring =
					    (uint32_t)rings[m];
					b->node[b->nnode].next = b->head[c];
					b->head[c] = (uint32_t)b->nnode++;
				}
			}
		}
	}

	for (j = cj0; j <= cj1; j++) {
		double yb = s->gy0 + (double)j * s->cs, yt = yb + s->cs;

		b->ncross = 0;
		for (m = 0; m < nrings; m++) {
			const struct geo_ring *r = &s->r[rings[m]];

			for (k = r->first; k < r->first + r->n; k++) {
				const struct geo_edge *e = &s->e[k];

				b->xc[k] = NAN;
				if (!(e->y1 <= yb && yb < e->y2))
					continue;
				b->xc[k] = e->x1 + (yb - e->y1) *
				    (e->x2 - e->x1) / (e->y2 - e->y1);
				if (grow(&b->cross, &b->crosscap,
				    b->ncross + 1, sizeof *b->cross) != 0)
					return -1;
				b->cross[b->ncross++] = b->xc[k];
			}
		}
		if (b->ncross > 1)
			qsort(b->cross, b->ncross, sizeof *b->cross,
			    cmp_double);
		q = 0;
		for (i = ci0; i <= ci1; i++) {
			double xmax = s->gx0 + (double)(i + 1) * s->cs;
			uint32_t n, ne = 0, nt = 0, d0, hd;
			size_t cnt, e0;

			while (q < b->ncross && b->cross[q] <= xmax)
				q++;
			cnt = b->ncross - q;
			hd = b->head[(j - cj0) * w + (i - ci0)];
			if (++b->st == 0) {
				memset(b->stamp, 0, s->ne * sizeof *b->stamp);
				b->st = 1;
			}
			for (n = hd; n != UINT32_MAX; n = b->node[n].next) {
				b->stamp[b->node[n].edge] = b->st;
				if (b->xc[b->node[n].edge] > xmax)
					cnt--;
				ne++;
			}
			d0 = cnt & 1;
			if (ne == 0 && d0 == 0)
				continue;
			if (ne == 0) {
				/* The area holds the whole cell: only the
				 * lowest-coded such area can ever win. */
				uint32_t *cp = &s->cell[j * s->nx + i];

				if (*cp == CELL_EMPTY || b->rank[area] <
				    b->rank[*cp & ~CELL_OWNER])
					*cp = CELL_OWNER | area;
				continue;
			}
			if (b->nent + 4 + ne > UINT32_MAX ||
			    grow(&b->entoff, &b->entoffcap, b->nentoff + 1,
			    sizeof *b->entoff) != 0 ||
			    grow(&b->ent, &b->entcap, b->nent + 4 + ne,
			    sizeof *b->ent) != 0)
				return -1;
			b->entoff[b->nentoff].cell = (uint32_t)(j * s->nx + i);
			b->entoff[b->nentoff].rank = b->rank[area];
			b->entoff[b->nentoff++].off = (uint32_t)b->nent;
			e0 = b->nent;
			b->ent[e0] = area;
			b->ent[e0 + 1] = ne;
			b->ent[e0 + 3] = (uint32_t)b->ntog;
			b->nent += 4;
			for (n = hd; n != UINT32_MAX; n = b->node[n].next) {
				uint32_t ek = b->node[n].edge;
				const struct geo_edge *e = &s->e[ek];
				const struct geo_ring *r =
				    &s->r[b->node[n].ring];
				int end;

				b->ent[b->nent++] = ek;
				for (end = 0; end < 2; end++) {
					/* end 1: the vertex where the edge
					 * ends in ring order. */
					int hi = end ^ s->flip[ek];
					double vx = hi ? e->x2 : e->x1;
					double vy = hi ? e->y2 : e->y1;

					if (!(vx > xmax && vy > yb &&
					    vy <= yt))
						continue;
					if (!toggle_at(s, r, ek, end,
					    b->stamp, b->st))
						continue;
					if (grow(&b->tog, &b->togcap,
					    b->ntog + 1, sizeof *b->tog) != 0)
						return -1;
					b->tog[b->ntog++] = vy;
					nt++;
				}
			}
			b->ent[e0 + 2] = nt | (d0 ? D0_BIT : 0);
		}
	}
	return 0;
}

int
geo_build_index(struct geo_set *s)
{
	struct build b;
	struct codeidx *ci = NULL;
	size_t *rord = NULL, *astart = NULL, i, ncell, target, k;
	double bx0, by0, bx1, by1, eps;
	uint32_t *ip;
	struct ekey *kp;
	double *dp;
	int pass;
	int rc = -1;

	drop_index(s);
	memset(&b, 0, sizeof b);
	if (s->ne > 0 && s->ecap > s->ne) {	/* no more edges expected */
		void *p;

		if ((p = realloc(s->e, s->ne * sizeof *s->e)) != NULL)
			s->e = p;
		if ((p = realloc(s->flip, s->ne * sizeof *s->flip)) != NULL)
			s->flip = p;
		if ((p = realloc(s->earea, s->ne * sizeof *s->earea)) != NULL)
			s->earea = p;
		s->ecap = s->ne;
	}
	free(s->rank);
	s->ranked = false;
	if ((s->rank = malloc((s->na + 1) * sizeof *s->rank)) == NULL ||
	    (ci = malloc((s->na + 1) * sizeof *ci)) == NULL)
		goto out;
	for (i = 0; i < s->na; i++) {
		ci[i].code = s->code[i];
		ci[i].idx = (uint32_t)i;
	}
	if (s->na > 1)
		qsort(ci, s->na, sizeof *ci, cmp_code);
	for (i = 0; i < s->na; i++)
		s->rank[ci[i].idx] = (uint32_t)i;
	s->ranked = true;
	if (!geo_bounds(s, &bx0, &by0, &bx1, &by1)) {
		s->gx0 = s->gy0 = INFINITY;
		s->gx1 = s->gy1 = -INFINITY;
		s->indexed = true;
		rc = 0;
		goto out;
	}
	/* About two cells per edge: measured on the national bench set,
	 * four or eight per edge buy little speed for much memory. */
	target = s->ne * 2;
	if (target < (1u << 16))
		target = 1u << 16;
	if (target > (1u << 23))
		target = 1u << 23;
	s->cs = sqrt((bx1 - bx0) * (by1 - by0) / (double)target);
	if (!(s->cs > 0) || !isfinite(s->cs))
		s->cs = fmax(fmax(bx1 - bx0, by1 - by0) / 256, 1e-9);
	s->nx = (size_t)((bx1 - bx0) / s->cs) + 1;
	s->ny = (size_t)((by1 - by0) / s->cs) + 1;
	if (s->nx > 4 * target)
		s->nx = 4 * target;
	if (s->ny > 4 * target)
		s->ny = 4 * target;
	ncell = s->nx * s->ny;
	if (ncell > 4 * target) {
		s->nx = s->nx * target / ncell + 1;
		s->ny = s->ny * target / ncell + 1;
		s->cs = fmax((bx1 - bx0) / (double)s->nx,
		    (by1 - by0) / (double)s->ny) * (1 + 1e-9);
		ncell = s->nx * s->ny;
	}
	s->inv = 1 / s->cs;
	s->gx0 = bx0;
	s->gy0 = by0;
	s->gx1 = bx0 + (double)s->nx * s->cs;
	s->gy1 = by0 + (double)s->ny * s->cs;
	if (s->gx1 < bx1)
		s->gx1 = bx1;
	if (s->gy1 < by1)
		s->gy1 = by1;
	/* The margin that keeps rounding harmless: large against the
	 * rounding of coordinates of this magnitude, small against a cell. */
	eps = fmax(s->cs * 1e-4, 1e-9 * fmax(fmax(fabs(bx0), fabs(bx1)),
	    fmax(fabs(by0), fabs(by1))));

	/* Rings grouped by area. */
	if ((rord = malloc((s->nr + 1) * sizeof *rord)) == NULL ||
	    (astart = calloc(s->na + 2, sizeof *astart)) == NULL ||
	    (b.stamp = calloc(s->ne, sizeof *b.stamp)) == NULL ||
	    (b.xc = malloc(s->ne * sizeof *b.xc)) == NULL)
		goto out;
	for (i = 0; i < s->nr; i++)
		astart[s->r[i].area + 2]++;
	for (i = 2; i < s->na + 2; i++)
		astart[i] += astart[i - 1];
	for (i = 0; i < s->nr; i++)
		rord[astart[s->r[i].area + 1]++] = i;
	if ((s->cell = malloc(ncell * sizeof *s->cell)) == NULL)
		goto out;
	memset(s->cell, 0xff, ncell * sizeof *s->cell);
	b.rank = s->rank;
	for (i = 0; i < s->na; i++)
		if (build_area(s, &b, rord + astart[i],
		    astart[i + 1] - astart[i], (uint32_t)i, eps) != 0)
			goto out;

	/* Entries by cell, then by code rank.  An area holding the whole
	 * cell ends the list: areas with higher codes never win there. */
	/* Only the entries are needed from here on. */
	free(b.head);
	free(b.node);
	free(b.stamp);
	free(b.xc);
	free(b.cross);
	b.head = NULL;
	b.node = NULL;
	b.stamp = NULL;
	b.xc = NULL;
	b.cross = NULL;
	if (b.nent > 0 && (ip = realloc(b.ent, b.nent * sizeof *b.ent)) !=
	    NULL)
		b.ent = ip;
	if (b.nentoff > 0 && (kp = realloc(b.entoff, b.nentoff *
	    sizeof *b.entoff)) != NULL)
		b.entoff = kp;
	if (b.nentoff > 1)
		qsort(b.entoff, b.nentoff, sizeof *b.entoff, cmp_entry);
	for (pass = 0; pass < 2; pass++) {	/* size, then fill */
		s->nix = 0;
		for (i = 0; i < b.nentoff; i = k) {
			uint32_t c = b.entoff[i].cell, own = s->cell[c];
			size_t used = 0, m;

			for (k = i; k < b.nentoff && b.entoff[k].cell == c;
			    k++)
				if (own == CELL_EMPTY ||
				    b.entoff[k].rank <
				    s->rank[own & ~CELL_OWNER])
					used++;
			if (used == 0)
				continue;
			if (pass == 0) {
				s->nix += 1 + 4 * (own != CELL_EMPTY);
				for (m = i; m < i + used; m++)
					s->nix += 4 +
					    b.ent[b.entoff[m].off + 1];
				if (s->nix > CELL_OWNER - 1)
					goto out;
				continue;
			}
			s->cell[c] = (uint32_t)s->nix;
			s->ix[s->nix++] = (uint32_t)(used +
			    (own != CELL_EMPTY));
			for (m = i; m < i + used; m++) {
				const uint32_t *en = b.ent + b.entoff[m].off;

				memcpy(s->ix + s->nix, en,
				    (4 + en[1]) * sizeof *s->ix);
				s->nix += 4 + en[1];
			}
			if (own != CELL_EMPTY) {
				s->ix[s->nix++] = own & ~CELL_OWNER;
				s->ix[s->nix++] = 0;
				s->ix[s->nix++] = D0_BIT;
				s->ix[s->nix++] = 0;
			}
		}
		if (pass == 0 && (s->ix = malloc((s->nix + 1) *
		    sizeof *s->ix)) == NULL)
			goto out;
	}
	s->tog = b.tog;
	s->ntog = b.ntog;
	b.tog = NULL;
	if (s->ntog > 0 && (dp = realloc(s->tog, s->ntog * sizeof *s->tog)) !=
	    NULL)
		s->tog = dp;
	s->indexed = true;
	rc = 0;
out:
	if (rc != 0)
		drop_index(s);
	free(ci);
	free(rord);
	free(astart);
	free(b.head);
	free(b.node);
	free(b.stamp);
	free(b.xc);
	free(b.cross);
	free(b.ent);
	free(b.entoff);
	free(b.tog);
	return rc;
}

/* RD New <-> WGS84, Schreutelkamp & Strang van Hees.  The tables give
 * (p, q, coefficient) for terms c * a^p * b^q. */
#define RD_X0	155000.0
#define RD_Y0	463000.0
#define RD_LAT0	52.15517440
#define RD_LON0	5.38720621

static const struct { int p, q; double c; } rd_k[] = {	/* latitude, " */
	{ 0, 1, 3235.65389 }, { 2, 0, -32.58297 }, { 0, 2, -0.24750 },
	{ 2, 1, -0.84978 }, { 0, 3, -0.06550 }, { 2, 2, -0.01709 },
	{ 1, 0, -0.00738 }, { 4, 0, 0.00530 }, { 2, 3, -0.00039 },
	{ 4, 1, 0.00033 }, { 1, 1, -0.00012 }
}, rd_l[] = {						/* longitude, " */
	{ 1, 0, 5260.52916 }, { 1, 1, 105.94684 }, { 1, 2, 2.45656 },
	{ 3, 0, -0.81885 }, { 1, 3, 0.05594 }, { 3, 1, -0.05607 },
	{ 0, 1, 0.01199 }, { 3, 2, -0.00256 }, { 1, 4, 0.00128 },
	{ 0, 2, 0.00022 }, { 2, 0, -0.00022 }, { 5, 0, 0.00026 }
}, rd_r[] = {						/* x, m */
	{ 0, 1, 190094.945 }, { 1, 1, -11832.228 }, { 2, 1, -114.221 },
	{ 0, 3, -32.391 }, { 1, 0, -0.705 }, { 3, 1, -2.340 },
	{ 1, 3, -0.608 }, { 0, 2, -0.008 }, { 2, 3, 0.148 }
}, rd_s[] = {						/* y, m */
	{ 1, 0, 309056.544 }, { 0, 2, 3638.893 }, { 2, 0, 73.077 },
	{ 1, 2, -157.984 }, { 3, 0, 59.788 }, { 0, 1, 0.433 },
	{ 2, 2, -6.439 }, { 1, 1, -0.032 }, { 0, 4, 0.092 },
	{ 1, 4, -0.054 }
};

#define RD_SUM(tab, a, b, out) do {					\
	size_t t_;							\
	(out) = 0;							\
	for (t_ = 0; t_ < sizeof(tab) / sizeof(tab)[0]; t_++)		\
		(out) += (tab)[t_].c * ipow((a), (tab)[t_].p) *		\
		    ipow((b), (tab)[t_].q);				\
} while (0)

static double
ipow(double v, int n)
{
	double r = 1;

	while (n-- > 0)
		r *= v;
	return r;
}

void
geo_rd_from_wgs84(double lat, double lon, double *x, double *y)
{
	double dphi = 0.36 * (lat - RD_LAT0), dlam = 0.36 * (lon - RD_LON0);
	double sx, sy;

	RD_SUM(rd_r, dphi, dlam, sx);
	RD_SUM(rd_s, dphi, dlam, sy);
	*x = RD_X0 + sx;
	*y = RD_Y0 + sy;
}

void
geo_wgs84_from_rd(double x, double y, double *lat, double *lon)
{
	double dx = (x - RD_X0) * 1e-5, dy = (y - RD_Y0) * 1e-5, sp, sl;

	RD_SUM(rd_k, dx, dy, sp);
	RD_SUM(rd_l, dx, dy, sl);
	*lat = RD_LAT0 + sp / 3600;
	*lon = RD_LON0 + sl / 3600;
}

bool
geo_rd_valid(double x, double y)
{
	return x >= -7000 && x <= 300000 && y >= 289000 && y <= 629000;
}

bool
geo_wgs84_valid(double lat, double lon)
{
	return lat >= 50.0 && lat <= 54.0 && lon >= 2.5 && lon <= 7.6;
}

/* GeoJSON.  The members of a Feature and of its geometry come in any order,
 * so a feature's rings are collected first and added at its end; the CRS
 * may follow the features, so conversion happens after the last one. */
struct gj {
	struct json_lexer lx;
	struct geo_set	*s;
	const char	*prop;
	size_t		 feature;	/* 1-based, 0 outside features */
	char		*err;
	size_t		 errlen;
	double		*xy;		/* this feature's positions */
	size_t		 npt, ptcap;
	size_t		*rl;		/* ring lengths */
	size_t		 nrl, rlcap;
	size_t		 total;		/* positions so far */
	int		 posdepth;
	char		 code[GEO_MAX_CODE + 1];
	bool		 have_code;
	enum geo_crs	 crs;
};

static int	gj_fail(struct gj *, const char *fmt, ...)
		    GEO_PRINTFLIKE(2, 3);

static int
gj_fail(struct gj *g, const char *fmt, ...)
{
	char msg[200];
	const char *why = msg;
	va_list ap;

	if (fmt == NULL) {	/* the lexer's message */
		why = strchr(json_errmsg(&g->lx), ':');
		why = why != NULL ? why + 2 : json_errmsg(&g->lx);
	} else {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof msg, fmt, ap);
		va_end(ap);
	}
	if (g->err == NULL || g->errlen == 0)
		return -1;
	if (g->feature > 0)
		snprintf(g->err, g->errlen, "byte %zu, feature %zu: %s",
		    json_offset(&g->lx), g->feature, why);
	else
		snprintf(g->err, g->errlen, "byte %zu: %s",
		    json_offset(&g->lx), why);
	return -1;
}

/* Expect token want; otherwise fail with what. */
static int
gj_expect(struct gj *g, enum json_tok want, const char *what)
{
	enum json_tok t = json_next(&g->lx);

	if (t == JSON_ERROR)
		return gj_fail(g, NULL);
	if (t != want)
		return gj_fail(g, "expected %s", what);
	return 0;
}

/* Skip the value that starts with the next token. */
static int
gj_skip(struct gj *g)
{
	enum json_tok t = json_next(&g->lx);

	if (t == JSON_ERROR || json_skip(&g->lx, t) != 0)
		return gj_fail(g, NULL);
	return 0;
}

/* The array just opened at nesting level (0: "coordinates" itself).
 * *kind: 1 it held numbers (a position), 2 arrays, 0 nothing. */
static int
gj_coords(struct gj *g, int level, int *kind)
{
	size_t nnum = 0, start = g->npt;
	double v[2] = { 0, 0 };
	int child = 0, ck;
	enum json_tok t;

	*kind = 0;
	for (;;) {
		t = json_next(&g->lx);
		if (t == JSON_ARR_END)
			break;
		if (t == JSON_NUMBER && *kind != 2) {
			*kind = 1;
			if (nnum < 2)
				v[nnum] = json_num(&g->lx);
			nnum++;
		} else if (t == JSON_ARR_BEGIN && *kind != 1) {
			*kind = 2;
			if (gj_coords(g, level + 1, &ck) != 0)
				return -1;
			if (ck != 0)
				child = ck;
		} else if (t == JSON_ERROR)
			return gj_fail(g, NULL);
		else
			return gj_fail(g, "bad coordinates: expected %s",
			    *kind == 1 ? "a number" : "an array");
	}
	if (*kind == 1) {
		if (nnum < 2)
			return gj_fail(g, "position with fewer than 2 numbers");
		if (g->posdepth < 0)
			g->posdepth = level;
		else if (g->posdepth != level)
			return gj_fail(g, "positions at different depths");
		if (g->total >= GEO_MAX_VERTICES || g->s->ne + g->total >=
		    GEO_MAX_VERTICES)
			return gj_fail(g, "more than %d coordinates "
			    "(GEO_MAX_VERTICES)", GEO_MAX_VERTICES);
		if (grow(&g->xy, &g->ptcap, 2 * (g->npt + 1),
		    sizeof *g->xy) != 0)
			return gj_fail(g, "out of memory");
		g->xy[2 * g->npt] = v[0];
		g->xy[2 * g->npt + 1] = v[1];
		g->npt++;
		g->total++;
	} else if (*kind == 2 && child == 1) {
		size_t n = g->npt - start;

		if (n < 4 || g->xy[2 * start] != g->xy[2 * (g->npt - 1)] ||
		    g->xy[2 * start + 1] != g->xy[2 * (g->npt - 1) + 1]) {
			if (n >= 4)
				return gj_fail(g, "ring not closed");
			/* Fewer than 4 positions: degenerate, dropped. */
		}
		if (grow(&g->rl, &g->rlcap, g->nrl + 1, sizeof *g->rl) != 0)
			return gj_fail(g, "out of memory");
		g->rl[g->nrl++] = n;
	}
	return 0;
}

static int
gj_geometry(struct gj *g, int *depth_wanted)
{
	enum json_tok t;
	int kind;
	size_t klen;
	const char *k;

	*depth_wanted = -2;	/* no type seen */
	for (;;) {
		t = json_next(&g->lx);
		if (t == JSON_OBJ_END)
			return 0;
		if (t != JSON_KEY)
			return gj_fail(g, NULL);
		k = json_str(&g->lx, &klen);
		if (strcmp(k, "type") == 0) {
			if (gj_expect(g, JSON_STRING, "a geometry type") != 0)
				return -1;
			k = json_str(&g->lx, &klen);
			if (strcmp(k, "Polygon") == 0)
				*depth_wanted = 2;
			else if (strcmp(k, "MultiPolygon") == 0)
				*depth_wanted = 3;
			else
				return gj_fail(g, "geometry type %.40s not "
				    "supported (Polygon, MultiPolygon)", k);
		} else if (strcmp(k, "coordinates") == 0) {
			if (gj_expect(g, JSON_ARR_BEGIN,
			    "a coordinates array") != 0)
				return -1;
			if (gj_coords(g, 0, &kind) != 0)
				return -1;
		} else if (gj_skip(g) != 0)
			return -1;
	}
}

static int
gj_properties(struct gj *g)
{
	enum json_tok t;
	const char *k;
	size_t klen;

	for (;;) {
		t = json_next(&g->lx);
		if (t == JSON_OBJ_END)
			return 0;
		if (t != JSON_KEY)
			return gj_fail(g, NULL);
		k = json_str(&g->lx, &klen);
		if (strlen(k) != klen || strcmp(k, g->prop) != 0) {
			if (gj_skip(g) != 0)
				return -1;
			continue;
		}
		t = json_next(&g->lx);
		if (t == JSON_STRING) {
			k = json_str(&g->lx, &klen);
			if (strlen(k) != klen)
				return gj_fail(g, "NUL byte in the code");
		} else if (t == JSON_NUMBER)
			k = json_raw(&g->lx, &klen);
		else if (t == JSON_ERROR)
			return gj_fail(g, NULL);
		else
			return gj_fail(g, "property \"%.40s\" is not a string "
			    "or number", g->prop);
		if (klen == 0)
			return gj_fail(g, "empty code");
		if (klen > GEO_MAX_CODE)
			return gj_fail(g, "code longer than %d bytes "
			    "(GEO_MAX_CODE)", GEO_MAX_CODE);
		memcpy(g->code, k, klen);
		g->code[klen] = '\0';
		g->have_code = true;
	}
}

static int
gj_feature(struct gj *g)
{
	enum json_tok t;
	const char *k;
	size_t klen, i;
	bool null_geom = false, have_geom = false;
	int want = -2, a;

	g->npt = g->nrl = 0;
	g->posdepth = -1;
	g->have_code = false;
	for (;;) {
		t = json_next(&g->lx);
		if (t == JSON_OBJ_END)
			break;
		if (t != JSON_KEY)
			return gj_fail(g, NULL);
		k = json_str(&g->lx, &klen);
		if (strcmp(k, "type") == 0) {
			if (gj_expect(g, JSON_STRING, "\"Feature\"") != 0)
				return -1;
			if (strcmp(json_str(&g->lx, NULL), "Feature") != 0)
				return gj_fail(g, "type is not \"Feature\"");
		} else if (strcmp(k, "properties") == 0) {
			t = json_next(&g->lx);
			if (t == JSON_OBJ_BEGIN) {
				if (gj_properties(g) != 0)
					return -1;
			} else if (t != JSON_NULL)
				return gj_fail(g, t == JSON_ERROR ? NULL :
				    "properties is not an object");
		} else if (strcmp(k, "geometry") == 0) {
			t = json_next(&g->lx);
			have_geom = true;
			if (t == JSON_NULL)
				null_geom = true;
			else if (t == JSON_OBJ_BEGIN) {
				if (gj_geometry(g, &want) != 0)
					return -1;
			} else
				return gj_fail(g, t == JSON_ERROR ? NULL :
				    "geometry is not an object");
		} else if (gj_skip(g) != 0)
			return -1;
	}
	if (!have_geom)
		return gj_fail(g, "no geometry member");
	if (null_geom)
		return 0;
	if (want == -2)
		return gj_fail(g, "geometry without a type");
	if (g->posdepth >= 0 && g->posdepth != want)
		return gj_fail(g, "coordinates nested %d deep do not fit "
		    "the geometry type", g->posdepth + 1);
	if (!g->have_code)
		return gj_fail(g, "no property \"%.40s\"", g->prop);
	for (i = 0; i < g->npt; i++)
		if (!isfinite(g->xy[2 * i]) || !isfinite(g->xy[2 * i + 1]))
			return gj_fail(g, "non-finite coordinate");
	if ((a = area_id(g->s, g->code, NULL, 0)) < 0)
		return gj_fail(g, "cannot add area (limit or memory)");
	{
		size_t off = 0;

		for (i = 0; i < g->nrl; i++) {
			if (add_ring(g->s, (uint32_t)a, g->xy + 2 * off,
			    g->rl[i], NULL, 0) != 0)
				return gj_fail(g, "cannot add ring "
				    "(GEO_MAX_VERTICES or memory)");
			off += g->rl[i];
		}
	}
	return 0;
}

static int
gj_crs(struct gj *g)
{
	enum json_tok t;
	int level = 1;
	bool name_next = false;
	const char *v;

	t = json_next(&g->lx);
	if (t == JSON_NULL)
		return 0;
	if (t != JSON_OBJ_BEGIN)
		return gj_fail(g, t == JSON_ERROR ? NULL :
		    "crs is not an object");
	while (level > 0) {
		t = json_next(&g->lx);
		switch (t) {
		case JSON_ERROR:
		case JSON_END:
			return gj_fail(g, NULL);
		case JSON_OBJ_BEGIN:
		case JSON_ARR_BEGIN:
			level++;
			break;
		case JSON_OBJ_END:
		case JSON_ARR_END:
			level--;
			break;
		case JSON_KEY:
			name_next = strcmp(json_str(&g->lx, NULL), "name") == 0;
			continue;
		case JSON_STRING:
			if (!name_next)
				break;
			v = json_str(&g->lx, NULL);
			if (strstr(v, "28992") != NULL)
				g->crs = GEO_CRS_RD;
			else if (strstr(v, "4326") != NULL ||
			    strstr(v, "CRS84") != NULL)
				g->crs = GEO_CRS_WGS84;
			else
				return gj_fail(g, "unsupported crs \"%.60s\" "
				    "(EPSG:28992 or EPSG:4326)", v);
			break;
		default:
			break;
		}
		name_next = false;
	}
	return 0;
}

/* Decide and apply the CRS of edges first..ne-1. */
static int
finish_crs(struct geo_set *s, size_t first, enum geo_crs crs, char *err,
    size_t errlen)
{
	size_t i;
	bool rd = true, wgs = true;

	for (i = first; i < s->ne && (rd || wgs); i++) {
		const struct geo_edge *e = &s->e[i];

		if (!geo_rd_valid(e->x1, e->y1) || !geo_rd_valid(e->x2, e->y2))
			rd = false;
		if (!geo_wgs84_valid(e->y1, e->x1) ||
		    !geo_wgs84_valid(e->y2, e->x2))
			wgs = false;
	}
	if (crs == GEO_CRS_AUTO)
		crs = wgs ? GEO_CRS_WGS84 : GEO_CRS_RD;
	if (crs == GEO_CRS_RD && !rd)
		return set_err(err, errlen, "coordinates outside the RD New "
		    "range (x -7000..300000, y 289000..629000)%s",
		    wgs ? "" : "; not WGS84 around the Netherlands either "
		    "(lon 2.5..7.6, lat 50..54: swapped axes?)");
	if (crs == GEO_CRS_WGS84 && !wgs)
		return set_err(err, errlen, "WGS84 coordinates outside the "
		    "Netherlands (lon 2.5..7.6, lat 50..54; [lon, lat] "
		    "order expected)");
	if (crs != GEO_CRS_WGS84)
		return 0;
	for (i = first; i < s->ne; i++) {
		struct geo_edge *e = &s->e[i];
		double x, y;

		geo_rd_from_wgs84(e->y1, e->x1, &x, &y);
		geo_rd_from_wgs84(e->y2, e->x2, &e->x2, &e->y2);
		e->x1 = x;
		e->y1 = y;
		if (e->y1 > e->y2 || (e->y1 == e->y2 && e->x1 > e->x2)) {
			double t;

			t = e->x1; e->x1 = e->x2; e->x2 = t;
			t = e->y1; e->y1 = e->y2; e->y2 = t;
			s->flip[i] ^= 1;
		}
	}
	return 0;
}

int
geo_add_geojson(struct geo_set *s, const char *buf, size_t len,
    const char *code_prop, char *err, size_t errlen)
{
	struct gj g;
	size_t na0 = s->na, nr0 = s->nr, ne0 = s->ne, klen;
	enum json_tok t;
	const char *k;
	bool fc = false;
	int rc = -1;

	memset(&g, 0, sizeof g);
	json_init(&g.lx, buf, len);
	g.s = s;
	g.prop = code_prop;
	g.err = err;
	g.errlen = errlen;
	g.crs = GEO_CRS_AUTO;
	drop_index(s);
	if (gj_expect(&g, JSON_OBJ_BEGIN, "a GeoJSON object") != 0)
		goto out;
	for (;;) {
		t = json_next(&g.lx);
		if (t == JSON_OBJ_END)
			break;
		if (t != JSON_KEY) {
			gj_fail(&g, NULL);
			goto out;
		}
		k = json_str(&g.lx, &klen);
		if (strcmp(k, "type") == 0) {
			if (gj_expect(&g, JSON_STRING, "a type") != 0)
				goto out;
			if (strcmp(json_str(&g.lx, NULL),
			    "FeatureCollection") != 0) {
				gj_fail(&g, "not a FeatureCollection");
				goto out;
			}
			fc = true;
		} else if (strcmp(k, "crs") == 0) {
			if (gj_crs(&g) != 0)
				goto out;
		} else if (strcmp(k, "features") == 0) {
			if (gj_expect(&g, JSON_ARR_BEGIN,
			    "an array of features") != 0)
				goto out;
			for (;;) {
				t = json_next(&g.lx);
				if (t == JSON_ARR_END)
					break;
				g.feature++;
				if (t != JSON_OBJ_BEGIN) {
					gj_fail(&g, t == JSON_ERROR ? NULL :
					    "feature is not an object");
					goto out;
				}
				if (gj_feature(&g) != 0)
					goto out;
			}
			g.feature = 0;
		} else if (gj_skip(&g) != 0)
			goto out;
	}
	if ((t = json_next(&g.lx)) != JSON_END) {
		gj_fail(&g, NULL);
		goto out;
	}
	if (!fc) {
		gj_fail(&g, "no \"type\": \"FeatureCollection\"");
		goto out;
	}
	if (finish_crs(s, ne0, g.crs, err, errlen) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0)
		geo_truncate(s, na0, nr0, ne0);
	json_done(&g.lx);
	free(g.xy);
	free(g.rl);
	return rc;
}

struct geo_set *
geo_load_geojson(const char *buf, size_t len, const char *code_prop,
    char *err, size_t errlen)
{
	struct geo_set *s;

	if ((s = geo_new()) == NULL) {
		set_err(err, errlen, "out of memory");
		return NULL;
	}
	if (geo_add_geojson(s, buf, len, code_prop, err, errlen) != 0) {
		geo_free(s);
		return NULL;
	}
	if (geo_build_index(s) != 0) {
		set_err(err, errlen, "out of memory building the index");
		geo_free(s);
		return NULL;
	}
	return s;
}

bool
geo_area_bounds(const struct geo_set *s, int idx, double *xmin,
    double *ymin, double *xmax, double *ymax)
{
	double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
	size_t k;

	if (idx < 0 || (size_t)idx >= s->na)
		return false;
	for (k = 0; k < s->ne; k++) {
		const struct geo_edge *e = &s->e[k];

		if (s->earea[k] != (uint32_t)idx)
			continue;
		x0 = fmin(x0, fmin(e->x1, e->x2));
		x1 = fmax(x1, fmax(e->x1, e->x2));
		y0 = fmin(y0, e->y1);
		y1 = fmax(y1, e->y2);
	}
	if (x0 > x1)
		return false;
	*xmin = x0;
	*ymin = y0;
	*xmax = x1;
	*ymax = y1;
	return true;
}

bool
geo_interior_point(const struct geo_set *s, int idx, double *x, double *y)
{
	double x0, y0, x1, y1, mid, below = -INFINITY, above = INFINITY, ly;
	double *cr = NULL, best = -1;
	size_t k, n = 0, cap = 0, i;

	if (!geo_area_bounds(s, idx, &x0, &y0, &x1, &y1))
		return false;
	mid = (y0 + y1) / 2;
	for (k = 0; k < s->ne; k++) {
		const struct geo_edge *e = &s->e[k];

		if (s->earea[k] != (uint32_t)idx)
			continue;
		if (e->y1 <= mid && e->y1 > below)
			below = e->y1;
		if (e->y2 <= mid && e->y2 > below)
			below = e->y2;
		if (e->y1 > mid && e->y1 < above)
			above = e->y1;
		if (e->y2 > mid && e->y2 < above)
			above = e->y2;
	}
	ly = (below + above) / 2;
	for (k = 0; k < s->ne; k++) {
		const struct geo_edge *e = &s->e[k];

		if (s->earea[k] != (uint32_t)idx || !(e->y1 < ly && ly < e->y2))
			continue;
		if (grow(&cr, &cap, n + 1, sizeof *cr) != 0) {
			free(cr);
			return false;
		}
		cr[n++] = e->x1 + (ly - e->y1) * (e->x2 - e->x1) /
		    (e->y2 - e->y1);
	}
	if (n > 1)
		qsort(cr, n, sizeof *cr, cmp_double);
	for (i = 0; i + 1 < n; i += 2)
		if (cr[i + 1] - cr[i] > best) {
			best = cr[i + 1] - cr[i];
			*x = (cr[i] + cr[i + 1]) / 2;
			*y = ly;
		}
	free(cr);
	return best > 0;
}
