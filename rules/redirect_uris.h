/* redirect_uris.h - what the GL3xx rules share: every redirect URI, parsed once per rule. */
#ifndef GL_REDIRECT_URIS_H
#define GL_REDIRECT_URIS_H

#include "rule.h"
#include "uri.h"

struct gl_redirect_uri {
	const struct gl_node *node; /* the string scalar */
	const char *pointer;        /* its JSON Pointer */
	const struct gl_uri *uri;   /* NULL when it did not parse */
	size_t error_offset;        /* when uri is NULL: where and why */
	const char *error;
};

typedef int (*gl_redirect_uri_fn)(struct gl_rule_ctx *ctx, const struct gl_redirect_uri *r);

/* Call fn for each string item of each RedirectUris list of the request. */
int gl_each_redirect_uri(struct gl_rule_ctx *ctx, const struct gl_request *req,
			 gl_redirect_uri_fn fn);

/* True for a private-use scheme shaped as a reverse domain name (com.example.app). */
bool gl_scheme_is_reverse_dns(const char *scheme);

/* True for javascript, data, file and vbscript: schemes no redirect should use. */
bool gl_scheme_is_dangerous(const char *scheme);

#endif
