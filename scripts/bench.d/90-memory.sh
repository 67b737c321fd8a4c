# 90-memory.sh -- sourced by scripts/bench.sh (make bench): do the streaming
# filters keep flat memory over a long stream?  (QUALITY.md P8, issue 7 §5.)
#
# gen-bench writes the incident CSV straight into the pipeline; nothing is
# stored.  For each size in BENCH_MEM_ROWS (default 1, 10 and 100 million
# rows; 100 million is about 10.7 GB of CSV) the peak RSS of the largest
# process in the pipeline is recorded through measure():
#	gen-bench | vb-ingest | vb-clean (identity rules) | vb-aggregate -g soort
# vb-aggregate holds one entry per group (59 codes), so every stage should
# stay flat.  Prints the ratio of the largest to the smallest peak: a
# benchmark, it does not fail; above 1.5x it says so.
echo "== memory: streaming stages over a long stream (peak RSS of the largest process)"
mem_rows=${BENCH_MEM_ROWS:-1000000 10000000 100000000}
mem_bpr=$("$TOOLS/gen-bench" incidents 10000 | wc -c)
mem_rules=$ROOT/tests/cli/clean/identity.rules
for n in $mem_rows; do
	measure memory "stream-${n}-rows" $((mem_bpr * n / 10000)) "$n" \
	    "'$TOOLS/gen-bench' incidents $n | vb-ingest --no-provenance | vb-clean -r '$mem_rules' | vb-aggregate -g soort"
done
awk -F'\t' '$1 == "memory" { r = $6 + 0; if (min == "" || r < min) min = r; if (r > max) max = r }
    END { if (min == "") { print "  (no memory figures)"; exit }
    printf "  peak RSS from %.1f MB to %.1f MB: ratio %.2fx %s\n", min, max, max / min,
    (max / min <= 1.5 ? "(flat)" : "(NOT flat: memory grows with the stream)") }' "$RESULTS"
