/*
 * gl403_audience_count.c - AuthorizedAudiences empty or longer than 10.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include "list_checks.h"
#include "model.h"
#include "rules.h"

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_check_list_count(ctx, req, &gl_shape_token_issuer_audiences,
				   "each issuer accepts 1 to 10 audiences");
}

const struct gl_rule gl_rule_audience_count = {
	.code = "GL403",
	.name = "audience-count",
	.severity = GL_SEV_ERROR,
	.summary = "AuthorizedAudiences is empty or has more than 10 items",
	.check = check,
	.doc =
	"What it does\n"
	"  Reports an AuthorizedAudiences list that is empty (at the list) or has\n"
	"  more than 10 items (at the 11th).\n"
	"\n"
	"Why it matters\n"
	"  The service model bounds the list to 1..10; an issuer with an empty\n"
	"  audience list authorizes no token, so the grant silently does nothing.\n"
	"\n"
	"Example\n"
	"  Bad:   AuthorizedAudiences: []\n"
	"  Good:  AuthorizedAudiences: [analytics-api]\n"
	"\n"
	"Fix\n"
	"  List the aud claim values (1 to 10) that tokens from this issuer carry.\n"
	"\n"
	"Reference: sso-admin service model, shape TokenIssuerAudiences (min 1,\n"
	"max 10).",
};
