/*
 * gl901_grant_type_not_allowed.c - a grant type the organisation's policy
 * (policy.grant_types.allowed) does not permit for this file.
 */
#include "conf.h"
#include "rules.h"

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	const struct gl_config *cfg = gl_rule_ctx_config(ctx);
	const struct gl_node *type = gl_node_get_member(req->root, "GrantType");
	const struct gl_setting *allowed;
	char list[512], source[700];

	if (cfg == NULL || !cfg->settings[GL_SET_GRANT_TYPES].set || !gl_node_is_string(type))
		return 0;
	allowed = &cfg->settings[GL_SET_GRANT_TYPES];
	if (gl_setting_matches(allowed, type->u.scalar.value, type->u.scalar.len))
		return 0;
	return gl_report(ctx, type, "/GrantType",
			 "grant type '%s' is not allowed here by %s; allowed: %s",
			 type->u.scalar.value,
			 gl_setting_source(cfg, GL_SET_GRANT_TYPES, source, sizeof(source)),
			 gl_setting_list(allowed, list, sizeof(list)));
}

const struct gl_rule gl_rule_grant_type_not_allowed = {
	.code = "GL901",
	.name = "grant-type-not-allowed",
	.severity = GL_SEV_ERROR,
	.summary = "A grant type that the configuration's policy does not permit here",
	.check = check,
	.doc =
	"What it does\n"
	"  When the configuration sets policy.grant_types.allowed (for every file,\n"
	"  or for some folders through overrides), reports a GrantType that is not\n"
	"  in that list, naming the key and the line of the configuration that\n"
	"  set it.\n"
	"\n"
	"Why it matters\n"
	"  Platform teams decide which OAuth flows an application may use: a\n"
	"  token-exchange or jwt-bearer grant lets an application act with tokens\n"
	"  from elsewhere, and should only appear where it was agreed.\n"
	"\n"
	"Example\n"
	"  Configuration:  policy: {grant_types: {allowed: [authorization_code]}}\n"
	"  Bad:   GrantType: urn:ietf:params:oauth:grant-type:token-exchange\n"
	"  Good:  GrantType: authorization_code\n"
	"\n"
	"Fix\n"
	"  Use an allowed grant type, or ask the owners of the configuration line\n"
	"  named in the message to allow it (for this folder, with an override).\n"
	"\n"
	"Reference: RFC 6749 section 4 (grant types), RFC 7523, RFC 8693;\n"
	"sso-admin model shape GrantType; docs/configuration.md.",
};
