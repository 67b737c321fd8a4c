/* eio -- an LD_PRELOAD shim that makes read(2) fail with EIO part-way
 * through an input, for tests/pipelines/faults.sh (QUALITY.md P4).
 *
 * Environment:
 *	EIO_FD=n	fail reads on descriptor n (e.g. 0, standard input)
 *	EIO_PATH=s	fail reads on descriptors opened from a path that
 *			contains s
 *	EIO_AFTER=n	hand out the first n bytes normally (default 0), then
 *			fail every further read with EIO
 * The reads before the error are cut so that exactly n bytes get through.
 * Build: cc -shared -fPIC -o eio.so eio.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define EIO_MAXFD	1024

static unsigned char	 watched[EIO_MAXFD];
static unsigned long long	 given[EIO_MAXFD];

static void
watch(int fd, const char *path)
{
	const char *want = getenv("EIO_PATH");

	if (fd < 0 || fd >= EIO_MAXFD)
		return;
	watched[fd] = want != NULL && *want != '\0' && path != NULL &&
	    strstr(path, want) != NULL;
	given[fd] = 0;
}

static int
is_watched(int fd)
{
	const char *s = getenv("EIO_FD");

	if (fd < 0 || fd >= EIO_MAXFD)
		return 0;
	return watched[fd] || (s != NULL && *s != '\0' && atoi(s) == fd);
}

static mode_t
mode_arg(int flags, va_list ap)
{
	return (flags & O_CREAT) ? (mode_t)va_arg(ap, int) : 0;
}

int
open(const char *path, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	va_list ap;
	mode_t m;
	int fd;

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "open");
	va_start(ap, flags);
	m = mode_arg(flags, ap);
	va_end(ap);
	fd = real(path, flags, m);
	watch(fd, path);
	return fd;
}

int
open64(const char *path, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	va_list ap;
	mode_t m;
	int fd;

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "open64");
	va_start(ap, flags);
	m = mode_arg(flags, ap);
	va_end(ap);
	fd = real(path, flags, m);
	watch(fd, path);
	return fd;
}

int
openat(int dir, const char *path, int flags, ...)
{
	static int (*real)(int, const char *, int, ...);
	va_list ap;
	mode_t m;
	int fd;

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "openat");
	va_start(ap, flags);
	m = mode_arg(flags, ap);
	va_end(ap);
	fd = real(dir, path, flags, m);
	watch(fd, path);
	return fd;
}

ssize_t
read(int fd, void *buf, size_t len)
{
	static ssize_t (*real)(int, void *, size_t);
	unsigned long long after;
	const char *s;
	ssize_t n;

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "read");
	if (!is_watched(fd))
		return real(fd, buf, len);
	s = getenv("EIO_AFTER");
	after = s != NULL ? strtoull(s, NULL, 10) : 0;
	if (given[fd] >= after) {
		errno = EIO;
		return -1;
	}
	if (len > after - given[fd])
		len = (size_t)(after - given[fd]);
	n = real(fd, buf, len);
	if (n > 0)
		given[fd] += (unsigned long long)n;
	return n;
}
