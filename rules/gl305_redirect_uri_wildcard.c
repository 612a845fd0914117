/*
 * gl305_redirect_uri_wildcard.c - a '*' in a redirect URI's host or path.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include <string.h>

#include "redirect_uris.h"
#include "rules.h"
#include "scalar_part.h"

static int judge(struct gl_rule_ctx *ctx, const struct gl_redirect_uri *r)
{
	const struct gl_uri *u = r->uri;
	const char *star;

	if (u == NULL)
		return 0;
	if (u->host != NULL && (star = strchr(u->host, '*')) != NULL)
		return gl_report_part(ctx, r->node, (size_t)u->host_offset + (size_t)(star - u->host),
				      1, r->pointer,
				      "'*' in the host of a redirect URI is not a wildcard: redirect "
				      "URIs are compared exactly (RFC 9700 section 2.1); list each "
				      "host in full");
	if (u->path != NULL && (star = strchr(u->path, '*')) != NULL)
		return gl_report_part(ctx, r->node, (size_t)u->path_offset + (size_t)(star - u->path),
				      1, r->pointer,
				      "'*' in the path of a redirect URI is not a wildcard: redirect "
				      "URIs are compared exactly (RFC 9700 section 2.1); list each "
				      "path in full");
	return 0;
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_each_redirect_uri(ctx, req, judge);
}

const struct gl_rule gl_rule_redirect_uri_wildcard = {
	.code = "GL305",
	.name = "redirect-uri-wildcard",
	.severity = GL_SEV_WARNING,
	.summary = "A '*' in the host or path of a redirect URI",
	.check = check,
	.doc =
	"What it does\n"
	"  Warns about a '*' in the host or the path of a redirect URI, at the\n"
	"  '*'.\n"
	"\n"
	"Why it matters\n"
	"  RFC 9700 section 2.1 requires exact string matching of redirect URIs\n"
	"  (pattern matching let attackers redirect codes to hosts they control,\n"
	"  section 4.1). A '*' is therefore either matched literally, so sign-in\n"
	"  fails, or shows that the author expects a wildcard that is not there.\n"
	"\n"
	"Example\n"
	"  Bad:   - https://*.example.com/callback\n"
	"  Good:  - https://eu.example.com/callback\n"
	"         - https://us.example.com/callback\n"
	"\n"
	"Fix\n"
	"  List every redirect URI in full (up to 10).\n"
	"\n"
	"Reference: RFC 9700 sections 2.1 and 4.1.3; RFC 6749 section 3.1.2.",
};
