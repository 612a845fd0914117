/* gl007_not_a_request.c - not-a-request (GL007): reported by the loader (lint/load.c); documentation below. */
#include "rules.h"

const struct gl_rule gl_rule_not_a_request = {
	.code = "GL007",
	.name = "not-a-request",
	.severity = GL_SEV_ERROR,
	.summary = "A document is not a request mapping or a list of them",
	.doc = 
	"What it does\n"
	"  Reports a document whose top level is a scalar, or a list item that is\n"
	"  not a mapping. A grant file holds one request mapping, a list of\n"
	"  request mappings, or a YAML stream (---) of either.\n"
	"\n"
	"Why it matters\n"
	"  aws sso-admin put-application-grant --cli-input-yaml takes a mapping;\n"
	"  anything else cannot be a PutApplicationGrant request.\n"
	"\n"
	"Example\n"
	"  Bad:   - refresh_token\n"
	"  Good:  - ApplicationArn: arn:aws:sso::123456789012:application/ssoins-1111222233334444/apl-1111222233334444\n"
	"          GrantType: refresh_token\n"
	"          Grant: {RefreshToken: {}}\n"
	"\n"
	"Fix\n"
	"  Make each document (or each list item) a mapping with ApplicationArn,\n"
	"  GrantType and Grant.",
};
