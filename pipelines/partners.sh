#!/usr/bin/env bash
# partners.sh -- the partner survey ("Beeld professionals", FORMATS.md §7) to
# theme scores per criterion and the partners' agreement (METHOD.md §6).
#
#   pipelines/partners.sh -o DIR [-t themes.tsv] [--low-w W] FILE...
#
# FILEs are ';'-separated long-format exports (several rounds share one
# header).  Writes into DIR (docs/tables-surveys.md has the columns):
#   themes.tsv     round wijk theme criterion score n_org n_resp n_dk
#                  org_min org_max org_sd flags  (mean per organisation
#                  first, then over organisations)
#   theme-scores.tsv  theme criterion mean n_org n_resp min max round n_dk
#                  org_sd flags: the city-wide rows of the last round, for
#                  the Partners criterion of the priority scoring
#   agreement.tsv  round wijk basis m n n_themes w chi2 df p flag
#                  (Kendall's W over the organisations' theme rankings;
#                  flag "validatie" below --low-w, default 0.3)
#   rejects.tsv    the reject stream (mode 0600)
#   summary.txt    one line per stage, and the record balance
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
out='' themes=$share/themes.tsv loww=0.3

usage() {
	echo "usage: partners.sh -o dir [-t themes.tsv] [--low-w w] file..." >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	-o) out=${2:?}; shift 2 ;;
	-t) themes=${2:?}; shift 2 ;;
	--low-w) loww=${2:?}; shift 2 ;;
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

set +e
vb-ingest -d ';' --rejects "$work/rej-ingest.tsv" -- "$@" \
    2>"$work/ingest.log" |
    vb-survey partners --themes "$themes" --low-w "$loww" \
    --agreement "$work/agreement.tsv" --rejects "$work/rej-partners.tsv" \
    >"$work/themes.tsv" 2>"$work/partners.log"
st=("${PIPESTATUS[@]}")
set -e
{
	printf 'vb-ingest: %s\n' "$(tail -n 1 "$work/ingest.log" |
	    sed 's/^vb-[a-z]*: //')"
	printf 'vb-survey partners: %s\n' "$(tail -n 1 "$work/partners.log" |
	    sed 's/^vb-[a-z]*: //')"
} >"$work/summary.txt"
for s in "${st[@]}"; do
	if [ "$s" -ne 0 ]; then
		cat "$work/ingest.log" "$work/partners.log" >&2
		echo "partners: status=DATA_ERROR stages=${st[*]}" >&2
		exit 1
	fi
done
# With one FILE vb-ingest adds no _file: name it in the rejects.
awk -F '\t' -v OFS='\t' -v f="$1" 'FNR == 1 && NR > 1 { next }
    NR > 1 && $2 == "<stdin>" { $2 = f } { print }' "$work"/rej-*.tsv \
    >"$work/rejects.tsv"
awk -F '\t' -v OFS='\t' '
	FILENAME ~ /themes/ && FNR > 1 { sc += $7; dk += $8 }
	FILENAME ~ /rejects/ && FNR > 1 { rj++ }
	END { printf "balance: %d scores + %d weet-niet + %d rejects\n",
	    sc, dk, rj }' "$work/themes.tsv" "$work/rejects.tsv" \
    >>"$work/summary.txt"
# The city-wide scores of the last round (rounds sort as text: 2019,
# 2019-02, 2020).
awk -F '\t' -v OFS='\t' '
	NR == FNR { if (FNR > 1 && $1 > last) last = $1; next }
	FNR == 1 { print "theme", "criterion", "mean", "n_org", "n_resp", "min",
	    "max", "round", "n_dk", "org_sd", "flags"; next }
	$1 == last && $2 == "" { print $3, $4, $5, $6, $7, $9, $10, $1, $8,
	    $11, $12 }' "$work/themes.tsv" "$work/themes.tsv" \
    >"$work/theme-scores.tsv"
for t in themes.tsv theme-scores.tsv agreement.tsv rejects.tsv summary.txt; do
	mv -f -- "$work/$t" "$out/$t"
done
cat "$out/summary.txt" >&2
