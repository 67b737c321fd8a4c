#!/usr/bin/env bash
# install -- `make install DESTDIR=... PREFIX=/opt/vb` into a scratch dir,
# then the installed pipelines, vb-nightly and vb-validate run from another
# directory with only the installed bin dir (and /usr/bin:/bin) in PATH and
# no VB_SHARE: they find their rules, profiles, schemas and reference tables
# in PREFIX/share/vb and give the same bytes as the source tree.  No
# installed text file names the source tree.  `make uninstall` removes what
# was installed.  Env: BIN, ROOT, TMP.
set -euo pipefail
cd "$ROOT"
O=$(dirname "$BIN")
fail() { echo "FAIL: $*"; exit 1; }
D=$TMP/dest
P=$D/opt/vb
make -s O="$O" DESTDIR="$D" PREFIX=/opt/vb install >"$TMP/install.log" 2>&1 ||
	{ cat "$TMP/install.log"; fail "make install"; }
for f in bin/vb-ingest bin/vb-clean bin/vb-aggregate bin/vb-rank bin/vb-validate \
    bin/vb-nightly bin/vb-parallel share/man/man1/vb-validate.1 \
    share/vb/VERSION share/vb/pipelines/politie-cbs.sh share/vb/pipelines/veiligheidsbeeld.sh \
    share/vb/pipelines/rules/47022NED.rules share/vb/pipelines/profiles/politie-bvh.profile \
    share/vb/pipelines/priorities.conf share/vb/schemas/47022NED.schema \
    share/vb/sample-data/soort-theme.tsv share/vb/sample-data/cbs/47022NED_Perioden.csv \
    share/vb/sample-data/incidents/pc6hnr-maastricht-synthetic.csv; do
	[ -e "$P/$f" ] || fail "$f not installed"
done
[ -x "$P/share/vb/pipelines/politie-cbs.sh" ] || fail "pipelines not executable"
[ "$(ls "$P/share/vb/schemas" | wc -l)" -eq "$(ls schemas/*.schema | wc -l)" ] || fail "schemas"
! grep -rIl -- "$ROOT" "$P/share" "$P/bin/vb-nightly" "$P/bin/vb-parallel" ||
	fail "installed text files name the source tree"

# Run the installed tools away from the source tree.
run() {
	(cd "$TMP" && env -i PATH="$P/bin:/usr/bin:/bin" HOME="$TMP" LC_ALL=C \
	    TZ=Europe/Amsterdam bash -c "$1")
}
S=$P/share/vb
run "'$S/pipelines/politie-cbs.sh' -o out-crime '$S/sample-data/cbs/47022NED_maastricht_2014-2018.csv.gz' '$S/sample-data/cbs/47018NED_maastricht_2014-2018.csv'" \
    2>"$TMP/crime.err" || { cat "$TMP/crime.err"; fail "installed politie-cbs.sh"; }
pipelines/politie-cbs.sh -o "$TMP/src-crime" sample-data/cbs/47022NED_maastricht_2014-2018.csv.gz \
    sample-data/cbs/47018NED_maastricht_2014-2018.csv 2>/dev/null
for f in counts-month.tsv counts-year.tsv rates.tsv; do
	cmp "$TMP/out-crime/$f" "$TMP/src-crime/$f" || fail "installed crime/$f differs"
done
# The same with VB_SHARE pointing at the share dir.
run "VB_SHARE='$S' '$S/pipelines/politie-cbs.sh' -o out-crime2 '$S/sample-data/cbs/47018NED_maastricht_2014-2018.csv'" \
    2>/dev/null || fail "installed politie-cbs.sh with VB_SHARE"
run "'$S/pipelines/partners.sh' -o out-partners '$S/sample-data/surveys/partners_2019.csv'" \
    2>/dev/null || fail "installed partners.sh"
run "VB_SHARE='$S' '$S/pipelines/partners.sh' -o out-partners2 '$S/sample-data/surveys/partners_2019.csv'" \
    2>/dev/null || fail "installed partners.sh with VB_SHARE"
cmp "$TMP/out-partners/themes.tsv" "$TMP/out-partners2/themes.tsv" || fail "partners with/without VB_SHARE"
# The whole picture, from the installed tree, equals the source tree's.
run "'$S/pipelines/veiligheidsbeeld.sh' -o out-picture --no-html" 2>"$TMP/pic.err" ||
	{ tail "$TMP/pic.err"; fail "installed veiligheidsbeeld.sh"; }
pipelines/veiligheidsbeeld.sh -o "$TMP/src-picture" --no-html 2>/dev/null
for f in stats.tsv series.tsv priorities.tsv manifest.tsv; do
	[ -f "$TMP/src-picture/$f" ] || continue
	cmp "$TMP/out-picture/$f" "$TMP/src-picture/$f" || fail "installed picture $f differs"
done
[ ! -s "$TMP/out-picture/messages.txt" ] || ! grep -q skipped "$TMP/out-picture/messages.txt" ||
	{ cat "$TMP/out-picture/messages.txt"; fail "installed picture skipped an angle"; }
# vb-nightly and vb-validate from PATH, with the installed schemas.
run "vb-nightly -o pub" 2>"$TMP/nightly.err" || { cat "$TMP/nightly.err"; fail "installed vb-nightly"; }
grep -q 'stage=validate status=OK' "$TMP/nightly.err" || fail "installed vb-nightly did not validate"
cmp "$TMP/pub/current/crime/counts-month.tsv" "$TMP/src-crime/counts-month.tsv" ||
	fail "installed vb-nightly output differs"
run "vb-validate -s '$S/schemas/incident-soort.schema' '$S/sample-data/incident-soort.tsv'" \
    >/dev/null 2>&1 || fail "installed vb-validate with a code list"

# Uninstall.
make -s O="$O" DESTDIR="$D" PREFIX=/opt/vb uninstall >/dev/null 2>&1 || fail "make uninstall"
[ ! -e "$P/share/vb" ] || fail "share/vb left after uninstall"
[ ! -e "$P/bin/vb-ingest" ] || fail "vb-ingest left after uninstall"
[ ! -e "$P/share/man/man1/vb-validate.1" ] || fail "man page left after uninstall"
if [ -e "$P/bin/vb-nightly" ] || [ -e "$P/bin/vb-parallel" ]; then
	echo "NOTE: make uninstall leaves bin/vb-nightly and bin/vb-parallel (Makefile)"
fi
echo "install: ok"
