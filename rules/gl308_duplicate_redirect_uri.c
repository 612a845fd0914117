/*
 * gl308_duplicate_redirect_uri.c - a redirect URI listed twice.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include "list_checks.h"
#include "model.h"
#include "rules.h"

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_check_list_duplicates(ctx, req, &gl_shape_redirect_uris,
					gl_list_item_itself,
					"redirect URI", "remove one");
}

const struct gl_rule gl_rule_duplicate_redirect_uri = {
	.code = "GL308",
	.name = "duplicate-redirect-uri",
	.severity = GL_SEV_WARNING,
	.summary = "The same redirect URI listed twice",
	.check = check,
	.doc =
	"What it does\n"
	"  Warns about a redirect URI that repeats an earlier one of the same\n"
	"  RedirectUris list exactly, at the repetition.\n"
	"\n"
	"Why it matters\n"
	"  A repeated entry adds nothing, takes one of the 10 places the list\n"
	"  has, and is often a copy that was meant to be edited (another host or\n"
	"  path).\n"
	"\n"
	"Example\n"
	"  Bad:   RedirectUris:\n"
	"           - https://app.example.com/callback\n"
	"           - https://app.example.com/callback\n"
	"  Good:  RedirectUris:\n"
	"           - https://app.example.com/callback\n"
	"\n"
	"Fix\n"
	"  Remove the repetition, or correct it to the URI that was meant.\n"
	"\n"
	"Reference: sso-admin service model, shape RedirectUris (max 10).",
};
