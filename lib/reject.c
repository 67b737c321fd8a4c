/* reject -- reject stream, code counts and the summary line. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "rec.h"
#include "reject.h"

struct code_count {
	char		*code;
	unsigned long	 n;
	int		 severity;	/* 0 info, 1 warning, 2 error */
};

struct reject {
	char		*stage;
	FILE		*fp;
	struct rec_writer *w;
	unsigned long	 nrej, nwarn;
	unsigned long	 max_rejects;
	double		 max_rate;
	struct code_count *codes;
	size_t		 ncodes;
};

static const char *const fields[] = {
	"stage", "source", "line", "row", "field", "code", "message",
};

struct reject *
reject_open(const char *stage, const char *path)
{
	struct reject *rj = xcalloc(1, sizeof(*rj));
	struct schema sc = { sizeof(fields) / sizeof(fields[0]),
	    (const char **)fields };
	int fd;

	rj->stage = xstrdup(stage);
	rj->max_rate = -1;
	if (path == NULL)
		return rj;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || (rj->fp = fdopen(fd, "w")) == NULL)
		die_errno(1, "io-error: %s", path);
	rj->w = rec_wopen(rj->fp, &sc);
	return rj;
}

void
reject_limits(struct reject *rj, unsigned long max_rejects, double max_rate)
{
	rj->max_rejects = max_rejects;
	rj->max_rate = max_rate;
}

/* Count code; returns true the first time it is seen. */
static bool
count(struct reject *rj, const char *code, int severity)
{
	size_t i;

	for (i = 0; i < rj->ncodes; i++)
		if (strcmp(rj->codes[i].code, code) == 0) {
			rj->codes[i].n++;
			return false;
		}
	rj->codes = xrealloc(rj->codes, (rj->ncodes + 1) * sizeof(*rj->codes));
	rj->codes[rj->ncodes].code = xstrdup(code);
	rj->codes[rj->ncodes].n = 1;
	rj->codes[rj->ncodes].severity = severity;
	rj->ncodes++;
	return true;
}

void
reject_row(struct reject *rj, const char *source, unsigned long line,
    unsigned long row, const char *field, const char *code,
    const char *fmt, ...)
{
	char buf[512], nline[32], nrow[32];
	const char *msg = buf;
	struct field f[7];
	va_list ap;

	va_start(ap, fmt);
	if (strcmp(fmt, "%s") == 0) {
		/* The common reject: a message made before; no printf, no
		 * copy unless it must be cut to the buffer's size. */
		msg = va_arg(ap, const char *);
		if (strlen(msg) >= sizeof(buf)) {
			memcpy(buf, msg, sizeof(buf) - 1);
			buf[sizeof(buf) - 1] = '\0';
			msg = buf;
		}
	} else {
		vsnprintf(buf, sizeof(buf), fmt, ap);
	}
	va_end(ap);
	if (rj->w == NULL) {
		if (field != NULL)
			die(1, "%s:%lu: %s: field '%s': %s", source, line, code,
			    field, msg);
		die(1, "%s:%lu: %s: %s", source, line, code, msg);
	}
	f[0] = field_str(rj->stage);
	f[1] = field_str(source);
	f[2] = field_fmt_long(nline, (long)line);
	f[3] = field_fmt_long(nrow, (long)row);
	f[4] = field_str(field != NULL ? field : "");
	f[5] = field_str(code);
	f[6] = field_str(msg);
	rec_write(rj->w, f, 7);
	rj->nrej++;
	count(rj, code, 2);
	if (rj->max_rejects > 0 && rj->nrej > rj->max_rejects)
		die(1, "threshold-exceeded: more than %lu rejected rows "
		    "(--max-rejects)", rj->max_rejects);
}

void
reject_warn(struct reject *rj, const char *source, unsigned long line,
    const char *code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	rj->nwarn++;
	if (!count(rj, code, 1))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	warnmsg("%s:%lu: %s: %s (warning; counted in the summary)", source,
	    line, code, msg);
}

void
reject_info(struct reject *rj, const char *code)
{
	count(rj, code, 0);
}

unsigned long
reject_count(const struct reject *rj)
{
	return rj->nrej;
}

static int
cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct code_count *)a)->code,
	    ((const struct code_count *)b)->code);
}

int
reject_summary(struct reject *rj, unsigned long nread, unsigned long kept)
{
	char codes[2048];
	size_t i, len = 0;
	int rc = 0;
	const char *status;

	if (rj->w != NULL) {
		if (rec_wclose(rj->w) != 0 || fclose(rj->fp) != 0)
			rc = -1;
		rj->w = NULL;
	}
	if (rj->ncodes > 0)
		qsort(rj->codes, rj->ncodes, sizeof(*rj->codes), cmp_code);
	codes[0] = '\0';
	for (i = 0; i < rj->ncodes; i++) {
		int n = snprintf(codes + len, sizeof(codes) - len, "%s%s:%lu",
		    i > 0 ? "," : "", rj->codes[i].code, rj->codes[i].n);
		if (n < 0 || (size_t)n >= sizeof(codes) - len)
			break;
		len += (size_t)n;
	}
	status = rc != 0 ? "TOOL_ERROR" : rj->nrej > 0 ? "OK_WITH_REJECTS" :
	    "OK";
	warnmsg("read %lu, kept %lu, rejected %lu; status=%s warnings=%lu "
	    "codes=%s", nread, kept, rj->nrej, status, rj->nwarn,
	    len > 0 ? codes : "-");
	if (nread != kept + rj->nrej)
		die(1, "internal-error: read %lu != kept %lu + rejected %lu",
		    nread, kept, rj->nrej);
	if (rj->max_rate >= 0 && nread > 0 &&
	    (double)rj->nrej / (double)nread > rj->max_rate)
		die(1, "threshold-exceeded: %lu of %lu rows rejected, more "
		    "than --max-reject-rate %g", rj->nrej, nread, rj->max_rate);
	for (i = 0; i < rj->ncodes; i++)
		free(rj->codes[i].code);
	free(rj->codes);
	free(rj->stage);
	free(rj);
	return rc;
}
