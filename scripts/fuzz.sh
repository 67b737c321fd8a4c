#!/usr/bin/env bash
# fuzz.sh [SECONDS] -- make fuzz: build every tests/fuzz/fuzz_*.c with clang,
# libFuzzer, ASan and UBSan against the lib/ sources and run each target for
# SECONDS (default 60), one after the other (FUZZ_PARALLEL=N runs N at once).
#
# Each target starts from its seed corpus tests/fuzz/corpus/NAME/ and writes
# the inputs it discovers to $FUZZ_DIR/corpus/NAME/ (default build-fuzz/),
# never into git.  FUZZ_MERGE=1 afterwards adds to the seed corpus only what
# increases coverage and is at most FUZZ_MERGE_MAX bytes (default 512): review
# it with git status before committing.  A crash, leak or sanitizer report
# leaves the input in $FUZZ_DIR/artifacts/ and makes the script exit 1; the
# fix gets the minimised input as tests/fuzz/corpus/NAME/crash-WHAT.
# FUZZ_TARGETS="rec csvin" limits the run; FUZZ_ARGS adds libFuzzer options.
# Minutes run per target are appended to $FUZZ_DIR/minutes.tsv.
# tests/fuzz/fuzz_NAME.options holds extra libFuzzer options for a target.
set -uo pipefail
SECONDS_EACH=${1:-60}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
D=${FUZZ_DIR:-$ROOT/build-fuzz}
CC=${FUZZ_CC:-clang}
SAN='-fsanitize=address,undefined -fno-sanitize-recover=all'
CFLAGS="-g -O1 -fno-omit-frame-pointer $SAN"
CPPFLAGS="-I$ROOT/lib -D_POSIX_C_SOURCE=200809L -DVB_VERSION=\"fuzz\""
LIBS='-lcsv -lz -lnettle -lm'
export LC_ALL=C

command -v "$CC" >/dev/null || { echo "fuzz: $CC not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 77; }
mkdir -p "$D/obj" "$D/corpus" "$D/artifacts" || exit 1
cd "$ROOT" || exit 1

# The library once, instrumented for coverage but without libFuzzer's main.
objs=()
for s in lib/*.c; do
	o=$D/obj/$(basename "$s" .c).o
	if [ ! -e "$o" ] || [ "$s" -nt "$o" ] || [ "lib/$(basename "$s" .c).h" -nt "$o" ]; then
		# shellcheck disable=SC2086
		$CC -std=c11 $CPPFLAGS $CFLAGS -fsanitize=fuzzer-no-link -c -o "$o" "$s" || exit 1
	fi
	objs+=("$o")
done

targets=()
for f in tests/fuzz/fuzz_*.c; do
	t=${f#tests/fuzz/fuzz_}; t=${t%.c}
	if [ -n "${FUZZ_TARGETS:-}" ] && [[ " $FUZZ_TARGETS " != *" $t "* ]]; then
		continue
	fi
	# shellcheck disable=SC2086
	$CC -std=c11 $CPPFLAGS $CFLAGS -fsanitize=fuzzer -o "$D/fuzz_$t" "$f" \
	    "${objs[@]}" $LIBS || { echo "fuzz: $t does not build" >&2; exit 1; }
	targets+=("$t")
done

run_one() {
	local t=$1 work=$D/corpus/$1 log=$D/$1.log rc start=$SECONDS opts
	mkdir -p "$work"
	[ -d "tests/fuzz/corpus/$t" ] || mkdir -p "tests/fuzz/corpus/$t"
	# tests/fuzz/fuzz_NAME.options: extra libFuzzer options, one a line.
	opts=()
	[ -f "tests/fuzz/fuzz_$t.options" ] && mapfile -t opts <"tests/fuzz/fuzz_$t.options"
	# shellcheck disable=SC2086
	nice "$D/fuzz_$t" "${opts[@]}" -max_total_time="$SECONDS_EACH" -timeout=20 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$D/artifacts/$t-" ${FUZZ_ARGS:-} \
	    "$work" "tests/fuzz/corpus/$t" >"$log" 2>&1
	rc=$?
	printf '%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$t" \
	    "$(awk -v s=$((SECONDS - start)) 'BEGIN { printf "%.1f", s / 60 }')" \
	    "$rc" >>"$D/minutes.tsv"
	if [ "$rc" -ne 0 ]; then
		echo "fuzz: $t: FAILED (exit $rc); see $log and $D/artifacts/$t-*" >&2
		grep -m 3 -E 'ERROR|SUMMARY|deadly' "$log" >&2
		return 1
	fi
	echo "fuzz: $t: ${SECONDS_EACH}s, $(grep -a -m 1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs, no crash"
	if [ "${FUZZ_MERGE:-0}" = 1 ]; then
		"$D/fuzz_$t" -merge=1 -max_len="${FUZZ_MERGE_MAX:-512}" \
		    "tests/fuzz/corpus/$t" "$work" >>"$log" 2>&1
	fi
}

fail=0
running=0
for t in "${targets[@]}"; do
	if [ "${FUZZ_PARALLEL:-1}" -gt 1 ]; then
		run_one "$t" &
		running=$((running + 1))
		if [ "$running" -ge "$FUZZ_PARALLEL" ]; then
			wait -n || fail=1
			running=$((running - 1))
		fi
	else
		run_one "$t" || fail=1
	fi
done
while [ "$running" -gt 0 ]; do
	wait -n || fail=1
	running=$((running - 1))
done
exit $fail
