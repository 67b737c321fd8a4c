#!/usr/bin/env bash
# meldingen.sh -- nuisance reports (MOR / Signalen exports) to counts per
# buurt, wijk and gemeente x theme x month and year.
#
#   meldingen.sh -o DIR -p PROFILE [-k|--key-file KEYFILE] EXPORT...
#
# The same chain as incidents.sh (ingest with a pseudonymised melding id,
# geocode from lat/lon or postcode + huisnummer, de-duplicate, category ->
# theme through the editable table the profile names, aggregate); the
# profile (e.g. pipelines/profiles/mor-signalen.profile) holds everything
# that differs.  Meldingen are counted apart from police figures and never
# added to them.
set -euo pipefail
VB_PIPELINE_NAME=$(basename "$0") exec "$(dirname "$0")/incidents.sh" "$@"
