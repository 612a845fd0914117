/*
 * gl905_application_not_allowed.c - an ApplicationArn outside the
 * organisation's policy (policy.applications: accounts, partitions, instances).
 */
#include <stdio.h>
#include <string.h>

#include "arn.h"
#include "conf.h"
#include "rules.h"

/* Byte offset of the n-th ':'-separated field of an ARN (0: "arn"). */
static size_t field_offset(const char *arn, int n)
{
	const char *p = arn;

	while (n-- > 0 && (p = strchr(p, ':')) != NULL)
		p++;
	return p ? (size_t)(p - arn) : 0;
}

static int report_part(struct gl_rule_ctx *ctx, const struct gl_node *node, size_t from,
		       size_t len, const char *fmt_part, const char *part,
		       const struct gl_config *cfg, enum gl_setting_id id)
{
	struct gl_pos start, end;
	char source[700], list[512];

	gl_setting_source(cfg, id, source, sizeof(source));
	gl_setting_list(&cfg->settings[id], list, sizeof(list));
	if (gl_node_scalar_pos_at(node, from, &start) && gl_node_scalar_pos_at(node, from + len, &end))
		return gl_report_range(ctx, start, end, "/ApplicationArn",
				       "%s '%s' is not allowed by %s; allowed: %s", fmt_part, part,
				       source, list);
	return gl_report(ctx, node, "/ApplicationArn", "%s '%s' is not allowed by %s; allowed: %s",
			 fmt_part, part, source, list);
}

static int check(struct gl_rule_ctx *ctx, const struct gl_request *req)
{
	const struct gl_config *cfg = gl_rule_ctx_config(ctx);
	const struct gl_node *node = gl_node_get_member(req->root, "ApplicationArn");
	const struct gl_setting *s;
	const char *text;
	struct gl_arn arn;
	size_t off;

	if (cfg == NULL || !gl_node_is_string(node))
		return 0;
	s = cfg->settings;
	if (!s[GL_SET_PARTITIONS].set && !s[GL_SET_ACCOUNTS].set && !s[GL_SET_INSTANCES].set)
		return 0;
	text = node->u.scalar.value;
	/* An ARN without the expected outline is GL2xx's to report. */
	if (gl_arn_split(&arn, text) < 0 || arn.truncated)
		return 0;
	if (s[GL_SET_PARTITIONS].set &&
	    !gl_setting_matches(&s[GL_SET_PARTITIONS], arn.partition, strlen(arn.partition)) &&
	    report_part(ctx, node, field_offset(text, 1), strlen(arn.partition), "partition",
			arn.partition, cfg, GL_SET_PARTITIONS) < 0)
		return -1;
	if (s[GL_SET_ACCOUNTS].set &&
	    !gl_setting_matches(&s[GL_SET_ACCOUNTS], arn.account, strlen(arn.account)) &&
	    report_part(ctx, node, field_offset(text, 4), strlen(arn.account), "account",
			arn.account, cfg, GL_SET_ACCOUNTS) < 0)
		return -1;
	if (s[GL_SET_INSTANCES].set &&
	    !gl_setting_matches(&s[GL_SET_INSTANCES], arn.instance, strlen(arn.instance))) {
		off = field_offset(text, 5) + strlen(arn.resource_type) + 1;
		return report_part(ctx, node, off, strlen(arn.instance), "Identity Center instance",
				   arn.instance, cfg, GL_SET_INSTANCES);
	}
	return 0;
}

const struct gl_rule gl_rule_application_not_allowed = {
	.code = "GL905",
	.name = "application-not-allowed",
	.severity = GL_SEV_ERROR,
	.summary = "An application outside the configuration's accounts, partitions or instances",
	.check = check,
	.doc =
	"What it does\n"
	"  When the configuration sets policy.applications (accounts, partitions,\n"
	"  instances), splits the ApplicationArn and reports the part that is not\n"
	"  listed: the partition (aws, aws-cn, aws-us-gov, ...), the 12-digit\n"
	"  account, or the Identity Center instance (ssoins-...). The finding\n"
	"  points at that part and names the key and the configuration line.\n"
	"\n"
	"Why it matters\n"
	"  A grants repository usually serves one organisation's Identity Center\n"
	"  instance. A grant for an application in another account or instance is\n"
	"  a copy-paste mistake at best, and at worst grants access in an\n"
	"  environment the reviewers did not mean (production instead of test).\n"
	"\n"
	"Example\n"
	"  Configuration:  policy: {applications: {accounts: ['123456789012']}}\n"
	"  Bad:   ApplicationArn: arn:aws:sso::999999999999:application/ssoins-1111222233334444/apl-1\n"
	"  Good:  ApplicationArn: arn:aws:sso::123456789012:application/ssoins-1111222233334444/apl-1\n"
	"\n"
	"Fix\n"
	"  Use the application of the intended account and instance, or have the\n"
	"  owners of the configuration line named in the message allow it.\n"
	"\n"
	"Reference: AWS ARN format (arn:partition:service:region:account:resource);\n"
	"sso-admin model shape ApplicationArn; docs/configuration.md.",
};
