#!/usr/bin/env bash
# limits.sh -- oversized input is handled in bounded memory or refused with
# the limit named (QUALITY.md R13, R14, P8; issue 7 §5).  Peak RSS of each
# run is measured with /usr/bin/time; inputs are streamed from generators,
# never stored, except the small ones.
#  1. 1 GB without a newline, into every filter: refused with
#     record-too-large naming the limit, peak RSS < 400 MB, and the filter
#     stops reading early (it does not take the whole gigabyte).
#  2. a 100 MB single field: refused at the default 64 MiB limit with the
#     option named; with --max-record-bytes raised, passed through
#     vb-ingest and vb-clean byte for byte, peak RSS < 700 MB; and a
#     5,000-byte line against --max-record-bytes 100 is refused.
#  3. 10,000 columns x 300 rows: vb-ingest, vb-clean, vb-aggregate,
#     vb-validate in linear time (each < 10 s) and small memory.
#  4. GeoJSON nested 100,000 deep as boundaries (vb-geocode --areas,
#     vb-rank --neighbours-of): refused with the depth limit named.
# The limits the record filters without --max-record-bytes use are
# reported by name (rank, format, survey and validate: see docs/quality.md).
set -uo pipefail
: "${BIN:?}" "${ROOT:?}" "${TMP:?}"
cd "$ROOT" || exit 1
[ -x /usr/bin/time ] || { echo "limits: /usr/bin/time missing (apt-get install time)"; exit 77; }
# Under ASan (make san) peak RSS means nothing, and libcsv's field buffer,
# which grows by a fixed 128 bytes, turns quadratic without glibc's
# in-place realloc: a 100 MB field takes many minutes.  Skip.
if ldd "$BIN/vb-ingest" 2>/dev/null | grep -q 'libasan\|libubsan'; then
	echo "limits: sanitizer build: memory limits are measured in the normal build only"
	exit 77
fi
D=sample-data
AREAS=$D/reference/cartomap-buurt-2018/buurt_2018_maastricht_rd_DERIVED.geojson
fail=0
bad() { echo "FAIL $*"; fail=1; }
ok() { echo "ok   $*"; }
start=$SECONDS

# measure NAME CMD... -- run CMD with stdin/stdout as given; sets st, rss_mb,
# secs; stderr in $TMP/NAME.err.
measure() {
	local n=$1
	shift
	/usr/bin/time -f '%e %M' -o "$TMP/$n.time" "$@" 2>"$TMP/$n.err"
	st=$?
	# time writes "Command exited with non-zero status" first on failure
	secs=0 rss=0
	read -r secs rss < <(grep -E '^[0-9.]+ [0-9]+$' "$TMP/$n.time")
	rss_mb=$((rss / 1024))
}

gen_nonl() { head -c 1000000000 /dev/zero | tr '\0' a; }

printf '%s\n' 'dialect records' 'match subset' 'field a string' >"$TMP/a.schema"
# 1. 1 GB without a newline
filters=(
"ingest|vb-ingest"
"clean|vb-clean -r tests/cli/clean/identity.rules"
"geocode|vb-geocode --areas $AREAS --xy x,y"
"aggregate|vb-aggregate -g a"
"rank|vb-rank -v count"
"format|vb-format"
"survey|vb-survey ivm --indicators $D/ivm-indicators.tsv"
"validate|vb-validate --records -s $TMP/a.schema"
)
for f in filters/*.c; do
	n=$(basename "$f" .c)
	grep -q "^$n|" < <(printf '%s\n' "${filters[@]}") || bad "filter $n not in the 1 GB test"
done
for j in "${filters[@]}"; do
	IFS='|' read -r name cmd <<<"$j"
	# shellcheck disable=SC2086
	measure "nonl-$name" $cmd < <(gen_nonl) >/dev/null
	msg=$(grep -m 1 -E 'too-large|resource-limit|limit' "$TMP/nonl-$name.err")
	if [ "$st" -ne 1 ]; then
		bad "$name: 1 GB without newline -> status $st ($(tail -n 1 "$TMP/nonl-$name.err" | cut -c1-120))"
	elif [ -z "$msg" ]; then
		bad "$name: 1 GB without newline refused without naming a limit: $(tail -n 1 "$TMP/nonl-$name.err" | cut -c1-120)"
	elif [ "$rss_mb" -ge 400 ]; then
		bad "$name: 1 GB without newline: peak RSS $rss_mb MB"
	else
		ok "$name: 1 GB without newline: refused in ${secs}s, peak RSS $rss_mb MB: ${msg#*: }"
	fi
done

# 2. a 100 MB field
gen_field() { # gen_field SEP: header, one row whose 2nd field is 100 MB
	printf 'a%sb\n1%s' "$1" "$1"
	head -c 100000000 /dev/zero | tr '\0' x
	printf '\n'
}
measure field-default vb-ingest < <(gen_field ,) >/dev/null
if [ "$st" = 1 ] && grep -q 'record-too-large.*max-record-bytes' "$TMP/field-default.err"; then
	ok "ingest: 100 MB field refused at the default limit (RSS $rss_mb MB): $(grep -o 'record-too-large.*' "$TMP/field-default.err")"
else
	bad "ingest: 100 MB field at the default limit -> $st: $(tail -n 1 "$TMP/field-default.err")"
fi
measure field-ingest vb-ingest --no-provenance --max-record-bytes 200000000 \
    < <(gen_field ,) >"$TMP/field.tsv"
want=$((100000000 + 7))	# "a\tb\n1\t" + field + "\n"
got=$(stat -c %s "$TMP/field.tsv")
if [ "$st" = 0 ] && [ "$got" = "$want" ] && [ "$rss_mb" -lt 700 ]; then
	ok "ingest: 100 MB field with --max-record-bytes 200000000: passed through, ${secs}s, peak RSS $rss_mb MB"
else
	bad "ingest: 100 MB field raised limit -> status $st, $got bytes (want $want), RSS $rss_mb MB: $(tail -n 1 "$TMP/field-ingest.err")"
fi
measure field-clean vb-clean --max-record-bytes 200000000 -r tests/cli/clean/identity.rules \
    "$TMP/field.tsv" >"$TMP/field2.tsv"
if [ "$st" = 0 ] && cmp -s "$TMP/field.tsv" "$TMP/field2.tsv" && [ "$rss_mb" -lt 700 ]; then
	ok "clean: 100 MB field with --max-record-bytes: identical, ${secs}s, peak RSS $rss_mb MB"
else
	bad "clean: 100 MB field -> status $st, RSS $rss_mb MB: $(tail -n 1 "$TMP/field-clean.err")"
fi
measure field-aggr vb-aggregate --max-record-bytes 200000000 -g b "$TMP/field.tsv" >"$TMP/field3.tsv"
if [ "$st" = 0 ] && [ "$(tail -n 1 "$TMP/field3.tsv" | cut -f 2)" = 1 ] && [ "$rss_mb" -lt 700 ]; then
	ok "aggregate: 100 MB group key with --max-record-bytes: one group of 1, ${secs}s, peak RSS $rss_mb MB"
else
	bad "aggregate: 100 MB group key -> status $st, RSS $rss_mb MB: $(tail -n 1 "$TMP/field-aggr.err")"
fi
rm -f "$TMP/field.tsv" "$TMP/field2.tsv" "$TMP/field3.tsv"
# A limit set low: a 5,000-byte line against --max-record-bytes 100, also
# in record streams, where the line is whole in the reader's buffer.
{ printf 'a,b\n1,'; head -c 5000 /dev/zero | tr '\0' x; printf '\n'; } >"$TMP/low.csv"
tr , '\t' <"$TMP/low.csv" >"$TMP/low.tsv"
for j in "ingest|vb-ingest --max-record-bytes 100 $TMP/low.csv" \
    "clean|vb-clean --max-record-bytes 100 -r tests/cli/clean/identity.rules $TMP/low.tsv" \
    "aggregate|vb-aggregate --max-record-bytes 100 -g b $TMP/low.tsv" \
    "geocode|vb-geocode --max-record-bytes 100 --areas $AREAS --xy a,b $TMP/low.tsv"; do
	IFS='|' read -r name cmd <<<"$j"
	# shellcheck disable=SC2086
	measure "low-$name" $cmd >/dev/null
	if [ "$st" = 1 ] && grep -q 'record-too-large.*100 bytes' "$TMP/low-$name.err"; then
		ok "$name: 5,000-byte line over --max-record-bytes 100 refused"
	else
		bad "$name: --max-record-bytes 100 -> status $st: $(tail -n 1 "$TMP/low-$name.err" | cut -c1-120)"
	fi
done

# 3. 10,000 columns
awk 'BEGIN { for (r = 0; r <= 300; r++) { for (c = 1; c <= 10000; c++)
    printf "%s%s", (c > 1 ? "," : ""), (r == 0 ? "c" c : (c == 1 ? "k" r % 7 : r * c % 1000));
    printf "\n" } }' >"$TMP/wide.csv"
for j in "ingest|vb-ingest --no-provenance $TMP/wide.csv|$TMP/wide.tsv" \
    "clean|vb-clean -r tests/cli/clean/identity.rules $TMP/wide.tsv|$TMP/wide2.tsv" \
    "aggregate|vb-aggregate -g c1 -s c9999,c10000 $TMP/wide.tsv|$TMP/wide3.tsv" \
    "validate|vb-validate --csv -d , -s $TMP/wide.schema $TMP/wide.csv|$TMP/wide4.tsv"; do
	IFS='|' read -r name cmd out <<<"$j"
	[ "$name" = validate ] && { printf 'match superset\nfield c1 string required\nfield c10000 integer min=0\n' >"$TMP/wide.schema"; }
	# shellcheck disable=SC2086
	measure "wide-$name" $cmd >"$out"
	if [ "$st" = 0 ] && awk -v s="$secs" 'BEGIN { exit !(s < 10) }' && [ "$rss_mb" -lt 200 ]; then
		ok "$name: 10,000 columns x 300 rows in ${secs}s, peak RSS $rss_mb MB"
	else
		bad "$name: 10,000 columns -> status $st, ${secs}s, RSS $rss_mb MB: $(tail -n 1 "$TMP/wide-$name.err" | cut -c1-120)"
	fi
done
# Independent checks of the wide results.
[ "$(head -n 1 "$TMP/wide.tsv" | awk -F'\t' '{ print NF }')" = 10000 ] ||
    bad "ingest: wide header lost columns"
cmp -s "$TMP/wide.tsv" "$TMP/wide2.tsv" || bad "clean: wide records changed"
want=$(awk -F, 'NR > 1 { n[$1]++; s[$1] += $10000 } END { for (k in n) print k, s[k] }' "$TMP/wide.csv" | sort)
got=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { print $c["c1"], $c["c10000"] }' "$TMP/wide3.tsv" | sort)
[ "$want" = "$got" ] || bad "aggregate: wide sums differ from awk"
rm -f "$TMP"/wide*

# 4. deeply nested GeoJSON: in a property value and in the coordinates.
# Both readers (lib/geo for vb-geocode, lib/nbr for vb-rank
# --neighbours-of) must name the limit.
{ printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"x":'
  head -c 100000 /dev/zero | tr '\0' '['; } >"$TMP/deep1.geojson"
{ printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":'
  head -c 100000 /dev/zero | tr '\0' '['; } >"$TMP/deep2.geojson"
for j in "geocode|deep1|vb-geocode --areas $TMP/deep1.geojson --xy x,y" \
    "geocode|deep2|vb-geocode --areas $TMP/deep2.geojson --xy x,y" \
    "rank|deep1|vb-rank --neighbours-of $TMP/deep1.geojson" \
    "rank|deep2|vb-rank --neighbours-of $TMP/deep2.geojson"; do
	IFS='|' read -r name which cmd <<<"$j"
	# shellcheck disable=SC2086
	measure "$which-$name" $cmd < <(printf 'x\ty\n1\t2\n') >/dev/null
	e=$TMP/$which-$name.err
	if [ "$st" = 1 ] && grep -q 'JSON_MAX_DEPTH' "$e" && [ "$rss_mb" -lt 200 ]; then
		ok "$name: GeoJSON nested 100,000 deep ($which) refused, RSS $rss_mb MB: $(grep -o 'nesting deeper.*' "$e" | head -n 1)"
	else
		bad "$name: deep GeoJSON ($which) -> status $st, RSS $rss_mb MB: $(tail -n 1 "$e" | cut -c1-160)"
	fi
done
echo "limits: $((SECONDS - start)) s"
exit $fail
