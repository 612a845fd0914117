#!/usr/bin/env python3
"""gen.py - write a realistic corpus of grant files for the benchmark.

Usage: gen.py DIR [FILES]   (FILES defaults to 10000)

The tree looks like a platform team's repository: teams/<team>/grants/<app>/
holding YAML files (with comments) and *.grant.json files elsewhere. Every
grant type appears; authorization_code grants carry 1-4 redirect URIs,
jwt-bearer grants 1-3 issuers with 1-4 audiences each. Every request is valid
and defines its own (ApplicationArn, GrantType) pair, so the corpus lints
clean and the benchmark measures the clean path that CI runs every day.
Output is deterministic for a given FILES, so runs compare like with like.
"""
import json
import os
import random
import sys

ACCOUNT = "123456789012"
INSTANCE = "ssoins-72236d2b4d8c5e1f"
TEAMS = ["payroll", "crm", "analytics", "billing", "identity", "search", "mobile",
         "warehouse", "support", "risk", "ledger", "catalog", "media", "ads",
         "logistics", "hr"]
PATHS = ["/oauth/callback", "/auth/callback", "/login/oauth2/code/identity-center",
         "/signin-oidc", "/callback"]
AUDIENCES = ["api", "batch", "reports", "admin", "events", "sync", "export", "graphql"]
CODE, JWT, REFRESH, EXCHANGE = ("authorization_code",
                                "urn:ietf:params:oauth:grant-type:jwt-bearer",
                                "refresh_token",
                                "urn:ietf:params:oauth:grant-type:token-exchange")


def app_arn(rng):
    return "arn:aws:sso::%s:application/%s/apl-%016x" % (ACCOUNT, INSTANCE,
                                                        rng.getrandbits(64))


def issuer_arn(rng):
    h = "%032x" % rng.getrandbits(128)
    return "arn:aws:sso::%s:trustedTokenIssuer/%s/tti-%s-%s-%s-%s-%s" % (
        ACCOUNT, INSTANCE, h[0:8], h[8:12], h[12:16], h[16:20], h[20:32])


def grant_of(rng, grant_type, team, app):
    """The Grant member for a type, as plain data."""
    if grant_type == CODE:
        uris = ["https://%s.%s.example.com%s" % (app, team, rng.choice(PATHS))]
        for _ in range(rng.randint(0, 3)):
            uris.append(rng.choice([
                "https://%s-staging.%s.example.com%s" % (app, team, rng.choice(PATHS)),
                "http://127.0.0.1:%d/oauth/callback" % rng.choice([3000, 8080, 8443]),
                "https://%s.example.net:8443%s" % (team, rng.choice(PATHS)),
                "https://%s.%s.example.com%s?tenant=%s" % (app, team, rng.choice(PATHS), team),
            ]))
        return {"AuthorizationCode": {"RedirectUris": list(dict.fromkeys(uris))}}
    if grant_type == JWT:
        issuers = []
        for _ in range(rng.randint(1, 3)):
            auds = rng.sample(AUDIENCES, rng.randint(1, 4))
            issuers.append({"TrustedTokenIssuerArn": issuer_arn(rng),
                            "AuthorizedAudiences": ["%s-%s" % (app, a) for a in auds]})
        return {"JwtBearer": {"AuthorizedTokenIssuers": issuers}}
    if grant_type == REFRESH:
        return {"RefreshToken": {}}
    return {"TokenExchange": {}}


def yaml_request(rng, req, team, app, lines):
    grant_type = req["GrantType"]
    lines.append("ApplicationArn: %s" % req["ApplicationArn"])
    lines.append("GrantType: %s" % grant_type)
    lines.append("Grant:")
    grant = req["Grant"]
    if "AuthorizationCode" in grant:
        lines.append("  AuthorizationCode:")
        lines.append("    RedirectUris:")
        for uri in grant["AuthorizationCode"]["RedirectUris"]:
            note = "   # local development" if "127.0.0.1" in uri else ""
            lines.append("      - %s%s" % (uri, note))
    elif "JwtBearer" in grant:
        lines.append("  JwtBearer:")
        lines.append("    # Tokens from the %s identity provider." % team)
        lines.append("    AuthorizedTokenIssuers:")
        for iss in grant["JwtBearer"]["AuthorizedTokenIssuers"]:
            lines.append("      - TrustedTokenIssuerArn: %s" % iss["TrustedTokenIssuerArn"])
            if rng.random() < 0.5:
                lines.append("        AuthorizedAudiences: [%s]" %
                             ", ".join(iss["AuthorizedAudiences"]))
            else:
                lines.append("        AuthorizedAudiences:")
                for aud in iss["AuthorizedAudiences"]:
                    lines.append("          - %s" % aud)
    elif "RefreshToken" in grant:
        lines.append("  RefreshToken: {}")
    else:
        lines.append("  TokenExchange: {}")


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: gen.py DIR [FILES]")
    root = sys.argv[1]
    files = int(sys.argv[2]) if len(sys.argv) == 3 else 10000
    rng = random.Random(files)
    types = [CODE, JWT, REFRESH, EXCHANGE]
    per_folder = 50  # files of one team in one folder
    for i in range(files):
        team = TEAMS[i % len(TEAMS)]
        app = "app%05d" % (i // 2)
        folder = (i // len(TEAMS)) // per_folder
        grant_type = types[rng.choice([0, 0, 0, 1, 1, 1, 2, 2, 3])]
        req = {"ApplicationArn": app_arn(rng), "GrantType": grant_type,
               "Grant": grant_of(rng, grant_type, team, app)}
        if i % 4 == 3:
            # JSON, as an exported AWS CLI input, outside any grants/ folder.
            path = os.path.join(root, "exports", "%03d" % folder,
                                "%s-%d.grant.json" % (app, i))
            text = json.dumps(req, indent=2) + "\n"
        else:
            path = os.path.join(root, "teams", team, "grants", "%03d" % folder,
                                "%s-%d.yaml" % (app, i))
            lines = ["# %s / %s: %s grant, owned by the %s team." % (team, app,
                                                                     grant_type, team)]
            if i % 10 == 5:
                # A stream: a second request for the same application.
                lines.append("---")
                yaml_request(rng, req, team, app, lines)
                second = dict(req, GrantType=REFRESH if grant_type != REFRESH else EXCHANGE,
                              Grant=None)
                second["Grant"] = grant_of(rng, second["GrantType"], team, app)
                lines.append("---")
                lines.append("# Sessions stay alive with refresh tokens.")
                yaml_request(rng, second, team, app, lines)
            else:
                yaml_request(rng, req, team, app, lines)
            text = "\n".join(lines) + "\n"
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
