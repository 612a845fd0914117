/* gl005_limit_exceeded.c - limit-exceeded (GL005): reported by the loader (lint/load.c); documentation below. */
#include "rules.h"

const struct gl_rule gl_rule_limit_exceeded = {
	.code = "GL005",
	.name = "limit-exceeded",
	.severity = GL_SEV_ERROR,
	.summary = "The file is past a safety limit: size, nesting, aliases, documents or items",
	.doc = 
	"What it does\n"
	"  Stops reading a file that is larger than the size limit (default 1 MiB),\n"
	"  nests collections deeper than the depth limit (default 64), whose\n"
	"  aliases would expand to more nodes than the alias limit (default\n"
	"  10000; the \"billion laughs\" attack), that holds more documents or\n"
	"  requests than the document limit (default 1000), or a list or mapping\n"
	"  with more items than the item limit (default 10000).\n"
	"\n"
	"Why it matters\n"
	"  A grant is a few hundred bytes. Files past these limits are mistakes\n"
	"  or attacks, and a linter in a pre-commit hook must never hang or\n"
	"  exhaust memory on them.\n"
	"\n"
	"Example\n"
	"  Bad:   a: &a [x, x, x, x, x, x, x, x, x]\n"
	"         b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	"         ... (each level multiplies the size)\n"
	"  Good:  a grant file without aliases, or with a few small ones.\n"
	"\n"
	"Fix\n"
	"  Split very large files; remove deep nesting and alias chains. The\n"
	"  limits can be raised with --max-file-size (and in configuration).\n"
	"\n"
	"Reference: YAML 1.2.2, section 3.2.2.2 (aliases).",
};
