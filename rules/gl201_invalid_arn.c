/*
 * gl201_invalid_arn.c - an ApplicationArn or TrustedTokenIssuerArn that does
 * not match its model pattern, with the part that is wrong.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include <stdlib.h>
#include <string.h>

#include "arn.h"
#include "model.h"
#include "rules.h"
#include "scalar_part.h"
#include "shape_walk.h"

static int visit(void *arg, const struct gl_shape_visit *v)
{
	struct gl_rule_ctx *ctx = arg;
	const struct gl_node *n = v->node;
	const char *name = v->shape->name, *text;
	enum gl_arn_kind kind;
	struct gl_arn_problem p;
	size_t len, lead, trail;
	int rc;

	if (v->shape == &gl_shape_application_arn)
		kind = GL_ARN_APPLICATION;
	else if (v->shape == &gl_shape_trusted_token_issuer_arn)
		kind = GL_ARN_TRUSTED_TOKEN_ISSUER;
	else
		return 0;
	if (!gl_node_is_string(n))
		return 0; /* GL105 */
	text = n->u.scalar.value;
	len = n->u.scalar.len;
	if (strlen(text) != len)
		return gl_report(ctx, n, v->pointer, "%s contains a NUL character", name);
	lead = gl_leading_space(text, len);
	if (len > 0 && lead == len)
		return gl_report(ctx, n, v->pointer,
				 "%s holds only white space; write the ARN", name);
	trail = lead < len ? gl_trailing_space(text, len) : 0;
	if (lead > 0 && gl_report_part(ctx, n, 0, lead, v->pointer,
				       "leading white space in %s; remove it", name) < 0)
		return -1;
	if (trail > 0 && gl_report_part(ctx, n, len - trail, trail, v->pointer,
					"trailing white space in %s; remove it", name) < 0)
		return -1;
	if (lead > 0 || trail > 0) {
		/* Judge what is between: a copy, since the judge wants it to end there. */
		size_t inner = len - lead - trail;
		char *copy;

		if (inner == 0)
			return 0;
		copy = strndup(text + lead, inner);
		if (copy == NULL)
			return -1;
		rc = gl_arn_judge(kind, copy, inner, &p);
		free(copy);
	} else {
		rc = gl_arn_judge(kind, text, len, &p);
	}
	if (rc <= 0)
		return rc;
	return gl_report_part(ctx, n, lead + p.offset, p.len, v->pointer, "%s: %s", name,
			      p.message);
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_shape_walk(req->root, visit, ctx);
}

const struct gl_rule gl_rule_invalid_arn = {
	.code = "GL201",
	.name = "invalid-arn",
	.severity = GL_SEV_ERROR,
	.summary = "An application or trusted token issuer ARN that does not match the model",
	.check = check,
	.doc =
	"What it does\n"
	"  Checks ApplicationArn and each TrustedTokenIssuerArn against the model's\n"
	"  length bounds (10..1224 code points) and pattern, anchored at both\n"
	"  ends, and says which part is wrong: the partition, the service (must be\n"
	"  sso), the region (must be empty), the 12-digit account, the instance\n"
	"  (ssoins- and 16 letters or digits), the apl- application id or the\n"
	"  tti- UUID. An application ARN where an issuer ARN belongs, or the other\n"
	"  way round, gets a message of its own, and so does leading or trailing\n"
	"  white space.\n"
	"\n"
	"Why it matters\n"
	"  The service rejects an ARN that does not match. A copied ARN of the\n"
	"  wrong kind (the issuer's instead of the application's) is a common\n"
	"  mistake that is hard to spot by eye.\n"
	"\n"
	"Example\n"
	"  Bad:   ApplicationArn: arn:aws:sso:us-east-1:123456789012:application/ssoins-72236d2b4d8c5e1f/apl-5f2a9c1d7e3b4a60\n"
	"  Good:  ApplicationArn: arn:aws:sso::123456789012:application/ssoins-72236d2b4d8c5e1f/apl-5f2a9c1d7e3b4a60\n"
	"\n"
	"Fix\n"
	"  Copy the ARN from the IAM Identity Center console or from\n"
	"  `aws sso-admin list-applications` / `list-trusted-token-issuers`.\n"
	"\n"
	"Reference: sso-admin service model, shapes ApplicationArn and\n"
	"TrustedTokenIssuerArn (pattern, min, max).",
};
