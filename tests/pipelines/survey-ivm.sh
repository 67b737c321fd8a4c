#!/usr/bin/env bash
# survey-ivm.sh -- pipelines/veiligheidsmonitor.sh on the sample drop.
# Checks, each derived independently of vb-survey (awk over the raw CSV):
# record balance per stage; one output per (period, area, indicator); the
# published report marks; n < 50 suppressed and 50..99 indicatief; the new
# table version (reordered, renumbered columns, other row order) gives the
# same bytes; the flat city file equals the StatLine 2019 wave; every z
# recomputed from the bounds; a method break is never marked; the METHOD.md
# §7.3 test vector.
set -euo pipefail
D=$ROOT/sample-data/surveys
fail=0
bad() { echo "FAIL: $*"; fail=1; }

pipelines/veiligheidsmonitor.sh -o "$TMP/v1" -p "$D/81877NED_DataProperties.csv" \
    "$D/81877NED_maastricht_2014-2019.csv" 2>"$TMP/v1.log"
pipelines/veiligheidsmonitor.sh -o "$TMP/v2" -p "$D/81877NED_DataProperties_v2.csv" \
    "$D/81877NED_maastricht_v2.csv" 2>"$TMP/v2.log"

# 1. Every stage: read = kept + rejected, and nothing rejected here.
awk '/read [0-9]+, kept/ {
	for (i = 1; i <= NF; i++) {
		if ($i == "read") r = $(i + 1) + 0
		if ($i == "kept") k = $(i + 1) + 0
		if ($i == "rejected") j = $(i + 1) + 0
	}
	if (r != k + j) { print "unbalanced: " $0; bad = 1 }
	if (j != 0) { print "rejects: " $0; bad = 1 }
} END { exit bad }' "$TMP/v1/summary.txt" || bad "stage balance"
raw_rows=$(($(wc -l <"$D/81877NED_maastricht_2014-2019.csv") - 1))
grep -q "vb-survey ivm .*: read $raw_rows, kept $raw_rows" "$TMP/v1/summary.txt" ||
	bad "ivm did not read all $raw_rows rows"

# 2. One record per (period, area, indicator): distinct (region, period) of
# the raw file times the indicators of the table (minus the n row).
nind=$(awk -F'\t' 'NR > 1 && $4 != "n"' sample-data/ivm-indicators.tsv | wc -l)
ncell=$(awk -F, 'NR > 1 { gsub(/[" \r]/, ""); k[$3 "," $4] = 1 }
	END { print length(k) }' "$D/81877NED_maastricht_2014-2019.csv")
got=$(($(wc -l <"$TMP/v1/indicators.tsv") - 1))
[ "$got" -eq $((ncell * nind)) ] || bad "indicators: $got records, want $((ncell * nind))"
dups=$(awk -F'\t' 'NR > 1 { n[$1 FS $2 FS $3]++ } END { for (k in n) if (n[k] > 1) c++; print c + 0 }' \
    "$TMP/v1/indicators.tsv")
[ "$dups" -eq 0 ] || bad "$dups repeated keys"

# 3. The city's published report mark for safety.
marks=$(awk -F'\t' '$2 == "GM0935" && $3 == "rapportcijfer_veiligheid" { printf "%s ", $4 }' \
    "$TMP/v1/indicators.tsv")
[ "$marks" = "6.5 6.6 7 6.9 7.1 " ] || bad "report marks: $marks"

# 4. Small samples, from the raw n column (MW00000 rows).
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i ~ /OngewogenAantalRespondenten/) c = i; next }
	/MW00000/ { gsub(/[" \r]/, ""); print substr($4, 1, 4) "\t" $3 "\t" $c }' \
    "$D/81877NED_maastricht_2014-2019.csv" | sort >"$TMP/n.tsv"
awk -F'\t' 'NR == FNR { n[$1 FS $2] = $3; next }
	FNR == 1 { next }
	{ k = $1 FS $2; if (n[k] != $7) { print "n differs " k; bad = 1 }
	  if ($12 == "" || $12 == "suppressed") {
	    if ((n[k] < 50) != ($12 == "suppressed")) { print "suppression " k " " $3; bad = 1 }
	    if ((n[k] >= 50 && n[k] < 100) != ($13 ~ /indicatief/)) { print "indicatief " k; bad = 1 }
	  }
	  if ($12 == "suppressed" && $4 != "") { print "value shown " k; bad = 1 }
	} END { exit bad }' "$TMP/n.tsv" "$TMP/v1/indicators.tsv" || bad "small-sample rules"
grep -q $'\tsuppressed\t' "$TMP/v1/indicators.tsv" || bad "the sample has no suppressed cell"
grep -q $'\tsecret\t' "$TMP/v1/indicators.tsv" || bad "the x cell is not secret"

# 5. A new table version: same bytes.
cmp "$TMP/v1/indicators.tsv" "$TMP/v2/indicators.tsv" || bad "v2 indicators differ"
cmp "$TMP/v1/significance.tsv" "$TMP/v2/significance.tsv" || bad "v2 significance differs"

# 5b. Beleving per theme (METHOD.md §6 B): band of city / NL over the share
# indicators where lower is better, 4-5 capped at 3 unless |z| > 1.96; the
# theme's B is the mean rounded half up.
cmp "$TMP/v1/theme-scores.tsv" "$TMP/v2/theme-scores.tsv" || bad "v2 theme scores differ"
awk -F'\t' 'NR == FNR { if (FNR > 1 && $1 == 2019 && $8 == "pct" && $9 == 0 && $12 == "")
		{ v[$2 FS $3] = $4; m[$2 FS $3] = ($6 - $5) / 2; th[$3] = $10 }; next }
	FNR == 1 { next }
	{ sum = 0; n = 0
	  for (i in th) {
	    if (th[i] != $1 || !(("GM0935" FS i) in v) || !(("NL01" FS i) in v)) continue
	    a = v["GM0935" FS i]; b = v["NL01" FS i]; r = a / b
	    z = (a - b) / sqrt((m["GM0935" FS i] / 1.96) ^ 2 + (m["NL01" FS i] / 1.96) ^ 2)
	    s = r < 0.80 ? 1 : r < 0.95 ? 2 : r <= 1.05 ? 3 : r <= 1.25 ? 4 : 5
	    if (s > 3 && z <= 1.96 && z >= -1.96) s = 3
	    sum += s; n++ }
	  if (n != $6 || int(sum / n + 0.5) != $2) { print "B " $1 ": " $2 " want " int(sum / n + 0.5); bad = 1 }
	  k++ }
	END { if (k < 5) bad = 1; exit bad }' "$TMP/v1/indicators.tsv" "$TMP/v1/theme-scores.tsv" ||
	bad "Beleving scores"

# 5c. The golden CLI case with renamed, reordered, renumbered columns and
# reversed rows expects the very bytes of the plain case.
cmp tests/cli/survey/0001-ivm-statline/expout tests/cli/survey/0007-ivm-renamed-columns/expout ||
	bad "CLI goldens 0001 and 0007 differ"

# 6. The flat city publication of 2019 gives the StatLine 2019 records.
pipelines/veiligheidsmonitor.sh -o "$TMP/flat" "$D/ivm_maastricht_2019_flat.csv" 2>/dev/null
awk -F'\t' 'NR == 1 || ($1 == 2019 && $2 != "NL01")' "$TMP/v1/indicators.tsv" |
	cmp - "$TMP/flat/indicators.tsv" || bad "flat layout differs from StatLine"

# 7. Every z from the bounds: (v - r) / sqrt(((u-l)/2/1.96)^2 + ...), and
# marks only outside +-1.96 and never across a method break.
awk -F'\t' 'NR == FNR { if (FNR > 1) { k = $1 FS $2 FS $3; lo[k] = $5; hi[k] = $6; ser[k] = $11 }; next }
	FNR == 1 { next }
	{ a = $1 FS $2 FS $3; b = $5 FS $6 FS $3
	  s1 = (hi[a] - lo[a]) / 2 / 1.96; s2 = (hi[b] - lo[b]) / 2 / 1.96
	  z = ($7 - $8) / sqrt(s1 * s1 + s2 * s2)
	  if (z - $10 > 1e-6 || $10 - z > 1e-6) { print "z " a " " z " " $10; bad = 1 }
	  brk = ser[a] != ser[b]
	  if (brk != ($17 ~ /methodebreuk/)) { print "break flag " a; bad = 1 }
	  want = brk ? "" : z > 1.96 ? "+" : z < -1.96 ? "\342\200\223" : ""
	  if ($13 != want) { print "mark " a " [" $13 "]"; bad = 1 }
	  n++
	} END { if (n < 100) bad = 1; exit bad }' \
    "$TMP/v1/indicators.tsv" "$TMP/v1/significance.tsv" || bad "significance"
grep -q $'^2019\tGM0935\tsociale_overlast\twave\t2017\t.*methodebreuk' \
    "$TMP/v1/significance.tsv" || bad "the 2018 break of sociale_overlast"

# 8. METHOD.md §7.3: 18.7 % (n 900) vs 22.0 % (n 850), deff 1.3: margins
# 2.9045 and 3.1752, z 1.5030, p 0.1328 (not significant).
printf 'Jaar;Gebied;Indicator;Waarde;N\n2017;GM0935;Voelt zich weleens onveilig;18,7;900\n2019;GM0935;Voelt zich weleens onveilig;22,0;850\n' \
    >"$TMP/vec.csv"
pipelines/veiligheidsmonitor.sh -o "$TMP/vec" "$TMP/vec.csv" 2>/dev/null
awk -F'\t' 'NR == FNR { if ($1 == 2017) m1 = ($6 - $5) / 2; if ($1 == 2019) m2 = ($6 - $5) / 2; next }
	FNR == 2 {
	  # Unrounded, from the formula itself.
	  e1 = 196 * sqrt(1.3 * 0.187 * 0.813 / 900); e2 = 196 * sqrt(1.3 * 0.22 * 0.78 / 850)
	  ez = 3.3 / sqrt((e1 / 1.96) ^ 2 + (e2 / 1.96) ^ 2)
	  ok = (m1 - e1) ^ 2 < 1e-12 && (m2 - e2) ^ 2 < 1e-12 && ($10 - ez) ^ 2 < 1e-12
	  ok = ok && ($10 - 1.5030) ^ 2 < 0.00005 ^ 2 && ($11 - 0.1328) ^ 2 < 0.00005 ^ 2
	  ok = ok && (m1 - 2.9045) ^ 2 < 0.00005 ^ 2 && (m2 - 3.1752) ^ 2 < 0.00005 ^ 2
	  ok = ok && $13 == "" && $12 == 0
	  if (!ok) print "vector: m1 " m1 " m2 " m2 " z " $10 " p " $11
	  found = ok }
	END { exit !found }' "$TMP/vec/indicators.tsv" "$TMP/vec/significance.tsv" ||
	bad "METHOD.md 7.3 test vector"

# 9. Rejects are counted: a symbol outside the CBS set and a repeated row.
sed -e '3s/,[0-9.]*,/,n\/a,/' -e '$p' "$D/81877NED_maastricht_2014-2019.csv" >"$TMP/bad.csv"
pipelines/veiligheidsmonitor.sh -o "$TMP/bad" -p "$D/81877NED_DataProperties.csv" "$TMP/bad.csv" \
    2>/dev/null
n_in=$(($(wc -l <"$TMP/bad.csv") - 1))
grep -q "vb-survey ivm bad.csv: read $n_in, kept $((n_in - 2)), rejected 2" "$TMP/bad/summary.txt" ||
	bad "bad.csv: $(cat "$TMP/bad/summary.txt")"
[ "$(awk -F'\t' 'NR > 1 { print $6 }' "$TMP/bad/rejects.tsv" | sort | tr '\n' ' ')" = \
    "primary-key type-error/number " ] || bad "reject codes"
[ "$(stat -c %a "$TMP/bad/rejects.tsv")" = 600 ] || bad "rejects.tsv mode"

[ $fail = 0 ]
