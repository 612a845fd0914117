/* gl003_tab_indentation.c - tab-indentation (GL003): reported by the loader (lint/load.c); documentation below. */
#include "rules.h"

const struct gl_rule gl_rule_tab_indentation = {
	.code = "GL003",
	.name = "tab-indentation",
	.severity = GL_SEV_ERROR,
	.summary = "A tab character is used to indent YAML",
	.doc = 
	"What it does\n"
	"  Reports a tab character where YAML expects indentation.\n"
	"\n"
	"Why it matters\n"
	"  YAML forbids tabs for indentation; parsers reject the file, and\n"
	"  editors show tabs at widths that hide the real structure.\n"
	"\n"
	"Example\n"
	"  Bad:   Grant:\n"
	"         <TAB>RefreshToken: {}\n"
	"  Good:  Grant:\n"
	"           RefreshToken: {}\n"
	"\n"
	"Fix\n"
	"  Indent with spaces (two per level is usual).\n"
	"\n"
	"Reference: YAML 1.2.2, section 6.1 (Indentation Spaces).",
};
