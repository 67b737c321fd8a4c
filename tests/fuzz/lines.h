/* lines.h -- line helpers shared by the fuzz targets of line-based config
 * files (fuzz_schema, fuzz_profile). */
#ifndef VB_FUZZ_LINES_H
#define VB_FUZZ_LINES_H

#include <stddef.h>

/* The length of the first k lines of p[0..n-1]. */
static size_t
prefix_len(const char *p, size_t n, unsigned long k)
{
	size_t i;

	for (i = 0; i < n && k > 0; i++)
		if (p[i] == '\n')
			k--;
	return i;
}

#endif
