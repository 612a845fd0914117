/* gl002_invalid_encoding.c - invalid-encoding (GL002): reported by the loader (lint/load.c); documentation below. */
#include "rules.h"

const struct gl_rule gl_rule_invalid_encoding = {
	.code = "GL002",
	.name = "invalid-encoding",
	.severity = GL_SEV_ERROR,
	.summary = "The file is not UTF-8 text: an invalid byte, a NUL byte, or UTF-16",
	.doc = 
	"What it does\n"
	"  Checks that the file is UTF-8: every byte sequence valid (no overlong\n"
	"  forms, surrogates or code points past U+10FFFF), no NUL bytes, and no\n"
	"  UTF-16 byte-order mark. A UTF-8 byte-order mark is accepted and\n"
	"  ignored, and so are CRLF line endings.\n"
	"\n"
	"Why it matters\n"
	"  AWS APIs take UTF-8 JSON; a stray Latin-1 byte in a redirect URI or an\n"
	"  audience is a different string from the one the author sees.\n"
	"\n"
	"Example\n"
	"  Bad:  a file saved as Latin-1 or UTF-16 by an editor.\n"
	"  Good: the same text saved as UTF-8.\n"
	"\n"
	"Fix\n"
	"  Re-save the file as UTF-8 (for example: iconv -f LATIN1 -t UTF-8).\n"
	"\n"
	"Reference: RFC 3629 (UTF-8).",
};
