/* cli.h - the grantlint command line: subcommands and exit codes. */
#ifndef GL_CLI_H
#define GL_CLI_H

enum gl_exit {
	GL_EXIT_OK = 0,       /* no errors (warnings allowed) */
	GL_EXIT_FINDINGS = 1, /* errors found */
	GL_EXIT_USAGE = 2,    /* usage or configuration error */
	GL_EXIT_INPUT = 3,    /* an input could not be read */
};

struct gl_command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv); /* argv[0] is the command name */
};

extern const struct gl_command gl_cmd_check;
extern const struct gl_command gl_cmd_rules;
extern const struct gl_command gl_cmd_explain;
extern const struct gl_command gl_cmd_config;
extern const struct gl_command gl_cmd_baseline;
extern const struct gl_command gl_cmd_schema;
extern const struct gl_command gl_cmd_plan;
extern const struct gl_command gl_cmd_submit;
extern const struct gl_command gl_cmd_install_hook;

int gl_cli_main(int argc, char **argv);

/* "grantlint: " + message on stderr. */
void gl_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
