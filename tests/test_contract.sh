#!/bin/sh
# test_contract.sh - the PutApplicationGrant contract as a user meets it: the
# examples show every rule family, the clean set shows nothing, and
# `grantlint schema` accepts what lints clean and rejects what the structural
# rules reject.
. "$(dirname "$0")/lib.sh"
ex="$top_srcdir/fixtures/examples"
fx="$top_srcdir/fixtures"

t_exit 0 "rules" "$GRANTLINT" rules
for code in GL105 GL106 GL201 GL202 GL203 GL301 GL302 GL303 GL304 GL305 GL306 GL307 \
	GL308 GL309 GL401 GL402 GL403 GL404 GL405 GL501; do
	t_contains "rules lists $code" "$code"
done
t_exit 0 "explain GL501" "$GRANTLINT" explain conflicting-grant
t_contains "explain shows the reference" "Reference"

# The clean examples: no finding of any severity.
t_exit 0 "clean examples" "$GRANTLINT" check --format json "$ex/clean"
t_contains "clean examples: no errors" '"errors":0'
t_contains "clean examples: no warnings" '"warnings":0'
t_contains "clean examples: no infos" '"infos":0'

# The findings examples: every rule family at least once.
t_exit 1 "findings examples" "$GRANTLINT" check --format json "$ex/findings"
for family in GL0 GL1 GL2 GL3 GL4 GL5; do
	t_contains "findings show $family" "\"rule\":\"$family"
done

# The schema command.
t_exit 0 "schema" "$GRANTLINT" schema
printf '%s\n' "$T_OUT" > "$T_TMP/schema.json"
t_contains "schema is draft 2020-12" '"$schema":	"https://json-schema.org/draft/2020-12/schema"'
t_exit 0 "schema --help" "$GRANTLINT" schema --help
t_contains "schema --help shows the editor line" "yaml-language-server"
t_exit 2 "schema takes no arguments" "$GRANTLINT" schema extra

if ! python3 -c 'import jsonschema, yaml' 2>/dev/null; then
	t_fail "python3-jsonschema and python3-yaml are needed to validate the schema (apt-get install python3-jsonschema python3-yaml)"
	t_finish
	exit 1
fi

# Which files lint with no error at all: each must validate against the schema.
# Bad files of the rules the schema expresses must not validate.
find "$fx" -path "$fx/examples" -prune -o -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -print |
	sort | while read -r f; do
		if "$GRANTLINT" check -q --disable GL5xx "$f" >/dev/null 2>&1; then
			echo "clean $f"
		fi
	done > "$T_TMP/clean.txt"
find "$ex/clean" -type f | sed 's/^/clean /' >> "$T_TMP/clean.txt"
for code in GL101 GL102 GL103 GL104 GL105 GL106 GL201 GL309 GL401 GL403; do
	for f in "$fx/$code"-*/bad-*; do
		case "$f" in *.expected) ;; *) echo "reject $f" ;; esac
	done
done >> "$T_TMP/clean.txt"

python3 - "$T_TMP/schema.json" "$T_TMP/clean.txt" > "$T_TMP/validate.out" 2>&1 <<'PY'
import json, sys, yaml
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1]))
Draft202012Validator.check_schema(schema)
v = Draft202012Validator(schema)
accepted = rejected = 0
bad = []
for line in open(sys.argv[2]):
    want, path = line.rstrip("\n").split(" ", 1)
    try:
        text = open(path, encoding="utf-8-sig").read()
        docs = [json.loads(text)] if path.endswith(".json") else [d for d in yaml.safe_load_all(text) if d is not None]
    except Exception as e:  # not loadable at all: rejected before any schema
        docs, errors = None, ["not loadable: %s" % str(e).splitlines()[0]]
    if docs is not None:
        errors = [e.message for d in docs for e in v.iter_errors(d)]
    if want == "clean" and errors:
        bad.append("%s should validate: %s" % (path, errors[0]))
    elif want == "reject" and not errors:
        bad.append("%s should not validate" % path)
    accepted += want == "clean"
    rejected += want == "reject"
for b in bad:
    print("FAIL:", b)
print("schema: %d files accepted, %d rejected as expected, %d wrong" % (accepted - sum(1 for b in bad if "should validate" in b), rejected - sum(1 for b in bad if "should not" in b), len(bad)))
sys.exit(1 if bad or accepted < 20 or rejected < 20 else 0)
PY
if [ $? -eq 0 ]; then t_ok; else t_fail "schema validation"; fi
cat "$T_TMP/validate.out"

t_finish
