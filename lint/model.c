/* model.c - the constraint table of PutApplicationGrant (see model.h). */
#include <string.h>

#include "model.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const grant_type_values[] = {
	"authorization_code",
	"refresh_token",
	"urn:ietf:params:oauth:grant-type:jwt-bearer",
	"urn:ietf:params:oauth:grant-type:token-exchange",
};

const struct gl_shape gl_shape_application_arn = {
	.name = "ApplicationArn", .kind = GL_SHAPE_STRING, .min = 10, .max = 1224,
	.pattern = "arn:aws(-[a-z]{1,5}){0,3}:sso::\\d{12}:application/(sso)?ins-[a-zA-Z0-9-.]{16}/apl-[a-zA-Z0-9]{16}",
};

const struct gl_shape gl_shape_trusted_token_issuer_arn = {
	.name = "TrustedTokenIssuerArn", .kind = GL_SHAPE_STRING, .min = 10, .max = 1224,
	.pattern = "arn:aws(-[a-z]{1,5}){0,3}:sso::\\d{12}:trustedTokenIssuer/(sso)?ins-[a-zA-Z0-9-.]{16}/tti-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}",
};

const struct gl_shape gl_shape_grant_type = {
	.name = "GrantType", .kind = GL_SHAPE_STRING, .min = -1, .max = -1,
	.enum_values = grant_type_values, .enum_count = N(grant_type_values),
};

const struct gl_shape gl_shape_uri = {
	.name = "URI", .kind = GL_SHAPE_STRING, .min = -1, .max = -1,
};

const struct gl_shape gl_shape_redirect_uris = {
	.name = "RedirectUris", .kind = GL_SHAPE_LIST, .item = &gl_shape_uri, .min = 1, .max = 10,
};

const struct gl_shape gl_shape_token_issuer_audience = {
	.name = "TokenIssuerAudience", .kind = GL_SHAPE_STRING, .min = 1, .max = 512,
};

const struct gl_shape gl_shape_token_issuer_audiences = {
	.name = "TokenIssuerAudiences", .kind = GL_SHAPE_LIST,
	.item = &gl_shape_token_issuer_audience, .min = 1, .max = 10,
};

static const struct gl_member authorized_token_issuer_members[] = {
	{ "TrustedTokenIssuerArn", &gl_shape_trusted_token_issuer_arn, false, true },
	{ "AuthorizedAudiences", &gl_shape_token_issuer_audiences, false, true },
};

const struct gl_shape gl_shape_authorized_token_issuer = {
	.name = "AuthorizedTokenIssuer", .kind = GL_SHAPE_STRUCTURE,
	.members = authorized_token_issuer_members,
	.member_count = N(authorized_token_issuer_members), .min = -1, .max = -1,
};

const struct gl_shape gl_shape_authorized_token_issuers = {
	.name = "AuthorizedTokenIssuers", .kind = GL_SHAPE_LIST,
	.item = &gl_shape_authorized_token_issuer, .min = 1, .max = 10,
};

static const struct gl_member authorization_code_members[] = {
	{ "RedirectUris", &gl_shape_redirect_uris, false, true },
};

const struct gl_shape gl_shape_authorization_code_grant = {
	.name = "AuthorizationCodeGrant", .kind = GL_SHAPE_STRUCTURE,
	.members = authorization_code_members, .member_count = N(authorization_code_members),
	.min = -1, .max = -1,
};

static const struct gl_member jwt_bearer_members[] = {
	{ "AuthorizedTokenIssuers", &gl_shape_authorized_token_issuers, false, true },
};

const struct gl_shape gl_shape_jwt_bearer_grant = {
	.name = "JwtBearerGrant", .kind = GL_SHAPE_STRUCTURE, .members = jwt_bearer_members,
	.member_count = N(jwt_bearer_members), .min = -1, .max = -1,
};

const struct gl_shape gl_shape_refresh_token_grant = {
	.name = "RefreshTokenGrant", .kind = GL_SHAPE_STRUCTURE, .min = -1, .max = -1,
};

const struct gl_shape gl_shape_token_exchange_grant = {
	.name = "TokenExchangeGrant", .kind = GL_SHAPE_STRUCTURE, .min = -1, .max = -1,
};

static const struct gl_member grant_members[] = {
	{ "AuthorizationCode", &gl_shape_authorization_code_grant, false, false },
	{ "JwtBearer", &gl_shape_jwt_bearer_grant, false, false },
	{ "RefreshToken", &gl_shape_refresh_token_grant, false, false },
	{ "TokenExchange", &gl_shape_token_exchange_grant, false, false },
};

const struct gl_shape gl_shape_grant = {
	.name = "Grant", .kind = GL_SHAPE_UNION, .members = grant_members,
	.member_count = N(grant_members), .min = -1, .max = -1,
};

static const struct gl_member request_members[] = {
	{ "ApplicationArn", &gl_shape_application_arn, true, false },
	{ "GrantType", &gl_shape_grant_type, true, false },
	{ "Grant", &gl_shape_grant, true, false },
};

const struct gl_shape gl_shape_request = {
	.name = "PutApplicationGrantRequest", .kind = GL_SHAPE_STRUCTURE,
	.members = request_members, .member_count = N(request_members), .min = -1, .max = -1,
};

const struct gl_shape *const gl_model_shapes[] = {
	&gl_shape_request,
	&gl_shape_application_arn,
	&gl_shape_grant_type,
	&gl_shape_grant,
	&gl_shape_authorization_code_grant,
	&gl_shape_redirect_uris,
	&gl_shape_uri,
	&gl_shape_jwt_bearer_grant,
	&gl_shape_authorized_token_issuers,
	&gl_shape_authorized_token_issuer,
	&gl_shape_trusted_token_issuer_arn,
	&gl_shape_token_issuer_audiences,
	&gl_shape_token_issuer_audience,
	&gl_shape_refresh_token_grant,
	&gl_shape_token_exchange_grant,
};

const size_t gl_model_shape_count = N(gl_model_shapes);

const struct gl_shape *gl_model_shape(const char *name)
{
	size_t i;

	for (i = 0; i < gl_model_shape_count; i++)
		if (!strcmp(gl_model_shapes[i]->name, name))
			return gl_model_shapes[i];
	return NULL;
}

const struct gl_member *gl_shape_member(const struct gl_shape *shape, const char *name)
{
	size_t i;

	for (i = 0; i < shape->member_count; i++)
		if (!strcmp(shape->members[i].name, name))
			return &shape->members[i];
	return NULL;
}

size_t gl_shape_member_names(const struct gl_shape *shape, const char **out, size_t max)
{
	size_t i;

	for (i = 0; i < shape->member_count && i < max; i++)
		out[i] = shape->members[i].name;
	return i;
}

static const struct {
	const char *grant_type;
	const char *member;
} grant_type_members[] = {
	{ "authorization_code", "AuthorizationCode" },
	{ "refresh_token", "RefreshToken" },
	{ "urn:ietf:params:oauth:grant-type:jwt-bearer", "JwtBearer" },
	{ "urn:ietf:params:oauth:grant-type:token-exchange", "TokenExchange" },
};

const char *gl_model_member_for_grant_type(const char *grant_type)
{
	size_t i;

	for (i = 0; i < N(grant_type_members); i++)
		if (!strcmp(grant_type_members[i].grant_type, grant_type))
			return grant_type_members[i].member;
	return NULL;
}

const char *gl_model_grant_type_for_member(const char *member)
{
	size_t i;

	for (i = 0; i < N(grant_type_members); i++)
		if (!strcmp(grant_type_members[i].member, member))
			return grant_type_members[i].grant_type;
	return NULL;
}
