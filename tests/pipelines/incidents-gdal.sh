#!/usr/bin/env bash
# incidents-gdal.sh -- vb-geocode against GDAL/SpatiaLite on the sample
# exports: the police rows' RD coordinates and the nuisance rows' WGS84
# positions (transformed by PROJ, not by vb's approximation) are located in
# the 2018 buurten by ST_Intersects.  Every point GDAL puts 1 m or more from
# a boundary must get the same buurt from vb-geocode; a point GDAL puts in no
# buurt must be rejected by vb-geocode.  Exit 77 without GDAL/SpatiaLite.
set -euo pipefail
: "${BIN:?}" "${ROOT:?}" "${TMP:?}"
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
A=$ROOT/sample-data/reference/cartomap-buurt-2018/buurt_2018_maastricht_rd_DERIVED.geojson
D=$ROOT/sample-data/incidents
for t in ogr2ogr ogrinfo; do
	command -v "$t" >/dev/null 2>&1 ||
		{ echo "incidents-gdal: skipped: $t not installed"; exit 77; }
done
ogrinfo -ro -q "$A" -dialect SQLite -sql "SELECT spatialite_version() AS v" \
    2>/dev/null | grep -q 'v (String) = [0-9]' ||
	{ echo "incidents-gdal: skipped: GDAL has no SpatiaLite"; exit 77; }

# Points as CSV for GDAL (decimal commas of the police export made points).
iconv -f cp1252 -t utf-8 "$D/politie-2018.csv" | tr -d '\r' | awk -F ';' '
    NR == 1 { print "id,x,y"; next }
    $14 != "" && $15 != "" { gsub(/,/, ".", $14); gsub(/,/, ".", $15)
	print $1 "," $14 "," $15 }' >"$TMP/rd.csv"
tr -d '\r' <"$D/meldingen-2018.csv" | awk -F ';' '
    NR == 1 { print "id,lat,lon"; next }
    $10 ~ /^[0-9.]+$/ && $11 ~ /^[0-9.]+$/ { print $1 "," $10 "," $11 }' \
    >"$TMP/wgs.csv"
[ "$(wc -l <"$TMP/rd.csv")" -gt 1000 ] && [ "$(wc -l <"$TMP/wgs.csv")" -gt 800 ] ||
	fail "too few points"
ogr2ogr -f SQLite -dsco SPATIALITE=YES "$TMP/j.sqlite" "$A" -nln buurt
ogr2ogr -append "$TMP/j.sqlite" "$TMP/rd.csv" -nln rd \
    -oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y -a_srs EPSG:28992
ogr2ogr -append "$TMP/j.sqlite" "$TMP/wgs.csv" -nln wgs \
    -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat \
    -s_srs EPSG:4326 -t_srs EPSG:28992
for l in rd wgs; do
	ogr2ogr -f CSV /vsistdout/ "$TMP/j.sqlite" -dialect SQLite -sql \
	    "SELECT p.id AS id, b.statcode AS buurt,
	        ST_Distance(p.geometry, ST_Boundary(b.geometry)) AS d
	     FROM $l p LEFT JOIN buurt b ON ST_Intersects(b.geometry, p.geometry)" |
	    tail -n +2 | tr -d '"' >"$TMP/gdal-$l.csv"
done

# vb-geocode on the same rows (ids kept: they are not pseudonymised here).
vb-ingest -d ";" -e cp1252 --no-provenance --keep registratienummer,x_rd,y_rd \
    "$D/politie-2018.csv" 2>/dev/null |
    vb-geocode --areas "$A" --xy x_rd,y_rd --decimal-comma \
    --rejects "$TMP/rj-rd.tsv" 2>/dev/null | tail -n +2 | cut -f1,2 >"$TMP/vb-rd.tsv"
vb-ingest -d ";" --no-provenance --keep melding_id,lat,lon "$D/meldingen-2018.csv" 2>/dev/null |
    vb-geocode --areas "$A" --latlon lat,lon --rejects "$TMP/rj-wgs.tsv" \
    2>/dev/null | tail -n +2 | cut -f1,2 >"$TMP/vb-wgs.tsv"

for l in rd wgs; do
	awk -F '\t' -v l=$l '
	FNR == NR { vb[$1] = $2; next }
	{
		split($0, f, ",")
		id = f[1]; b = f[2]; d = f[3]
		if (id in seen) { dup++; next }	# a row delivered twice
		seen[id] = 1
		if (b == "") {
			none++
			if (id in vb) { print "in no buurt for GDAL, vb says " vb[id] ": " id; bad++ }
		} else if (d + 0 >= 1) {
			n++
			if (vb[id] != b) { print "GDAL " b ", vb " vb[id] ": " id; bad++ }
		} else near++
	}
	END {
		printf "%s: %d points agree, %d outside all buurten rejected, %d near a boundary, %d repeated ids\n",
		    l, n - bad, none, near, dup
		exit bad > 0 || n < 800
	}' "$TMP/vb-$l.tsv" "$TMP/gdal-$l.csv" || fail "vb-geocode and GDAL disagree ($l)"
done
