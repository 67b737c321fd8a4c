#!/usr/bin/env bash
# verify.sh -- check the invariants of the generated sample data with awk only
# (independent of scripts/gen-cbs.py).  Run from the project root:
#     sample-data/verify.sh
# Prints the woninginbraak and total per year and exits non-zero on any failure.
set -euo pipefail
D=${1:-sample-data}
M="$D/cbs/47022NED_maastricht_2014-2018.csv.gz"
Y="$D/cbs/47018NED_maastricht_2014-2018.csv"
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

# 1. Layout: header, CRLF on every line, padded widths, row counts.
for f in "$Y" "$M"; do
	gzip -cdf "$f" | awk -F, -v f="$f" '
	NR == 1 { if ($0 != "\"ID\",\"SoortMisdrijf\",\"WijkenEnBuurten\",\"Perioden\",\"GeregistreerdeMisdrijven_1\"\r")
		{ print f ": bad header"; bad = 1 } next }
	!/\r$/ { print f ":" NR ": no CRLF"; bad = 1 }
	length($2) != 8 || length($3) != 12 || length($4) != 10 {
		print f ":" NR ": bad padding"; bad = 1 }
	{ n++ }
	END { print f ": " n " rows"; exit bad }' || bad "layout $f"
done

# 2. Buurt codes in the tables = buurten of areas.tsv.
diff <(awk -F'\t' '$3 == "buurt" { print $1 }' "$D/areas.tsv" | sort) \
     <(awk -F, 'NR > 1 { gsub(/[" ]/, "", $3); if ($3 ~ /^BU/) print $3 }' "$Y" | sort -u) \
	|| bad "buurt codes differ from areas.tsv"

# 3. Yearly table: buurten sum to wijk, wijken to gemeente, details to 0.0.0,
#    and every cell equals the sum of its 12 months wherever no month is empty.
{ gzip -cd "$M"; cat "$Y"; } | awk -F, '
	/^"ID"/ { next }
	{ gsub(/[" \r]/, ""); c = $2; a = $3; p = $4; v = $5
	  y = substr(p, 1, 4) }
	p ~ /MM/ { if (v == "") empty[c, a, y] = 1; else msum[c, a, y] += v; next }
	{ yv[c, a, y] = v; codes[c]; areas[a]; years[y]
	  if (a ~ /^BU/) bu[c, "WK" substr(a, 3, 6), y] += v
	  if (a ~ /^WK/) wk[c, y] += v
	  if (c != "0.0.0") det[a, y] += v }
	END {
	  for (k in yv) {
		split(k, K, SUBSEP)
		if (!((K[1], K[2], K[3]) in empty) && msum[k] + 0 != yv[k]) {
			print "year != sum of months:", K[1], K[2], K[3]; bad = 1 }
		if (K[2] ~ /^WK/ && bu[k] + 0 != yv[k]) {
			print "buurten != wijk:", K[1], K[2], K[3]; bad = 1 }
		if (K[2] == "GM0935" && wk[K[1], K[3]] + 0 != yv[k]) {
			print "wijken != gemeente:", K[1], K[3]; bad = 1 }
		if (K[1] == "0.0.0" && det[K[2], K[3]] != yv[k]) {
			print "details != 0.0.0:", K[2], K[3]; bad = 1 }
	  }
	  n = 0; for (c in codes) n++; if (n != 59) { print "codes:", n; bad = 1 }
	  n = 0; for (a in areas) n++; if (n != 52) { print "areas:", n; bad = 1 }
	  for (y = 2014; y <= 2018; y++)
		printf "%d GM0935 0.0.0=%d 1.1.1=%d (months %d) 3.9.1=%d\n", y,
		    yv["0.0.0", "GM0935", y], yv["1.1.1", "GM0935", y],
		    msum["1.1.1", "GM0935", y], yv["3.9.1", "GM0935", y]
	  exit bad
	}' || bad "yearly/monthly consistency"

# 4. Monthly quirks: the four codes are empty everywhere; a few other cells are.
gzip -cd "$M" | awk -F, 'NR > 1 { gsub(/[" \r]/, "")
	if ($2 ~ /^(1\.4\.1|3\.2\.1|3\.2\.2|3\.7\.3)$/) { if ($5 != "") bad = 1; s++ }
	else if ($5 == "") o++ }
	END { printf "monthly: %d always-suppressed cells, %d other empty cells\n", s, o
	      exit bad || s != 4 * 52 * 60 || o < 1 }' || bad "monthly suppression"

# 5. Buurten of a wijk sum to it within 5 (population); dwellings exactly.
awk -F'\t' 'FILENAME ~ /areas/ { par[$1] = $4; next } FNR == 1 { next }
	{ k = $1 SUBSEP $2; pop[k] = $3; dw[k] = $4
	  if ($2 ~ /^BU/) { sp[$1, par[$2]] += $3; sd[$1, par[$2]] += $4 } }
	END { for (k in sp) { d = sp[k] - pop[k]
		if (d > 5 || d < -5 || sd[k] != dw[k]) { split(k, K, SUBSEP)
			print "population split:", K[1], K[2]; bad = 1 } }
	      exit bad }' "$D/areas.tsv" "$D/population.tsv" || bad "population"

[ "$fail" = 0 ] && echo "verify: OK"
exit "$fail"
