#!/bin/sh
# test_sender.sh - grantlint plan and submit against tests/aws_test_endpoint.py.
#
# The endpoint runs on 127.0.0.1 with a free port, checks every request's
# SigV4 signature with its own code and injects faults on request. Every
# command's output (stdout and stderr) is kept, and the last check is that
# no secret key and no session token appears in any of it.
. "$(dirname "$0")/lib.sh"
PYTHON3=${PYTHON3:-python3}
# Resolve the interpreter once: version-manager shims cost half a second a call.
PYTHON3=$("$PYTHON3" -c 'import sys; print(sys.executable)') || exit 1
ENDPOINT_PY="$top_srcdir/tests/aws_test_endpoint.py"
ALL_OUTPUT="$T_TMP/all-output.txt"
: > "$ALL_OUTPUT"

# Isolate from the caller's AWS set-up.
for v in $(env | sed -n 's/^\(AWS_[A-Z_]*\)=.*/\1/p'); do unset "$v"; done
export HOME="$T_TMP/home"
mkdir -p "$HOME/.aws"
# Test hook (honoured for loopback endpoints only): 1 ms backoff base.
export GRANTLINT_RETRY_BASE_MS=1

APP=arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-2222222222222222
APP_GONE=arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-9999999999999999
APP_OFF=arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-3333333333333333
TTI=arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-1111111111111111/tti-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d
TTI_GONE=arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-1111111111111111/tti-ffffffff-4e5f-6a7b-8c9d-0e1f2a3b4c5d

# Every secret and token used below; none may ever be printed.
SECRET_ENV=envSECRETenvSECRETenvSECRET000000000000
SECRET_CRED=credSECRETcredSECRETcredSECRET00000000
SECRET_CONF=confSECRETconfSECRETconfSECRET00000000
SECRET_PROC=procSECRETprocSECRETprocSECRET00000000
TOKEN_ENV=envTOKENenvTOKENenvTOKEN
TOKEN_PROC=procTOKENprocTOKENprocTOKEN

# run WANT DESC CMD...: t_exit, keeping the output for the secret check.
run() {
	t_exit "$@"
	printf '%s\n' "$T_OUT" >> "$ALL_OUTPUT"
}

write_seed() {
	cat > "$T_TMP/seed.json" <<EOF
{"region": "us-east-1",
 "page_size": 2,
 "credentials": [
  {"access_key_id": "AKIDENV", "secret_access_key": "$SECRET_ENV"},
  {"access_key_id": "AKIDENVTOKEN", "secret_access_key": "$SECRET_ENV", "session_token": "$TOKEN_ENV"},
  {"access_key_id": "AKIDCRED", "secret_access_key": "$SECRET_CRED"},
  {"access_key_id": "AKIDCONF", "secret_access_key": "$SECRET_CONF"},
  {"access_key_id": "AKIDPROC", "secret_access_key": "$SECRET_PROC", "session_token": "$TOKEN_PROC"}],
 "applications": [
  {"ApplicationArn": "$APP", "Name": "web", "Status": "ENABLED"},
  {"ApplicationArn": "$APP_OFF", "Name": "off", "Status": "DISABLED"}],
 "trusted_token_issuers": [{"TrustedTokenIssuerArn": "$TTI", "Name": "idp"}],
 "grants": [
  {"ApplicationArn": "$APP", "GrantType": "authorization_code",
   "Grant": {"AuthorizationCode": {"RedirectUris": ["https://app.example.com/callback"]}}},
  {"ApplicationArn": "$APP", "GrantType": "refresh_token", "Grant": {"RefreshToken": {}}},
  {"ApplicationArn": "$APP", "GrantType": "urn:ietf:params:oauth:grant-type:token-exchange",
   "Grant": {"TokenExchange": {}}}]}
EOF
}

ENDPOINT_PID=
start_endpoint() {
	stop_endpoint
	rm -f "$T_TMP/port"
	"$PYTHON3" "$ENDPOINT_PY" "$T_TMP/seed.json" --port-file "$T_TMP/port" "$@" >/dev/null 2>"$T_TMP/endpoint.err" &
	ENDPOINT_PID=$!
	i=0
	while [ ! -s "$T_TMP/port" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	PORT=$(cat "$T_TMP/port")
	URL="http://127.0.0.1:$PORT"
}
stop_endpoint() {
	if [ -n "$ENDPOINT_PID" ]; then
		kill "$ENDPOINT_PID" 2>/dev/null
		wait "$ENDPOINT_PID" 2>/dev/null
		ENDPOINT_PID=
	fi
}
trap 'stop_endpoint; rm -rf "$T_TMP"' EXIT

# ctl PATH [JSON]: the endpoint's control interface.
ctl() {
	"$PYTHON3" - "$URL$1" "${2-}" <<'PY'
import sys, urllib.request
url, body = sys.argv[1], sys.argv[2]
req = urllib.request.Request(url, data=body.encode() if body else None)
print(urllib.request.urlopen(req).read().decode())
PY
}
faults() { ctl /__control "{\"faults\": $1}" >/dev/null; }
# count OPERATION: requests of that operation the endpoint received.
# With no OPERATION: every request.
count() {
	"$PYTHON3" -c '
import json, sys, urllib.request
log = json.load(urllib.request.urlopen(sys.argv[1] + "/__control/log"))
print(sum(1 for r in log["requests"] if len(sys.argv) < 3 or r["operation"] == sys.argv[2]))' "$URL" "$@"
}

# The grant files: one update, one unchanged, one create (JwtBearer).
G="$T_TMP/grants"
mkdir -p "$G"
cat > "$G/web.yaml" <<EOF
ApplicationArn: $APP
GrantType: authorization_code
Grant:
  AuthorizationCode:
    RedirectUris:
      - https://app.example.com/callback
      - https://app.example.com/signin
EOF
cat > "$G/refresh.yaml" <<EOF
ApplicationArn: $APP
GrantType: refresh_token
Grant:
  RefreshToken: {}
EOF
cat > "$G/jwt.json" <<EOF
{"ApplicationArn": "$APP",
 "GrantType": "urn:ietf:params:oauth:grant-type:jwt-bearer",
 "Grant": {"JwtBearer": {"AuthorizedTokenIssuers": [
   {"TrustedTokenIssuerArn": "$TTI", "AuthorizedAudiences": ["api"]}]}}}
EOF

use_env_creds() {
	export AWS_ACCESS_KEY_ID=AKIDENV AWS_SECRET_ACCESS_KEY=$SECRET_ENV AWS_REGION=us-east-1
	unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_REGION 2>/dev/null || true
}
clear_env_creds() {
	unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE \
		AWS_REGION AWS_DEFAULT_REGION 2>/dev/null || true
}

write_seed
start_endpoint
t_equal "the test endpoint started" "yes" "$([ -n "$PORT" ] && echo yes)"
use_env_creds

# ---- plan against the seeded store ---------------------------------------------
run 0 "plan" "$GRANTLINT" plan --endpoint-url "$URL" "$G"
t_contains "plan: create" "create        urn:ietf:params:oauth:grant-type:jwt-bearer  $APP  ("
t_contains "plan: update" "update        authorization_code  $APP  ("
t_contains "plan: field diff" '~ Grant.AuthorizationCode.RedirectUris: ["https://app.example.com/callback"] -> ["https://app.example.com/callback", "https://app.example.com/signin"]'
t_contains "plan: unchanged" "unchanged     refresh_token  $APP  ("
# token-exchange is on the second ListApplicationGrants page (page size 2)
t_contains "plan: not in files (second page)" "not in files  urn:ietf:params:oauth:grant-type:token-exchange  $APP"
t_contains "plan: summary" "Plan: 1 to create, 1 to update, 1 unchanged, 1 not in files."
t_contains "plan says where it sent" "endpoint $URL (--endpoint-url), region us-east-1 (from AWS_REGION), credentials from environment variables"
t_equal "plan followed NextToken" 2 "$(count ListApplicationGrants)"
t_equal "plan checked the application" 1 "$(count DescribeApplication)"
t_equal "plan checked the trusted token issuer" 1 "$(count DescribeTrustedTokenIssuer)"
t_equal "plan sent no PutApplicationGrant" 0 "$(count PutApplicationGrant)"
run 2 "plan --detailed-exitcode with changes" "$GRANTLINT" plan --detailed-exitcode --endpoint-url "$URL" "$G"
run 0 "plan --format json" "$GRANTLINT" plan --format json --endpoint-url "$URL" "$G"
printf '%s' "$T_OUT" | sed -n '/^{/p' > "$T_TMP/plan.json"
t_equal "plan json is JSON with the four actions" "create not in files unchanged update" \
	"$("$PYTHON3" -c 'import json,sys; print(" ".join(sorted({g["action"] for g in json.load(open(sys.argv[1]))["grants"]})))' "$T_TMP/plan.json")"

# ---- submit, then plan shows no changes ---------------------------------------------
run 0 "submit" "$GRANTLINT" submit --endpoint-url "$URL" "$G"
t_contains "submit: a line per grant" "ok       authorization_code  $APP"
t_contains "submit: summary" "Submit: 3 succeeded, 0 failed, 0 skipped."
run 0 "plan after submit: no changes" "$GRANTLINT" plan --detailed-exitcode --endpoint-url "$URL" "$G"
t_contains "plan after submit" "Plan: 0 to create, 0 to update, 3 unchanged, 1 not in files."
ctl /__control '{"clear_log": true}' >/dev/null
run 0 "submit --only-changed with nothing changed" "$GRANTLINT" submit --only-changed --endpoint-url "$URL" "$G"
t_contains "only-changed: nothing put" "Submit: 0 succeeded, 0 failed, 0 skipped."
t_equal "only-changed sent no PutApplicationGrant" 0 "$(count PutApplicationGrant)"

# ---- retries and their limit ----------------------------------------------------------
write_seed
start_endpoint
faults '[{"kind": "throttle", "operation": "PutApplicationGrant", "count": 2}]'
run 0 "throttled twice, then accepted" "$GRANTLINT" submit --endpoint-url "$URL" "$G/web.yaml"
t_equal "three attempts for one grant" 3 "$(count PutApplicationGrant)"
ctl /__control '{"clear_log": true}' >/dev/null
faults '[{"kind": "throttle", "operation": "PutApplicationGrant", "count": -1}]'
run 1 "throttled every time" "$GRANTLINT" submit --endpoint-url "$URL" "$G/web.yaml"
t_contains "gives up after 3 attempts" "ThrottlingException: Rate exceeded (HTTP 400, 3 attempts)"
t_equal "the default limit is 3 attempts" 3 "$(count PutApplicationGrant)"
ctl /__control '{"clear_log": true}' >/dev/null
run 1 "--max-attempts 5" "$GRANTLINT" submit --max-attempts 5 --endpoint-url "$URL" "$G/web.yaml"
t_equal "--max-attempts is the limit" 5 "$(count PutApplicationGrant)"
ctl /__control '{"clear_log": true}' >/dev/null
run 1 "AWS_MAX_ATTEMPTS" env AWS_MAX_ATTEMPTS=2 "$GRANTLINT" submit --endpoint-url "$URL" "$G/web.yaml"
t_equal "AWS_MAX_ATTEMPTS is the limit" 2 "$(count PutApplicationGrant)"
for kind in throttle_header 500 503 reset; do
	faults "[{\"kind\": \"$kind\", \"operation\": \"PutApplicationGrant\"}]"
	run 0 "retried after $kind" "$GRANTLINT" submit --endpoint-url "$URL" "$G/web.yaml"
done
faults '[{"kind": "slow", "seconds": 2, "operation": "PutApplicationGrant"}]'
run 0 "retried after a timeout" "$GRANTLINT" submit --timeout 0.5 --endpoint-url "$URL" "$G/web.yaml"
faults '[{"kind": "slow", "seconds": 2, "operation": "PutApplicationGrant", "count": -1}]'
run 1 "timeouts every time" "$GRANTLINT" submit --timeout 0.3 --max-attempts 2 --endpoint-url "$URL" "$G/web.yaml"
t_contains "timeout reported" "timed out"
faults '[]'

# ---- errors that are never retried -------------------------------------------------------
for type in ValidationException AccessDeniedException ResourceNotFoundException; do
	ctl /__control '{"clear_log": true}' >/dev/null
	faults "[{\"kind\": \"error\", \"type\": \"$type\", \"message\": \"no: $type\", \"operation\": \"PutApplicationGrant\"}]"
	run 1 "$type" "$GRANTLINT" submit --endpoint-url "$URL" "$G/web.yaml"
	t_contains "$type shown with the service's message" "PutApplicationGrant: $type: no: $type (HTTP 400, 1 attempt)"
	t_equal "$type not retried" 1 "$(count PutApplicationGrant)"
done
faults '[{"kind": "unknown_error", "operation": "PutApplicationGrant"}]'
run 1 "unknown error type" "$GRANTLINT" submit --endpoint-url "$URL" "$G/web.yaml"
t_contains "unknown error type shown" "FrobnicationOverloadException: The frobnicator is overloaded"
faults '[{"kind": "malformed", "operation": "ListApplicationGrants"}]'
run 1 "malformed JSON" "$GRANTLINT" plan --endpoint-url "$URL" "$G"
t_contains "malformed JSON reported" "is not a JSON object"
faults '[]'

# ---- partial failure --------------------------------------------------------------------
faults '[{"kind": "error", "type": "ValidationException", "operation": "PutApplicationGrant", "match": {"GrantType": "refresh_token"}}]'
run 1 "one grant fails, the rest are tried" "$GRANTLINT" submit --endpoint-url "$URL" "$G"
t_contains "partial: the failure" "failed   refresh_token  $APP"
t_contains "partial: the rest succeed" "Submit: 2 succeeded, 1 failed, 0 skipped."
faults '[{"kind": "error", "type": "ValidationException", "operation": "PutApplicationGrant", "match": {"GrantType": "urn:ietf:params:oauth:grant-type:jwt-bearer"}}]'
run 1 "--fail-fast" "$GRANTLINT" submit --fail-fast --endpoint-url "$URL" "$G"
t_contains "fail-fast skips the rest" "Submit: 0 succeeded, 1 failed, 2 skipped."
faults '[{"kind": "error", "type": "ValidationException", "operation": "PutApplicationGrant", "match": {"GrantType": "urn:ietf:params:oauth:grant-type:jwt-bearer"}}]'
run 1 "--format json results" "$GRANTLINT" submit --format json --fail-fast --endpoint-url "$URL" "$G"
t_contains "json summary" '"summary":{"succeeded":0,"failed":1,"skipped":2,"dry_run":0}'
faults '[]'

# ---- plan errors: missing or disabled application, unknown issuer ---------------------------
mkdir -p "$T_TMP/bad"
sed "s|$APP|$APP_GONE|" "$G/refresh.yaml" > "$T_TMP/bad/gone.grant.yaml"
sed "s|$APP|$APP_OFF|" "$G/refresh.yaml" > "$T_TMP/bad/off.grant.yaml"
sed "s|$TTI|$TTI_GONE|" "$G/jwt.json" > "$T_TMP/bad/tti.grant.json"
run 1 "plan: problems are errors" "$GRANTLINT" plan --endpoint-url "$URL" "$T_TMP/bad"
t_contains "missing application" "application $APP_GONE: DescribeApplication: ResourceNotFoundException"
t_contains "disabled application" "application $APP_OFF is not enabled (Status DISABLED)"
t_contains "unknown trusted token issuer" "trusted token issuer $TTI_GONE: DescribeTrustedTokenIssuer: ResourceNotFoundException"

# ---- lint first: nothing is sent for files with errors -------------------------------------
ctl /__control '{"clear_log": true}' >/dev/null
mkdir -p "$T_TMP/lintbad"
printf 'ApplicationArn: %s\nGrantType: refresh_token\nGrant:\n  JwtBearer: {}\n' "$APP" > "$T_TMP/lintbad/x.grant.yaml"
run 1 "submit refuses files that do not lint clean" "$GRANTLINT" submit --endpoint-url "$URL" "$T_TMP/lintbad"
t_contains "the finding is shown" "GL104"
t_contains "nothing sent" "nothing was sent"
run 1 "plan refuses files that do not lint clean" "$GRANTLINT" plan --endpoint-url "$URL" "$T_TMP/lintbad"
t_equal "no request reached the endpoint" 0 "$(count)"

# Policy in .grantlint.yaml binds plan and submit as it binds check.
mkdir -p "$T_TMP/policy"
printf 'policy:\n  grant_types:\n    allowed: [authorization_code]\n' > "$T_TMP/policy/.grantlint.yaml"
printf 'ApplicationArn: %s\nGrantType: refresh_token\nGrant:\n  RefreshToken: {}\n' "$APP" > "$T_TMP/policy/r.grant.yaml"
run 1 "submit refuses grants the policy forbids" "$GRANTLINT" submit --endpoint-url "$URL" "$T_TMP/policy"
t_contains "the policy finding is shown" "GL901"
t_contains "policy: nothing sent" "nothing was sent"
run 1 "plan refuses grants the policy forbids" "$GRANTLINT" plan --endpoint-url "$URL" "$T_TMP/policy"
t_equal "policy: no request reached the endpoint" 0 "$(count)"
printf 'policy:\n  grant_typez: {}\n' > "$T_TMP/policy/.grantlint.yaml"
run 1 "an invalid configuration stops submit" "$GRANTLINT" submit --endpoint-url "$URL" "$T_TMP/policy"
t_contains "invalid configuration named" "the configuration is not valid"
run 1 "--config and --no-config together" "$GRANTLINT" plan --config x --no-config "$T_TMP/policy"

# ---- dry run ----------------------------------------------------------------------------------
export AWS_ACCESS_KEY_ID=AKIDENVTOKEN AWS_SESSION_TOKEN=$TOKEN_ENV
run 0 "submit --dry-run" "$GRANTLINT" submit --dry-run --endpoint-url "$URL" "$G/web.yaml"
t_contains "dry run: method and URL" "POST $URL/"
t_contains "dry run: target" "X-Amz-Target: SWBExternalService.PutApplicationGrant"
t_contains "dry run: Authorization" "Authorization: AWS4-HMAC-SHA256 Credential=AKIDENVTOKEN/"
t_contains "dry run: token redacted" "X-Amz-Security-Token: <redacted>"
t_contains "dry run: body" '{"ApplicationArn":"'"$APP"'","GrantType":"authorization_code","Grant":{"AuthorizationCode":{"RedirectUris":'
run 0 "plan --dry-run" "$GRANTLINT" plan --dry-run --endpoint-url "$URL" "$G"
t_contains "plan dry run prints the reads" "X-Amz-Target: SWBExternalService.ListApplicationGrants"
t_equal "dry runs sent nothing" 0 "$(count)"
run 0 "session token from the environment is accepted" "$GRANTLINT" plan --endpoint-url "$URL" "$G"
use_env_creds

# ---- credentials from each source ---------------------------------------------------------------
clear_env_creds
export AWS_REGION=us-east-1
run 1 "no credentials anywhere" "$GRANTLINT" plan --endpoint-url "$URL" "$G"
t_contains "missing credentials: names the environment" "AWS_ACCESS_KEY_ID"
t_contains "missing credentials: names the credentials file" "$HOME/.aws/credentials"
t_contains "missing credentials: names the config file" "$HOME/.aws/config"

cat > "$HOME/.aws/credentials" <<EOF
[default]
aws_access_key_id = AKIDCRED
aws_secret_access_key = $SECRET_CRED

[credfile]
aws_access_key_id = AKIDCRED
aws_secret_access_key = $SECRET_CRED
EOF
cat > "$HOME/.aws/config" <<EOF
[default]
region = us-east-1

[profile conffile]
aws_access_key_id = AKIDCONF
aws_secret_access_key = $SECRET_CONF
region = us-east-1

[profile proc]
credential_process = "$T_TMP/creds.sh" --role test
region = us-east-1

[profile regiononly]
region = eu-west-1
aws_access_key_id = AKIDCONF
aws_secret_access_key = $SECRET_CONF
EOF
cat > "$T_TMP/creds.sh" <<EOF
#!/bin/sh
[ "\$1" = --role ] || exit 9
printf '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "%s", "SessionToken": "%s", "Expiration": "2099-01-01T00:00:00Z"}\n' "$SECRET_PROC" "$TOKEN_PROC"
EOF
chmod +x "$T_TMP/creds.sh"

run 0 "default profile, credentials file" "$GRANTLINT" plan --endpoint-url "$URL" "$G"
t_contains "default profile source" "credentials from profile 'default' in the shared credentials file"
run 0 "--profile in the credentials file" "$GRANTLINT" plan --profile credfile --endpoint-url "$URL" "$G"
t_contains "credentials file profile" "credentials from profile 'credfile' in the shared credentials file"
run 0 "AWS_PROFILE in the config file" env AWS_PROFILE=conffile "$GRANTLINT" plan --endpoint-url "$URL" "$G"
t_contains "config file profile" "credentials from profile 'conffile' in the config file"
run 0 "credential_process" "$GRANTLINT" plan --profile proc --endpoint-url "$URL" "$G"
t_contains "credential_process source" "credentials from the credential_process of profile 'proc' in the config file"
export AWS_ACCESS_KEY_ID=AKIDENV AWS_SECRET_ACCESS_KEY=$SECRET_ENV
run 0 "environment before the default profile" "$GRANTLINT" plan --endpoint-url "$URL" "$G"
t_contains "environment wins" "credentials from environment variables"
run 0 "--profile names the profile even with keys in the environment" "$GRANTLINT" plan --profile conffile --endpoint-url "$URL" "$G"
t_contains "explicit profile wins" "credentials from profile 'conffile' in the config file"
export AWS_SECRET_ACCESS_KEY=not-the-secret
run 1 "a wrong secret is rejected by the endpoint" "$GRANTLINT" plan --endpoint-url "$URL" "$G"
t_contains "bad signature" "InvalidSignatureException"
run 1 "an unknown profile" "$GRANTLINT" plan --profile nosuch --endpoint-url "$URL" "$G"
t_contains "unknown profile named" "profile 'nosuch' (from --profile) not found"
clear_env_creds

# ---- region --------------------------------------------------------------------------------------
run 0 "region from the profile" "$GRANTLINT" plan --endpoint-url "$URL" "$G"
t_contains "profile region" "region us-east-1 (from the profile's region in the config file)"
run 0 "AWS_DEFAULT_REGION over the profile" env AWS_DEFAULT_REGION=us-east-1 "$GRANTLINT" plan --profile regiononly --endpoint-url "$URL" "$G"
t_contains "AWS_DEFAULT_REGION used" "region us-east-1 (from AWS_DEFAULT_REGION)"
run 0 "AWS_REGION over AWS_DEFAULT_REGION" env AWS_DEFAULT_REGION=eu-west-1 AWS_REGION=us-east-1 "$GRANTLINT" plan --endpoint-url "$URL" "$G"
t_contains "AWS_REGION used" "region us-east-1 (from AWS_REGION)"
run 0 "--region over AWS_REGION" env AWS_REGION=eu-west-1 "$GRANTLINT" plan --region us-east-1 --endpoint-url "$URL" "$G"
t_contains "--region used" "region us-east-1 (from --region)"
run 1 "a region the endpoint does not sign for" "$GRANTLINT" plan --profile regiononly --endpoint-url "$URL" "$G"
t_contains "scope region checked by the endpoint" "InvalidSignatureException"
mv "$HOME/.aws/config" "$HOME/.aws/config.off"
run 1 "no region anywhere" "$GRANTLINT" plan --endpoint-url "$URL" "$G"
t_contains "missing region: names the places" "no AWS region set. Looked for: --region, the environment variables AWS_REGION and AWS_DEFAULT_REGION"
mv "$HOME/.aws/config.off" "$HOME/.aws/config"
run 1 "partition of the ARN must match the region" "$GRANTLINT" plan --region cn-north-1 --endpoint-url "$URL" "$G"
t_contains "partition mismatch" "is in partition 'aws', but region cn-north-1 is in partition 'aws-cn'"

# ---- endpoints ---------------------------------------------------------------------------------------
run 1 "plain http to another host is refused" "$GRANTLINT" plan --endpoint-url http://example.com "$G"
t_contains "http refused" "refusing plain http:// to 'example.com'"
run 1 "plain http from the environment is refused" env AWS_ENDPOINT_URL_SSO_ADMIN=http://10.1.2.3:8080 "$GRANTLINT" plan "$G"
t_contains "http from env refused" "refusing plain http:// to '10.1.2.3'"
run 0 "AWS_ENDPOINT_URL_SSO_ADMIN over AWS_ENDPOINT_URL" env AWS_ENDPOINT_URL=http://example.com AWS_ENDPOINT_URL_SSO_ADMIN=$URL "$GRANTLINT" plan "$G"
t_contains "service-specific variable used" "endpoint $URL (AWS_ENDPOINT_URL_SSO_ADMIN)"
run 0 "AWS_ENDPOINT_URL" env AWS_ENDPOINT_URL=$URL "$GRANTLINT" plan "$G"
t_contains "generic variable used" "endpoint $URL (AWS_ENDPOINT_URL)"
run 0 "--endpoint-url over the environment" env AWS_ENDPOINT_URL=http://example.com "$GRANTLINT" plan --endpoint-url "$URL" "$G"
run 1 "--fips with a custom endpoint" "$GRANTLINT" plan --fips --endpoint-url "$URL" "$G"
t_contains "fips and custom endpoint" "FIPS and custom endpoint are not supported (the custom endpoint comes from --endpoint-url)"
run 0 "dry run shows the FIPS dual-stack endpoint" "$GRANTLINT" submit --dry-run --fips --dualstack "$G/web.yaml"
t_contains "fips dualstack URL" "POST https://sso-fips.us-east-1.api.aws/"

# ---- TLS verification is always on ------------------------------------------------------------------
# A self-signed certificate for 127.0.0.1: curl must refuse it, and not retry.
if openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
	-addext subjectAltName=IP:127.0.0.1 -keyout "$T_TMP/key.pem" -out "$T_TMP/cert.pem" \
	>/dev/null 2>&1; then
	start_endpoint --tls-cert "$T_TMP/cert.pem" --tls-key "$T_TMP/key.pem"
	run 1 "a certificate no CA signed is refused" "$GRANTLINT" plan --endpoint-url "https://127.0.0.1:$PORT" "$G"
	t_contains "certificate error shown, one attempt" "request failed: SSL certificate problem"
	t_contains "not retried" "(1 attempt)"
else
	t_fail "openssl could not make a test certificate"
fi
stop_endpoint

# ---- no secret key or session token in any output ----------------------------------------------------
n=0
for s in "$SECRET_ENV" "$SECRET_CRED" "$SECRET_CONF" "$SECRET_PROC" "$TOKEN_ENV" "$TOKEN_PROC"; do
	n=$((n + 1))
	if grep -qF -- "$s" "$ALL_OUTPUT"; then t_fail "secret or token number $n was printed"; else t_ok; fi
done
t_equal "outputs were collected" yes "$([ "$(wc -l < "$ALL_OUTPUT")" -gt 100 ] && echo yes)"
t_finish
