# lib.sh - a small assertion library for the shell test drivers.
# Each driver sources it, calls t_* assertions, and ends with t_finish.
set -u
: "${GRANTLINT:=$PWD/grantlint}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
T_PASS=0
T_FAIL=0
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/grantlint-test.XXXXXX")
trap 'rm -rf "$T_TMP"' EXIT

t_ok() { T_PASS=$((T_PASS + 1)); }
t_fail() { T_FAIL=$((T_FAIL + 1)); echo "FAIL: $*"; }

# t_exit WANT DESCRIPTION CMD...: the command exits with WANT; output kept in $T_OUT.
t_exit() {
	want=$1 desc=$2
	shift 2
	T_OUT=$("$@" 2>&1)
	got=$?
	if [ "$got" -eq "$want" ]; then t_ok; else
		t_fail "$desc: exit $got, wanted $want"
		printf '%s\n' "$T_OUT" | sed 's/^/    /' | head -20
	fi
}

# t_contains DESCRIPTION NEEDLE: $T_OUT contains NEEDLE (fixed string).
t_contains() {
	if printf '%s' "$T_OUT" | grep -qF -- "$2"; then t_ok; else
		t_fail "$1: output lacks '$2'"
		printf '%s\n' "$T_OUT" | sed 's/^/    /' | head -20
	fi
}

# t_lacks DESCRIPTION NEEDLE: $T_OUT does not contain NEEDLE.
t_lacks() {
	if printf '%s' "$T_OUT" | grep -qF -- "$2"; then
		t_fail "$1: output has '$2'"
		printf '%s\n' "$T_OUT" | sed 's/^/    /' | head -20
	else t_ok; fi
}

# t_equal DESCRIPTION WANT GOT
t_equal() {
	if [ "$2" = "$3" ]; then t_ok; else t_fail "$1: wanted [$2], got [$3]"; fi
}

t_finish() {
	echo "$(basename "$0"): $T_PASS passed, $T_FAIL failed"
	[ "$T_FAIL" -eq 0 ]
}
