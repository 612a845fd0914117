/*
 * gl202_unknown_partition.c - an ARN whose partition AWS does not have.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include <stdio.h>
#include <string.h>

#include "arn.h"
#include "model.h"
#include "partitions.h"
#include "rules.h"
#include "scalar_part.h"
#include "shape_walk.h"
#include "suggest.h"

static int visit(void *arg, const struct gl_shape_visit *v)
{
	struct gl_rule_ctx *ctx = arg;
	const struct gl_node *n = v->node;
	const char *hint;
	struct gl_arn a;
	char list[256];
	size_t i, len = 0;

	if ((v->shape != &gl_shape_application_arn &&
	     v->shape != &gl_shape_trusted_token_issuer_arn) ||
	    !gl_node_is_string(n) || gl_arn_split(&a, n->u.scalar.value) < 0 || a.truncated)
		return 0;
	/* A partition of the wrong syntax is GL201's; this rule judges the rest. */
	if (!gl_arn_partition_syntax_ok(a.partition) || gl_partition_is_known(a.partition))
		return 0;
	hint = gl_suggest(a.partition, gl_partitions, gl_partition_count);
	if (hint != NULL)
		return gl_report_part(ctx, n, a.partition_at, a.partition_len, v->pointer,
				      "unknown partition '%s'; did you mean '%s'?", a.partition,
				      hint);
	for (i = 0; i < gl_partition_count && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", i ? ", " : "",
					gl_partitions[i]);
	return gl_report_part(ctx, n, a.partition_at, a.partition_len, v->pointer,
			      "unknown partition '%s'; known partitions: %s", a.partition, list);
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_shape_walk(req->root, visit, ctx);
}

const struct gl_rule gl_rule_unknown_partition = {
	.code = "GL202",
	.name = "unknown-partition",
	.severity = GL_SEV_WARNING,
	.summary = "An ARN partition that is not one of the known AWS partitions",
	.check = check,
	.doc =
	"What it does\n"
	"  Warns when the partition of ApplicationArn or a TrustedTokenIssuerArn\n"
	"  has the model's syntax (aws, aws-...) but is not one of the partitions\n"
	"  AWS has: aws, aws-cn, aws-eusc, aws-iso, aws-iso-b, aws-iso-e,\n"
	"  aws-iso-f, aws-us-gov (from botocore's partitions.json). It suggests\n"
	"  the closest one.\n"
	"\n"
	"Why it matters\n"
	"  The model pattern accepts any aws-xxx, so a typo such as aws-us-gv\n"
	"  passes the pattern and fails only when the request is sent. It is a\n"
	"  warning because AWS adds partitions from time to time.\n"
	"\n"
	"Example\n"
	"  Bad:   ApplicationArn: arn:aws-us-gv:sso::123456789012:application/ssoins-72236d2b4d8c5e1f/apl-5f2a9c1d7e3b4a60\n"
	"  Good:  ApplicationArn: arn:aws-us-gov:sso::123456789012:application/ssoins-72236d2b4d8c5e1f/apl-5f2a9c1d7e3b4a60\n"
	"\n"
	"Fix\n"
	"  Use the partition of the account the instance lives in.\n"
	"\n"
	"Reference: botocore partitions.json (partition ids); sso-admin service\n"
	"model, ApplicationArn pattern arn:aws(-[a-z]{1,5}){0,3}:...",
};
