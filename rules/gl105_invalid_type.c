/*
 * gl105_invalid_type.c - a value of the wrong kind: a string where a list is
 * expected, a number where a string is, RefreshToken left null.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "printable.h"
#include "rules.h"
#include "shape_walk.h"

/* What to call the value: its key, or "item N of LIST" for a list item. */
static void name_of(const struct gl_shape_visit *v, char *buf, size_t size)
{
	const char *last, *p;

	if (v->key != NULL) {
		snprintf(buf, size, "'%s'", v->key->u.scalar.value);
		return;
	}
	last = strrchr(v->pointer, '/');
	for (p = last; p > v->pointer && p[-1] != '/'; p--)
		;
	if (last != NULL && p > v->pointer)
		snprintf(buf, size, "item %zu of %.*s", v->index + 1, (int)(last - p), p);
	else
		snprintf(buf, size, "%s", v->shape->name);
}

static int visit(void *arg, const struct gl_shape_visit *v)
{
	struct gl_rule_ctx *ctx = arg;
	const struct gl_node *n = v->node;
	const struct gl_shape *s = v->shape;
	bool null = n->kind == GL_NODE_SCALAR && n->u.scalar.type == GL_TYPE_NULL;
	char name[256];

	if (v->parent == NULL)
		return 0; /* the request itself: GL007 judges it */
	/* The right kind (nearly every value): no need to name it. */
	if (((s->kind == GL_SHAPE_STRUCTURE || s->kind == GL_SHAPE_UNION) &&
	     n->kind == GL_NODE_MAPPING) ||
	    (s->kind == GL_SHAPE_LIST && n->kind == GL_NODE_SEQUENCE) ||
	    (s->kind == GL_SHAPE_STRING && gl_node_is_string(n)))
		return 0;
	name_of(v, name, sizeof(name));
	switch (s->kind) {
	case GL_SHAPE_STRUCTURE:
	case GL_SHAPE_UNION:
		if (n->kind == GL_NODE_MAPPING)
			return 0;
		if (null && s->member_count == 0)
			return gl_report(ctx, v->key ? v->key : n, v->pointer,
					 "%s is null, but it must be an empty mapping: write `%s: {}`",
					 name, v->key ? v->key->u.scalar.value : s->name);
		if (s->member_count == 0)
			return gl_report(ctx, n, v->pointer,
					 "%s must be an empty mapping, found %s: write `%s: {}`",
					 name, gl_node_describe(n),
					 v->key ? v->key->u.scalar.value : s->name);
		return gl_report(ctx, null && v->key ? v->key : n, v->pointer,
				 "%s must be a mapping, found %s", name, gl_node_describe(n));
	case GL_SHAPE_LIST:
		if (n->kind == GL_NODE_SEQUENCE)
			return 0;
		if (gl_node_is_string(n))
			return gl_report(ctx, n, v->pointer,
					 "%s must be a list, found a single string; write it as a "
					 "list with one item (`[...]` or a `- ` line below the key)",
					 name);
		return gl_report(ctx, null && v->key ? v->key : n, v->pointer,
				 "%s must be a list, found %s", name, gl_node_describe(n));
	case GL_SHAPE_STRING:
		if (gl_node_is_string(n))
			return 0;
		if (n->kind == GL_NODE_SCALAR && !null) {
			char shown[96];

			return gl_report(ctx, n, v->pointer,
					 "%s must be a string, found %s; quote it (\"%s\") if the "
					 "value is meant",
					 name, gl_node_describe(n),
					 gl_printable(shown, sizeof(shown), n->u.scalar.value,
						      n->u.scalar.len));
		}
		return gl_report(ctx, null && v->key ? v->key : n, v->pointer,
				 "%s must be a string, found %s", name, gl_node_describe(n));
	}
	return 0;
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	return gl_shape_walk(req->root, visit, ctx);
}

const struct gl_rule gl_rule_invalid_type = {
	.code = "GL105",
	.name = "invalid-type",
	.severity = GL_SEV_ERROR,
	.summary = "A value of the wrong type: a string for a list, a number for a string, null",
	.check = check,
	.doc =
	"What it does\n"
	"  Reports a value whose type is not the one the model expects at that\n"
	"  place: a single string where a list is expected (RedirectUris,\n"
	"  AuthorizedTokenIssuers, AuthorizedAudiences), an integer, number,\n"
	"  boolean or null where a string is expected (YAML reads 12345, true and\n"
	"  an empty value as such), a list or string where a mapping is expected,\n"
	"  and `RefreshToken:` or `TokenExchange:` left empty (null) instead of `{}`.\n"
	"\n"
	"Why it matters\n"
	"  The AWS CLI and SDKs reject a request whose types do not match, and YAML\n"
	"  silently turns unquoted values such as `yes` or `0123` into booleans\n"
	"  and numbers.\n"
	"\n"
	"Example\n"
	"  Bad:   Grant:\n"
	"           RefreshToken:\n"
	"  Good:  Grant:\n"
	"           RefreshToken: {}\n"
	"  Bad:   RedirectUris: https://app.example.com/callback\n"
	"  Good:  RedirectUris: [https://app.example.com/callback]\n"
	"\n"
	"Fix\n"
	"  Write the value with the expected type: `{}` for an empty grant, a list\n"
	"  for a list, quotes around a value that YAML would read as a number.\n"
	"\n"
	"Reference: sso-admin service model, shape types (structure, list, string)\n"
	"of PutApplicationGrantRequest and the shapes below it.",
};
