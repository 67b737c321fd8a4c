/* intern -- strings interned once per run, each with a dense id. */
#ifndef VB_INTERN_H
#define VB_INTERN_H

#include <stddef.h>
#include <stdint.h>

struct intern;

struct intern	*intern_new(void);
void		 intern_free(struct intern *);
/* Ids are dense (0, 1, ...); interned strings live until intern_free. */
uint32_t	 intern_id(struct intern *, const char *s, size_t len);
/* The id of s, or UINT32_MAX if it was never interned. */
uint32_t	 intern_find(const struct intern *, const char *s, size_t len);
const char	*intern_str(const struct intern *, uint32_t id);
size_t		 intern_len(const struct intern *, uint32_t id);
uint32_t	 intern_count(const struct intern *);
/* FNV-1a; shared so every hash table hashes keys the same way. */
uint64_t	 hash_bytes(const void *p, size_t len);

#endif
