/* profile -- the source profiles of pipelines/incidents.sh
 * (pipelines/profiles/NAME.profile): parse and check.
 *
 * One "key = value" per line.  Everything from the first '#' on is a
 * comment, one CR before the line end is dropped, blank lines are skipped.
 * A key is [a-z0-9_]+ and one of profile_keys; white space around key, '='
 * and value is dropped; a later line overrides an earlier one.  After the
 * last line: id, date, code, areas, pc6 and theme_map are required; crs is
 * empty, "rd" (then x and y are required) or "wgs84" (lat and lon); the
 * value of theme_map and of code_map (when given) is three words separated
 * by spaces or tabs, "file keycol valcol".  Paths stay as written
 * (relative to the profile's directory: the caller resolves them).  Nothing
 * here exits or prints. */
#ifndef VB_PROFILE_H
#define VB_PROFILE_H

#include <stddef.h>

#define PROFILE_NKEYS	25

/* The known keys, in the fixed order of profile_keys[0..PROFILE_NKEYS-1]. */
extern const char *const profile_keys[];

struct profile {
	char		*val[PROFILE_NKEYS];	/* NULL: not given */
	unsigned long	 line[PROFILE_NKEYS];	/* where given last; 0: not */
};

/* Load and check the profile path.  NULL on failure with the message in
 * err, "config-error: path:N: why" (N: the line at fault), "config-error:
 * path: 'KEY' is required" or "config-error: cannot read profile path:
 * strerror". */
struct profile	*profile_load(const char *path, char *err, size_t errlen);
/* Same, from a caller-owned buffer named name (tests, fuzzing). */
struct profile	*profile_load_mem(const void *buf, size_t len,
		    const char *name, char *err, size_t errlen);
void		 profile_free(struct profile *);
/* The index of key name in profile_keys, or -1. */
int		 profile_key(const char *name);
/* The value of key name: "" when not given, NULL when name is no key. */
const char	*profile_get(const struct profile *, const char *name);

#endif
