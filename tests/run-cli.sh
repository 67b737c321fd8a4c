#!/usr/bin/env bash
# run-cli.sh BINDIR [CASEDIR...] -- run golden CLI cases (tests/cli/FILTER/NNNN-name/).
# A case holds `cmd` (one shell line), optional `input` (stdin), `expout`, and
# `experr` / `status` when non-empty / non-zero.  Runs under LC_ALL=C from the
# project root with DATA=sample-data and BINDIR first in PATH.  UPDATE=1
# rewrites the expectations (review them with git diff).
set -uo pipefail
bindir=$(cd "$1" && pwd) || exit 2
shift
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
if [ $# -eq 0 ]; then
	set -- $(find tests/cli -mindepth 2 -maxdepth 2 -type d | sort)
fi
export PATH="$bindir:$PATH" LC_ALL=C DATA=sample-data TZ=Europe/Amsterdam
pass=0 fail=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
for c in "$@"; do
	c=${c%/}
	[ -f "$c/cmd" ] || continue
	export CASE="$c" TMP="$tmp/scratch"
	rm -rf "$TMP"; mkdir -p "$TMP"
	if [ -f "$c/input" ]; then in="$c/input"; else in=/dev/null; fi
	bash -c "$(cat "$c/cmd")" <"$in" >"$tmp/out" 2>"$tmp/err"
	st=$?
	want_st=0; [ -f "$c/status" ] && want_st=$(cat "$c/status")
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$tmp/out" "$c/expout"
		if [ -s "$tmp/err" ]; then cp "$tmp/err" "$c/experr"; else rm -f "$c/experr"; fi
		if [ "$st" != 0 ]; then echo "$st" >"$c/status"; else rm -f "$c/status"; fi
		pass=$((pass + 1))
		continue
	fi
	ok=1
	[ -f "$c/experr" ] || : >"$tmp/noerr"
	if ! diff -u "${c}/expout" "$tmp/out" >"$tmp/d1" 2>&1; then ok=0; fi
	if ! diff -u "$( [ -f "$c/experr" ] && echo "$c/experr" || echo "$tmp/noerr")" "$tmp/err" >"$tmp/d2" 2>&1; then ok=0; fi
	[ "$st" = "$want_st" ] || ok=0
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $c (status $st, want $want_st)"
		echo "  cmd: $(cat "$c/cmd")"
		head -n 40 "$tmp/d1" "$tmp/d2" | sed 's/^/  /'
	fi
done
echo "cli: $pass passed, $fail failed"
[ $fail = 0 ]
