/* cmd_check.c - `grantlint check`: lint grant files and report. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "report.h"
#include "run.h"

#define MAX_OUTPUTS 8
/* Rules walk the model recursively: deeper nesting than this could exhaust a stack. */
#define GL_MAX_DEPTH_CEILING 1000
#define GL_MAX_JOBS 256

struct output {
	const struct gl_reporter *reporter;
	const char *file; /* NULL: standard output */
};

struct check_options {
	struct output outputs[MAX_OUTPUTS];
	size_t output_count;
	const char *output_file;
	const char *color;
	bool quiet;
	bool *enabled;
	bool selected_only;
	unsigned jobs; /* 0: one per online CPU */
	struct gl_lint_options lint;
};

static void check_usage(FILE *out)
{
	size_t i;

	fprintf(out,
		"Usage: grantlint check [OPTIONS] [PATH...]\n"
		"\n"
		"Lint grant files. Folders are walked for *.grant.yaml, *.grant.yml and\n"
		"*.grant.json anywhere, and *.yaml, *.yml, *.json under any grants/ folder;\n"
		"files named explicitly are always linted. No PATH: the current folder.\n"
		"\n"
		"Options:\n"
		"  -f, --format NAME[:FILE]  output format, repeatable; with :FILE the report\n"
		"                            goes to FILE (default: text to standard output)\n"
		"  -o, --output FILE         write the (first) report to FILE\n"
		"      --color WHEN          auto, always or never (NO_COLOR and FORCE_COLOR\n"
		"                            are honoured under auto)\n"
		"      --only RULE           run only these rules (code, name, or family such\n"
		"                            as GL3xx); repeatable, or comma-separated\n"
		"      --disable RULE        do not run these rules; repeatable\n"
		"      --max-file-size SIZE  skip files larger than SIZE bytes (K, M suffixes;\n"
		"                            default 1M) with a GL005 finding\n"
		"      --max-depth N         nesting of lists and mappings (default 64, at\n"
		"                            most 1000)\n"
		"      --max-alias-nodes N   nodes that aliases may expand to (default 10000)\n"
		"      --max-documents N     requests (documents) per file (default 1000)\n"
		"      --max-items N         items of one list or mapping (default 10000)\n"
		"  -j, --jobs N              lint N files at once (default: one per online\n"
		"                            CPU); the output is the same for every N\n"
		"  -q, --quiet               no summary line\n"
		"  -h, --help                this help\n"
		"\n"
		"Formats:\n");
	for (i = 0; i < gl_reporters_count; i++)
		fprintf(out, "  %-10s %s\n", gl_reporters[i]->name, gl_reporters[i]->description);
}

static int parse_size(const char *text, size_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(text, &end, 10);
	if (errno || end == text)
		return -1;
	if (*end == 'k' || *end == 'K')
		v *= 1024, end++;
	else if (*end == 'm' || *end == 'M')
		v *= 1024 * 1024, end++;
	else if (*end == 'g' || *end == 'G')
		v *= 1024ULL * 1024 * 1024, end++;
	if (*end == 'i' || *end == 'B')
		end++;
	if (*end != '\0' || v == 0)
		return -1;
	*out = (size_t)v;
	return 0;
}

/* Threads for -j: one per online CPU unless told. */
static unsigned online_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > GL_MAX_JOBS ? GL_MAX_JOBS : (unsigned)n;
}

/* A count limit: a whole number from 1 to max. */
static int parse_limit(const char *option, const char *text, unsigned max, unsigned *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(text, &end, 10);
	if (errno || end == text || *end != '\0' || text[0] == '-' || v == 0 || v > max) {
		gl_cli_error("--%s takes a whole number from 1 to %u, not '%s'", option, max, text);
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

static int add_output(struct check_options *o, const char *spec)
{
	char name[32];
	const char *colon = strchr(spec, ':');
	size_t len = colon ? (size_t)(colon - spec) : strlen(spec), i;

	if (len >= sizeof(name) || o->output_count == MAX_OUTPUTS) {
		gl_cli_error("too many or too long --format values");
		return -1;
	}
	memcpy(name, spec, len);
	name[len] = '\0';
	o->outputs[o->output_count].reporter = gl_reporter_find(name);
	if (o->outputs[o->output_count].reporter == NULL) {
		fprintf(stderr, "grantlint: unknown format '%s'; expected one of:", name);
		for (i = 0; i < gl_reporters_count; i++)
			fprintf(stderr, " %s", gl_reporters[i]->name);
		fputc('\n', stderr);
		return -1;
	}
	o->outputs[o->output_count].file = colon ? colon + 1 : NULL;
	if (colon && colon[1] == '\0') {
		gl_cli_error("--format %s: the file name after ':' is empty", spec);
		return -1;
	}
	o->output_count++;
	return 0;
}

/* Apply --only / --disable selectors (comma-separated) to the enabled mask. */
static int select_rules(struct check_options *o, const char *spec, bool value)
{
	char *copy = strdup(spec), *tok, *save = NULL;
	size_t i;
	int rc = 0;

	if (copy == NULL)
		return -1;
	if (value && !o->selected_only) {
		for (i = 0; i < gl_rules_count; i++)
			o->enabled[i] = false;
		o->selected_only = true;
	}
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		bool any = false;

		for (i = 0; i < gl_rules_count; i++)
			if (gl_rule_matches(gl_rules[i], tok)) {
				o->enabled[i] = value;
				any = true;
			}
		if (!any) {
			gl_cli_error("no rule matches '%s' (see 'grantlint rules')", tok);
			rc = -1;
		}
	}
	free(copy);
	return rc;
}

/*
 * Whether a requested format may show GitHub line hashes. Text and JSON
 * never do; any other format (SARIF's partialFingerprints) gets them.
 */
static bool outputs_show_line_hashes(const struct check_options *o)
{
	size_t i;

	for (i = 0; i < o->output_count; i++)
		if (strcmp(o->outputs[i].reporter->name, "text") != 0 &&
		    strcmp(o->outputs[i].reporter->name, "json") != 0)
			return true;
	return false;
}

static bool want_color(const char *when, FILE *stream)
{
	const char *no = getenv("NO_COLOR"), *force = getenv("FORCE_COLOR");
	const char *term = getenv("TERM");

	if (!strcmp(when, "always"))
		return true;
	if (!strcmp(when, "never"))
		return false;
	if (no != NULL && no[0] != '\0')
		return false;
	if (force != NULL && force[0] != '\0' && strcmp(force, "0") != 0)
		return true;
	return isatty(fileno(stream)) && !(term != NULL && !strcmp(term, "dumb"));
}

/* Write every requested report. Returns 0, or GL_EXIT_INPUT-like failure (-1). */
static int write_outputs(struct check_options *o, const struct gl_run *run)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < o->output_count; i++) {
		struct gl_report_style style;
		const char *file = o->outputs[i].file;
		FILE *out = stdout;

		if (file == NULL && i == 0 && o->output_file != NULL)
			file = o->output_file;
		if (file != NULL && strcmp(file, "-") != 0) {
			out = fopen(file, "w");
			if (out == NULL) {
				gl_cli_error("cannot write '%s': %s", file, strerror(errno));
				rc = -1;
				continue;
			}
		}
		style.color = out == stdout && want_color(o->color, stdout);
		style.show_source = out == stdout && isatty(fileno(stdout));
		style.summary = !o->quiet;
		if (o->outputs[i].reporter->write(out, run, &style) < 0 || fflush(out) != 0) {
			gl_cli_error("cannot write '%s': %s", file ? file : "standard output",
				     strerror(errno));
			rc = -1;
		}
		if (out != stdout)
			fclose(out);
	}
	return rc;
}

static int check_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "color", required_argument, NULL, 'C' },
		{ "colour", required_argument, NULL, 'C' },
		{ "only", required_argument, NULL, 'O' },
		{ "disable", required_argument, NULL, 'D' },
		{ "max-file-size", required_argument, NULL, 'S' },
		{ "max-depth", required_argument, NULL, 'L' },
		{ "max-alias-nodes", required_argument, NULL, 'A' },
		{ "max-documents", required_argument, NULL, 'N' },
		{ "max-items", required_argument, NULL, 'I' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct check_options o;
	struct gl_run run;
	int c, rc = GL_EXIT_OK, i;

	memset(&o, 0, sizeof(o));
	o.color = "auto";
	gl_lint_options_default(&o.lint);
	o.enabled = calloc(gl_rules_count, sizeof(bool));
	if (o.enabled == NULL)
		return GL_EXIT_INPUT;
	for (i = 0; (size_t)i < gl_rules_count; i++)
		o.enabled[i] = true;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:o:j:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (add_output(&o, optarg) < 0)
				rc = GL_EXIT_USAGE;
			break;
		case 'o':
			o.output_file = optarg;
			break;
		case 'C':
			if (strcmp(optarg, "auto") && strcmp(optarg, "always") &&
			    strcmp(optarg, "never")) {
				gl_cli_error("--color takes auto, always or never, not '%s'", optarg);
				rc = GL_EXIT_USAGE;
			}
			o.color = optarg;
			break;
		case 'O':
		case 'D':
			if (select_rules(&o, optarg, c == 'O') < 0)
				rc = GL_EXIT_USAGE;
			break;
		case 'S':
			if (parse_size(optarg, &o.lint.limits.max_file_bytes) < 0) {
				gl_cli_error("--max-file-size takes a size in bytes such as 1048576, "
					     "512K or 2M, not '%s'", optarg);
				rc = GL_EXIT_USAGE;
			}
			break;
		case 'L':
			if (parse_limit("max-depth", optarg, GL_MAX_DEPTH_CEILING, &o.lint.limits.max_depth) < 0)
				rc = GL_EXIT_USAGE;
			break;
		case 'A':
			if (parse_limit("max-alias-nodes", optarg, UINT_MAX, &o.lint.limits.max_alias_nodes) < 0)
				rc = GL_EXIT_USAGE;
			break;
		case 'N':
			if (parse_limit("max-documents", optarg, UINT_MAX, &o.lint.limits.max_documents) < 0)
				rc = GL_EXIT_USAGE;
			break;
		case 'I':
			if (parse_limit("max-items", optarg, UINT_MAX, &o.lint.limits.max_collection_items) < 0)
				rc = GL_EXIT_USAGE;
			break;
		case 'j':
			if (parse_limit("jobs", optarg, GL_MAX_JOBS, &o.jobs) < 0)
				rc = GL_EXIT_USAGE;
			break;
		case 'q':
			o.quiet = true;
			break;
		case 'h':
			check_usage(stdout);
			free(o.enabled);
			return GL_EXIT_OK;
		default:
			fputs("Try 'grantlint check --help'.\n", stderr);
			rc = GL_EXIT_USAGE;
		}
	}
	if (rc != GL_EXIT_OK) {
		free(o.enabled);
		return rc;
	}
	if (o.output_count == 0)
		add_output(&o, "text");
	o.lint.enabled = o.enabled;
	o.lint.no_line_hashes = !outputs_show_line_hashes(&o);

	gl_run_init(&run, &o.lint);
	run.jobs = o.jobs ? o.jobs : online_cpus();
	if (optind >= argc) {
		if (gl_run_add_path(&run, ".") < 0)
			rc = -1;
	}
	if (optind < argc && gl_run_add_paths(&run, (const char *const *)argv + optind,
					      (size_t)(argc - optind)) < 0)
		rc = -1;
	if (rc == 0 && gl_run_finish(&run) < 0)
		rc = -1;
	if (rc < 0) {
		gl_cli_error("out of memory");
		rc = GL_EXIT_INPUT;
	} else if (write_outputs(&o, &run) < 0 || run.read_errors > 0) {
		rc = GL_EXIT_INPUT;
	} else {
		rc = run.errors > 0 ? GL_EXIT_FINDINGS : GL_EXIT_OK;
	}
	gl_run_free(&run);
	free(o.enabled);
	return rc;
}

const struct gl_command gl_cmd_check = {
	.name = "check",
	.summary = "lint grant files (the default command)",
	.run = check_run,
};
