#!/usr/bin/env bash
# make-picture.sh DIR -- a picture directory (docs/tables.md layout) built from
# sample-data with vb-ingest, awk and vb-rank, for the report tests while
# pipelines/veiligheidsbeeld.sh is not there.  Writes ref/, crime/counts-year.tsv,
# stats.tsv, series.tsv, priorities.tsv and manifest.tsv.  Needs vb-ingest and
# vb-rank in PATH; run from the project root.
set -euo pipefail
P=$1
mkdir -p "$P/ref" "$P/crime"
cp sample-data/areas.tsv sample-data/themes.tsv "$P/ref/"
cp sample-data/reference/cartomap-buurt-2018/buurt_2018_maastricht_rd_DERIVED.geojson "$P/ref/buurt.geojson"
cp sample-data/reference/tmap-nld-2022/NLD_dist_maastricht_rd_DERIVED.geojson "$P/ref/wijk.geojson"
t=$(printf '\t')

# Tidy yearly counts per code, as politie-cbs.sh writes them.
vb-ingest sample-data/cbs/47018NED_maastricht_2014-2018.csv 2>/dev/null |
awk -F'\t' -v OFS='\t' '
	FILENAME ~ /soort-theme/ { if (FNR > 1) th[$1] = $3; next }
	FILENAME ~ /areas/ { if (FNR > 1) lv[$1] = $3; next }
	FNR == 1 { print "period", "area", "level", "soort", "theme", "count", "status"; next }
	{ s = $2; gsub(/ /, "", s); a = $3; gsub(/ /, "", a)
	  print substr($4, 1, 4), a, lv[a], s, th[s], $5, ($5 == "" ? "suppressed" : "") }
' sample-data/soort-theme.tsv sample-data/areas.tsv - > "$P/crime/counts-year.tsv"

# Per period, area and theme, with the denominator of the theme.
awk -F'\t' -v OFS='\t' '
	FILENAME ~ /population/ { if (FNR > 1) { pop[$1 SUBSEP $2] = $3; dw[$1 SUBSEP $2] = $4 } next }
	FNR == 1 { next }
	$5 == "total" || $5 == "excl" { next }
	{ k = $1 SUBSEP $2 SUBSEP $3 SUBSEP $5; c[k] += $6; if ($6 == "") miss[k] = 1 }
	END {
		print "period", "area", "level", "theme", "denom", "count", "population", "status"
		for (k in c) {
			split(k, f, SUBSEP)
			d = f[4] == "1.3/woninginbraak" ? "woningen" : "inwoners"
			n = d == "woningen" ? dw[f[1] SUBSEP f[2]] : pop[f[1] SUBSEP f[2]]
			print f[1], f[2], f[3], f[4], d, (k in miss ? "" : c[k]), n, (k in miss ? "suppressed" : "")
		}
	}' sample-data/population.tsv "$P/crime/counts-year.tsv" |
	(IFS= read -r h; echo "$h"; LC_ALL=C sort -t "$t" -k4,4 -k1,1 -k2,2) > "$P/theme-year.tsv"

# The last year with its trend base (the three years before).
awk -F'\t' -v OFS='\t' '
	NR == FNR { if (FNR > 1 && $1 >= 2015 && $1 <= 2017) { bc[$2 SUBSEP $4] += $6; bp[$2 SUBSEP $4] += $7 } next }
	FNR == 1 { print $0, "base_count", "base_population"; next }
	$1 == 2018 { print $0, bc[$2 SUBSEP $4], bp[$2 SUBSEP $4] }' \
	"$P/theme-year.tsv" "$P/theme-year.tsv" > "$P/last.tsv"
vb-rank -w theme,level -v rate --desc --ci --eb --index --trend "$P/last.tsv" > "$P/stats.tsv" 2>/dev/null
vb-rank -w period,theme,level -v rate --desc --ci "$P/theme-year.tsv" 2>/dev/null |
	awk -F'\t' 'NR == 1 || $3 != "buurt"' > "$P/series.tsv"

# Priority scores with fixed, invented Beleving and Partner scores.
awk -F'\t' -v OFS='\t' '
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
		print "theme", "count", "population", "bench_rate", "base_count", "base_population", "E", "B", "P"; next }
	$c["level"] == "gemeente" { n++
		print $c["theme"], $c["count"], $c["population"], $c["rate"] * (0.8 + 0.1 * (n % 5)),
		    $c["base_count"], $c["base_population"], 1 + (n * 7) % 5, 1 + (n * 3) % 5, 1 + (n * 2) % 5 }' \
	"$P/stats.tsv" > "$P/prio-in.tsv"
vb-rank --priorities "$P/prio-in.tsv" > "$P/priorities.tsv" 2>/dev/null
rm -f "$P/last.tsv" "$P/prio-in.tsv" "$P/theme-year.tsv"

# Manifest: the inputs with their SHA-256 and record counts.
{
	printf 'kind\tname\tvalue\tsha256\trecords\trejects\n'
	printf 'version\tvb\t%s\t\t\t\n' "$(cat VERSION)"
	printf 'parameter\tfixture\ttests/report/make-picture.sh\t\t\t\n'
	for f in sample-data/cbs/47018NED_maastricht_2014-2018.csv sample-data/population.tsv \
	    sample-data/soort-theme.tsv sample-data/areas.tsv; do
		printf 'input\t%s\t\t%s\t%s\t0\n' "$f" "$(sha256sum "$f" | cut -c1-64)" "$(($(wc -l < "$f") - 1))"
	done
} > "$P/manifest.tsv"
