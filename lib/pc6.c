/* pc6 -- load the CBS pc6hnr table into a sorted array and look addresses
 * up by binary search; the fallback counts the addresses of one PC6. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "intern.h"
#include "msg.h"
#include "pc6.h"
#include "postcode.h"

/* One address in one uint64: (pc6id * NUMBER_SPAN + number) << AREA_BITS
 * | buurt id.  pc6id < 9999 * 676 and NUMBER_SPAN = 100000 make the key
 * 40 bits, which leaves 24 bits for the buurt: sorting the integers sorts
 * by address, then area, and the national table (8 million addresses) takes
 * 64 MB. */
#define AREA_BITS	24
#define AREA_MAX	((1u << AREA_BITS) - 1)
#define E_KEY(e)	((e) >> AREA_BITS)
#define E_AREA(e)	((uint32_t)((e) & AREA_MAX))

struct pc6 {
	uint64_t	*e;
	size_t		 n, cap;
	struct intern	*codes;		/* buurt code8 -> area id */
	struct pc6_area	*area;		/* area id -> prefixed codes */
	size_t		 narea, areacap;
	char		 year[8];
	unsigned long	 repaired;
};

enum { COL_PC, COL_NR, COL_BU, COL_WK, COL_GM, NCOL };

#define NUMBER_SPAN	100000u		/* > POSTCODE_MAX_NUMBER */

static uint64_t
pc6_id(const char *pc)
{
	uint64_t d = (uint64_t)((pc[0] - '0') * 1000 + (pc[1] - '0') * 100 +
	    (pc[2] - '0') * 10 + (pc[3] - '0'));

	return (d * 26 + (uint64_t)(pc[4] - 'A')) * 26 +
	    (uint64_t)(pc[5] - 'A');
}

static bool
prefix_ci(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++) {
		int c = (unsigned char)*s;

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != *prefix)
			return false;
	}
	return true;
}

/* Find the five columns; false when one is missing or found twice. */
static bool
find_columns(const struct schema *sc, int col[NCOL], char year[8])
{
	size_t i;
	int k;

	for (k = 0; k < NCOL; k++)
		col[k] = -1;
	year[0] = '\0';
	for (i = 0; i < sc->ncols; i++) {
		const char *nm = sc->name[i];

		if (prefix_ci(nm, "huisnummer"))
			k = COL_NR;
		else if (prefix_ci(nm, "pc"))
			k = COL_PC;
		else if (prefix_ci(nm, "buurt") || prefix_ci(nm, "gwb_code"))
			k = COL_BU;
		else if (prefix_ci(nm, "wijk"))
			k = COL_WK;
		else if (prefix_ci(nm, "gemeente"))
			k = COL_GM;
		else
			continue;
		if (col[k] >= 0)
			return false;
		col[k] = (int)i;
		if (k == COL_BU && prefix_ci(nm, "buurt") &&
		    strlen(nm) == 9 && strspn(nm + 5, "0123456789") == 4)
			memcpy(year, nm + 5, 5);
	}
	for (k = 0; k < NCOL; k++)
		if (col[k] < 0)
			return false;
	return true;
}

/* Copy code f into out (width bytes + NUL), padding an all-digit code that
 * lost its leading zeros.  false when it is no code of that width. */
static bool
code_norm(struct field f, size_t width, char *out, unsigned long *repaired)
{
	size_t i;
	bool digits = true;

	if (f.len == 0 || f.len > width)
		return false;
	for (i = 0; i < f.len; i++) {
		char c = f.p[i];

		if (c >= '0' && c <= '9')
			continue;
		digits = false;
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
			return false;
	}
	if (f.len < width) {
		if (!digits)
			return false;
		memset(out, '0', width - f.len);
		(*repaired)++;
	}
	memcpy(out + (width - f.len), f.p, f.len);
	out[width] = '\0';
	for (i = 0; i < width; i++)
		if (out[i] >= 'a' && out[i] <= 'z')
			out[i] = (char)(out[i] - 'a' + 'A');
	return true;
}

static char *
prefixed(const char *prefix, const char *code)
{
	size_t a = strlen(prefix), b = strlen(code);
	char *s = xmalloc(a + b + 1);

	memcpy(s, prefix, a);
	memcpy(s + a, code, b + 1);
	return s;
}

/* Add one row; NULL or the reason it is bad. */
static const char *
add_row(struct pc6 *t, const struct csv_row *r, const int col[NCOL])
{
	char pc[7], bu[9], wk[7], gm[5];
	long nr;
	uint32_t id;

	if (!postcode_norm(r->f[col[COL_PC]].p, r->f[col[COL_PC]].len, pc))
		return "constraint-error/pattern: no postcode 1234AB";
	if (!field_long(r->f[col[COL_NR]], &nr) || nr < 1 ||
	    nr > POSTCODE_MAX_NUMBER)
		return "type-error/integer: no house number 1-99999";
	if (!code_norm(r->f[col[COL_BU]], 8, bu, &t->repaired))
		return "constraint-error/pattern: no 8-character buurt code";
	if (!code_norm(r->f[col[COL_WK]], 6, wk, &t->repaired))
		return "constraint-error/pattern: no 6-character wijk code";
	if (!code_norm(r->f[col[COL_GM]], 4, gm, &t->repaired))
		return "constraint-error/pattern: no 4-character gemeente "
		    "code";
	if (memcmp(bu, wk, 6) != 0 || memcmp(wk, gm, 4) != 0)
		return "row-constraint: buurt, wijk and gemeente codes do "
		    "not nest";
	id = intern_id(t->codes, bu, 8);
	if (id > AREA_MAX)
		return "resource-limit: more than 16 million buurten";
	if (id == t->narea) {
		if (t->narea == t->areacap) {
			t->areacap = t->areacap ? t->areacap * 2 : 64;
			t->area = xrealloc(t->area,
			    t->areacap * sizeof(*t->area));
		}
		t->area[id].buurt = prefixed("BU", bu);
		t->area[id].wijk = prefixed("WK", wk);
		t->area[id].gemeente = prefixed("GM", gm);
		t->narea++;
	} else if (strcmp(t->area[id].wijk + 2, wk) != 0) {
		/* Nesting holds, so the wijk is implied by the buurt. */
		return "row-constraint: buurt with two wijk codes";
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->e = xrealloc(t->e, t->cap * sizeof(*t->e));
	}
	t->e[t->n++] = (pc6_id(pc) * NUMBER_SPAN + (uint64_t)nr) << AREA_BITS |
	    id;
	return NULL;
}

static int
entry_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static struct pc6 *
load(struct csvin *in, char *err, size_t errlen)
{
	struct pc6 *t = xcalloc(1, sizeof(*t));
	struct csv_row r;
	const char *why;
	int col[NCOL], rc;
	size_t i, k;

	t->codes = intern_new();
	if ((rc = csvin_read(in, &r)) < 0) {
		snprintf(err, errlen, "%s", csvin_errmsg(in));
		goto fail;
	}
	if (!find_columns(csvin_schema(in), col, t->year)) {
		snprintf(err, errlen, "%s:1: missing-label: want the columns "
		    "PC6;Huisnummer;Buurt;Wijk;Gemeente (matched by prefix)",
		    csvin_name(in));
		goto fail;
	}
	for (; rc == 1; rc = csvin_read(in, &r)) {
		if (r.code != NULL) {
			snprintf(err, errlen, "%s:%lu: %s: %s", csvin_name(in),
			    r.line, r.code, r.msg);
			goto fail;
		}
		if ((why = add_row(t, &r, col)) != NULL) {
			snprintf(err, errlen, "%s:%lu: %s", csvin_name(in),
			    r.line, why);
			goto fail;
		}
	}
	if (rc < 0) {
		snprintf(err, errlen, "%s", csvin_errmsg(in));
		goto fail;
	}
	csvin_close(in);
	/* Sort, then drop rows repeated with the same area. */
	if (t->n > 0)
		qsort(t->e, t->n, sizeof(*t->e), entry_cmp);
	for (i = k = 0; i < t->n; i++)
		if (k == 0 || t->e[i] != t->e[k - 1])
			t->e[k++] = t->e[i];
	t->n = k;
	if (t->n > 0 && t->n < t->cap)
		t->e = xrealloc(t->e, t->n * sizeof(*t->e));
	return t;
fail:
	csvin_close(in);
	pc6_free(t);
	return NULL;
}

struct pc6 *
pc6_load(const char *path, char *err, size_t errlen)
{
	struct csv_dialect d = { 0 };
	struct csvin *in;

	if ((in = csvin_open(path, &d)) == NULL) {
		snprintf(err, errlen, "source-missing: %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	return load(in, err, errlen);
}

struct pc6 *
pc6_load_mem(const void *buf, size_t len, const char *name, char *err,
    size_t errlen)
{
	struct csv_dialect d = { 0 };
	struct csvin *in;

	if ((in = csvin_open_mem(buf, len, name, &d)) == NULL) {
		snprintf(err, errlen, "source-missing: %s", name);
		return NULL;
	}
	return load(in, err, errlen);
}

void
pc6_free(struct pc6 *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->narea; i++) {
		free((char *)t->area[i].buurt);
		free((char *)t->area[i].wijk);
		free((char *)t->area[i].gemeente);
	}
	free(t->area);
	free(t->e);
	intern_free(t->codes);
	free(t);
}

/* First entry with key >= key. */
static size_t
lower_bound(const struct pc6 *t, uint64_t key)
{
	size_t lo = 0, hi = t->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (E_KEY(t->e[mid]) < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

enum pc6_result
pc6_lookup(const struct pc6 *t, const char *pc, long number,
    struct pc6_area *out)
{
	uint64_t base;
	size_t i, j, best_n = 0;
	uint32_t best = 0;
	bool tie = false;

	for (i = 0; i < 6; i++)
		if (i < 4 ? pc[i] < '0' || pc[i] > '9' :
		    pc[i] < 'A' || pc[i] > 'Z')
			return PC6_NONE;
	if (pc[0] == '0')
		return PC6_NONE;
	base = pc6_id(pc) * NUMBER_SPAN;
	if (number > 0 && number <= POSTCODE_MAX_NUMBER) {
		uint64_t key = base + (uint64_t)number;

		i = lower_bound(t, key);
		if (i < t->n && E_KEY(t->e[i]) == key) {
			if (i + 1 < t->n && E_KEY(t->e[i + 1]) == key)
				return PC6_AMBIGUOUS;
			*out = t->area[E_AREA(t->e[i])];
			return PC6_EXACT;
		}
	}
	/* Fallback: the buurt with most addresses in this PC6.  The range
	 * holds a few hundred entries at most, so count by rescanning. */
	i = lower_bound(t, base);
	for (j = i; j < t->n && E_KEY(t->e[j]) < base + NUMBER_SPAN; j++) {
		uint32_t aj = E_AREA(t->e[j]);
		size_t k, c = 0;

		for (k = i; k < j; k++)
			if (E_AREA(t->e[k]) == aj)
				break;
		if (k < j)
			continue;	/* counted already */
		for (k = j; k < t->n && E_KEY(t->e[k]) < base + NUMBER_SPAN;
		    k++)
			c += E_AREA(t->e[k]) == aj;
		if (c > best_n) {
			best_n = c;
			best = aj;
			tie = false;
		} else if (c == best_n) {
			tie = true;
		}
	}
	if (best_n == 0)
		return PC6_NONE;
	if (tie)
		return PC6_AMBIGUOUS;
	*out = t->area[best];
	return PC6_FALLBACK;
}

size_t
pc6_rows(const struct pc6 *t)
{
	return t->n;
}

size_t
pc6_areas(const struct pc6 *t)
{
	return t->narea;
}

const char *
pc6_year(const struct pc6 *t)
{
	return t->year;
}

unsigned long
pc6_repaired(const struct pc6 *t)
{
	return t->repaired;
}
