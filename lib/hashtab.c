/* hashtab -- open-addressing table of key tuples with dense ids. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "hashtab.h"
#include "msg.h"

/* One probe slot: the high half of the hash and id + 1 (0 = empty). */
struct slot {
	uint32_t	 tag;
	uint32_t	 id1;
};

/* An entry is the caller's data (vsize bytes, rounded up to VALIGN), then
 * the key: per field a 4-byte length (host order, unaligned), the bytes and
 * a NUL; padded to VALIGN. */
struct hashtab {
	size_t		 nkeys;
	size_t		 vsize;		/* rounded up to VALIGN */
	struct arena	 mem;		/* the keys */
	unsigned char	*pool;		/* free bytes of the current chunk */
	size_t		 pool_left;
	const unsigned char **key;	/* id -> stored key */
	uint64_t	*hash;		/* id -> hash, for regrowing */
	uint32_t	 n, cap;	/* ids used, ids allocated */
	struct slot	*slot;
	size_t		 mask;		/* slots - 1; slots a power of two */
};

#define POOL_CHUNK	(256 * 1024)
#define VALIGN		8	/* enough for uint64_t, double, pointers */

/* Multipliers from xxHash64 and wyhash. */
#define P1	0x9e3779b185ebca87ULL
#define P2	0xc2b2ae3d27d4eb4fULL
#define P3	0x165667b19e3779f9ULL

static uint64_t
load64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static uint64_t
load32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* One multiply per word: for a fixed word the step is a bijection of h, so
 * different keys only collide by chance; the final avalanche in
 * hashtab_hash spreads the bits into the slot index and the tag. */
static uint64_t
step(uint64_t h, uint64_t w)
{
	return ((h << 5 | h >> 59) ^ w) * P1;
}

/* Never reads outside p[0..len): short keys are loaded in overlapping
 * pieces (the wyhash trick), so no padding after the field is needed. */
static uint64_t
hash_field(uint64_t h, const unsigned char *p, size_t len)
{
	size_t n = len;

	h ^= (uint64_t)len * P3;
	while (n > 16) {
		h = step(step(h, load64(p)), load64(p + 8));
		p += 16;
		n -= 16;
	}
	if (n > 8)
		return step(step(h, load64(p)), load64(p + n - 8));
	if (n >= 4)
		return step(h, load32(p) << 32 | load32(p + n - 4));
	if (n > 0)
		return step(h, (uint64_t)p[0] << 16 | (uint64_t)p[n >> 1] << 8 |
		    p[n - 1]);
	return step(h, 0);
}

uint64_t
hashtab_hash(const struct hashtab *t, const struct field *f)
{
	uint64_t h = P2;
	size_t k;

	for (k = 0; k < t->nkeys; k++)
		h = hash_field(h, (const unsigned char *)f[k].p, f[k].len);
	h ^= h >> 32;
	h *= P2;
	return h ^ (h >> 29);
}

struct hashtab *
hashtab_new(size_t nkeys, size_t vsize)
{
	struct hashtab *t = xcalloc(1, sizeof(*t));

	t->nkeys = nkeys;
	t->vsize = (vsize + VALIGN - 1) & ~(size_t)(VALIGN - 1);
	t->mask = 255;
	t->slot = xcalloc(t->mask + 1, sizeof(*t->slot));
	return t;
}

void
hashtab_free(struct hashtab *t)
{
	if (t == NULL)
		return;
	arena_free(&t->mem);
	free(t->key);
	free(t->hash);
	free(t->slot);
	free(t);
}

/* a[0..n) == b[0..n), with the same overlapping loads as the hash for
 * short keys (a call to memcmp costs more than the compare). */
static bool
bytes_eq(const unsigned char *a, const unsigned char *b, size_t n)
{
	if (n > 16)
		return memcmp(a, b, n) == 0;
	if (n > 8)
		return ((load64(a) ^ load64(b)) |
		    (load64(a + n - 8) ^ load64(b + n - 8))) == 0;
	if (n >= 4)
		return ((load32(a) ^ load32(b)) |
		    (load32(a + n - 4) ^ load32(b + n - 4))) == 0;
	if (n > 0)
		return a[0] == b[0] && a[n >> 1] == b[n >> 1] &&
		    a[n - 1] == b[n - 1];
	return true;
}

static bool
key_eq(const struct hashtab *t, const unsigned char *s, const struct field *f)
{
	uint32_t len;
	size_t k;

	for (k = 0; k < t->nkeys; k++) {
		memcpy(&len, s, 4);
		if (len != f[k].len ||
		    !bytes_eq(s + 4, (const unsigned char *)f[k].p, len))
			return false;
		s += 4 + (size_t)len + 1;
	}
	return true;
}

uint32_t
hashtab_find(const struct hashtab *t, const struct field *f, uint64_t h)
{
	size_t i = (size_t)h & t->mask;
	uint32_t tag = (uint32_t)(h >> 32);
	const struct slot *s;

	for (;; i = (i + 1) & t->mask) {
		s = &t->slot[i];
		if (s->id1 == 0)
			return UINT32_MAX;
		if (s->tag == tag && key_eq(t, t->key[s->id1 - 1], f))
			return s->id1 - 1;
	}
}

static void
grow(struct hashtab *t)
{
	size_t nslot = (t->mask + 1) * 2, i;
	uint32_t id;

	free(t->slot);
	t->slot = xcalloc(nslot, sizeof(*t->slot));
	t->mask = nslot - 1;
	for (id = 0; id < t->n; id++) {
		for (i = (size_t)t->hash[id] & t->mask; t->slot[i].id1 != 0;
		    i = (i + 1) & t->mask)
			continue;
		t->slot[i].tag = (uint32_t)(t->hash[id] >> 32);
		t->slot[i].id1 = id + 1;
	}
}

uint32_t
hashtab_get(struct hashtab *t, const struct field *f, uint64_t h, bool *added)
{
	size_t i = (size_t)h & t->mask, size, k;
	uint32_t tag = (uint32_t)(h >> 32), id, len;
	struct slot *s;
	unsigned char *p;

	for (;; i = (i + 1) & t->mask) {
		s = &t->slot[i];
		if (s->id1 == 0)
			break;
		if (s->tag == tag && key_eq(t, t->key[s->id1 - 1], f)) {
			*added = false;
			return s->id1 - 1;
		}
	}
	if (t->n >= UINT32_MAX - 2)
		die(1, "resource-limit: more than %lu distinct keys",
		    (unsigned long)UINT32_MAX - 2);
	if (t->n == t->cap) {
		t->cap = t->cap ? (t->cap > UINT32_MAX / 2 ? UINT32_MAX - 1 :
		    t->cap * 2) : 64;
		t->key = xrealloc(t->key, (size_t)t->cap * sizeof(*t->key));
		t->hash = xrealloc(t->hash, (size_t)t->cap * sizeof(*t->hash));
	}
	for (size = 0, k = 0; k < t->nkeys; k++)
		size += 4 + f[k].len + 1;
	if (t->vsize > 0)
		size = t->vsize + ((size + VALIGN - 1) & ~(size_t)(VALIGN - 1));
	/* Entries are packed into chunks of the arena: keys without data
	 * unaligned, entries with data at multiples of VALIGN. */
	if (size > t->pool_left) {
		t->pool_left = size > POOL_CHUNK ? size : POOL_CHUNK;
		t->pool = arena_alloc(&t->mem, t->pool_left);
	}
	p = t->pool;
	t->pool += size;
	t->pool_left -= size;
	if (t->vsize > 0) {
		memset(p, 0, t->vsize);
		p += t->vsize;
	}
	t->key[t->n] = p;
	for (k = 0; k < t->nkeys; k++) {
		len = (uint32_t)f[k].len;
		memcpy(p, &len, 4);
		memcpy(p + 4, f[k].p, len);
		p[4 + len] = '\0';
		p += 4 + (size_t)len + 1;
	}
	id = t->n++;
	t->hash[id] = h;
	s->tag = tag;
	s->id1 = id + 1;
	/* Keep the load at most one half: probes stay short. */
	if ((size_t)t->n * 2 > t->mask + 1)
		grow(t);
	*added = true;
	return id;
}

void *
hashtab_value(const struct hashtab *t, uint32_t id)
{
	return (void *)(uintptr_t)(t->key[id] - t->vsize);
}

uint32_t
hashtab_count(const struct hashtab *t)
{
	return t->n;
}

struct field
hashtab_key(const struct hashtab *t, uint32_t id, size_t k)
{
	const unsigned char *s = t->key[id];
	struct field f;
	uint32_t len;

	for (;;) {
		memcpy(&len, s, 4);
		if (k-- == 0)
			break;
		s += 4 + (size_t)len + 1;
	}
	f.p = (const char *)s + 4;
	f.len = len;
	return f;
}

/* Bytewise, field by field; keys are unique, so never 0 for two ids. */
static int
key_cmp(size_t nkeys, const unsigned char *a, const unsigned char *b)
{
	uint32_t la, lb;
	size_t k;
	int c;

	for (k = 0; k < nkeys; k++) {
		memcpy(&la, a, 4);
		memcpy(&lb, b, 4);
		c = memcmp(a + 4, b + 4, la < lb ? la : lb);
		if (c != 0)
			return c;
		if (la != lb)
			return la < lb ? -1 : 1;
		a += 4 + (size_t)la + 1;
		b += 4 + (size_t)lb + 1;
	}
	return 0;
}

/* An id with the first 16 bytes of its key, encoded as the fields each
 * followed by a 0 byte, zero-padded, as big-endian numbers: for keys
 * without NUL bytes, a smaller prefix means a smaller key, so most
 * comparisons never touch the keys themselves (scattered in memory). */
struct sortent {
	uint64_t	 p0, p1;
	uint32_t	 id;
};

static int
ent_cmp(const struct hashtab *t, const struct sortent *a,
    const struct sortent *b)
{
	if (a->p0 != b->p0)
		return a->p0 < b->p0 ? -1 : 1;
	if (a->p1 != b->p1)
		return a->p1 < b->p1 ? -1 : 1;
	return key_cmp(t->nkeys, t->key[a->id], t->key[b->id]);
}

/* Merge sort (stable, no context argument needed, unlike qsort). */
static void
sort_ents(const struct hashtab *t, struct sortent *e, struct sortent *tmp,
    size_t n)
{
	size_t half = n / 2, i = 0, j = half, o = 0;

	if (n < 2)
		return;
	sort_ents(t, e, tmp, half);
	sort_ents(t, e + half, tmp, n - half);
	if (ent_cmp(t, &e[half - 1], &e[half]) < 0)
		return;		/* already in order */
	while (i < half && j < n)
		tmp[o++] = ent_cmp(t, &e[j], &e[i]) < 0 ? e[j++] : e[i++];
	while (i < half)
		tmp[o++] = e[i++];
	memcpy(e, tmp, o * sizeof(*e));
}

/* The prefix of key s; false if a field holds a NUL byte. */
static bool
prefix(size_t nkeys, const unsigned char *s, struct sortent *e)
{
	unsigned char buf[16];
	size_t k, o = 0, i;
	uint32_t len;
	bool ok = true;

	memset(buf, 0, sizeof(buf));
	for (k = 0; k < nkeys; k++) {
		memcpy(&len, s, 4);
		if (memchr(s + 4, '\0', len) != NULL)
			ok = false;
		for (i = 0; i < len && o < sizeof(buf); i++)
			buf[o++] = s[4 + i];
		if (o < sizeof(buf))
			buf[o++] = '\0';
		s += 4 + (size_t)len + 1;
	}
	e->p0 = 0;
	for (i = 0; i < 8; i++)
		e->p0 = e->p0 << 8 | buf[i];
	e->p1 = 0;
	for (i = 8; i < 16; i++)
		e->p1 = e->p1 << 8 | buf[i];
	return ok;
}

uint32_t *
hashtab_sorted(const struct hashtab *t)
{
	struct sortent *e, *tmp;
	uint32_t *id, i;
	bool nul = false;

	if (t->n == 0)
		return NULL;
	e = xmalloc((size_t)t->n * sizeof(*e));
	tmp = xmalloc((size_t)t->n * sizeof(*tmp));
	for (i = 0; i < t->n; i++) {
		nul |= !prefix(t->nkeys, t->key[i], &e[i]);
		e[i].id = i;
	}
	if (nul)
		/* A NUL inside a value breaks the prefix order: compare the
		 * keys alone. */
		for (i = 0; i < t->n; i++)
			e[i].p0 = e[i].p1 = 0;
	sort_ents(t, e, tmp, t->n);
	free(tmp);
	id = xmalloc((size_t)t->n * sizeof(*id));
	for (i = 0; i < t->n; i++)
		id[i] = e[i].id;
	free(e);
	return id;
}
