# make bench section (sourced by scripts/bench.sh): point in polygon and the
# incident chain.  vb against shapely (vectorized contains, Debian's
# python3-shapely) and DuckDB + shapely for the chain.
BUURT=$ROOT/sample-data/reference/cartomap-buurt-2018/buurt_2018_maastricht_rd_DERIVED.geojson
GEO_PTS=${BENCH_GEO_POINTS:-2000000}

echo "== point location, library only (bench-geo: 44 buurten and 14,000 national polygons)"
"$TOOLS/bench-geo" -n 20000000 "$BUURT" 2>&1 | sed 's/^/  /'

echo "== geocode $GEO_PTS RD points (records 'id x y') against the 44 buurten: uniform in the bounding box (those in no buurt become reject records), then all inside a buurt"
PTS=$W/points-$GEO_PTS.tsv
if [ ! -s "$PTS" ]; then
	awk -v n="$GEO_PTS" 'BEGIN { srand(7); print "id\tx\ty";
	    for (i = 1; i <= n; i++) printf "%d\t%.1f\t%.1f\n", i,
	    172950 + rand() * 8500, 312960 + rand() * 11550 }' >"$PTS"
fi
PBYTES=$(stat -c %s "$PTS")
measure geocode vb-geocode "$PBYTES" "$GEO_PTS" \
    "vb-geocode --areas '$BUURT' --xy x,y --nearest 0 --rejects /dev/null '$PTS' > /dev/null"
if "$PY" -c 'import shapely.vectorized, numpy' 2>/dev/null; then
	cat >"$W/shapely_pip.py" <<'PYEOF'
import json, sys
import numpy as np
from shapely.geometry import shape
from shapely.vectorized import contains
geo, pts = sys.argv[1], sys.argv[2]
feats = json.load(open(geo))["features"]
d = np.loadtxt(pts, skiprows=1, usecols=(1, 2)) if pts.endswith(".tsv") else np.fromfile(pts, sep=" ").reshape(-1, 2)
x, y = d[:, 0], d[:, 1]
idx = np.full(len(x), -1)
for i, f in enumerate(feats):
    m = contains(shape(f["geometry"]), x, y)
    idx[m & (idx < 0)] = i
print((idx >= 0).sum(), file=sys.stderr)
PYEOF
	XY=$W/points-$GEO_PTS.xy
	[ -s "$XY" ] || tail -n +2 "$PTS" | cut -f2,3 | tr '\t' ' ' >"$XY"
	measure geocode shapely "$PBYTES" "$GEO_PTS" "$PY '$W/shapely_pip.py' '$BUURT' '$XY'"
else
	note "  shapely: not importable by $PY; skipped"
fi
ratio geocode vb-geocode
# The same number of points all inside a buurt, as in an incident export:
# every one located and written, none rejected.  (Taken from the located
# points of the set above, repeated.)
IN=$W/points-in-$GEO_PTS.tsv
if [ ! -s "$IN" ]; then
	vb-geocode --areas "$BUURT" --xy x,y --nearest 0 --keep id,x,y \
	    --rejects /dev/null "$PTS" 2>/dev/null | cut -f1-3 |
	    awk -v n="$GEO_PTS" 'NR == 1 { print; next } { l[++k] = $0 }
	    END { for (i = 0; i < n; i++) print l[i % k + 1] }' >"$IN"
fi
measure geocode-in vb-geocode "$(stat -c %s "$IN")" "$GEO_PTS" \
    "vb-geocode --areas '$BUURT' --xy x,y --nearest 0 --rejects /dev/null '$IN' > /dev/null"

echo "== the incident chain on $ROWS rows: ingest | geocode | aggregate (per buurt x soort)"
measure chain vb-chain "$BYTES" "$ROWS" \
    "vb-ingest --keep soort,x_rd,y_rd --no-provenance '$CSV' 2>/dev/null | vb-geocode --areas '$BUURT' --xy x_rd,y_rd --rejects /dev/null 2>/dev/null | vb-aggregate -g buurt,soort > '$W/chain-vb.tsv'"
if [ -n "$duck" ] && "$PY" -c 'import shapely.vectorized, numpy' 2>/dev/null; then
	cat >"$W/shapely_chain.py" <<'PYEOF'
import json, sys
import numpy as np
from shapely.geometry import shape
from shapely.vectorized import contains
geo, xy = sys.argv[1], sys.argv[2]
feats = json.load(open(geo))["features"]
d = np.fromfile(xy, sep=" ").reshape(-1, 3)
x, y, s = d[:, 0], d[:, 1], d[:, 2].astype(np.int64)
idx = np.full(len(x), -1)
for i, f in enumerate(feats):
    m = contains(shape(f["geometry"]), x, y)
    idx[m & (idx < 0)] = i
keep = idx >= 0
k, n = np.unique(idx[keep] * 1000 + s[keep], return_counts=True)
print(len(k), n.sum(), file=sys.stderr)
PYEOF
	# DuckDB does the non-spatial steps (read, select, code to number);
	# shapely the point in polygon; numpy the final count.
	measure chain duckdb+shapely "$BYTES" "$ROWS" \
	    "$duck \"COPY (SELECT x_rd, y_rd, hash(soort) % 997 FROM read_csv('$CSV', all_varchar=false)) TO '$W/chain.xy' (HEADER false, DELIMITER ' ')\" && $PY '$W/shapely_chain.py' '$BUURT' '$W/chain.xy'"
	rm -f "$W/chain.xy"
fi
ratio chain vb-chain
