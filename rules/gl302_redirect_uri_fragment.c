/*
 * gl302_redirect_uri_fragment.c - a redirect URI with a fragment ('#...').
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include <string.h>

#include "redirect_uris.h"
#include "rules.h"
#include "scalar_part.h"

static int judge(struct gl_rule_ctx *ctx, const struct gl_redirect_uri *r)
{
	const struct gl_uri *u = r->uri;

	if (u == NULL || u->fragment == NULL)
		return 0;
	return gl_report_part(ctx, r->node, (size_t)u->fragment_offset,
			      r->node->u.scalar.len - (size_t)u->fragment_offset, r->pointer,
			      "a redirect URI must not contain a fragment (RFC 6749 section "
			      "3.1.2); remove everything from '#'");
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_each_redirect_uri(ctx, req, judge);
}

const struct gl_rule gl_rule_redirect_uri_fragment = {
	.code = "GL302",
	.name = "redirect-uri-fragment",
	.severity = GL_SEV_ERROR,
	.summary = "A redirect URI with a fragment",
	.check = check,
	.doc =
	"What it does\n"
	"  Reports a redirect URI that contains a fragment component (a '#' and\n"
	"  what follows), at the fragment.\n"
	"\n"
	"Why it matters\n"
	"  RFC 6749 section 3.1.2: \"The endpoint URI MUST NOT include a fragment\n"
	"  component.\" Authorization servers reject such a redirect URI, and a\n"
	"  fragment would mix the client's own state with the response.\n"
	"\n"
	"Example\n"
	"  Bad:   - https://app.example.com/callback#done\n"
	"  Good:  - https://app.example.com/callback\n"
	"\n"
	"Fix\n"
	"  Remove the fragment; carry client state in the OAuth state parameter.\n"
	"\n"
	"Reference: RFC 6749 section 3.1.2; RFC 3986 section 3.5.",
};
