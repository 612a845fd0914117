/*
 * gl102_unknown_key.c - a key the request shape does not have.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "rules.h"
#include "shape_walk.h"
#include "suggest.h"

#define MAX_MEMBERS 16

static int report_unknown(struct gl_rule_ctx *ctx, const struct gl_shape_visit *v,
			  const struct gl_node *key)
{
	const char *names[MAX_MEMBERS];
	size_t n = gl_shape_member_names(v->shape, names, MAX_MEMBERS), i, len = 0;
	const char *hint;
	char ptr[512], list[512];
	const char *where = v->key        ? v->key->u.scalar.value
			    : v->pointer[0] ? v->pointer
					    : "the request";

	snprintf(ptr, sizeof(ptr), "%s", v->pointer);
	if (key->kind != GL_NODE_SCALAR)
		return gl_report(ctx, key, ptr, "keys must be strings; found %s",
				 gl_node_describe(key));
	gl_pointer_append(ptr, sizeof(ptr), key->u.scalar.value);
	if (n == 0)
		return gl_report(ctx, key, ptr,
				 "unknown key '%s': %s takes no members; write '%s: {}'",
				 key->u.scalar.value, where, where);
	hint = gl_suggest(key->u.scalar.value, names, n);
	if (hint != NULL)
		return gl_report(ctx, key, ptr, "unknown key '%s' in %s; did you mean '%s'?",
				 key->u.scalar.value, where, hint);
	list[0] = '\0';
	for (i = 0; i < n && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", i ? ", " : "",
					names[i]);
	return gl_report(ctx, key, ptr, "unknown key '%s' in %s; expected one of: %s",
			 key->u.scalar.value, where, list);
}

static int visit(void *arg, const struct gl_shape_visit *v)
{
	struct gl_rule_ctx *ctx = arg;
	size_t i;

	if ((v->shape->kind != GL_SHAPE_STRUCTURE && v->shape->kind != GL_SHAPE_UNION) ||
	    v->node->kind != GL_NODE_MAPPING)
		return 0;
	for (i = 0; i < v->node->u.mapping.count; i++) {
		const struct gl_node *key = v->node->u.mapping.pairs[i].key;

		if (key->kind == GL_NODE_SCALAR && gl_shape_member(v->shape, key->u.scalar.value))
			continue;
		if (report_unknown(ctx, v, key) < 0)
			return -1;
	}
	return 0;
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_shape_walk(req->root, visit, ctx);
}

const struct gl_rule gl_rule_unknown_key = {
	.code = "GL102",
	.name = "unknown-key",
	.severity = GL_SEV_ERROR,
	.summary = "A key that PutApplicationGrant does not know, often a misspelling",
	.check = check,
	.doc =
	"What it does\n"
	"  Reports every key that the request shape does not define, at any\n"
	"  level, and suggests the member it most likely meant (by edit distance\n"
	"  and letter case: RedirectURIs -> RedirectUris). RefreshToken and\n"
	"  TokenExchange take no members at all.\n"
	"\n"
	"Why it matters\n"
	"  The AWS CLI rejects unknown parameters, and a misspelt optional member\n"
	"  is worse: a tool that ignores it sends a grant without it.\n"
	"\n"
	"Example\n"
	"  Bad:   Grant:\n"
	"           AuthorizationCode:\n"
	"             RedirectURIs: [https://app.example.com/callback]\n"
	"  Good:  Grant:\n"
	"           AuthorizationCode:\n"
	"             RedirectUris: [https://app.example.com/callback]\n"
	"\n"
	"Fix\n"
	"  Rename the key as suggested, or remove it.\n"
	"\n"
	"Reference: sso-admin service model, shapes PutApplicationGrantRequest,\n"
	"Grant, AuthorizationCodeGrant, JwtBearerGrant, AuthorizedTokenIssuer,\n"
	"RefreshTokenGrant, TokenExchangeGrant.",
};
