#!/bin/sh
# test_config.sh - .grantlint.yaml as a user meets it: discovery, --config,
# --no-config, include/exclude, rules, limits, invalid configurations with
# their positions, config --show, and baselines.
. "$(dirname "$0")/lib.sh"

ARN=arn:aws:sso::123456789012:application/ssoins-72236d2b4d8c5e1f/apl-5f2a9c1d7e3b4a60
grant() { # grant FILE GRANT_TYPE: a clean grant of that type
	mkdir -p "$(dirname "$1")"
	case $2 in
	refresh_token) printf 'ApplicationArn: %s\nGrantType: refresh_token\nGrant:\n  RefreshToken: {}\n' "$ARN" > "$1" ;;
	*) printf 'ApplicationArn: %s\nGrantType: authorization_code\nGrant:\n  AuthorizationCode:\n    RedirectUris: [https://app.example.com/cb]\n' "$ARN" > "$1" ;;
	esac
}

# ---- the commands and rules this adds are listed ---------------------------
t_exit 0 "--help" "$GRANTLINT" --help
t_contains "--help lists config" "config"
t_contains "--help lists baseline" "baseline"
t_exit 0 "rules" "$GRANTLINT" rules
for code in GL081 GL082 GL901 GL902 GL903 GL904 GL905; do
	t_contains "rules lists $code" "$code"
done
t_exit 0 "explain a policy rule" "$GRANTLINT" explain grant-type-not-allowed
t_contains "policy rule documented" "policy.grant_types.allowed"
t_exit 2 "baseline without write" "$GRANTLINT" baseline

# ---- discovery up the tree, stopping at the repository root -------------
R="$T_TMP/repo"
mkdir -p "$R/.git" "$R/teams/a/grants/deep"
grant "$R/teams/a/grants/deep/x.yaml" refresh_token
printf 'policy:\n  grant_types:\n    allowed: [authorization_code]\n' > "$R/.grantlint.yaml"
cd "$R/teams/a" || exit 1
t_exit 1 "a configuration two folders up applies" "$GRANTLINT" check grants
t_contains "policy finding" "grants/deep/x.yaml:2:12: error: grant type 'refresh_token' is not allowed here by policy.grant_types.allowed (set at ../../.grantlint.yaml:3)"
printf 'policy:\n  grant_types:\n    allowed: [refresh_token]\n' > "$R/teams/.grantlint.yaml"
t_exit 0 "the nearest configuration wins" "$GRANTLINT" check grants
t_exit 1 "--config FILE replaces discovery" "$GRANTLINT" check --config "$R/.grantlint.yaml" grants
t_contains "--config named in the finding" "set at $R/.grantlint.yaml:3"
rm "$R/teams/.grantlint.yaml"
t_exit 0 "--no-config" "$GRANTLINT" check --no-config grants
t_exit 2 "--config with --no-config" "$GRANTLINT" check --no-config --config "$R/.grantlint.yaml" grants
t_exit 2 "--config of a missing file" "$GRANTLINT" check --config "$T_TMP/none.yaml" grants
t_contains "missing --config explained" "cannot read configuration"
# A configuration above the repository root is not used.
mkdir -p "$T_TMP/outer/inner/.git" "$T_TMP/outer/inner/grants"
printf 'policy: {grant_types: {allowed: [authorization_code]}}\n' > "$T_TMP/outer/.grantlint.yaml"
grant "$T_TMP/outer/inner/grants/x.yaml" refresh_token
t_exit 0 "discovery stops at the repository root" "$GRANTLINT" check "$T_TMP/outer/inner"
cd - >/dev/null || exit 1

# A configuration (and a baseline) inside a grants/ folder is not a grant.
G="$T_TMP/ingrants"
mkdir -p "$G/.git" "$G/grants"
grant "$G/grants/x.yaml" authorization_code
printf 'rules: {GL102: warning}\n' > "$G/grants/.grantlint.yaml"
printf '{"version": 1, "findings": []}\n' > "$G/grants/.grantlint-baseline.json"
t_exit 0 "configuration files are not linted as grants" "$GRANTLINT" check --format json "$G"
t_contains "one grant file" '"files":1'

# ---- include / exclude, also for files named on the command line --------
I="$T_TMP/incl"
mkdir -p "$I/.git"
printf 'include: ["grants/**"]\nexclude: ["grants/generated/**", "*.draft.yaml"]\n' > "$I/.grantlint.yaml"
printf 'GrantType: [broken\n' > "$T_TMP/broken"
mkdir -p "$I/grants/generated" "$I/other/grants"
cp "$T_TMP/broken" "$I/grants/generated/x.yaml"
cp "$T_TMP/broken" "$I/grants/y.draft.yaml"
cp "$T_TMP/broken" "$I/other/grants/z.yaml"
grant "$I/grants/ok.yaml" authorization_code
cd "$I" || exit 1
t_exit 0 "excluded files are not linted" "$GRANTLINT" check --format json .
t_contains "one file linted" '"files":1'
t_exit 0 "exclude applies to files named explicitly" "$GRANTLINT" check grants/generated/x.yaml grants/y.draft.yaml other/grants/z.yaml
t_exit 1 "--no-config lints them" "$GRANTLINT" check --no-config grants/generated/x.yaml
cd - >/dev/null || exit 1

# ---- rules and limits ----------------------------------------------------
L="$T_TMP/rules"
mkdir -p "$L/.git" "$L/grants"
printf 'ApplicationArn: %s\nGrantType: authorization_code\nGrant:\n  AuthorizationCode:\n    RedirectURIs: [https://a.example.com/cb]\n' "$ARN" > "$L/grants/x.yaml"
printf 'rules:\n  GL1xx: warning\n' > "$L/.grantlint.yaml"
t_exit 0 "a family made warnings" "$GRANTLINT" check "$L"
t_contains "severity override" "warning: unknown key 'RedirectURIs'"
printf 'rules:\n  unknown-key: off\n  missing-required-field: false\n' > "$L/.grantlint.yaml"
t_exit 0 "rules turned off by name" "$GRANTLINT" check "$L"
t_lacks "GL102 off" "GL102"
printf 'rules:\n  all: off\n  GL102: on\n' > "$L/.grantlint.yaml"
t_exit 1 "later entries win" "$GRANTLINT" check "$L"
t_contains "GL102 back on" "GL102"
t_lacks "GL101 stays off" "GL101"
t_exit 0 "--disable narrows the configuration" "$GRANTLINT" check --disable GL102 "$L"
printf 'limits:\n  max_file_size: 64\n' > "$L/.grantlint.yaml"
t_exit 1 "limits.max_file_size" "$GRANTLINT" check "$L"
t_contains "size limit from the configuration" "GL005"

# ---- invalid configurations: file:line:col, exit 2 ----------------------
bad() { # bad DESCRIPTION EXPECTED-TEXT: the configuration in $T_TMP/bad/.grantlint.yaml is refused
	t_exit 2 "$1" "$GRANTLINT" check "$T_TMP/bad"
	t_contains "$1" "$2"
}
mkdir -p "$T_TMP/bad/.git" "$T_TMP/bad/grants"
grant "$T_TMP/bad/grants/x.yaml" authorization_code
cd "$T_TMP" || exit 1
printf 'polcy:\n  grant_types: {}\n' > bad/.grantlint.yaml
bad "unknown top-level key" "bad/.grantlint.yaml:1:1: error: unknown key 'polcy' in the configuration; did you mean 'policy'?"
printf 'policy:\n  redirect_uris:\n    allowed_host: [a]\n' > bad/.grantlint.yaml
bad "unknown nested key" "bad/.grantlint.yaml:3:5: error: unknown key 'allowed_host' in policy.redirect_uris; did you mean 'allowed_hosts'?"
printf 'policy:\n  audiences:\n    allowed:\n      - "^api://(corp"\n' > bad/.grantlint.yaml
bad "invalid regular expression" "bad/.grantlint.yaml:4:22: error: invalid regular expression in policy.audiences.allowed: missing closing parenthesis at offset 12 of '^api://(corp'"
printf 'policy:\n  redirect_uris:\n    max_count: many\n' > bad/.grantlint.yaml
bad "wrong type" "bad/.grantlint.yaml:3:16: error: policy.redirect_uris.max_count must be a whole number of at least 1; found many"
printf 'policy:\n  redirect_uris:\n    allow_http: yes\n' > bad/.grantlint.yaml
bad "YAML 1.1 booleans are strings" "bad/.grantlint.yaml:3:17: error: policy.redirect_uris.allow_http must be true or false; found a string"
printf 'policy:\n  grant_types:\n    allowed: [authorisation_code]\n' > bad/.grantlint.yaml
bad "unknown grant type" "bad/.grantlint.yaml:3:15: error: unknown grant type 'authorisation_code'; did you mean 'authorization_code'?"
printf 'rules:\n  GL9999: off\n' > bad/.grantlint.yaml
bad "unknown rule" "bad/.grantlint.yaml:2:3: error: no rule matches 'GL9999'"
printf 'rules:\n  GL102: loud\n' > bad/.grantlint.yaml
bad "bad rule value" "bad/.grantlint.yaml:2:10: error: a rule takes on, off"
printf 'overrides:\n  - rules: {GL102: off}\n' > bad/.grantlint.yaml
bad "override without files" "bad/.grantlint.yaml:2:5: error: an override needs 'files'"
printf 'ignore:\n  - files: [x]\n    pointer: Grant\n    rule: GL102\n' > bad/.grantlint.yaml
bad "ignore pointer" "bad/.grantlint.yaml:3:14: error: pointer must be a JSON Pointer"
printf 'policy: [a\n' > bad/.grantlint.yaml
bad "YAML syntax error" "bad/.grantlint.yaml:2:1: error: YAML syntax error"
printf -- '- a\n- b\n' > bad/.grantlint.yaml
bad "not a mapping" "bad/.grantlint.yaml:1:3: error: the configuration must be a mapping"
printf 'policy: {}\npolicy: {}\n' > bad/.grantlint.yaml
bad "duplicate key" "bad/.grantlint.yaml:2:1: error:"
t_exit 2 "config --show refuses it too" "$GRANTLINT" config --show bad/grants/x.yaml
t_contains "config --show position" "bad/.grantlint.yaml:2:1: error:"
: > bad/.grantlint.yaml
t_exit 0 "an empty configuration is valid" "$GRANTLINT" check bad
cd - >/dev/null || exit 1

# ---- configured ignore entries: reasons and staleness ---------------------
J="$T_TMP/ignore"
mkdir -p "$J/.git" "$J/grants"
printf '{"ApplicationArn": "%s", "GrantType": "authorization_code",\n "Grant": {"AuthorizationCode": {"RedirectUris": ["https://a.example.com/cb"], "Scopes": []}}}\n' "$ARN" > "$J/grants/app.json"
printf 'ignore:\n  - files: ["grants/*.json"]\n    rule: unknown-key\n    pointer: /Grant/AuthorizationCode/Scopes\n' > "$J/.grantlint.yaml"
t_exit 0 "an ignore entry hides a JSON finding" "$GRANTLINT" check "$J"
t_contains "its missing reason is a warning" ".grantlint.yaml:3:11: warning: ignore entry for unknown-key gives no reason"
printf 'rules: {GL081: off}\nignore:\n  - files: ["grants/*.json"]\n    rule: unknown-key\n    pointer: /Grant/AuthorizationCode/RedirectUris\n    reason: x\n' > "$J/.grantlint.yaml"
t_exit 1 "an entry with another pointer hides nothing" "$GRANTLINT" check "$J"
t_contains "the finding stays" "unknown key 'Scopes'"
t_contains "the entry is unused" ".grantlint.yaml:4:11: warning: unused ignore entry"
t_exit 1 "the same when the file is named" "$GRANTLINT" check "$J/grants/app.json"
printf 'rules: {GL082: off}\nignore:\n  - files: ["grants/*.json"]\n    rule: unknown-key\n    pointer: /Grant/AuthorizationCode/RedirectUris\n' > "$J/.grantlint.yaml"
t_exit 1 "the configuration's rules apply to its own findings" "$GRANTLINT" check "$J"
t_lacks "GL082 off" "GL082"
t_contains "GL081 on" "GL081"

# ---- config --show: values and where they came from ---------------------
S="$T_TMP/show"
mkdir -p "$S/.git" "$S/grants/partners"
cat > "$S/.grantlint.yaml" <<'YAML'
policy:
  redirect_uris:
    max_count: 2
overrides:
  - files: ["grants/partners/**"]
    policy:
      redirect_uris: {max_count: 5}
    rules:
      GL102: warning
YAML
cd "$S" || exit 1
t_exit 0 "config --show" "$GRANTLINT" config --show grants/x.yaml
t_contains "value and origin" "policy.redirect_uris.max_count: 2  # .grantlint.yaml:3"
t_contains "defaults named" "limits.max_depth: 64  # built-in default"
t_exit 0 "config --show under an override" "$GRANTLINT" config --show grants/partners/y.yaml
t_contains "override value wins" "policy.redirect_uris.max_count: 5  # .grantlint.yaml:7"
t_contains "override named" "# override 1 applies (.grantlint.yaml:5)"
t_contains "rule from the override" "GL102 unknown-key: on, warning  # .grantlint.yaml:9"
t_exit 0 "config --show of a folder" "$GRANTLINT" config --show grants/partners
t_contains "folder under the override" "max_count: 5"
t_exit 0 "config --show --no-config" "$GRANTLINT" config --show --no-config grants/x.yaml
t_contains "no configuration" "built-in defaults"
t_exit 2 "config without --show" "$GRANTLINT" config
cd - >/dev/null || exit 1

# The complete example of docs/configuration.md is accepted.
awk '/<!-- example-config/ {f=1; next} f && /^```yaml/ {b=1; next} b && /^```/ {exit} b {print}' \
	"$top_srcdir/docs/configuration.md" > "$T_TMP/example.yaml"
if [ -s "$T_TMP/example.yaml" ]; then t_ok; else t_fail "docs/configuration.md has no example"; fi
t_exit 0 "the documented example is a valid configuration" "$GRANTLINT" config --show --config "$T_TMP/example.yaml" "$T_TMP/grants/partners/x.yaml"
t_contains "example sets the policy" "policy.grant_types.allowed"
for key in include exclude rules policy overrides limits ignore grant_types redirect_uris \
	allowed_hosts allowed_schemes allow_loopback allow_http max_count trusted_token_issuers \
	audiences applications accounts partitions instances max_file_size max_depth \
	max_alias_nodes max_documents max_collection_items unsuppressible; do
	if grep -q "^ *$key:" "$T_TMP/example.yaml" || grep -q "{.*$key:" "$T_TMP/example.yaml"; then t_ok; else
		t_fail "the documented example lacks '$key'"; fi
done

# ---- baseline --------------------------------------------------------------
B="$T_TMP/base"
mkdir -p "$B/.git" "$B/grants"
printf 'ApplicationArn: %s\nGrantType: authorization_code\nGrant:\n  AuthorizationCode:\n    RedirectURIs: [https://a.example.com/cb]\n' "$ARN" > "$B/grants/old.yaml"
cd "$B" || exit 1
t_exit 1 "findings before the baseline" "$GRANTLINT" check
t_exit 0 "baseline write" "$GRANTLINT" baseline write
t_contains "baseline summary" ".grantlint-baseline.json: 2 findings of 1 file recorded"
if grep -q '"line"' .grantlint-baseline.json; then t_fail "the baseline holds line numbers"; else t_ok; fi
if grep -q '"path": "grants/old.yaml", "rule": "GL102", "pointer": "/Grant/AuthorizationCode/RedirectURIs"' .grantlint-baseline.json; then t_ok; else
	t_fail "baseline entry shape"; cat .grantlint-baseline.json; fi
t_exit 0 "the baseline hides old findings" "$GRANTLINT" check --baseline .grantlint-baseline.json
t_contains "hidden counted" "baseline: 2 hidden, 0 fixed"
# Edits elsewhere in the file (lines moved) do not resurface them.
{ printf '# a comment\n\n'; cat grants/old.yaml; } > grants/moved && mv grants/moved grants/old.yaml
t_exit 0 "moved lines stay hidden" "$GRANTLINT" check --baseline .grantlint-baseline.json
# The same rule in another file (another application) is new.
sed 's/apl-5f2a9c1d7e3b4a60/apl-0000000000000001/' grants/old.yaml > grants/new.yaml
t_exit 1 "a new finding of the same rule is not hidden" "$GRANTLINT" check --baseline .grantlint-baseline.json
t_contains "new file reported" "grants/new.yaml:7:5: error: unknown key 'RedirectURIs'"
t_lacks "old file still hidden" "grants/old.yaml"
rm grants/new.yaml
# A second, different offending value in the same file is new too.
printf 'ApplicationArn: %s\nGrantType: authorization_code\nGrant:\n  AuthorizationCode:\n    RedirectURIs: [https://a.example.com/cb]\n    Scope: []\n' "$ARN" > grants/old.yaml
t_exit 1 "a new finding in the same file is not hidden" "$GRANTLINT" check --baseline .grantlint-baseline.json
t_contains "new key reported" "unknown key 'Scope'"
# Fixing a listed finding is reported.
printf 'ApplicationArn: %s\nGrantType: authorization_code\nGrant:\n  AuthorizationCode:\n    RedirectUris: [https://a.example.com/cb]\n' "$ARN" > grants/old.yaml
t_exit 0 "fixed findings" "$GRANTLINT" check --baseline .grantlint-baseline.json
t_contains "fixed counted" "baseline: 0 hidden, 2 fixed"
printf '{"findings": 3}' > broken.json
t_exit 2 "an invalid baseline" "$GRANTLINT" check --baseline broken.json
t_contains "invalid baseline explained" "is not a grantlint baseline"
t_exit 2 "a missing baseline" "$GRANTLINT" check --baseline nope.json
cd - >/dev/null || exit 1

# ---- git modes: the configuration comes from the same source as the grants
W="$T_TMP/gitrepo"
mkdir -p "$W"
cd "$W" || exit 1
git init -q . && git config user.email t@example.com && git config user.name t
printf 'policy:\n  grant_types:\n    allowed: [refresh_token, authorization_code]\n' > .grantlint.yaml
grant grants/a.yaml refresh_token
git add -A && git commit -qm init
# Stage a stricter policy with a change to the grant; weaken it in the working tree only.
printf 'policy:\n  grant_types:\n    allowed: [authorization_code]\n' > .grantlint.yaml
printf '# touched\n' >> grants/a.yaml
git add .grantlint.yaml grants/a.yaml
printf 'policy: {}\n' > .grantlint.yaml
t_exit 1 "--staged applies the staged .grantlint.yaml" "$GRANTLINT" check --staged
t_contains "the staged policy is named" "not allowed here by policy.grant_types.allowed (set at .grantlint.yaml:3); allowed: authorization_code"
t_exit 0 "--rev HEAD applies HEAD's .grantlint.yaml" "$GRANTLINT" check --rev HEAD
# A staged weakening is visible, and it is what applies.
printf 'policy:\n  grant_types:\n    allowed: [refresh_token]\n' > .grantlint.yaml
git add .grantlint.yaml
printf 'policy:\n  grant_types:\n    allowed: [authorization_code]\n' > .grantlint.yaml
t_exit 0 "a staged weakening is what --staged applies" "$GRANTLINT" check --staged
# A configuration in a sub-folder of the index is found too.
mkdir -p grants/team
grant grants/team/b.yaml refresh_token
printf 'policy: {grant_types: {allowed: [authorization_code]}}\n' > grants/team/.grantlint.yaml
git add grants/team
t_exit 1 "discovery in the index" "$GRANTLINT" check --staged
t_contains "the nearer staged configuration" "grants/team/b.yaml:2:12: error: grant type 'refresh_token' is not allowed here by policy.grant_types.allowed (set at grants/team/.grantlint.yaml:1)"
# An invalid staged configuration stops the run with its position.
printf 'polcy: {}\n' > .grantlint.yaml
git add .grantlint.yaml
t_exit 2 "an invalid staged configuration" "$GRANTLINT" check --staged
t_contains "its position" ".grantlint.yaml:1:1: error: unknown key 'polcy'"
cd - >/dev/null || exit 1

t_finish
