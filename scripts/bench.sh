#!/usr/bin/env bash
# bench.sh O -- make bench: vb against the tools an analyst would use instead
# (Miller, datamash, DuckDB, awk, GDAL, shapely), side by side on the same
# generated data, on this machine.  A benchmark, not a test: it prints figures
# and never fails on them.  BENCH_ROWS (default 10000000) sets the size.
set -uo pipefail
O=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/$O/bin
TOOLS=$ROOT/$O/tools
W=${BENCH_DIR:-$ROOT/$O/bench}
ROWS=${BENCH_ROWS:-10000000}
export PATH="$BIN:$PATH" LC_ALL=C
mkdir -p "$W"
RESULTS=$W/results.tsv
printf 'section\ttool\tseconds\tMB_per_s\trows_per_s\tpeak_rss_MB\n' >"$RESULTS"

note() { printf '%s\n' "$*" >&2; }

# measure SECTION TOOL BYTES ROWS COMMAND -- run COMMAND (a shell string)
# twice, keep the faster run; record seconds, MB/s, rows/s and peak RSS.
measure() {
	local sec=$1 tool=$2 bytes=$3 rows=$4 cmd=$5 best='' rss='' t r run
	for run in 1 2; do
		# A run over 30 s is not repeated: the anchors are slow enough.
		if [ "$run" = 2 ] && awk -v b="$best" 'BEGIN { exit !(b > 30) }'; then
			break
		fi
		/usr/bin/time -f '%e %M' -o "$W/time.out" bash -c "$cmd" \
		    >/dev/null 2>"$W/err.out" || {
			note "  $tool: failed: $(tail -n 2 "$W/err.out")"; return 1; }
		read -r t r <"$W/time.out"
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then
			best=$t rss=$r
		fi
	done
	awk -v s="$sec" -v n="$tool" -v t="$best" -v b="$bytes" -v r="$rows" \
	    -v m="$rss" 'BEGIN { if (t <= 0) t = 0.001;
	    printf "%s\t%s\t%.2f\t%.0f\t%.0f\t%.1f\n", s, n, t, b/1e6/t, r/t, m/1024 }' \
	    | tee -a "$RESULTS" | awk -F'\t' '{ printf "  %-28s %7.2f s %7.0f MB/s %10.0f rows/s %7.1f MB RSS\n", $2, $3, $4, $5, $6 }'
}

# ratio SECTION VB_TOOL -- print vb's speed against every anchor in SECTION.
ratio() {
	awk -F'\t' -v s="$1" -v v="$2" '$1 == s { t[$2] = $3 }
	    END { if (!(v in t)) { print "  (no " v " figure: no ratio)"; exit }
	    for (k in t) if (k != v) printf "  ratio %s / %s = %.2fx\n", v, k, t[k] / t[v] }' "$RESULTS"
}

have() { command -v "$1" >/dev/null 2>&1; }

duck=
if have node && have npm; then
	if [ ! -d "$W/node/node_modules/@duckdb/node-api" ]; then
		mkdir -p "$W/node"
		(cd "$W/node" && npm install --no-audit --no-fund @duckdb/node-api \
		    >/dev/null 2>&1) || note "bench: npm install @duckdb/node-api failed; DuckDB skipped"
	fi
	if [ -d "$W/node/node_modules/@duckdb/node-api" ]; then
		cp "$ROOT/scripts/duckdb.mjs" "$W/node/"
		duck="node $W/node/duckdb.mjs"
	fi
fi
[ -n "$duck" ] || note "bench: DuckDB not available (needs node and npm); skipped"
PY=/usr/bin/python3

CSV=$W/incidents-$ROWS.csv
if [ ! -s "$CSV" ]; then
	note "bench: generating $ROWS incident rows"
	"$TOOLS/gen-bench" incidents "$ROWS" >"$CSV.tmp" && mv "$CSV.tmp" "$CSV"
fi
BYTES=$(stat -c %s "$CSV")
note "bench: $(nproc) cores; input $CSV ($((BYTES / 1000000)) MB, $ROWS rows); warm cache"
cat "$CSV" >/dev/null

echo "== ingest: CSV -> TSV records (vb: 1 core; DuckDB: ${DUCKDB_THREADS:-2} threads)"
measure ingest vb-ingest "$BYTES" "$ROWS" "vb-ingest --no-provenance '$CSV' > '$W/incidents.tsv'"
[ -n "$duck" ] && measure ingest duckdb "$BYTES" "$ROWS" \
    "$duck \"COPY (SELECT * FROM read_csv('$CSV', all_varchar=true)) TO '$W/duck.tsv' (DELIMITER '\t', HEADER, QUOTE '')\""
have mlr && measure ingest mlr "$BYTES" "$ROWS" "mlr --icsv --otsv cat '$CSV' > '$W/mlr.tsv'"
ratio ingest vb-ingest
rm -f "$W/duck.tsv" "$W/mlr.tsv"

TSV=$W/incidents.tsv
TBYTES=$(stat -c %s "$TSV")
echo "== group-by count on records (soort)"
have vb-aggregate && measure groupby vb-aggregate "$TBYTES" "$ROWS" "vb-aggregate -g soort '$TSV'"
[ -n "$duck" ] && measure groupby duckdb "$TBYTES" "$ROWS" \
    "$duck \"SELECT soort, count(*) FROM read_csv('$TSV', delim='\t', header=true, quote='', escape='', all_varchar=true) GROUP BY soort\""
have mlr && measure groupby mlr "$TBYTES" "$ROWS" "mlr --tsv count -g soort '$TSV'"
have datamash && measure groupby datamash "$TBYTES" "$ROWS" "datamash -H -s -g 4 count 4 < '$TSV'"
AWK=awk; have mawk && AWK=mawk
measure groupby "$AWK" "$TBYTES" "$ROWS" "$AWK -F'\t' 'NR > 1 { n[\$4]++ } END { for (k in n) print k, n[k] }' '$TSV'"
ratio groupby vb-aggregate

for s in "$ROOT"/scripts/bench.d/*.sh; do
	[ -f "$s" ] || continue
	# shellcheck source=/dev/null
	. "$s"
done
echo "results: $RESULTS"
