#!/usr/bin/env bash
# politie-cbs-shards -- shard-merge: the monthly sample split by line into 4
# shards (header kept on each), ingest | clean | aggregate per shard and the
# shard outputs merged with vb-aggregate --merge, must be byte-identical to
# one run over the whole table; with and without a denominator.
# Env: BIN, ROOT, TMP.  Exit 0 pass, 77 skip, else fail.
set -euo pipefail
cd "$ROOT"
for p in vb-ingest vb-clean vb-aggregate; do
	command -v "$p" >/dev/null || { echo "skip: $p not built"; exit 77; }
done
vb-aggregate --help 2>/dev/null | grep -q -- --merge ||
    { echo "skip: vb-aggregate has no --merge"; exit 77; }
fails=0
# split TABLE NAME: NAME.all.csv and the shards NAME.1..4.csv
split_table() {
	zcat -f "$1" >"$TMP/$2.all.csv"
	head -n 1 "$TMP/$2.all.csv" >"$TMP/$2.hdr"
	tail -n +2 "$TMP/$2.all.csv" >"$TMP/$2.body"
	split -n l/4 -d "$TMP/$2.body" "$TMP/$2.body."
	local i=0 b
	for b in "$TMP/$2".body.*; do
		i=$((i + 1))
		cat "$TMP/$2.hdr" "$b" >"$TMP/$2.$i.csv"
	done
	[ "$i" -eq 4 ] || { echo "FAIL: $i shards of $2"; exit 1; }
	[ "$(cat "$TMP/$2".body.* | wc -l)" -eq "$3" ] || { echo "FAIL: rows of $2"; exit 1; }
}
split_table sample-data/cbs/47022NED_maastricht_2014-2018.csv.gz month 184080
split_table sample-data/cbs/47018NED_maastricht_2014-2018.csv year 15340

for variant in month year; do
	rules=pipelines/rules/47022NED.rules
	agg=(vb-aggregate -g 'period,area,level,theme' -s count)
	if [ $variant = year ]; then
		rules=pipelines/rules/47018NED.rules
		agg+=(--denominator sample-data/population.tsv --join 'period,area'
		    --value population --per 1000)
	fi
	run() {	# CSV OUT
		vb-ingest "$1" 2>/dev/null | vb-clean -r "$rules" 2>/dev/null |
		    "${agg[@]}" >"$2" 2>/dev/null
	}
	run "$TMP/$variant.all.csv" "$TMP/one.$variant"
	for i in 1 2 3 4; do
		run "$TMP/$variant.$i.csv" "$TMP/part.$variant.$i"
	done
	if ! { head -n 1 "$TMP/part.$variant.1"
	    for i in 1 2 3 4; do tail -n +2 "$TMP/part.$variant.$i"; done; } |
	    "${agg[@]}" --merge >"$TMP/merged.$variant" 2>"$TMP/merge.err"; then
		cat "$TMP/merge.err"
		echo "FAIL: merge ($variant)"
		fails=$((fails + 1))
		continue
	fi
	if ! cmp "$TMP/one.$variant" "$TMP/merged.$variant"; then
		diff "$TMP/one.$variant" "$TMP/merged.$variant" | head -n 10 || true
		echo "FAIL: merged shards differ from one run ($variant)"
		fails=$((fails + 1))
	fi
	# the shards really split the groups: shard 1 lacks some of them
	[ "$(wc -l <"$TMP/part.$variant.1")" -lt "$(wc -l <"$TMP/one.$variant")" ] ||
	    { echo "FAIL: shard 1 has every group ($variant)"; fails=$((fails + 1)); }
	# and nothing was lost: n sums to the rows of the table
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "n") c = i; next } { s += $c } END { print s }' \
	    "$TMP/merged.$variant" >"$TMP/n.$variant"
	[ "$(cat "$TMP/n.$variant")" -eq "$(($(wc -l <"$TMP/$variant.all.csv") - 1))" ] ||
	    { echo "FAIL: n over groups ($variant)"; fails=$((fails + 1)); }
done
[ "$fails" -eq 0 ] || exit 1
echo "politie-cbs-shards: OK"
