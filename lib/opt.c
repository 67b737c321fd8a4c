/* opt -- shared option parsing. */
#include <string.h>

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

int
opt_list_find(const char *list, const char *name)
{
	const char *p = list, *c;
	size_t n = strlen(name);
	int i = 0;

	if (list == NULL)
		return -1;
	for (;; i++) {
		c = strchr(p, ',');
		if (c == NULL)
			c = p + strlen(p);
		if ((size_t)(c - p) == n && memcmp(p, name, n) == 0)
			return i;
		if (*c == '\0')
			return -1;
		p = c + 1;
	}
}

bool
opt_list_item(const char *list, int k, char *buf, size_t len)
{
	const char *p = list, *c;

	if (list == NULL)
		return false;
	for (; k > 0; k--) {
		if ((p = strchr(p, ',')) == NULL)
			return false;
		p++;
	}
	c = strchr(p, ',');
	if (c == NULL)
		c = p + strlen(p);
	if (c == p || (size_t)(c - p) >= len)
		return false;
	memcpy(buf, p, (size_t)(c - p));
	buf[c - p] = '\0';
	return true;
}
