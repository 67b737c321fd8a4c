#!/usr/bin/env bash
# veiligheidsbeeld.sh -- the whole veiligheidsbeeld from the source pipelines:
# statistics per wijk/buurt x theme, the priority matrix, the table of
# disagreeing angles, the evaluation of the previous programme, the
# quarterly table, a manifest, and the HTML report (vb-format --html).
#
# usage: veiligheidsbeeld.sh [-h] [-c conf] [-d datadir] [--period YYYYQn]
#            [--crime DIR] [--incidents DIR] [--meldingen DIR]
#            [--monitor DIR] [--partners DIR] [--no-html]
#            [--timestamp text] -o DIR
#
# Without --crime etc. the source pipelines are run on the bundled sample
# data (pipelines/politie-cbs.sh, incidents.sh, meldingen.sh,
# veiligheidsmonitor.sh, partners.sh); with them, their output directories
# are copied in.  A source pipeline that is missing or fails is skipped with
# a message on stderr and in DIR/messages.txt; the picture is still written,
# without that angle.  Tables and columns: docs/tables.md.  Parameters:
# pipelines/priorities.conf (or -c).  The vb-* programs come from PATH.
set -euo pipefail
shopt -s inherit_errexit
umask 022
export LC_ALL=C

prog=veiligheidsbeeld
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

usage() {
	cat >&2 <<'EOF'
usage: veiligheidsbeeld.sh [-h] [-c conf] [-d datadir] [--period YYYYQn]
           [--crime DIR] [--incidents DIR] [--meldingen DIR]
           [--monitor DIR] [--partners DIR] [--no-html]
           [--timestamp text] -o DIR
EOF
	exit "$1"
}
die() {
	echo "$prog: $*" >&2
	exit 1
}

out='' conf=$here/priorities.conf data=$root/sample-data period='' html=1
timestamp=''
declare -A given=()
while [ $# -gt 0 ]; do
	case $1 in
	-h | --help) usage 0 ;;
	-o) [ $# -ge 2 ] || usage 2; out=$2; shift 2 ;;
	-c) [ $# -ge 2 ] || usage 2; conf=$2; shift 2 ;;
	-d) [ $# -ge 2 ] || usage 2; data=$2; shift 2 ;;
	--period) [ $# -ge 2 ] || usage 2; period=$2; shift 2 ;;
	--crime | --incidents | --meldingen | --monitor | --partners)
		[ $# -ge 2 ] || usage 2
		[ -d "$2" ] || die "source-missing: $1 $2: not a directory"
		given[${1#--}]=$(cd "$2" && pwd); shift 2 ;;
	--no-html) html=0; shift ;;
	--timestamp) [ $# -ge 2 ] || usage 2; timestamp=$2; shift 2 ;;
	*) echo "$prog: usage-error: unknown argument '$1'" >&2; usage 2 ;;
	esac
done
[ -n "$out" ] || usage 2
if [ -n "$period" ] && ! [[ $period =~ ^[0-9]{4}Q[1-4]$ ]]; then
	echo "$prog: usage-error: --period wants YYYYQn, e.g. 2019Q2" >&2
	usage 2
fi
[ -r "$conf" ] || die "config-error: cannot read $conf"
for f in soort-theme.tsv themes.tsv areas.tsv population.tsv; do
	[ -r "$data/$f" ] || die "config-error: cannot read $data/$f"
done
command -v vb-rank >/dev/null || die "config-error: vb-rank is not in PATH"

buurtmap=$data/reference/cartomap-buurt-2018/buurt_2018_maastricht_rd_DERIVED.geojson
wijkmap=$data/reference/tmap-nld-2022/NLD_dist_maastricht_rd_DERIVED.geojson

mkdir -p -- "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "$out/.work.XXXXXX")
# On failure, show what the stages said before the work directory goes.
on_exit() {
	local st=$? f
	if [ $st -ne 0 ]; then
		for f in "$work"/*.err; do
			[ -s "$f" ] || continue
			echo "$prog: ${f##*/}:" >&2
			cat -- "$f" >&2
		done
	fi
	rm -rf -- "$work"
}
trap on_exit EXIT
: >"$work/messages.txt"
: >"$work/angles.tsv"

say() {
	echo "$prog: $*" >&2
	echo "$*" >>"$work/messages.txt"
}

# --- configuration -------------------------------------------------------

# conf KEY: the fields after KEY of every line with that key, TAB-separated.
conf() {
	awk -F'\t' -v k="$1" '/^#/ || NF == 0 { next } $1 == k {
		s = ""; for (i = 2; i <= NF; i++) s = s (i > 2 ? "\t" : "") $i
		print s }' "$conf"
}
conf1() {
	local v
	v=$(conf "$1" | head -n 1)
	[ -n "$v" ] || v=$2
	printf '%s\n' "$v"
}
per=$(conf1 per 1000)
q=$(conf1 q 0.10)
high=$(conf1 tier_threshold 3.5)
maxprio=$(conf1 max_priorities 3)
orientation=$(conf1 orientation amsterdam)
bench_area=$(conf1 benchmark_area NL01)
# Weight sets as --weight-set options (a/b fractions evaluated here).
wopts=()
while IFS=$'\t' read -r _ o t e b p; do
	wopts+=(--weight-set "$(awk -v s="$o,$t,$e,$b,$p" 'BEGIN {
		n = split(s, a, ","); out = ""
		for (i = 1; i <= n; i++) { v = a[i]
			if (index(v, "/")) { split(v, f, "/"); v = f[1] / f[2] }
			out = out (i > 1 ? "," : "") sprintf("%.17g", v) }
		print out }')")
done < <(conf weights)
[ ${#wopts[@]} -eq 0 ] || [ ${#wopts[@]} -eq 8 ] ||
    die "config-error: $conf: give all four weight sets (W0..W3) or none"

# --- the source pipelines -------------------------------------------------

# source NAME SCRIPT ARGS...: copy the given output directory, or run the
# source pipeline into DIR/NAME; on failure skip the angle with a message.
source_angle() {
	local name=$1 script=$2
	shift 2
	rm -rf -- "${out:?}/$name"
	if [ -n "${given[$name]:-}" ]; then
		cp -Rp -- "${given[$name]}" "$out/$name"
		printf '%s\tok: taken from %s\n' "$name" "${given[$name]}" >>"$work/angles.tsv"
		return 0
	fi
	if [ ! -x "$here/$script" ]; then
		say "$name: skipped: pipelines/$script does not exist (yet)"
		printf '%s\tskipped: pipelines/%s missing\n' "$name" "$script" >>"$work/angles.tsv"
		return 0
	fi
	if "$here/$script" -o "$out/$name" "$@" 2>"$work/$name.log"; then
		printf '%s\tok\n' "$name" >>"$work/angles.tsv"
	else
		say "$name: skipped: pipelines/$script failed: $(tail -n 1 "$work/$name.log")"
		printf '%s\tskipped: pipelines/%s failed\n' "$name" "$script" >>"$work/angles.tsv"
		rm -rf -- "${out:?}/$name"
	fi
}

source_angle crime politie-cbs.sh -d "$data" \
    "$data/cbs/47022NED_maastricht_2014-2018.csv.gz" \
    "$data/cbs/47018NED_maastricht_2014-2018.csv"
source_angle incidents incidents.sh -p "$here/profiles/politie-bvh.profile" \
    "$data/incidents/politie-2018.csv"
source_angle meldingen meldingen.sh -p "$here/profiles/mor-signalen.profile" \
    "$data/incidents/meldingen-2018.csv"
source_angle monitor veiligheidsmonitor.sh \
    -p "$data/surveys/81877NED_DataProperties.csv" \
    "$data/surveys/81877NED_maastricht_2014-2019.csv"
source_angle partners partners.sh "$data/surveys/partners_2019.csv"

crime_ok=0
if [ -r "$out/crime/counts-year.tsv" ]; then
	crime_ok=1
else
	say "crime: no counts-year.tsv: the registered-crime tables are empty"
fi

# --- reference copies -----------------------------------------------------

mkdir -p "$out/ref"
cp -- "$data/areas.tsv" "$data/themes.tsv" "$out/ref/"
if [ -r "$buurtmap" ] && [ -r "$wijkmap" ]; then
	cp -- "$buurtmap" "$out/ref/buurt.geojson"
	# The wijk file names its code "code"; the picture uses "statcode".
	sed 's/"properties": { "code": /"properties": { "statcode": /' \
	    "$wijkmap" >"$out/ref/wijk.geojson"
	vb-rank --neighbours-of "$out/ref/buurt.geojson" >"$out/ref/neighbours.tsv"
else
	say "boundaries: not found under $data/reference: no maps, no local EB"
	printf 'area\tneighbour\n' >"$out/ref/neighbours.tsv"
fi

# --- theme metadata from soort-theme.tsv ----------------------------------
# theme denom sevmax haalcodes: denom woningen when all codes use woningen,
# none when all are count-only, else inwoners.
# A series break (priorities.conf series_break CODE YEAR) moves the first
# comparable year of every theme holding that code.
conf series_break >"$work/breaks.tsv"
awk -F'\t' -v OFS='\t' -v OFMT=%.10g -v CONVFMT=%.10g '
	FILENAME == ARGV[1] { brk[$1] = $2; next }
	FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["theme"] == "total" || $c["theme"] == "excl" { next }
	{ t = $c["theme"]; d = $c["denom"]; n[t]++
	  if (d == "woningen") w[t]++; if (d == "none" || d == "") z[t]++
	  if (brk[$c["soort"]] > first[t]) first[t] = brk[$c["soort"]] }
	END { print "theme", "denom", "first"
	      for (t in n) print t, (w[t] == n[t] ? "woningen" : z[t] == n[t] ? "none" : "inwoners"), first[t] + 0 }
' "$work/breaks.tsv" "$data/soort-theme.tsv" | (IFS= read -r h; printf '%s\n' "$h"; sort) >"$work/themedenom.tsv"

# --- counts per year x area x theme ---------------------------------------
# year area level theme count status (empty count, status suppressed when
# any code of the theme is empty), plus per-theme haal and sev sums.
if [ $crime_ok = 1 ]; then
	awk -F'\t' -v OFS='\t' -v OFMT=%.10g -v CONVFMT=%.10g '
		FNR == NR { if (FNR == 1) { for (i = 1; i <= NF; i++) s[$i] = i; next }
			grp[$s["soort"]] = $s["grp"]; sev[$s["soort"]] = $s["sev"]; next }
		FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["theme"] == "total" || $c["theme"] == "excl" || $c["theme"] == "" { next }
		{ k = $c["year"] SUBSEP $c["area"] SUBSEP $c["level"] SUBSEP $c["theme"]
		  seen[k] = 1
		  if ($c["count"] == "") bad[k] = 1
		  else { n[k] += $c["count"]
			if (grp[$c["soort"]] == "haal") h[k] += $c["count"]
			if (sev[$c["soort"]] != "") { sw[k] += $c["count"] * sev[$c["soort"]]
				if (sev[$c["soort"]] > sm[k]) sm[k] = sev[$c["soort"]] } } }
		END { print "year", "area", "level", "theme", "count", "status", "haal", "sevsum", "sevmax"
		      for (k in seen) { split(k, f, SUBSEP)
			print f[1], f[2], f[3], f[4], (k in bad) ? "" : n[k] + 0,
			    (k in bad) ? "suppressed" : "", h[k] + 0, sw[k] + 0, sm[k] + 0 } }
	' "$data/soort-theme.tsv" "$out/crime/counts-year.tsv" |
	    (IFS= read -r h; printf '%s\n' "$h"; sort) >"$work/ty.tsv"
else
	printf 'year\tarea\tlevel\ttheme\tcount\tstatus\thaal\tsevsum\tsevmax\n' >"$work/ty.tsv"
fi
last=$(awk -F'\t' 'NR > 1 && $1 > m { m = $1 } END { print m }' "$work/ty.tsv")
[ -n "$last" ] || last=0

# denominators and trend base joined in:
# period area level theme denom count population status base_count base_population
join_denoms() {
	awk -F'\t' -v OFS='\t' -v last="$1" -v levels="$2" -v allyears="$3" '
		FILENAME == ARGV[1] { if (FNR > 1) { den[$1] = $2; first[$1] = $3 }; next }
		FILENAME == ARGV[2] { if (FNR == 1) { for (i = 1; i <= NF; i++) p[$i] = i; next }
			inw[$p["period"], $p["area"]] = $p["population"]
			won[$p["period"], $p["area"]] = $p["dwellings"]; next }
		FNR == 1 { next }
		{ y = $1; a = $2; l = $3; t = $4
		  cnt[y, a, t] = $5; st[y, a, t] = $6; lev[a] = l; th[t] = 1; ar[a] = 1
		  if (y > maxy) maxy = y }
		function pop(y, a, t) { d = den[t]; if (d == "none") return ""
			return d == "woningen" ? won[y, a] : inw[y, a] }
		END {
		  print "period", "area", "level", "theme", "denom", "count", "population", "status", "base_count", "base_population"
		  for (a in ar) { if (index(levels, lev[a]) == 0) continue
		    for (t in th) for (y = maxy - 10; y <= maxy; y++) {
		      if (!((y, a, t) in cnt)) continue
		      if (!allyears && y != last) continue
		      bc = 0; bp = 0; ok = 1; nb = 0
		      for (b = y - 3; b < y; b++) {
		        if (b < first[t]) continue
		        if (!((b, a, t) in cnt) || cnt[b, a, t] == "" || pop(b, a, t) == "") { ok = 0; break }
		        bc += cnt[b, a, t]; bp += pop(b, a, t); nb++ }
		      if (nb == 0) ok = 0
		      print y, a, lev[a], t, den[t], cnt[y, a, t], pop(y, a, t), st[y, a, t],
		          ok ? bc : "", ok ? bp : "" } } }
	' "${4:-$work/themedenom.tsv}" "$data/population.tsv" "${5:-$work/ty.tsv}"
}

# --- stats.tsv ------------------------------------------------------------
join_denoms "$last" "gemeente wijk buurt" 0 |
vb-rank -w period,theme,level --eb --ci --index --funnel --trend --desc \
    --neighbours "$out/ref/neighbours.tsv" --per "$per" --q "$q" \
    --orientation "$orientation" 2>"$work/stats.err" >"$work/stats.tsv"
grep -v '^$' "$work/stats.err" | sed 's/^/stats: /' >>"$work/messages.txt" || true
# The bezoekersgebied flag (priorities.conf) as the last column.
awk -F'\t' -v OFS='\t' -v list="$(conf bezoekersgebied | head -n 1)" '
	BEGIN { n = split(list, v, "\t"); for (i = 1; i <= n; i++) vis[v[i]] = 1 }
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print $0, "bezoekersgebied"; next }
	{ print $0, ($c["area"] in vis) ? 1 : "" }' "$work/stats.tsv" >"$work/stats.tmp"
mv -f -- "$work/stats.tmp" "$work/stats.tsv"

# provisional TABLE: append the provisional flag of the row's year (1 when
# the crime data mark any figure of that year provisional, METHOD.md §3.1).
if [ $crime_ok = 1 ]; then
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["provisional"] == 1 { p[$c["year"]] = 1 } END { for (y in p) print y }' \
	    "$out/crime/counts-year.tsv" >"$work/provisional.txt"
else
	: >"$work/provisional.txt"
fi
provisional() {
	awk -F'\t' -v OFS='\t' 'FILENAME == ARGV[1] { p[$1] = 1; next }
		FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print $0, "provisional"; next }
		{ print $0, ($c["period"] in p) ? 1 : 0 }' "$work/provisional.txt" "$1" >"$1.tmp"
	mv -f -- "$1.tmp" "$1"
}
provisional "$work/stats.tsv"

# --- trend-codes.tsv ------------------------------------------------------
# The buurt trend per SoortMisdrijf code, Benjamini-Hochberg per code
# (METHOD.md §8.5); wijk rows unadjusted.  Denominator per code: woningen
# or none as soort-theme.tsv says, else inwoners (personenautos and
# vestigingen are not in population.tsv).
awk -F'\t' -v OFS='\t' '
	FILENAME == ARGV[1] { brk[$1] = $2; next }
	FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print "theme", "denom", "first"; next }
	$c["theme"] == "total" || $c["theme"] == "excl" { next }
	{ d = $c["denom"]; print $c["soort"], (d == "woningen" || d == "none") ? d : "inwoners", brk[$c["soort"]] + 0 }
' "$work/breaks.tsv" "$data/soort-theme.tsv" >"$work/codedenom.tsv"
if [ $crime_ok = 1 ]; then
	awk -F'\t' -v OFS='\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
		print "year", "area", "level", "theme", "count", "status"; next }
		$c["theme"] == "total" || $c["theme"] == "excl" || ($c["level"] != "wijk" && $c["level"] != "buurt") { next }
		{ print $c["year"], $c["area"], $c["level"], $c["soort"], $c["count"], $c["count"] == "" ? "suppressed" : "" }
	' "$out/crime/counts-year.tsv" >"$work/tc.tsv"
else
	printf 'year\tarea\tlevel\ttheme\tcount\tstatus\n' >"$work/tc.tsv"
fi
join_denoms "$last" "wijk buurt" 0 "$work/codedenom.tsv" "$work/tc.tsv" |
awk -F'\t' -v OFS='\t' 'FILENAME == ARGV[1] { if (FNR > 1) th[$1] = $3; next }
	FNR == 1 { $4 = "soort"; print $0, "theme"; next } { print $0, th[$4] }' \
    "$data/soort-theme.tsv" - |
vb-rank -w period,soort,level --eb --ci --trend --desc --per "$per" --q "$q" \
    2>"$work/tc.err" >"$work/trend-codes.tsv"
grep -v '^$' "$work/tc.err" | sed 's/^/trend-codes: /' >>"$work/messages.txt" || true
provisional "$work/trend-codes.tsv"

# --- registrations.tsv ----------------------------------------------------
# Police incidents and MOR meldingen per area x theme (yearly rows), next to
# the CBS figures and never added to them: rates per 1,000 inwoners, EB,
# index and rank per source x theme x level.  Absent area x theme = 0.
{
	printf 'period\tarea\tlevel\tsource\ttheme\tcount\tpopulation\n'
	for src in incidents meldingen; do
		f=$out/$src/counts.tsv
		[ -r "$f" ] || continue
		awk -F'\t' -v OFS='\t' -v src="$src" '
			FILENAME == ARGV[1] { if (FNR == 1) { for (i = 1; i <= NF; i++) ac[$i] = i; next }
				lev[$ac["area"]] = $ac["level"]; next }
			FILENAME == ARGV[2] { if (FNR == 1) { for (i = 1; i <= NF; i++) p[$i] = i; next }
				inw[$p["period"], $p["area"]] = $p["population"]; next }
			FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
			$c["month"] != 0 || $c["theme"] == "" { next }
			{ y = $c["year"]; t = $c["theme"]; yt[y, t] = 1; n[y, $c["area"], t] += $c["count"] }
			END { for (k in yt) { split(k, f, SUBSEP)
				for (a in lev) print f[1], a, lev[a], src, f[2], n[f[1], a, f[2]] + 0, inw[f[1], a] } }
		' "$data/areas.tsv" "$data/population.tsv" "$f"
	done
} | vb-rank -w period,source,theme,level --eb --ci --index --desc --per "$per" \
    --orientation "$orientation" 2>"$work/reg.err" >"$work/registrations.tsv"
grep -v '^$' "$work/reg.err" | sed 's/^/registrations: /' >>"$work/messages.txt" || true

# --- subindex.tsv ---------------------------------------------------------
# Per area: each group = mean of its themes' index (EB), each sub-index =
# mean of its groups (METHOD.md §5.2, equal weights).
conf subindex >"$work/subindex.conf"
awk -F'\t' -v OFS='\t' -v OFMT=%.10g -v CONVFMT=%.10g '
	FILENAME == ARGV[1] { ng++; sx[ng] = $1; gr[ng] = $2
		n = split($3, t, ","); for (i = 1; i <= n; i++) mem[t[i], ng] = 1; next }
	FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["index"] == "" { next }
	{ a = $c["area"]; per[a] = $c["period"]; lev[a] = $c["level"]
	  for (g = 1; g <= ng; g++) if (($c["theme"], g) in mem) { s[a, g] += $c["index"]; k[a, g]++ } }
	END { print "period", "area", "level", "subindex", "group", "index", "n"
	  for (a in lev) {
	    delete ss; delete sk
	    for (g = 1; g <= ng; g++) {
	      if (!((a, g) in k)) continue
	      print per[a], a, lev[a], sx[g], gr[g], s[a, g] / k[a, g], k[a, g]
	      ss[sx[g]] += s[a, g] / k[a, g]; sk[sx[g]]++ }
	    for (x in ss) print per[a], a, lev[a], x, "", ss[x] / sk[x], sk[x] } }
' "$work/subindex.conf" "$work/stats.tsv" |
    (IFS= read -r h; printf '%s\n' "$h"; sort -t$'\t' -k4,4 -k2,2 -k5,5) >"$work/subindex.tsv"

# --- series.tsv -----------------------------------------------------------
join_denoms "$last" "gemeente wijk" 1 |
awk -F'\t' -v OFS='\t' -v OFMT=%.10g -v CONVFMT=%.10g '{ print $1, $2, $3, $4, $5, $6, $7, $8 }' |
vb-rank -w period,theme,level -v rate --ci --index --desc --per "$per" \
    --orientation "$orientation" >"$work/series.tsv"
provisional "$work/series.tsv"

# --- survey angles --------------------------------------------------------
# partners: the file under DIR/partners with theme criterion score columns;
# rows for the whole city (empty wijk).
find_table() {
	local dir=$1 f
	shift
	[ -d "$dir" ] || return 0
	for f in "$dir"/*.tsv; do
		[ -r "$f" ] || continue
		if head -n 1 -- "$f" | awk -F'\t' -v want="$*" '{
			n = split(want, w, " "); for (i = 1; i <= NF; i++) h[$i] = 1
			for (i = 1; i <= n; i++) if (!(w[i] in h)) exit 1 }'; then
			printf '%s\n' "$f"
			return 0
		fi
	done
}
# Partners: partners/theme-scores.tsv as the survey pipeline writes it for
# the priority scoring (theme criterion mean n_org n_resp min max), else
# any table with theme criterion score (partners/themes.tsv); city rows.
ptab='' pscore='' pmin='' pmax=''
if [ -n "$(find_table "$out/partners" theme criterion mean n_org n_resp min max)" ]; then
	ptab=$(find_table "$out/partners" theme criterion mean n_org n_resp min max)
	pscore=mean pmin=min pmax=max
elif [ -n "$(find_table "$out/partners" theme criterion score)" ]; then
	ptab=$(find_table "$out/partners" theme criterion score)
	pscore=score pmin=org_min pmax=org_max
fi
if [ -n "$ptab" ]; then
	awk -F'\t' -v OFS='\t' -v OFMT=%.10g -v CONVFMT=%.10g -v sc="$pscore" \
	    -v mn="$pmin" -v mx="$pmax" '
		function col(k) { return (k in c) ? $c[k] : "" }
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
			print "theme", "P", "partner_trend", "p_n_org", "p_n_resp", "p_min", "p_max"; next }
		("wijk" in c) && $c["wijk"] != "" { next }
		$c["criterion"] == "ernst" { k = $c["theme"]; p[k] = $c[sc]; t[k] = 1
			no[k] = col("n_org"); nr[k] = col("n_resp"); mi[k] = col(mn); ma[k] = col(mx) }
		$c["criterion"] == "trend" { r[$c["theme"]] = $c[sc]; t[$c["theme"]] = 1 }
		END { for (k in t) print k, p[k], r[k], no[k], nr[k], mi[k], ma[k] }' "$ptab" |
	    (IFS= read -r h; printf '%s\n' "$h"; sort) >"$work/partners.tsv"
else
	[ -d "$out/partners" ] && say "partners: no table with theme, criterion and score: P missing"
	[ -d "$out/partners" ] || say "partners: no partner survey: criterion P missing"
	printf 'theme\tP\tpartner_trend\tp_n_org\tp_n_resp\tp_min\tp_max\n' >"$work/partners.tsv"
fi

# Monitor: monitor/theme-scores.tsv (theme B ...) as the survey pipeline
# writes it for the priority scoring; else, from an indicator table:
# monitor: per theme the indicator that compares worst with the benchmark
# area (oriented so that higher = worse; a 0-10 score s where higher is
# better becomes 10 - s, METHOD.md §5.2), with z of the difference test
# (margins from the intervals).
mtab=$(find_table "$out/monitor" period area indicator value lower upper direction theme)
btab=$(find_table "$out/monitor" theme B)
if [ -n "$btab" ]; then
	awk -F'\t' -v OFS='\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
		print "theme", "b_ratio", "b_z", "b_indicator", "B"; next }
		{ print $c["theme"], "", "", ("indicators" in c) ? $c["indicators"] : "", $c["B"] }' "$btab" |
	    (IFS= read -r h; printf '%s\n' "$h"; sort) >"$work/monitor.tsv"
elif [ -n "$mtab" ]; then
	awk -F'\t' -v OFS='\t' -v ba="$bench_area" '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["value"] == "" || $c["theme"] == "" { next }
		{ a = $c["area"]; y = $c["period"]; k = $c["indicator"]
		  if (a != ba && a !~ /^GM/) next
		  v[a, y, k] = $c["value"]; lo[a, y, k] = $c["lower"]; hi[a, y, k] = $c["upper"]
		  dir[k] = $c["direction"]; th[k] = $c["theme"]; unit[k] = $c["unit"]
		  if (a ~ /^GM/) { gm[y, k] = a; if (y > ly[k]) ly[k] = y } }
		END { print "theme", "b_ratio", "b_z", "b_indicator", "B"
		  for (k in ly) { y = ly[k]; g = gm[y, k]
		    if (!((ba, y, k) in v)) continue
		    x = v[g, y, k]; r = v[ba, y, k]
		    if (dir[k] == 1) { if (unit[k] == "cijfer" || unit[k] == "schaal") { x = 10 - x; r = 10 - r } else { x = 100 - x; r = 100 - r } }
		    if (r <= 0) continue
		    ratio = x / r
		    m1 = (hi[g, y, k] - lo[g, y, k]) / 2; m2 = (hi[ba, y, k] - lo[ba, y, k]) / 2
		    s = sqrt((m1 / 1.96) ^ 2 + (m2 / 1.96) ^ 2)
		    z = (s > 0 && hi[g, y, k] != "" && hi[ba, y, k] != "") ? (x - r) / s : ""
		    t = th[k]
		    if (!(t in best) || ratio > best[t]) { best[t] = ratio; bz[t] = z; bi[t] = k } }
		  for (t in best) print t, best[t], bz[t], bi[t], "" }' "$mtab" |
	    (IFS= read -r h; printf '%s\n' "$h"; sort) >"$work/monitor.tsv"
	[ "$(wc -l <"$work/monitor.tsv")" -gt 1 ] ||
	    say "monitor: no indicator with both a gemeente and $bench_area value: B missing"
else
	say "monitor: no Veiligheidsmonitor indicator table: criterion B missing"
	printf 'theme\tb_ratio\tb_z\tb_indicator\tB\n' >"$work/monitor.tsv"
fi

# --- priorities.tsv -------------------------------------------------------
conf bench >"$work/bench.tsv"
awk -F'\t' -v OFS='\t' -v last="$last" '
	FILENAME == ARGV[1] { if (FNR > 1) name[$1] = $3; next }
	FILENAME == ARGV[2] { bench[$1] = $2; next }
	FILENAME == ARGV[3] { if (FNR > 1) { pp[$1] = $2; pt[$1] = $3; th[$1] = 1
		pd[$1] = $4 OFS $5 OFS $6 OFS $7 }; next }
	FILENAME == ARGV[4] { if (FNR > 1) { br[$1] = $2; bz[$1] = $3; bi[$1] = $4; bb[$1] = $5; th[$1] = 1 }; next }
	FILENAME == ARGV[5] { if (FNR == 1) { for (i = 1; i <= NF; i++) s[$i] = i; next }
		sevmax[$s["theme"]] = ($s["sev"] > sevmax[$s["theme"]]) ? $s["sev"] : sevmax[$s["theme"]]; next }
	FILENAME == ARGV[6] { if (FNR == 1) { for (i = 1; i <= NF; i++) c[$i] = i; next }
		if ($c["level"] != "gemeente" || $c["period"] != last) next
		t = $c["theme"]; th[t] = 1; cnt[t] = $c["count"]; pop[t] = $c["population"]
		bc[t] = $c["base_count"]; bp[t] = $c["base_population"]; next }
	FILENAME == ARGV[7] { if (FNR == 1) { for (i = 1; i <= NF; i++) d[$i] = i; next }
		if ($d["level"] != "gemeente" || $d["year"] != last) next
		t = $d["theme"]; hl[t] = $d["haal"]; ss[t] = $d["sevsum"]; cc[t] = $d["count"]; next }
	END {
	  print "theme", "name", "count", "population", "bench_rate", "base_count",
	      "base_population", "haal", "partner_trend", "E", "B", "P", "b_ratio", "b_z",
	      "b_indicator", "p_n_org", "p_n_resp", "p_min", "p_max"
	  for (t in th) {
	    if (!(t in name)) continue
	    e = ""
	    if (cc[t] > 0) e = int(ss[t] / cc[t] + 0.5)
	    else if (sevmax[t] > 0) e = sevmax[t]
	    h = (cc[t] > 0 && hl[t] / cc[t] > 0.5) ? 1 : 0
	    print t, name[t], cnt[t], pop[t], bench[t], bc[t], bp[t], h, pt[t], e,
	        bb[t], pp[t], br[t], bz[t], bi[t], (t in pd) ? pd[t] : OFS OFS OFS } }
' "$data/themes.tsv" "$work/bench.tsv" "$work/partners.tsv" "$work/monitor.tsv" \
    "$data/soort-theme.tsv" "$work/stats.tsv" "$work/ty.tsv" |
    (IFS= read -r h; printf '%s\n' "$h"; sort) >"$work/prio-in.tsv"
# Count-only themes have no population in stats.tsv: O needs a rate, so use
# inwoners at city level for them when a benchmark exists.
awk -F'\t' -v OFS='\t' -v last="$last" '
	FILENAME == ARGV[1] { if (FNR == 1) { for (i = 1; i <= NF; i++) p[$i] = i; next }
		if ($p["period"] == last && $p["area"] ~ /^GM/) inw = $p["population"]; next }
	FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print; next }
	$c["population"] == "" && $c["bench_rate"] != "" && $c["count"] != "" { $c["population"] = inw }
	{ print }' "$data/population.tsv" "$work/prio-in.tsv" |
vb-rank --priorities "${wopts[@]}" --tier-threshold "$high" \
    --max-priorities "$maxprio" --per "$per" 2>"$work/prio.err" >"$work/priorities.tsv"
if [ -s "$work/prio.err" ]; then
	cat "$work/prio.err" >&2
	sed 's/^vb-rank: /priorities: /' "$work/prio.err" >>"$work/messages.txt"
fi

# --- disagreement.tsv -----------------------------------------------------
awk -F'\t' -v OFS='\t' -v OFMT=%.10g -v CONVFMT=%.10g '
	function band(v) { return v == "" ? "" : v >= 3.5 ? "hoog" : v < 2.5 ? "laag" : "midden" }
	FILENAME == ARGV[1] { if (FNR > 1) ptr[$1] = $3; next }
	FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
		print "theme", "name", "registered", "residents", "partners", "O", "T",
		    "B", "P", "trend_rr", "trend_p", "partner_trend", "pattern"; next }
	{ o = $c["O"]; t = $c["T"]; b = $c["B"]; p = $c["P"]
	  if (b == "" && p == "") next
	  if (t == "") next
	  reg = t >= 4 ? "hoog" : t <= 2 ? "laag" : "midden"
	  res = band(b); par = band(p)
	  other = (res == "hoog" || par == "hoog")
	  if (reg == "hoog" && !other) pat = "registratie-hoog-beleving-laag"
	  else if (reg != "hoog" && other) pat = "registratie-laag-beleving-hoog"
	  else next
	  print $c["theme"], $c["name"], reg, res, par, o, t, b, p, $c["trend_rr"],
	      $c["trend_p"], ptr[$c["theme"]], pat }
' "$work/partners.tsv" "$work/priorities.tsv" >"$work/disagreement.tsv"

# --- evaluation.tsv -------------------------------------------------------
read -r pfrom pto < <(conf prev_period | head -n 1 | tr '\t' ' ') || true
: "${pfrom:=0}" "${pto:=0}"
conf prev >"$work/prev.tsv"
awk -F'\t' -v OFS='\t' -v y0="$pfrom" -v y1="$pto" '
	FILENAME == ARGV[1] { np++; lab[np] = $1; spec[np] = $2; next }
	FILENAME == ARGV[2] { if (FNR == 1) { for (i = 1; i <= NF; i++) s[$i] = i; next }
		theme[$s["soort"]] = $s["theme"]; grp[$s["soort"]] = $s["grp"]; next }
	FILENAME == ARGV[3] { if (FNR == 1) { for (i = 1; i <= NF; i++) p[$i] = i; next }
		if ($p["area"] ~ /^GM/) inw[$p["period"]] = $p["population"]; next }
	FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["level"] != "gemeente" || ($c["year"] != y0 && $c["year"] != y1) { next }
	{ so = $c["soort"]
	  for (k = 1; k <= np; k++) {
	    n = split(spec[k], it, ","); hit = 0
	    for (j = 1; j <= n; j++) {
	      split(it[j], kv, ":")
	      if ((kv[1] == "theme" && theme[so] == kv[2]) || (kv[1] == "soort" && so == kv[2]) ||
	          (kv[1] == "grp" && grp[so] == kv[2])) hit = 1 }
	    if (!hit) continue
	    any[k] = 1
	    if ($c["count"] == "") sup[k] = 1
	    else cnt[k, $c["year"]] += $c["count"] } }
	END {
	  print "label", "themes", "period_from", "period_to", "base_count", "base_population",
	      "count", "population", "source"
	  for (k = 1; k <= np; k++) {
	    src = !(k in any) ? "geen registratie" : (k in sup) ? "onderdrukt" : "registratie"
	    ok = src == "registratie"
	    print lab[k], spec[k], y0, y1, ok ? cnt[k, y0] + 0 : "", ok ? inw[y0] : "",
	        ok ? cnt[k, y1] + 0 : "", ok ? inw[y1] : "", src } }
' "$work/prev.tsv" "$data/soort-theme.tsv" "$data/population.tsv" \
    "${out}/crime/counts-year.tsv" 2>/dev/null >"$work/eval-in.tsv" ||
    printf 'label\tthemes\tperiod_from\tperiod_to\tbase_count\tbase_population\tcount\tpopulation\tsource\n' >"$work/eval-in.tsv"
vb-rank -w label -v count --trend --per "$per" "$work/eval-in.tsv" |
awk -F'\t' -v OFS='\t' -v OFMT=%.10g -v CONVFMT=%.10g '
	FILENAME == ARGV[1] { n++; order[$1] = n; next }
	FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
		print "label", "themes", "period_from", "period_to", "count_from", "count_to",
		    "population_from", "population_to", "rate_from", "rate_to", "rr", "rr_lo",
		    "rr_hi", "p", "direction", "source"; next }
	{ rf = $c["base_population"] > 0 ? 1000 * $c["base_count"] / $c["base_population"] : ""
	  rt = $c["population"] > 0 ? 1000 * $c["count"] / $c["population"] : ""
	  d = ""
	  if ($c["trend_p"] != "") d = $c["trend_p"] < 0.05 ? ($c["trend_rr"] > 1 ? "stijging" : "daling") : "gelijk"
	  line[order[$c["label"]]] = $c["label"] OFS $c["themes"] OFS $c["period_from"] OFS \
	      $c["period_to"] OFS $c["base_count"] OFS $c["count"] OFS $c["base_population"] OFS \
	      $c["population"] OFS rf OFS rt OFS $c["trend_rr"] OFS $c["trend_lo"] OFS \
	      $c["trend_hi"] OFS $c["trend_p"] OFS d OFS $c["source"] }
	END { for (k = 1; k <= n; k++) if (k in line) print line[k] }
' "$work/prev.tsv" - >"$work/evaluation.tsv"

# --- quarterly.tsv --------------------------------------------------------
month_file=$out/crime/counts-month.tsv
if [ -z "$period" ] && [ -r "$month_file" ]; then
	period=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["month"] > 0 { k = $c["year"] * 100 + $c["month"]; if (k > m) m = k }
		END { if (m) { y = int(m / 100); mo = m % 100
			q = int((mo - 1) / 3) + 1
			if (mo % 3 != 0) q--
			if (q == 0) { y--; q = 4 }
			print y "Q" q } }' "$month_file")
fi
: >"$work/q-in.tsv"
if [ -n "$period" ] && [ -r "$month_file" ]; then
	qy=${period%Q*} qn=${period#*Q}
	programme=$(conf programme | head -n 1)
	awk -F'\t' -v OFS='\t' -v qy="$qy" -v qn="$qn" -v prog="$programme" '
		FILENAME == ARGV[1] { if (FNR == 1) { for (i = 1; i <= NF; i++) p[$i] = i; next }
			if ($p["tier"] == "prioriteit") { want[$p["theme"]] = 1; tier[$p["theme"]] = $p["tier"] }
			else tier[$p["theme"]] = $p["tier"]
			name[$p["theme"]] = $p["name"]; next }
		FILENAME == ARGV[2] { if (FNR > 1) tname[$1] = $3; next }
		FNR == 1 { n = split(prog, pg, "\t"); for (i = 1; i <= n; i++) want[pg[i]] = 1
			for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["level"] != "gemeente" || !($c["theme"] in want) { next }
		{ y = $c["year"]; m = $c["month"]; if (int((m - 1) / 3) + 1 != qn) next
		  if (y == qy) k = "now"; else if (y == qy - 1) k = "prev"; else next
		  t = $c["theme"]; nm[k, t]++
		  if ($c["count"] == "") sup[t] = 1; else cnt[k, t] += $c["count"] }
		END { print "period", "period_prev", "theme", "name", "tier", "count",
		          "population", "base_count", "base_population", "status"
		  for (t in want) {
		    if (nm["now", t] == 0) continue
		    st = (t in sup) ? "suppressed" : ""
		    full = nm["prev", t] > 0 && st == ""
		    print qy "Q" qn, (qy - 1) "Q" qn, t, (t in name) ? name[t] : tname[t], tier[t],
		        cnt["now", t] + 0, full ? 1 : "", (nm["prev", t] > 0 ? cnt["prev", t] + 0 : ""),
		        full ? 1 : "", st } }
	' "$work/priorities.tsv" "$data/themes.tsv" "$month_file" >"$work/q-in.tsv"
	[ "$(wc -l <"$work/q-in.tsv")" -gt 1 ] ||
	    say "quarterly: no months of $period (or of the programme themes) in the crime data"
fi
[ -s "$work/q-in.tsv" ] ||
    printf 'period\tperiod_prev\ttheme\tname\ttier\tcount\tpopulation\tbase_count\tbase_population\tstatus\n' >"$work/q-in.tsv"
vb-rank -w period -k theme -v count --trend "$work/q-in.tsv" |
awk -F'\t' -v OFS='\t' -v OFMT=%.10g -v CONVFMT=%.10g '
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
		print "period", "period_prev", "theme", "name", "tier", "count", "count_prev",
		    "rr", "rr_lo", "rr_hi", "p", "change_pct", "status"; next }
	{ ch = $c["base_count"] > 0 && $c["status"] == "" ? 100 * ($c["count"] - $c["base_count"]) / $c["base_count"] : ""
	  print $c["period"], $c["period_prev"], $c["theme"], $c["name"], $c["tier"], $c["count"],
	      $c["base_count"], $c["trend_rr"], $c["trend_lo"], $c["trend_hi"], $c["trend_p"], ch,
	      $c["status"] }' | (IFS= read -r h; printf '%s\n' "$h"; sort -t$'\t' -k3,3) >"$work/quarterly.tsv"

# --- move the tables in place --------------------------------------------
tables='stats.tsv trend-codes.tsv registrations.tsv subindex.tsv series.tsv priorities.tsv disagreement.tsv evaluation.tsv quarterly.tsv'
for f in $tables; do
	mv -f -- "$work/$f" "$out/$f"
done

# --- manifest.tsv ---------------------------------------------------------
sha() { sha256sum -- "$1" | cut -d' ' -f1; }
records() {
	case $1 in
	*.gz) echo $(($(gzip -dc -- "$1" | wc -l) - 1)) ;;
	*.tsv | *.csv) echo $(($(wc -l <"$1") - 1)) ;;
	*) echo '' ;;
	esac
}
# rejects of a crime input: the sum of "rejected R" over its stages.
crime_rejects() {
	[ -r "$out/crime/summary.txt" ] || { echo ''; return; }
	awk -v f="$(basename -- "$1")" 'index($0, f ": ") == 1 {
		if (match($0, /rejected [0-9]+/)) r += substr($0, RSTART + 9, RLENGTH - 9); seen = 1 }
		END { print seen ? r + 0 : "" }' "$out/crime/summary.txt"
}
{
	printf 'kind\tname\tvalue\tsha256\trecords\trejects\n'
	printf 'version\tvb\t%s\t\t\t\n' "$(cat "$root/VERSION" 2>/dev/null || echo unknown)"
	printf 'version\tvb-rank\t%s\t\t\t\n' "$(vb-rank --version | cut -d' ' -f2)"
	{
		printf 'per\t%s\nq\t%s\ntier_threshold\t%s\nmax_priorities\t%s\norientation\t%s\n' \
		    "$per" "$q" "$high" "$maxprio" "$orientation"
		printf 'benchmark_area\t%s\nlast_year\t%s\nquarter\t%s\n' "$bench_area" "$last" "$period"
		printf 'config\t%s\n' "${conf#"$root"/}"
		conf weights | awk -F'\t' '{ v = $2; for (i = 3; i <= NF; i++) v = v "," $i; print "weights_" $1 "\t" v }'
		conf bench | awk -F'\t' '{ print "bench_" $1 "\t" $2 }'
		conf subindex | awk -F'\t' '{ print "subindex_" $1 "_" $2 "\t" $3 }'
		printf 'bezoekersgebied\t%s\n' "$(conf bezoekersgebied | head -n 1 | tr '\t' ',')"
		conf series_break | awk -F'\t' '{ print "series_break_" $1 "\t" $2 }'
		printf 'programme\t%s\n' "$(conf programme | head -n 1 | tr '\t' ',')"
		printf 'prev_period\t%s-%s\n' "$pfrom" "$pto"
		conf prev | awk -F'\t' '{ print "prev_" $1 "\t" $2 }'
	} | sort | awk -F'\t' -v OFS='\t' -v OFMT=%.10g -v CONVFMT=%.10g '{ print "parameter", $1, $2, "", "", "" }'
	inputs=("$conf" "$data/soort-theme.tsv" "$data/themes.tsv" "$data/areas.tsv"
	    "$data/population.tsv" "$data/cbs/47022NED_maastricht_2014-2018.csv.gz"
	    "$data/cbs/47018NED_maastricht_2014-2018.csv" "$data/cbs/47022NED_Perioden.csv"
	    "$data/cbs/47018NED_Perioden.csv" "$buurtmap" "$wijkmap"
	    "$data/incidents/politie-2018.csv" "$data/incidents/meldingen-2018.csv"
	    "$data/surveys/81877NED_maastricht_2014-2019.csv"
	    "$data/surveys/81877NED_DataProperties.csv" "$data/surveys/partners_2019.csv"
	    "$here/profiles/politie-bvh.profile" "$here/profiles/mor-signalen.profile")
	for f in "${inputs[@]}"; do
		[ -r "$f" ] || continue
		r=''
		case $f in */cbs/47*_maastricht_*) r=$(crime_rejects "$f") ;; esac
		rec=''
		case $f in *.geojson | *.conf | *.profile) ;; *) rec=$(records "$f") ;; esac
		printf 'input\t%s\t\t%s\t%s\t%s\n' "${f#"$root"/}" "$(sha "$f")" "$rec" "$r"
	done | sort -t$'\t' -k2,2
	for d in crime incidents meldingen monitor partners; do
		[ -d "$out/$d" ] || continue
		for f in "$out/$d"/*; do
			[ -f "$f" ] || continue
			case $f in */rejects.tsv) continue ;; esac
			rj=''
			[ -r "$out/$d/rejects.tsv" ] && rj=$(records "$out/$d/rejects.tsv")
			printf 'output\t%s\t\t%s\t%s\t%s\n' "${f#"$out"/}" "$(sha "$f")" "$(records "$f")" \
			    "$([ "${f##*/}" = summary.txt ] && echo "$rj")"
		done
	done
	for f in $tables ref/areas.tsv ref/themes.tsv ref/neighbours.tsv ref/buurt.geojson ref/wijk.geojson; do
		[ -r "$out/$f" ] || continue
		case $f in *.geojson) rec='' ;; *) rec=$(records "$out/$f") ;; esac
		printf 'output\t%s\t\t%s\t%s\t\n' "$f" "$(sha "$out/$f")" "$rec"
	done | sort -t$'\t' -k2,2
	sort "$work/angles.tsv" | awk -F'\t' -v OFS='\t' -v OFMT=%.10g -v CONVFMT=%.10g '{ print "angle", $1, $2, "", "", "" }'
} >"$work/manifest.tsv"
mv -f -- "$work/manifest.tsv" "$out/manifest.tsv"
mv -f -- "$work/messages.txt" "$out/messages.txt"

# --- the report -----------------------------------------------------------
if [ $html = 0 ]; then
	echo "$prog: --no-html: report not rendered" >&2
elif ! command -v vb-format >/dev/null; then
	say "report: vb-format is not in PATH: veiligheidsbeeld.html not written"
elif ! vb-format --help 2>/dev/null | grep -q -e '--html'; then
	say "report: vb-format has no --html yet: veiligheidsbeeld.html not written"
else
	# Run inside DIR with relative names, so that the report names its files
	# the same wherever DIR is.
	cp -- "$data/soort-theme.tsv" "$data/population.tsv" "$out/ref/"
	fopts=(--areas ref/areas.tsv --themes ref/themes.tsv
	    --population ref/population.tsv
	    --disclosure-table ref/soort-theme.tsv)
	[ -r "$out/ref/buurt.geojson" ] && fopts+=(--buurt-map ref/buurt.geojson)
	[ -r "$out/ref/wijk.geojson" ] && fopts+=(--wijk-map ref/wijk.geojson)
	[ -n "$timestamp" ] && fopts+=(--timestamp "$timestamp")
	if (cd "$out" && vb-format --html "${fopts[@]}" -o "$work/report.html" .) \
	    2>"$work/format.log"; then
		mv -f -- "$work/report.html" "$out/veiligheidsbeeld.html"
		# The same tables for Excel: disclosed like the report.
		dopts=(--population ref/population.tsv
		    --disclosure-table ref/soort-theme.tsv)
		if (cd "$out" && vb-format -t csv "${dopts[@]}" stats.tsv) \
		    >"$work/excel.csv" 2>>"$work/format.log"; then
			mv -f -- "$work/excel.csv" "$out/veiligheidsbeeld.csv"
		else
			say "report: the Excel CSV failed: $(tail -n 1 "$work/format.log")"
		fi
		# A fixed --timestamp fixes the workbook's dates too (its
		# SOURCE_DATE_EPOCH: the timestamp's date, or for free text
		# 1980-01-01, the ZIP epoch of reproducible builds).
		if [ -n "$timestamp" ] && [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
			SOURCE_DATE_EPOCH=$(date -u -d "$timestamp" +%s 2>/dev/null ||
			    echo 315532800)
			export SOURCE_DATE_EPOCH
		fi
		if vb-format --help 2>&1 | grep -q xlsx &&
		    (cd "$out" && vb-format -t xlsx "${dopts[@]}" \
		    -o "$work/book.xlsx" stats.tsv series.tsv priorities.tsv \
		    disagreement.tsv evaluation.tsv quarterly.tsv) \
		    2>>"$work/format.log"; then
			mv -f -- "$work/book.xlsx" "$out/veiligheidsbeeld.xlsx"
		else
			say "report: no xlsx workbook: $(tail -n 1 "$work/format.log")"
		fi
	else
		say "report: vb-format --html failed: $(tail -n 1 "$work/format.log")"
	fi
fi
echo "$prog: picture in $out" >&2
