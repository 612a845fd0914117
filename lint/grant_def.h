/*
 * grant_def.h - one grant as PutApplicationGrant takes it, in plain C.
 *
 * The sender compares what the files define with what AWS holds; both sides
 * are brought to this one typed form (from the document model here, from the
 * service's JSON in sso_admin.c), so that "unchanged" is a field-by-field
 * equality and an update can be shown field by field.
 */
#ifndef GL_GRANT_DEF_H
#define GL_GRANT_DEF_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

struct grant_def_issuer {
	char *trusted_token_issuer_arn;
	char **audiences;
	size_t audience_count;
};

struct grant_def {
	char *application_arn;
	char *grant_type;
	char *member;          /* the Grant union member: "AuthorizationCode", ... */
	char **redirect_uris;  /* AuthorizationCode.RedirectUris */
	size_t redirect_uri_count;
	bool has_redirect_uris;
	struct grant_def_issuer *issuers; /* JwtBearer.AuthorizedTokenIssuers */
	size_t issuer_count;
	bool has_issuers;
	/* where a file defines it; path is NULL for a grant read from AWS */
	char *path;
	int document;
	unsigned line;
};

struct grant_def_list {
	struct grant_def *items;
	size_t count;
	size_t cap;
};

/*
 * Read the request mapping root (lint-clean) into *out. Members the model
 * does not know are ignored. path and document say where it came from.
 * Returns 0; -1 out of memory; -2 when root does not have the shape of a
 * request (which a lint-clean file always has).
 */
int grant_def_from_node(struct grant_def *out, const struct gl_node *root,
			const char *path, int document);

/* Append a string to a string array (used when building from JSON). 0 or -1. */
int grant_def_strings_push(char ***items, size_t *count, const char *value);

/* Append an empty grant to list and return it, or NULL out of memory. */
struct grant_def *grant_def_list_push(struct grant_def_list *list);

/* True when both define the same grant content (application and type included). */
bool grant_def_equal(const struct grant_def *a, const struct grant_def *b);

/*
 * The field-level differences from live to wanted, one line each, such as
 * "Grant.AuthorizationCode.RedirectUris: [\"https://a\"] -> [\"https://b\"]".
 * *out_lines is a malloc'd array of malloc'd strings (free with
 * grant_def_diff_free()). Returns 0, or -1 out of memory.
 */
int grant_def_diff(char ***out_lines, size_t *out_count, const struct grant_def *live,
		   const struct grant_def *wanted);

void grant_def_diff_free(char **lines, size_t count);

/* NULL-safe. */
void grant_def_free(struct grant_def *grant);
void grant_def_list_free(struct grant_def_list *list);

#endif
