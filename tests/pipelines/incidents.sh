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
