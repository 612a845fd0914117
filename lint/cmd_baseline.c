/* cmd_baseline.c - `grantlint baseline write [PATH...]`: accept today's findings. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "cli.h"
#include "conf.h"

static void baseline_usage(FILE *out)
{
	fputs("Usage: grantlint baseline write [--output FILE] [--config FILE | --no-config]\n"
	      "                                [PATH...]\n"
	      "\n"
	      "Lint PATH (default: the current folder) and write every finding to\n"
	      "FILE (default: " GL_BASELINE_FILE_NAME "), keyed by path, rule, JSON\n"
	      "Pointer and a hash of the offending text. 'grantlint check --baseline\n"
	      "FILE' then hides those findings and reports the ones since fixed.\n",
	      out);
}

static int baseline_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "config", required_argument, NULL, 'c' },
		{ "no-config", no_argument, NULL, 'N' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = GL_BASELINE_FILE_NAME, *explicit_path = NULL;
	bool none = false;
	struct gl_lint_options opts;
	struct gl_config_set configs;
	struct gl_run run;
	int c, i, rc = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 'c':
			explicit_path = optarg;
			break;
		case 'N':
			none = true;
			break;
		case 'h':
			baseline_usage(stdout);
			return GL_EXIT_OK;
		default:
			fputs("Try 'grantlint baseline --help'.\n", stderr);
			return GL_EXIT_USAGE;
		}
	}
	if (optind >= argc || strcmp(argv[optind], "write") != 0) {
		baseline_usage(stderr);
		return GL_EXIT_USAGE;
	}
	optind++;
	gl_lint_options_default(&opts);
	gl_run_init(&run, &opts);
	if (gl_config_set_init(&configs, explicit_path, none, NULL, &opts.limits) < 0 ||
	    gl_config_set_preload(&configs) < 0)
		rc = -1;
	run.configs = &configs;
	if (rc == 0 && !configs.failed) {
		if (optind >= argc && gl_run_add_path(&run, ".") < 0)
			rc = -1;
		for (i = optind; i < argc && rc == 0; i++)
			if (gl_run_add_path(&run, argv[i]) < 0)
				rc = -1;
		if (rc == 0 && gl_run_finish(&run) < 0)
			rc = -1;
	}
	if (rc < 0) {
		gl_cli_error("out of memory");
		rc = GL_EXIT_INPUT;
	} else if (configs.failed) {
		rc = GL_EXIT_USAGE;
	} else if (run.read_errors > 0) {
		rc = GL_EXIT_INPUT;
	} else if (gl_baseline_write(output, &run) < 0) {
		gl_cli_error("cannot write '%s': %s", output, strerror(errno));
		rc = GL_EXIT_INPUT;
	} else {
		printf("%s: %zu finding%s of %zu file%s recorded\n", output, run.diags.count,
		       run.diags.count == 1 ? "" : "s", run.file_count, run.file_count == 1 ? "" : "s");
		rc = GL_EXIT_OK;
	}
	gl_run_free(&run);
	gl_config_set_free(&configs);
	return rc;
}

const struct gl_command gl_cmd_baseline = {
	.name = "baseline",
	.summary = "record today's findings so that only new ones fail (baseline write)",
	.run = baseline_run,
};
