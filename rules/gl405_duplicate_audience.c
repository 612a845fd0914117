/*
 * gl405_duplicate_audience.c - an audience listed twice for one issuer.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include "list_checks.h"
#include "model.h"
#include "rules.h"

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_check_list_duplicates(ctx, req, &gl_shape_token_issuer_audiences,
					gl_list_item_itself,
					"audience", "remove one");
}

const struct gl_rule gl_rule_duplicate_audience = {
	.code = "GL405",
	.name = "duplicate-audience",
	.severity = GL_SEV_ERROR,
	.summary = "The same audience listed twice for one issuer",
	.check = check,
	.doc =
	"What it does\n"
	"  Reports an AuthorizedAudiences item that repeats an earlier item of\n"
	"  the same list exactly, at the repetition.\n"
	"\n"
	"Why it matters\n"
	"  A repeated audience adds nothing and takes one of the 10 places; it\n"
	"  is often a copy that was meant to name another audience.\n"
	"\n"
	"Example\n"
	"  Bad:   AuthorizedAudiences: [analytics-api, analytics-api]\n"
	"  Good:  AuthorizedAudiences: [analytics-api, analytics-batch]\n"
	"\n"
	"Fix\n"
	"  Remove the repetition, or correct it to the audience that was meant.\n"
	"\n"
	"Reference: sso-admin service model, shape TokenIssuerAudiences.",
};
