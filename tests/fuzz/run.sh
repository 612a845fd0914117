#!/bin/sh
# run.sh - run every built fuzz harness for SECONDS each (`make fuzz-run`).
#
# Each harness starts from its seeds (the fixtures, tests/fuzz/seeds/NAME/
# and the regression inputs) and keeps what it learns in tests/fuzz/corpus/
# of the build folder. A crash, leak, sanitizer report or timeout stops that
# harness with its input saved under tests/fuzz/crashes/ and fails the run:
# fix the bug and add the input to tests/fuzz/regressions/NAME/.
set -u
seconds=${1:-60}
: "${srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
out=tests/fuzz
failed=0 ran=0
for name in lint_yaml lint_json uri sigv4 config; do
	bin=$out/fuzz_$name
	[ -x "$bin" ] || continue
	seeds=$out/seed-corpus/$name
	rm -rf "$seeds"
	mkdir -p "$seeds" "$out/corpus/$name" "$out/crashes"
	case $name in
	lint_yaml | lint_json | config)
		# Named after their path, since many fixtures share a file name.
		(cd "$srcdir/fixtures" && find . -type f ! -name '*.expected') | sed 's|^\./||' |
			while read -r f; do cp "$srcdir/fixtures/$f" "$seeds/$(echo "$f" | tr / _)"; done ;;
	uri)
		# Every URI the fixtures hold, one per seed file.
		grep -rhoE '[a-zA-Z][a-zA-Z0-9+.-]*://[^ "'"'"',]+' "$srcdir/fixtures" | sort -u |
			awk -v d="$seeds" '{ f = sprintf("%s/uri-%04d", d, NR); printf "%s", $0 > f; close(f) }' ;;
	esac
	[ -d "$srcdir/tests/fuzz/seeds/$name" ] && cp -r "$srcdir/tests/fuzz/seeds/$name"/. "$seeds"/
	[ -d "$srcdir/tests/fuzz/regressions/$name" ] &&
		cp -r "$srcdir/tests/fuzz/regressions/$name"/. "$seeds"/
	echo "== fuzz_$name for ${seconds}s ($(ls "$seeds" | wc -l) seeds)"
	ran=$((ran + 1))
	if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
		-print_final_stats=1 -artifact_prefix="$out/crashes/$name-" \
		"$out/corpus/$name" "$seeds" > "$out/fuzz_$name.log" 2>&1; then
		failed=$((failed + 1))
		tail -60 "$out/fuzz_$name.log"
		echo "FAIL: fuzz_$name found a crash; the input is in $out/crashes/"
	else
		grep -E '^(Done|stat::number_of_executed_units)' "$out/fuzz_$name.log" | tail -2
	fi
done
[ "$ran" -gt 0 ] || { echo "fuzz-run: no harness built (run make fuzz)"; exit 1; }
echo "fuzz: $((ran - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
