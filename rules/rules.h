/* rules.h - every rule, for the registry and for the loader's document rules. */
#ifndef GL_RULES_H
#define GL_RULES_H

#include "rule.h"

/* GL0xx: the document itself (reported by the loader). */
extern const struct gl_rule gl_rule_syntax_error;
extern const struct gl_rule gl_rule_invalid_encoding;
extern const struct gl_rule gl_rule_tab_indentation;
extern const struct gl_rule gl_rule_duplicate_key;
extern const struct gl_rule gl_rule_limit_exceeded;
extern const struct gl_rule gl_rule_empty_file;
extern const struct gl_rule gl_rule_not_a_request;

/* GL08x: suppressions (reported by lint/suppress.c). */
extern const struct gl_rule gl_rule_suppression_missing_reason;
extern const struct gl_rule gl_rule_unused_suppression;

/* GL1xx: structure. */
extern const struct gl_rule gl_rule_missing_required_field;
extern const struct gl_rule gl_rule_unknown_key;
extern const struct gl_rule gl_rule_grant_union_not_one_member;
extern const struct gl_rule gl_rule_grant_type_mismatch;
extern const struct gl_rule gl_rule_invalid_type;
extern const struct gl_rule gl_rule_invalid_grant_type;

/* GL2xx: ARNs. */
extern const struct gl_rule gl_rule_invalid_arn;
extern const struct gl_rule gl_rule_unknown_partition;
extern const struct gl_rule gl_rule_issuer_outside_instance;

/* GL3xx: redirect URIs. */
extern const struct gl_rule gl_rule_invalid_redirect_uri;
extern const struct gl_rule gl_rule_redirect_uri_fragment;
extern const struct gl_rule gl_rule_insecure_redirect_uri;
extern const struct gl_rule gl_rule_unsupported_redirect_scheme;
extern const struct gl_rule gl_rule_redirect_uri_wildcard;
extern const struct gl_rule gl_rule_redirect_uri_userinfo;
extern const struct gl_rule gl_rule_dangerous_redirect_scheme;
extern const struct gl_rule gl_rule_duplicate_redirect_uri;
extern const struct gl_rule gl_rule_redirect_uri_count;

/* GL4xx: issuers and audiences. */
extern const struct gl_rule gl_rule_token_issuer_count;
extern const struct gl_rule gl_rule_duplicate_token_issuer;
extern const struct gl_rule gl_rule_audience_count;
extern const struct gl_rule gl_rule_invalid_audience;
extern const struct gl_rule gl_rule_duplicate_audience;

/* GL5xx: across files. */
extern const struct gl_rule gl_rule_conflicting_grant;

/* GL9xx: organisation policy from the configuration (lint/conf.h). */
extern const struct gl_rule gl_rule_grant_type_not_allowed;
extern const struct gl_rule gl_rule_redirect_uri_not_allowed;
extern const struct gl_rule gl_rule_token_issuer_not_trusted;
extern const struct gl_rule gl_rule_audience_not_allowed;
extern const struct gl_rule gl_rule_application_not_allowed;

#endif
