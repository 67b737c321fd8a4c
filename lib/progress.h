/* progress -- a progress line on stderr for long runs: records, bytes, rate
 * and percent of the input when its size is known.  Shown only when stderr is
 * a terminal, or when forced (then as plain lines every few seconds, for
 * logs); silent otherwise.  Cheap to call per record. */
#ifndef VB_PROGRESS_H
#define VB_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

struct progress;

/* name: the input, shown in the line.  NULL when progress is off. */
struct progress	*progress_start(const char *name, bool force);
/* Update with the records and raw bytes done so far; size < 0 unknown. */
void		 progress_tick(struct progress *, unsigned long records,
		    uint64_t bytes, int64_t size);
/* Clear the line (terminal) and free. */
void		 progress_end(struct progress *);

#endif
