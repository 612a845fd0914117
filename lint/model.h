/*
 * model.h - the PutApplicationGrant constraint table compiled into grantlint.
 *
 * Transcribed from the sso-admin service model (tests/data/aws-model/
 * service-2.json); tests/check_model.c fails when the two differ. Patterns
 * are stored as in the model (unanchored, Smithy semantics); callers anchor.
 */
#ifndef GL_MODEL_H
#define GL_MODEL_H

#include <stdbool.h>
#include <stddef.h>

enum gl_shape_kind {
	GL_SHAPE_STRUCTURE,
	GL_SHAPE_UNION,
	GL_SHAPE_LIST,
	GL_SHAPE_STRING,
};

struct gl_shape;

struct gl_member {
	const char *name;
	const struct gl_shape *shape;
	bool required;         /* required by the model */
	bool service_required; /* optional in the model, but the service needs it */
};

struct gl_shape {
	const char *name;
	enum gl_shape_kind kind;
	const struct gl_member *members; /* structure, union */
	size_t member_count;
	const struct gl_shape *item;     /* list */
	long min;                        /* length or item count, -1 when unbounded */
	long max;
	const char *pattern;             /* NULL when none */
	const char *const *enum_values;  /* NULL when none */
	size_t enum_count;
};

extern const struct gl_shape gl_shape_request;
extern const struct gl_shape gl_shape_application_arn;
extern const struct gl_shape gl_shape_grant_type;
extern const struct gl_shape gl_shape_grant;
extern const struct gl_shape gl_shape_authorization_code_grant;
extern const struct gl_shape gl_shape_redirect_uris;
extern const struct gl_shape gl_shape_uri;
extern const struct gl_shape gl_shape_jwt_bearer_grant;
extern const struct gl_shape gl_shape_authorized_token_issuers;
extern const struct gl_shape gl_shape_authorized_token_issuer;
extern const struct gl_shape gl_shape_trusted_token_issuer_arn;
extern const struct gl_shape gl_shape_token_issuer_audiences;
extern const struct gl_shape gl_shape_token_issuer_audience;
extern const struct gl_shape gl_shape_refresh_token_grant;
extern const struct gl_shape gl_shape_token_exchange_grant;

/* Every shape of the table, for the model test and the schema. */
extern const struct gl_shape *const gl_model_shapes[];
extern const size_t gl_model_shape_count;

const struct gl_shape *gl_model_shape(const char *name);
const struct gl_member *gl_shape_member(const struct gl_shape *shape, const char *name);

/* Names of a shape's members, for suggestions. Fills up to max, returns count. */
size_t gl_shape_member_names(const struct gl_shape *shape, const char **out, size_t max);

/* The Grant union member that goes with a GrantType value, or NULL. */
const char *gl_model_member_for_grant_type(const char *grant_type);
/* The GrantType value that goes with a Grant union member, or NULL. */
const char *gl_model_grant_type_for_member(const char *member);

#endif
