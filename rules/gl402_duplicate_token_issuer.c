/*
 * gl402_duplicate_token_issuer.c - the same trusted token issuer listed twice.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include "list_checks.h"
#include "model.h"
#include "rules.h"

static const struct gl_node *key_of(const struct gl_node *item, const char **member)
{
	const struct gl_node *arn = gl_node_get_member(item, "TrustedTokenIssuerArn");

	*member = "TrustedTokenIssuerArn";
	return gl_node_is_string(arn) ? arn : NULL;
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_check_list_duplicates(ctx, req, &gl_shape_authorized_token_issuers, key_of,
					"trusted token issuer",
					"list each issuer once, with all its audiences in one "
					"AuthorizedAudiences list");
}

const struct gl_rule gl_rule_duplicate_token_issuer = {
	.code = "GL402",
	.name = "duplicate-token-issuer",
	.severity = GL_SEV_ERROR,
	.summary = "The same TrustedTokenIssuerArn in two AuthorizedTokenIssuers items",
	.check = check,
	.doc =
	"What it does\n"
	"  Reports an AuthorizedTokenIssuers item whose TrustedTokenIssuerArn\n"
	"  repeats an earlier item's, at the repeated ARN.\n"
	"\n"
	"Why it matters\n"
	"  Each issuer is meant to appear once with the audiences it may use.\n"
	"  Two entries for one issuer leave it unclear which audience list\n"
	"  applies, and the service may keep only one of them.\n"
	"\n"
	"Example\n"
	"  Bad:   - TrustedTokenIssuerArn: arn:...:trustedTokenIssuer/ssoins-72236d2b4d8c5e1f/tti-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\n"
	"           AuthorizedAudiences: [api]\n"
	"         - TrustedTokenIssuerArn: arn:...:trustedTokenIssuer/ssoins-72236d2b4d8c5e1f/tti-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\n"
	"           AuthorizedAudiences: [batch]\n"
	"  Good:  - TrustedTokenIssuerArn: arn:...:trustedTokenIssuer/ssoins-72236d2b4d8c5e1f/tti-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\n"
	"           AuthorizedAudiences: [api, batch]\n"
	"\n"
	"Fix\n"
	"  Merge the two items into one.\n"
	"\n"
	"Reference: sso-admin service model, shapes AuthorizedTokenIssuers and\n"
	"AuthorizedTokenIssuer.",
};
