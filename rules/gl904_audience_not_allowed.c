/*
 * gl904_audience_not_allowed.c - token audiences outside the organisation's
 * policy (policy.audiences: allowed patterns, max_count per issuer).
 */
#include <stdio.h>

#include "conf.h"
#include "rules.h"

static int check_issuer(struct gl_rule_ctx *ctx, const struct gl_config *cfg,
			const struct gl_node *audiences, size_t issuer)
{
	const struct gl_setting *allowed = &cfg->settings[GL_SET_AUDIENCES];
	const struct gl_setting *max = &cfg->settings[GL_SET_AUDIENCE_MAX];
	char list[512], source[700], ptr[128];
	size_t i, n = audiences->u.sequence.count;

	for (i = 0; allowed->set && i < n; i++) {
		const struct gl_node *aud = audiences->u.sequence.items[i];

		if (!gl_node_is_string(aud) ||
		    gl_setting_matches(allowed, aud->u.scalar.value, aud->u.scalar.len))
			continue;
		snprintf(ptr, sizeof(ptr),
			 "/Grant/JwtBearer/AuthorizedTokenIssuers/%zu/AuthorizedAudiences/%zu", issuer,
			 i);
		if (gl_report(ctx, aud, ptr, "audience '%s' is not allowed by %s; allowed: %s",
			      aud->u.scalar.value,
			      gl_setting_source(cfg, GL_SET_AUDIENCES, source, sizeof(source)),
			      gl_setting_list(allowed, list, sizeof(list))) < 0)
			return -1;
	}
	if (max->set && n > max->number) {
		/* Point at the first audience past the limit. */
		snprintf(ptr, sizeof(ptr),
			 "/Grant/JwtBearer/AuthorizedTokenIssuers/%zu/AuthorizedAudiences/%llu", issuer,
			 max->number);
		return gl_report(ctx, audiences->u.sequence.items[max->number], ptr,
				 "%zu audiences for one issuer; %s allows at most %llu", n,
				 gl_setting_source(cfg, GL_SET_AUDIENCE_MAX, source, sizeof(source)),
				 max->number);
	}
	return 0;
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	const struct gl_config *cfg = gl_rule_ctx_config(ctx);
	const struct gl_node *jwt = gl_node_get_member(gl_node_get_member(req->root, "Grant"),
						       "JwtBearer");
	const struct gl_node *issuers = gl_node_get_member(jwt, "AuthorizedTokenIssuers");
	size_t i;

	if (cfg == NULL ||
	    (!cfg->settings[GL_SET_AUDIENCES].set && !cfg->settings[GL_SET_AUDIENCE_MAX].set) ||
	    issuers == NULL || issuers->kind != GL_NODE_SEQUENCE)
		return 0;
	for (i = 0; i < issuers->u.sequence.count; i++) {
		const struct gl_node *auds =
			gl_node_get_member(issuers->u.sequence.items[i], "AuthorizedAudiences");

		if (auds != NULL && auds->kind == GL_NODE_SEQUENCE &&
		    check_issuer(ctx, cfg, auds, i) < 0)
			return -1;
	}
	return 0;
}

const struct gl_rule gl_rule_audience_not_allowed = {
	.code = "GL904",
	.name = "audience-not-allowed",
	.severity = GL_SEV_ERROR,
	.summary = "A token audience outside the configuration's policy, or too many of them",
	.check = check,
	.doc =
	"What it does\n"
	"  When the configuration sets policy.audiences.allowed, reports each\n"
	"  AuthorizedAudiences entry that matches none of its patterns (exact\n"
	"  text, a glob where '*' matches one or more characters, or an anchored\n"
	"  PCRE2 expression starting with '^'). With policy.audiences.max_count,\n"
	"  reports an issuer with more audiences than that, at the first one past\n"
	"  the limit.\n"
	"\n"
	"Why it matters\n"
	"  The audience says which tokens the application accepts from an\n"
	"  issuer. A broad or foreign audience lets tokens minted for another\n"
	"  service be exchanged here (a confused deputy).\n"
	"\n"
	"Example\n"
	"  Configuration:  policy: {audiences: {allowed: ['api://corp-*'], max_count: 2}}\n"
	"  Bad:   AuthorizedAudiences: [https://evil.example.net]\n"
	"  Good:  AuthorizedAudiences: [api://corp-payroll]\n"
	"\n"
	"Fix\n"
	"  Use the audience agreed for this application, or have the owners of the\n"
	"  configuration line named in the message extend the policy.\n"
	"\n"
	"Reference: RFC 7519 section 4.1.3 (aud), RFC 7523 section 3;\n"
	"sso-admin model shape TokenIssuerAudiences; docs/configuration.md.",
};
