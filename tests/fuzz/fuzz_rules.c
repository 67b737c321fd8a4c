/* fuzz_rules -- vb-clean's rules language and record cleaning, in process.
 *
 * The rules parser lives in filters/clean.c, not in lib/, so this target
 * includes that file whole (its main renamed) and calls rules_parse,
 * work_plan, out_plan and clean_record directly: nothing is executed.  The
 * input is a rules file, a line "%%", and a record stream.  A reference
 * table "soorts" (soort, theme) is defined as --ref would; rules may name
 * it (check / map / provisional).
 *
 * vb-clean ends on a configuration or data error through die() -> exit();
 * this file defines exit() so that, inside the target, it jumps back here
 * instead (outside the target it is the C library's exit).  What the
 * abandoned run allocated is freed where it is reachable; the getline
 * buffer and FILE of an abandoned rules_parse are tracked for that.
 * Checked: no crash or sanitizer report; an exit status is 1 (data or
 * config error), never anything else; each kept record has as many fields
 * as the output header; cleaning the cleaned records again with the same
 * rules changes nothing (vb-clean(1): idempotent).  Run with
 * tests/fuzz/fuzz_rules.options (quiet stderr, no leak check). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);
int	clean_main(int, char *[]);

static FILE	*fuzz_fopen(const char *, const char *);
static ssize_t	 fuzz_getline(char **, size_t *, FILE *);

#define main		clean_main
#define fopen		fuzz_fopen
#define getline		fuzz_getline
#include "../../filters/clean.c"
#undef main
#undef fopen
#undef getline

static const char	*rules_text;
static size_t		 rules_len;
static FILE		*rules_fp;		/* open in rules_parse */
static char		*rules_line;		/* its getline buffer */
static jmp_buf		 back;
static int		 in_target, exit_status;
static char		 ref_path[64];
static int		 had_drop;		/* the rules keep or drop */

noreturn void
exit(int status)
{
	static void (*real)(int);

	if (in_target) {
		in_target = 0;
		exit_status = status;
		longjmp(back, 1);
	}
	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "exit");
	real(status);
	abort();
}

static FILE *
fuzz_fopen(const char *path, const char *mode)
{
	if (strcmp(path, "fuzz.rules") != 0)
		return NULL;	/* clean.c opens nothing else with fopen */
	(void)mode;
	rules_fp = fmemopen((void *)rules_text, rules_len, "r");
	return rules_fp;
}

static ssize_t
fuzz_getline(char **line, size_t *cap, FILE *fp)
{
	ssize_t n = getline(line, cap, fp);

	rules_line = *line;
	return n;
}

const char	*__asan_default_options(void);

/* Leaks of abandoned runs are expected (see clean_mem). */
const char *
__asan_default_options(void)
{
	return "detect_leaks=0";
}

static void
remove_ref(void)
{
	unlink(ref_path);
}

/* Also called from the target: tests/fuzz/replay.c calls only that. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	FILE *fp;

	(void)argc;
	(void)argv;
	if (ref_path[0] != '\0')
		return 0;
	msg_init("vb-clean");
	snprintf(ref_path, sizeof(ref_path), "/tmp/fuzz_rules_%ld.tsv",
	    (long)getpid());
	if ((fp = fopen(ref_path, "w")) == NULL)
		abort();
	fputs("soort\ttheme\tKey\tStatus\n1.1.1\t1.1\t2018JJ00\tDefinitief\n"
	    "1.2.1 \t1.2\t2019MM01\tVoorlopig\n0.0.0\t\t2019KW01\t\n", fp);
	fclose(fp);
	atexit(remove_ref);
	return 0;
}

static void
free_rules(struct rules *rs)
{
	size_t i;

	for (i = 0; i < rs->nr; i++) {
		struct rule *ru = &rs->r[i];

		free(ru->field);
		free(ru->refname);
		free(ru->keycol);
		free(ru->valcol);
		free(ru->outname);
		if (ru->lk.keys != NULL)
			intern_free(ru->lk.keys);
		free(ru->lk.val);
	}
	free(rs->r);
	for (i = 0; i < rs->nren; i++) {
		free(rs->ren[i].from);
		free(rs->ren[i].to);
	}
	free(rs->ren);
	for (i = 0; i < rs->nkeep; i++)
		free(rs->keep[i]);
	free(rs->keep);
	for (i = 0; i < rs->ndrop; i++)
		free(rs->drop[i]);
	free(rs->drop);
	for (i = 0; i < rs->nrefs; i++) {
		free(rs->refs[i].name);
		free(rs->refs[i].path);
		if (rs->refs[i].sc != NULL)
			schema_free(rs->refs[i].sc);
		free(rs->refs[i].cell);
	}
	free(rs->refs);
	memset(rs, 0, sizeof(*rs));
}

static void
free_run(void)
{
	size_t i;

	free_rules(&run.rules);
	for (i = 0; i < run.work.n; i++)
		free((void *)run.work.name[i]);
	free(run.work.name);
	memset(&run.work, 0, sizeof(run.work));
	if (run.osc != NULL)
		schema_free(run.osc);
	free(run.oc);
	free(run.w);
	free(run.of);
	run.osc = NULL;
	run.oc = NULL;
	run.w = run.of = NULL;
	arena_free(&pool);
	memset(&pool, 0, sizeof(pool));
}

/* Clean the record stream in[0..len-1]; its output into *out (malloc'd).
 * Returns the exit status: 0 ok, else what die() passed. */
static int
clean_mem(const char *in, size_t len, char **out, size_t *outlen)
{
	static struct rec_reader *volatile rd;
	static struct rec_writer *volatile wr;
	static FILE *volatile ofp;
	static struct reject *volatile rj;
	struct record r;
	struct pos ps;
	const char **names;
	static unsigned long nread, nkept;	/* static: setjmp */
	size_t nout = 0, i;
	int rc, provcol;

	*out = NULL;
	*outlen = 0;
	nread = nkept = 0;
	rd = NULL;
	wr = NULL;
	rj = NULL;
	rules_fp = NULL;
	rules_line = NULL;
	if ((ofp = open_memstream(out, outlen)) == NULL)
		abort();
	if (setjmp(back) != 0)
		goto done;
	in_target = 1;
	exit_status = 0;
	run.rules.path = "fuzz.rules";
	ref_define(&run.rules, "soorts", ref_path);
	rules_parse(&run.rules);
	rules_fp = NULL;	/* closed and freed by rules_parse */
	rules_line = NULL;
	rd = rec_open_mem(in, len, "fuzz");
	if ((rc = rec_read(rd, &r)) < 0)
		die(1, "%s", rec_errmsg(rd));
	work_plan(&run.rules, &run.work, rec_schema(rd));
	run.oc = out_plan(&run.rules, &run.work, &nout);
	names = xcalloc(nout, sizeof(*names));
	for (i = 0; i < nout; i++)
		names[i] = run.work.name[run.oc[i]];
	run.osc = schema_new(names, nout);
	free(names);
	provcol = work_col(&run.work, "provisional");
	run.w = xcalloc(run.work.n + 1, sizeof(*run.w));
	run.of = xcalloc(nout + 1, sizeof(*run.of));
	rj = reject_open("clean", "/dev/null");
	wr = rec_wopen(ofp, run.osc);
	ps.rj = rj;
	ps.source = "fuzz";
	for (; rc == 1; rc = rec_read(rd, &r)) {
		nread++;
		for (i = 0; i < run.work.nin; i++)
			run.w[i] = r.f[i];
		for (; i < run.work.n; i++)
			run.w[i] = field_str("");
		ps.row = nread;
		ps.line = r.line;
		if (!clean_record(&run.rules, run.w, &run.work, &ps, provcol))
			continue;
		for (i = 0; i < nout; i++)
			run.of[i] = run.w[run.oc[i]];
		rec_write(wr, run.of, nout);
		nkept++;
	}
	if (rc < 0)
		die(1, "%s", rec_errmsg(rd));
	if (reject_summary(rj, nread, nkept) != 0)
		exit_status = 1;
	rj = NULL;
	in_target = 0;
done:
	in_target = 0;
	if (rj != NULL) {
		/* Close the reject stream of an abandoned run (its file and
		 * buffer); read = rejected keeps the summary consistent. */
		in_target = 1;
		if (setjmp(back) == 0)
			reject_summary(rj, reject_count(rj), 0);
		in_target = 0;
		rj = NULL;
	}
	if (rules_fp != NULL)
		fclose(rules_fp);
	free(rules_line);
	if (wr != NULL)
		rec_wclose(wr);
	if (rd != NULL)
		rec_close(rd);
	fclose(ofp);
	had_drop = run.rules.ndrop > 0 || run.rules.have_keep;
	/* What a die() inside out_plan or lookup_build held in locals is
	 * lost: small, so the leak checker is off for this target. */
	free_run();
	return exit_status;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *sep, *recs;
	size_t reclen;
	char *out = NULL, *out2 = NULL;
	size_t outlen = 0, out2len = 0;
	int st;

	LLVMFuzzerInitialize(NULL, NULL);
	sep = memmem(s, size, "\n%%\n", 4);
	if (sep == NULL)
		return 0;
	rules_text = s;
	rules_len = (size_t)(sep - s) + 1;
	recs = sep + 4;
	reclen = size - (size_t)(sep + 4 - s);
	st = clean_mem(recs, reclen, &out, &outlen);
	if (st != 0 && st != 1)
		abort();
	if (st == 0) {
		/* Idempotent: the same rules over their own output.  The
		 * documented exception (vb-clean(1)): once keep or drop
		 * removed a column that a directive names or writes, the
		 * second run fails (config-error, on purpose: corpus/rules/
		 * crash-drop-not-idempotent, crash-keep-not-idempotent) or
		 * reads the stream differently (no year column: periods are
		 * taken as raw, corpus/rules/keep-without-year); so rules
		 * that keep or drop are not held to it.  A header name with
		 * a NUL byte is refused by lib/rec.c (corpus/rules/crash-nul-
		 * in-header-name). */
		st = clean_mem(out, outlen, &out2, &out2len);
		if (!had_drop && (st != 0 || outlen != out2len ||
		    memcmp(out, out2, outlen) != 0)) {
			fprintf(stderr, "fuzz_rules: not idempotent (status "
			    "%d)\n", st);
			abort();
		}
	}
	free(out);
	free(out2);
	return 0;
}
