#!/usr/bin/env bash
# incidents-meldingen.sh -- pipelines/meldingen.sh on the synthetic nuisance
# export (WGS84, address-only rows): the same checks as incidents.sh.
set -euo pipefail
. "$ROOT/tests/pipelines/incidents-lib.bash"
check_source "$ROOT/pipelines/meldingen.sh" \
    "$ROOT/pipelines/profiles/mor-signalen.profile" \
    "$ROOT/sample-data/incidents/meldingen-2018.csv" \
    "$ROOT/sample-data/incidents/meldingen-2018.expected.tsv"

# The key may come from VB_KEY_FILE and long options; then no throwaway key
# is announced.  Without any key one is, and the run still works.
VB_KEY_FILE=$TMP/key "$ROOT/pipelines/meldingen.sh" --output "$TMP/env" \
    --profile "$ROOT/pipelines/profiles/mor-signalen.profile" \
    "$ROOT/sample-data/incidents/meldingen-2018.csv" 2>"$TMP/env.log" ||
	fail "VB_KEY_FILE run"
grep -q throwaway "$TMP/env.log" && fail "announced a throwaway key despite VB_KEY_FILE"
cmp "$TMP/out/counts.tsv" "$TMP/env/counts.tsv" || fail "VB_KEY_FILE run differs"
env -u VB_KEY_FILE "$ROOT/pipelines/meldingen.sh" -o "$TMP/nokey" \
    -p "$ROOT/pipelines/profiles/mor-signalen.profile" \
    "$ROOT/sample-data/incidents/meldingen-2018.csv" 2>"$TMP/nokey.log" ||
	fail "run without a key"
grep -q "throwaway key" "$TMP/nokey.log" || fail "throwaway key not announced"
grep -q "throwaway key" "$TMP/nokey/summary.txt" || fail "summary does not say so"
echo "ok: key sources"
