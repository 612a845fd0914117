/*
 * gl203_issuer_outside_instance.c - a trusted token issuer of another
 * partition, account or Identity Center instance than the application's.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include <string.h>

#include "arn.h"
#include "model.h"
#include "rules.h"
#include "scalar_part.h"
#include "shape_walk.h"

struct app_visit {
	struct gl_rule_ctx *ctx;
	struct gl_arn app;
	unsigned app_line;
};

static int visit(void *arg, const struct gl_shape_visit *v)
{
	struct app_visit *av = arg;
	const struct gl_node *n = v->node;
	const struct gl_arn *app = &av->app;
	struct gl_arn iss;
	const char *why = "an application can only trust token issuers of its own IAM Identity "
			  "Center instance";

	if (v->shape != &gl_shape_trusted_token_issuer_arn || !gl_node_is_string(n) ||
	    !gl_arn_matches(GL_ARN_TRUSTED_TOKEN_ISSUER, n->u.scalar.value, n->u.scalar.len) ||
	    gl_arn_split(&iss, n->u.scalar.value) < 0 || iss.truncated)
		return 0;
	if (strcmp(iss.partition, app->partition) != 0)
		return gl_report_part(av->ctx, n, iss.partition_at, iss.partition_len, v->pointer,
				      "issuer partition '%s' differs from the application's '%s' "
				      "(line %u): %s",
				      iss.partition, app->partition, av->app_line, why);
	if (strcmp(iss.account, app->account) != 0)
		return gl_report_part(av->ctx, n, iss.account_at, iss.account_len, v->pointer,
				      "issuer account '%s' differs from the application's '%s' "
				      "(line %u): %s",
				      iss.account, app->account, av->app_line, why);
	if (strcmp(iss.instance, app->instance) != 0)
		return gl_report_part(av->ctx, n, iss.instance_at, iss.instance_len, v->pointer,
				      "issuer instance '%s' differs from the application's '%s' "
				      "(line %u): %s",
				      iss.instance, app->instance, av->app_line, why);
	return 0;
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	const struct gl_node *arn = gl_node_get_member(req->root, "ApplicationArn");
	struct app_visit av;

	/* Only a valid application ARN is a yardstick; GL201 reports the others. */
	if (!gl_node_is_string(arn) ||
	    !gl_arn_matches(GL_ARN_APPLICATION, arn->u.scalar.value, arn->u.scalar.len) ||
	    gl_arn_split(&av.app, arn->u.scalar.value) < 0 || av.app.truncated)
		return 0;
	av.ctx = ctx;
	av.app_line = arn->start.line;
	return gl_shape_walk(req->root, visit, &av);
}

const struct gl_rule gl_rule_issuer_outside_instance = {
	.code = "GL203",
	.name = "issuer-outside-instance",
	.severity = GL_SEV_ERROR,
	.summary = "An issuer ARN of another partition, account or instance than the application's",
	.check = check,
	.doc =
	"What it does\n"
	"  Compares each TrustedTokenIssuerArn with ApplicationArn and reports an\n"
	"  issuer whose partition, account or Identity Center instance\n"
	"  (ssoins-...) differs from the application's, at the differing part.\n"
	"\n"
	"Why it matters\n"
	"  Trusted token issuers belong to one Identity Center instance, and an\n"
	"  application can only trust issuers of its own instance: the service\n"
	"  rejects the grant, or the ARN was copied from another environment\n"
	"  (staging instead of production) by mistake.\n"
	"\n"
	"Example\n"
	"  Bad:   ApplicationArn: arn:aws:sso::123456789012:application/ssoins-72236d2b4d8c5e1f/apl-0c4d8e2f6a1b3c5d\n"
	"         ... TrustedTokenIssuerArn: arn:aws:sso::210987654321:trustedTokenIssuer/ssoins-72236d2b4d8c5e1f/tti-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\n"
	"  Good:  ... TrustedTokenIssuerArn: arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-72236d2b4d8c5e1f/tti-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\n"
	"\n"
	"Fix\n"
	"  Use the issuer ARN from the same instance as the application\n"
	"  (`aws sso-admin list-trusted-token-issuers --instance-arn ...`).\n"
	"\n"
	"Reference: sso-admin service model, shapes AuthorizedTokenIssuer and\n"
	"TrustedTokenIssuerArn; IAM Identity Center trusted identity propagation.",
};
