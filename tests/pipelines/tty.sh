#!/usr/bin/env bash
# tty.sh -- QUALITY.md P6: a filter given no file, with standard input on a
# terminal, says on stderr that it is waiting for standard input (rather
# than hang in silence), and says nothing of the kind when standard input is
# a file or a pipe.  The terminal is a pseudo-terminal from script(1); its
# end of input (Ctrl-D) ends each filter.  Run by tests/run-pipelines.sh
# (BIN, ROOT, TMP).
set -uo pipefail
: "${BIN:?}" "${ROOT:?}" "${TMP:?}"
cd "$ROOT" || exit 1
command -v script >/dev/null || { echo "tty: script(1) not installed (bsdutils)"; exit 77; }
D=$ROOT/sample-data
AREAS=$D/reference/cartomap-buurt-2018/buurt_2018_maastricht_rd_DERIVED.geojson
printf 'field a string\n' >"$TMP/s.schema"

# name|command (reads standard input: no file operand)
jobs=(
"ingest|vb-ingest"
"validate|vb-validate --records -s $TMP/s.schema"
"clean|vb-clean -r tests/cli/clean/identity.rules"
"geocode|vb-geocode --areas $AREAS --xy x,y"
"aggregate|vb-aggregate -g a"
"rank|vb-rank -v a"
"format|vb-format"
"survey|vb-survey partners --themes $D/themes.tsv"
)
for f in filters/*.c; do
	n=$(basename "$f" .c)
	grep -q "^$n|" < <(printf '%s\n' "${jobs[@]}") ||
	    { echo "tty: filters/$n.c has no entry here"; exit 1; }
done

fail=0
for j in "${jobs[@]}"; do
	n=${j%%|*} cmd=${j#*|}
	# script's own input is empty: it passes Ctrl-D on, and the filter
	# ends (with an empty-source error or an empty result).
	timeout 20 script -qec "$cmd" /dev/null </dev/null >"$TMP/$n.tty" 2>&1
	st=$?
	[ "$st" -ne 124 ] || { echo "tty: $n hung on the terminal"; fail=1; continue; }
	grep -q "^vb-[a-z]*: waiting for standard input" "$TMP/$n.tty" ||
	    { echo "tty: $n said nothing about waiting:"; sed 's/^/  /' "$TMP/$n.tty"; fail=1; }
	# Not a terminal: no such line.
	bash -c "$cmd" </dev/null >/dev/null 2>"$TMP/$n.err"
	! grep -q "waiting for standard input" "$TMP/$n.err" ||
	    { echo "tty: $n says it is waiting when stdin is /dev/null"; fail=1; }
done
[ $fail -eq 0 ] && echo "tty: ${#jobs[@]} filters say they wait on a terminal, and only there"
exit $fail
