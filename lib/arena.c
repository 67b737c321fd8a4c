/* arena -- bump allocator: blocks double in size, nothing freed singly. */
#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "msg.h"

struct arena_block {
	struct arena_block *next;
	size_t		 size;
	alignas(max_align_t) unsigned char data[];
};

#define ARENA_MIN	(64 * 1024)
#define ALIGN		(alignof(max_align_t))

void *
arena_alloc(struct arena *a, size_t size)
{
	struct arena_block *b;
	size_t need;
	void *p;

	size = (size + ALIGN - 1) & ~(ALIGN - 1);
	if (size == 0)
		size = ALIGN;
	if (a->head == NULL || a->head->size - a->used < size) {
		need = a->head != NULL ? a->head->size * 2 : ARENA_MIN;
		while (need < size)
			need *= 2;
		b = xmalloc(sizeof(*b) + need);
		b->size = need;
		b->next = a->head;
		a->head = b;
		a->used = 0;
	}
	p = a->head->data + a->used;
	a->used += size;
	a->total += size;
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void
arena_reset(struct arena *a)
{
	struct arena_block *b, *next;

	if (a->head == NULL)
		return;
	for (b = a->head->next; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head->next = NULL;
#ifndef NDEBUG
	memset(a->head->data, 0xdd, a->head->size);
#endif
	a->used = 0;
	a->total = 0;
}

void
arena_free(struct arena *a)
{
	struct arena_block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
	a->used = 0;
	a->total = 0;
}
