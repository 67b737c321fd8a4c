#!/usr/bin/env bash
# veiligheidsmonitor.sh -- Veiligheidsmonitor tables to tidy indicators with
# significance flags (METHOD.md §7, FORMATS.md §5).
#
#   pipelines/veiligheidsmonitor.sh -o DIR [-i indicators.tsv] [-p props.csv]
#                                   [--deff D] FILE...
#
# Each FILE is a CBS StatLine table (81877NED / 85146NED layout, with -p its
# DataProperties, whose Title resolves columns that share a name stem) or a
# city's flat table (indicator per area per year with margin and n, decimal
# comma).  Writes into DIR (docs/tables-surveys.md has the columns):
#   indicators.tsv    period area indicator value lower upper n unit
#                     direction theme series status flags
#   significance.tsv  difference tests between waves and against the
#                     benchmark (wijk: its gemeente; gemeente: NL01)
#   theme-scores.tsv  theme B ...: the Beleving criterion 1-5 of the
#                     gemeente against its benchmark (METHOD.md §6)
#   rejects.tsv       the reject stream of every stage (mode 0600)
#   summary.txt       one line per stage, and the record balance
# Outputs are written in a work directory and moved into DIR at the end.
set -Eeuo pipefail
shopt -s inherit_errexit
umask 077
export LC_ALL=C TZ=Europe/Amsterdam

here=$(cd "$(dirname "$0")" && pwd)
# VB_SHARE is the share root (as for politie-cbs.sh); its tables live in
# sample-data/ there, or at its top in older installs.
if [ -n "${VB_SHARE:-}" ] && [ -d "$VB_SHARE/sample-data" ]; then
	share=$VB_SHARE/sample-data
else
	share=${VB_SHARE:-$here/../sample-data}
fi
out='' ind=$share/ivm-indicators.tsv props='' deff=1.3

usage() {
	echo "usage: veiligheidsmonitor.sh -o dir [-i indicators.tsv]" \
	    "[-p dataproperties.csv] [--deff d] file..." >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	-o) out=${2:?}; shift 2 ;;
	-i) ind=${2:?}; shift 2 ;;
	-p) props=${2:?}; shift 2 ;;
	--deff) deff=${2:?}; shift 2 ;;
	-h|--help) usage ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
{ [ -n "$out" ] && [ $# -gt 0 ]; } || usage
mkdir -p -- "$out"
work=$(mktemp -d "$out/.work.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

popt=()
[ -n "$props" ] && popt=(--properties "$props")
: >"$work/summary.txt"

# Run one stage; its last stderr line (the summary) goes to summary.txt,
# the rest to the terminal.
stage_log() {
	local name=$1 log=$2
	grep -v ': read [0-9]*, kept' "$log" >&2 || true
	printf '%s: %s\n' "$name" "$(tail -n 1 "$log" | sed 's/^vb-[a-z]*: //')" \
	    >>"$work/summary.txt"
}

i=0
for f in "$@"; do
	i=$((i + 1))
	set +e
	vb-ingest --rejects "$work/rej-ingest-$i.tsv" -- "$f" \
	    2>"$work/ingest-$i.log" |
	    vb-survey ivm --indicators "$ind" "${popt[@]}" --deff "$deff" \
	    --rejects "$work/rej-ivm-$i.tsv" >"$work/part-$i.tsv" \
	    2>"$work/ivm-$i.log"
	st=("${PIPESTATUS[@]}")
	set -e
	stage_log "vb-ingest $(basename "$f")" "$work/ingest-$i.log"
	stage_log "vb-survey ivm $(basename "$f")" "$work/ivm-$i.log"
	# vb-survey read the file through a pipe: name it in its rejects.
	if [ -s "$work/rej-ivm-$i.tsv" ]; then
		awk -F '\t' -v OFS='\t' -v f="$f" 'NR > 1 && $2 == "<stdin>" { $2 = f }
		    { print }' "$work/rej-ivm-$i.tsv" >"$work/rej-ivm-$i.tmp"
		mv -f -- "$work/rej-ivm-$i.tmp" "$work/rej-ivm-$i.tsv"
	fi
	for s in "${st[@]}"; do
		if [ "$s" -ne 0 ]; then
			cat "$work/summary.txt" >&2
			echo "veiligheidsmonitor: $f: status=DATA_ERROR" \
			    "stages=${st[*]}" >&2
			exit 1
		fi
	done
done

# All drops in one stream; a repeated (period, area, indicator) is rejected.
awk 'FNR == 1 && NR > 1 { next } { print }' "$work"/part-*.tsv \
    >"$work/all.tsv"
vb-survey sig --clean "$work/indicators.tsv" --rejects "$work/rej-sig.tsv" \
    --scores "$work/theme-scores.tsv" "$work/all.tsv" >"$work/significance.tsv" 2>"$work/sig.log" || {
	cat "$work/sig.log" >&2
	exit 1
}
stage_log "vb-survey sig" "$work/sig.log"

awk 'FNR == 1 && NR > 1 { next } { print }' "$work"/rej-*.tsv \
    >"$work/rejects.tsv"
{
	printf 'indicators: %d records; significance: %d tests; ' \
	    "$(($(wc -l <"$work/indicators.tsv") - 1))" \
	    "$(($(wc -l <"$work/significance.tsv") - 1))"
	printf 'beleving: %d themes; deff %s ' \
	    "$(($(wc -l <"$work/theme-scores.tsv") - 1))" "$deff"
	printf '(margins computed for shares without a published one)\n'
	printf 'rejects: %d rows\n' "$(($(wc -l <"$work/rejects.tsv") - 1))"
} >>"$work/summary.txt"
for t in indicators.tsv significance.tsv theme-scores.tsv rejects.tsv \
    summary.txt; do
	mv -f -- "$work/$t" "$out/$t"
done
cat "$out/summary.txt" >&2
