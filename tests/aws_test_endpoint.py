#!/usr/bin/env python3
"""A local stand-in for the IAM Identity Center (SSO Admin) awsJson1_1 API.

Python 3 standard library only. Listens on 127.0.0.1 on a free port, prints
the port as the first line of standard output (and writes it to --port-file
if given), and serves DescribeApplication, DescribeTrustedTokenIssuer,
ListApplicationGrants (pages of --page-size grants, NextToken), GetApplicationGrant
and PutApplicationGrant on an in-memory store seeded from a JSON file:

    {
      "region": "us-east-1",                       # optional: required scope region
      "credentials": [{"access_key_id": "...", "secret_access_key": "...",
                       "session_token": "..."}],    # token optional
      "applications": [{"ApplicationArn": "...", "Name": "...", "Status": "ENABLED"}],
      "trusted_token_issuers": [{"TrustedTokenIssuerArn": "...", "Name": "..."}],
      "grants": [{"ApplicationArn": "...", "GrantType": "...", "Grant": {...}}],
      "page_size": 2,
      "faults": [...]                               # see below
    }

Every request's SigV4 signature is verified with this file's own
implementation (not grantlint's): an unknown key or a wrong session token
gives 403 UnrecognizedClientException, a bad signature 403
InvalidSignatureException, as AWS answers.

Faults are injected per request. Each fault is an object with "kind", an
optional "operation" (default: any), an optional "match" (members the request
body must have, for example {"GrantType": "refresh_token"}) and "count" (how
many matching requests it hits, default 1, -1 for all). Kinds:

    throttle        400 ThrottlingException (__type with a namespace prefix)
    throttle_header 400, code only in X-Amzn-ErrorType ("ThrottlingException:http://...")
    500             500 InternalServerException
    503             503 with a plain-text body
    slow            answer normally after "seconds" (default 3) seconds
    reset           close the connection with a TCP reset, no answer
    malformed       200 with a body that is not JSON
    unknown_error   400 with an error type no model knows
    error           "status", "type" and "message" as given (ValidationException, ...)

Control endpoint (not signed):
    POST /__control  {"faults": [...]} replaces the faults; {"add_faults": [...]}
                     appends; {"clear_log": true} empties the log
    GET  /__control/log    {"requests": [...], "connections": N}; each request
                           has operation, body, fault, status, error, signature
                           ("ok"/"rejected") and connection (a number per TCP
                           connection, to check that the client reuses one)
    GET  /__control/store  {"grants": [...]}

The endpoint exits by itself when the process that started it ends.
--tls-cert/--tls-key serve HTTPS (to check that clients verify certificates).
--self-test DIR checks this file's signer against the aws-c-auth v4 vectors.
"""

import argparse
import base64
import datetime
import hashlib
import hmac
import json
import os
import posixpath
import socket
import ssl
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TARGET_PREFIX = "SWBExternalService."
GRANT_TYPES = {
    "authorization_code": "AuthorizationCode",
    "refresh_token": "RefreshToken",
    "urn:ietf:params:oauth:grant-type:jwt-bearer": "JwtBearer",
    "urn:ietf:params:oauth:grant-type:token-exchange": "TokenExchange",
}
MAX_SKEW = datetime.timedelta(minutes=15)


# --- SigV4, written from the published specification ---------------------

def _uri_encode(text, safe):
    return urllib.parse.quote(text, safe=safe)


def canonical_path(raw_path, normalize=True):
    """The canonical URI: optionally normalised, every byte but unreserved and '/' encoded."""
    path = raw_path or "/"
    if normalize:
        trailing = path.endswith("/") and path != "/"
        parts = []
        for seg in path.split("/"):
            if seg in ("", "."):
                continue
            if seg == "..":
                if parts:
                    parts.pop()
                continue
            parts.append(seg)
        path = "/" + "/".join(parts)
        if trailing and parts:
            path += "/"
    return _uri_encode(path, safe="/-_.~")


def canonical_query(raw_query):
    pairs = []
    for item in (raw_query or "").split("&"):
        if not item:
            continue
        key, _, value = item.partition("=")
        pairs.append((_uri_encode(urllib.parse.unquote(key), "-_.~"),
                      _uri_encode(urllib.parse.unquote(value), "-_.~")))
    pairs.sort()
    return "&".join("%s=%s" % kv for kv in pairs)


def _fold(value):
    return " ".join(value.split())


def canonical_request(method, raw_path, raw_query, headers, signed, payload, normalize=True):
    """headers: list of (name, value) as received; signed: lower-case names to sign."""
    grouped = {}
    for name, value in headers:
        grouped.setdefault(name.lower(), []).append(_fold(value))
    lines = []
    for name in signed:
        if name not in grouped:
            raise KeyError(name)
        lines.append("%s:%s\n" % (name, ",".join(grouped[name])))
    return "\n".join([
        method,
        canonical_path(raw_path, normalize),
        canonical_query(raw_query),
        "".join(lines),
        ";".join(signed),
        hashlib.sha256(payload).hexdigest(),
    ])


def _hmac(key, msg):
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


def signature(secret, amz_date, scope, creq):
    date, region, service, _ = scope.split("/")
    sts = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                     hashlib.sha256(creq.encode("utf-8")).hexdigest()])
    key = _hmac(("AWS4" + secret).encode("utf-8"), date)
    key = _hmac(key, region)
    key = _hmac(key, service)
    key = _hmac(key, "aws4_request")
    return sts, hmac.new(key, sts.encode("utf-8"), hashlib.sha256).hexdigest()


def parse_authorization(value):
    algorithm, _, rest = (value or "").partition(" ")
    if algorithm != "AWS4-HMAC-SHA256":
        return None
    fields = {}
    for part in rest.split(","):
        k, _, v = part.strip().partition("=")
        fields[k] = v
    if not {"Credential", "SignedHeaders", "Signature"} <= fields.keys():
        return None
    akid, _, scope = fields["Credential"].partition("/")
    return akid, scope, fields["SignedHeaders"].split(";"), fields["Signature"]


# --- the service ----------------------------------------------------------

class ServiceError(Exception):
    def __init__(self, status, code, message, header_only=False):
        super().__init__(message)
        self.status, self.code, self.message, self.header_only = status, code, message, header_only


class Store:
    def __init__(self, seed):
        self.lock = threading.Lock()
        self.region = seed.get("region")
        self.credentials = {c["access_key_id"]: c for c in seed.get("credentials", [])}
        self.applications = {a["ApplicationArn"]: a for a in seed.get("applications", [])}
        self.issuers = {t["TrustedTokenIssuerArn"]: t for t in seed.get("trusted_token_issuers", [])}
        self.grants = {}
        for g in seed.get("grants", []):
            self.grants[(g["ApplicationArn"], g["GrantType"])] = g["Grant"]
        self.page_size = int(seed.get("page_size", 2))
        self.faults = [dict(f) for f in seed.get("faults", [])]
        self.log = []
        self.connections = 0

    def take_fault(self, operation, body):
        with self.lock:
            for fault in self.faults:
                if fault.get("count", 1) == 0:
                    continue
                if fault.get("operation", operation) != operation:
                    continue
                match = fault.get("match", {})
                if any(body.get(k) != v for k, v in match.items()):
                    continue
                if fault.get("count", 1) > 0:
                    fault["count"] = fault.get("count", 1) - 1
                return fault
        return None


def _require(body, member):
    value = body.get(member)
    if not isinstance(value, str) or not value:
        raise ServiceError(400, "ValidationException", "1 validation error detected: "
                           "Value at '%s' failed to satisfy constraint: Member must not be null"
                           % member[0].lower() + member[1:])
    return value


def op_describe_application(store, body):
    arn = _require(body, "ApplicationArn")
    app = store.applications.get(arn)
    if app is None:
        raise ServiceError(400, "ResourceNotFoundException", "Application %s not found" % arn)
    out = {"ApplicationArn": arn, "Status": app.get("Status", "ENABLED")}
    for k in ("Name", "ApplicationProviderArn", "InstanceArn", "ApplicationAccount"):
        if k in app:
            out[k] = app[k]
    return out


def op_describe_trusted_token_issuer(store, body):
    arn = _require(body, "TrustedTokenIssuerArn")
    tti = store.issuers.get(arn)
    if tti is None:
        raise ServiceError(400, "ResourceNotFoundException",
                           "Trusted token issuer %s not found" % arn)
    return {"TrustedTokenIssuerArn": arn, "Name": tti.get("Name", "issuer"),
            "TrustedTokenIssuerType": "OIDC_JWT"}


def _grants_of(store, arn):
    return sorted(((gt, g) for (a, gt), g in store.grants.items() if a == arn),
                  key=lambda item: item[0])


def op_list_application_grants(store, body):
    arn = _require(body, "ApplicationArn")
    if arn not in store.applications:
        raise ServiceError(400, "ResourceNotFoundException", "Application %s not found" % arn)
    start = 0
    token = body.get("NextToken")
    if token is not None:
        try:
            kind, _, offset = base64.b64decode(token.encode(), validate=True).decode().partition(":")
            if kind != "offset":
                raise ValueError(kind)
            start = int(offset)
        except (ValueError, UnicodeDecodeError):
            raise ServiceError(400, "ValidationException", "Invalid NextToken")
    items = _grants_of(store, arn)
    page = items[start:start + store.page_size]
    out = {"Grants": [{"GrantType": gt, "Grant": g} for gt, g in page]}
    if start + store.page_size < len(items):
        out["NextToken"] = base64.b64encode(("offset:%d" % (start + store.page_size)).encode()).decode()
    return out


def op_get_application_grant(store, body):
    arn = _require(body, "ApplicationArn")
    grant_type = _require(body, "GrantType")
    grant = store.grants.get((arn, grant_type))
    if grant is None:
        raise ServiceError(400, "ResourceNotFoundException",
                           "Grant %s of application %s not found" % (grant_type, arn))
    return {"Grant": grant}


def op_put_application_grant(store, body):
    arn = _require(body, "ApplicationArn")
    grant_type = _require(body, "GrantType")
    grant = body.get("Grant")
    if grant_type not in GRANT_TYPES:
        raise ServiceError(400, "ValidationException",
                           "Value '%s' at 'grantType' failed to satisfy constraint" % grant_type)
    if not isinstance(grant, dict) or len(grant) != 1:
        raise ServiceError(400, "ValidationException", "Grant must have exactly one member")
    if next(iter(grant)) != GRANT_TYPES[grant_type]:
        raise ServiceError(400, "ValidationException",
                           "Grant member %s does not match grant type %s"
                           % (next(iter(grant)), grant_type))
    if arn not in store.applications:
        raise ServiceError(400, "ResourceNotFoundException", "Application %s not found" % arn)
    store.grants[(arn, grant_type)] = grant
    return {}


OPERATIONS = {
    "DescribeApplication": op_describe_application,
    "DescribeTrustedTokenIssuer": op_describe_trusted_token_issuer,
    "ListApplicationGrants": op_list_application_grants,
    "GetApplicationGrant": op_get_application_grant,
    "PutApplicationGrant": op_put_application_grant,
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "aws-test-endpoint"

    def setup(self):
        super().setup()
        # headers and body go out in two writes: without this, Nagle's
        # algorithm and delayed ACKs add 40 ms to every answer
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.server.store.lock:
            self.server.store.connections += 1
            self.connection_id = self.server.store.connections

    def log_message(self, fmt, *args):
        # The request line carries no secrets, but keep the test output quiet.
        pass

    def _send(self, status, payload, headers=None, content_type="application/x-amz-json-1.1"):
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("x-amzn-RequestId", "req-%d" % len(self.server.store.log))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _send_error(self, err):
        headers = {}
        if err.header_only:
            headers["X-Amzn-ErrorType"] = "%s:http://internal.amazon.com/coral/com.amazonaws.swbexternalservice/" % err.code
            payload = {"message": err.message}
        else:
            payload = {"__type": "com.amazonaws.swbexternalservice#%s" % err.code,
                       "Message": err.message}
        self._send(err.status, payload, headers)
        return err.status

    def _read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_GET(self):
        store = self.server.store
        if self.path == "/__control/log":
            with store.lock:
                self._send(200, {"requests": store.log, "connections": store.connections},
                           content_type="application/json")
        elif self.path == "/__control/store":
            with store.lock:
                grants = [{"ApplicationArn": a, "GrantType": gt, "Grant": g}
                          for (a, gt), g in sorted(store.grants.items())]
            self._send(200, {"grants": grants}, content_type="application/json")
        else:
            self._send(404, {"message": "not found"}, content_type="application/json")

    def _control(self, raw):
        store = self.server.store
        try:
            req = json.loads(raw or b"{}")
        except ValueError:
            self._send(400, {"message": "bad control JSON"}, content_type="application/json")
            return
        with store.lock:
            if "faults" in req:
                store.faults = [dict(f) for f in req["faults"]]
            store.faults.extend(dict(f) for f in req.get("add_faults", []))
            if req.get("clear_log"):
                store.log = []
        self._send(200, {}, content_type="application/json")

    def _verify(self, raw_body):
        """Check the SigV4 signature; raise ServiceError as AWS would."""
        store = self.server.store
        parsed = parse_authorization(self.headers.get("Authorization"))
        if parsed is None:
            raise ServiceError(403, "MissingAuthenticationTokenException",
                               "Missing Authentication Token")
        akid, scope, signed, provided = parsed
        cred = store.credentials.get(akid)
        token = self.headers.get("X-Amz-Security-Token")
        if cred is None or cred.get("session_token") != token:
            raise ServiceError(403, "UnrecognizedClientException",
                               "The security token included in the request is invalid.")
        amz_date = self.headers.get("X-Amz-Date", "")
        try:
            when = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(
                tzinfo=datetime.timezone.utc)
        except ValueError:
            raise ServiceError(403, "InvalidSignatureException", "Invalid X-Amz-Date")
        if abs(datetime.datetime.now(datetime.timezone.utc) - when) > MAX_SKEW:
            raise ServiceError(403, "InvalidSignatureException", "Signature expired")
        scope_parts = scope.split("/")
        if (len(scope_parts) != 4 or scope_parts[0] != amz_date[:8] or scope_parts[2] != "sso"
                or scope_parts[3] != "aws4_request"
                or (store.region and scope_parts[1] != store.region)):
            raise ServiceError(403, "InvalidSignatureException",
                               "Credential should be scoped to a valid region, service sso "
                               "and date %s" % amz_date[:8])
        if (signed != sorted(signed) or "host" not in signed or "x-amz-date" not in signed
                or (token is not None and "x-amz-security-token" not in signed)):
            raise ServiceError(403, "InvalidSignatureException",
                               "SignedHeaders must be sorted and include host and x-amz-date")
        raw_path, _, raw_query = self.path.partition("?")
        try:
            creq = canonical_request(self.command, raw_path, raw_query,
                                     list(self.headers.items()), signed, raw_body)
        except KeyError as missing:
            raise ServiceError(403, "InvalidSignatureException",
                               "Signed header %s is missing" % missing)
        _, expected = signature(cred["secret_access_key"], amz_date, scope, creq)
        if not hmac.compare_digest(expected, provided):
            raise ServiceError(403, "InvalidSignatureException",
                               "The request signature we calculated does not match the "
                               "signature you provided. Check your AWS Secret Access Key "
                               "and signing method.")

    def _reset(self):
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def do_POST(self):
        store = self.server.store
        raw = self._read_body()
        if self.path == "/__control":
            self._control(raw)
            return
        target = self.headers.get("X-Amz-Target", "")
        operation = target[len(TARGET_PREFIX):] if target.startswith(TARGET_PREFIX) else target
        entry = {"operation": operation, "fault": None, "status": None,
                 "connection": self.connection_id}
        with store.lock:
            store.log.append(entry)
        try:
            try:
                self._verify(raw)
            except ServiceError as err:
                entry["signature"] = "rejected"
                raise
            entry["signature"] = "ok"
            if self.headers.get("Content-Type") != "application/x-amz-json-1.1":
                raise ServiceError(400, "SerializationException", "Unexpected Content-Type")
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                raise ServiceError(400, "SerializationException", "Body is not JSON")
            entry["body"] = body
            handler = OPERATIONS.get(operation)
            if handler is None:
                raise ServiceError(400, "UnknownOperationException", "Unknown operation " + target)
            fault = store.take_fault(operation, body)
            if fault is not None:
                entry["fault"] = fault["kind"]
                kind = fault["kind"]
                if kind == "throttle":
                    raise ServiceError(400, "ThrottlingException", "Rate exceeded")
                if kind == "throttle_header":
                    raise ServiceError(400, "ThrottlingException", "Rate exceeded", header_only=True)
                if kind == "500":
                    raise ServiceError(500, "InternalServerException", "Internal failure")
                if kind == "503":
                    entry["status"] = 503
                    self._send(503, b"Service Unavailable", content_type="text/plain")
                    return
                if kind == "reset":
                    entry["status"] = "reset"
                    self._reset()
                    return
                if kind == "malformed":
                    entry["status"] = 200
                    self._send(200, b'{"Grants": [ {"GrantType": ')
                    return
                if kind == "unknown_error":
                    raise ServiceError(400, "FrobnicationOverloadException",
                                       "The frobnicator is overloaded")
                if kind == "error":
                    raise ServiceError(int(fault.get("status", 400)), fault["type"],
                                       fault.get("message", fault["type"]))
                if kind == "slow":
                    time.sleep(float(fault.get("seconds", 3)))
            with store.lock:
                result = handler(store, body)
            entry["status"] = 200
            self._send(200, result)
        except ServiceError as err:
            entry["status"] = err.status
            entry["error"] = err.code
            self._send_error(err)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def self_test(vector_dir):
    """Check canonical request, string to sign and signature on the aws-c-auth v4 cases."""
    failures = skipped = 0
    cases = sorted(d for d in os.listdir(vector_dir)
                   if os.path.isfile(os.path.join(vector_dir, d, "context.json")))
    for case in cases:
        d = os.path.join(vector_dir, case)
        ctx = json.load(open(os.path.join(d, "context.json")))
        if ctx.get("sign_body") or ctx.get("omit_session_token"):
            skipped += 1  # signer-side options the endpoint never needs to check
            continue
        raw = open(os.path.join(d, "request.txt"), "rb").read().decode("utf-8")
        head, _, body = raw.partition("\n\n")
        lines = head.split("\n")
        method, rest = lines[0].split(" ", 1)
        target = rest.rsplit(" ", 1)[0]
        headers = []
        for line in lines[1:]:
            if line[:1] in (" ", "\t") and headers:
                headers[-1] = (headers[-1][0], headers[-1][1] + " " + line)
            elif line:
                name, _, value = line.partition(":")
                headers.append((name, value))
        amz_date = ctx["timestamp"].replace("-", "").replace(":", "")
        headers.append(("X-Amz-Date", amz_date))
        token = ctx["credentials"].get("token")
        if token:
            headers.append(("X-Amz-Security-Token", token))
        signed = sorted({n.lower() for n, _ in headers})
        path, _, query = target.partition("?")
        creq = canonical_request(method, path, query, headers, signed, body.encode("utf-8"),
                                 ctx["normalize"])
        scope = "%s/%s/%s/aws4_request" % (amz_date[:8], ctx["region"], ctx["service"])
        sts, sig = signature(ctx["credentials"]["secret_access_key"], amz_date, scope, creq)
        want = [open(os.path.join(d, f)).read().replace("\r", "") for f in
                ("header-canonical-request.txt", "header-string-to-sign.txt",
                 "header-signature.txt")]
        if [creq, sts, sig] != want:
            failures += 1
            print("FAIL %s" % case)
    print("%d cases: %d checked, %d skipped (signer-side options), %d failures"
          % (len(cases), len(cases) - skipped, skipped, failures))
    return 1 if failures or not cases else 0


def exit_with_parent():
    """Stop when the process that started us is gone (a test that died early)."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("seed", nargs="?", help="JSON seed file")
    ap.add_argument("--port-file", help="also write the port to this file")
    ap.add_argument("--page-size", type=int, help="grants per ListApplicationGrants page")
    ap.add_argument("--self-test", metavar="DIR", help="check the signer on aws-c-auth vectors")
    ap.add_argument("--tls-cert", help="serve HTTPS with this certificate (PEM)")
    ap.add_argument("--tls-key", help="the certificate's private key (PEM)")
    args = ap.parse_args()
    if args.self_test:
        return self_test(args.self_test)
    if not args.seed:
        ap.error("a seed file is required")
    with open(args.seed) as f:
        seed = json.load(f)
    if args.page_size:
        seed["page_size"] = args.page_size
    server = Server(("127.0.0.1", 0), Handler)
    server.store = Store(seed)
    if args.tls_cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls_cert, args.tls_key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    port = server.server_address[1]
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.replace(tmp, args.port_file)
    print(port, flush=True)
    exit_with_parent()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
