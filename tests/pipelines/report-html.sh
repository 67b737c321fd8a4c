#!/usr/bin/env bash
# report-html.sh -- the veiligheidsbeeld report from sample-data: builds the
# picture directory (pipelines/veiligheidsbeeld.sh when present, else
# tests/report/make-picture.sh), renders it with vb-format --html and checks:
# deterministic bytes (timestamp fixed), no URL a browser would fetch, every
# map and chart present, the table numbers equal stats.tsv under the
# disclosure rules (tests/report/check-html.py, with a mutation that must
# fail), no privacy canary, English version, and a headless Chromium render
# (screenshot kept in tests/report/out/, no console error).
set -euo pipefail
cd "$ROOT"
pic=$TMP/picture
opts=(--disclosure-table sample-data/soort-theme.tsv --population sample-data/population.tsv)
if [ -x pipelines/veiligheidsbeeld.sh ] && pipelines/veiligheidsbeeld.sh -o "$pic" >"$TMP/vb.log" 2>&1 \
    && [ "$(wc -l < "$pic/stats.tsv")" -gt 1 ]; then
	echo "picture: pipelines/veiligheidsbeeld.sh"
else
	command -v vb-rank >/dev/null || { echo "skip: no vb-rank and no veiligheidsbeeld.sh"; exit 77; }
	rm -rf "$pic"
	tests/report/make-picture.sh "$pic"
	echo "picture: tests/report/make-picture.sh"
fi
r1=$TMP/r1.html r2=$TMP/r2.html
vb-format --html "${opts[@]}" --timestamp "2019-01-15 09:00 UTC" -o "$r1" "$pic"
SOURCE_DATE_EPOCH=1547542800 vb-format --html "${opts[@]}" -o "$r2" "$pic"
cmp "$r1" "$r2" || { echo "FAIL: two runs differ"; exit 1; }
vb-format --html "${opts[@]}" --timestamp "other time" -o "$TMP/r3.html" "$pic"
n=$(diff "$r1" "$TMP/r3.html" | grep -c '^<' || true)
[ "$n" -le 2 ] || { echo "FAIL: $n lines differ beyond the timestamp"; exit 1; }
[ "$(stat -c %a "$r1")" != 600 ] || { echo "FAIL: report has mode 0600"; exit 1; }

# Self-contained: no script, no stylesheet link, no URL in src/href/url().
if grep -Eiq '<script|<link|<iframe|<img|@import|url\([^#]' "$r1"; then
	echo "FAIL: script, link, image or external url() in the report"; exit 1
fi
if grep -Eio '(src|href|xlink:href)="[^"#][^"]*"' "$r1" | grep -v '^href="#' | head -n 3 | grep .; then
	echo "FAIL: a src/href that is not a fragment"; exit 1
fi
if grep -Eio '(https?|ftp|file):/?/?[a-z0-9.-]+' "$r1" | head -n 3 | grep .; then
	echo "FAIL: a URL in the report"; exit 1
fi

# Maps and charts: one chart per theme, two maps per theme with rates.
themes=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["theme"] != "total" && $c["theme"] != "excl" { t[$c["theme"]] = 1; if ($c["rate"] != "") r[$c["theme"]] = 1 }
	END { n = 0; m = 0; for (k in t) n++; for (k in r) m++; print n, m }' "$pic/stats.tsv")
set -- $themes
maps=$(grep -o '<svg class="map"' "$r1" | wc -l)
charts=$(grep -o '<svg class="chart"' "$r1" | wc -l)
echo "themes $1 (with rates $2): maps $maps, charts $charts"
[ "$maps" -eq $(($2 * 2)) ] || { echo "FAIL: want $(($2 * 2)) maps"; exit 1; }
[ "$charts" -eq "$1" ] || { echo "FAIL: want $1 charts"; exit 1; }
grep -q 'class="matrix"' "$r1" || { echo "FAIL: no priority matrix"; exit 1; }
grep -q 'id="herkomst"' "$r1" && grep -q "$(sha256sum sample-data/population.tsv | cut -c1-64)" "$r1" ||
	{ echo "FAIL: provenance without the population file's SHA-256"; exit 1; }

# Numbers in the tables equal the tidy TSV (disclosure re-derived).
chk=(tests/report/check-html.py "$r1" "$pic/stats.tsv" sample-data/soort-theme.tsv sample-data/population.tsv)
python3 "${chk[@]}"
# The check must notice a changed number: raise the first wijk count by one.
awk '!done && /data-area="WK/ && match($0, /class="n count">[0-9.]+</) {
	s = substr($0, RSTART + 16, RLENGTH - 17); t = s; gsub(/\./, "", t)
	$0 = substr($0, 1, RSTART + 15) (t + 1) substr($0, RSTART + RLENGTH - 1); done = 1 } 1' "$r1" > "$TMP/bad.html"
cmp -s "$r1" "$TMP/bad.html" && { echo "FAIL: mutation did not apply"; exit 1; }
if python3 tests/report/check-html.py "$TMP/bad.html" "${chk[@]:2}" >/dev/null; then
	echo "FAIL: check-html.py accepted a wrong count"; exit 1
fi

# Privacy canaries (QUALITY.md C1) never reach the report.
if grep -Eiq 'Kanariestraat|Nergenshuizen|9999 ?ZZ' "$r1"; then echo "FAIL: canary in report"; exit 1; fi

# English.
vb-format --html --lang en "${opts[@]}" --timestamp x -o "$TMP/en.html" "$pic"
grep -q '<html lang="en">' "$TMP/en.html" && grep -q '>Summary<' "$TMP/en.html" ||
	{ echo "FAIL: --lang en"; exit 1; }
python3 tests/report/check-html.py "$TMP/en.html" "${chk[@]:2}"

# Headless Chromium: renders, no console error, screenshot kept.
out=tests/report/out
mkdir -p "$out"
cp "$r1" "$out/veiligheidsbeeld.html"
rc=0
tests/report/screenshot.sh "$out/veiligheidsbeeld.html" "$out/veiligheidsbeeld.png" "$TMP/chrome.log" || rc=$?
if [ $rc = 77 ]; then echo "chromium missing: screenshot skipped"; exit 0; fi
[ $rc = 0 ] || { echo "FAIL: chromium"; tail -n 5 "$TMP/chrome.log"; exit 1; }
[ -s "$out/veiligheidsbeeld.png" ] || { echo "FAIL: no screenshot"; exit 1; }
if grep -E 'CONSOLE|Uncaught|net::ERR' "$TMP/chrome.log" | head -n 5 | grep .; then
	echo "FAIL: console message or network error"; exit 1
fi
dm=$(grep -o '<svg class="map"' "$out/veiligheidsbeeld.png.dom.html" | wc -l)
[ "$dm" -eq "$maps" ] || { echo "FAIL: the DOM has $dm maps"; exit 1; }
echo "screenshot: $out/veiligheidsbeeld.png"
