/*
 * gl306_redirect_uri_userinfo.c - user information ("user@") in a redirect URI.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include "redirect_uris.h"
#include "rules.h"
#include "scalar_part.h"

static int judge(struct gl_rule_ctx *ctx, const struct gl_redirect_uri *r)
{
	const struct gl_uri *u = r->uri;
	size_t n;

	if (u == NULL || u->userinfo == NULL)
		return 0;
	/* The part itself is not repeated: it may hold a password. */
	n = (size_t)(u->host_offset - u->userinfo_offset);
	return gl_report_part(ctx, r->node, (size_t)u->userinfo_offset, n, r->pointer,
			      "user information before '@' in a redirect URI: it can make the "
			      "URI look like another host and may leak credentials (RFC 3986 "
			      "section 7.6); remove it");
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_each_redirect_uri(ctx, req, judge);
}

const struct gl_rule gl_rule_redirect_uri_userinfo = {
	.code = "GL306",
	.name = "redirect-uri-userinfo",
	.severity = GL_SEV_WARNING,
	.summary = "User information (user@ or user:password@) in a redirect URI",
	.check = check,
	.doc =
	"What it does\n"
	"  Warns about a redirect URI with a user-information component in its\n"
	"  authority (what stands before '@'), at that component. The message\n"
	"  does not repeat it, since it may hold a password.\n"
	"\n"
	"Why it matters\n"
	"  https://app.example.com@evil.example.net/ sends the browser to\n"
	"  evil.example.net: user information is a known way to disguise the real\n"
	"  host (RFC 3986 section 7.6), and user:password in a URI is deprecated\n"
	"  and ends up in logs (section 3.2.1).\n"
	"\n"
	"Example\n"
	"  Bad:   - https://admin@app.example.com/callback\n"
	"  Good:  - https://app.example.com/callback\n"
	"\n"
	"Fix\n"
	"  Remove everything between '//' and '@'.\n"
	"\n"
	"Reference: RFC 3986 sections 3.2.1 and 7.6; RFC 9700 section 4.1.",
};
