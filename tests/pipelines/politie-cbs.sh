#!/usr/bin/env bash
# politie-cbs -- pipelines/politie-cbs.sh on the sample drop, checked against
# an independent awk computation over the raw CSV files (zcat | awk): the
# monthly and yearly counts cell by cell, "yearly = sum of the months where
# no month is suppressed", 0.0.0 as published, the provisional flag, rates
# per 1,000 and the index, read = kept + rejected in summary.txt, rejects.tsv
# mode 0600, and the sample's own invariants (sample-data/verify.sh).
# Env: BIN (vb-* first in PATH), ROOT, TMP.  Exit 0 pass, 77 skip, else fail.
set -euo pipefail
cd "$ROOT"
for p in vb-ingest vb-clean vb-aggregate vb-rank; do
	command -v "$p" >/dev/null || { echo "skip: $p not built"; exit 77; }
done
month=sample-data/cbs/47022NED_maastricht_2014-2018.csv.gz
year=sample-data/cbs/47018NED_maastricht_2014-2018.csv
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
show() { diff "$1" "$2" | head || true; }

bash sample-data/verify.sh >"$TMP/verify.log" || fail "sample-data/verify.sh"

# Raw CBS CSV -> "period<TAB>area<TAB>soort<TAB>value" with the value as
# published (empty kept), periods written 2018 / 2018-01, codes unpadded.
raw_cells() {
	zcat -f -- "$1" | awk -F, -v OFS='\t' '
		{ sub(/\r$/, "") }
		NR == 1 { next }
		{ for (i = 2; i <= 4; i++) { gsub(/"/, "", $i); sub(/ +$/, "", $i) }
		  p = $4
		  if (substr(p, 5, 2) == "JJ") per = substr(p, 1, 4)
		  else per = substr(p, 1, 4) "-" substr(p, 7, 2)
		  print per, $3, $2, $5 }'
}
raw_cells "$month" | sort >"$TMP/raw-month"
raw_cells "$year" | sort >"$TMP/raw-year"

# --- run 1: the monthly table alone (years are summed from months) ---------
pipelines/politie-cbs.sh -o "$TMP/m" "$month" 2>"$TMP/m.err" ||
    { cat "$TMP/m.err"; echo "FAIL: pipeline (monthly) failed"; exit 1; }
for f in counts-month.tsv counts-year.tsv rates.tsv rejects.tsv summary.txt; do
	[ -f "$TMP/m/$f" ] || fail "no $f"
done
[ "$(stat -c %a "$TMP/m/rejects.tsv")" = 600 ] || fail "rejects.tsv mode"
want='period	year	month	provisional	area	level	soort	theme	count	status'
[ "$(head -n 1 "$TMP/m/counts-month.tsv")" = "$want" ] || fail "counts-month header"
[ "$(head -n 1 "$TMP/m/counts-year.tsv")" = "$want" ] || fail "counts-year header"
[ "$(head -n 1 "$TMP/m/rates.tsv")" = "period	area	level	theme	count	population	rate	index	rank" ] ||
    fail "rates header"

# summary: every stage read = kept + rejected
awk '{ if (!match($0, /read [0-9]+, kept [0-9]+, rejected [0-9]+/)) { bad = 1; next }
       split(substr($0, RSTART, RLENGTH), w, /[ ,]+/)
       if (w[2] != w[4] + w[6]) bad = 1; n++ }
     END { exit bad || n < 3 }' "$TMP/m/summary.txt" || fail "summary.txt N = K + R"
grep -q 'vb-clean: read 184080, kept 184080, rejected 0' "$TMP/m/summary.txt" ||
    fail "clean did not keep all 184080 monthly rows"

# counts-month: every raw cell, value as published; empty -> suppressed.
awk -F'\t' -v OFS='\t' 'NR > 1 { print $1, $5, $7, ($10 == "suppressed" ? "" : $9) }' \
    "$TMP/m/counts-month.tsv" | sort >"$TMP/got-month"
cmp -s "$TMP/raw-month" "$TMP/got-month" || { show "$TMP/raw-month" "$TMP/got-month"; fail "counts-month vs raw"; }
awk -F'\t' 'NR > 1 && ($9 == "") != ($10 == "suppressed") { exit 1 }' "$TMP/m/counts-month.tsv" ||
    fail "counts-month: empty count without status suppressed"

# 0.0.0 as published, not the sum of details (GM0935 2018-06: 903 vs 877).
t=$(awk -F'\t' '$1 == "2018-06" && $5 == "GM0935" && $7 == "0.0.0" { print $9 }' "$TMP/m/counts-month.tsv")
d=$(awk -F'\t' '$1 == "2018-06" && $5 == "GM0935" && $7 != "0.0.0" { s += $9 } END { print s }' "$TMP/m/counts-month.tsv")
raw_t=$(awk -F'\t' '$1 == "2018-06" && $2 == "GM0935" && $3 == "0.0.0" { print $4 }' "$TMP/raw-month")
{ [ "$t" = "$raw_t" ] && [ "$t" != "$d" ]; } || fail "0.0.0 GM0935 2018-06: got $t, raw $raw_t, details $d"

# vb-clean is idempotent: the pipeline's own rules on its output change nothing.
vb-clean -r pipelines/rules/47022NED.rules "$TMP/m/counts-month.tsv" 2>/dev/null |
    cmp -s - "$TMP/m/counts-month.tsv" || fail "vb-clean not idempotent on counts-month.tsv"

# provisional: 2018 only (Perioden list), level from the area code prefix.
awk -F'\t' 'NR > 1 && ($4 != ($2 == 2018 ? 1 : 0)) { exit 1 }' "$TMP/m/counts-month.tsv" ||
    fail "provisional flag"
awk -F'\t' 'NR > 1 { l = substr($5, 1, 2) == "GM" ? "gemeente" : substr($5, 1, 2) == "WK" ? "wijk" : "buurt"
    if (l != $6) exit 1 }' "$TMP/m/counts-month.tsv" || fail "level"

# counts-year from months: sum of 12 months; empty + suppressed if any month
# is empty.  Independent: over the raw monthly cells.
awk -F'\t' -v OFS='\t' '
	{ k = substr($1, 1, 4) OFS $2 OFS $3; n[k]++
	  if ($4 == "") e[k] = 1; else s[k] += $4 }
	END { for (k in n) print k, (e[k] ? "" : s[k]), (e[k] ? "suppressed" : "") }' \
    "$TMP/raw-month" | sort >"$TMP/want-year-m"
awk -F'\t' -v OFS='\t' 'NR > 1 { print $1, $5, $7, $9, $10 }' "$TMP/m/counts-year.tsv" |
    sort >"$TMP/got-year-m"
cmp -s "$TMP/want-year-m" "$TMP/got-year-m" || { show "$TMP/want-year-m" "$TMP/got-year-m"; fail "counts-year (from months) vs raw months"; }

# The issue's check: yearly table = sum of months wherever no month is
# suppressed (and the suppressed cells are exactly those with an empty month).
join -t "$(printf '\t')" \
    <(awk -F'\t' -v OFS='\t' '{ print $1 "|" $2 "|" $3, $4, $5 }' "$TMP/got-year-m" | sort) \
    <(awk -F'\t' -v OFS='\t' '{ print $1 "|" $2 "|" $3, $4 }' "$TMP/raw-year" | sort) >"$TMP/joined"
[ "$(wc -l <"$TMP/joined")" -eq 15340 ] || fail "year cells joined: $(wc -l <"$TMP/joined")"
awk -F'\t' '$3 == "" && $2 != $4 { bad++ } $3 == "suppressed" { sup++ }
    END { print "suppressed year cells:", sup + 0; exit bad > 0 || sup != 1050 }' "$TMP/joined" ||
    fail "yearly != sum of months where no month is suppressed"

# Rates: theme sums per wijk and buurt from raw cells (run 1: the months
# taken as years; run 2: the yearly table), population.tsv, per 1,000.
check_rates() {	# DIR YEARCELLS
	awk -F'\t' -v OFS='\t' '
		FILENAME == ARGV[1] { if (FNR > 1) theme[$1] = $3; next }
		FILENAME == ARGV[2] { if (FNR > 1) pop[$1 OFS $2] = $3; next }
		FILENAME == ARGV[3] { th = theme[$3]
		  if (th == "excl" || $2 ~ /^GM/) next
		  k = $1 OFS $2 OFS th
		  if ($4 == "") e[k] = 1; else c[k] += $4; seen[k] = 1; next }
		FNR == 1 { next }
		{ k = $1 OFS $2 OFS $4; got++
		  if (!(k in seen)) { print "extra " k; bad++; next }
		  want_c = e[k] ? "" : c[k]
		  if ($5 != want_c) { print "count " k ": " $5 " want " want_c; bad++ }
		  if ($6 != pop[$1 OFS $2]) { print "population " k; bad++ }
		  if (want_c == "") { if ($7 != "") { print "rate " k " should be empty"; bad++ } }
		  else { r = 1000 * c[k] / pop[$1 OFS $2]
		    if ($7 == "" || (($7 - r) > 1e-6 * (r + 1) || (r - $7) > 1e-6 * (r + 1))) {
		      print "rate " k ": " $7 " want " r; bad++ } } }
		END { n = 0; for (k in seen) n++
		  if (n != got) { print "rows " got " want " n; bad++ }
		  exit bad > 0 }' sample-data/soort-theme.tsv sample-data/population.tsv "$2" "$1/rates.tsv"
}
awk -F'\t' -v OFS='\t' '{ print substr($1, 1, 4), $2, $3, $4 }' "$TMP/raw-month" >"$TMP/raw-month-as-year"
check_rates "$TMP/m" "$TMP/raw-month-as-year" >"$TMP/rates-m.log" ||
    { head -n 5 "$TMP/rates-m.log"; fail "rates (monthly run) vs raw"; }

# --- run 2: both tables (years as published) --------------------------------
pipelines/politie-cbs.sh -o "$TMP/b" "$month" "$year" 2>"$TMP/b.err" ||
    { cat "$TMP/b.err"; echo "FAIL: pipeline (both) failed"; exit 1; }
cmp -s "$TMP/m/counts-month.tsv" "$TMP/b/counts-month.tsv" || fail "counts-month differs with a yearly table"
awk -F'\t' -v OFS='\t' 'NR > 1 { print $1, $5, $7, $9 }' "$TMP/b/counts-year.tsv" | sort >"$TMP/got-year-b"
cmp -s "$TMP/raw-year" "$TMP/got-year-b" || { show "$TMP/raw-year" "$TMP/got-year-b"; fail "counts-year vs raw yearly table"; }
check_rates "$TMP/b" "$TMP/raw-year" >"$TMP/rates-b.log" ||
    { head -n 5 "$TMP/rates-b.log"; fail "rates (yearly table) vs raw"; }

# index: 100 x rate / pooled rate of (period, level, theme), where computable.
awk -F'\t' 'NR == 1 { next } $5 != "" { k = $1 FS $3 FS $4; c[k] += $5; p[k] += $6; r[NR] = $7; i[NR] = $8; kk[NR] = k }
    END { for (n in r) { if (i[n] == "" || c[kk[n]] == 0) continue; want = 100 * r[n] / (1000 * c[kk[n]] / p[kk[n]])
      if (i[n] - want > 1e-4 * (want + 1) || want - i[n] > 1e-4 * (want + 1)) { print "index", kk[n], i[n], want; bad++ } ; ok++ }
      exit bad > 0 || ok == 0 }' "$TMP/b/rates.tsv" >"$TMP/index.log" ||
    { head -n 5 "$TMP/index.log"; fail "index vs pooled rate"; }

# rank: within (period, level, theme), a higher rate never ranks lower
# (rank 1 = the highest rate); every row with a rate has a rank.
awk -F'\t' 'NR == 1 { next } $7 != "" { if ($9 == "") { print "no rank", $0; bad++ }
    k = $1 FS $3 FS $4; n[k]++; rate[k, n[k]] = $7; rank[k, n[k]] = $9 }
    END { for (k in n) for (a = 1; a <= n[k]; a++) for (b = 1; b <= n[k]; b++)
      if (rate[k, a] + 0 > rate[k, b] + 0 && rank[k, a] + 0 >= rank[k, b] + 0) { print "rank order", k; bad++ }
      exit bad > 0 }' "$TMP/b/rates.tsv" >"$TMP/rank.log" ||
    { head -n 5 "$TMP/rank.log"; fail "rank order"; }

# Determinism: the same run twice gives the same bytes.
pipelines/politie-cbs.sh -o "$TMP/b2" "$month" "$year" 2>/dev/null
for f in counts-month.tsv counts-year.tsv rates.tsv rejects.tsv summary.txt; do
	cmp -s "$TMP/b/$f" "$TMP/b2/$f" || fail "$f differs between two runs"
done

# A bad row goes to rejects.tsv with its CSV line; the run goes on.
printf '"ID","SoortMisdrijf","WijkenEnBuurten","Perioden","GeregistreerdeMisdrijven_1"\r\n1,"1.1.1 ","GM0935    ","2018MM01",3\r\n2,"1.1.1 ","GM0935    ","2018",3\r\n' >"$TMP/47022NED_bad.csv"
pipelines/politie-cbs.sh -p sample-data/cbs/47022NED_Perioden.csv -o "$TMP/bad" "$TMP/47022NED_bad.csv" 2>"$TMP/bad.err" ||
    fail "pipeline failed on a row-local error"
awk -F'\t' -v src="$TMP/47022NED_bad.csv" '$1 == "clean" && $2 == src && $3 == 3 && $5 == "period" &&
    $6 == "type-error/period" { ok = 1 } END { exit !ok }' \
    "$TMP/bad/rejects.tsv" || fail "bad period not in rejects.tsv at line 3"
grep -q 'vb-clean: read 2, kept 1, rejected 1' "$TMP/bad/summary.txt" || fail "summary of the bad table"
[ "$(wc -l <"$TMP/bad/counts-month.tsv")" -eq 2 ] || fail "kept row of the bad table"

# A failing stage fails the run with its message (unterminated quote), and
# nothing is published.
printf '"ID","SoortMisdrijf","WijkenEnBuurten","Perioden","GeregistreerdeMisdrijven_1"\r\n1,"1.1.1 ","GM0935    ","2018MM01",3\r\n2,"1.1.1 ,GM0935,2018MM01,3\r\n' >"$TMP/47022NED_broken.csv"
if pipelines/politie-cbs.sh -p sample-data/cbs/47022NED_Perioden.csv -o "$TMP/broken" "$TMP/47022NED_broken.csv" 2>"$TMP/broken.err"; then
	fail "pipeline passed a broken CSV"
fi
{ grep -q "vb-ingest failed" "$TMP/broken.err" && grep -q quote-error "$TMP/broken.err"; } ||
    { cat "$TMP/broken.err"; fail "no stage message for a broken CSV"; }
[ ! -e "$TMP/broken/counts-month.tsv" ] || fail "output published after a failure"
[ -z "$(ls -A "$TMP/broken")" ] || fail "work directory left behind"

[ "$fails" -eq 0 ] || { echo "$fails failures"; exit 1; }
echo "politie-cbs: OK"
