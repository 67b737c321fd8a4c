# shellcheck shell=bash
# 50-parallel.sh -- make bench section (sourced by scripts/bench.sh): the
# whole chain ingest | clean | geocode | aggregate on the bench CSV, one
# process (-j 1) against two shards (-j 2) with scripts/vb-parallel, plus the
# same from the ingested record file (cut into equal parts: nothing serial
# before the shards).  Checks that -j 2 gives the bytes of -j 1.  Uses W, CSV,
# TSV, ROOT, BYTES, TBYTES, ROWS, measure, ratio and note from bench.sh.
VPAR=$ROOT/scripts/vb-parallel
if command -v parallel >/dev/null 2>&1 && command -v vb-geocode >/dev/null 2>&1; then
	printf 'ref soorts %s\nmap soort soorts soort theme\n' \
	    "$ROOT/sample-data/soort-theme.tsv" >"$W/chain.rules"
	CHAIN="vb-clean -r '$W/chain.rules' --rejects /dev/null | vb-geocode --areas '$ROOT/sample-data/reference/cartomap-buurt-2018/buurt_2018_maastricht_rd_DERIVED.geojson' --code-prop statcode --xy x_rd,y_rd --date pleegdatum --rejects /dev/null"
	AGGO='-g period,wijk,buurt,theme'
	echo "== chain: ingest | clean | geocode | aggregate, -j 1 vs -j 2 (vb-parallel, $(nproc) cores)"
	measure chain-j "vb -j 1" "$BYTES" "$ROWS" \
	    "'$VPAR' -j 1 --csv -c \"$CHAIN\" -a '$AGGO' '$CSV' > '$W/chain1.tsv'"
	measure chain-j "vb -j 2" "$BYTES" "$ROWS" \
	    "'$VPAR' -j 2 --csv -c \"$CHAIN\" -a '$AGGO' '$CSV' > '$W/chain2.tsv'"
	ratio chain-j "vb -j 2"
	# -j 1 is itself four processes in a pipe, so it already keeps more
	# than one core busy; that bounds what -j 2 can gain on this machine.
	/usr/bin/time -f '%e %U %S' -o "$W/time.out" bash -c \
	    "'$VPAR' -j 1 --csv -c \"$CHAIN\" -a '$AGGO' '$CSV' > /dev/null" 2>/dev/null &&
	    awk -v n="$(nproc)" '{ c = ($2 + $3) / ($1 > 0 ? $1 : 0.01);
	    printf "  -j 1 keeps %.2f cores busy (CPU %.1f s in %.1f s): on %d cores -j 2 can be at most %.2fx faster\n",
	    c, $2 + $3, $1, n, n / c }' "$W/time.out"
	if cmp -s "$W/chain1.tsv" "$W/chain2.tsv"; then
		echo "  -j 2 output byte-identical to -j 1 ($(wc -l <"$W/chain1.tsv") lines)"
	else
		echo "  WARNING: -j 2 output differs from -j 1"
	fi
	echo "== chain from records: clean | geocode | aggregate, -j 1 vs -j 2 (equal parts)"
	measure chainrec "vb -j 1" "$TBYTES" "$ROWS" \
	    "'$VPAR' -j 1 -c \"$CHAIN\" -a '$AGGO' '$TSV' > '$W/chainr1.tsv'"
	measure chainrec "vb -j 2" "$TBYTES" "$ROWS" \
	    "'$VPAR' -j 2 -c \"$CHAIN\" -a '$AGGO' '$TSV' > '$W/chainr2.tsv'"
	ratio chainrec "vb -j 2"
	if cmp -s "$W/chainr1.tsv" "$W/chainr2.tsv"; then
		echo "  -j 2 output byte-identical to -j 1"
	else
		echo "  WARNING: -j 2 output differs from -j 1"
	fi
	rm -f "$W"/chain1.tsv "$W"/chain2.tsv "$W"/chainr1.tsv "$W"/chainr2.tsv
else
	note "bench: GNU parallel or vb-geocode missing; chain -j section skipped"
fi
