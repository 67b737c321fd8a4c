#!/usr/bin/env bash
# incidents.sh -- pipelines/incidents.sh on the synthetic police export:
# the counts must equal those computed here from the generator's answer
# file (which knows the buurt each point was drawn in), every reject must be
# the expected one at the expected line, records in = counted + rejected,
# rejects.tsv is 0600, reruns are byte-identical, and a missing key writes
# nothing.
set -euo pipefail
. "$ROOT/tests/pipelines/incidents-lib.bash"
check_source "$ROOT/pipelines/incidents.sh" \
    "$ROOT/pipelines/profiles/politie-bvh.profile" \
    "$ROOT/sample-data/incidents/politie-2018.csv" \
    "$ROOT/sample-data/incidents/politie-2018.expected.tsv"

# Two exports with one header each (e.g. two delivery months) give the same
# counts as one, rejects name the file they came from, and a record
# delivered in both is counted once.
E=$ROOT/sample-data/incidents/politie-2018.csv
(head -n 1 "$E"; sed -n '2,700p' "$E") >"$TMP/a.csv"
(head -n 1 "$E"; sed -n '701,$p' "$E"; sed -n '2p' "$E") >"$TMP/b.csv"
"$ROOT/pipelines/incidents.sh" -o "$TMP/two" -k "$TMP/key" \
    -p "$ROOT/pipelines/profiles/politie-bvh.profile" "$TMP/a.csv" "$TMP/b.csv" \
    2>/dev/null || fail "two exports"
cmp "$TMP/out/counts.tsv" "$TMP/two/counts.tsv" || fail "two exports count differently"
[ "$(awk -F '\t' 'NR > 1 && $2 ~ /a\.csv$/' "$TMP/two/rejects.tsv" | wc -l)" -gt 0 ] &&
    [ "$(awk -F '\t' 'NR > 1 && $2 ~ /b\.csv$/' "$TMP/two/rejects.tsv" | wc -l)" -gt 0 ] ||
	fail "rejects do not name their export"
[ "$(awk -F '\t' '$6 == "unique-error"' "$TMP/two/rejects.tsv" | wc -l)" = 4 ] ||
	fail "the record delivered twice was not rejected once more"
echo "ok: two exports"

# Without vb-aggregate in PATH the pipeline counts with awk: same bytes.
mkdir -p "$TMP/bin"
for b in ingest geocode clean validate; do
	ln -s "$BIN/vb-$b" "$TMP/bin/vb-$b"
done
PATH=$TMP/bin:/usr/bin:/bin "$ROOT/pipelines/incidents.sh" -o "$TMP/noagg" \
    -k "$TMP/key" -p "$ROOT/pipelines/profiles/politie-bvh.profile" "$E" \
    2>/dev/null || fail "run without vb-aggregate"
cmp "$TMP/out/counts.tsv" "$TMP/noagg/counts.tsv" || fail "awk counts differ"
echo "ok: without vb-aggregate"
