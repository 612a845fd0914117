/*
 * gl106_invalid_grant_type.c - GrantType is not one of the four enum values.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model.h"
#include "printable.h"
#include "rules.h"
#include "suggest.h"

#define URN_PREFIX "urn:ietf:params:oauth:grant-type:"

/* A value folded for comparison: lower case, no URN prefix, '-' and ' ' as '_'. */
static void fold(const char *in, char *out, size_t size)
{
	size_t n = 0;

	if (strncasecmp(in, URN_PREFIX, strlen(URN_PREFIX)) == 0)
		in += strlen(URN_PREFIX);
	for (; *in != '\0' && n + 1 < size; in++)
		out[n++] = (*in == '-' || *in == ' ') ? '_' : (char)tolower((unsigned char)*in);
	out[n] = '\0';
}

/* The enum value that `value` most likely means, or NULL. */
static const char *closest(const char *value)
{
	const struct gl_shape *s = &gl_shape_grant_type;
	char folded[128], short_forms[4][64];
	const char *candidates[4];
	const char *hit;
	size_t i, n = s->enum_count < 4 ? s->enum_count : 4;

	fold(value, folded, sizeof(folded));
	for (i = 0; i < n; i++) {
		fold(s->enum_values[i], short_forms[i], sizeof(short_forms[i]));
		candidates[i] = short_forms[i];
	}
	hit = gl_suggest(folded, candidates, n);
	for (i = 0; hit != NULL && i < n; i++)
		if (candidates[i] == hit)
			return s->enum_values[i];
	return NULL;
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	const struct gl_node *type = gl_node_get_member(req->root, "GrantType");
	const struct gl_shape *s = &gl_shape_grant_type;
	const char *hint;
	char list[512], shown[160];
	size_t i, len = 0;

	if (!gl_node_is_string(type))
		return 0; /* absent: GL101; not a string: GL105 */
	for (i = 0; i < s->enum_count; i++)
		if (!strcmp(type->u.scalar.value, s->enum_values[i]))
			return 0;
	gl_printable(shown, sizeof(shown), type->u.scalar.value, type->u.scalar.len);
	hint = closest(type->u.scalar.value);
	if (hint != NULL)
		return gl_report(ctx, type, "/GrantType",
				 "GrantType '%s' is not a grant type; did you mean '%s'?",
				 shown, hint);
	list[0] = '\0';
	for (i = 0; i < s->enum_count && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", i ? ", " : "",
					s->enum_values[i]);
	return gl_report(ctx, type, "/GrantType",
			 "GrantType '%s' is not a grant type; expected one of: %s",
			 shown, list);
}

const struct gl_rule gl_rule_invalid_grant_type = {
	.code = "GL106",
	.name = "invalid-grant-type",
	.severity = GL_SEV_ERROR,
	.summary = "GrantType is not one of the four values the service accepts",
	.check = check,
	.doc =
	"What it does\n"
	"  Reports a GrantType that is not exactly one of authorization_code,\n"
	"  refresh_token, urn:ietf:params:oauth:grant-type:jwt-bearer or\n"
	"  urn:ietf:params:oauth:grant-type:token-exchange, and says which one\n"
	"  was meant: authorization-code, jwt-bearer, token-exchange, a wrong\n"
	"  letter case or a small typo all get the exact value.\n"
	"\n"
	"Why it matters\n"
	"  The service compares GrantType exactly; anything else is rejected.\n"
	"  The two URN values are easy to shorten by mistake.\n"
	"\n"
	"Example\n"
	"  Bad:   GrantType: jwt-bearer\n"
	"  Good:  GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer\n"
	"\n"
	"Fix\n"
	"  Write the suggested value.\n"
	"\n"
	"Reference: sso-admin service model, shape GrantType (enum); RFC 7523\n"
	"(jwt-bearer), RFC 8693 (token-exchange), RFC 6749 section 4.1.",
};
