#!/usr/bin/env bash
# report-xlsx.sh -- vb-format -t xlsx: one sheet per input table plus the
# notes sheet, numbers stored as numbers, codes ("1.2") and formula-like text
# stored as text (no <f> element anywhere), disclosure applied, and the same
# bytes on a rerun with SOURCE_DATE_EPOCH.  Skips when vb was built without
# libxlsxwriter (see vb-format(1)).
set -euo pipefail
cd "$ROOT"
in=tests/cli/format/0003-csv-excel/input
cnt=tests/cli/format/0021-d3-class-b/input
export SOURCE_DATE_EPOCH=1547542800
if ! vb-format -t xlsx -o "$TMP/a.xlsx" --disclosure-table sample-data/soort-theme.tsv "$in" "$cnt" 2>"$TMP/err"; then
	if grep -q config-error "$TMP/err"; then echo "skip: vb-format built without libxlsxwriter"; exit 77; fi
	cat "$TMP/err"; exit 1
fi
vb-format -t xlsx -o "$TMP/b.xlsx" --disclosure-table sample-data/soort-theme.tsv "$in" "$cnt" 2>/dev/null
cmp "$TMP/a.xlsx" "$TMP/b.xlsx"
ls "$TMP" | grep -q tmp && { echo "FAIL: temporary file left"; exit 1; }
python3 - "$TMP/a.xlsx" <<'PY'
import html, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
names = re.findall(r'<sheet name="([^"]+)"', wb)
assert names == ["input", "input_2", "toelichting"], names
ss = [html.unescape(re.sub(r"<[^>]+>", "", s)) for s in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)]
def cells(n):
    x = z.read("xl/worksheets/sheet%d.xml" % n).decode()
    assert "<f>" not in x, "formula in sheet %d" % n
    out = {}
    for ref, attrs, v in re.findall(r'<c r="([A-Z]+[0-9]+)"([^>]*)><v>([^<]*)</v>', x):
        out[ref] = ss[int(v)] if 't="s"' in attrs else float(v)
    return out
s1 = cells(1)
assert s1["A2"] == "1.2" and s1["C2"] == 12.5 and s1["D2"] == -3.0, s1
assert s1["B2"] == '=HYPERLINK("x")' and s1["B3"] == "@SUM(A1)", s1
assert s1["C4"] == 1000.125, s1
s2 = cells(2)
# 0021: BU..00 count 3 (class B) -> <5, BU..01 -> x (D5), exact zero -> -
assert s2["E3"] == "<5" and s2["E4"] == "x" and s2["E5"] == "-" and s2["E2"] == 9.0, s2
print("xlsx: sheets", names, "ok")
PY
