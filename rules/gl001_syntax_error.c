/* gl001_syntax_error.c - syntax-error (GL001): reported by the loader (lint/load.c); documentation below. */
#include "rules.h"

const struct gl_rule gl_rule_syntax_error = {
	.code = "GL001",
	.name = "syntax-error",
	.severity = GL_SEV_ERROR,
	.summary = "The file is not valid YAML, or a .json file is not strict JSON",
	.doc = 
	"What it does\n"
	"  Reports the first place where the file cannot be parsed: YAML that\n"
	"  libyaml rejects, and for files ending in .json anything that is not\n"
	"  strict JSON (RFC 8259): comments, trailing commas, single quotes, text\n"
	"  after the value. It also reports an alias (*name) that refers to no\n"
	"  anchor defined before it.\n"
	"\n"
	"Why it matters\n"
	"  A file that does not parse is not linted at all, and the AWS CLI\n"
	"  (--cli-input-yaml / --cli-input-json) would refuse it too.\n"
	"\n"
	"Example\n"
	"  Bad (grant.json):   {\"GrantType\": \"refresh_token\",}\n"
	"  Good (grant.json):  {\"GrantType\": \"refresh_token\"}\n"
	"\n"
	"Fix\n"
	"  Correct the syntax at the reported position. JSON has no comments:\n"
	"  write the file as YAML if it needs them.\n"
	"\n"
	"Reference: YAML 1.2.2; RFC 8259 (JSON).",
};
