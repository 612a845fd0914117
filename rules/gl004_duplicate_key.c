/* gl004_duplicate_key.c - duplicate-key (GL004): reported by the loader (lint/load.c); documentation below. */
#include "rules.h"

const struct gl_rule gl_rule_duplicate_key = {
	.code = "GL004",
	.name = "duplicate-key",
	.severity = GL_SEV_ERROR,
	.summary = "A mapping has the same key twice",
	.doc = 
	"What it does\n"
	"  Reports the second (and any later) occurrence of a key in one mapping,\n"
	"  in YAML and in JSON, naming where the first one is.\n"
	"\n"
	"Why it matters\n"
	"  YAML forbids duplicate keys and JSON leaves them undefined: most\n"
	"  loaders silently keep the last one, so the grant that reaches AWS is\n"
	"  not the one a reviewer read.\n"
	"\n"
	"Example\n"
	"  Bad:   GrantType: authorization_code\n"
	"         GrantType: refresh_token\n"
	"  Good:  GrantType: refresh_token\n"
	"\n"
	"Fix\n"
	"  Keep one of the keys and delete the other.\n"
	"\n"
	"Reference: YAML 1.2.2, section 3.2.1.1; RFC 8259, section 4.",
};
