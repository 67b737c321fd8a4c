/* opt -- option values the filters share, parsed or refused with exit 2
 * ("usage-error: ..."), so every filter words the same mistake alike. */
#ifndef VB_OPT_H
#define VB_OPT_H

/* A whole number >= 0 for option opt ("--max-rejects"). */
unsigned long	opt_ulong(const char *s, const char *opt);
/* A fraction from 0 to 1 for option opt ("--max-reject-rate"). */
double		opt_fraction(const char *s, const char *opt);

#endif
