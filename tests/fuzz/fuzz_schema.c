/* fuzz_schema -- the schema parser of vb-validate (lib/vschema) on arbitrary
 * bytes.
 *
 * Code lists resolve against a scratch directory holding codes.tsv (code A
 * listed twice, B once); inputs that could name another file (a '/' together
 * with "codes=") are skipped, so that the target never reads /dev/zero.
 * Checked: no crash, leak or sanitizer report; a rejected schema has the
 * message "fuzz.schema:N: config-error: ..." with N a line of the input (0
 * only for an input without lines), and the lines before N load or fail
 * only for lacking fields (the parser works line by line, so an error is
 * where it is reported); an accepted schema has fields with distinct names
 * and primary-key indexes in range, counts codes.tsv right, and its printed
 * form loads again as the same schema, member by member, that prints the
 * same bytes (vschema_print's contract). */
#define _GNU_SOURCE
#include <sys/stat.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lines.h"
#include "vschema.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

#define NAME	"fuzz.schema"

static char	refdir[64];

static void
remove_refdir(void)
{
	char path[96];

	snprintf(path, sizeof(path), "%s/codes.tsv", refdir);
	unlink(path);
	rmdir(refdir);
}

/* Also called from the target: tests/fuzz/replay.c calls only that. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[96];
	FILE *fp;

	(void)argc;
	(void)argv;
	if (refdir[0] != '\0')
		return 0;
	snprintf(refdir, sizeof(refdir), "/tmp/fuzz_schema_%ld",
	    (long)getpid());
	snprintf(path, sizeof(path), "%s/codes.tsv", refdir);
	if (mkdir(refdir, 0700) != 0 || (fp = fopen(path, "w")) == NULL)
		abort();
	fputs("code\tname\nA\tx\n B \ty\nA\tz\n\tempty\n", fp);
	fclose(fp);
	atexit(remove_refdir);
	return 0;
}

/* The lines getline sees in p[0..n-1]. */
static unsigned long
count_lines(const char *p, size_t n)
{
	unsigned long lines = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] == '\n')
			lines++;
	return lines + (n > 0 && p[n - 1] != '\n');
}

/* s printed into a malloc'd buffer. */
static char *
print(const struct vschema *s, size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);

	if (fp == NULL || vschema_print(fp, s) != 0)
		abort();
	fclose(fp);
	return buf;
}

static void
check_rejected(const char *in, size_t size, const char *err)
{
	struct vschema *s;
	char *end, err2[8192];
	unsigned long n, lines = count_lines(in, size);

	if (strncmp(err, NAME ":", strlen(NAME ":")) != 0)
		abort();
	n = strtoul(err + strlen(NAME ":"), &end, 10);
	if (end == err + strlen(NAME ":") ||
	    strncmp(end, ": config-error: ", 16) != 0 || n > lines ||
	    (n == 0 && lines != 0))
		abort();
	if (n == 0 || strcmp(end, ": config-error: no fields") == 0)
		return;
	/* The same error from the first n lines, none from fewer. */
	s = vschema_load_mem(in, prefix_len(in, size, n), NAME, refdir, err2,
	    sizeof(err2));
	if (s != NULL || strcmp(err, err2) != 0)
		abort();
	s = vschema_load_mem(in, prefix_len(in, size, n - 1), NAME, refdir,
	    err2, sizeof(err2));
	if (s == NULL && strstr(err2, ": config-error: no fields") == NULL)
		abort();
	vschema_free(s);
}

static bool
same_list(const struct vschema_list *a, const struct vschema_list *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->s[i], b->s[i]) != 0)
			return false;
	return true;
}

static bool
same_str(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

static bool
same_field(const struct vschema_field *a, const struct vschema_field *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a->name, b->name) == 0 && a->type == b->type &&
	    strcmp(a->format, b->format) == 0 &&
	    a->required == b->required && a->unique == b->unique &&
	    a->trim == b->trim && a->personal == b->personal &&
	    same_str(a->pattern, b->pattern) &&
	    same_list(&a->enumv, &b->enumv) &&
	    same_list(&a->missing, &b->missing) &&
	    same_str(a->codes_spec, b->codes_spec) &&
	    (a->codes == NULL) == (b->codes == NULL) &&
	    a->has_min == b->has_min && (!a->has_min || a->min == b->min) &&
	    a->has_max == b->has_max && (!a->has_max || a->max == b->max) &&
	    a->minlen == b->minlen && a->maxlen == b->maxlen &&
	    a->decimal == b->decimal && a->group == b->group &&
	    a->col == b->col;
}

/* Do a and b say the same, member by member? */
static bool
same_schema(const struct vschema *a, const struct vschema *b)
{
	size_t i;

	if (a->nf != b->nf || a->match != b->match ||
	    a->records != b->records || a->d.delim != b->d.delim ||
	    a->d.encoding != b->d.encoding ||
	    a->d.skip_lines != b->d.skip_lines ||
	    a->d.lazy_quotes != b->d.lazy_quotes ||
	    a->d.no_header != b->d.no_header || a->npk != b->npk ||
	    a->unique_rows != b->unique_rows ||
	    !same_field(a->other, b->other))
		return false;
	for (i = 0; i < a->nf; i++)
		if (!same_field(&a->f[i], &b->f[i]))
			return false;
	for (i = 0; i < a->npk; i++)
		if (a->pk[i] != b->pk[i])
			return false;
	return true;
}

static void
check_accepted(const struct vschema *s)
{
	struct vschema *s2;
	char *p1, *p2, err[8192];
	size_t i, j, len1, len2;

	if (s->nf == 0)
		abort();
	for (i = 0; i < s->nf; i++) {
		const struct vschema_field *f = &s->f[i];

		for (j = 0; j < i; j++)
			if (strcmp(s->f[j].name, f->name) == 0)
				abort();
		if (f->col != -1)
			abort();
		if (f->codes_spec != NULL &&
		    strcmp(f->codes_spec, "codes.tsv:code") == 0 &&
		    (vschema_code_count(f, "A", 1) != 2 ||
		    vschema_code_count(f, "B", 1) != 1 ||
		    vschema_code_count(f, " B ", 3) != 0 ||
		    vschema_code_count(f, "", 0) != 0 ||
		    vschema_code_count(f, "x", 1) != 0))
			abort();
	}
	for (i = 0; i < s->npk; i++)
		if (s->pk[i] >= s->nf)
			abort();
	p1 = print(s, &len1);
	s2 = vschema_load_mem(p1, len1, NAME, refdir, err, sizeof(err));
	if (s2 == NULL) {
		fprintf(stderr, "fuzz_schema: the printed form fails: %s\n%s",
		    err, p1);
		abort();
	}
	if (!same_schema(s, s2)) {
		fprintf(stderr, "fuzz_schema: the printed form loads as "
		    "another schema:\n%s", p1);
		abort();
	}
	p2 = print(s2, &len2);
	if (len1 != len2 || memcmp(p1, p2, len1) != 0) {
		fprintf(stderr, "fuzz_schema: printed twice differently:\n"
		    "%s---\n%s", p1, p2);
		abort();
	}
	vschema_free(s2);
	free(p1);
	free(p2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	struct vschema *s;
	char err[8192];

	LLVMFuzzerInitialize(NULL, NULL);
	if (memmem(in, size, "codes=", 6) != NULL && memchr(in, '/', size))
		return 0;
	err[0] = '\0';
	s = vschema_load_mem(in, size, NAME, refdir, err, sizeof(err));
	if (s == NULL)
		check_rejected(in, size, err);
	else
		check_accepted(s);
	vschema_free(s);
	return 0;
}
