#!/usr/bin/env bash
# run-pipelines.sh BINDIR [TEST...] -- run the end-to-end tests tests/pipelines/*.sh.
# Each gets BIN (first in PATH), ROOT and a fresh TMP; exit 0 passes, 77 skips.
# With VB_SAN=1 (make san) a test with a line '# san: skip REASON' is skipped.
set -uo pipefail
BIN=$(cd "$1" && pwd) || exit 2
shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export BIN ROOT PATH="$BIN:$PATH" LC_ALL=C TZ=Europe/Amsterdam
[ $# -gt 0 ] || set -- "$ROOT"/tests/pipelines/*.sh
pass=0 fail=0 skip=0
for t in "$@"; do
	[ -f "$t" ] || continue
	if [ "${VB_SAN:-0}" = 1 ] && grep -q '^# san: skip' "$t"; then
		skip=$((skip + 1))
		echo "SKIP $(basename "$t" .sh): under sanitizers: $(sed -n 's/^# san: skip *//p' "$t" | head -n 1)"
		continue
	fi
	TMP=$(mktemp -d) || exit 2
	export TMP
	(cd "$ROOT" && bash "$t") >"$TMP.log" 2>&1
	st=$?
	name=$(basename "$t" .sh)
	case $st in
	0) pass=$((pass + 1)); echo "PASS $name" ;;
	77) skip=$((skip + 1)); echo "SKIP $name: $(tail -n 1 "$TMP.log")" ;;
	*) fail=$((fail + 1)); echo "FAIL $name (status $st)"; tail -n 30 "$TMP.log" | sed 's/^/  /' ;;
	esac
	rm -rf "$TMP" "$TMP.log"
done
echo "pipelines: $pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
