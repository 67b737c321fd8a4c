#!/usr/bin/env bash
# install-share.sh PREFIX -- the part of `make install` that is not a
# compiled program or a man page (the Makefile calls it as
# `scripts/install-share.sh $(DESTDIR)$(PREFIX)`):
#
#   PREFIX/bin/vb-nightly, vb-parallel          the operations scripts
#   PREFIX/share/vb/VERSION
#   PREFIX/share/vb/pipelines/                  *.sh, priorities.conf,
#                                               rules/, profiles/
#   PREFIX/share/vb/rules -> pipelines/rules    ($VB_SHARE/rules)
#   PREFIX/share/vb/*.tsv -> sample-data/*.tsv  (VB_SHARE as the table dir)
#   PREFIX/share/vb/schemas/*.schema            vb-validate schemas
#   PREFIX/share/vb/sample-data/                reference tables (areas,
#                                               population, code and theme
#                                               tables, boundaries, pc6hnr)
#                                               and the sample drops
#
# The share dir mirrors the source tree (pipelines/ beside sample-data/, as
# the profiles' relative paths and the pipelines' "../sample-data" expect),
# so an installed pipeline finds its tables from its own location without
# the source tree and without VB_SHARE; VB_SHARE=PREFIX/share/vb works as
# well.  Test answers (*.expected.tsv) and the generators' check script are
# not installed.  Run again, it overwrites; `make uninstall` removes
# PREFIX/share/vb.
set -euo pipefail
[ $# -eq 1 ] && [ -n "$1" ] || { echo "usage: install-share.sh PREFIX" >&2; exit 2; }
prefix=$1
root=$(cd "$(dirname "$0")/.." && pwd)
share=$prefix/share/vb
cd "$root"

install -d "$prefix/bin" "$share/pipelines/rules" "$share/pipelines/profiles" \
    "$share/schemas" "$share/sample-data"
install -m 755 scripts/vb-nightly scripts/vb-parallel "$prefix/bin/"
install -m 644 VERSION "$share/VERSION"
install -m 755 pipelines/*.sh "$share/pipelines/"
install -m 644 pipelines/priorities.conf "$share/pipelines/"
install -m 644 pipelines/rules/* "$share/pipelines/rules/"
install -m 644 pipelines/profiles/* "$share/pipelines/profiles/"
install -m 644 schemas/*.schema "$share/schemas/"
ln -sfn pipelines/rules "$share/rules"

# sample-data: every file but the test answers and the check script, with
# its directory layout.
find sample-data -type f ! -name '*.expected.tsv' ! -name 'verify.sh' \
    ! -name '.*' | LC_ALL=C sort | while IFS= read -r f; do
	install -d "$share/$(dirname "$f")"
	install -m 644 "$f" "$share/$f"
done
# pipelines/partners.sh and veiligheidsmonitor.sh read VB_SHARE as the
# directory of the tables themselves: link the top-level tables there too,
# so that VB_SHARE=PREFIX/share/vb serves both conventions.
for f in sample-data/*.tsv; do
	ln -sfn "$f" "$share/$(basename "$f")"
done
echo "install-share: $share ($(find "$share" -type f | wc -l) files), $prefix/bin/vb-nightly, $prefix/bin/vb-parallel"
