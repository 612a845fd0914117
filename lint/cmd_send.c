/*
 * cmd_send.c - `grantlint plan` and `grantlint submit`: lint the grant files,
 * then show what would change in AWS, or apply them with PutApplicationGrant.
 *
 * Nothing is sent unless every file lints clean: the bytes that were linted
 * are the bytes whose grants are sent (each file is read once). Exit codes:
 * 0 success; 1 any error (lint errors, configuration, a failed call, bad
 * options); plan --detailed-exitcode: 2 when changes are pending.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file_read.h"
#include "format.h"
#include "aws_client.h"
#include "aws_config.h"
#include "arn.h"
#include "aws_endpoint.h"
#include "cli.h"
#include "conf.h"
#include "config.h"
#include "grant_def.h"
#include "load.h"
#include "report.h"
#include "run.h"
#include "sso_admin.h"
#include "walk.h"

#define SEND_EXIT_OK 0
#define SEND_EXIT_ERROR 1
#define SEND_EXIT_CHANGES 2

enum send_format { SEND_FORMAT_TEXT, SEND_FORMAT_JSON };

struct send_options {
	const char *region;
	const char *profile;
	const char *endpoint_url;
	bool fips;
	bool dualstack;
	bool dry_run;
	bool detailed_exitcode; /* plan */
	bool only_changed;      /* submit */
	bool fail_fast;         /* submit */
	const char *config_file; /* --config */
	bool no_config;          /* --no-config */
	long timeout_ms;
	int max_attempts;
	enum send_format format;
};

/* The lint run and the grants read from the same bytes. */
struct send_input {
	struct gl_run run;
	struct gl_config_set configs; /* .grantlint.yaml policy, as for check */
	struct grant_def_list grants;
	size_t broken; /* requests that could not be read into a grant */
};

/* The AWS side: configuration, credentials and the client. */
struct send_aws {
	struct aws_config *config;
	struct aws_credentials creds;
	char *region;
	char *endpoint;
	struct aws_client *client;
};

enum plan_action { PLAN_CREATE, PLAN_UPDATE, PLAN_UNCHANGED, PLAN_NOT_IN_FILES };

static const char *const plan_action_names[] = { "create", "update", "unchanged",
						 "not in files" };

struct plan_entry {
	enum plan_action action;
	const struct grant_def *grant; /* the file's grant, or the live one for not in files */
	char **changes;
	size_t change_count;
};

struct plan {
	struct plan_entry *entries;
	size_t count;
	/* one list per application; entries point into their items */
	struct grant_def_list *lives;
	size_t live_count;
	char **errors;
	size_t error_count;
	size_t counts[4];
	bool dry_run;
};

/* ---- lint, and read the grants from the linted bytes ---------------------------- */

static void send_read_error(struct send_input *in, const char *path, int err)
{
	gl_cli_error("cannot read '%s': %s", path, strerror(err));
	in->run.read_errors++;
}

/* Collect the requests of bytes (already linted) as grants. */
static int send_collect(struct send_input *in, const char *path, const char *bytes, size_t len)
{
	struct gl_loaded loaded;
	struct gl_diag_list scratch;
	size_t i;
	int rc;

	gl_diag_list_init(&scratch);
	memset(&loaded, 0, sizeof(loaded));
	rc = gl_load(&loaded, &in->run.opts.limits, path, bytes, len, gl_file_format_of(path),
		     &scratch);
	for (i = 0; rc == 0 && i < loaded.count; i++) {
		struct grant_def *g = grant_def_list_push(&in->grants);
		int grc;

		if (g == NULL) {
			rc = -1;
			break;
		}
		grc = grant_def_from_node(g, loaded.requests[i].root, path, loaded.requests[i].index);
		if (grc == -1) {
			rc = -1;
		} else if (grc == -2) {
			in->grants.count--;
			in->broken++;
		}
	}
	gl_loaded_free(&loaded);
	gl_diag_list_free(&scratch);
	return rc;
}

/* Read one file once, lint it, and keep its grants (like run.c, with a second use of the bytes). */
static int send_visit(void *arg, const char *path)
{
	struct send_input *in = arg;
	char *buf = NULL;
	size_t got = 0;
	int rc;

	rc = gl_file_read(&buf, &got, path, in->run.opts.limits.max_file_bytes);
	if (rc == GL_FILE_TOO_LARGE)
		return gl_run_lint_too_large(&in->run, path, got);
	if (rc < 0) {
		if (errno == ENOMEM)
			return -1;
		send_read_error(in, path, errno);
		return 0;
	}
	rc = gl_run_lint_bytes(&in->run, path, buf, got);
	if (rc == 0)
		rc = send_collect(in, path, buf, got);
	free(buf);
	return rc;
}

static int send_add_path(struct send_input *in, const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		send_read_error(in, path, errno);
		return 0;
	}
	if (S_ISDIR(st.st_mode)) {
		int rc = gl_walk(path, send_visit, in);

		if (rc < 0 && errno != ENOMEM) {
			send_read_error(in, path, errno);
			return 0;
		}
		return rc;
	}
	return send_visit(in, path);
}

/*
 * Lint every path and gather the grants. Returns 0 when the files lint
 * clean (warnings allowed) and every grant is unique by application and
 * grant type; otherwise explains on stderr and returns -1.
 */
static int send_lint(struct send_input *in, const struct send_options *o, int argc,
		     char **argv, const char *command)
{
	struct gl_lint_options lint;
	struct gl_report_style style = { .color = false, .show_source = false, .summary = true };
	size_t i, j, duplicates = 0;
	int rc = 0, k;

	gl_lint_options_default(&lint);
	gl_run_init(&in->run, &lint);
	/* The same configuration check applies, so policy holds before sending. */
	if (gl_config_set_init(&in->configs, o->config_file, o->no_config, NULL,
			       &lint.limits) < 0 ||
	    gl_config_set_preload(&in->configs) < 0) {
		gl_cli_error("out of memory");
		return -1;
	}
	in->run.configs = &in->configs;
	if (argc == 0)
		rc = send_add_path(in, ".");
	for (k = 0; k < argc && rc == 0; k++)
		rc = send_add_path(in, argv[k]);
	if (rc == 0)
		rc = gl_run_finish(&in->run);
	if (rc < 0) {
		gl_cli_error("out of memory");
		return -1;
	}
	/* Configurations are found as files are; one that is broken stops it all. */
	if (in->configs.failed) {
		gl_cli_error("%s: the configuration is not valid; nothing was sent", command);
		return -1;
	}
	if (in->run.diags.count > 0)
		gl_reporter_text.write(stderr, &in->run, &style);
	if (in->run.errors > 0 || in->run.read_errors > 0) {
		gl_cli_error("%s: the files do not lint clean (%zu error%s%s); nothing was sent",
			     command, in->run.errors, in->run.errors == 1 ? "" : "s",
			     in->run.read_errors > 0 ? ", and unreadable inputs" : "");
		return -1;
	}
	if (in->broken > 0) {
		gl_cli_error("%s: %zu request%s could not be read as a grant; nothing was sent",
			     command, in->broken, in->broken == 1 ? "" : "s");
		return -1;
	}
	for (i = 0; i < in->grants.count; i++) {
		for (j = 0; j < i; j++) {
			const struct grant_def *a = &in->grants.items[j], *b = &in->grants.items[i];

			if (strcmp(a->application_arn, b->application_arn) == 0 &&
			    strcmp(a->grant_type, b->grant_type) == 0) {
				gl_cli_error("%s:%u: grant %s of %s is also defined at %s:%u",
					     b->path, b->line, b->grant_type, b->application_arn,
					     a->path, a->line);
				duplicates++;
				break;
			}
		}
	}
	if (duplicates > 0) {
		gl_cli_error("%s: each application's grant type may be defined once; nothing was sent",
			     command);
		return -1;
	}
	return 0;
}

/* Free the run and the grants; the struct itself is the caller's. */
static void send_input_free(struct send_input *in)
{
	gl_run_free(&in->run);
	gl_config_set_free(&in->configs);
	grant_def_list_free(&in->grants);
}

/* ---- AWS configuration ------------------------------------------------------------ */

/*
 * Credentials, region, endpoint, client. The partition of every
 * application ARN must be the region's: a grant for aws-cn cannot be sent
 * to a commercial region. Returns 0, or -1 after explaining on stderr.
 */
static int send_aws_open(struct send_aws *aws, const struct send_options *o,
			 const struct grant_def_list *grants, FILE *dry_run_out)
{
	char err[4096];
	const char *region_source, *override, *override_source;
	const struct aws_partition *partition;
	struct aws_endpoint_params params;
	struct aws_client_options copts;
	const char *max_env = getenv("AWS_MAX_ATTEMPTS");
	size_t i;

	memset(aws, 0, sizeof(*aws));
	if (aws_config_open(&aws->config, o->profile, err, sizeof(err)) < 0 ||
	    aws_config_region_load(&aws->region, &region_source, aws->config, o->region, err,
				   sizeof(err)) < 0 ||
	    aws_config_credentials_load(&aws->creds, aws->config, err, sizeof(err)) < 0) {
		gl_cli_error("%s", err);
		return -1;
	}
	if (!aws_endpoint_region_valid(aws->region)) {
		gl_cli_error("invalid region '%s' (from %s): expected a name like us-east-1",
			     aws->region, region_source);
		return -1;
	}
	partition = aws_endpoint_partition_for_region(aws->region);
	for (i = 0; i < grants->count; i++) {
		struct gl_arn arn;

		if (gl_arn_split(&arn, grants->items[i].application_arn) < 0 || arn.truncated) {
			gl_cli_error("%s:%u: '%s' is not an application ARN", grants->items[i].path,
				     grants->items[i].line, grants->items[i].application_arn);
			return -1;
		}
		if (strcmp(arn.partition, partition->id) != 0) {
			gl_cli_error("%s:%u: application %s is in partition '%s', but region %s "
				     "is in partition '%s'; use a region of '%s'",
				     grants->items[i].path, grants->items[i].line,
				     grants->items[i].application_arn, arn.partition, aws->region,
				     partition->id, arn.partition);
			return -1;
		}
	}

	aws_endpoint_override_find(&override, &override_source, o->endpoint_url);
	params = (struct aws_endpoint_params){
		.region = aws->region, .use_fips = o->fips, .use_dualstack = o->dualstack,
		.endpoint = override,
	};
	if (aws_endpoint_resolve(&aws->endpoint, &params, err, sizeof(err)) < 0) {
		if (override_source != NULL)
			gl_cli_error("cannot choose the endpoint: %s (the custom endpoint comes "
				     "from %s)", err, override_source);
		else
			gl_cli_error("cannot choose the endpoint: %s", err);
		return -1;
	}

	aws_client_options_init(&copts);
	copts.endpoint_url = aws->endpoint;
	copts.region = aws->region;
	copts.credentials = &aws->creds;
	copts.timeout_ms = o->timeout_ms;
	copts.max_attempts = o->max_attempts;
	if (copts.max_attempts == 0 && max_env != NULL && *max_env != '\0') {
		char *end;
		long v = strtol(max_env, &end, 10);

		if (*end != '\0' || v < 1 || v > 100) {
			gl_cli_error("AWS_MAX_ATTEMPTS must be a number from 1 to 100, not '%s'",
				     max_env);
			return -1;
		}
		copts.max_attempts = (int)v;
	}
	if (copts.max_attempts == 0)
		copts.max_attempts = 3;
	copts.dry_run = o->dry_run ? dry_run_out : NULL;
	copts.user_agent = PACKAGE_NAME "/" PACKAGE_VERSION;
	if (aws_client_new(&aws->client, &copts, err, sizeof(err)) < 0) {
		gl_cli_error("endpoint %s%s%s: %s", aws->endpoint,
			     override_source != NULL ? " from " : "",
			     override_source != NULL ? override_source : "", err);
		return -1;
	}
	fprintf(stderr, "grantlint: endpoint %s (%s), region %s (from %s), credentials from %s\n",
		aws->endpoint,
		override_source != NULL ? override_source : partition->id,
		aws->region, region_source, aws->creds.source);
	return 0;
}

static void send_aws_close(struct send_aws *aws)
{
	aws_client_free(aws->client);
	aws_credentials_free(&aws->creds);
	aws_config_free(aws->config);
	free(aws->region);
	free(aws->endpoint);
	memset(aws, 0, sizeof(*aws));
}

/* ---- plan --------------------------------------------------------------------------- */

static int plan_add_error(struct plan *p, char *message)
{
	char **grown;

	if (message == NULL)
		return -1;
	grown = realloc(p->errors, (p->error_count + 1) * sizeof(*grown));
	if (grown == NULL) {
		free(message);
		return -1;
	}
	p->errors = grown;
	p->errors[p->error_count++] = message;
	return 0;
}

static struct plan_entry *plan_add_entry(struct plan *p, enum plan_action action,
					 const struct grant_def *grant)
{
	struct plan_entry *grown = realloc(p->entries, (p->count + 1) * sizeof(*grown));

	if (grown == NULL)
		return NULL;
	p->entries = grown;
	memset(&grown[p->count], 0, sizeof(grown[0]));
	grown[p->count].action = action;
	grown[p->count].grant = grant;
	p->counts[action]++;
	return &grown[p->count++];
}

/* Has an earlier grant of the list the same application? */
static bool plan_application_seen(const struct grant_def_list *grants, size_t index)
{
	size_t i;

	for (i = 0; i < index; i++)
		if (strcmp(grants->items[i].application_arn, grants->items[index].application_arn) == 0)
			return true;
	return false;
}

/* Was this issuer already checked (by an earlier grant's issuer list)? */
static bool plan_issuer_seen(const struct grant_def_list *grants, size_t gi, size_t ii)
{
	const char *arn = grants->items[gi].issuers[ii].trusted_token_issuer_arn;
	size_t g, i;

	for (g = 0; g <= gi; g++)
		for (i = 0; i < (g == gi ? ii : grants->items[g].issuer_count); i++)
			if (strcmp(grants->items[g].issuers[i].trusted_token_issuer_arn, arn) == 0)
				return true;
	return false;
}

/*
 * Check one application and compare its grants. Problems with the
 * application or its issuers are plan errors (recorded, and the other
 * applications still planned). Returns 0, or -1 out of memory.
 */
static int plan_application(struct plan *p, struct aws_client *client,
			    const struct grant_def_list *grants, size_t first)
{
	const char *arn = grants->items[first].application_arn;
	struct grant_def_list live = { 0 }, *lives;
	const struct grant_def_list *lp;
	size_t i, j, k;
	char *status = NULL, *err = NULL;
	bool usable = true;
	int rc;

	rc = sso_admin_describe_application(&status, &err, client, arn);
	if (rc == AWS_CLIENT_DRY_RUN) {
		p->dry_run = true;
	} else if (rc != AWS_CLIENT_OK) {
		if (plan_add_error(p, gl_format("application %s: %s", arn, err)) < 0)
			goto oom;
		usable = false;
	} else if (strcmp(status, "ENABLED") != 0) {
		if (plan_add_error(p, gl_format("application %s is not enabled (Status %s)", arn,
						  *status ? status : "missing")) < 0)
			goto oom;
		usable = false;
	}
	free(status);
	free(err);
	status = err = NULL;

	for (i = first; i < grants->count; i++) {
		const struct grant_def *g = &grants->items[i];

		if (strcmp(g->application_arn, arn) != 0)
			continue;
		for (j = 0; j < g->issuer_count; j++) {
			if (plan_issuer_seen(grants, i, j))
				continue;
			rc = sso_admin_describe_trusted_token_issuer(&err, client,
								     g->issuers[j].trusted_token_issuer_arn);
			if (rc != AWS_CLIENT_OK && rc != AWS_CLIENT_DRY_RUN &&
			    plan_add_error(p, gl_format("%s:%u: trusted token issuer %s: %s",
							  g->path, g->line,
							  g->issuers[j].trusted_token_issuer_arn,
							  err)) < 0)
				goto oom;
			free(err);
			err = NULL;
		}
	}
	if (!usable)
		return 0;

	rc = sso_admin_list_application_grants(&live, &err, client, arn);
	if (rc == AWS_CLIENT_DRY_RUN || p->dry_run) {
		p->dry_run = true;
		free(err);
		grant_def_list_free(&live);
		return 0;
	}
	if (rc != AWS_CLIENT_OK) {
		rc = plan_add_error(p, gl_format("application %s: %s", arn, err));
		free(err);
		grant_def_list_free(&live);
		return rc;
	}
	/* the list is complete: its items stay where they are from here on */
	lives = realloc(p->lives, (p->live_count + 1) * sizeof(*lives));
	if (lives == NULL) {
		grant_def_list_free(&live);
		return -1;
	}
	p->lives = lives;
	p->lives[p->live_count++] = live;
	lp = &p->lives[p->live_count - 1];

	for (i = first; i < grants->count; i++) {
		const struct grant_def *g = &grants->items[i];
		const struct grant_def *found = NULL;
		struct plan_entry *e;

		if (strcmp(g->application_arn, arn) != 0)
			continue;
		for (k = 0; k < lp->count; k++)
			if (strcmp(lp->items[k].grant_type, g->grant_type) == 0)
				found = &lp->items[k];
		if (found == NULL) {
			e = plan_add_entry(p, PLAN_CREATE, g);
		} else if (grant_def_equal(found, g)) {
			e = plan_add_entry(p, PLAN_UNCHANGED, g);
		} else {
			e = plan_add_entry(p, PLAN_UPDATE, g);
			if (e != NULL && grant_def_diff(&e->changes, &e->change_count, found, g) < 0)
				return -1;
		}
		if (e == NULL)
			return -1;
	}
	for (k = 0; k < lp->count; k++) {
		bool defined = false;

		for (i = first; i < grants->count && !defined; i++)
			defined = strcmp(grants->items[i].application_arn, arn) == 0 &&
				  strcmp(grants->items[i].grant_type, lp->items[k].grant_type) == 0;
		if (!defined && plan_add_entry(p, PLAN_NOT_IN_FILES, &lp->items[k]) == NULL)
			return -1;
	}
	return 0;
oom:
	free(status);
	free(err);
	return -1;
}

/* Build the plan for every application of grants, in the order the files name them. */
static int plan_build(struct plan *p, struct aws_client *client,
		      const struct grant_def_list *grants)
{
	size_t i;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < grants->count; i++)
		if (!plan_application_seen(grants, i) && plan_application(p, client, grants, i) < 0)
			return -1;
	return 0;
}

static void plan_free(struct plan *p)
{
	size_t i;

	for (i = 0; i < p->count; i++)
		grant_def_diff_free(p->entries[i].changes, p->entries[i].change_count);
	free(p->entries);
	for (i = 0; i < p->error_count; i++)
		free(p->errors[i]);
	free(p->errors);
	for (i = 0; i < p->live_count; i++)
		grant_def_list_free(&p->lives[i]);
	free(p->lives);
	memset(p, 0, sizeof(*p));
}

/* One line per grant (the changes of an update indented below it), then a summary. */
static void plan_write_text(FILE *out, const struct plan *p)
{
	size_t i, j;

	for (i = 0; i < p->count; i++) {
		const struct plan_entry *e = &p->entries[i];

		fprintf(out, "%-13s %s  %s", plan_action_names[e->action], e->grant->grant_type,
			e->grant->application_arn);
		if (e->grant->path != NULL)
			fprintf(out, "  (%s:%u)", e->grant->path, e->grant->line);
		fputc('\n', out);
		for (j = 0; j < e->change_count; j++)
			fprintf(out, "                %s\n", e->changes[j]);
	}
	fprintf(out, "Plan: %zu to create, %zu to update, %zu unchanged, %zu not in files%s.\n",
		p->counts[PLAN_CREATE], p->counts[PLAN_UPDATE], p->counts[PLAN_UNCHANGED],
		p->counts[PLAN_NOT_IN_FILES],
		p->error_count > 0 ? "; errors above" : "");
}

/* The plan as one JSON object: grants with action and changes, errors, summary. */
static void plan_write_json(FILE *out, const struct plan *p)
{
	size_t i, j;

	fputs("{\"command\":\"plan\",\"grants\":[", out);
	for (i = 0; i < p->count; i++) {
		const struct plan_entry *e = &p->entries[i];

		fputs(i > 0 ? ",{\"action\":" : "{\"action\":", out);
		gl_report_json_string(out, plan_action_names[e->action]);
		fputs(",\"application_arn\":", out);
		gl_report_json_string(out, e->grant->application_arn);
		fputs(",\"grant_type\":", out);
		gl_report_json_string(out, e->grant->grant_type);
		if (e->grant->path != NULL) {
			fputs(",\"path\":", out);
			gl_report_json_string(out, e->grant->path);
			fprintf(out, ",\"line\":%u", e->grant->line);
		}
		fputs(",\"changes\":[", out);
		for (j = 0; j < e->change_count; j++) {
			if (j > 0)
				fputc(',', out);
			gl_report_json_string(out, e->changes[j]);
		}
		fputs("]}", out);
	}
	fputs("],\"errors\":[", out);
	for (i = 0; i < p->error_count; i++) {
		if (i > 0)
			fputc(',', out);
		gl_report_json_string(out, p->errors[i]);
	}
	fprintf(out, "],\"summary\":{\"create\":%zu,\"update\":%zu,\"unchanged\":%zu,"
		"\"not_in_files\":%zu,\"errors\":%zu}}\n",
		p->counts[PLAN_CREATE], p->counts[PLAN_UPDATE], p->counts[PLAN_UNCHANGED],
		p->counts[PLAN_NOT_IN_FILES], p->error_count);
}

/* ---- options ------------------------------------------------------------------------ */

/* --help of plan or submit: the options the two share, and each one's own. */
static void send_usage(FILE *out, bool submit)
{
	if (submit)
		fprintf(out,
			"Usage: grantlint submit [OPTIONS] [PATH...]\n"
			"\n"
			"Lint the grant files; if they lint clean, call PutApplicationGrant for\n"
			"each grant and print a result line per grant and a summary. Exit 1 if\n"
			"any call failed (after trying the rest, unless --fail-fast).\n");
	else
		fprintf(out,
			"Usage: grantlint plan [OPTIONS] [PATH...]\n"
			"\n"
			"Lint the grant files; if they lint clean, check that each application\n"
			"exists and is enabled and that each trusted token issuer exists, read the\n"
			"live grants, and print per grant: create, update (with the fields that\n"
			"change), unchanged, or not in files (live, but defined by no file).\n");
	fprintf(out,
		"\n"
		"Options:\n"
		"      --region REGION       AWS region (else AWS_REGION, AWS_DEFAULT_REGION,\n"
		"                            then the profile's region)\n"
		"      --profile NAME        profile of ~/.aws/credentials and ~/.aws/config\n"
		"                            (else AWS_PROFILE, then default)\n"
		"      --endpoint-url URL    custom endpoint (else AWS_ENDPOINT_URL_SSO_ADMIN,\n"
		"                            then AWS_ENDPOINT_URL); http:// only to loopback\n"
		"      --fips                use the FIPS endpoint\n"
		"      --dualstack           use the dual-stack (IPv6) endpoint\n"
		"      --timeout SECONDS     per attempt (default 60)\n"
		"      --max-attempts N      attempts per call, retries included (default\n"
		"                            AWS_MAX_ATTEMPTS, else 3)\n"
		"      --format FORMAT       text (default) or json\n"
		"      --config FILE         lint with this configuration instead of the\n"
		"                            .grantlint.yaml found upwards from each file\n"
		"      --no-config           lint with no configuration file\n"
		"      --dry-run             print each HTTP request instead of sending it\n"
		"                            (the session token as <redacted>; in json format\n"
		"                            the requests go to standard error)\n");
	if (submit)
		fprintf(out,
			"      --only-changed        put only the grants 'plan' shows as create\n"
			"                            or update (reads the live grants first)\n"
			"      --fail-fast           stop at the first failed grant\n");
	else
		fprintf(out,
			"      --detailed-exitcode   exit 0 no changes, 2 changes pending, 1 errors\n");
	fprintf(out,
		"  -h, --help                this help\n"
		"\n"
		"Exit status: 0 done, 1 any error (nothing is sent when the files do not\n"
		"lint clean)%s.\n", submit ? "" : ", 2 with --detailed-exitcode: changes pending");
}

/* Parse options into *o; argv is left with the paths at optind. */
static int send_parse(struct send_options *o, int argc, char **argv, bool submit)
{
	static const struct option longopts[] = {
		{ "region", required_argument, NULL, 'r' },
		{ "profile", required_argument, NULL, 'p' },
		{ "endpoint-url", required_argument, NULL, 'e' },
		{ "fips", no_argument, NULL, 'F' },
		{ "dualstack", no_argument, NULL, 'D' },
		{ "timeout", required_argument, NULL, 't' },
		{ "max-attempts", required_argument, NULL, 'm' },
		{ "format", required_argument, NULL, 'f' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "detailed-exitcode", no_argument, NULL, 'x' },
		{ "only-changed", no_argument, NULL, 'c' },
		{ "fail-fast", no_argument, NULL, 'a' },
		{ "config", required_argument, NULL, 'C' },
		{ "no-config", no_argument, NULL, 'N' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc = 0;

	memset(o, 0, sizeof(*o));
	o->timeout_ms = 60000;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		char *end;
		double seconds;
		long n;

		switch (c) {
		case 'r':
			o->region = optarg;
			break;
		case 'p':
			o->profile = optarg;
			break;
		case 'e':
			o->endpoint_url = optarg;
			break;
		case 'F':
			o->fips = true;
			break;
		case 'D':
			o->dualstack = true;
			break;
		case 't':
			errno = 0;
			seconds = strtod(optarg, &end);
			if (errno != 0 || *end != '\0' || end == optarg || !(seconds > 0) ||
			    seconds > 3600) {
				gl_cli_error("--timeout takes seconds (more than 0, at most 3600), "
					     "not '%s'", optarg);
				rc = -1;
			}
			o->timeout_ms = (long)(seconds * 1000 + 0.5);
			if (o->timeout_ms < 1)
				o->timeout_ms = 1;
			break;
		case 'm':
			n = strtol(optarg, &end, 10);
			if (*end != '\0' || end == optarg || n < 1 || n > 100) {
				gl_cli_error("--max-attempts takes a number from 1 to 100, not '%s'",
					     optarg);
				rc = -1;
			}
			o->max_attempts = (int)n;
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0) {
				o->format = SEND_FORMAT_TEXT;
			} else if (strcmp(optarg, "json") == 0) {
				o->format = SEND_FORMAT_JSON;
			} else {
				gl_cli_error("--format takes text or json, not '%s'", optarg);
				rc = -1;
			}
			break;
		case 'n':
			o->dry_run = true;
			break;
		case 'C':
			o->config_file = optarg;
			break;
		case 'N':
			o->no_config = true;
			break;
		case 'x':
		case 'c':
		case 'a':
			if ((c == 'x') == submit) {
				gl_cli_error("--%s is not an option of '%s'",
					     c == 'x' ? "detailed-exitcode" :
					     c == 'c' ? "only-changed" : "fail-fast",
					     submit ? "submit" : "plan");
				rc = -1;
			}
			o->detailed_exitcode |= c == 'x';
			o->only_changed |= c == 'c';
			o->fail_fast |= c == 'a';
			break;
		case 'h':
			send_usage(stdout, submit);
			return 1;
		default:
			fprintf(stderr, "Try 'grantlint %s --help'.\n", submit ? "submit" : "plan");
			rc = -1;
		}
	}
	if (rc == 0 && o->config_file != NULL && o->no_config) {
		gl_cli_error("--config and --no-config contradict each other; use one");
		rc = -1;
	}
	if (rc == 0 && o->dry_run && o->only_changed) {
		gl_cli_error("--only-changed reads the live grants, and --dry-run sends nothing; "
			     "use one or the other");
		rc = -1;
	}
	return rc;
}

/* ---- the commands ------------------------------------------------------------------- */

/*
 * grantlint plan: lint, open AWS, build the plan and print it. Errors found
 * while planning are printed on stderr and make the exit status 1; the plan
 * of the other applications is still printed.
 */
static int plan_run(int argc, char **argv)
{
	struct send_options o;
	struct send_input in;
	struct send_aws aws;
	struct plan p;
	FILE *out = stdout;
	size_t i;
	int rc;

	rc = send_parse(&o, argc, argv, false);
	if (rc != 0)
		return rc > 0 ? SEND_EXIT_OK : SEND_EXIT_ERROR;
	memset(&in, 0, sizeof(in));
	memset(&aws, 0, sizeof(aws));
	memset(&p, 0, sizeof(p));
	rc = SEND_EXIT_ERROR;
	if (send_lint(&in, &o, argc - optind, argv + optind, "plan") < 0)
		goto done;
	if (in.grants.count == 0) {
		fprintf(out, "No grants in the files given; nothing to plan.\n");
		rc = SEND_EXIT_OK;
		goto done;
	}
	if (send_aws_open(&aws, &o, &in.grants,
			  o.format == SEND_FORMAT_JSON ? stderr : stdout) < 0)
		goto done;
	if (plan_build(&p, aws.client, &in.grants) < 0) {
		gl_cli_error("out of memory");
		goto done;
	}
	if (p.dry_run) {
		fprintf(o.format == SEND_FORMAT_JSON ? stderr : stdout,
			"Dry run: the requests above were not sent, so no plan was computed.\n");
		rc = SEND_EXIT_OK;
		goto done;
	}
	for (i = 0; i < p.error_count; i++)
		gl_cli_error("%s", p.errors[i]);
	if (o.format == SEND_FORMAT_JSON)
		plan_write_json(out, &p);
	else
		plan_write_text(out, &p);
	if (p.error_count > 0)
		rc = SEND_EXIT_ERROR;
	else if (o.detailed_exitcode && p.counts[PLAN_CREATE] + p.counts[PLAN_UPDATE] > 0)
		rc = SEND_EXIT_CHANGES;
	else
		rc = SEND_EXIT_OK;
done:
	plan_free(&p);
	send_aws_close(&aws);
	send_input_free(&in);
	return rc;
}

enum submit_status { SUBMIT_OK, SUBMIT_FAILED, SUBMIT_SKIPPED, SUBMIT_DRY_RUN };

static const char *const submit_status_names[] = { "ok", "failed", "skipped", "dry-run" };

/* One result: a text line, or one element of the JSON results array. */
static void submit_write_result(FILE *out, const struct send_options *o, bool first,
				enum submit_status status, const struct grant_def *g,
				const char *error)
{
	if (o->format == SEND_FORMAT_TEXT) {
		fprintf(out, "%-8s %s  %s  (%s:%u)%s%s\n", submit_status_names[status],
			g->grant_type, g->application_arn, g->path, g->line,
			error != NULL ? ": " : "", error != NULL ? error : "");
		fflush(out);
		return;
	}
	fputs(first ? "{\"status\":" : ",{\"status\":", out);
	gl_report_json_string(out, submit_status_names[status]);
	fputs(",\"application_arn\":", out);
	gl_report_json_string(out, g->application_arn);
	fputs(",\"grant_type\":", out);
	gl_report_json_string(out, g->grant_type);
	fputs(",\"path\":", out);
	gl_report_json_string(out, g->path);
	fprintf(out, ",\"line\":%u", g->line);
	if (error != NULL) {
		fputs(",\"error\":", out);
		gl_report_json_string(out, error);
	}
	fputc('}', out);
}

/*
 * grantlint submit: lint, open AWS, then PutApplicationGrant for every grant
 * (or, with --only-changed, for those the plan shows as create or update),
 * in file order. A failure does not stop the rest unless --fail-fast.
 */
static int submit_run(int argc, char **argv)
{
	struct send_options o;
	struct send_input in;
	struct send_aws aws;
	struct plan p;
	FILE *out = stdout;
	size_t i, counts[4] = { 0, 0, 0, 0 }, written = 0;
	bool stop = false;
	int rc;

	rc = send_parse(&o, argc, argv, true);
	if (rc != 0)
		return rc > 0 ? SEND_EXIT_OK : SEND_EXIT_ERROR;
	memset(&in, 0, sizeof(in));
	memset(&aws, 0, sizeof(aws));
	memset(&p, 0, sizeof(p));
	rc = SEND_EXIT_ERROR;
	if (send_lint(&in, &o, argc - optind, argv + optind, "submit") < 0)
		goto done;
	if (in.grants.count == 0) {
		fprintf(out, "No grants in the files given; nothing to submit.\n");
		rc = SEND_EXIT_OK;
		goto done;
	}
	if (send_aws_open(&aws, &o, &in.grants,
			  o.format == SEND_FORMAT_JSON ? stderr : stdout) < 0)
		goto done;
	if (o.only_changed) {
		if (plan_build(&p, aws.client, &in.grants) < 0) {
			gl_cli_error("out of memory");
			goto done;
		}
		if (p.error_count > 0) {
			for (i = 0; i < p.error_count; i++)
				gl_cli_error("%s", p.errors[i]);
			gl_cli_error("submit: the live grants could not be compared; nothing was sent");
			goto done;
		}
	}

	if (o.format == SEND_FORMAT_JSON)
		fputs("{\"command\":\"submit\",\"results\":[", out);
	for (i = 0; i < in.grants.count; i++) {
		const struct grant_def *g = &in.grants.items[i];
		enum submit_status status;
		char *err = NULL;

		if (o.only_changed) {
			size_t k;
			bool changed = false;

			for (k = 0; k < p.count; k++)
				if (p.entries[k].grant == g)
					changed = p.entries[k].action == PLAN_CREATE ||
						  p.entries[k].action == PLAN_UPDATE;
			if (!changed)
				continue;
		}
		if (stop) {
			status = SUBMIT_SKIPPED;
		} else {
			int crc = sso_admin_put_application_grant(&err, aws.client, g);

			status = crc == AWS_CLIENT_OK ? SUBMIT_OK :
				 crc == AWS_CLIENT_DRY_RUN ? SUBMIT_DRY_RUN : SUBMIT_FAILED;
		}
		counts[status]++;
		submit_write_result(out, &o, written++ == 0, status, g, err);
		free(err);
		if (status == SUBMIT_FAILED && o.fail_fast)
			stop = true;
	}
	if (o.format == SEND_FORMAT_JSON)
		fprintf(out, "],\"summary\":{\"succeeded\":%zu,\"failed\":%zu,\"skipped\":%zu,"
			"\"dry_run\":%zu}}\n", counts[SUBMIT_OK], counts[SUBMIT_FAILED],
			counts[SUBMIT_SKIPPED], counts[SUBMIT_DRY_RUN]);
	else if (o.dry_run)
		fprintf(out, "Dry run: %zu request%s printed, nothing sent.\n",
			counts[SUBMIT_DRY_RUN], counts[SUBMIT_DRY_RUN] == 1 ? "" : "s");
	else
		fprintf(out, "Submit: %zu succeeded, %zu failed, %zu skipped.\n",
			counts[SUBMIT_OK], counts[SUBMIT_FAILED], counts[SUBMIT_SKIPPED]);
	rc = counts[SUBMIT_FAILED] > 0 ? SEND_EXIT_ERROR : SEND_EXIT_OK;
done:
	plan_free(&p);
	send_aws_close(&aws);
	send_input_free(&in);
	return rc;
}

const struct gl_command gl_cmd_plan = {
	.name = "plan",
	.summary = "lint, then show what would change in AWS",
	.run = plan_run,
};

const struct gl_command gl_cmd_submit = {
	.name = "submit",
	.summary = "lint, then apply the grants with PutApplicationGrant",
	.run = submit_run,
};
