#!/usr/bin/env bash
# politie-cbs-clean-alloc -- vb-clean allocates nothing per record: the
# number of malloc/calloc/realloc calls (counted by an LD_PRELOAD shim) is
# the same for 1,000 and for 100,000 records of the monthly sample, with
# every rule of pipelines/rules/47022NED.rules and a reject stream in use.
# Env: BIN, ROOT, TMP.  Exit 0 pass, 77 skip, else fail.
set -euo pipefail
cd "$ROOT"
for p in vb-clean vb-ingest; do
	command -v "$p" >/dev/null || { echo "skip: $p not built"; exit 77; }
done
if ldd "$(command -v vb-clean)" 2>/dev/null | grep -q 'libasan\|libubsan'; then
	echo "skip: sanitizer build (its allocator cannot be preloaded over)"
	exit 77
fi
command -v cc >/dev/null || { echo "skip: no C compiler for the shim"; exit 77; }
cat >"$TMP/count.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static unsigned long n;
static void *(*real_malloc)(size_t);
static void *(*real_realloc)(void *, size_t);

void *
malloc(size_t s)
{
	if (real_malloc == NULL)
		real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
	n++;
	return real_malloc(s);
}

void *
realloc(void *p, size_t s)
{
	if (real_realloc == NULL)
		real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT,
		    "realloc");
	n++;
	return real_realloc(p, s);
}

__attribute__((destructor)) static void
report(void)
{
	char buf[64];
	int len = snprintf(buf, sizeof(buf), "allocs %lu\n", n);

	if (getenv("ALLOC_FD") != NULL)
		(void)!write(atoi(getenv("ALLOC_FD")), buf, (size_t)len);
}
C
cc -shared -fPIC -O1 -o "$TMP/count.so" "$TMP/count.c" -ldl ||
    { echo "skip: cannot build the LD_PRELOAD shim"; exit 77; }
vb-ingest sample-data/cbs/47022NED_maastricht_2014-2018.csv.gz \
    >"$TMP/all.tsv" 2>/dev/null
head -n 1001 "$TMP/all.tsv" >"$TMP/small.tsv"
head -n 100001 "$TMP/all.tsv" >"$TMP/big.tsv"
# A few bad rows in both, so that the reject path runs too.
for f in small big; do
	printf '1\t1.1.1 \tGM0935    \t2018MM13\t1\t999998\n1\t9.9.9 \tGM0935    \t2018MM01\t1\t999999\n' >>"$TMP/$f.tsv"
done
count() {
	ALLOC_FD=3 LD_PRELOAD="$TMP/count.so" vb-clean \
	    -r pipelines/rules/47022NED.rules --rejects "$TMP/rej.$1" \
	    "$TMP/$1.tsv" 3>"$TMP/n.$1" >/dev/null 2>"$TMP/err.$1"
	awk '{ print $2 }' "$TMP/n.$1"
}
a=$(count small)
b=$(count big)
echo "allocations: $a for 1,002 records, $b for 100,002"
grep -q 'read 1002, kept 1000, rejected 2' "$TMP/err.small" || { cat "$TMP/err.small"; exit 1; }
grep -q 'read 100002, kept 100000, rejected 2' "$TMP/err.big" || { cat "$TMP/err.big"; exit 1; }
if [ -z "$a" ] || [ -z "$b" ]; then echo "FAIL: shim reported nothing"; exit 1; fi
# buffers may grow a little more on longer input, never per record
[ $((b - a)) -le 8 ] || { echo "FAIL: allocations grow with the input"; exit 1; }
echo "politie-cbs-clean-alloc: OK"
