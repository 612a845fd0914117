/*
 * gl101_missing_required_field.c - a member the request needs is absent.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "rules.h"
#include "shape_walk.h"

/* Where to point for a mapping that lacks a member: its key, else its first key. */
static const struct gl_node *anchor_of(const struct gl_shape_visit *v)
{
	if (v->key != NULL)
		return v->key;
	if (v->node->kind == GL_NODE_MAPPING && v->node->u.mapping.count > 0)
		return v->node->u.mapping.pairs[0].key;
	return v->node;
}

/* Why a member the model leaves optional is needed all the same. */
static const char *service_reason(const char *member)
{
	if (!strcmp(member, "RedirectUris"))
		return "the authorization_code grant type requires it (the service rejects the "
		       "grant without it)";
	if (!strcmp(member, "AuthorizedTokenIssuers"))
		return "the jwt-bearer grant type requires it (the service rejects the grant "
		       "without it)";
	if (!strcmp(member, "AuthorizedAudiences"))
		return "an issuer without audiences authorizes nothing; list the aud claim "
		       "values to accept";
	if (!strcmp(member, "TrustedTokenIssuerArn"))
		return "each issuer must name the trusted token issuer whose tokens it "
		       "accepts";
	return "the service requires it";
}

static int visit(void *arg, const struct gl_shape_visit *v)
{
	struct gl_rule_ctx *ctx = arg;
	size_t i;
	int rc;

	if (v->shape->kind != GL_SHAPE_STRUCTURE || v->node->kind != GL_NODE_MAPPING)
		return 0;
	for (i = 0; i < v->shape->member_count; i++) {
		const struct gl_member *m = &v->shape->members[i];
		char ptr[512];

		if ((!m->required && !m->service_required) || gl_node_get_pair(v->node, m->name))
			continue;
		snprintf(ptr, sizeof(ptr), "%s", v->pointer);
		gl_pointer_append(ptr, sizeof(ptr), m->name);
		if (m->required)
			rc = gl_report(ctx, anchor_of(v), ptr, "missing required field '%s'%s%s",
				       m->name, v->key ? " in " : "",
				       v->key ? v->key->u.scalar.value : "");
		else
			rc = gl_report(ctx, anchor_of(v), ptr, "missing '%s': %s", m->name,
				       service_reason(m->name));
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_shape_walk(req->root, visit, ctx);
}

const struct gl_rule gl_rule_missing_required_field = {
	.code = "GL101",
	.name = "missing-required-field",
	.severity = GL_SEV_ERROR,
	.summary = "A field the request needs is missing",
	.check = check,
	.doc =
	"What it does\n"
	"  Reports a member that must be present and is not: ApplicationArn,\n"
	"  GrantType and Grant in every request (required by the service model),\n"
	"  and the members the model leaves optional but the service needs:\n"
	"  RedirectUris in AuthorizationCode, AuthorizedTokenIssuers in JwtBearer,\n"
	"  and both TrustedTokenIssuerArn and AuthorizedAudiences in each issuer.\n"
	"\n"
	"Why it matters\n"
	"  PutApplicationGrant rejects a request without them, and an issuer\n"
	"  without audiences authorizes nothing.\n"
	"\n"
	"Example\n"
	"  Bad:   GrantType: authorization_code\n"
	"         Grant:\n"
	"           AuthorizationCode: {}\n"
	"  Good:  ApplicationArn: arn:aws:sso::123456789012:application/ssoins-1111222233334444/apl-1111222233334444\n"
	"         GrantType: authorization_code\n"
	"         Grant:\n"
	"           AuthorizationCode:\n"
	"             RedirectUris: [https://app.example.com/callback]\n"
	"\n"
	"Fix\n"
	"  Add the missing member at the reported place.\n"
	"\n"
	"Reference: sso-admin service model, PutApplicationGrantRequest (required\n"
	"ApplicationArn, GrantType, Grant); AuthorizationCodeGrant and\n"
	"JwtBearerGrant documentation (\"required when the grant type is ...\").",
};
