/* registry.c - the central list of rules, in code order. */
#include <string.h>
#include <strings.h>

#include "rules.h"

const struct gl_rule *const gl_rules[] = {
	&gl_rule_syntax_error,
	&gl_rule_invalid_encoding,
	&gl_rule_tab_indentation,
	&gl_rule_duplicate_key,
	&gl_rule_limit_exceeded,
	&gl_rule_empty_file,
	&gl_rule_not_a_request,
	&gl_rule_suppression_missing_reason,
	&gl_rule_unused_suppression,
	&gl_rule_missing_required_field,
	&gl_rule_unknown_key,
	&gl_rule_grant_union_not_one_member,
	&gl_rule_grant_type_mismatch,
	&gl_rule_invalid_type,
	&gl_rule_invalid_grant_type,
	&gl_rule_invalid_arn,
	&gl_rule_unknown_partition,
	&gl_rule_issuer_outside_instance,
	&gl_rule_invalid_redirect_uri,
	&gl_rule_redirect_uri_fragment,
	&gl_rule_insecure_redirect_uri,
	&gl_rule_unsupported_redirect_scheme,
	&gl_rule_redirect_uri_wildcard,
	&gl_rule_redirect_uri_userinfo,
	&gl_rule_dangerous_redirect_scheme,
	&gl_rule_duplicate_redirect_uri,
	&gl_rule_redirect_uri_count,
	&gl_rule_token_issuer_count,
	&gl_rule_duplicate_token_issuer,
	&gl_rule_audience_count,
	&gl_rule_invalid_audience,
	&gl_rule_duplicate_audience,
	&gl_rule_conflicting_grant,
	&gl_rule_grant_type_not_allowed,
	&gl_rule_redirect_uri_not_allowed,
	&gl_rule_token_issuer_not_trusted,
	&gl_rule_audience_not_allowed,
	&gl_rule_application_not_allowed,
};

const size_t gl_rules_count = sizeof(gl_rules) / sizeof(gl_rules[0]);

const struct gl_rule *gl_rule_find(const char *code_or_name)
{
	size_t i;

	for (i = 0; i < gl_rules_count; i++)
		if (strcasecmp(gl_rules[i]->code, code_or_name) == 0 ||
		    strcmp(gl_rules[i]->name, code_or_name) == 0)
			return gl_rules[i];
	return NULL;
}

size_t gl_rule_index(const struct gl_rule *rule)
{
	size_t i;

	for (i = 0; i < gl_rules_count; i++)
		if (gl_rules[i] == rule)
			return i;
	return 0;
}

/*
 * A rule selector: a code ("GL301"), a name ("redirect-uri-fragment"), or a
 * family ("GL3xx", "GL3") — case-insensitive for codes and families.
 */
bool gl_rule_matches(const struct gl_rule *rule, const char *selector)
{
	size_t len = strlen(selector);

	if (strcasecmp(rule->code, selector) == 0 || strcmp(rule->name, selector) == 0)
		return true;
	if (len == 5 && strncasecmp(selector, "GL", 2) == 0 &&
	    strcasecmp(selector + 3, "xx") == 0)
		return strncasecmp(rule->code, selector, 3) == 0;
	if (len == 3 && strncasecmp(selector, "GL", 2) == 0 && selector[2] >= '0' &&
	    selector[2] <= '9')
		return strncasecmp(rule->code, selector, 3) == 0;
	if (strcasecmp(selector, "all") == 0)
		return true;
	return false;
}
