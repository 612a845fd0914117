/*
 * gl404_invalid_audience.c - an audience that is empty, too long, or padded
 * with white space.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include "model.h"
#include "rules.h"
#include "scalar_part.h"
#include "shape_walk.h"

static int visit(void *arg, const struct gl_shape_visit *v)
{
	struct gl_rule_ctx *ctx = arg;
	const struct gl_node *n = v->node;
	const struct gl_shape *s = &gl_shape_token_issuer_audience;
	size_t len, lead, trail, chars;

	if (v->shape != s || !gl_node_is_string(n))
		return 0;
	len = n->u.scalar.len;
	lead = gl_leading_space(n->u.scalar.value, len);
	if (lead == len)
		return gl_report(ctx, n, v->pointer,
				 len == 0 ? "empty audience: it matches no token; remove it or "
					    "write the aud claim value"
					  : "audience of white space only: it matches no token; "
					    "remove it or write the aud claim value");
	chars = gl_utf8_count(n->u.scalar.value, len);
	if ((long)chars > s->max)
		return gl_report(ctx, n, v->pointer,
				 "audience is %zu characters long; at most %ld are allowed", chars,
				 s->max);
	trail = gl_trailing_space(n->u.scalar.value, len);
	if (lead > 0 && gl_report_part(ctx, n, 0, lead, v->pointer,
				       "leading white space in an audience: tokens carry the aud "
				       "value without it, so it never matches; remove it") < 0)
		return -1;
	if (trail > 0)
		return gl_report_part(ctx, n, len - trail, trail, v->pointer,
				      "trailing white space in an audience: tokens carry the aud "
				      "value without it, so it never matches; remove it");
	return 0;
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_shape_walk(req->root, visit, ctx);
}

const struct gl_rule gl_rule_invalid_audience = {
	.code = "GL404",
	.name = "invalid-audience",
	.severity = GL_SEV_ERROR,
	.summary = "An audience that is empty, longer than 512 characters, or padded with spaces",
	.check = check,
	.doc =
	"What it does\n"
	"  Reports an AuthorizedAudiences item that is empty or white space only,\n"
	"  longer than 512 code points (Unicode characters, not bytes), or has\n"
	"  leading or trailing white space (at the white space).\n"
	"\n"
	"Why it matters\n"
	"  The service compares the token's aud claim with these values exactly.\n"
	"  An empty value is rejected (min 1) or matches nothing, and a stray\n"
	"  space, easy to miss in YAML quotes, makes the audience never match.\n"
	"\n"
	"Example\n"
	"  Bad:   AuthorizedAudiences: [\"analytics-api \"]\n"
	"  Good:  AuthorizedAudiences: [analytics-api]\n"
	"\n"
	"Fix\n"
	"  Write the aud claim value exactly, without surrounding spaces.\n"
	"\n"
	"Reference: sso-admin service model, shape TokenIssuerAudience (min 1,\n"
	"max 512); RFC 7519 section 4.1.3 (aud).",
};
