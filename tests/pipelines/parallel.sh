#!/usr/bin/env bash
# parallel -- scripts/vb-parallel: sharded output byte-identical to one
# process (-j 1) and to the plain pipe written out here without the script,
# on the sample data: the CBS monthly table (gzip CSV -> records -> cut into
# blocks), the police incident export (cp1252, ';', geocoded; no quoted line
# breaks, so its CSV text is cut and each part ingested with vb-ingest
# --byte-range, with the same reject positions), a record file
# (cut into equal parts), a CSV with line breaks inside quoted fields (where
# cutting the CSV text blindly is shown to go wrong, and vb-parallel's parts
# stop on quote-error/spans-lines and one vb-ingest reads it), and the sshlogin path
# on this host (-S :).  A failing shard fails the run.  Env: BIN, ROOT, TMP.
set -euo pipefail
cd "$ROOT"
for p in vb-ingest vb-clean vb-aggregate vb-geocode; do
	command -v "$p" >/dev/null || { echo "skip: $p not built"; exit 77; }
done
command -v parallel >/dev/null || { echo "skip: GNU parallel not installed"; exit 77; }
VP=$ROOT/scripts/vb-parallel
fail() { echo "FAIL: $*"; exit 1; }
shards() {	# shards ERRFILE TOOL: how many shard summaries TOOL wrote
	grep -c "^$2: read " "$1" || :
}

# --- 1. CBS monthly table: CSV (gzip) -> one vb-ingest -> blocks ---------
M=sample-data/cbs/47022NED_maastricht_2014-2018.csv.gz
chain="vb-clean -r pipelines/rules/47022NED.rules --ref soorts=sample-data/soort-theme.tsv --ref areas=sample-data/areas.tsv --ref perioden=sample-data/cbs/47022NED_Perioden.csv"
agg='-g period,area,level,theme -s count --max count'
# The reference: the plain pipe, no vb-parallel.
vb-ingest "$M" 2>/dev/null | eval "$chain" 2>/dev/null |
	vb-aggregate -g period,area,level,theme -s count --max count >"$TMP/m.ref" 2>/dev/null
[ "$(wc -l <"$TMP/m.ref")" -gt 1000 ] || fail "reference too small"
"$VP" -j 1 --csv -c "$chain" -a "$agg" "$M" >"$TMP/m.1" 2>"$TMP/m.1.err"
cmp "$TMP/m.ref" "$TMP/m.1" || fail "-j 1 differs from the plain pipe"
"$VP" -j 2 --block 1M --csv -c "$chain" -a "$agg" "$M" >"$TMP/m.2" 2>"$TMP/m.2.err"
cmp "$TMP/m.ref" "$TMP/m.2" || fail "-j 2 differs from the plain pipe (CBS monthly)"
n=$(shards "$TMP/m.2.err" vb-clean)
[ "$n" -ge 4 ] || fail "only $n shards ran"
# Every record was cleaned exactly once, whatever the shard.
sum=$(sed -n 's/^vb-clean: read \([0-9]*\),.*/\1/p' "$TMP/m.2.err" | awk '{ s += $1 } END { print s }')
[ "$sum" -eq 184080 ] || fail "shards read $sum records, not 184080"
# One vb-ingest for the whole CSV.
[ "$(shards "$TMP/m.2.err" vb-ingest)" -eq 1 ] || fail "the CSV was ingested more than once"

# --- 2. the police incident export: cp1252, ';', geocoded, with rejects -----
I=sample-data/incidents/politie-2018.csv
areas=sample-data/reference/cartomap-buurt-2018/buurt_2018_maastricht_rd_DERIVED.geojson
gchain="vb-geocode --areas $areas --code-prop statcode --xy x_rd,y_rd --decimal-comma --date pleegdatum_begin --date-format %d-%m-%Y --rejects $TMP/rej.{#}.tsv"
gagg='-g period,wijk,buurt,incidentcode'
vb-ingest -d ';' -e cp1252 "$I" 2>/dev/null |
	vb-geocode --areas "$areas" --code-prop statcode --xy x_rd,y_rd --decimal-comma \
	    --date pleegdatum_begin --date-format %d-%m-%Y --rejects "$TMP/rej.ref" 2>/dev/null |
	vb-aggregate $gagg >"$TMP/i.ref" 2>/dev/null
"$VP" -j 2 --block 40k --ingest "-d ';' -e cp1252" -c "$gchain" -a "$gagg" "$I" \
    >"$TMP/i.2" 2>"$TMP/i.2.err"
cmp "$TMP/i.ref" "$TMP/i.2" || fail "-j 2 differs from the plain pipe (incidents)"
[ "$(shards "$TMP/i.2.err" vb-geocode)" -ge 2 ] || fail "incidents: one shard only"
# No quoted line breaks in this export: the CSV text itself is cut, one
# vb-ingest per part, and _line still counts from the top of the file.
grep -q 'cut as text into 2 parts' "$TMP/i.2.err" || fail "incidents: CSV not cut"
[ "$(shards "$TMP/i.2.err" vb-ingest)" -eq 2 ] || fail "incidents: not one vb-ingest per part"
# The shards' reject files together are the single run's rejects: same
# records (by _line position), same codes.
cut -f3,6 "$TMP/rej.ref" | tail -n +2 | sort >"$TMP/rej.ref.s"
for f in "$TMP"/rej.[0-9]*.tsv; do tail -n +2 "$f"; done | cut -f3,6 | sort >"$TMP/rej.2.s"
cmp "$TMP/rej.ref.s" "$TMP/rej.2.s" || fail "shard rejects differ from the single run's"
[ -s "$TMP/rej.2.s" ] || fail "no rejects at all: the test lost its point"

# --- 3. a record file: cut into N equal parts (--pipepart) ------------------
vb-ingest "$M" >"$TMP/m.tsv" 2>/dev/null
"$VP" -j 2 -c "$chain" -a "$agg" "$TMP/m.tsv" >"$TMP/r.2" 2>"$TMP/r.2.err"
cmp "$TMP/m.ref" "$TMP/r.2" || fail "-j 2 on a record file differs"
[ "$(shards "$TMP/r.2.err" vb-clean)" -eq 2 ] || fail "record file: not 2 parts"
# The same from stdin (blocks).
"$VP" -j 3 --block 2M -c "$chain" -a "$agg" <"$TMP/m.tsv" >"$TMP/s.3" 2>/dev/null
cmp "$TMP/m.ref" "$TMP/s.3" || fail "-j 3 on stdin differs"

# --- 4. a CSV with line breaks inside quoted fields ---------------------------
# SoortMisdrijf.csv: 59 records over 283 lines (QUALITY.md R3).
Q=sample-data/reference/cbs-politie-metadata/SoortMisdrijf.csv
qagg='-g Key,CategoryGroupID'
vb-ingest "$Q" 2>/dev/null | vb-aggregate $qagg >"$TMP/q.ref" 2>/dev/null
[ "$(($(wc -l <"$TMP/q.ref") - 1))" -eq 59 ] || fail "SoortMisdrijf: not 59 records"
"$VP" -j 2 --block 1k --csv -a "$qagg" "$Q" >"$TMP/q.2" 2>"$TMP/q.2.err"
cmp "$TMP/q.ref" "$TMP/q.2" || fail "quoted line breaks: -j 2 differs"
[ "$(shards "$TMP/q.2.err" vb-aggregate)" -ge 3 ] || fail "quoted CSV: too few shards"
grep -q 'one vb-ingest' "$TMP/q.2.err" || fail "quoted line breaks not detected"
[ "$(shards "$TMP/q.2.err" vb-ingest)" -eq 1 ] || fail "quoted CSV ingested in parts"
# What vb-parallel avoids: cutting the CSV text itself breaks records apart.
set +e
parallel --no-notice --pipe --header 1 --block 1k -j 2 'vb-ingest --no-provenance 2>/dev/null | vb-aggregate -g Key,CategoryGroupID 2>/dev/null' <"$Q" |
	awk 'NR == 1 { h = $0; print; next } $0 != h' |
	vb-aggregate $qagg --merge >"$TMP/q.blind" 2>/dev/null
set -e
! cmp -s "$TMP/q.ref" "$TMP/q.blind" || fail "blind split of the CSV text happened to work: the test proves nothing"

# --- 5. the sshlogin path on this host ---------------------------------------
"$VP" -j 2 -S : --block 1M --csv -c "$chain" -a "$agg" "$M" >"$TMP/ssh.2" 2>/dev/null
cmp "$TMP/m.ref" "$TMP/ssh.2" || fail "-S : differs"

# --- 6. a failing shard fails the run -----------------------------------------
set +e
"$VP" -j 2 --block 1M --csv -c "vb-clean -r /nonexistent.rules" -a "$agg" "$M" >/dev/null 2>"$TMP/f.err"
st=$?
set -e
[ $st -ne 0 ] || fail "a failing chain gave status 0"
grep -q '^vb-parallel: .*failed' "$TMP/f.err" || fail "no failure message"
# The same when the CSV text is cut: status, message, and nothing on stdout.
set +e
"$VP" -j 2 --ingest "-d ';' -e cp1252" -c "vb-clean -r /nonexistent.rules" -a "$gagg" "$I" \
    >"$TMP/f2.out" 2>"$TMP/f2.err"
st=$?
set -e
[ $st -ne 0 ] || fail "a failing chain on a cut CSV gave status 0"
grep -q 'cut as text' "$TMP/f2.err" || fail "the failing CSV was not cut"
grep -q '^vb-parallel: .*failed' "$TMP/f2.err" || fail "no failure message (cut CSV)"
grep -q 'nonexistent.rules' "$TMP/f2.err" || fail "the part's own message was lost"
[ ! -s "$TMP/f2.out" ] || fail "a failed run wrote a result"
echo "parallel: ok"
