/*
 * run_fixtures.c - the golden-diagnostic fixture runner.
 *
 * Every rule has fixtures/<CODE>-<name>/. Each bad-* file there (or bad-*
 * folder, linted as one tree for rules that judge across files) has a
 * <name>.expected file listing each diagnostic as
 *     line:col-endline:endcol CODE message
 * (prefixed with "path:" for folders); each ok-* file or folder must produce
 * none. Only the rule under test is enabled, except for the suppression
 * rules (GL08x), which judge other rules' findings: there every rule runs
 * and only the rule under test's findings are compared. A case folder may
 * hold its own .grantlint.yaml, found by the usual discovery (which also
 * applies its rules: on top of the one rule). GRANTLINT_UPDATE_FIXTURES=1
 * rewrites the expected files. A rule without a folder or documentation, a
 * bad case without expectations, and a folder without ok and bad cases fail.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "engine.h"
#include "run.h"

static int failures;
static int cases;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void fail(const char *fmt, ...)
{
	va_list ap;

	printf("FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failures++;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int has_ext(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot && (!strcmp(dot, ".yaml") || !strcmp(dot, ".yml") || !strcmp(dot, ".json"));
}

/* Lint one case (file or folder) with only `rule` on; the diagnostics as text. */
static char *lint_case(const struct gl_rule *rule, const char *path, int is_dir)
{
	struct gl_lint_options opts;
	struct gl_run run;
	bool *enabled = calloc(gl_rules_count, sizeof(bool));
	char *out = NULL;
	size_t len = 0, i, prefix = strlen(path) + 1;
	FILE *mem;

	struct gl_config_set configs;
	bool judges_others = !strncmp(rule->code, "GL08", 4);

	gl_lint_options_default(&opts);
	for (i = 0; i < gl_rules_count; i++)
		enabled[i] = judges_others;
	enabled[gl_rule_index(rule)] = true;
	opts.enabled = enabled;
	gl_run_init(&run, &opts);
	mem = open_memstream(&out, &len);
	gl_config_set_init(&configs, NULL, false, enabled, &opts.limits);
	configs.errors = mem;
	run.configs = &configs;
	if (gl_run_add_path(&run, path) < 0 || gl_run_finish(&run) < 0) {
		fprintf(mem, "(out of memory)\n");
	}
	for (i = 0; i < run.diags.count; i++) {
		const struct gl_diag *d = &run.diags.items[i];

		if (d->rule != rule)
			continue;

		if (is_dir)
			fprintf(mem, "%s:", strlen(d->path) > prefix ? d->path + prefix : d->path);
		fprintf(mem, "%u:%u-%u:%u %s %s\n", d->start.line, d->start.col, d->end.line,
			d->end.col, d->rule->code, d->message);
	}
	if (run.read_errors)
		fprintf(mem, "(unreadable input)\n");
	fclose(mem);
	gl_run_free(&run);
	gl_config_set_free(&configs);
	free(enabled);
	return out;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_rule(const struct gl_rule *rule, const char *fixtures, int update)
{
	char dir[1200], path[2048], expected_path[2100];
	char *names[512];
	size_t count = 0, i;
	int oks = 0, bads = 0;
	DIR *d;
	struct dirent *ent;

	if (rule->doc == NULL || strlen(rule->doc) < 200 || rule->summary == NULL)
		fail("%s has no documentation (or too little)", rule->code);
	snprintf(dir, sizeof(dir), "%s/%s-%s", fixtures, rule->code, rule->name);
	d = opendir(dir);
	if (d == NULL) {
		fail("%s has no fixture folder %s", rule->code, dir);
		return;
	}
	/* Lint from inside the folder, so that paths in messages are relative. */
	if (chdir(dir) < 0) {
		fail("cannot enter %s", dir);
		closedir(d);
		return;
	}
	while ((ent = readdir(d)) != NULL && count < 512)
		if (!strncmp(ent->d_name, "ok-", 3) || !strncmp(ent->d_name, "bad-", 4))
			names[count++] = strdup(ent->d_name);
	closedir(d);
	qsort(names, count, sizeof(*names), compare_names);
	for (i = 0; i < count; i++) {
		struct stat st;
		int is_dir, bad = names[i][0] == 'b';
		char *got, *want;
		const char *ext = strrchr(names[i], '.');

		if (ext && !strcmp(ext, ".expected"))
			goto next;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (stat(path, &st) < 0)
			goto next;
		is_dir = S_ISDIR(st.st_mode);
		if (!is_dir && !has_ext(names[i]))
			goto next;
		cases++;
		got = lint_case(rule, names[i], is_dir);
		if (!bad) {
			oks++;
			if (got[0] != '\0')
				fail("%s should have no findings, got:\n%s", path, got);
			free(got);
			goto next;
		}
		bads++;
		snprintf(expected_path, sizeof(expected_path), "%s.expected", path);
		if (update) {
			FILE *f = fopen(expected_path, "w");

			if (f != NULL) {
				fputs(got, f);
				fclose(f);
			}
		}
		want = read_all(expected_path);
		if (want == NULL)
			fail("%s has no expected file %s", path, expected_path);
		else if (want[0] == '\0')
			fail("%s: a bad case must expect at least one diagnostic (%s is empty)",
			     path, expected_path);
		else if (strcmp(want, got) != 0) {
			printf("--- expected %s\n%s+++ got\n%s", expected_path, want, got);
			fail("%s: diagnostics differ from %s", path, expected_path);
		}
		free(want);
		free(got);
next:
		free(names[i]);
	}
	if (oks == 0 || bads == 0)
		fail("%s needs at least one ok- and one bad- case in %s", rule->code, dir);
}

int main(void)
{
	const char *src = getenv("top_srcdir");
	const char *update = getenv("GRANTLINT_UPDATE_FIXTURES");
	char fixtures[1024];
	size_t i;

	snprintf(fixtures, sizeof(fixtures), "%s/fixtures", src ? src : GL_SRCDIR);
	for (i = 0; i < gl_rules_count; i++)
		run_rule(gl_rules[i], fixtures, update != NULL && !strcmp(update, "1"));
	printf("%d fixture cases over %zu rules: %d passed, %d failed\n", cases, gl_rules_count,
	       cases - failures, failures);
	return failures ? 1 : 0;
}
