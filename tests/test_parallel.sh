#!/bin/sh
# test_parallel.sh - `check -j N` gives the same report, byte for byte, the same
# messages on stderr and the same exit status for every N: on every fixture
# file named on the command line (as pre-commit names files; findings in most
# of them, and a missing file among them), and on folders walked.
. "$(dirname "$0")/lib.sh"
cd "$top_srcdir" || exit 1
files=$(find fixtures -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | sort)

compare() { # compare DESCRIPTION ARGS...: -j1 against -j2, -j3, -j4, -j16 and the default
	desc=$1
	shift
	"$GRANTLINT" check -j1 --format json "$@" > "$T_TMP/j1.json" 2> "$T_TMP/j1.err"
	want_rc=$?
	if grep -q '"diagnostics":\[{' "$T_TMP/j1.json"; then t_ok; else
		t_fail "$desc: no findings to compare"; fi
	for jobs in 2 3 4 16 default; do
		if [ "$jobs" = default ]; then
			"$GRANTLINT" check --format json "$@" > "$T_TMP/jn.json" 2> "$T_TMP/jn.err"
		else
			"$GRANTLINT" check -j"$jobs" --format json "$@" > "$T_TMP/jn.json" 2> "$T_TMP/jn.err"
		fi
		t_equal "$desc: exit status of -j $jobs" "$want_rc" "$?"
		if cmp -s "$T_TMP/j1.json" "$T_TMP/jn.json" && cmp -s "$T_TMP/j1.err" "$T_TMP/jn.err"
		then t_ok; else
			t_fail "$desc: -j $jobs differs from -j1"
			diff "$T_TMP/j1.json" "$T_TMP/jn.json" | head -5
			diff "$T_TMP/j1.err" "$T_TMP/jn.err" | head -5
		fi
	done
	"$GRANTLINT" check -j1 "$@" > "$T_TMP/j1.txt" 2>&1
	"$GRANTLINT" check -j4 "$@" > "$T_TMP/j4.txt" 2>&1
	if cmp -s "$T_TMP/j1.txt" "$T_TMP/j4.txt"; then t_ok; else
		t_fail "$desc: text output of -j4 differs from -j1"; fi
}

# shellcheck disable=SC2086
compare "every fixture file, and a missing one" $files fixtures/no-such.grant.yaml $files
T_OUT=$(cat "$T_TMP/j1.err")
t_contains "the missing file is reported" "cannot read 'fixtures/no-such.grant.yaml'"
compare "the fixture tree" fixtures
compare "the examples" fixtures/examples/findings fixtures/examples/clean

t_exit 2 "-j0 is refused" "$GRANTLINT" check -j0 fixtures/examples
t_contains "-j0 explained" "--jobs takes a whole number"
t_exit 2 "-j with a word is refused" "$GRANTLINT" check --jobs many fixtures/examples

t_finish
