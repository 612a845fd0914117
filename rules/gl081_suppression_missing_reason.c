/* gl081_suppression_missing_reason.c - suppression-missing-reason (GL081): reported by lint/suppress.c; documentation below. */
#include "rules.h"

const struct gl_rule gl_rule_suppression_missing_reason = {
	.code = "GL081",
	.name = "suppression-missing-reason",
	.severity = GL_SEV_WARNING,
	.summary = "A suppression that does not say why the finding is acceptable",
	.doc =
	"What it does\n"
	"  Reports a '# grantlint: ignore[...]' or 'ignore-file[...]' comment, or\n"
	"  an 'ignore:' entry of the configuration, that gives no reason. The\n"
	"  suppression still works; this warning asks for the reason.\n"
	"\n"
	"Why it matters\n"
	"  An exception to a security policy is only as good as its justification.\n"
	"  Without one, nobody can tell later whether it is still needed, or whom\n"
	"  to ask.\n"
	"\n"
	"Example\n"
	"  Bad:   - http://partner.example.com/cb  # grantlint: ignore[GL902]\n"
	"  Good:  - http://partner.example.com/cb  # grantlint: ignore[GL902] reason: partner\n"
	"           callback until their TLS move (TICKET-123)\n"
	"  Bad:   ignore: [{files: [grants/legacy.json], rule: GL902}]\n"
	"  Good:  ignore: [{files: [grants/legacy.json], rule: GL902,\n"
	"                   reason: legacy partner callback}]\n"
	"\n"
	"Fix\n"
	"  Write 'reason: ...' after the brackets of the comment, or a 'reason:'\n"
	"  key in the ignore entry.\n"
	"\n"
	"Reference: docs/configuration.md, section Suppressions.",
};
