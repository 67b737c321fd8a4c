#!/usr/bin/env bash
# geo-gdal -- agreement of lib/geo with GDAL/SpatiaLite on the 44 Maastricht
# buurten: random points over their extent, every vertex and every edge
# midpoint are geocoded by geo-locate (lib/geo) and by SpatiaLite
# (ST_Intersects, ST_Distance to ST_Boundary) through ogrinfo.
#   - a point 0.01 m or more from every boundary must get the same buurt
#     (or none) from both;
#   - a point on a boundary (distance 0) must get the lowest code of the
#     buurten whose closure holds it (QUALITY.md G6);
#   - points closer than 0.01 m to a boundary but not on it are counted only.
# Env: BIN (bin dir), ROOT (project root), TMP (scratch).  Exit 77 without
# GDAL or SpatiaLite.
set -euo pipefail

: "${BIN:?}" "${ROOT:?}" "${TMP:?}"
locate="$BIN/../tools/geo-locate"
ref=sample-data/reference/cartomap-buurt-2018/buurt_2018_maastricht_rd_DERIVED.geojson
buurt="$ROOT/$ref"
[ -r "$buurt" ] || buurt="$ROOT/../shared/reference/${ref#sample-data/reference/}"

for t in ogr2ogr ogrinfo; do
	if ! command -v "$t" >/dev/null 2>&1; then
		echo "geo-gdal: skipped: $t not installed"
		exit 77
	fi
done
if ! ogrinfo -ro -q "$buurt" -dialect SQLite \
    -sql "SELECT spatialite_version() AS v" 2>/dev/null | grep -q 'v (String) = [0-9]'; then
	echo "geo-gdal: skipped: GDAL has no SpatiaLite (SQLite dialect)"
	exit 77
fi
[ -x "$locate" ] || { echo "geo-gdal: $locate not built" >&2; exit 1; }
[ -r "$buurt" ] || { echo "geo-gdal: $buurt missing" >&2; exit 1; }

# Points: random (mm precision) over the extent, then the vertices and the
# edge midpoints of every ring (the RD copy has one feature per line).
awk 'BEGIN {
	srand(20261130);
	print "id,x,y";
	for (i = 1; i <= 6000; i++)
		printf "r%d,%.3f,%.3f\n", i, 172900 + rand() * 8600,
		    312900 + rand() * 11700;
}' >"$TMP/pts.csv"
grep '"type": "Feature"' "$buurt" | awk '{
	n = 0;
	line = $0;
	while (match(line, /\[ [0-9.]+, [0-9.]+ \]/)) {
		split(substr(line, RSTART + 2, RLENGTH - 4), c, ", ");
		n++;
		x[n] = c[1];
		y[n] = c[2];
		line = substr(line, RSTART + RLENGTH);
	}
	for (i = 1; i <= n; i++) {
		printf "v%d_%d,%s,%s\n", NR, i, x[i], y[i];
		if (i < n)
			printf "m%d_%d,%.1f,%.1f\n", NR, i,
			    (x[i] + x[i + 1]) / 2, (y[i] + y[i + 1]) / 2;
	}
}' | sort -u -t, -k1,1 >>"$TMP/pts.csv"
npts=$(($(wc -l <"$TMP/pts.csv") - 1))

# vb
tail -n +2 "$TMP/pts.csv" | tr ',' ' ' | "$locate" "$buurt" |
    sort -k1,1 >"$TMP/vb.txt"

# GDAL: the sorted codes of all buurten whose closure holds the point, and
# the distance to the nearest boundary.
ogr2ogr -f SQLite -dsco SPATIALITE=YES "$TMP/g.sqlite" "$buurt" -nln buurt
ogr2ogr -append "$TMP/g.sqlite" "$TMP/pts.csv" -nln pts \
    -oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y -oo KEEP_GEOM_COLUMNS=NO \
    -a_srs EPSG:28992
ogr2ogr -f CSV "$TMP/gdal.csv" "$TMP/g.sqlite" -sql "
    SELECT p.id AS id,
	(SELECT group_concat(statcode, '|') FROM (SELECT b.statcode
	    FROM buurt b WHERE ST_Intersects(b.geometry, p.geometry)
	    ORDER BY b.statcode)) AS inside,
	(SELECT MIN(ST_Distance(ST_Boundary(b.geometry), p.geometry))
	    FROM buurt b) AS dmin
    FROM pts p"
tail -n +2 "$TMP/gdal.csv" | tr -d '"' |
    awk -F, '{ print $1, ($2 == "" ? "-" : $2), $3 }' |
    sort -k1,1 >"$TMP/gdal.txt"

join "$TMP/vb.txt" "$TMP/gdal.txt" | awk -v npts="$npts" '
function complain(msg) {
	if (++bad <= 20)
		print "geo-gdal: " msg;
}
{
	id = $1; vb = $2; inside = $3; d = $4 + 0;
	n++;
	first = inside;
	sub(/\|.*/, "", first);
	if (d >= 0.01) {
		plain++;
		if (inside ~ /\|/)
			complain(id ": GDAL finds several buurten " inside);
		else if (vb != inside)
			complain(id ": vb " vb ", GDAL " inside);
	} else if (d == 0) {
		onb++;
		if (vb != first)
			complain("boundary " id ": vb " vb ", admissible " \
			    inside);
	} else
		near++;
}
END {
	printf "geo-gdal: %d of %d points compared: %d away from boundaries, " \
	    "%d on a boundary, %d within 0.01 m (not compared); %d disagree\n",
	    n, npts, plain, onb, near, bad;
	if (n != npts || bad > 0 || plain < 5000 || onb < 300)
		exit 1;
}'
