/*
 * gl903_token_issuer_not_trusted.c - a trusted token issuer that the
 * organisation's policy (policy.trusted_token_issuers.allowed) does not list.
 */
#include <stdio.h>

#include "conf.h"
#include "rules.h"

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	const struct gl_config *cfg = gl_rule_ctx_config(ctx);
	const struct gl_node *jwt = gl_node_get_member(gl_node_get_member(req->root, "Grant"),
						       "JwtBearer");
	const struct gl_node *issuers = gl_node_get_member(jwt, "AuthorizedTokenIssuers");
	const struct gl_setting *allowed;
	char list[512], source[700], ptr[128];
	size_t i;

	if (cfg == NULL || !cfg->settings[GL_SET_ISSUERS].set || issuers == NULL ||
	    issuers->kind != GL_NODE_SEQUENCE)
		return 0;
	allowed = &cfg->settings[GL_SET_ISSUERS];
	for (i = 0; i < issuers->u.sequence.count; i++) {
		const struct gl_node *arn =
			gl_node_get_member(issuers->u.sequence.items[i], "TrustedTokenIssuerArn");

		if (!gl_node_is_string(arn) ||
		    gl_setting_matches(allowed, arn->u.scalar.value, arn->u.scalar.len))
			continue;
		snprintf(ptr, sizeof(ptr),
			 "/Grant/JwtBearer/AuthorizedTokenIssuers/%zu/TrustedTokenIssuerArn", i);
		if (gl_report(ctx, arn, ptr,
			      "trusted token issuer '%s' is not allowed by %s; allowed: %s",
			      arn->u.scalar.value,
			      gl_setting_source(cfg, GL_SET_ISSUERS, source, sizeof(source)),
			      gl_setting_list(allowed, list, sizeof(list))) < 0)
			return -1;
	}
	return 0;
}

const struct gl_rule gl_rule_token_issuer_not_trusted = {
	.code = "GL903",
	.name = "token-issuer-not-trusted",
	.severity = GL_SEV_ERROR,
	.summary = "A JWT bearer grant trusts an issuer the configuration's policy does not list",
	.check = check,
	.doc =
	"What it does\n"
	"  When the configuration sets policy.trusted_token_issuers.allowed,\n"
	"  reports each TrustedTokenIssuerArn of a JwtBearer grant that matches\n"
	"  none of its entries. An entry is an ARN, a glob where '*' matches one or\n"
	"  more characters, or an anchored PCRE2 expression starting with '^'.\n"
	"\n"
	"Why it matters\n"
	"  A trusted token issuer may mint tokens that the application exchanges\n"
	"  for Identity Center tokens: trusting an issuer is trusting everyone it\n"
	"  vouches for. Which issuers are trusted is an organisation decision.\n"
	"\n"
	"Example\n"
	"  Configuration:  policy: {trusted_token_issuers: {allowed:\n"
	"                   ['arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-*/*']}}\n"
	"  Bad:   TrustedTokenIssuerArn: arn:aws:sso::999999999999:trustedTokenIssuer/ssoins-1/tti-1\n"
	"  Good:  TrustedTokenIssuerArn: arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-1/tti-1\n"
	"\n"
	"Fix\n"
	"  Use an issuer the policy trusts, or have the configuration's owners\n"
	"  (the line named in the message) add it.\n"
	"\n"
	"Reference: RFC 7523 section 3 (iss); sso-admin model shape\n"
	"AuthorizedTokenIssuer; docs/configuration.md.",
};
