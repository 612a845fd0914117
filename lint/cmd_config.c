/* cmd_config.c - `grantlint config --show [PATH]`: the effective configuration, with origins. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "conf.h"
#include "rule.h"

static void config_usage(FILE *out)
{
	fputs("Usage: grantlint config --show [--config FILE | --no-config] [PATH]\n"
	      "\n"
	      "Print the configuration in force for PATH (a grant file, or a folder for\n"
	      "the files directly in it; default: the current folder): every key, its\n"
	      "value after overrides, and where it was set (file:line, or built-in\n"
	      "default). Exits 2 when the configuration is invalid, with each problem's\n"
	      "file, line and column.\n",
	      out);
}

static int config_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "show", no_argument, NULL, 's' },
		{ "config", required_argument, NULL, 'c' },
		{ "no-config", no_argument, NULL, 'N' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *explicit_path = NULL, *path = ".";
	bool show = false, none = false;
	struct gl_config_set set;
	struct gl_config_resolved res;
	struct gl_limits limits;
	struct stat st;
	char *target;
	int c, rc = GL_EXIT_OK;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			show = true;
			break;
		case 'c':
			explicit_path = optarg;
			break;
		case 'N':
			none = true;
			break;
		case 'h':
			config_usage(stdout);
			return GL_EXIT_OK;
		default:
			fputs("Try 'grantlint config --help'.\n", stderr);
			return GL_EXIT_USAGE;
		}
	}
	if (!show || argc - optind > 1) {
		config_usage(stderr);
		return GL_EXIT_USAGE;
	}
	if (optind < argc)
		path = argv[optind];
	/* For a folder, show what applies to the files directly in it. */
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		target = malloc(strlen(path) + 3);
		if (target != NULL)
			sprintf(target, "%s/*", path);
	} else {
		target = strdup(path);
	}
	gl_limits_default(&limits);
	if (target == NULL || gl_config_set_init(&set, explicit_path, none, NULL, &limits) < 0) {
		free(target);
		gl_cli_error("out of memory");
		return GL_EXIT_INPUT;
	}
	if (gl_config_set_resolve(&set, target, &res) < 0) {
		gl_cli_error("out of memory");
		rc = GL_EXIT_INPUT;
	} else if (set.failed || res.invalid) {
		rc = GL_EXIT_USAGE;
	} else {
		gl_config_show(stdout, &res);
	}
	gl_config_resolved_free(&res);
	gl_config_set_free(&set);
	free(target);
	return rc;
}

const struct gl_command gl_cmd_config = {
	.name = "config",
	.summary = "show the effective configuration for a path, with origins",
	.run = config_run,
};
