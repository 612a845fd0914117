#!/bin/sh
# test_parallel.sh - `check -j N` gives the same report, byte for byte, and the
# same exit status for every N: on the whole fixture tree (every rule's cases,
# findings in most files) and on the examples.
. "$(dirname "$0")/lib.sh"

for tree in "$top_srcdir/fixtures" "$top_srcdir/fixtures/examples"; do
	"$GRANTLINT" check -j1 --format json "$tree" > "$T_TMP/j1.json" 2> "$T_TMP/j1.err"
	want_rc=$?
	if [ -s "$T_TMP/j1.json" ] && grep -q '"diagnostics":\[{' "$T_TMP/j1.json"; then t_ok; else
		t_fail "-j1 on $tree: no findings to compare"; fi
	for jobs in 2 3 4 16; do
		"$GRANTLINT" check -j"$jobs" --format json "$tree" > "$T_TMP/jn.json" 2> "$T_TMP/jn.err"
		t_equal "exit status of -j$jobs on $tree" "$want_rc" "$?"
		if cmp -s "$T_TMP/j1.json" "$T_TMP/jn.json" && cmp -s "$T_TMP/j1.err" "$T_TMP/jn.err"
		then t_ok; else
			t_fail "-j$jobs on $tree differs from -j1"
			diff "$T_TMP/j1.json" "$T_TMP/jn.json" | head -5
		fi
	done
	# The default (one job per online CPU) too, and the text format.
	"$GRANTLINT" check --format json "$tree" > "$T_TMP/jd.json" 2>/dev/null
	if cmp -s "$T_TMP/j1.json" "$T_TMP/jd.json"; then t_ok; else
		t_fail "default -j on $tree differs from -j1"; fi
	"$GRANTLINT" check -j1 "$tree" > "$T_TMP/j1.txt" 2>/dev/null
	"$GRANTLINT" check -j4 "$tree" > "$T_TMP/j4.txt" 2>/dev/null
	if cmp -s "$T_TMP/j1.txt" "$T_TMP/j4.txt"; then t_ok; else
		t_fail "text output of -j4 on $tree differs from -j1"; fi
done

t_exit 2 "-j0 is refused" "$GRANTLINT" check -j0 "$top_srcdir/fixtures/examples"
t_contains "-j0 explained" "--jobs takes a whole number"
t_exit 2 "-j with a word is refused" "$GRANTLINT" check --jobs many "$top_srcdir/fixtures/examples"

t_finish
