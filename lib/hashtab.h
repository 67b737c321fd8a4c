/* hashtab -- a group table: tuples of key fields to dense ids.
 *
 * Made for group-by (vb-aggregate) and for joins on a few key fields: the
 * caller's per-group data lives beside each key (hashtab_value), or in its
 * own arrays indexed by the dense id.  Each new key tuple is copied once into
 * the table's arena; looking up an existing one allocates nothing.  Open
 * addressing with a 64-bit multiply-mix hash of the key bytes; keys are
 * compared only when the stored hash tag matches.  Memory grows with the
 * number of distinct keys, never with the number of lookups. */
#ifndef VB_HASHTAB_H
#define VB_HASHTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rec.h"

struct hashtab;

/* A table of keys made of nkeys fields each (nkeys >= 1), with vsize bytes
 * of caller data per key (0 for none), stored beside the key so that a
 * lookup and the update of its data touch the same cache lines. */
struct hashtab	*hashtab_new(size_t nkeys, size_t vsize);
void		 hashtab_free(struct hashtab *);
/* Hash of the key f[0..nkeys-1]: the same bytes give the same hash in
 * every run and on every machine of the same byte order; field boundaries
 * count ("ab","c" and "a","bc" differ). */
uint64_t	 hashtab_hash(const struct hashtab *, const struct field *f);
/* The id of key f (with its hash h from hashtab_hash), adding it when
 * absent; *added tells which.  Ids are dense: 0, 1, ... in order of
 * first appearance.  Exits 1 (resource-limit) past 2^32 - 2 keys. */
uint32_t	 hashtab_get(struct hashtab *, const struct field *f,
		    uint64_t h, bool *added);
/* The vsize bytes of data of key id: aligned for any scalar type, zeroed
 * when the key was added, stable for the life of the table. */
void		*hashtab_value(const struct hashtab *, uint32_t id);
/* The id of key f, or UINT32_MAX if absent. */
uint32_t	 hashtab_find(const struct hashtab *, const struct field *f,
		    uint64_t h);
uint32_t	 hashtab_count(const struct hashtab *);
/* Field k of key id: a NUL-terminated view that lives as long as the
 * table. */
struct field	 hashtab_key(const struct hashtab *, uint32_t id, size_t k);
/* All ids sorted by their keys: field by field, bytewise (memcmp; a prefix
 * sorts first), independent of insertion order and locale.  The caller
 * frees the array (hashtab_count elements; NULL when empty). */
uint32_t	*hashtab_sorted(const struct hashtab *);

#endif
