#!/bin/sh
# git-bench.sh - how fast the git modes are, next to what they compete with.
# Builds a repository of N grant files (default 10000) and reports, side by
# side, medians of R runs (default 7):
#   grantlint check --staged, one staged file, cold and warm key cache
#       against git diff --cached --name-only   (target: warm within 3x)
#   grantlint check --rev HEAD against grantlint check on the checked-out
#       tree                                    (target: --rev no slower)
# Medians of wall-clock and (with perf installed) CPU time; the commands run
# round robin so that other work on the machine disturbs them alike.
# Not a test: run it by hand, e.g. from a build folder:
#   sh ../tests/bench/git-bench.sh ./grantlint 10000 7
set -eu
grantlint=$(cd "$(dirname "${1:-${GRANTLINT:-./grantlint}}")" && pwd)/$(basename "${1:-${GRANTLINT:-./grantlint}}")
files=${2:-10000}
runs=${3:-7}
[ -x "$grantlint" ] || { echo "usage: $0 [GRANTLINT] [FILES] [RUNS]" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/grantlint-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
GIT_CONFIG_NOSYSTEM=1 HOME=$tmp GIT_CEILING_DIRECTORIES=$tmp
export GIT_CONFIG_NOSYSTEM HOME GIT_CEILING_DIRECTORIES
git config --global user.name bench
git config --global user.email bench@example.com
git config --global gc.auto 0

repo=$tmp/repo
git init -q "$repo"
cd "$repo"
# N valid grant files, 100 to a folder, each with its own application.
awk -v n="$files" 'BEGIN {
	for (i = 0; i < n; i++) {
		dir = sprintf("grants/team%03d", int(i / 100))
		if (i % 100 == 0) system("mkdir -p " dir)
		f = sprintf("%s/app-%05d.yaml", dir, i)
		printf "ApplicationArn: arn:aws:sso::123456789012:application/ssoins-72236d2b4d8c5e1f/apl-%016x\n", i > f
		printf "GrantType: authorization_code\nGrant:\n  AuthorizationCode:\n" > f
		printf "    RedirectUris:\n      - https://app%d.example.com/oauth/callback\n", i > f
		close(f)
	}
}'
printf '# bench\n' > README.md
git add -A
git commit -q -m "$files grant files"
git gc -q # as a clone would be: packed
sed -i 's/oauth\/callback/oauth\/callback2/' grants/team000/app-00000.yaml
git add grants/team000/app-00000.yaml

now_ms() { echo $(($(date +%s%N) / 1000000)); }
have_perf=false
if command -v perf >/dev/null 2>&1 && perf stat -e task-clock true >/dev/null 2>&1; then
	have_perf=true
fi
# time_once NAME CMD...: run CMD once, append its wall and CPU ms to $tmp/NAME.
time_once() {
	name=$1
	shift
	if $have_perf; then
		perf stat -e task-clock "$@" 2>&1 >/dev/null | awk '
			/task-clock/ { cpu = $1 }
			/seconds time elapsed/ { wall = $1 * 1000 }
			END { printf "%d %.1f\n", wall, cpu }' >> "$tmp/$name"
	else
		t0=$(now_ms)
		"$@" > /dev/null 2>&1 || true
		echo "$(($(now_ms) - t0)) -" >> "$tmp/$name"
	fi
}
# median NAME COLUMN: the median of a column of $tmp/NAME.
median() {
	awk -v c="$2" '{ print $c }' "$tmp/$1" | sort -n |
		awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-") { print "-"; exit } if (b == 0) b = 1; printf "%.2fx", a / b }'
}

# Round robin, so that a machine busy with other work disturbs every command
# alike. The cold run leaves the cache warm for the warm run that follows it.
i=0
while [ "$i" -lt "$runs" ]; do
	time_once git_diff git diff --cached --name-only
	rm -rf .git/grantlint
	time_once cold "$grantlint" check --staged
	time_once warm "$grantlint" check --staged
	time_once rev "$grantlint" check --rev HEAD
	time_once tree "$grantlint" check
	i=$((i + 1))
done
for name in git_diff cold warm rev tree; do
	eval "$name=\$(median $name 1) ${name}_cpu=\$(median $name 2)"
done

echo "grantlint git benchmark: $files grant files, one staged change, medians of $runs runs"
printf '%-40s %9s %7s %8s %7s\n' "command" "wall ms" "ratio" "CPU ms" "ratio"
row() { # row NAME WALL WALL_BASE CPU CPU_BASE
	printf '%-40s %9d %7s %8s %7s\n' "$1" "$2" "$(ratio "$2" "$3")" "$4" "$(ratio "$4" "$5")"
}
row "git diff --cached --name-only" "$git_diff" "$git_diff" "$git_diff_cpu" "$git_diff_cpu"
row "grantlint check --staged (cold cache)" "$cold" "$git_diff" "$cold_cpu" "$git_diff_cpu"
row "grantlint check --staged (warm cache)" "$warm" "$git_diff" "$warm_cpu" "$git_diff_cpu"
row "grantlint check (checked-out tree)" "$tree" "$tree" "$tree_cpu" "$tree_cpu"
row "grantlint check --rev HEAD" "$rev" "$tree" "$rev_cpu" "$tree_cpu"
awk -v w="$warm" -v g="$git_diff" -v r="$rev" -v t="$tree" 'BEGIN {
	if (g == 0) g = 1
	printf "target warm --staged <= 3x git diff --cached: %s\n", (w <= 3 * g) ? "met" : "MISSED"
	printf "target --rev <= checked-out tree: %s\n", (r <= t) ? "met" : "MISSED"
}'
