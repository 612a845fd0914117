#!/bin/sh
# test_cli.sh - the command line as a user meets it: commands, exit codes,
# discovery, output formats and colour.
. "$(dirname "$0")/lib.sh"
ex="$top_srcdir/fixtures/examples"

t_exit 0 "--version" "$GRANTLINT" --version
t_contains "--version" "grantlint "
t_exit 0 "--help" "$GRANTLINT" --help
t_contains "--help lists check" "check"
t_exit 0 "check --help" "$GRANTLINT" check --help
t_contains "check --help lists formats" "json"

t_exit 0 "rules" "$GRANTLINT" rules
for code in GL001 GL002 GL003 GL004 GL005 GL006 GL007 GL101 GL102 GL103 GL104; do
	t_contains "rules lists $code" "$code"
done
# Every registered rule is documented in the README's table and the man page.
for code in $("$GRANTLINT" rules | awk '{print $1}'); do
	if grep -q "^| $code " "$top_srcdir/README.md"; then t_ok; else t_fail "README lacks $code"; fi
	if grep -q "$code" "$top_srcdir/lint/grantlint.1"; then t_ok; else t_fail "man page lacks $code"; fi
done
t_exit 0 "explain by code" "$GRANTLINT" explain GL102
t_contains "explain shows the doc" "What it does"
t_exit 0 "explain by name" "$GRANTLINT" explain unknown-key
t_contains "explain by name" "GL102 unknown-key"
t_exit 2 "explain an unknown rule" "$GRANTLINT" explain GL999
t_exit 2 "unknown option" "$GRANTLINT" check --no-such-option
t_exit 2 "unknown format" "$GRANTLINT" check --format nope "$ex/clean"
t_exit 2 "unknown rule selector" "$GRANTLINT" check --only GL999 "$ex/clean"
t_exit 3 "missing file" "$GRANTLINT" check "$T_TMP/does-not-exist.grant.yaml"
t_contains "missing file is explained" "cannot read"

t_exit 0 "the clean examples lint clean" "$GRANTLINT" check "$ex/clean"
t_contains "summary line" "0 errors"
t_exit 1 "the examples with findings fail" "$GRANTLINT" check "$ex/findings"
t_contains "findings carry path:line:col" "findings/"
t_exit 0 "plain 'grantlint PATH' is check" "$GRANTLINT" "$ex/clean"

# Discovery: *.grant.* anywhere, any YAML/JSON under grants/, nothing else.
mkdir -p "$T_TMP/tree/grants/team" "$T_TMP/tree/other" "$T_TMP/tree/.git"
printf 'GrantType: x\n' > "$T_TMP/tree/grants/team/a.yaml"
printf '{}' > "$T_TMP/tree/other/b.grant.json"
printf 'not: a grant\n' > "$T_TMP/tree/other/c.yaml"
printf 'GrantType: x\n' > "$T_TMP/tree/.git/d.grant.yaml"
cd "$T_TMP/tree" || exit 1
t_exit 1 "discovery" "$GRANTLINT" check --format json
t_contains "grants/ folder found" '"path":"grants/team/a.yaml"'
t_contains "*.grant.json found" '"path":"other/b.grant.json"'
t_lacks "plain YAML elsewhere skipped" "c.yaml"
t_lacks ".git skipped" "d.grant.yaml"
t_contains "files counted" '"files":2'
t_exit 1 "a file named explicitly is linted whatever its name" "$GRANTLINT" check other/c.yaml
t_contains "explicit file" "other/c.yaml:1:1"
cd - >/dev/null || exit 1

# JSON report shape.
t_exit 1 "json format" "$GRANTLINT" check --format json "$ex/findings"
if command -v python3 >/dev/null 2>&1; then
	printf '%s' "$T_OUT" > "$T_TMP/report.json"
	python3 - "$T_TMP/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["version"] == 1 and r["tool"]["name"] == "grantlint"
assert set(r["summary"]) == {"files", "errors", "warnings", "infos"}
assert r["diagnostics"], "no diagnostics"
keys = {"path", "line", "column", "end_line", "end_column", "rule", "name",
        "severity", "message", "pointer", "document"}
for d in r["diagnostics"]:
    assert set(d) == keys, d
    assert d["pointer"] == "" or d["pointer"].startswith("/")
order = [(d["path"], d["line"], d["column"]) for d in r["diagnostics"]]
assert order == sorted(order), "not sorted"
PY
	if [ $? -eq 0 ]; then t_ok; else t_fail "json report shape"; fi
fi

# --output and several outputs at once.
t_exit 1 "two outputs" "$GRANTLINT" check --format text --format "json:$T_TMP/out.json" "$ex/findings"
t_contains "text went to stdout" "error:"
if grep -q '"diagnostics"' "$T_TMP/out.json"; then t_ok; else t_fail "json went to the file"; fi
t_exit 1 "--output" "$GRANTLINT" check --format json --output "$T_TMP/o2.json" "$ex/findings"
if grep -q '"diagnostics"' "$T_TMP/o2.json"; then t_ok; else t_fail "--output file"; fi

# Colour: never by default into a pipe; always, FORCE_COLOR and NO_COLOR.
esc=$(printf '\033')
t_exit 1 "no colour in a pipe" "$GRANTLINT" check "$ex/findings"
t_lacks "no colour in a pipe" "$esc["
t_exit 1 "--color=always" "$GRANTLINT" check --color=always "$ex/findings"
t_contains "--color=always" "$esc["
t_exit 1 "FORCE_COLOR" env FORCE_COLOR=1 "$GRANTLINT" check "$ex/findings"
t_contains "FORCE_COLOR" "$esc["
t_exit 1 "NO_COLOR wins over FORCE_COLOR" env NO_COLOR=1 FORCE_COLOR=1 "$GRANTLINT" check "$ex/findings"
t_lacks "NO_COLOR" "$esc["

# Rule selection and size limit.
t_exit 0 "--disable all findings' rules" "$GRANTLINT" check --disable GL0xx,GL1xx,GL2xx,GL3xx,GL4xx,GL5xx "$ex/findings"
t_exit 1 "--max-file-size" "$GRANTLINT" check --max-file-size 10 "$ex/clean"
t_contains "--max-file-size finding" "GL005"
t_exit 2 "bad --max-file-size" "$GRANTLINT" check --max-file-size lots "$ex/clean"

# Bad input never crashes and always gets a position.
printf '\377\376x\000y' > "$T_TMP/bin.grant.yaml"
t_exit 1 "binary input" "$GRANTLINT" check "$T_TMP/bin.grant.yaml"
t_contains "binary input positioned" "bin.grant.yaml:1:1: error"

t_finish
