#!/usr/bin/env bash
# incidents-meldingen.sh -- pipelines/meldingen.sh on the synthetic nuisance
# export (WGS84, address-only rows): the same checks as incidents.sh.
set -euo pipefail
. "$ROOT/tests/pipelines/incidents-lib.bash"
check_source "$ROOT/pipelines/meldingen.sh" \
    "$ROOT/pipelines/profiles/mor-signalen.profile" \
    "$ROOT/sample-data/incidents/meldingen-2018.csv" \
    "$ROOT/sample-data/incidents/meldingen-2018.expected.tsv"
