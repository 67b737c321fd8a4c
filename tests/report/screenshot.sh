#!/usr/bin/env bash
# screenshot.sh REPORT.html OUT.png [LOG] -- render a report in headless
# Chromium with networking features off, save a full-width screenshot and
# the DOM (OUT.png.dom.html); Chromium's log (console messages included)
# goes to LOG.  Exit 77 when there is no Chromium.
set -uo pipefail
html=$1 png=$2 log=${3:-/dev/null}
chrome=""
for c in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
	[ -x "$c" ] && { chrome=$c; break; }
done
[ -n "$chrome" ] || { echo "no chromium"; exit 77; }
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
	--disable-component-update --disable-sync --no-first-run
	--user-data-dir="$prof" --enable-logging=stderr --v=0
	--hide-scrollbars)
url="file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
timeout 120 "$chrome" "${flags[@]}" --window-size=1280,2000 \
	--screenshot="$png" "$url" >/dev/null 2>>"$log" || exit 1
timeout 120 "$chrome" "${flags[@]}" --dump-dom "$url" \
	>"$png.dom.html" 2>>"$log" || exit 1
