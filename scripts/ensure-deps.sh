#!/usr/bin/env bash
# ensure-deps.sh build|check|bench -- install the Debian packages vb needs that
# are missing: with apt-get when run as root, otherwise say what to install.
set -euo pipefail
want=${1:-build}
pkgs=()
need() { # need PACKAGE TEST-COMMAND...
	local pkg=$1; shift
	"$@" >/dev/null 2>&1 || pkgs+=("$pkg")
}
hdr() { [ -f "/usr/include/$1" ]; }
need gcc command -v cc
need make command -v make
need pkg-config command -v pkg-config
need libcsv-dev hdr csv.h
need zlib1g-dev hdr zlib.h
need nettle-dev hdr nettle/hmac.h
need check hdr check.h
need libxlsxwriter-dev hdr xlsxwriter.h
need gawk command -v awk
case $want in
check)
	need mandoc command -v mandoc
	need parallel command -v parallel
	need python3 command -v python3
	need miller command -v mlr
	need gdal-bin command -v ogrinfo
	need libsqlite3-mod-spatialite test -e /usr/lib/x86_64-linux-gnu/mod_spatialite.so
	need chromium command -v chromium
	need util-linux command -v flock
	;;
bench)
	need miller command -v mlr
	need datamash command -v datamash
	need gdal-bin command -v ogrinfo
	need python3-shapely python3 -c 'import shapely'
	need python3-numpy python3 -c 'import numpy'
	need parallel command -v parallel
	need nodejs command -v node
	need npm command -v npm
	;;
esac
[ ${#pkgs[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	echo "ensure-deps: installing ${pkgs[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
else
	echo "ensure-deps: missing Debian packages: ${pkgs[*]}" >&2
	echo "ensure-deps: run as root: apt-get install ${pkgs[*]}" >&2
	exit 1
fi
