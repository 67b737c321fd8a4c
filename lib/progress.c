/* progress -- throttled progress line on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "msg.h"
#include "progress.h"

struct progress {
	const char	*name;
	bool		 tty;
	double		 start, last;
	unsigned long	 next;		/* check the clock at this record */
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct progress *
progress_start(const char *name, bool force)
{
	struct progress *p;
	bool tty = isatty(STDERR_FILENO) != 0;

	if (!tty && !force)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->name = name;
	p->tty = tty;
	p->start = p->last = now();
	p->next = 65536;
	return p;
}

void
progress_tick(struct progress *p, unsigned long records, uint64_t bytes,
    int64_t size)
{
	double t, mb, rate;

	if (p == NULL || records < p->next)
		return;
	p->next = records + 65536;
	t = now();
	if (t - p->last < (p->tty ? 0.5 : 5.0))
		return;
	p->last = t;
	mb = (double)bytes / 1e6;
	rate = mb / (t - p->start > 0 ? t - p->start : 1);
	if (size > 0)
		fprintf(stderr, "%s%s: %s: %lu records, %.0f MB, %.0f MB/s, "
		    "%.0f%%%s", p->tty ? "\r" : "", progname, p->name,
		    records, mb, rate, 100.0 * (double)bytes / (double)size,
		    p->tty ? "\033[K" : "\n");
	else
		fprintf(stderr, "%s%s: %s: %lu records, %.0f MB, %.0f MB/s%s",
		    p->tty ? "\r" : "", progname, p->name, records, mb, rate,
		    p->tty ? "\033[K" : "\n");
}

void
progress_end(struct progress *p)
{
	if (p == NULL)
		return;
	if (p->tty)
		fputs("\r\033[K", stderr);
	free(p);
}
