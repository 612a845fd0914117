/*
 * gl902_redirect_uri_not_allowed.c - redirect URIs outside the organisation's
 * policy (policy.redirect_uris: allowed_hosts, allowed_schemes,
 * allow_loopback, allow_http, max_count).
 */
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "rules.h"
#include "uri.h"

/* Report at bytes [from, to) of a single-line scalar, or at the whole scalar. */
static int report_part(struct gl_rule_ctx *ctx, const struct gl_node *uri, long from, size_t to,
		       const char *ptr, const char *message)
{
	struct gl_pos start, end;

	if (from >= 0 && gl_node_scalar_pos_at(uri, (size_t)from, &start) &&
	    gl_node_scalar_pos_at(uri, to, &end))
		return gl_report_range(ctx, start, end, ptr, "%s", message);
	return gl_report(ctx, uri, ptr, "%s", message);
}

static int check_uri(struct gl_rule_ctx *ctx, const struct gl_config *cfg,
		     const struct gl_node *node, const char *ptr)
{
	const struct gl_setting *s = cfg->settings;
	char msg[1600], source[700], list[512];
	struct gl_uri uri;
	size_t erroff;
	const char *error;
	bool loopback;
	int rc = 0;

	/* A URI that does not parse is GL301's to report. */
	if (gl_uri_parse(&uri, node->u.scalar.value, node->u.scalar.len, &erroff, &error) < 0) {
		gl_uri_free(&uri);
		return 0;
	}
	loopback = uri.host != NULL && gl_uri_host_is_loopback(&uri);
	if (s[GL_SET_REDIRECT_SCHEMES].set &&
	    !gl_setting_matches(&s[GL_SET_REDIRECT_SCHEMES], uri.scheme, strlen(uri.scheme))) {
		snprintf(msg, sizeof(msg), "scheme '%s' is not allowed by %s; allowed: %s",
			 uri.scheme, gl_setting_source(cfg, GL_SET_REDIRECT_SCHEMES, source, sizeof(source)),
			 gl_setting_list(&s[GL_SET_REDIRECT_SCHEMES], list, sizeof(list)));
		rc = report_part(ctx, node, 0, strlen(uri.scheme), ptr, msg);
	} else if (s[GL_SET_ALLOW_HTTP].set && !s[GL_SET_ALLOW_HTTP].boolean &&
		   !strcmp(uri.scheme, "http") &&
		   !(loopback && s[GL_SET_ALLOW_LOOPBACK].set && s[GL_SET_ALLOW_LOOPBACK].boolean)) {
		snprintf(msg, sizeof(msg), "plain http is not allowed by %s; use https",
			 gl_setting_source(cfg, GL_SET_ALLOW_HTTP, source, sizeof(source)));
		rc = report_part(ctx, node, 0, 4, ptr, msg);
	}
	if (rc == 0 && uri.host != NULL && loopback && s[GL_SET_ALLOW_LOOPBACK].set &&
	    !s[GL_SET_ALLOW_LOOPBACK].boolean) {
		snprintf(msg, sizeof(msg), "loopback host '%s' is not allowed by %s", uri.host,
			 gl_setting_source(cfg, GL_SET_ALLOW_LOOPBACK, source, sizeof(source)));
		rc = report_part(ctx, node, uri.host_offset,
				 (size_t)uri.host_offset + strlen(uri.host), ptr, msg);
	} else if (rc == 0 && uri.host != NULL && s[GL_SET_REDIRECT_HOSTS].set &&
		   !(loopback && s[GL_SET_ALLOW_LOOPBACK].set && s[GL_SET_ALLOW_LOOPBACK].boolean) &&
		   !gl_setting_matches(&s[GL_SET_REDIRECT_HOSTS], uri.host, strlen(uri.host))) {
		snprintf(msg, sizeof(msg), "host '%s' is not allowed by %s; allowed: %s", uri.host,
			 gl_setting_source(cfg, GL_SET_REDIRECT_HOSTS, source, sizeof(source)),
			 gl_setting_list(&s[GL_SET_REDIRECT_HOSTS], list, sizeof(list)));
		/* An IPv6 host is written in brackets; the offset is of the address. */
		rc = report_part(ctx, node, uri.host_offset,
				 (size_t)uri.host_offset + strlen(uri.host), ptr, msg);
	}
	gl_uri_free(&uri);
	return rc;
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	const struct gl_config *cfg = gl_rule_ctx_config(ctx);
	const struct gl_node *code = gl_node_get_member(gl_node_get_member(req->root, "Grant"),
							"AuthorizationCode");
	const struct gl_node *uris = gl_node_get_member(code, "RedirectUris");
	const struct gl_setting *max;
	char ptr[96], source[700];
	size_t i, n;

	if (cfg == NULL || uris == NULL || uris->kind != GL_NODE_SEQUENCE)
		return 0;
	n = uris->u.sequence.count;
	for (i = 0; i < n; i++) {
		const struct gl_node *item = uris->u.sequence.items[i];

		snprintf(ptr, sizeof(ptr), "/Grant/AuthorizationCode/RedirectUris/%zu", i);
		if (gl_node_is_string(item) && check_uri(ctx, cfg, item, ptr) < 0)
			return -1;
	}
	max = &cfg->settings[GL_SET_REDIRECT_MAX];
	if (max->set && n > max->number) {
		snprintf(ptr, sizeof(ptr), "/Grant/AuthorizationCode/RedirectUris/%llu", max->number);
		return gl_report(ctx, uris->u.sequence.items[max->number], ptr,
				 "%zu redirect URIs; %s allows at most %llu", n,
				 gl_setting_source(cfg, GL_SET_REDIRECT_MAX, source, sizeof(source)),
				 max->number);
	}
	return 0;
}

const struct gl_rule gl_rule_redirect_uri_not_allowed = {
	.code = "GL902",
	.name = "redirect-uri-not-allowed",
	.severity = GL_SEV_ERROR,
	.summary = "A redirect URI outside the configuration's policy: host, scheme, loopback, http, count",
	.check = check,
	.doc =
	"What it does\n"
	"  Applies the configuration's policy.redirect_uris to each RedirectUris\n"
	"  entry: allowed_hosts (host globs such as *.example.com, or anchored\n"
	"  PCRE2 expressions starting with '^'; case is ignored), allowed_schemes,\n"
	"  allow_loopback (localhost, 127.0.0.0/8, ::1), allow_http (plain http;\n"
	"  loopback URIs follow allow_loopback, as RFC 8252 lets native apps use\n"
	"  http on the loopback interface) and max_count. The finding points at\n"
	"  the offending part of the URI and names the key and the line of the\n"
	"  configuration that set it.\n"
	"\n"
	"Why it matters\n"
	"  The redirect URI is where Identity Center sends authorization codes. A\n"
	"  host outside the organisation's control receives them, and with them\n"
	"  access to the users' data (RFC 9700 section 4.1).\n"
	"\n"
	"Example\n"
	"  Configuration:  policy: {redirect_uris: {allowed_hosts: ['*.example.com']}}\n"
	"  Bad:   RedirectUris: [https://app.example.net/callback]\n"
	"  Good:  RedirectUris: [https://app.example.com/callback]\n"
	"\n"
	"Fix\n"
	"  Redirect to a host and scheme the policy allows, or have the owners of\n"
	"  the configuration line named in the message allow it (for one folder,\n"
	"  with an override).\n"
	"\n"
	"Reference: RFC 6749 section 3.1.2, RFC 8252 section 7.3, RFC 9700\n"
	"section 4.1; sso-admin model shape RedirectUris; docs/configuration.md.",
};
