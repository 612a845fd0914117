/*
 * gl303_insecure_redirect_uri.c - an http redirect URI to a host that is not
 * the loopback interface.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include <string.h>

#include "redirect_uris.h"
#include "rules.h"
#include "scalar_part.h"

static int judge(struct gl_rule_ctx *ctx, const struct gl_redirect_uri *r)
{
	const struct gl_uri *u = r->uri;

	if (u == NULL || strcmp(u->scheme, "http") != 0 || u->host == NULL ||
	    u->host[0] == '\0' || gl_uri_host_is_loopback(u))
		return 0;
	return gl_report_part(ctx, r->node, 0, 4, r->pointer,
			      "http redirect URI to '%s': the authorization code would cross "
			      "the network unencrypted, where anyone on the path can read it; "
			      "use https (http is only for loopback: 127.0.0.1, [::1], "
			      "localhost; RFC 8252 section 7.3)",
			      u->host);
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_each_redirect_uri(ctx, req, judge);
}

const struct gl_rule gl_rule_insecure_redirect_uri = {
	.code = "GL303",
	.name = "insecure-redirect-uri",
	.severity = GL_SEV_WARNING,
	.summary = "An http redirect URI whose host is not loopback",
	.check = check,
	.doc =
	"What it does\n"
	"  Warns about a redirect URI with the http scheme whose host is not the\n"
	"  loopback interface (127.0.0.0/8, [::1] or localhost), at the scheme.\n"
	"\n"
	"Why it matters\n"
	"  The authorization code travels in the redirect. Over plain http anyone\n"
	"  on the network path can read it and, without PKCE, redeem it. RFC 9700\n"
	"  section 2.1 and RFC 6749 section 3.1.2.1 require TLS for redirects;\n"
	"  RFC 8252 section 7.3 allows http only for a native app listening on\n"
	"  the loopback interface, where the code never leaves the machine.\n"
	"\n"
	"Example\n"
	"  Bad:   - http://app.example.com/callback\n"
	"  Good:  - https://app.example.com/callback\n"
	"  Good:  - http://127.0.0.1:8080/callback\n"
	"\n"
	"Fix\n"
	"  Serve the callback over https, or use a loopback address for local\n"
	"  development.\n"
	"\n"
	"Reference: RFC 6749 section 3.1.2.1; RFC 8252 section 7.3; RFC 9700\n"
	"section 2.1.",
};
