/* intern -- open-addressing hash table of strings with dense ids. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "intern.h"
#include "msg.h"

struct intern {
	struct arena	 mem;		/* the strings */
	const char	**str;		/* id -> string */
	size_t		*len;		/* id -> length */
	uint32_t	 n, cap;	/* ids used, ids allocated */
	uint32_t	*slot;		/* hash slots: id + 1, 0 = empty */
	size_t		 nslot;		/* power of two */
};

uint64_t
hash_bytes(const void *p, size_t len)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ULL;

	while (len-- > 0) {
		h ^= *s++;
		h *= 1099511628211ULL;
	}
	return h;
}

struct intern *
intern_new(void)
{
	struct intern *t = xcalloc(1, sizeof(*t));

	t->nslot = 64;
	t->slot = xcalloc(t->nslot, sizeof(*t->slot));
	return t;
}

void
intern_free(struct intern *t)
{
	if (t == NULL)
		return;
	arena_free(&t->mem);
	free(t->str);
	free(t->len);
	free(t->slot);
	free(t);
}

static size_t
lookup(const struct intern *t, const char *s, size_t len)
{
	size_t i = (size_t)hash_bytes(s, len) & (t->nslot - 1);
	uint32_t id;

	while ((id = t->slot[i]) != 0) {
		id--;
		if (t->len[id] == len && memcmp(t->str[id], s, len) == 0)
			return i;
		i = (i + 1) & (t->nslot - 1);
	}
	return i;
}

static void
grow(struct intern *t)
{
	uint32_t *old = t->slot;
	size_t oldn = t->nslot, i, j;

	t->nslot *= 2;
	t->slot = xcalloc(t->nslot, sizeof(*t->slot));
	for (i = 0; i < oldn; i++) {
		if (old[i] == 0)
			continue;
		j = (size_t)hash_bytes(t->str[old[i] - 1], t->len[old[i] - 1]) &
		    (t->nslot - 1);
		while (t->slot[j] != 0)
			j = (j + 1) & (t->nslot - 1);
		t->slot[j] = old[i];
	}
	free(old);
}

uint32_t
intern_id(struct intern *t, const char *s, size_t len)
{
	size_t i = lookup(t, s, len);

	if (t->slot[i] != 0)
		return t->slot[i] - 1;
	if (t->n == UINT32_MAX - 1)
		die(1, "resource-limit: too many distinct values");
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->str = xrealloc(t->str, t->cap * sizeof(*t->str));
		t->len = xrealloc(t->len, t->cap * sizeof(*t->len));
	}
	t->str[t->n] = arena_strndup(&t->mem, s, len);
	t->len[t->n] = len;
	t->slot[i] = ++t->n;
	if ((size_t)t->n * 2 > t->nslot)
		grow(t);
	return t->n - 1;
}

uint32_t
intern_find(const struct intern *t, const char *s, size_t len)
{
	size_t i = lookup(t, s, len);

	return t->slot[i] != 0 ? t->slot[i] - 1 : UINT32_MAX;
}

const char *
intern_str(const struct intern *t, uint32_t id)
{
	return t->str[id];
}

size_t
intern_len(const struct intern *t, uint32_t id)
{
	return t->len[id];
}

uint32_t
intern_count(const struct intern *t)
{
	return t->n;
}
