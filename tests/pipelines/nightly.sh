#!/usr/bin/env bash
# nightly -- scripts/vb-nightly on the sample tables: the first run publishes,
# the second does nothing and says so; a run started while another holds the
# lock exits at once with 75 / SKIPPED_LOCKED; a run killed (kill -9) in the
# middle of a stage leaves the published run intact and the next run cleans
# up; a drop with two edited counts gives a change report with exactly those
# two cells (expected lines derived from the edited raw rows); rejects above
# --max-reject-rate fail the run with 1 and a failing tool with 3, neither
# publishing anything.  Env: BIN, ROOT, TMP.
set -euo pipefail
cd "$ROOT"
for p in vb-ingest vb-clean vb-aggregate vb-rank vb-validate; do
	command -v "$p" >/dev/null || { echo "skip: $p not built"; exit 77; }
done
command -v flock >/dev/null || { echo "skip: no flock(1)"; exit 77; }
command -v setsid >/dev/null || { echo "skip: no setsid(1)"; exit 77; }
N=$ROOT/scripts/vb-nightly
fail() { echo "FAIL: $*"; exit 1; }

# The drop: plain copies of the sample tables with their Perioden lists.
D=$TMP/drop
mkdir -p "$D"
zcat sample-data/cbs/47022NED_maastricht_2014-2018.csv.gz >"$D/47022NED_drop.csv"
cp sample-data/cbs/47018NED_maastricht_2014-2018.csv "$D/47018NED_drop.csv"
cp sample-data/cbs/47022NED_Perioden.csv sample-data/cbs/47018NED_Perioden.csv "$D/"
T=("$D/47022NED_drop.csv" "$D/47018NED_drop.csv")
P=$TMP/pub

# --- 1. first run publishes ---------------------------------------------------
"$N" -o "$P" "${T[@]}" 2>"$TMP/r1.err" || fail "first run: status $?"
grep -q '^vb-nightly: summary run=.* status=OK ' "$TMP/r1.err" || fail "first run: no OK summary"
[ -L "$P/current" ] || fail "no current symlink"
run1=$(readlink "$P/current")
for f in crime/counts-month.tsv crime/counts-year.tsv crime/rates.tsv changes.tsv \
    manifest.tsv log.txt KEY; do
	[ -f "$P/current/$f" ] || fail "current/$f missing"
done
# A structured line per stage, with counts that add up.
for st in validate crime.ingest crime.clean crime.aggregate; do
	grep -Eq "^vb-nightly: stage=$st status=OK rows_in=[0-9]+ rows_out=[0-9]+ rows_rejected=0" \
	    "$TMP/r1.err" || fail "no log line for stage $st"
done
grep -q "stage=crime.ingest status=OK rows_in=184080 rows_out=184080 rows_rejected=0" "$TMP/r1.err" ||
	fail "monthly ingest count"
# The published tables are what the pipeline writes on its own.
pipelines/politie-cbs.sh -o "$TMP/direct" "${T[@]}" 2>/dev/null
for f in counts-month.tsv counts-year.tsv rates.tsv; do
	cmp "$TMP/direct/$f" "$P/current/crime/$f" || fail "crime/$f differs from politie-cbs.sh"
done
[ "$(tail -n +2 "$P/current/changes.tsv" | wc -l)" -eq 0 ] || fail "first run lists changes"

# --- 2. the same inputs again: nothing to do ---------------------------------
"$N" -o "$P" "${T[@]}" 2>"$TMP/r2.err" || fail "second run: status $?"
grep -q 'nothing to do' "$TMP/r2.err" || fail "second run does not say it did nothing"
grep -q 'status=OK .*unchanged=1' "$TMP/r2.err" || fail "second run summary"
! grep -q 'stage=crime' "$TMP/r2.err" || fail "second run ran the pipeline"
[ "$(readlink "$P/current")" = "$run1" ] || fail "second run published"
[ "$(ls "$P/runs" | wc -l)" -eq 1 ] || fail "second run made a run dir"

# Snapshot of the published run, to check that failures leave it alone.
snap() { (cd "$P/current/" && find . -type f | LC_ALL=C sort | xargs sha256sum); }
snap >"$TMP/snap1"

# --- 3. lock held, and kill -9 in the middle of a stage ----------------------
# A vb-clean that announces itself and then sleeps: the run sits in stage
# crime while we look.
mkdir -p "$TMP/slow"
cat >"$TMP/slow/vb-clean" <<EOF
#!/bin/sh
[ "\$1" = --version ] && exec "$BIN/vb-clean" --version
touch "$TMP/in-stage"
sleep 60
exec "$BIN/vb-clean" "\$@"
EOF
chmod +x "$TMP/slow/vb-clean"
PATH="$TMP/slow:$PATH" setsid "$N" --force -o "$P" "${T[@]}" 2>"$TMP/r3.err" &
pid=$!
for _ in $(seq 1 300); do
	[ -e "$TMP/in-stage" ] && break
	sleep 0.1
done
[ -e "$TMP/in-stage" ] || { kill -9 -- -"$pid" 2>/dev/null; fail "slow run never reached the stage"; }
ls -d "$P"/.work.* >/dev/null 2>&1 || { kill -9 -- -"$pid"; fail "no work dir while running"; }
grep -q 'stage=validate' "$TMP/r3.err" || { kill -9 -- -"$pid"; fail "slow run not past validation"; }
# A second run while the first holds the lock: exit 75 at once.
start=$(date +%s)
set +e
"$N" -o "$P" "${T[@]}" 2>"$TMP/r4.err"
st=$?
set -e
end=$(date +%s)
[ $st -eq 75 ] || { kill -9 -- -"$pid"; fail "locked run: status $st, want 75"; }
grep -q '^vb-nightly: summary status=SKIPPED_LOCKED' "$TMP/r4.err" ||
	{ kill -9 -- -"$pid"; fail "locked run: no SKIPPED_LOCKED summary"; }
[ $((end - start)) -le 3 ] || { kill -9 -- -"$pid"; fail "locked run waited $((end - start)) s"; }
# Kill the whole run (the script and its stage) with SIGKILL: no trap runs.
kill -9 -- -"$pid"
wait "$pid" 2>/dev/null || :
sleep 0.2
[ "$(readlink "$P/current")" = "$run1" ] || fail "killed run changed current"
snap | cmp - "$TMP/snap1" || fail "killed run changed the published files"
[ "$(ls "$P/runs" | wc -l)" -eq 1 ] || fail "killed run left a run dir"
# The lock died with it; the next run works and removes the stale work dir.
"$N" --force -o "$P" "${T[@]}" 2>"$TMP/r5.err" || fail "run after kill: status $?"
! ls -d "$P"/.work.* >/dev/null 2>&1 || fail "stale work dir left"
[ "$(tail -n +2 "$P/current/changes.tsv" | wc -l)" -eq 0 ] || fail "same data, yet changes"
run5=$(readlink "$P/current")
snap >"$TMP/snap5"

# --- 4. a changed drop: exactly the edited cells ------------------------------
# Edit the count of one monthly and one yearly cell with a non-zero count;
# the expected change lines come from the raw rows (codes trimmed, CBS
# period codes as YYYY-MM and YYYY, an empty count = suppressed).  The
# tables have CRLF line ends, which the edits keep.
pick() {	# pick FILE AREAPREFIX NTH: line of the NTH row with a count > 0
	awk -F, -v a="$2" -v n="$3" '{ sub(/\r$/, "") }
	    NR > 1 && $5 ~ /^[1-9][0-9]*$/ && $3 ~ a { c++ } c == n { print NR; exit }' "$1"
}
ml=$(pick "$D/47022NED_drop.csv" '"BU' 500)
yl=$(pick "$D/47018NED_drop.csv" '"WK' 40)
[ -n "$ml" ] && [ -n "$yl" ] || fail "no rows to edit"
expect() {	# expect TABLE LINE FILE NEWVALUE
	awk -F, -v OFS='\t' -v t="$1" -v l="$2" -v nv="$4" '{ sub(/\r$/, "") } NR == l {
		for (i = 2; i <= 4; i++) { gsub(/"/, "", $i); gsub(/ +$/, "", $i) }
		p = $4
		if (p ~ /MM/) p = substr(p, 1, 4) "-" substr(p, 7, 2); else p = substr(p, 1, 4)
		print "revised", t, p, $3, $2, $5, nv }' "$3"
}
edit() {	# edit FILE LINE NEWVALUE: set the count, keep the line end
	awk -F, -v OFS=, -v l="$2" -v nv="$3" 'NR == l { cr = sub(/\r$/, "")
	    $5 = nv; if (cr) $0 = $0 "\r" } { print }' "$1" >"$1.new"
	mv "$1.new" "$1"
}
old=$(awk -F, -v l="$ml" 'NR == l { sub(/\r$/, ""); print $5 }' "$D/47022NED_drop.csv")
{
	printf 'change\ttable\tperiod\tarea\tsoort\told\tnew\n'
	expect counts-month "$ml" "$D/47022NED_drop.csv" $((old + 7))
	expect counts-year "$yl" "$D/47018NED_drop.csv" suppressed
} >"$TMP/changes.want"
[ "$(wc -l <"$TMP/changes.want")" -eq 3 ] || fail "expected change lines"
edit "$D/47022NED_drop.csv" "$ml" $((old + 7))
edit "$D/47018NED_drop.csv" "$yl" ''
"$N" -o "$P" "${T[@]}" 2>"$TMP/r6.err" || fail "changed drop: status $?"
[ "$(readlink "$P/current")" != "$run5" ] || fail "changed drop not published"
diff -u "$TMP/changes.want" "$P/current/changes.tsv" || fail "change report"
grep -q 'stage=changes status=OK .*changes=2 revised=2' "$TMP/r6.err" || fail "changes log line"
grep -q 'revised counts-month' "$P/current/changes.txt" || fail "changes.txt"
# The previous run is still there, untouched.
(cd "$P/runs/${run5#runs/}" && find . -type f | LC_ALL=C sort | xargs sha256sum) |
	cmp - "$TMP/snap5" || fail "previous run changed"

# --- 5. rejects above the threshold: DATA_ERROR, nothing published -----------
run6=$(readlink "$P/current")
edit "$D/47018NED_drop.csv" 3 12x
set +e
"$N" -o "$P" --max-reject-rate 0 "${T[@]}" 2>"$TMP/r7.err"
st=$?
set -e
[ $st -eq 1 ] || fail "reject threshold: status $st, want 1"
grep -q 'threshold-exceeded' "$TMP/r7.err" || fail "no threshold-exceeded"
grep -q 'stage=validate status=DATA_ERROR rows_in=15340 rows_out=15339 rows_rejected=1' "$TMP/r7.err" ||
	fail "validate stage line of the bad drop"
grep -q '^vb-nightly: summary .*status=DATA_ERROR' "$TMP/r7.err" || fail "summary DATA_ERROR"
[ "$(readlink "$P/current")" = "$run6" ] || fail "rejected drop published"
# Under the default threshold (1 %) the same drop is published with rejects.
"$N" -o "$P" "${T[@]}" 2>"$TMP/r8.err" || fail "drop with one reject: status $?"
grep -q '^vb-nightly: summary .*status=OK_WITH_REJECTS' "$TMP/r8.err" || fail "OK_WITH_REJECTS"
run8=$(readlink "$P/current")
[ "$run8" != "$run6" ] || fail "drop with one reject not published"

# --- 6. a tool failure: TOOL_ERROR (3), nothing published ---------------------
mkdir -p "$TMP/broken"
printf '#!/bin/sh\necho "vb-rank: io-error: write error: No space left on device" >&2\nexit 1\n' \
    >"$TMP/broken/vb-rank"
chmod +x "$TMP/broken/vb-rank"
set +e
PATH="$TMP/broken:$PATH" "$N" --force -o "$P" "${T[@]}" 2>"$TMP/r9.err"
st=$?
set -e
[ $st -eq 3 ] || { cat "$TMP/r9.err"; fail "tool failure: status $st, want 3"; }
grep -q '^vb-nightly: summary .*status=TOOL_ERROR' "$TMP/r9.err" || fail "summary TOOL_ERROR"
[ "$(readlink "$P/current")" = "$run8" ] || fail "failed run published"
! ls -d "$P"/.work.* >/dev/null 2>&1 || fail "failed run left its work dir"
echo "nightly: ok"
