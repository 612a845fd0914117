/* cmd_check.c - `grantlint check`: lint grant files and report. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline.h"
#include "cli.h"
#include "conf.h"
#include "report.h"
#include "run.h"
#include "source_git.h"
#include "walk.h"
#include "threshold.h"

#define MAX_OUTPUTS 8
/* Rules walk the model recursively: deeper nesting than this could exhaust a stack. */
#define GL_MAX_DEPTH_CEILING 1000
#define GL_MAX_JOBS 256
#define NO_GIT (-1)

/* Long options without a short form. */
enum {
	OPT_STAGED = 0x100,
	OPT_REV,
	OPT_CHANGED_SINCE,
	OPT_ONLY_GRANT_FILES,
};

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
	const char *config_file;   /* --config */
	bool no_config;            /* --no-config */
	const char *baseline_file; /* --baseline */
	int git_mode;        /* an enum gl_git_mode, or NO_GIT */
	const char *git_rev; /* REV of --rev, BASE of --changed-since */
	bool only_grant_files;
	struct gl_threshold threshold;
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
		"      --fail-on LEVEL       exit 1 on findings of LEVEL or worse: error\n"
		"                            (default), warning, or never\n"
		"      --max-warnings N      exit 1 when there are more than N warnings\n"
		"                            (whatever --fail-on says)\n"
		"      --config FILE         use this configuration instead of discovering\n"
		"                            .grantlint.yaml upwards from each file\n"
		"      --no-config           use no configuration file\n"
		"      --baseline FILE       hide the findings FILE lists (see 'grantlint\n"
		"                            baseline write'); report those now fixed\n"
		"  -q, --quiet               no summary line\n"
		"      --staged              lint the staged (index) versions of the grant\n"
		"                            files added or changed against HEAD\n"
		"      --rev REV             lint every grant file in the tree of REV\n"
		"      --changed-since BASE  lint the grant files changed between\n"
		"                            merge-base(BASE, HEAD) and HEAD\n"
		"      --only-grant-files    skip named files that are not grant files\n"
		"                            (for the pre-commit framework)\n"
		"  -h, --help                this help\n"
		"\n"
		"Under GitHub Actions (GITHUB_ACTIONS=true) with neither --format nor\n"
		"--output, the format is github instead of text.\n"
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

static int set_git_mode(struct check_options *o, int mode, const char *rev)
{
	if (o->git_mode != NO_GIT) {
		gl_cli_error("--staged, --rev and --changed-since cannot be combined");
		return -1;
	}
	o->git_mode = mode;
	o->git_rev = rev;
	return 0;
}

/* gl_config_read_fn over gl_git_source_read(): the index for --staged, REV for --rev. */
static int read_config_from_git(void *arg, const char *path, char **bytes, size_t *len)
{
	int rc = gl_git_source_read(arg, path, bytes, len);

	if (rc == GL_GIT_NOT_FOUND)
		return 1;
	if (rc == -1)
		return -2;
	return rc == 0 ? 0 : -1;
}

/*
 * Lint from git instead of the file tree. Returns 0, -1 out of memory, or an
 * exit code for a usage error or an unreadable repository.
 */
static int check_git(const struct check_options *o, struct gl_run *run)
{
	struct gl_git_source *src;
	int rc = gl_git_source_open(&src, (enum gl_git_mode)o->git_mode, o->git_rev);

	if (rc == 0) {
		/* The configuration comes from the same source as the grants. */
		if (run->configs != NULL)
			gl_config_set_use_source(run->configs, read_config_from_git, src);
		rc = gl_git_source_lint(src, run);
		gl_git_source_free(src);
	}
	if (rc == GL_GIT_ERR_USAGE)
		return GL_EXIT_USAGE;
	return rc == GL_GIT_ERR_READ ? GL_EXIT_INPUT : rc;
}

/* With --only-grant-files, a named file that is not a grant file is skipped quietly. */
static bool skip_named(const struct check_options *o, const char *path)
{
	struct stat st;

	return o->only_grant_files && !gl_walk_is_grant_file(path) &&
	       !(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
}

/*
 * Lint the paths named on the command line (less those --only-grant-files
 * leaves out), all together so that -j spans them. Returns 0 or -1.
 */
static int add_named_paths(const struct check_options *o, struct gl_run *run, int count,
			   char **paths)
{
	const char **kept = malloc((size_t)count * sizeof(*kept));
	size_t n = 0;
	int i, rc;

	if (kept == NULL)
		return -1;
	for (i = 0; i < count; i++)
		if (!skip_named(o, paths[i]))
			kept[n++] = paths[i];
	rc = n > 0 ? gl_run_add_paths(run, kept, n) : 0;
	free(kept);
	return rc;
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

/* github under GitHub Actions when the report goes to standard output; else text. */
static const char *default_format(const struct check_options *o)
{
	const char *actions = getenv("GITHUB_ACTIONS");

	if (o->output_file == NULL && actions != NULL && !strcmp(actions, "true"))
		return "github";
	return "text";
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
		{ "max-documents", required_argument, NULL, 'M' },
		{ "max-items", required_argument, NULL, 'I' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "max-warnings", required_argument, NULL, 'W' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "config", required_argument, NULL, 'c' },
		{ "no-config", no_argument, NULL, 'N' },
		{ "baseline", required_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ "staged", no_argument, NULL, OPT_STAGED },
		{ "rev", required_argument, NULL, OPT_REV },
		{ "changed-since", required_argument, NULL, OPT_CHANGED_SINCE },
		{ "only-grant-files", no_argument, NULL, OPT_ONLY_GRANT_FILES },
		{ NULL, 0, NULL, 0 },
	};
	struct check_options o;
	struct gl_run run;
	struct gl_config_set configs;
	struct gl_baseline baseline;
	int c, rc = GL_EXIT_OK, i, baseline_rc = 0;

	memset(&o, 0, sizeof(o));
	gl_baseline_init(&baseline);
	o.color = "auto";
	o.git_mode = NO_GIT;
	gl_threshold_default(&o.threshold);
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
		case 'M':
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
		case 'F':
			if (gl_threshold_parse_fail_on(&o.threshold, optarg) < 0) {
				gl_cli_error("--fail-on takes error, warning or never, not '%s'",
					     optarg);
				rc = GL_EXIT_USAGE;
			}
			break;
		case 'W':
			if (gl_threshold_parse_max_warnings(&o.threshold, optarg) < 0) {
				gl_cli_error("--max-warnings takes a count such as 0 or 25, not '%s'",
					     optarg);
				rc = GL_EXIT_USAGE;
			}
			break;
		case 'q':
			o.quiet = true;
			break;
		case 'c':
			o.config_file = optarg;
			break;
		case 'N':
			o.no_config = true;
			break;
		case 'B':
			o.baseline_file = optarg;
			break;
		case OPT_STAGED:
		case OPT_REV:
		case OPT_CHANGED_SINCE:
			if (set_git_mode(&o, c == OPT_STAGED ? GL_GIT_STAGED
					 : c == OPT_REV ? GL_GIT_REV : GL_GIT_CHANGED_SINCE,
					 c == OPT_STAGED ? NULL : optarg) < 0)
				rc = GL_EXIT_USAGE;
			break;
		case OPT_ONLY_GRANT_FILES:
			o.only_grant_files = true;
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
	if (o.config_file != NULL && o.no_config) {
		gl_cli_error("--config and --no-config contradict each other; give one");
		rc = GL_EXIT_USAGE;
	}
	if (rc == GL_EXIT_OK && o.git_mode != NO_GIT && optind < argc) {
		gl_cli_error("--staged, --rev and --changed-since read from git and take no "
			     "PATH ('%s')", argv[optind]);
		rc = GL_EXIT_USAGE;
	}
	if (rc != GL_EXIT_OK) {
		free(o.enabled);
		return rc;
	}
	if (o.output_count == 0)
		add_output(&o, default_format(&o));
	o.lint.enabled = o.enabled;
	o.lint.no_line_hashes = !outputs_show_line_hashes(&o);

	gl_run_init(&run, &o.lint);
	if (gl_config_set_init(&configs, o.config_file, o.no_config, o.enabled, &o.lint.limits) < 0 ||
	    gl_config_set_preload(&configs) < 0)
		rc = -1;
	run.configs = &configs;
	run.jobs = o.jobs ? o.jobs : online_cpus();
	if (rc == 0 && o.baseline_file != NULL) {
		baseline_rc = gl_baseline_read(&baseline, o.baseline_file);
		if (baseline_rc == -2)
			rc = -1;
	}
	if (rc == 0 && !configs.failed && baseline_rc == 0) {
		if (o.git_mode != NO_GIT) {
			int grc = check_git(&o, &run);

			if (grc > 0) {
				gl_run_free(&run);
				gl_config_set_free(&configs);
				gl_baseline_free(&baseline);
				free(o.enabled);
				return grc;
			}
			rc = grc;
		} else if (optind >= argc && gl_run_add_path(&run, ".") < 0) {
			rc = -1;
		}
		if (rc == 0 && optind < argc && add_named_paths(&o, &run, argc - optind,
							       argv + optind) < 0)
			rc = -1;
		if (rc == 0 && gl_run_finish(&run) < 0)
			rc = -1;
		if (rc == 0 && o.baseline_file != NULL && gl_baseline_apply(&baseline, &run) < 0)
			rc = -1;
	}
	if (rc < 0) {
		gl_cli_error("out of memory");
		rc = GL_EXIT_INPUT;
	} else if (configs.failed || baseline_rc != 0) {
		rc = GL_EXIT_USAGE;
	} else if (write_outputs(&o, &run) < 0 || run.read_errors > 0) {
		rc = GL_EXIT_INPUT;
	} else {
		rc = gl_threshold_fails(&o.threshold, &run) ? GL_EXIT_FINDINGS : GL_EXIT_OK;
	}
	gl_run_free(&run);
	gl_config_set_free(&configs);
	gl_baseline_free(&baseline);
	free(o.enabled);
	return rc;
}

const struct gl_command gl_cmd_check = {
	.name = "check",
	.summary = "lint grant files (the default command)",
	.run = check_run,
};
