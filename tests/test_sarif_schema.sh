#!/bin/sh
# test_sarif_schema.sh - grantlint's SARIF validates against the SARIF 2.1.0
# JSON schema (tests/data/sarif/sarif-schema-2.1.0.json, see tests/data/sarif/SOURCE.md):
# the golden reports, and a fresh run on the fixture examples. Needs python3
# with jsonschema (Debian: python3-jsonschema); skipped (77) without it.
. "${top_srcdir}/tests/lib.sh"

if ! python3 -c 'import jsonschema' 2>/dev/null; then
	echo "SKIP: python3 has no jsonschema module (apt-get install python3-jsonschema)"
	exit 77
fi

(cd "$top_srcdir/fixtures/examples" && "$GRANTLINT" check -f sarif findings clean) >"$T_TMP/examples.sarif"
t_equal "the examples have findings" 1 "$?"

t_exit 0 "SARIF validates against the 2.1.0 schema" python3 -c '
import json, sys, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
validator = jsonschema.validators.validator_for(schema)(schema)
validator.check_schema(schema)
bad = 0
for name in sys.argv[2:]:
    log = json.load(open(name, encoding="utf-8"))
    for error in validator.iter_errors(log):
        bad += 1
        print("%s: %s at %s" % (name, error.message, "/".join(map(str, error.absolute_path))))
    if not log["runs"][0]["results"]:
        bad += 1
        print("%s: no results to validate" % name)
sys.exit(1 if bad else 0)
' "$top_srcdir/tests/data/sarif/sarif-schema-2.1.0.json" "$T_TMP/examples.sarif" \
	"$top_srcdir/tests/golden/run/report.sarif" "$top_srcdir/tests/golden/cli/check.sarif"

# The validator notices a broken log (the test can fail).
python3 -c '
import json, sys
log = json.load(open(sys.argv[1], encoding="utf-8"))
log["runs"][0]["results"][0]["level"] = "fatal"
json.dump(log, open(sys.argv[2], "w"))
' "$T_TMP/examples.sarif" "$T_TMP/broken.sarif"
t_exit 1 "a wrong level fails the schema" python3 -c '
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.validators.validator_for(schema)(schema).validate(json.load(open(sys.argv[2])))
' "$top_srcdir/tests/data/sarif/sarif-schema-2.1.0.json" "$T_TMP/broken.sarif"

t_finish
