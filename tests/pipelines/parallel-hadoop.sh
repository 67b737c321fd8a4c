#!/usr/bin/env bash
# parallel-hadoop -- the Hadoop Streaming example of docs/operations.md §6,
# with Hadoop simulated: the record body cut into 3 input splits at line
# ends (no header), mapper.sh per split, the shuffle as a sort by the key
# (text before the first TAB) and a partition into 2 reducers by key,
# reducer.sh per partition, then the final merge of the parts.  The result
# must be byte-identical to the chain run once over the whole input.
# Env: BIN, ROOT, TMP.
set -euo pipefail
cd "$ROOT"
GEN=$(dirname "$BIN")/tools/gen-bench
[ -x "$GEN" ] || { echo "skip: gen-bench not built"; exit 77; }
for p in vb-ingest vb-clean vb-geocode vb-aggregate; do
	command -v "$p" >/dev/null || { echo "skip: $p not built"; exit 77; }
done
fail() { echo "FAIL: $*"; exit 1; }

# The task directory, as -files would fill it.
T=$TMP/task
mkdir -p "$T"
for p in vb-clean vb-geocode vb-aggregate; do ln -s "$BIN/$p" "$T/$p"; done
cp sample-data/soort-theme.tsv "$T/"
cp sample-data/reference/cartomap-buurt-2018/buurt_2018_maastricht_rd_DERIVED.geojson "$T/buurt.geojson"
printf 'ref soorts soort-theme.tsv\nmap soort soorts soort theme\n' >"$T/chain.rules"
cat >"$T/mapper-chain.sh" <<'EOF'
#!/bin/bash
set -o pipefail
./vb-clean -r chain.rules --rejects /dev/null |
./vb-geocode --areas buurt.geojson --code-prop statcode --xy x_rd,y_rd \
    --date pleegdatum --rejects /dev/null |
./vb-aggregate -g period,wijk,buurt,theme
EOF
cat >"$T/mapper.sh" <<'EOF'
#!/bin/bash
set -o pipefail
cat in-header.tsv - | ./mapper-chain.sh | tail -n +2
EOF
cat >"$T/reducer.sh" <<'EOF'
#!/bin/bash
set -o pipefail
cat out-header.tsv - | ./vb-aggregate -g period,wijk,buurt,theme --merge | tail -n +2
EOF
chmod +x "$T"/*.sh

# Locally: CSV to records, headers.
"$GEN" incidents 30000 >"$TMP/incidents.csv"
vb-ingest "$TMP/incidents.csv" >"$TMP/incidents.tsv" 2>/dev/null
head -n 1 "$TMP/incidents.tsv" >"$T/in-header.tsv"
tail -n +2 "$TMP/incidents.tsv" >"$TMP/body.tsv"
(cd "$T" && ./mapper-chain.sh <in-header.tsv >out-header.tsv 2>/dev/null)
[ "$(wc -l <"$T/out-header.tsv")" -eq 1 ] || fail "output header"

# The reference: one process.
(cd "$T" && ./mapper-chain.sh <"$TMP/incidents.tsv" >"$TMP/one.tsv" 2>/dev/null)
[ "$(wc -l <"$TMP/one.tsv")" -gt 100 ] || fail "reference too small"

# Map: 3 splits at line ends.
split -n l/3 -d "$TMP/body.tsv" "$TMP/split."
for s in "$TMP"/split.0[0-2]; do
	(cd "$T" && ./mapper.sh <"$s" >"$s.map" 2>/dev/null) || fail "mapper on $s"
	! grep -q '^period	' "$s.map" || fail "a header went into the shuffle"
done
# Shuffle: partition by key (first field) into 2 reducers, each sorted.
cat "$TMP"/split.0[0-2].map |
	awk -F'\t' -v d="$TMP" '{ h = 0; for (i = 1; i <= length($1); i++) h += i * index("0123456789-", substr($1, i, 1))
	    print > (d "/part.in." (h % 2)) }'
[ -s "$TMP/part.in.0" ] && [ -s "$TMP/part.in.1" ] || fail "one reducer got nothing"
for r in 0 1; do
	LC_ALL=C sort -t "$(printf '\t')" -k1,1 -s "$TMP/part.in.$r" |
	    (cd "$T" && ./reducer.sh >"$TMP/part-0000$r" 2>/dev/null) || fail "reducer $r"
done
# The final merge of the parts.
{ cat "$T/out-header.tsv"; cat "$TMP"/part-0000[01]; } |
	vb-aggregate -g period,wijk,buurt,theme --merge >"$TMP/hadoop.tsv" 2>/dev/null
cmp "$TMP/one.tsv" "$TMP/hadoop.tsv" || fail "Hadoop-style result differs from one process"
echo "parallel-hadoop: ok"
