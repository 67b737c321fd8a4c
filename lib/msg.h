/* msg -- program name, warnings and fatal errors on stderr.
 *
 * Every message reads "prog: text"; callers put "file:line: code: " in front of
 * the text themselves.  Nothing here ever prints a record value: callers must
 * not pass personal values (QUALITY.md §2.1). */
#ifndef VB_MSG_H
#define VB_MSG_H

#include <stddef.h>
#include <stdnoreturn.h>

#if defined(__GNUC__)
#define VB_PRINTF(f, a)	__attribute__((format(printf, f, a)))
#else
#define VB_PRINTF(f, a)
#endif

extern const char *progname;	/* "vb-clean"; set by msg_init */

/* Set progname from argv[0] (its last path component). */
void		 msg_init(const char *argv0);
/* "prog: text\n" on stderr. */
void		 warnmsg(const char *fmt, ...) VB_PRINTF(1, 2);
/* warnmsg, then exit(status). */
noreturn void	 die(int status, const char *fmt, ...) VB_PRINTF(2, 3);
/* die, with ": strerror(errno)" appended. */
noreturn void	 die_errno(int status, const char *fmt, ...) VB_PRINTF(2, 3);
/* Allocators that exit 1 with "out of memory" instead of returning NULL. */
void		*xmalloc(size_t n);
void		*xcalloc(size_t n, size_t size);
void		*xrealloc(void *p, size_t n);
char		*xstrdup(const char *s);
/* Flush stdout and report a failed write (gnulib close_stdout): exits 1 with
 * "write error: ..." on failure.  Filters call it before returning 0. */
void		 msg_close_stdout(void);

#endif
