/*
 * gl309_redirect_uri_count.c - RedirectUris empty or longer than 10.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include "list_checks.h"
#include "model.h"
#include "rules.h"

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_check_list_count(ctx, req, &gl_shape_redirect_uris,
				   "the service accepts 1 to 10 redirect URIs per grant");
}

const struct gl_rule gl_rule_redirect_uri_count = {
	.code = "GL309",
	.name = "redirect-uri-count",
	.severity = GL_SEV_ERROR,
	.summary = "RedirectUris is empty or has more than 10 items",
	.check = check,
	.doc =
	"What it does\n"
	"  Reports a RedirectUris list that is empty (at the list) or has more\n"
	"  than 10 items (at the 11th).\n"
	"\n"
	"Why it matters\n"
	"  The service model bounds the list to 1..10 items and rejects the\n"
	"  request otherwise; an empty list also makes the grant useless, since\n"
	"  no sign-in could ever return to the application.\n"
	"\n"
	"Example\n"
	"  Bad:   RedirectUris: []\n"
	"  Good:  RedirectUris: [https://app.example.com/callback]\n"
	"\n"
	"Fix\n"
	"  List between 1 and 10 redirect URIs; drop ones no longer used.\n"
	"\n"
	"Reference: sso-admin service model, shape RedirectUris (min 1, max 10).",
};
