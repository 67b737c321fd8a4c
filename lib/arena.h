/* arena -- bump allocator for what outlives one record (groups, windows). */
#ifndef VB_ARENA_H
#define VB_ARENA_H

#include <stddef.h>

struct arena_block;
struct arena {
	struct arena_block *head;	/* current block; older ones behind it */
	size_t		 used;		/* bytes used in head */
	size_t		 total;		/* bytes handed out since the last reset */
};

/* A zeroed struct arena is a valid empty arena. */
/* Max-aligned memory that lives until arena_reset/arena_free; exits 1 when
 * memory runs out. */
void	*arena_alloc(struct arena *, size_t size);
/* Copy len bytes and a NUL. */
char	*arena_strndup(struct arena *, const char *s, size_t len);
/* Free all but the first block; debug builds (no NDEBUG) fill it with 0xdd. */
void	 arena_reset(struct arena *);
void	 arena_free(struct arena *);

#endif
