#!/usr/bin/env bash
# faults.sh -- fault injection for every filter (QUALITY.md P1-P5, §3.1).
#
# For each filter, on an input large enough to fill pipe and stdio buffers:
#  P1  stdout on /dev/full: status 1 and a message, within the timeout;
#  P2  the disk fills part-way (ulimit -f, SIGXFSZ ignored, so write() fails
#      with EFBIG after some output): status 1 and a message;
#  P3  stdout closed (>&-) with output to write: non-zero status;
#  P5  | head -1: the first line arrives, the filter ends by SIGPIPE (141) or
#      quietly with 0, no "Broken pipe"/write-error text, no hang; and a
#      cron-style pipeline under pipefail that accepts 141 for the stages
#      before head (QUALITY.md §3.2) passes;
#  P4  read(2) fails with EIO part-way (tests/faults/eio.c via LD_PRELOAD),
#      on stdin and on a named input file: non-zero status, an io-error
#      message, and the summary line never says status=OK.
# Run by tests/run-pipelines.sh (BIN, ROOT, TMP).
set -uo pipefail
: "${BIN:?}" "${ROOT:?}" "${TMP:?}"
TOOLS=$BIN/../tools
D=$ROOT/sample-data
T=${FAULT_TIMEOUT:-60}
cd "$ROOT" || exit 1

CC=${CC:-cc}
command -v "$CC" >/dev/null || { echo "faults: no C compiler for the EIO shim"; exit 77; }
"$CC" -shared -fPIC -o "$TMP/eio.so" tests/faults/eio.c -ldl ||
    { echo "faults: cannot build tests/faults/eio.c"; exit 1; }
[ -x "$TOOLS/gen-bench" ] && [ -x "$TOOLS/gen-records" ] ||
    { echo "faults: $TOOLS/gen-bench missing (make all)"; exit 77; }
# An ASan build wants its runtime first; the shim only wraps libc calls.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# Inputs: ~3 MB of incident CSV, ~1 MB of records, the survey samples.
"$TOOLS/gen-bench" incidents 30000 >"$TMP/inc.csv"
"$TOOLS/gen-records" 30000 >"$TMP/recs.tsv"
vb-ingest "$TMP/inc.csv" >"$TMP/inc.tsv" 2>/dev/null
vb-ingest "$D/surveys/81877NED_maastricht_2014-2019.csv" >"$TMP/ivm.tsv" 2>/dev/null
vb-ingest "$D/surveys/partners_2019.csv" >"$TMP/partners.tsv" 2>/dev/null
printf '%s\n' 'dialect records' 'match exact' 'field period string required' \
    'field area string required' 'field soort string' 'field theme string' \
    'field count integer min=0' >"$TMP/recs.schema"
AREAS=$D/reference/cartomap-buurt-2018/buurt_2018_maastricht_rd_DERIVED.geojson

# name|input|command (the input is appended as the operand, or given on stdin)
jobs=(
"ingest|$TMP/inc.csv|vb-ingest"
"validate|$TMP/recs.tsv|vb-validate --records -s $TMP/recs.schema"
"clean|$TMP/recs.tsv|vb-clean -r tests/cli/clean/identity.rules"
"geocode|$TMP/inc.tsv|vb-geocode --areas $AREAS --xy x_rd,y_rd --date pleegdatum --rejects $TMP/geo-rej.tsv"
"aggregate|$TMP/recs.tsv|vb-aggregate -g period,area,soort,theme -s count"
"rank|$TMP/recs.tsv|vb-rank -w theme -v count"
"format|$TMP/recs.tsv|vb-format"
"survey-ivm|$TMP/ivm.tsv|vb-survey ivm --indicators $D/ivm-indicators.tsv --properties $D/surveys/81877NED_DataProperties.csv"
"survey-partners|$TMP/partners.tsv|vb-survey partners --themes $D/themes.tsv"
)
# Every filter must be in the list: a new filters/X.c fails this test
# until it is added.
for f in filters/*.c; do
	n=$(basename "$f" .c)
	grep -q "^$n[|-]" < <(printf '%s\n' "${jobs[@]}") ||
	    { echo "faults: filter $n has no fault-injection job"; exit 1; }
done

fail=0
bad() { echo "FAIL $*"; fail=1; }
ok() { echo "ok   $*"; }
noisy() { grep -Eiq 'broken pipe|EPIPE|write error|io-error' "$1"; }

for j in "${jobs[@]}"; do
	IFS='|' read -r name in cmd <<<"$j"
	size=$(stat -c %s "$in")
	# Baseline: the run must succeed, else the faults mean nothing.
	# shellcheck disable=SC2086
	if ! timeout "$T" $cmd "$in" >"$TMP/$name.out" 2>"$TMP/$name.err"; then
		bad "$name: baseline run failed: $(tail -n 1 "$TMP/$name.err")"
		continue
	fi
	outsize=$(stat -c %s "$TMP/$name.out")

	# P1 /dev/full
	# shellcheck disable=SC2086
	timeout "$T" $cmd "$in" >/dev/full 2>"$TMP/e"
	st=$?
	if [ $st -eq 1 ] && grep -Eiq 'io-error|write error|no space' "$TMP/e"; then
		ok "$name: /dev/full -> 1: $(grep -Ei -m 1 'io-error|write error|no space' "$TMP/e")"
	else
		bad "$name: /dev/full -> status $st: $(tail -n 1 "$TMP/e")"
	fi

	# P2 the disk fills part-way: a file size limit of half the output.
	lim=$(( outsize / 2 / 1024 ))
	[ $lim -ge 1 ] || lim=1
	# shellcheck disable=SC2086
	( trap '' XFSZ; ulimit -f $lim; exec timeout "$T" $cmd "$in" >"$TMP/part" 2>"$TMP/e" )
	st=$?
	if [ $outsize -le 1024 ]; then
		ok "$name: disk-full part-way: skipped (output only $outsize bytes)"
	elif [ $st -eq 1 ] && grep -Eiq 'io-error|write error|too large' "$TMP/e"; then
		ok "$name: disk full after $(stat -c %s "$TMP/part") of $outsize bytes -> 1"
	else
		bad "$name: disk full part-way -> status $st: $(tail -n 1 "$TMP/e")"
	fi

	# P3 stdout closed
	# shellcheck disable=SC2086
	timeout "$T" $cmd "$in" >&- 2>"$TMP/e"
	st=$?
	if [ $st -ne 0 ] && [ $st -ne 124 ]; then
		ok "$name: >&- -> $st: $(tail -n 1 "$TMP/e" | cut -c1-80)"
	else
		bad "$name: stdout closed -> status $st"
	fi

	# P5 | head -1
	# shellcheck disable=SC2086
	timeout "$T" bash -c 'set -o pipefail; "$@" 2>"'"$TMP/e"'" | head -n 1 >"'"$TMP/h"'"; echo "${PIPESTATUS[0]}" >"'"$TMP/st"'"' \
	    _ $cmd "$in"
	tst=$?
	st=$(cat "$TMP/st" 2>/dev/null || echo none)
	if [ $tst -eq 124 ]; then
		bad "$name: | head -1 hangs"
	elif ! head -n 1 "$TMP/$name.out" | cmp -s - "$TMP/h"; then
		bad "$name: | head -1 did not get the first line"
	elif [ "$st" != 0 ] && [ "$st" != 141 ]; then
		bad "$name: | head -1 -> filter status $st: $(tail -n 1 "$TMP/e")"
	elif noisy "$TMP/e"; then
		bad "$name: | head -1 is noisy: $(grep -Ei -m 1 'broken pipe|EPIPE|write error|io-error' "$TMP/e")"
	else
		ok "$name: | head -1 -> filter $st, quiet (output $outsize bytes)"
	fi

	# P4 EIO half-way through the input, on stdin and on the named file;
	# and on the very first read.
	for where in stdin file first; do
		case $where in
		stdin)	env="EIO_FD=0 EIO_AFTER=$((size / 2))" ;;
		file)	env="EIO_PATH=$in EIO_AFTER=$((size / 2))" ;;
		first)	env="EIO_FD=0 EIO_AFTER=0" ;;
		esac
		if [ "$where" = file ]; then
			# shellcheck disable=SC2086
			env $env LD_PRELOAD="$TMP/eio.so" timeout "$T" $cmd "$in" \
			    >"$TMP/eio.out" 2>"$TMP/e"
		else
			# shellcheck disable=SC2086
			env $env LD_PRELOAD="$TMP/eio.so" timeout "$T" $cmd \
			    <"$in" >"$TMP/eio.out" 2>"$TMP/e"
		fi
		st=$?
		if [ $st -eq 0 ] || [ $st -eq 124 ]; then
			bad "$name: EIO ($where) -> status $st"
		elif ! grep -q 'io-error' "$TMP/e"; then
			bad "$name: EIO ($where) -> $st without io-error: $(tail -n 1 "$TMP/e")"
		elif grep -q 'status=OK' "$TMP/e"; then
			bad "$name: EIO ($where) -> summary says OK"
		else
			ok "$name: EIO ($where) -> $st, $(stat -c %s "$TMP/eio.out") of $outsize bytes written, summary not OK"
		fi
	done
done

# A cron-style pipeline under pipefail (QUALITY.md §3.2): head ends it early
# on purpose, so 141 is accepted for the stages before head, nothing else.
# geocode writes 1.4 MB, far more than a pipe holds, so it must see the
# closed pipe: 141 (default SIGPIPE disposition), not an error message.
set +e -o pipefail
vb-ingest "$TMP/inc.csv" 2>"$TMP/e1" | vb-geocode --areas "$AREAS" --xy x_rd,y_rd \
    --date pleegdatum --rejects "$TMP/geo-rej2.tsv" 2>"$TMP/e2" |
    head -n 1 >"$TMP/h"
st=("${PIPESTATUS[@]}" "$?")	# copied at once; the last one is pipefail's
rc=${st[3]}
pipeok=1
case ${st[0]} in 0 | 141) ;; *) pipeok=0 ;; esac
[ "${st[1]}" = 141 ] && [ "${st[2]}" = 0 ] && [ $rc = 141 ] || pipeok=0
if [ $pipeok = 1 ] && head -n 1 "$TMP/h" | grep -q '^registratienummer' &&
    ! cat "$TMP/e1" "$TMP/e2" | grep -Eiq 'broken pipe|write error'; then
	ok "pipeline ingest | geocode | head -1 under pipefail: statuses ${st[*]}, 141 accepted"
else
	bad "pipeline under pipefail: statuses ${st[*]} (rc $rc), first line '$(cut -c1-40 "$TMP/h")'"
fi
set +e
exit $fail
