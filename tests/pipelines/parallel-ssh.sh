#!/usr/bin/env bash
# parallel-ssh -- scripts/vb-parallel over a real ssh login to this host
# (-S localhost): the shards run through ssh in the same working directory
# with the caller's PATH, and the merged output is byte-identical to one
# process.  Skipped (77) when ssh to localhost without a password is not
# possible.  Env: BIN, ROOT, TMP.
set -euo pipefail
cd "$ROOT"
command -v parallel >/dev/null || { echo "skip: GNU parallel not installed"; exit 77; }
command -v ssh >/dev/null || { echo "skip: no ssh client"; exit 77; }
ssh -o BatchMode=yes -o ConnectTimeout=3 -o StrictHostKeyChecking=no localhost true \
    >/dev/null 2>&1 || { echo "skip: cannot ssh to localhost without a password"; exit 77; }
for p in vb-ingest vb-clean vb-aggregate; do
	command -v "$p" >/dev/null || { echo "skip: $p not built"; exit 77; }
done
M=sample-data/cbs/47022NED_maastricht_2014-2018.csv.gz
chain="vb-clean -r pipelines/rules/47022NED.rules --ref soorts=sample-data/soort-theme.tsv --ref areas=sample-data/areas.tsv --ref perioden=sample-data/cbs/47022NED_Perioden.csv"
agg='-g period,area,level,theme -s count'
scripts/vb-parallel -j 1 --csv -c "$chain" -a "$agg" "$M" >"$TMP/one" 2>/dev/null
scripts/vb-parallel -j 2 -S localhost --block 1M --csv -c "$chain" -a "$agg" "$M" \
    >"$TMP/ssh" 2>"$TMP/ssh.err"
cmp "$TMP/one" "$TMP/ssh" || { echo "FAIL: -S localhost differs"; exit 1; }
[ "$(grep -c '^vb-clean: read ' "$TMP/ssh.err")" -ge 2 ] || { echo "FAIL: one shard only"; exit 1; }
echo "parallel-ssh: ok"
