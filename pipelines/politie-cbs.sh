#!/usr/bin/env bash
# politie-cbs.sh -- CBS/Politie crime tables (47022NED monthly, 47018NED
# yearly) to tidy counts, rates per 1,000 inwoners with index and rank.
#
# usage: politie-cbs.sh [-h] [-d datadir] [-k month|year] [-p perioden.csv]
#                       -o DIR TABLE...
#
# Each TABLE is a raw cbsodataR-style CSV (gzip or not).  Whether it is the
# monthly or the yearly table is read from its first period code (-k forces
# it).  The Perioden list (for the provisional flag) is -p, else the file
# NNNNNNED_Perioden.csv beside the table.  Reference tables (soort-theme.tsv,
# areas.tsv, population.tsv) come from -d, else $VB_SHARE/sample-data or
# $VB_SHARE, else ../sample-data beside this script; the rules from
# $VB_SHARE/rules, else rules/ beside it.  The vb-* programs come from PATH.
#
# Writes into DIR (docs/filters.md):
#   counts-month.tsv  period year month provisional area level soort theme
#                     count status
#   counts-year.tsv   the same per year: the yearly table as published, else
#                     the sum of the 12 months (empty count with status
#                     suppressed if a month is suppressed, missing if the
#                     year has fewer than 12 months)
#   rates.tsv         period area level theme count population rate index
#                     rank (1 = highest rate), per wijk and buurt and theme
#                     (not excl), yearly;
#                     count and rate empty where a part of the theme is
#                     suppressed; index: city (pooled over the level) = 100
#   rejects.tsv       every stage's reject stream (mode 0600)
#   summary.txt       one line per stage: the stage's summary line
# The files are written in a work directory and moved into DIR only when
# every stage succeeded.  A failing stage stops the run with its message.
set -euo pipefail
shopt -s inherit_errexit
umask 077
export LC_ALL=C

prog=politie-cbs
usage() {
	echo "usage: $prog [-h] [-d datadir] [-k month|year] [-p perioden.csv] -o DIR TABLE..." >&2
	exit "$1"
}
die() {
	echo "$prog: $*" >&2
	exit 1
}

here=$(cd "$(dirname "$0")" && pwd)
out='' kind='' perioden='' data=''
while getopts 'd:hk:o:p:' opt; do
	case $opt in
	d) data=$OPTARG ;;
	h) usage 0 ;;
	k) case $OPTARG in
	   month | year) kind=$OPTARG ;;
	   *) echo "$prog: usage-error: -k wants month or year" >&2; usage 2 ;;
	   esac ;;
	o) out=$OPTARG ;;
	p) perioden=$OPTARG ;;
	*) usage 2 ;;
	esac
done
shift $((OPTIND - 1))
if [ -z "$out" ] || [ $# -eq 0 ]; then usage 2; fi

if [ -n "${VB_SHARE:-}" ]; then
	rules=$VB_SHARE/rules
	if [ -z "$data" ] && [ -r "$VB_SHARE/sample-data/soort-theme.tsv" ]; then
		data=$VB_SHARE/sample-data
	fi
	: "${data:=$VB_SHARE}"
else
	rules=$here/rules
	: "${data:=$here/../sample-data}"
fi
for f in "$rules/47022NED.rules" "$rules/47018NED.rules" \
    "$data/soort-theme.tsv" "$data/areas.tsv" "$data/population.tsv"; do
	[ -r "$f" ] || die "config-error: cannot read $f"
done
for t in "$@"; do
	[ -r "$t" ] || die "source-missing: $t"
done
for p in vb-ingest vb-clean vb-aggregate vb-rank; do
	command -v "$p" >/dev/null || die "config-error: $p is not in PATH"
done

mkdir -p -- "$out"
work=$(mktemp -d "$out/.work.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
: >"$work/summary.txt"
nrej=0

# stage NAME LABEL: after a pipeline of NAME's stages (stderr in
# $work/NAME.*.err), check the copied PIPESTATUS in st and log the last
# stderr line of each stage to summary.txt.
check_stages() {
	local label=$1 i=0 s bad=-1
	shift
	for s in "$@"; do
		local err=$work/err.$i
		if [ -s "$err" ]; then
			printf '%s: %s\n' "$label" "$(tail -n 1 "$err")" \
			    >>"$work/summary.txt"
		fi
		# Blame the stage that broke, not one that died of SIGPIPE
		# (141) because a later stage stopped reading.
		if [ "${st[$i]}" -ne 0 ] &&
		    { [ $bad -lt 0 ] || [ "${st[$bad]}" -eq 141 ]; }; then
			bad=$i
		fi
		i=$((i + 1))
	done
	if [ $bad -ge 0 ]; then
		set -- "$@"
		s=${*:$((bad + 1)):1}
		echo "$prog: $label: stage $s failed (status ${st[$bad]}):" >&2
		cat "$work/err.$bad" >&2
		exit 1
	fi
	rm -f "$work"/err.*
}

# The next reject file, in $rej; all of them are merged into rejects.tsv.
rejfile() {
	nrej=$((nrej + 1))
	rej=$work/rej.$nrej.tsv
}

# The kind of an ingested table from its first period code.
detect_kind() {
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "Perioden") c = i; next }
		c == 0 { exit 2 }
		{ if ($c ~ /^[0-9][0-9][0-9][0-9]JJ00$/) print "year";
		  else if ($c ~ /^[0-9][0-9][0-9][0-9]MM/) print "month";
		  else exit 3; exit }' "$1"
}

n=0 months=() years=()
for t in "$@"; do
	n=$((n + 1))
	label=$(basename -- "$t")
	raw=$work/raw.$n.tsv
	rejfile
	set +e
	vb-ingest --rejects "$rej" -- "$t" >"$raw" 2>"$work/err.0"
	st=("${PIPESTATUS[@]}")
	set -e
	check_stages "$label" vb-ingest
	k=$kind
	if [ -z "$k" ]; then
		k=$(detect_kind "$raw") ||
		    die "$label: format-error: no Perioden column or no CBS period code in the first record"
	fi
	[ -n "$k" ] || die "$label: empty-source: no records; give -k month|year"
	p=$perioden
	if [ -z "$p" ]; then
		id=$(basename -- "$t" | sed -n 's/^\([0-9]\{5\}NED\).*/\1/p')
		p=$(dirname -- "$t")/${id:-none}_Perioden.csv
		[ -r "$p" ] || die "$label: config-error: no Perioden list ($p); give -p"
	fi
	if [ "$k" = month ]; then rf=$rules/47022NED.rules; else rf=$rules/47018NED.rules; fi
	rejfile
	set +e
	vb-clean -r "$rf" --rejects "$rej" --ref "soorts=$data/soort-theme.tsv" \
	    --ref "areas=$data/areas.tsv" --ref "perioden=$p" "$raw" \
	    >"$work/clean.$n.tsv" 2>"$work/err.0"
	st=("${PIPESTATUS[@]}")
	set -e
	check_stages "$label" vb-clean
	# Rejects name the table, not the scratch file vb-clean read.
	awk -F'\t' -v OFS='\t' -v raw="$raw" -v src="$t" \
	    'NR > 1 && $2 == raw { $2 = src } { print }' "$rej" >"$rej.tmp"
	mv -f -- "$rej.tmp" "$rej"
	rm -f -- "$raw"
	if [ "$k" = month ]; then months+=("$work/clean.$n.tsv"); else years+=("$work/clean.$n.tsv"); fi
done

# Concatenate record streams with the same header (the header once).
cat_streams() {
	local dest=$1 hdr=$2 f
	shift 2
	printf '%s\n' "$hdr" >"$dest"
	for f in "$@"; do
		[ "$(head -n 1 -- "$f")" = "$hdr" ] || die "internal-error: header of $f"
		tail -n +2 -- "$f" >>"$dest"
	done
}

cols='period year month provisional area level soort theme count status'
hdr=${cols// /$'\t'}
cat_streams "$work/counts-month.tsv" "$hdr" ${months[@]+"${months[@]}"}

if [ ${#years[@]} -gt 0 ]; then
	cat_streams "$work/counts-year.tsv" "$hdr" "${years[@]}"
else
	# Years from months: sum of 12 months, none suppressed.
	set +e
	vb-aggregate -g year,area,level,soort,theme -s count --max provisional \
	    "$work/counts-month.tsv" 2>"$work/err.0" |
	awk -F'\t' -v OFS='\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
			print "period", "year", "month", "provisional", "area",
			    "level", "soort", "theme", "count", "status"; next }
		{ count = $c["count"]; status = ""
		  if ($c["count_missing"] > 0) { count = ""; status = "suppressed" }
		  else if ($c["n"] != 12) { count = ""; status = "missing" }
		  print $c["year"], $c["year"], 0, $c["provisional_max"],
		      $c["area"], $c["level"], $c["soort"], $c["theme"],
		      count, status }' >"$work/counts-year.tsv" 2>"$work/err.1"
	st=("${PIPESTATUS[@]}")
	set -e
	check_stages "counts-year" vb-aggregate awk
fi

# Rates per wijk and buurt and theme, ranked within year, level and theme.
rejfile
r3=$rej
rejfile
r4=$rej
set +e
awk -F'\t' -v OFS='\t' '
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print; next }
	($c["level"] == "wijk" || $c["level"] == "buurt") &&
	    $c["theme"] != "excl"' "$work/counts-year.tsv" 2>"$work/err.0" |
vb-aggregate -g period,area,level,theme -s count --rejects "$r3" \
    --denominator "$data/population.tsv" --join period,area \
    --value population --per 1000 2>"$work/err.1" |
awk -F'\t' -v OFS='\t' '
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print; next }
	$c["count_missing"] > 0 { $c["count"] = ""; $c["rate"] = "" }
	{ print }' 2>"$work/err.2" |
vb-rank -w period,level,theme -v rate --index --desc 2>"$work/err.3" |
vb-clean -r "$rules/rates.rules" --rejects "$r4" \
    >"$work/rates.tsv" 2>"$work/err.4"
st=("${PIPESTATUS[@]}")
set -e
check_stages rates awk vb-aggregate awk vb-rank vb-clean

# One reject stream with one header.
first=1
for ((i = 1; i <= nrej; i++)); do
	f=$work/rej.$i.tsv
	if [ $first = 1 ]; then cat -- "$f"; first=0; else tail -n +2 -- "$f"; fi
done >"$work/rejects.tsv"
chmod 600 "$work/rejects.tsv"
rm -f -- "$work"/rej.*.tsv "$work"/clean.*.tsv

for f in counts-month.tsv counts-year.tsv rates.tsv rejects.tsv summary.txt; do
	mv -f -- "$work/$f" "$out/$f"
done
