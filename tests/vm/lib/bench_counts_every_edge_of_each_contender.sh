#!/bin/sh
# make bench's comparison program (tests/bench/compare) is itself correct:
# at 200 edges/s, one round of 100 edges, every contender runs (the BH
# workqueue one only from 6.9, the direct one not on PREEMPT_RT) and gets at
# least one edge; each gpioirq contender's delivered events plus the
# module's dropped and missed counts are exactly the 100 edges, its
# line_seqno gaps are no more than those counts, no loss is silent and no
# direction wrong. compare -c checks and says which contender failed; the
# runner prints its table as comments.
set -u
out=$(mktemp)
compare -c -e 100 -r 1 -R 200 >"$out" 2>&1
rc=$?
grep -v '^TSV' "$out"
[ "$rc" -eq 0 ] || { grep '^FAIL' "$out"; exit 1; }
grep -q '^compare: checked$' "$out" || { echo "compare did not check"; exit 1; }
exit 0
