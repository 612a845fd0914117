/* gl006_empty_file.c - empty-file (GL006): reported by the loader (lint/load.c); documentation below. */
#include "rules.h"

const struct gl_rule gl_rule_empty_file = {
	.code = "GL006",
	.name = "empty-file",
	.severity = GL_SEV_ERROR,
	.summary = "The file holds no grant request",
	.doc = 
	"What it does\n"
	"  Reports a grant file that is empty, holds only comments or empty\n"
	"  documents, or holds an empty list.\n"
	"\n"
	"Why it matters\n"
	"  A grant file that defines nothing is usually a file whose content was\n"
	"  lost in a merge or an editor accident; a reviewer cannot tell.\n"
	"\n"
	"Example\n"
	"  Bad:   # TODO\n"
	"  Good:  ApplicationArn: arn:aws:sso::123456789012:application/ssoins-1111222233334444/apl-1111222233334444\n"
	"         GrantType: refresh_token\n"
	"         Grant:\n"
	"           RefreshToken: {}\n"
	"\n"
	"Fix\n"
	"  Add the request the file was meant to hold, or delete the file.",
};
