/*
 * gl104_grant_type_mismatch.c - the Grant member is not the one GrantType names.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "rules.h"

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	const struct gl_node *grant = gl_node_get_member(req->root, "Grant");
	const struct gl_node *type = gl_node_get_member(req->root, "GrantType");
	const struct gl_node *only = NULL;
	const char *want, *member_type;
	size_t i, members = 0;
	char ptr[512];

	if (grant == NULL || grant->kind != GL_NODE_MAPPING || !gl_node_is_string(type))
		return 0;
	want = gl_model_member_for_grant_type(type->u.scalar.value);
	if (want == NULL)
		return 0; /* not a valid GrantType: another rule says so */
	for (i = 0; i < grant->u.mapping.count; i++) {
		const struct gl_node *key = grant->u.mapping.pairs[i].key;

		if (key->kind == GL_NODE_SCALAR &&
		    gl_shape_member(&gl_shape_grant, key->u.scalar.value) != NULL) {
			only = key;
			members++;
		}
	}
	if (members != 1 || !strcmp(only->u.scalar.value, want))
		return 0;
	member_type = gl_model_grant_type_for_member(only->u.scalar.value);
	snprintf(ptr, sizeof(ptr), "/Grant/%s", only->u.scalar.value);
	return gl_report(ctx, only, ptr,
			 "Grant member '%s' does not match GrantType '%s': use '%s', or set "
			 "GrantType to '%s'",
			 only->u.scalar.value, type->u.scalar.value, want, member_type);
}

const struct gl_rule gl_rule_grant_type_mismatch = {
	.code = "GL104",
	.name = "grant-type-mismatch",
	.severity = GL_SEV_ERROR,
	.summary = "The Grant member does not match GrantType",
	.check = check,
	.doc =
	"What it does\n"
	"  Reports a Grant whose single member is not the one that GrantType\n"
	"  selects: authorization_code -> AuthorizationCode, refresh_token ->\n"
	"  RefreshToken, urn:ietf:params:oauth:grant-type:jwt-bearer -> JwtBearer,\n"
	"  urn:ietf:params:oauth:grant-type:token-exchange -> TokenExchange.\n"
	"\n"
	"Why it matters\n"
	"  The service model says the union member \"must match the grant type\n"
	"  selected\"; a mismatch is rejected, or configures the wrong grant.\n"
	"\n"
	"Example\n"
	"  Bad:   GrantType: authorization_code\n"
	"         Grant:\n"
	"           JwtBearer: {...}\n"
	"  Good:  GrantType: authorization_code\n"
	"         Grant:\n"
	"           AuthorizationCode:\n"
	"             RedirectUris: [https://app.example.com/callback]\n"
	"\n"
	"Fix\n"
	"  Change the member, or GrantType, so that the two agree.\n"
	"\n"
	"Reference: sso-admin service model, shape Grant documentation.",
};
