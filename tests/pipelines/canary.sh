#!/usr/bin/env bash
# canary.sh -- QUALITY.md C1-C3: exports with the sentinel address
# "Kanariestraat 999, 9999 ZZ Nergenshuizen" and sentinel registration
# numbers go through both incident pipelines, vb-ingest | vb-geocode alone
# and vb-format (when built).  No output, reject file, summary or stderr log
# may contain a sentinel, in any spelling the exports use.  The canary rows
# include ones that are rejected (unknown postcode, malformed postcode,
# swapped coordinates, ambiguous code) and ones that are counted.
set -euo pipefail
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
D=$ROOT/sample-data/incidents
A=$ROOT/sample-data/reference/cartomap-buurt-2018/buurt_2018_maastricht_rd_DERIVED.geojson
head -c 32 /dev/urandom >"$TMP/key"
mkdir -p "$TMP/art" "$TMP/tmpdir"
export TMPDIR=$TMP/tmpdir

"$ROOT/pipelines/incidents.sh" -o "$TMP/art/p" -k "$TMP/key" \
    -p "$ROOT/pipelines/profiles/politie-bvh.profile" "$D/canary.csv" \
    2>"$TMP/art/p.log" || { cat "$TMP/art/p.log"; fail "incidents.sh"; }
"$ROOT/pipelines/meldingen.sh" -o "$TMP/art/m" -k "$TMP/key" \
    -p "$ROOT/pipelines/profiles/mor-signalen.profile" \
    "$D/canary-meldingen.csv" 2>"$TMP/art/m.log" ||
	{ cat "$TMP/art/m.log"; fail "meldingen.sh"; }
# Both exports must really have rejected and counted canary rows, or the
# test proves nothing.
[ "$(tail -n +2 "$TMP/art/p/rejects.tsv" | wc -l)" -ge 3 ] || fail "too few police rejects"
[ "$(tail -n +2 "$TMP/art/m/rejects.tsv" | wc -l)" -ge 2 ] || fail "too few meldingen rejects"
grep -q "counted 2," "$TMP/art/p/summary.txt" || fail "police canary rows not counted"
grep -q "counted 2," "$TMP/art/m/summary.txt" || fail "meldingen canary rows not counted"

# The filters alone, with the pseudonymised id, in strict mode too (the
# first reject is then a fatal message on stderr).
vb-ingest -d ';' -e cp1252 --pseudonymise registratienummer \
    --key-file "$TMP/key" "$D/canary.csv" 2>"$TMP/art/ingest.log" |
    vb-geocode --areas "$A" --xy x_rd,y_rd --decimal-comma \
    --pc6 "$D/pc6hnr-maastricht-synthetic.csv" \
    --address postcode,huisnummer,huisletter,huisnummertoevoeging \
    --date pleegdatum_begin --date-format %d-%m-%Y \
    --rejects "$TMP/art/geo-rej.tsv" >"$TMP/art/geo.tsv" 2>"$TMP/art/geo.log"
for strict in 1 2 4; do
	# Each run stops at a different canary row.
	sed -n "1p;$((strict + 2)),\$p" "$D/canary.csv" >"$TMP/c$strict.csv"
	vb-ingest -d ';' -e cp1252 "$TMP/c$strict.csv" 2>/dev/null |
	    vb-geocode --areas "$A" --xy x_rd,y_rd --decimal-comma \
	    --pc6 "$D/pc6hnr-maastricht-synthetic.csv" \
	    --address postcode,huisnummer,huisletter,huisnummertoevoeging \
	    >"$TMP/art/strict$strict.tsv" 2>"$TMP/art/strict$strict.log" &&
		fail "strict geocode run $strict did not stop"
	grep -q "geocode\|constraint-error" "$TMP/art/strict$strict.log" ||
		fail "strict run $strict: no reason given"
done
if command -v vb-format >/dev/null; then
	for d in p m; do
		vb-format "$TMP/art/$d/counts.tsv" >"$TMP/art/$d-format.txt" \
		    2>"$TMP/art/$d-format.log" || :
		vb-format -t jsonl "$TMP/art/$d/counts.tsv" \
		    >"$TMP/art/$d-format.jsonl" 2>>"$TMP/art/$d-format.log" || :
	done
fi
[ -z "$(ls -A "$TMP/tmpdir")" ] || fail "temporary files left behind"

# The sentinels, in every spelling the exports use (the police export is
# Windows-1252, but these are ASCII).  The sentinel number 999 alone is too
# common to grep; it appears only with the street.
n=0
for s in Kanariestraat Nergenshuizen "9999 ZZ" 9999ZZ "9999 Z Z" \
    KANARIE MKANARIE "Kanariestraat 999"; do
	if grep -rlF -- "$s" "$TMP/art"; then
		fail "sentinel '$s' leaked"
	fi
	n=$((n + 1))
done
# Also case-insensitively (a normaliser may upper- or lower-case).
if grep -rliE 'kanarie|nergenshuizen' "$TMP/art"; then
	fail "a sentinel leaked in another case"
fi
# The raw coordinates of the canary rows are address-equivalent too.
if grep -rlE '176500[,.]0|317800[,.]0' "$TMP/art"; then
	fail "canary coordinates leaked"
fi
echo "ok: $n sentinels absent from $(find "$TMP/art" -type f | wc -l) files"
