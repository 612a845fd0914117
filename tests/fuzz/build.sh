#!/bin/sh
# build.sh - build the libFuzzer harnesses with clang (run by `make fuzz`).
#
# The library sources (libgrantlint_la_SOURCES, passed by make) are compiled
# once with clang and -fsanitize=fuzzer-no-link,address,undefined into an
# archive; each harness links against it with -fsanitize=fuzzer. A harness
# whose module is not in the library (yet) is skipped
# with a note. Objects are rebuilt when their source or any header is newer.
#
# Environment (set by make): CLANG, srcdir, FUZZ_SOURCES, FUZZ_CPPFLAGS,
# FUZZ_LIBS. Output: tests/fuzz/fuzz_<name> in the current (build) folder.
set -eu
: "${CLANG:?}" "${srcdir:?}" "${FUZZ_SOURCES:?}"
out=tests/fuzz
obj=$out/obj
mkdir -p "$obj"
flags="-g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=undefined -Wall -Wextra -Wno-unused-parameter"
cflags="$flags -fsanitize=fuzzer-no-link,address,undefined"
lflags="$flags -fsanitize=fuzzer,address,undefined"

# The newest header: any object older than it is rebuilt.
newest_header=$(ls -t "$srcdir"/lint/*.h "$srcdir"/rules/*.h config.h 2>/dev/null | head -1)

objects=
for src in $FUZZ_SOURCES; do
	case $src in *.c) ;; *) continue ;; esac
	o=$obj/$(printf '%s' "$src" | sed 's|/|_|g; s|\.c$|.o|')
	objects="$objects $o"
	if [ ! -f "$o" ] || [ "$srcdir/$src" -nt "$o" ] || [ "$newest_header" -nt "$o" ]; then
		printf '%s %s\n' "$srcdir/$src" "$o"
	fi
done > "$obj/todo"
# Compile what changed, two at a time per CPU.
# shellcheck disable=SC2086
xargs -r -n 2 -P "$(nproc 2>/dev/null || echo 2)" sh -c \
	'echo "  CLANG    $1"; '"$CLANG"' '"$cflags $FUZZ_CPPFLAGS"' -c "$0" -o "$1"' < "$obj/todo"
rm -f "$out/libgrantlint-fuzz.a"
# shellcheck disable=SC2086
ar rcs "$out/libgrantlint-fuzz.a" $objects

# harness name, source, extra flags, the library source it needs ("-": none)
built=0
while read -r name source extra needs; do
	[ -n "$name" ] || continue
	[ "$extra" = - ] && extra=
	if [ "$needs" != - ] && ! printf ' %s ' $FUZZ_SOURCES | grep -q " $needs "; then
		echo "  SKIP     fuzz_$name: $needs is not in the library yet"
		rm -f "$out/fuzz_$name"
		continue
	fi
	echo "  CLANGLD  $out/fuzz_$name"
	# shellcheck disable=SC2086
	$CLANG $lflags $FUZZ_CPPFLAGS $extra -o "$out/fuzz_$name" "$srcdir/tests/fuzz/$source" \
		"$out/libgrantlint-fuzz.a" $FUZZ_LIBS
	built=$((built + 1))
done <<'HARNESSES'
lint_yaml fuzz_lint.c - -
lint_json fuzz_lint.c -DGL_FUZZ_JSON -
uri fuzz_uri.c - lint/uri.c
sigv4 fuzz_sigv4.c - lint/sigv4.c
config fuzz_config.c - lint/conf.c
HARNESSES
echo "fuzz: $built harnesses built in $out"
