/*
 * gl103_grant_union_not_one_member.c - Grant must hold exactly one member.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "rules.h"

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	const struct gl_pair *grant = gl_node_get_pair(req->root, "Grant");
	const struct gl_node *type = gl_node_get_member(req->root, "GrantType");
	const char *want = NULL;
	const struct gl_node *first = NULL;
	size_t i, members = 0;
	char ptr[512];

	if (grant == NULL || grant->value->kind != GL_NODE_MAPPING)
		return 0;
	if (gl_node_is_string(type))
		want = gl_model_member_for_grant_type(type->u.scalar.value);
	for (i = 0; i < grant->value->u.mapping.count; i++) {
		const struct gl_node *key = grant->value->u.mapping.pairs[i].key;

		if (key->kind != GL_NODE_SCALAR ||
		    gl_shape_member(&gl_shape_grant, key->u.scalar.value) == NULL)
			continue;
		if (members++ == 0) {
			first = key;
			continue;
		}
		snprintf(ptr, sizeof(ptr), "/Grant/%s", key->u.scalar.value);
		if (gl_report(ctx, key, ptr,
			      "Grant holds more than one member ('%s' and '%s'); it is a union "
			      "that takes exactly one%s%s%s",
			      first->u.scalar.value, key->u.scalar.value,
			      want ? ": keep '" : "", want ? want : "",
			      want ? "', which matches GrantType" : "") < 0)
			return -1;
	}
	if (members == 0)
		return gl_report(ctx, grant->key, "/Grant",
				 "Grant has no member; add exactly one of AuthorizationCode, "
				 "JwtBearer, RefreshToken, TokenExchange%s%s%s%s%s",
				 want ? " (for GrantType '" : "", want ? type->u.scalar.value : "",
				 want ? "' that is '" : "", want ? want : "", want ? "')" : "");
	return 0;
}

const struct gl_rule gl_rule_grant_union_not_one_member = {
	.code = "GL103",
	.name = "grant-union-not-one-member",
	.severity = GL_SEV_ERROR,
	.summary = "Grant must hold exactly one of AuthorizationCode, JwtBearer, RefreshToken, TokenExchange",
	.check = check,
	.doc =
	"What it does\n"
	"  Reports a Grant with no known member, and every member after the\n"
	"  first when it holds several.\n"
	"\n"
	"Why it matters\n"
	"  Grant is a union: the service model says exactly one member must be\n"
	"  specified. A request with two is rejected, and one with none says\n"
	"  nothing.\n"
	"\n"
	"Example\n"
	"  Bad:   GrantType: refresh_token\n"
	"         Grant:\n"
	"           RefreshToken: {}\n"
	"           TokenExchange: {}\n"
	"  Good:  GrantType: refresh_token\n"
	"         Grant:\n"
	"           RefreshToken: {}\n"
	"\n"
	"Fix\n"
	"  Keep the one member that matches GrantType; put other grant types in\n"
	"  requests of their own.\n"
	"\n"
	"Reference: sso-admin service model, shape Grant (\"union\": true).",
};
