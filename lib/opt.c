/* opt -- shared option parsing. */
#include "msg.h"
#include "opt.h"
#include "rec.h"

unsigned long
opt_ulong(const char *s, const char *opt)
{
	long v;

	if (!field_long(field_str(s), &v) || v < 0)
		die(2, "usage-error: %s wants a whole number, not '%s'", opt,
		    s);
	return (unsigned long)v;
}

double
opt_fraction(const char *s, const char *opt)
{
	double v;

	if (!field_double(field_str(s), &v) || v < 0 || v > 1)
		die(2, "usage-error: %s wants a fraction from 0 to 1", opt);
	return v;
}
