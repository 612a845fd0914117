#!/bin/sh
# test_report.sh - every output format on a real fixture tree (tests/golden/tree:
# errors, warnings, a clean file, a nested folder, a path with spaces, CRLF,
# repeated lines), compared with tests/golden/cli/check.<format> with the package
# version written as @VERSION@. GRANTLINT_UPDATE_FIXTURES=1 rewrites them.
# Also: several outputs at once, the GitHub Actions default, thresholds, and
# that each machine format parses (JSON, XML).
. "${top_srcdir}/tests/lib.sh"

golden="$top_srcdir/tests/golden"
version=$("$GRANTLINT" --version | awk '{print $NF}')
normalise() { sed "s/\"$version\"/\"@VERSION@\"/g"; }

for format in text json sarif github gitlab junit; do
	want="$golden/cli/check.$format"
	(cd "$golden" && env -u GITHUB_ACTIONS "$GRANTLINT" check --format "$format" tree) \
		>"$T_TMP/raw.$format" 2>"$T_TMP/err"
	got=$?
	t_equal "$format: exit status" 1 "$got"
	t_equal "$format: nothing on stderr" "" "$(cat "$T_TMP/err")"
	normalise <"$T_TMP/raw.$format" >"$T_TMP/check.$format"
	if [ "${GRANTLINT_UPDATE_FIXTURES:-}" = 1 ]; then
		cp "$T_TMP/check.$format" "$want"
	fi
	if diff -u "$want" "$T_TMP/check.$format" >"$T_TMP/diff"; then t_ok; else
		t_fail "$format: output differs from $want"
		head -40 "$T_TMP/diff" | sed 's/^/    /'
	fi
done

# The machine formats parse, and the files of the run are all there.
t_exit 0 "json and SARIF parse" python3 -c '
import json, sys
for name in sys.argv[1:]:
    json.load(open(name, encoding="utf-8"))
' "$T_TMP/check.json" "$T_TMP/check.sarif" "$T_TMP/check.gitlab" \
	"$golden/run/report.json" "$golden/run/report.sarif" "$golden/run/report.gitlab"
t_exit 0 "JUnit parses; one suite per file, clean ones too" python3 -c '
import sys, xml.etree.ElementTree as ET
for name, files in ((sys.argv[1], 7), (sys.argv[2], 6)):
    root = ET.parse(name).getroot()
    suites = root.findall("testsuite")
    assert len(suites) == files, (name, len(suites))
    assert any(s.get("failures") == "0" for s in suites), name
    assert sum(len(s.findall("testcase")) for s in suites) == int(root.get("tests")), name
    assert sum(len(s.findall("testcase/failure")) for s in suites) == int(root.get("failures")), name
' "$T_TMP/check.junit" "$golden/run/report.junit"
t_exit 0 "SARIF: a space is %20 in the uri, every result has a line hash" python3 -c '
import json, sys
log = json.load(open(sys.argv[1], encoding="utf-8"))
results = log["runs"][0]["results"]
uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
assert "tree/grants/team%20a/web%20app.yaml" in uris, uris
assert all(" " not in u for u in uris)
for r in results:
    region = r["locations"][0]["physicalLocation"]["region"]
    assert region["endColumn"] > 0
    assert (region["endLine"], region["endColumn"]) > (region["startLine"], region["startColumn"])
    assert ":" in r["partialFingerprints"]["primaryLocationLineHash"]
' "$T_TMP/check.sarif"

# Several outputs at once: text to the terminal, SARIF and JUnit to files.
cd "$golden" || exit 1
t_exit 1 "text and SARIF at once" "$GRANTLINT" check --format text \
	--format "sarif:$T_TMP/both.sarif" -f "junit:$T_TMP/both.junit" tree
t_contains "text and SARIF at once: text on stdout" "tree/crlf.grant.yaml:6:3: error:"
t_lacks "text and SARIF at once: no SARIF on stdout" '"$schema"'
t_equal "text and SARIF at once: the SARIF file" "$(normalise <"$T_TMP/raw.sarif")" \
	"$(normalise <"$T_TMP/both.sarif")"
t_equal "text and SARIF at once: the JUnit file" "$(cat "$T_TMP/raw.junit")" \
	"$(cat "$T_TMP/both.junit")"

# Under GitHub Actions the default is annotations; an explicit format wins.
t_exit 1 "GITHUB_ACTIONS=true picks github" env GITHUB_ACTIONS=true "$GRANTLINT" check tree
t_contains "GITHUB_ACTIONS=true picks github" "::error file=tree/broken.grant.json,line=1,"
t_exit 1 "GITHUB_ACTIONS=true with --format text" env GITHUB_ACTIONS=true "$GRANTLINT" check -f text tree
t_lacks "GITHUB_ACTIONS=true with --format text" "::error"
t_exit 1 "GITHUB_ACTIONS=true with --output" env GITHUB_ACTIONS=true "$GRANTLINT" check -o "$T_TMP/o.txt" tree
t_equal "GITHUB_ACTIONS=true with --output writes text" "tree/broken.grant.json:1:61:" \
	"$(head -1 "$T_TMP/o.txt" | cut -d' ' -f1)"
t_exit 1 "GITHUB_ACTIONS=false keeps text" env GITHUB_ACTIONS=false "$GRANTLINT" check tree
t_contains "GITHUB_ACTIONS=false keeps text" "tree/broken.grant.json:1:61: error:"

# Thresholds: tree/grants/warnings.yaml has two warnings and no error.
w=tree/grants/warnings.yaml
t_exit 0 "warnings alone pass by default" "$GRANTLINT" check -q $w
t_exit 1 "--fail-on warning fails on warnings" "$GRANTLINT" check -q --fail-on warning $w
t_exit 0 "--max-warnings 2 allows two" "$GRANTLINT" check -q --max-warnings 2 $w
t_exit 1 "--max-warnings 1 does not allow two" "$GRANTLINT" check -q --max-warnings 1 $w
t_exit 1 "--max-warnings applies under --fail-on never" \
	"$GRANTLINT" check -q --fail-on never --max-warnings 0 $w
t_exit 0 "--fail-on never passes warnings" "$GRANTLINT" check -q --fail-on never $w
t_exit 0 "--fail-on never" "$GRANTLINT" check -q --fail-on never tree
t_exit 1 "--fail-on warning with errors" "$GRANTLINT" check -q --fail-on warning tree
t_exit 1 "--fail-on error" "$GRANTLINT" check -q --fail-on error tree
t_exit 0 "--fail-on warning on a clean file" "$GRANTLINT" check -q --fail-on warning tree/clean.grant.yaml
t_exit 0 "--max-warnings 0 on a clean file" "$GRANTLINT" check -q --max-warnings 0 tree/clean.grant.yaml
t_exit 2 "--fail-on with a bad level" "$GRANTLINT" check --fail-on sometimes tree
t_contains "--fail-on with a bad level" "--fail-on takes error, warning or never, not 'sometimes'"
t_exit 2 "--max-warnings with a bad count" "$GRANTLINT" check --max-warnings -3 tree
t_contains "--max-warnings with a bad count" "--max-warnings takes a count"
t_exit 3 "an unreadable input still exits 3 under --fail-on never" \
	"$GRANTLINT" check -q --fail-on never tree/no-such-file.yaml
t_exit 0 "--help lists the formats and options" "$GRANTLINT" check --help
for word in sarif github gitlab junit --fail-on --max-warnings GITHUB_ACTIONS; do
	t_contains "--help mentions $word" "$word"
done

# The CI examples: their grantlint commands work here, and the README shows
# the same lines as hooks/ci (every YAML line of its snippets is in the file).
t_exit 1 "the GitHub workflow's push command" "$GRANTLINT" check --format github \
	--format "sarif:$T_TMP/grantlint.sarif" tree
t_contains "the GitHub workflow's push command" "::error file=tree/crlf.grant.yaml,line=6,"
t_equal "the GitHub workflow's SARIF" "$(normalise <"$T_TMP/raw.sarif")" \
	"$(normalise <"$T_TMP/grantlint.sarif")"
t_exit 1 "the GitLab job's command" "$GRANTLINT" check --format text \
	--format "gitlab:$T_TMP/gl-code-quality-report.json" --format "junit:$T_TMP/grantlint-junit.xml" tree
t_equal "the GitLab job's Code Quality report" "$(cat "$T_TMP/raw.gitlab")" \
	"$(cat "$T_TMP/gl-code-quality-report.json")"
for ci in github-actions gitlab-ci; do
	missing=$(awk -v ci="$ci" '
		/^### GitHub Actions/ { f = (ci == "github-actions") }
		/^### GitLab CI/ { f = (ci == "gitlab-ci") }
		/^## Rules/ { f = 0 }
		f && /^```yaml/ { b = 1; next }
		b && /^```/ { b = 0 }
		b && !/^ *# \.\.\./ { print }' "$top_srcdir/README.md" |
		while IFS= read -r line; do
			grep -F -x -q -- "$line" "$top_srcdir/hooks/ci/$ci.yml" || echo "$line"
		done)
	t_equal "README's $ci lines are in hooks/ci/$ci.yml" "" "$missing"
done

t_finish
