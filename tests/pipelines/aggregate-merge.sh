#!/usr/bin/env bash
# aggregate-merge -- vb-aggregate over shards, merged with --merge, equals one
# run over all records (cmp), whatever the order of the records; n adds up to
# the records read; sums, counts and extremes agree with an awk computation.
set -euo pipefail
cd "$TMP"

# 20,000 random records over the Maastricht areas of the sample population
# (plus one area without a population), with empty and decimal counts.
awk -F'\t' 'NR > 1 && $1 == "2018" { print $2 }' \
    "$ROOT/sample-data/population.tsv" >areas
echo WK999999 >>areas
awk -v seed=935 '
BEGIN { srand(seed) }
{ area[n++] = $0 }
END {
	print "period\tarea\tsoort\tcount"
	for (i = 0; i < 20000; i++) {
		a = area[int(rand() * rand() * n)]
		p = 2014 + int(rand() * 5)
		if (rand() < 0.3)
			p = p "-" sprintf("%02d", 1 + int(rand() * 12))
		s = "1." int(1 + rand() * 4) "." int(1 + rand() * 3)
		r = rand()
		c = r < 0.03 ? "" : r < 0.06 ? sprintf("%.2f", rand() * 10) : \
		    int(rand() * rand() * 40)
		print p "\t" a "\t" s "\t" c
	}
}' areas >all.tsv
nrec=$(($(wc -l <all.tsv) - 1))
[ "$nrec" -eq 20000 ]

opts=(-g period,area -s count --min count --max count --mean count
    --denominator "$ROOT/sample-data/population.tsv" --join period,area)

vb-aggregate "${opts[@]}" all.tsv >one.tsv 2>one.err
grep -q "^vb-aggregate: read 20000, kept 20000, rejected 0;" one.err

# Four shards by line; each aggregated alone, then merged.
head -n 1 all.tsv >hdr
tail -n +2 all.tsv >body
split -n l/4 body shard.
for s in shard.a?; do
	cat hdr "$s" | vb-aggregate "${opts[@]}" >"$s.agg" 2>/dev/null
done
shards=(shard.a?.agg)
[ "${#shards[@]}" -eq 4 ]
{ head -n 1 one.tsv; for s in "${shards[@]}"; do tail -n +2 "$s"; done; } |
    vb-aggregate "${opts[@]}" --merge >merged.tsv 2>merged.err
cmp one.tsv merged.tsv
# The merge read the shard rows, not the records behind them.
rows=$(cat "${shards[@]}" | grep -vc '^period')
grep -q "^vb-aggregate: read $rows, kept $rows, rejected 0;" merged.err

# Plain cat of the shard outputs: the repeated headers are skipped.
cat "${shards[@]}" | vb-aggregate "${opts[@]}" --merge >cat.tsv 2>cat.err
cmp one.tsv cat.tsv
grep -q "read $rows, kept $rows, rejected 0;.*duplicate-header-row:3" cat.err

# A tree of merges (2 + 2, in reverse order) gives the same bytes.
{ cat shard.ad.agg; tail -n +2 shard.ac.agg; } |
    vb-aggregate "${opts[@]}" --merge >m34 2>/dev/null
{ cat shard.ab.agg; tail -n +2 shard.aa.agg; } |
    vb-aggregate "${opts[@]}" --merge >m12 2>/dev/null
{ cat m34; tail -n +2 m12; } |
    vb-aggregate "${opts[@]}" --merge >tree.tsv 2>/dev/null
cmp one.tsv tree.tsv

# Order independence: shuffled records (fixed seed), one run and shards.
{ head -n 1 all.tsv; tail -n +2 all.tsv |
    shuf --random-source=<(yes 935); } >shuf.tsv
cmp <(sort all.tsv) <(sort shuf.tsv)
! cmp -s all.tsv shuf.tsv
vb-aggregate "${opts[@]}" shuf.tsv >shuf.agg 2>/dev/null
cmp one.tsv shuf.agg
tail -n +2 shuf.tsv | split -n r/4 - rshard.
for s in rshard.a?; do
	cat hdr "$s" | vb-aggregate "${opts[@]}" >"$s.agg" 2>/dev/null
done
{ head -n 1 one.tsv; for s in rshard.a?.agg; do tail -n +2 "$s"; done; } |
    vb-aggregate "${opts[@]}" --merge >rmerged.tsv 2>/dev/null
cmp one.tsv rmerged.tsv

# Sum of n = records read.
sum_n=$(awk -F'\t' 'NR > 1 { s += $3 } END { print s }' one.tsv)
[ "$sum_n" -eq "$nrec" ]

# Output sorted by the keys, bytewise.
tail -n +2 one.tsv | cut -f 1,2 >keys
LC_ALL=C sort -c -t "$(printf '\t')" -k1,1 -k2,2 keys

# Independent computation in awk: n, missing, sum, min and max per group.
awk -F'\t' 'NR > 1 {
	k = $1 "\t" $2
	n[k]++
	if ($4 == "") { miss[k]++; next }
	have[k]++
	s[k] += $4
	if (!(k in mn) || $4 + 0 < mn[k]) mn[k] = $4 + 0
	if (!(k in mx) || $4 + 0 > mx[k]) mx[k] = $4 + 0
}
END {
	for (k in n)
		printf "%s\t%d\t%s\t%d\t%s\t%s\n", k, n[k],
		    have[k] ? sprintf("%.2f", s[k]) : "", miss[k],
		    have[k] ? sprintf("%.2f", mn[k]) : "",
		    have[k] ? sprintf("%.2f", mx[k]) : ""
}' all.tsv | LC_ALL=C sort >want
awk -F'\t' 'NR > 1 {
	printf "%s\t%s\t%d\t%s\t%d\t%s\t%s\n", $1, $2, $3,
	    $4 == "" ? "" : sprintf("%.2f", $4), $5,
	    $6 == "" ? "" : sprintf("%.2f", $6),
	    $7 == "" ? "" : sprintf("%.2f", $7)
}' one.tsv | LC_ALL=C sort >got
diff want got

# Rates: 1000 * count / population, checked where both are present.
awk -F'\t' 'NR > 1 && $9 != "" {
	want = 1000 * $4 / $9
	if ((want - $10) ^ 2 > 1e-16) { print "rate", $0; bad = 1 }
}
NR > 1 && $1 ~ /^201[4-8]$/ && $2 != "WK999999" && $9 == "" {
	print "no population", $0; bad = 1
}
END { exit bad }' one.tsv
grep -q $'\tWK999999\t' one.tsv
grep -q "foreign-key" one.err

# Rejects: a bad row in a shard is counted there; read = kept + rejected
# over all shards, and the merge of the good rows still adds up.
{ cat hdr shard.aa; printf '2018\tWK093500\t1.1.1\tveel\n'; } >bad.tsv
vb-aggregate "${opts[@]}" --rejects rej.tsv bad.tsv >bad.agg 2>bad.err
grep -q "rejected 1;" bad.err
[ "$(tail -n +2 rej.tsv | cut -f 6)" = type-error ]
cmp bad.agg shard.aa.agg
echo "aggregate-merge: ok ($nrec records, $(($(wc -l <one.tsv) - 1)) groups)"
