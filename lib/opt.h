/* opt -- option values the filters share, parsed or refused with exit 2
 * ("usage-error: ..."), so every filter words the same mistake alike. */
#ifndef VB_OPT_H
#define VB_OPT_H

#include <stdbool.h>
#include <stddef.h>

/* A whole number >= 0 for option opt ("--max-rejects"). */
unsigned long	opt_ulong(const char *s, const char *opt);
/* A fraction from 0 to 1 for option opt ("--max-reject-rate"). */
double		opt_fraction(const char *s, const char *opt);

/* Comma lists ("id,code,x_rd") as options give them.  The position of name
 * in list (0-based), or -1; a NULL list holds nothing. */
int		opt_list_find(const char *list, const char *name);
/* The k-th element (0-based) of list into buf (NUL-terminated); false when
 * there is none, it is empty, or it does not fit. */
bool		opt_list_item(const char *list, int k, char *buf, size_t len);

#endif
