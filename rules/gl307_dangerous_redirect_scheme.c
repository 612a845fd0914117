/*
 * gl307_dangerous_redirect_scheme.c - javascript:, data:, file: or vbscript:
 * as a redirect URI.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "redirect_uris.h"
#include "rules.h"
#include "scalar_part.h"

static int judge(struct gl_rule_ctx *ctx, const struct gl_redirect_uri *r)
{
	const char *text = r->node->u.scalar.value;
	const char *colon = memchr(text, ':', r->node->u.scalar.len);
	char scheme[16];
	size_t n;

	/* Judged from the text, so that data: URIs that do not parse are caught too. */
	if (colon == NULL || (n = (size_t)(colon - text)) >= sizeof(scheme))
		return 0;
	memcpy(scheme, text, n);
	scheme[n] = '\0';
	if (!gl_scheme_is_dangerous(scheme))
		return 0;
	return gl_report_part(ctx, r->node, 0, n, r->pointer,
			      "'%s:' is not a redirection endpoint: it runs code or reads "
			      "local content in the browser instead of returning to your "
			      "application; use an https URI",
			      scheme);
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_each_redirect_uri(ctx, req, judge);
}

const struct gl_rule gl_rule_dangerous_redirect_scheme = {
	.code = "GL307",
	.name = "dangerous-redirect-scheme",
	.severity = GL_SEV_WARNING,
	.summary = "A javascript:, data:, file: or vbscript: redirect URI",
	.check = check,
	.doc =
	"What it does\n"
	"  Warns about a redirect URI whose scheme is javascript, data, file or\n"
	"  vbscript (any letter case), at the scheme.\n"
	"\n"
	"Why it matters\n"
	"  Such URIs are not endpoints that receive an authorization response:\n"
	"  javascript: and data: execute script in the context of the page that\n"
	"  follows the redirect (cross-site scripting through the authorization\n"
	"  server), file: reads the local file system. RFC 6749 section 10.6\n"
	"  and RFC 9700 section 4.1 describe redirect URI manipulation.\n"
	"\n"
	"Example\n"
	"  Bad:   - javascript:alert(document.cookie)\n"
	"  Good:  - https://app.example.com/callback\n"
	"\n"
	"Fix\n"
	"  Replace it with the https URI of your callback.\n"
	"\n"
	"Reference: RFC 6749 sections 3.1.2 and 10.6; RFC 9700 section 4.1;\n"
	"RFC 3986 section 7.",
};
