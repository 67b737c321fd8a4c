#!/usr/bin/env bash
# report-disclosure.sh -- disclosure control on the whole sample drop, checked
# by an independent awk re-derivation of METHOD.md 9.2 and by an attacker that
# tries to recompute every suppressed cell from its row and column totals.
# Tables: 2018 per code at gemeente, wijk and buurt level (47018NED), and 2018
# per month and code at wijk level (47022NED), both via vb-ingest + awk.
set -euo pipefail
cd "$ROOT"
t=$(printf '\t')
tidy() {	# CSV of 47018/47022 -> period area soort theme count (2018 only)
	vb-ingest "$1" 2>/dev/null | awk -F'\t' -v OFS='\t' -v lv="$2" '
		FILENAME ~ /soort-theme/ { if (FNR > 1) th[$1] = $3; next }
		FNR == 1 { print "period", "area", "soort", "theme", "count"; next }
		{ s = $2; gsub(/ /, "", s); a = $3; gsub(/ /, "", a)
		  p = substr($4, 1, 4); if (substr($4, 5, 2) == "MM") p = p "-" substr($4, 7, 2)
		  if (substr(p, 1, 4) != "2018" || th[s] == "total" || th[s] == "excl") next
		  if (lv == "wijk" && a !~ /^WK/) next
		  print p, a, s, th[s], $5 }' sample-data/soort-theme.tsv -
}
tidy sample-data/cbs/47018NED_maastricht_2014-2018.csv all > "$TMP/year.tsv"
tidy sample-data/cbs/47022NED_maastricht_2014-2018.csv.gz wijk > "$TMP/month.tsv"
opts=(-t tsv --disclosure-table sample-data/soort-theme.tsv --population sample-data/population.tsv)
check() {	# check TABLE OUTPUT
	awk -F'\t' -v tab="$1" '
	function round5(c) { return c - c % 5 + (c % 5 >= 3 ? 5 : 0) }
	function sym(v) { return v == "x" || v == "<5" || v == "." }
	function bad(msg) { print "FAIL " tab ": " msg; fails++ }
	FILENAME ~ /soort-theme/ { if (FNR > 1) cls[$1] = $7; next }
	FILENAME ~ /population/ { if (FNR > 1 && $1 == 2018) { pop[$2] = $3; dw[$2] = $4 } next }
	FILENAME ~ /\.tsv$/ && FNR == 1 { next }
	FILENAME ~ /\.tsv$/ { key[++nin] = $1 SUBSEP $2 SUBSEP $3; exact[$1 SUBSEP $2 SUBSEP $3] = $5; next }
	FNR == 1 { if ($6 != "note") bad("no note column"); next }
	{
		k = $1 SUBSEP $2 SUBSEP $3; nout++; seen[k]++
		if (!(k in exact)) { bad("row not in the input: " $2 " " $3); next }
		e = exact[k]; v = $5; c = cls[$3]; lvl = substr($2, 1, 2)
		# Every cell appears: a number, the nil sign or a symbol.
		if (v !~ /^([0-9]+|-|x|<5|\.)$/) bad("cell " v)
		if (e == "" && v != ".") bad("missing source cell shown as " v)
		if (v == "-" && e != 0) bad("nil sign for " e)
		if (lvl == "BU" && !sym(v)) {
			pub = (v == "-") ? 0 : v
			if (pop[$2] < 200 || dw[$2] < 50) bad("D1 buurt published " $2)
			if (c == "S") bad("class S at buurt level " $2 " " $3)
			if (c == "B" && e >= 1 && e <= 4) bad("class B count 1-4 published")
			if (pub != round5(e)) bad("buurt " $2 " " $3 ": " pub " for " e)
		}
		if (lvl != "BU" && !sym(v) && (v == "-" ? 0 : v) != e) bad("exact count changed " $2)
		if (lvl == "WK" && c == "S" && e >= 1 && e <= 4 && !sym(v)) bad("class S wijk count " e)
		if (sym(v) && e != "") hidden[k] = 1
		# Marginal groups: buurten of a wijk, wijken of the gemeente,
		# codes of a theme, months of a year.
		g[1] = (lvl == "BU") ? "b" SUBSEP $1 SUBSEP $3 SUBSEP substr($2, 3, 6) : ""
		g[2] = (lvl == "WK") ? "w" SUBSEP $1 SUBSEP $3 : ""
		g[3] = "c" SUBSEP $1 SUBSEP $2 SUBSEP $4
		g[4] = (length($1) == 7) ? "m" SUBSEP substr($1, 1, 4) SUBSEP $2 SUBSEP $3 : ""
		for (i = 1; i <= 4; i++) if (g[i] != "") {
			# A cell missing at the source is unknown to the
			# attacker as well.
			n[g[i]]++; if (sym(v)) { u[g[i]]++; who[g[i]] = k }
			if (!sym(v)) known[g[i]] += (v == "-" ? 0 : v)
		}
	}
	END {
		if (nout != nin) bad("rows in " nin ", out " nout)
		for (i = 1; i <= nin; i++) if (seen[key[i]] != 1) bad("input row missing or doubled")
		# The attacker: a group total minus the published members gives a
		# hidden member exactly when it is the only hidden one.
		for (q in u) if (n[q] > 1 && u[q] == 1) {
			split(who[q], f, SUBSEP); bad("recoverable from totals: " f[2] " " f[3] " (" q ")")
		}
		for (q in u) nsup += u[q]
		printf "%s: %d rows, %d hidden cells checked, %d failures\n", tab, nout, length(hidden), fails
		exit fails > 0
	}' sample-data/soort-theme.tsv sample-data/population.tsv "$TMP/$1.tsv" "$2"
}
for tab in year month; do
	vb-format "${opts[@]}" "$TMP/$tab.tsv" > "$TMP/$tab.out" 2> "$TMP/$tab.err"
	vb-format "${opts[@]}" "$TMP/$tab.tsv" 2>/dev/null | cmp - "$TMP/$tab.out"
	tail -n 1 "$TMP/$tab.err"
	check "$tab" "$TMP/$tab.out"
done
# The checks must catch leaks: publish one D5 buurt cell (then its D1-D3
# partner is recoverable), and one class S buurt cell.
awk -F'\t' -v OFS='\t' 'NR == FNR { if (FNR > 1) ex[$1 SUBSEP $2 SUBSEP $3] = $5; next }
	!done && $2 ~ /^BU/ && $6 == "D5" { e = ex[$1 SUBSEP $2 SUBSEP $3]
		$5 = e - e % 5 + (e % 5 >= 3 ? 5 : 0); $6 = ""; done = 1 } 1' \
	"$TMP/year.tsv" "$TMP/year.out" > "$TMP/leak1.out"
awk -F'\t' -v OFS='\t' '!done && $2 ~ /^BU/ && $6 == "D2" { $5 = 5; $6 = ""; done = 1 } 1' \
	"$TMP/year.out" > "$TMP/leak2.out"
for l in leak1 leak2; do
	cmp -s "$TMP/year.out" "$TMP/$l.out" && { echo "FAIL: $l did not apply"; exit 1; }
	if check year "$TMP/$l.out" > "$TMP/$l.log"; then echo "FAIL: $l not caught"; exit 1; fi
	grep -m 1 FAIL "$TMP/$l.log" | sed "s/^/caught $l: /"
done
echo ok
