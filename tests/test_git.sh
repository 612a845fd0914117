#!/bin/sh
# test_git.sh - the git modes (--staged, --rev, --changed-since) and the
# pre-commit hook, on real repositories made in a temporary folder.
. "$(dirname "$0")/lib.sh"

if ! command -v git >/dev/null 2>&1; then
	echo "test_git.sh: git not installed; skipped"
	exit 77
fi
# A known git setup: no system or user configuration but ours.
GIT_CONFIG_NOSYSTEM=1
HOME="$T_TMP/home"
GIT_CEILING_DIRECTORIES=$T_TMP
export GIT_CONFIG_NOSYSTEM HOME GIT_CEILING_DIRECTORIES
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_COMMON_DIR
mkdir -p "$HOME"
git config --global user.name "grantlint test"
git config --global user.email "test@example.com"
git config --global init.defaultBranch main
git config --global advice.detachedHead false

# good ID [GRANT_TYPE]: a valid request whose application id is apl-<ID as 16 hex digits>.
good() {
	printf 'ApplicationArn: arn:aws:sso::123456789012:application/ssoins-72236d2b4d8c5e1f/apl-%016x\n' "$1"
	printf 'GrantType: authorization_code\nGrant:\n  AuthorizationCode:\n'
	printf '    RedirectUris:\n      - https://payroll.example.com/oauth/callback\n'
}
# bad ID: the same with an unknown key (GL102).
bad() {
	good "$1" | sed 's/RedirectUris/RedirectURIs/'
}
new_repo() {
	rm -rf "$T_TMP/$1"
	git init -q "$T_TMP/$1" && cd "$T_TMP/$1" && mkdir -p grants || exit 1
}
commit() {
	git add -A && git commit -q --no-verify -m "$1" || exit 1
}
G=$GRANTLINT

# Outside a repository, a git option is a usage error.
mkdir -p "$T_TMP/nogit"
cd "$T_TMP/nogit" || exit 1
t_exit 2 "--staged outside a repository" "$G" check --staged
t_contains "explained" "not in a git repository"
t_exit 2 "--rev outside a repository" "$G" check --rev HEAD
t_exit 2 "--changed-since outside a repository" "$G" check --changed-since main

# Before the first commit, everything staged is linted; paths from the root.
new_repo first
good 1 > grants/a.yaml
bad 2 > grants/b.yaml
good 3 > notes.yaml # not a grant file
git add -A
t_exit 1 "first commit: staged files linted" "$G" check --staged --format json
t_contains "repository-relative path" '"path":"grants/b.yaml"'
t_contains "GL102 on the staged file" '"rule":"GL102"'
t_contains "both grant files, not notes.yaml" '"files":2'
cd grants || exit 1
t_exit 1 "from a subfolder" "$G" check --staged
t_contains "paths still from the root" "grants/b.yaml:5:5"
cd .. || exit 1
t_exit 2 "git options take no PATH" "$G" check --staged grants
t_exit 2 "one git option at a time" "$G" check --staged --rev HEAD
t_exit 2 "--rev before the first commit" "$G" check --rev HEAD
t_contains "unknown revision explained" "unknown revision 'HEAD'"
t_exit 2 "--changed-since before the first commit" "$G" check --changed-since main
commit first
t_exit 0 "nothing staged: nothing linted" "$G" check --staged
t_contains "no files" "0 files checked"

# The index decides, not the working tree: both directions.
bad 4 > grants/c.yaml
git add grants/c.yaml
good 4 > grants/c.yaml
t_exit 1 "fixed on disk but not re-staged still fails" "$G" check --staged
t_contains "the staged version" "grants/c.yaml:5:5: error"
git add grants/c.yaml
bad 4 > grants/c.yaml
t_exit 0 "broken on disk but staged good passes" "$G" check --staged
t_exit 1 "(the file tree does see the break)" "$G" check grants/c.yaml
git checkout -q -- grants/c.yaml
commit "c"

# A rename is linted under the new path; a deletion is skipped.
git mv grants/b.yaml grants/renamed.yaml
t_exit 1 "rename" "$G" check --staged
t_contains "linted under the new path" "grants/renamed.yaml:5:5"
t_lacks "not under the old path" "grants/b.yaml"
commit rename
git rm -q grants/renamed.yaml
t_exit 0 "deletion skipped" "$G" check --staged
t_contains "nothing linted" "0 files checked"
commit delete

# Symbolic links and submodules are skipped; encoding and size as for files.
ln -s ../notes.yaml grants/link.yaml
git add grants/link.yaml
git update-index --add --cacheinfo "160000,$(git rev-parse HEAD),grants/sub.yaml"
printf 'GrantType: \377\n' > grants/latin1.yaml
git add grants/latin1.yaml
t_exit 1 "invalid UTF-8 in a blob" "$G" check --staged --format json
t_contains "GL002 like a file" '"rule":"GL002"'
t_lacks "symlink skipped" "link.yaml"
t_lacks "submodule skipped" "sub.yaml"
t_contains "one file" '"files":1'
git rm -q --cached grants/sub.yaml grants/link.yaml grants/latin1.yaml
rm -f grants/link.yaml grants/latin1.yaml
good 5 > grants/big.yaml
git add grants/big.yaml
t_exit 1 "a blob over the size limit" "$G" check --staged --max-file-size 64
t_contains "GL005 like a file" "GL005"
git rm -q --cached grants/big.yaml
rm -f grants/big.yaml

# --rev reads the tree of REV, also in a bare repository.
t_exit 0 "--rev HEAD" "$G" check --rev HEAD --format json
t_contains "every grant file of the tree" '"files":2'
t_exit 1 "--rev of an older commit" "$G" check --rev HEAD~2
t_contains "the old content" "grants/b.yaml:5:5"
t_exit 2 "--rev of an unknown revision" "$G" check --rev no-such-branch
t_contains "unknown revision explained" "unknown revision 'no-such-branch'"
git clone -q --bare "$T_TMP/first" "$T_TMP/bare.git"
cd "$T_TMP/bare.git" || exit 1
t_exit 1 "--rev in a bare repository" "$G" check --rev HEAD~2
t_contains "bare: repository-relative path" "grants/b.yaml:5:5"
t_exit 0 "--rev HEAD in a bare repository" "$G" check --rev HEAD
t_exit 2 "--staged in a bare repository" "$G" check --staged
t_contains "bare explained" "bare repository"

# --changed-since: only what the branch changed since the merge base.
new_repo branchy
good 1 > grants/a.yaml
bad 2 > grants/legacy.yaml # bad on main already: not this branch's business
good 3 > grants/gone.yaml
bad 10 > grants/old-name.yaml
commit base
git checkout -q -b feature
bad 4 > grants/new.yaml
commit "feature 1"
bad 5 > grants/a.yaml
git rm -q grants/gone.yaml
git mv grants/old-name.yaml grants/new-name.yaml
commit "feature 2"
git checkout -q main
bad 6 > grants/main-only.yaml
commit "main moves on"
git checkout -q feature
t_exit 1 "--changed-since main" "$G" check --changed-since main --format json
t_contains "added on the branch" '"path":"grants/new.yaml"'
t_contains "modified on the branch" '"path":"grants/a.yaml"'
t_lacks "unchanged files not linted" "legacy.yaml"
t_lacks "main's later commits not linted" "main-only.yaml"
t_lacks "deleted files skipped" "gone.yaml"
t_contains "a rename is linted under the new path" '"path":"grants/new-name.yaml"'
t_lacks "not under the old one" "old-name.yaml"
t_contains "three files" '"files":3'
t_exit 0 "--changed-since HEAD: nothing" "$G" check --changed-since HEAD
t_exit 2 "--changed-since of an unknown base" "$G" check --changed-since nope
git checkout -q --orphan lonely
commit lonely
t_exit 2 "no common ancestor" "$G" check --changed-since main
t_contains "explained" "no common ancestor"
git checkout -q feature

# Conflicts across files are judged against the whole index, reported only on
# the linted file. The cache under .git/grantlint makes that cheap and is
# never trusted.
new_repo conflict
good 7 > grants/m-committed.yaml
good 8 > grants/other.yaml
commit base
t_exit 0 "staged nothing" "$G" check --staged
good 7 > grants/a-staged.yaml # sorts before the committed twin
good 7 > grants/z-staged.yaml # sorts after it
git add grants
t_exit 0 "cache built" "$G" check --staged --only GL1xx
if head -c 6 .git/grantlint/keys-v1 | grep -q GLKEYS; then t_ok; else t_fail "cache file written"; fi
printf 'this is not a cache\n' > .git/grantlint/keys-v1
t_exit 0 "a corrupt cache is ignored" "$G" check --staged --only GL1xx
if head -c 6 .git/grantlint/keys-v1 | grep -q GLKEYS; then t_ok; else t_fail "cache rebuilt"; fi
head -c 100 .git/grantlint/keys-v1 > "$T_TMP/short" && cat "$T_TMP/short" > .git/grantlint/keys-v1
t_exit 0 "a truncated cache is ignored" "$G" check --staged --only GL1xx
for state in cold warm corrupt; do
	[ "$state" = cold ] && rm -rf .git/grantlint
	[ "$state" = corrupt ] && printf 'garbage' > .git/grantlint/keys-v1
	t_exit 1 "GL501 against a committed file ($state cache)" "$G" check --staged --format json
	t_contains "GL501 reported ($state)" '"rule":"GL501"'
	t_contains "on the file staged first in order ($state)" '"path":"grants/a-staged.yaml"'
	t_contains "naming the committed twin ($state)" 'also defined at grants/m-committed.yaml:2'
	t_contains "on the file staged last in order ($state)" '"path":"grants/z-staged.yaml"'
	t_lacks "never on the committed file ($state)" '"path":"grants/m-committed.yaml"'
done

# install-hook: the hook blocks a bad commit and allows a good one.
new_repo hooked
good 1 > grants/a.yaml
commit base
t_exit 0 "install-hook" "$G" install-hook
t_contains "says where" ".git/hooks/pre-commit"
if [ -x .git/hooks/pre-commit ] && cmp -s .git/hooks/pre-commit "$top_srcdir/hooks/pre-commit"
then t_ok; else t_fail "installed hook is hooks/pre-commit, executable"; fi
t_exit 0 "install-hook again updates it" "$G" install-hook
t_contains "updated" "updated"
bad 2 > grants/b.yaml
git add grants/b.yaml
t_exit 1 "the hook blocks a bad commit" git commit -q -m bad
t_contains "the finding is shown" "grants/b.yaml:5:5"
t_contains "how to bypass" "git commit --no-verify"
t_equal "nothing committed" "1" "$(git rev-list --count HEAD)"
good 2 > grants/b.yaml
t_exit 1 "fixed on disk, not staged: still blocked" git commit -q -m bad
t_exit 0 "commit -a stages the fix (GIT_INDEX_FILE)" git commit -q -a -m good
t_equal "committed" "2" "$(git rev-list --count HEAD)"

# core.hooksPath is honoured; an existing hook is kept only with --chain.
new_repo chained
good 1 > grants/a.yaml
commit base
git config core.hooksPath .githooks
mkdir .githooks
printf '#!/bin/sh\necho ran >> "%s/earlier-hook-ran"\nexit 0\n' "$T_TMP" > .githooks/pre-commit
chmod +x .githooks/pre-commit
t_exit 2 "install-hook refuses to replace a hook" "$G" install-hook
t_contains "says how to chain" "--chain"
t_contains "in core.hooksPath" ".githooks/pre-commit"
t_exit 0 "install-hook --chain" "$G" install-hook --chain
t_contains "kept" "pre-commit.before-grantlint"
bad 2 > grants/b.yaml
git add grants/b.yaml
rm -f "$T_TMP/earlier-hook-ran"
t_exit 1 "chained: grantlint still blocks" git commit -q -m bad
if [ -f "$T_TMP/earlier-hook-ran" ]; then t_ok; else t_fail "the earlier hook ran first"; fi
good 2 > grants/b.yaml
git add grants/b.yaml
t_exit 0 "chained: a good commit passes" git commit -q -m good
printf '#!/bin/sh\necho "earlier hook says no" >&2\nexit 7\n' > .githooks/pre-commit.before-grantlint
good 3 > grants/c.yaml
git add grants/c.yaml
t_exit 1 "a failing earlier hook blocks the commit" git commit -q -m c
t_contains "its message" "earlier hook says no"
cd "$T_TMP/nogit" || exit 1
t_exit 2 "install-hook outside a repository" "$G" install-hook

# The pre-commit framework passes any YAML/JSON: non-grant files skipped quietly.
cd "$T_TMP/first" || exit 1
t_exit 0 "--only-grant-files skips other files" "$G" check --only-grant-files notes.yaml
t_contains "nothing checked" "0 files checked"
bad 9 > grants/z.yaml
t_exit 1 "--only-grant-files still lints grant files" "$G" check --only-grant-files notes.yaml grants/z.yaml
t_contains "the grant file" "grants/z.yaml:5:5"
t_lacks "not the other" "notes.yaml"
if grep -q 'id: grantlint-staged' "$top_srcdir/.pre-commit-hooks.yaml" &&
	grep -q 'entry: grantlint check --only-grant-files' "$top_srcdir/.pre-commit-hooks.yaml"
then t_ok; else t_fail ".pre-commit-hooks.yaml offers both hooks"; fi

t_finish
