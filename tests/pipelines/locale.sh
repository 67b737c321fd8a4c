#!/usr/bin/env bash
# locale.sh -- determinism and locale independence (QUALITY.md P9, P10,
# principle 5).  Every filter and pipeline, on the same input:
#  - run twice under LC_ALL=C: byte-identical stdout, stderr and status;
#  - run under nl_NL.UTF-8, de_DE.UTF-8 and sv_SE.UTF-8 (decimal comma,
#    other collation): byte-identical to the C run.
# Covered: every golden CLI case in tests/cli/*/*/ (each filter, with its
# numeric options), every filter on a few MB of generated data, and
# pipelines/veiligheidsbeeld.sh, which runs all source pipelines
# (politie-cbs, incidents, meldingen, veiligheidsmonitor, partners) and the
# report; its whole output directory is compared.
# No vb program calls setlocale(); the pipelines export LC_ALL=C.
# Locales that are not installed are compiled with localedef into a cache
# dir used through LOCPATH; if that is impossible the test skips (77).
set -uo pipefail
: "${BIN:?}" "${ROOT:?}" "${TMP:?}"
cd "$ROOT" || exit 1
TOOLS=$BIN/../tools
LOCS="nl_NL.UTF-8 de_DE.UTF-8 sv_SE.UTF-8"
export TZ=Europe/Amsterdam DATA=sample-data

# Locales: installed, or built into $LOCDIR.
LOCDIR=${VB_LOCPATH:-$BIN/../locales}
mkdir -p "$LOCDIR" || exit 1
for l in $LOCS; do
	if LC_ALL=$l locale 2>&1 | grep -q 'Cannot set'; then
		[ -d "$LOCDIR/$l" ] || localedef -i "${l%%.*}" -f UTF-8 "$LOCDIR/$l" \
		    >/dev/null 2>&1 || [ -d "$LOCDIR/$l" ] ||
		    { echo "locale: cannot build $l (localedef; install locales)"; exit 77; }
	fi
done
export LOCPATH=$LOCDIR
# The locales must really be in effect for C programs: a decimal comma.
# A locale built half (a localedef that was interrupted) is built again once.
for l in nl_NL.UTF-8 de_DE.UTF-8 sv_SE.UTF-8; do
	got=$(LC_ALL=$l /usr/bin/printf '%.1f' 1.5 2>&1)
	if [ "$got" != "1,5" ]; then
		rm -rf -- "${LOCDIR:?}/$l"
		localedef -i "${l%%.*}" -f UTF-8 "$LOCDIR/$l" >/dev/null 2>&1
		got=$(LC_ALL=$l /usr/bin/printf '%.1f' 1.5 2>&1)
	fi
	[ "$got" = "1,5" ] || { echo "locale: $l not effective (printf gives '$got')"; exit 77; }
done

fail=0
bad() { echo "FAIL $*"; fail=1; }

# The test commands around the filters (awk, sort in a case's cmd; the
# pipelines export LC_ALL=C themselves) stay in C: wrappers first in PATH
# run each vb-* program under $VB_LOCALE.
mkdir -p "$TMP/wrap"
for b in "$BIN"/vb-*; do
	printf '#!/bin/sh\nLC_ALL=$VB_LOCALE exec %s "$@"\n' "$b" \
	    >"$TMP/wrap/${b##*/}"
	chmod +x "$TMP/wrap/${b##*/}"
done
export PATH="$TMP/wrap:$PATH"

# run LOCALE NAME CMD -- run the shell line CMD (stdin from $in) under
# LOCALE into $TMP/NAME.LOCALE.{out,err,st}.
run() {
	local l=$1 n=$2 cmd=$3
	rm -rf "$TMP/scratch"; mkdir -p "$TMP/scratch"
	VB_LOCALE=$l LC_ALL=C TMP=$TMP/scratch bash -c "$cmd" <"$in" \
	    >"$TMP/$n.$l.out" 2>"$TMP/$n.$l.err"
	echo $? >"$TMP/$n.$l.st"
}

# same NAME A B -- are runs A and B of NAME byte-identical?
same() {
	local n=$1 a=$2 b=$3 s
	for s in out err st; do
		cmp -s "$TMP/$n.$a.$s" "$TMP/$n.$b.$s" || {
			bad "$n: $b differs from $a in std$s: $(diff "$TMP/$n.$a.$s" "$TMP/$n.$b.$s" | sed -n 2,3p | cut -c1-100 | tr '\n' ' ')"
			return 1
		}
	done
	return 0
}

check() { # check NAME CMD
	local n=$1 cmd=$2 l
	run C "$n" "$cmd"
	run C "$n" "$cmd"
	mv "$TMP/$n.C.out" "$TMP/$n.C2.out"; mv "$TMP/$n.C.err" "$TMP/$n.C2.err"
	mv "$TMP/$n.C.st" "$TMP/$n.C2.st"
	run C "$n" "$cmd"
	same "$n" C C2 || return
	for l in $LOCS; do
		run "$l" "$n" "$cmd"
		same "$n" C "$l" || return
	done
	ncase=$((ncase + 1))
}

# Control: the harness sees a locale-dependent program.  (No vb program
# calls setlocale(), so today the environment cannot reach their strtod and
# printf; this test guards against one that starts to, and the pipelines'
# own awk and sort.)
in=/dev/null
run C control 'LC_ALL=$VB_LOCALE /usr/bin/printf "%.1f\n" 1.5'
run nl_NL.UTF-8 control 'LC_ALL=$VB_LOCALE /usr/bin/printf "%.1f\n" 1.5'
! cmp -s "$TMP/control.C.out" "$TMP/control.nl_NL.UTF-8.out" ||
    { echo "locale: the control run did not differ; harness broken"; exit 1; }

# 1. Every golden CLI case (its own cmd and input).
ncase=0
for c in $(find tests/cli -mindepth 2 -maxdepth 2 -type d | sort); do
	[ -f "$c/cmd" ] || continue
	in=/dev/null; [ -f "$c/input" ] && in=$c/input
	export CASE=$c
	check "$(echo "$c" | tr / _)" "$(cat "$c/cmd")"
done
echo "locale: $ncase CLI cases identical twice and under C, $LOCS"
ncli=$ncase

# 2. Every filter on generated data (MBs, many numbers).
"$TOOLS/gen-bench" incidents 20000 >"$TMP/inc.csv"
"$TOOLS/gen-records" 20000 >"$TMP/recs.tsv"
VB_LOCALE=C vb-ingest "$TMP/inc.csv" >"$TMP/inc.tsv" 2>/dev/null
VB_LOCALE=C vb-aggregate -g period,area,theme -s count "$TMP/recs.tsv" \
    >"$TMP/agg.tsv" 2>/dev/null
awk -F'\t' 'BEGIN { OFS = "\t" } NR == 1 { print $0, "population"; next }
    { print $0, 1000 + (NR * 37) % 9000 }' "$TMP/agg.tsv" >"$TMP/aggpop.tsv"
printf '%s\n' 'dialect records' 'match exact' 'field period string required' \
    'field area string required' 'field soort string' 'field theme string' \
    'field count number min=0 max=20' >"$TMP/recs.schema"
AREAS=sample-data/reference/cartomap-buurt-2018/buurt_2018_maastricht_rd_DERIVED.geojson
ncase=0
in=/dev/null
check gen-ingest "vb-ingest '$TMP/inc.csv'"
check gen-validate "vb-validate --records --max-errors 100000 -s '$TMP/recs.schema' '$TMP/recs.tsv'"
check gen-clean "vb-clean -r tests/cli/clean/identity.rules '$TMP/recs.tsv'"
check gen-geocode "vb-geocode --areas $AREAS --xy x_rd,y_rd --date pleegdatum --rejects \$TMP/rej.tsv '$TMP/inc.tsv'; cat \$TMP/rej.tsv"
check gen-aggregate "vb-aggregate -g period,area,soort,theme -s count '$TMP/recs.tsv'"
check gen-rank "vb-rank -w period,theme -v count --index --desc -p population --eb --ci --funnel '$TMP/aggpop.tsv'"
check gen-format "vb-format '$TMP/aggpop.tsv'; vb-format -t csv '$TMP/aggpop.tsv'; vb-format -t md '$TMP/recs.tsv'"
in=$TMP/ivm.tsv
VB_LOCALE=C vb-ingest sample-data/surveys/81877NED_maastricht_2014-2019.csv >"$in" 2>/dev/null
check gen-survey-ivm "vb-survey ivm --indicators sample-data/ivm-indicators.tsv --properties sample-data/surveys/81877NED_DataProperties.csv | tee \$TMP/t.tsv; vb-survey sig < \$TMP/t.tsv"
in=/dev/null
# Each program's stderr apart: two in a pipe write theirs in either order.
check gen-survey-partners "vb-ingest sample-data/surveys/partners_2019.csv 2>\$TMP/i.err | vb-survey partners --themes sample-data/themes.tsv --agreement \$TMP/w.tsv; cat \$TMP/w.tsv \$TMP/i.err"
echo "locale: $ncase filters on generated data identical twice and under C, $LOCS"
for f in filters/*.c; do
	n=$(basename "$f" .c)
	grep -q "^check gen-$n" "$0" || bad "filter $n has no generated-data locale check"
done

# 3. All pipelines, through veiligheidsbeeld.sh, whole output directories.
# The report names its output directory, so every run writes to the same
# path and is moved away after.
pipe() { # pipe LOCALE DIR
	rm -rf "$TMP/vb" "$2"
	VB_LOCALE=$1 LC_ALL=$1 pipelines/veiligheidsbeeld.sh --timestamp fixed \
	    -o "$TMP/vb" >"$2.log" 2>&1 ||
	    bad "veiligheidsbeeld.sh under $1 failed: $(tail -n 2 "$2.log")"
	mv "$TMP/vb" "$2"
}
pipe C "$TMP/vb-C"
pipe C "$TMP/vb-C2"
diff -r "$TMP/vb-C" "$TMP/vb-C2" >"$TMP/d" || bad "veiligheidsbeeld.sh: two runs differ: $(head -n 3 "$TMP/d")"
for l in $LOCS; do
	pipe "$l" "$TMP/vb-$l"
	diff -r "$TMP/vb-C" "$TMP/vb-$l" >"$TMP/d" || bad "veiligheidsbeeld.sh: $l differs from C: $(head -n 3 "$TMP/d" | cut -c1-200)"
done
echo "locale: pipelines/veiligheidsbeeld.sh ($(find "$TMP/vb-C" -type f | wc -l) files) compared twice and under $LOCS"
[ $fail = 0 ] && echo "locale: $ncli CLI cases + generated-data runs + pipelines: all identical"
exit $fail
