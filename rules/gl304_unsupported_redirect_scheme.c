/*
 * gl304_unsupported_redirect_scheme.c - a redirect URI scheme that is neither
 * https, http, nor a reverse-DNS private-use scheme.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include <string.h>

#include "redirect_uris.h"
#include "rules.h"
#include "scalar_part.h"

static int judge(struct gl_rule_ctx *ctx, const struct gl_redirect_uri *r)
{
	const struct gl_uri *u = r->uri;

	if (u == NULL || !strcmp(u->scheme, "https") || !strcmp(u->scheme, "http") ||
	    gl_scheme_is_reverse_dns(u->scheme) || gl_scheme_is_dangerous(u->scheme))
		return 0;
	return gl_report_part(ctx, r->node, 0, strlen(u->scheme), r->pointer,
			      "redirect URI scheme '%s' is not allowed: use https, http on a "
			      "loopback host, or a private-use scheme named after a domain you "
			      "own in reverse order, like com.example.app:/callback (RFC 8252 "
			      "section 7.1)",
			      u->scheme);
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_each_redirect_uri(ctx, req, judge);
}

const struct gl_rule gl_rule_unsupported_redirect_scheme = {
	.code = "GL304",
	.name = "unsupported-redirect-scheme",
	.severity = GL_SEV_ERROR,
	.summary = "A redirect URI scheme other than https, loopback http or reverse-DNS private-use",
	.check = check,
	.doc =
	"What it does\n"
	"  Reports a redirect URI whose scheme is not https, not http (judged by\n"
	"  GL303), and not a private-use scheme shaped as a reverse domain name\n"
	"  (com.example.app), at the scheme. javascript:, data:, file: and\n"
	"  vbscript: are GL307's.\n"
	"\n"
	"Why it matters\n"
	"  RFC 8252 section 7.1 lets native apps claim a private-use scheme only\n"
	"  when it is a reverse domain name the developer controls; a short name\n"
	"  like myapp: can be claimed by any other app on the device, which then\n"
	"  receives the authorization code. Other schemes (ftp:, ws:) are not\n"
	"  redirection endpoints at all.\n"
	"\n"
	"Example\n"
	"  Bad:   - myapp:/callback\n"
	"  Good:  - com.example.myapp:/callback\n"
	"\n"
	"Fix\n"
	"  Use https, or a reverse-DNS scheme of a domain you own.\n"
	"\n"
	"Reference: RFC 8252 sections 7.1 and 8.4; RFC 9700 section 2.1;\n"
	"RFC 6749 section 3.1.2.",
};
