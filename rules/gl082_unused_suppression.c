/* gl082_unused_suppression.c - unused-suppression (GL082): reported by lint/suppress.c; documentation below. */
#include "rules.h"

const struct gl_rule gl_rule_unused_suppression = {
	.code = "GL082",
	.name = "unused-suppression",
	.severity = GL_SEV_WARNING,
	.summary = "A suppression that hides nothing: stale, misplaced, malformed or not allowed",
	.doc =
	"What it does\n"
	"  Reports a '# grantlint: ignore[...]' comment that no finding matched\n"
	"  (on its line or the line below it, or in the file for ignore-file), an\n"
	"  'ignore:' entry of the configuration that applied to linted files yet\n"
	"  hid nothing, a grantlint comment that cannot be read, an ignore-file\n"
	"  outside the first comment block, a rule name that matches no rule, and\n"
	"  a suppression of a rule the configuration marks unsuppressible.\n"
	"  Suppressions of rules that are turned off in the run are not judged.\n"
	"\n"
	"Why it matters\n"
	"  Exceptions must not outlive their cause: a stale suppression would\n"
	"  silently hide the next, unrelated finding on that line.\n"
	"\n"
	"Example\n"
	"  Bad:   # grantlint: ignore[GL902] reason: old partner host\n"
	"         - https://app.example.com/cb     (nothing to hide any more)\n"
	"  Good:  - https://app.example.com/cb\n"
	"\n"
	"Fix\n"
	"  Remove the comment or entry, or correct its rule name or placement.\n"
	"\n"
	"Reference: docs/configuration.md, section Suppressions.",
};
