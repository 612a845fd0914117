/* cmd_rules.c - `grantlint rules` and `grantlint explain`. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "rule.h"

static int rules_run(int argc, char **argv)
{
	size_t i;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		puts("Usage: grantlint rules\n\nList every rule: code, name, default severity, summary.");
		return GL_EXIT_OK;
	}
	if (argc > 1) {
		gl_cli_error("'rules' takes no arguments (did you mean 'grantlint explain %s'?)",
			     argv[1]);
		return GL_EXIT_USAGE;
	}
	for (i = 0; i < gl_rules_count; i++)
		printf("%-6s %-34s %-8s %s\n", gl_rules[i]->code, gl_rules[i]->name,
		       gl_severity_name(gl_rules[i]->severity), gl_rules[i]->summary);
	return GL_EXIT_OK;
}

static int explain_run(int argc, char **argv)
{
	const struct gl_rule *rule;
	int i;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		puts("Usage: grantlint explain RULE...\n\nPrint a rule's documentation; RULE is "
		     "a code (GL101) or a name (missing-required-field).");
		return argc < 2 ? GL_EXIT_USAGE : GL_EXIT_OK;
	}
	for (i = 1; i < argc; i++) {
		rule = gl_rule_find(argv[i]);
		if (rule == NULL) {
			gl_cli_error("no rule '%s' (see 'grantlint rules')", argv[i]);
			return GL_EXIT_USAGE;
		}
		printf("%s%s %s (default severity: %s)\n%s\n\n%s\n", i > 1 ? "\n" : "",
		       rule->code, rule->name, gl_severity_name(rule->severity), rule->summary,
		       rule->doc);
	}
	return GL_EXIT_OK;
}

const struct gl_command gl_cmd_rules = {
	.name = "rules",
	.summary = "list every rule",
	.run = rules_run,
};

const struct gl_command gl_cmd_explain = {
	.name = "explain",
	.summary = "print a rule's documentation (grantlint explain GL101)",
	.run = explain_run,
};
