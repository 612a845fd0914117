/*
 * gl401_token_issuer_count.c - AuthorizedTokenIssuers empty or longer than 10.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include "list_checks.h"
#include "model.h"
#include "rules.h"

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_check_list_count(ctx, req, &gl_shape_authorized_token_issuers,
				   "the service accepts 1 to 10 trusted token issuers per grant");
}

const struct gl_rule gl_rule_token_issuer_count = {
	.code = "GL401",
	.name = "token-issuer-count",
	.severity = GL_SEV_ERROR,
	.summary = "AuthorizedTokenIssuers is empty or has more than 10 items",
	.check = check,
	.doc =
	"What it does\n"
	"  Reports an AuthorizedTokenIssuers list that is empty (at the list) or\n"
	"  has more than 10 items (at the 11th).\n"
	"\n"
	"Why it matters\n"
	"  The service model bounds the list to 1..10 and rejects the request\n"
	"  otherwise; a JWT bearer grant without issuers accepts no token at all.\n"
	"\n"
	"Example\n"
	"  Bad:   JwtBearer:\n"
	"           AuthorizedTokenIssuers: []\n"
	"  Good:  JwtBearer:\n"
	"           AuthorizedTokenIssuers:\n"
	"             - TrustedTokenIssuerArn: arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-72236d2b4d8c5e1f/tti-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\n"
	"               AuthorizedAudiences: [analytics-api]\n"
	"\n"
	"Fix\n"
	"  List between 1 and 10 trusted token issuers.\n"
	"\n"
	"Reference: sso-admin service model, shape AuthorizedTokenIssuers (min 1,\n"
	"max 10).",
};
