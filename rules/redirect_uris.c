/* redirect_uris.c - every redirect URI of a request, parsed (see redirect_uris.h). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "model.h"
#include "redirect_uris.h"
#include "shape_walk.h"

struct each {
	struct gl_rule_ctx *ctx;
	gl_redirect_uri_fn fn;
};

static int visit(void *arg, const struct gl_shape_visit *v)
{
	struct each *e = arg;
	struct gl_redirect_uri r;
	struct gl_uri uri;
	int rc;

	if (v->shape != &gl_shape_uri || !gl_node_is_string(v->node))
		return 0;
	r.node = v->node;
	r.pointer = v->pointer;
	if (gl_uri_parse(&uri, v->node->u.scalar.value, v->node->u.scalar.len, &r.error_offset,
			 &r.error) == 0)
		r.uri = &uri;
	else
		r.uri = NULL;
	rc = e->fn(e->ctx, &r);
	gl_uri_free(&uri);
	return rc;
}

int gl_each_redirect_uri(struct gl_rule_ctx *ctx, const struct gl_request *req,
			 gl_redirect_uri_fn fn)
{
	struct each e = { ctx, fn };

	return gl_shape_walk(req->root, visit, &e);
}

bool gl_scheme_is_reverse_dns(const char *scheme)
{
	const char *p = scheme;
	int labels = 0;

	/* Labels of letters, digits and '-', separated by single dots; two or more. */
	while (*p != '\0') {
		const char *start = p;

		if (!isalpha((unsigned char)*p))
			return false;
		while (isalnum((unsigned char)*p) || *p == '-')
			p++;
		if (p[-1] == '-' || p == start)
			return false;
		labels++;
		if (*p == '.')
			p++;
		else if (*p != '\0')
			return false;
		else
			break;
		if (*p == '\0')
			return false;
	}
	return labels >= 2;
}

bool gl_scheme_is_dangerous(const char *scheme)
{
	static const char *const dangerous[] = { "javascript", "data", "file", "vbscript" };
	size_t i;

	for (i = 0; i < sizeof(dangerous) / sizeof(dangerous[0]); i++)
		if (strcasecmp(scheme, dangerous[i]) == 0)
			return true;
	return false;
}
