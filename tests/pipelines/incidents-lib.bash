# incidents-lib.bash -- shared checks for tests/pipelines/incidents*.sh, which
# source it.  Needs BIN, ROOT and TMP.

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# The counts the answer file implies: every row without a reject counts once
# per level, in its month and in its year.
expected_counts() {
	awk -F '\t' -v OFS='\t' 'NR > 1 && $7 == "" {
		y = substr($6, 1, 4); m = substr($6, 6, 2) + 0
		for (k = 2; k <= 4; k++) {
			lv = k == 2 ? "buurt" : k == 3 ? "wijk" : "gemeente"
			n[$6 OFS y OFS m OFS $k OFS lv OFS $5]++
			n[y OFS y OFS 0 OFS $k OFS lv OFS $5]++
		}
	} END { for (k in n) print k, n[k] }' "$1" | LC_ALL=C sort
}

check_source() {
	local pipe=$1 profile=$2 export=$3 answer=$4 out=$TMP/out log=$TMP/log
	head -c 32 /dev/urandom >"$TMP/key"
	mkdir -p "$TMP/tmpdir"
	TMPDIR=$TMP/tmpdir "$pipe" -o "$out" -p "$profile" -k "$TMP/key" \
	    "$export" 2>"$log" || { cat "$log"; fail "pipeline failed"; }
	[ -z "$(ls -A "$TMP/tmpdir")" ] || fail "temporary files left behind"
	for f in counts.tsv rejects.tsv summary.txt; do
		[ -f "$out/$f" ] || fail "no $f"
	done
	[ "$(stat -c %a "$out/rejects.tsv")" = 600 ] || fail "rejects.tsv not 0600"
	[ "$(head -n 1 "$out/counts.tsv")" = \
	    "$(printf 'period\tyear\tmonth\tarea\tlevel\ttheme\tcount')" ] ||
		fail "counts.tsv header"

	# 1. counts = the independent computation from the answer file.
	expected_counts "$answer" >"$TMP/want"
	tail -n +2 "$out/counts.tsv" | LC_ALL=C sort >"$TMP/got"
	[ -s "$TMP/want" ] || fail "empty expectation"
	diff -u "$TMP/want" "$TMP/got" >"$TMP/diff" ||
		{ head -n 20 "$TMP/diff"; fail "counts differ from the answer file"; }

	# 2. every reject at its line with its code, and nothing else rejected.
	awk -F '\t' -v OFS='\t' 'NR > 1 && $7 != "" { print $1, $7 }' "$answer" |
	    LC_ALL=C sort >"$TMP/want-rej"
	awk -F '\t' -v OFS='\t' 'NR > 1 { print $3, $6 }' "$out/rejects.tsv" |
	    LC_ALL=C sort >"$TMP/got-rej"
	diff -u "$TMP/want-rej" "$TMP/got-rej" >"$TMP/diff" ||
		{ head -n 20 "$TMP/diff"; fail "rejects differ from the answer file"; }

	# 3. records in = counted + rejected (the export has no multi-line
	# fields, so records = lines - 1).
	local nin nrej ncount
	nin=$(($(wc -l <"$export") - 1))
	nrej=$(($(wc -l <"$out/rejects.tsv") - 1))
	ncount=$(awk -F '\t' 'NR > 1 && $5 == "gemeente" && $3 != 0 { s += $7 }
	    END { print s }' "$out/counts.tsv")
	[ "$nin" = $((ncount + nrej)) ] ||
		fail "records $nin != counted $ncount + rejected $nrej"
	grep -q "records $nin, counted $ncount, rejected $nrej" "$out/summary.txt" ||
		fail "summary lacks the balance line"
	grep -q "^vb-geocode: match .*rate=" "$out/summary.txt" ||
		fail "summary lacks the match rate"
	# Years are the sums of their months, per area and theme.
	awk -F '\t' 'NR > 1 { k = $2 SUBSEP $4 SUBSEP $6
		if ($3 == 0) y[k] += $7; else m[k] += $7 }
	    END { for (k in y) if (y[k] != m[k]) exit 1
		for (k in m) if (y[k] != m[k]) exit 1 }' "$out/counts.tsv" ||
		fail "a year is not the sum of its months"

	# 4. rejects name no value: the message column is one of the fixed
	# texts, and no address or coordinate from the export appears.
	awk -F '\t' 'NR > 1 { print $7 }' "$out/rejects.tsv" | LC_ALL=C sort -u |
	    grep -E '[0-9]{3}' |
	    grep -v -e "^postcode of the form '[9A ?.]*' is not 1234AB$" \
	    -e '^no house number (1-99999, letter, toevoeging)$' &&
		fail "a reject quotes a number"
	# 5. the same input and key give the same bytes.
	TMPDIR=$TMP/tmpdir "$pipe" -o "$TMP/out2" -p "$profile" -k "$TMP/key" \
	    "$export" 2>/dev/null || fail "second run failed"
	cmp "$out/counts.tsv" "$TMP/out2/counts.tsv" || fail "rerun differs"
	cmp "$out/rejects.tsv" "$TMP/out2/rejects.tsv" || fail "rerun rejects differ"

	# 6. a missing key is a config error and nothing is written (C5).
	if "$pipe" -o "$TMP/out3" -p "$profile" -k "$TMP/no-such-key" \
	    "$export" 2>"$TMP/log3"; then
		fail "ran without its key"
	fi
	grep -q "config-error" "$TMP/log3" || fail "no config-error for the key"
	[ ! -e "$TMP/out3" ] || fail "wrote output without a key"
	echo "ok: $(basename "$export"): $nin records, $ncount counted, $nrej rejected"
}
