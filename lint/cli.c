/* cli.c - dispatch to subcommands; top-level --help and --version. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "config.h"

static const struct gl_command *const commands[] = {
	&gl_cmd_check,
	&gl_cmd_rules,
	&gl_cmd_explain,
	&gl_cmd_config,
	&gl_cmd_baseline,
	&gl_cmd_schema,
	&gl_cmd_plan,
	&gl_cmd_submit,
	&gl_cmd_install_hook,
};

#define COMMAND_COUNT (sizeof(commands) / sizeof(commands[0]))

void gl_cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("grantlint: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void usage(FILE *out)
{
	size_t i;

	fprintf(out,
		"Usage: grantlint [COMMAND] [OPTIONS] [PATH...]\n"
		"\n"
		"Lint AWS IAM Identity Center PutApplicationGrant definitions (YAML or JSON).\n"
		"With no command, 'check' is run on the paths given.\n"
		"\n"
		"Commands:\n");
	for (i = 0; i < COMMAND_COUNT; i++)
		fprintf(out, "  %-14s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(out,
		"\n"
		"Run 'grantlint COMMAND --help' for a command's options.\n"
		"Exit status: 0 no errors, 1 errors found, 2 usage or configuration error,\n"
		"3 an input could not be read.\n");
}

int gl_cli_main(int argc, char **argv)
{
	size_t i;

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
			  !strcmp(argv[1], "help"))) {
		usage(stdout);
		return GL_EXIT_OK;
	}
	if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
		printf("grantlint %s\n", PACKAGE_VERSION);
		return GL_EXIT_OK;
	}
	if (argc >= 2)
		for (i = 0; i < COMMAND_COUNT; i++)
			if (!strcmp(argv[1], commands[i]->name))
				return commands[i]->run(argc - 1, argv + 1);
	/* Plain "grantlint PATH..." means "grantlint check PATH...". */
	argv[0] = (char *)"check";
	return gl_cmd_check.run(argc, argv);
}
