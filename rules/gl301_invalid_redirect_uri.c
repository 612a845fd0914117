/*
 * gl301_invalid_redirect_uri.c - a redirect URI that is not an absolute URI
 * under RFC 3986, or an http(s) URI without a host.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include <string.h>

#include "redirect_uris.h"
#include "rules.h"
#include "scalar_part.h"

static int judge(struct gl_rule_ctx *ctx, const struct gl_redirect_uri *r)
{
	const struct gl_uri *u = r->uri;

	if (u == NULL)
		return gl_report_part(ctx, r->node, r->error_offset, 0, r->pointer,
				      "invalid redirect URI: %s", r->error);
	if ((!strcmp(u->scheme, "https") || !strcmp(u->scheme, "http")) &&
	    (u->host == NULL || u->host[0] == '\0'))
		return gl_report_part(ctx, r->node, 0, strlen(u->scheme), r->pointer,
				      "invalid redirect URI: an %s URI needs a host, like "
				      "%s://app.example.com/callback",
				      u->scheme, u->scheme);
	return 0;
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_each_redirect_uri(ctx, req, judge);
}

const struct gl_rule gl_rule_invalid_redirect_uri = {
	.code = "GL301",
	.name = "invalid-redirect-uri",
	.severity = GL_SEV_ERROR,
	.summary = "A redirect URI that is not an absolute RFC 3986 URI",
	.check = check,
	.doc =
	"What it does\n"
	"  Parses each redirect URI with liburiparser (RFC 3986) and reports one\n"
	"  that is not an absolute URI: no scheme (a relative path), spaces,\n"
	"  control or non-ASCII characters, '%' not followed by two hex digits,\n"
	"  a port that is empty or not in 1..65535, or an https (or http) URI\n"
	"  without a host. The finding points at the offending character.\n"
	"\n"
	"Why it matters\n"
	"  RFC 6749 section 3.1.2 requires the redirection endpoint to be an\n"
	"  absolute URI; the authorization server compares it character by\n"
	"  character with the one the client sends, so a malformed one never\n"
	"  matches and sign-in fails.\n"
	"\n"
	"Example\n"
	"  Bad:   - https://app.example.com/o auth/callback\n"
	"  Bad:   - /oauth/callback\n"
	"  Good:  - https://app.example.com/o%20auth/callback\n"
	"\n"
	"Fix\n"
	"  Write the full URI with scheme and host; percent-encode spaces and\n"
	"  other characters that RFC 3986 does not allow.\n"
	"\n"
	"Reference: RFC 3986 sections 3 and 4.3; RFC 6749 section 3.1.2;\n"
	"sso-admin service model, shape URI.",
};
