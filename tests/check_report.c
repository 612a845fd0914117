/*
 * check_report.c - Check suite for the reporters and failure thresholds.
 *
 * No rule reports warnings or infos by default yet, so the run here is linted
 * from bytes in memory with severity overrides (GL102 unknown-key a warning,
 * GL004 duplicate-key an info). Every reporter writes it into a memory
 * stream, which is compared with tests/golden/run/report.<format> (the
 * package version written as @VERSION@). GRANTLINT_UPDATE_FIXTURES=1
 * rewrites the golden files; review the diff.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "report.h"
#include "rule.h"
#include "run.h"
#include "threshold.h"

struct memfile {
	const char *path;
	const char *text;
};

/*
 * Paths with a space, a comma and a colon (escaped differently by each
 * format), keys with markup, '%', CR LF and a control character in them, a
 * clean file, a file with no request, and more than ten findings of a level.
 */
static const struct memfile files[] = {
	{ "grants/team a/web,app:1.yaml",
	  "ApplicationArn: arn:aws:sso::123456789012:application/ssoins-72236d2b4d8c5e1f/"
	  "apl-5f2a9c1d7e3b4a60\n"
	  "GrantType: authorization_code\n"
	  "GrantType: authorization_code\n"
	  "Grant:\n"
	  "  AuthorizationCode:\n"
	  "    RedirectURIs: [https://crm.example.com/cb]\n" },
	{ "grants/odd.grant.json",
	  "[{\"ApplicationArn\": \"arn:aws:sso::123456789012:application/ssoins-72236d2b4d8c5e1f/"
	  "apl-5f2a9c1d7e3b4a60\",\r\n"
	  "  \"GrantType\": \"refresh_token\", \"Grant\": {\"RefreshToken\": {}},\r\n"
	  "  \"<b>&amp;\\\"100%\\r\\n\\u0001\": 1},\r\n"
	  " {\"GrantType\": \"refresh_token\", \"Grant\": {\"RefreshToken\": {}}}]\r\n" },
	{ "clean.grant.yaml",
	  "ApplicationArn: arn:aws:sso::123456789012:application/ssoins-72236d2b4d8c5e1f/"
	  "apl-5f2a9c1d7e3b4a60\n"
	  "GrantType: refresh_token\n"
	  "Grant:\n"
	  "  RefreshToken: {}\n" },
	{ "empty.grant.yaml", "# nothing here yet\n" },
	{ "many.grant.yaml",
	  "- {ApplicationArn: \"arn:aws:sso::123456789012:application/ssoins-72236d2b4d8c5e1f/"
	  "apl-5f2a9c1d7e3b4a60\",\n"
	  "   GrantType: refresh_token, Grant: {RefreshToken: {}},\n"
	  "   A1: 1, A2: 2, A3: 3, A4: 4, A5: 5, A6: 6}\n"
	  "- {ApplicationArn: \"arn:aws:sso::123456789012:application/ssoins-72236d2b4d8c5e1f/"
	  "apl-0c4d8e2f6a1b3c5d\",\n"
	  "   GrantType: refresh_token, Grant: {RefreshToken: {}},\n"
	  "   B1: 1, B2: 2, B3: 3, B4: 4, B5: 5, B6: 6}\n" },
	{ "missing.grant.yaml", "- {}\n- {}\n- {}\n- {}\n" },
};

static const char *const formats[] = { "text", "json", "sarif", "github", "gitlab", "junit" };

static int severities[64];

/* Lint the files above into run, with the severity overrides. */
static void build_run(struct gl_run *run, size_t nfiles)
{
	struct gl_lint_options opts;
	size_t i;

	ck_assert_uint_le(gl_rules_count, sizeof(severities) / sizeof(severities[0]));
	for (i = 0; i < gl_rules_count; i++)
		severities[i] = -1;
	severities[gl_rule_index(gl_rule_find("GL102"))] = GL_SEV_WARNING;
	severities[gl_rule_index(gl_rule_find("GL004"))] = GL_SEV_INFO;
	gl_lint_options_default(&opts);
	opts.severity = severities;
	gl_run_init(run, &opts);
	for (i = 0; i < nfiles; i++)
		ck_assert_int_eq(gl_run_lint_bytes(run, files[i].path, files[i].text,
						   strlen(files[i].text)),
				 0);
	ck_assert_int_eq(gl_run_finish(run), 0);
}

/* The report as a string, the package version replaced by @VERSION@. */
static char *render(const struct gl_reporter *reporter, const struct gl_run *run)
{
	struct gl_report_style style = { false, false, true };
	char *text = NULL, *hit;
	size_t len = 0, vlen = strlen(PACKAGE_VERSION);
	FILE *out = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(reporter->write(out, run, &style), 0);
	ck_assert_int_eq(fclose(out), 0);
	while ((hit = strstr(text, PACKAGE_VERSION)) != NULL) {
		char *rest = strdup(hit + vlen), *grown;
		size_t at = (size_t)(hit - text);

		ck_assert_ptr_nonnull(rest);
		grown = realloc(text, at + strlen("@VERSION@") + strlen(rest) + 1);
		ck_assert_ptr_nonnull(grown);
		text = grown;
		strcpy(text + at, "@VERSION@");
		strcat(text, rest);
		free(rest);
	}
	return text;
}

static char *read_golden(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text;
	long n;

	if (f == NULL)
		return NULL;
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	text = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(text);
	ck_assert_uint_eq(fread(text, 1, (size_t)n, f), (size_t)n);
	text[n] = '\0';
	fclose(f);
	return text;
}

START_TEST(test_golden)
{
	const char *name = formats[_i];
	const struct gl_reporter *reporter = gl_reporter_find(name);
	const char *update = getenv("GRANTLINT_UPDATE_FIXTURES");
	struct gl_run run;
	char path[1024], *got, *want;

	ck_assert_ptr_nonnull(reporter);
	build_run(&run, sizeof(files) / sizeof(files[0]));
	got = render(reporter, &run);
	snprintf(path, sizeof(path), "%s/tests/golden/run/report.%s", GL_SRCDIR, name);
	if (update != NULL && update[0] == '1') {
		FILE *f = fopen(path, "wb");

		ck_assert_ptr_nonnull(f);
		fputs(got, f);
		ck_assert_int_eq(fclose(f), 0);
	}
	want = read_golden(path);
	ck_assert_msg(want != NULL, "no golden file %s", path);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "---- %s as rendered now:\n%s", name, got);
	ck_assert_msg(!strcmp(got, want), "%s differs from the golden file %s (rendering above)",
		      name, path);
	free(got);
	free(want);
	gl_run_free(&run);
}
END_TEST

/* The run has what the golden files are meant to show. */
START_TEST(test_run_shape)
{
	struct gl_run run;

	build_run(&run, sizeof(files) / sizeof(files[0]));
	ck_assert_uint_gt(run.errors, 10);
	ck_assert_uint_gt(run.warnings, 10);
	ck_assert_uint_ge(run.infos, 1);
	ck_assert_uint_eq(run.file_count, 6);
	gl_run_free(&run);
}
END_TEST

/* Count the lines of text that start with prefix. */
static size_t count_lines(const char *text, const char *prefix)
{
	size_t n = 0, len = strlen(prefix);
	const char *p = text;

	while (p != NULL && *p) {
		n += !strncmp(p, prefix, len);
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return n;
}

/* GitHub: at most 10 annotations per level, one closing notice, the full list. */
START_TEST(test_github_cap)
{
	struct gl_run run;
	char *text;

	build_run(&run, sizeof(files) / sizeof(files[0]));
	text = render(&gl_reporter_github, &run);
	ck_assert_uint_eq(count_lines(text, "::error "), 10);
	ck_assert_uint_eq(count_lines(text, "::warning "), 10);
	ck_assert_uint_eq(count_lines(text, "::notice "), run.infos + 1);
	ck_assert_ptr_nonnull(strstr(text, "::notice title=grantlint::"));
	/* The plain list has every finding, each on one line, none a command. */
	ck_assert_uint_eq(count_lines(text, "  "), run.diags.count);
	ck_assert_uint_eq(count_lines(text, "::"), 10 + 10 + run.infos + 1);
	ck_assert_ptr_nonnull(strstr(text, "100%\\r\\n\\x01' in the request"));
	/*
	 * Escaping: ',' and ':' in the file property, '%' in the message. CR and
	 * LF never reach a reporter: diagnostics hold them as \r and \n.
	 */
	ck_assert_ptr_nonnull(strstr(text, "file=grants/team a/web%2Capp%3A1.yaml,"));
	ck_assert_ptr_nonnull(strstr(text, "100%25\\r\\n\\x01"));
	ck_assert_ptr_null(strchr(text, '\r'));
	free(text);
	gl_run_free(&run);
	/* Under the cap: no notice and no plain list. */
	build_run(&run, 1);
	text = render(&gl_reporter_github, &run);
	ck_assert_uint_eq(count_lines(text, "::notice title=grantlint"), 0);
	ck_assert_uint_eq(count_lines(text, "  "), 0);
	free(text);
	gl_run_free(&run);
}
END_TEST

START_TEST(test_thresholds)
{
	struct gl_threshold t;
	struct gl_run run;

	gl_threshold_default(&t);
	ck_assert_int_eq(gl_threshold_parse_fail_on(&t, "sometimes"), -1);
	ck_assert_int_eq(gl_threshold_parse_max_warnings(&t, "-1"), -1);
	ck_assert_int_eq(gl_threshold_parse_max_warnings(&t, "3x"), -1);
	ck_assert_int_eq(gl_threshold_parse_max_warnings(&t, ""), -1);

	/* many.grant.yaml alone: 12 warnings, no error. */
	build_run(&run, 0);
	ck_assert(!gl_threshold_fails(&t, &run));
	ck_assert_int_eq(gl_run_lint_bytes(&run, files[4].path, files[4].text,
					   strlen(files[4].text)),
			 0);
	ck_assert_int_eq(gl_run_finish(&run), 0);
	ck_assert_uint_eq(run.errors, 0);
	ck_assert_uint_eq(run.warnings, 12);

	gl_threshold_default(&t);
	ck_assert(!gl_threshold_fails(&t, &run));
	ck_assert_int_eq(gl_threshold_parse_fail_on(&t, "warning"), 0);
	ck_assert(gl_threshold_fails(&t, &run));
	ck_assert_int_eq(gl_threshold_parse_fail_on(&t, "never"), 0);
	ck_assert(!gl_threshold_fails(&t, &run));
	ck_assert_int_eq(gl_threshold_parse_max_warnings(&t, "12"), 0);
	ck_assert(!gl_threshold_fails(&t, &run));
	ck_assert_int_eq(gl_threshold_parse_max_warnings(&t, "11"), 0);
	ck_assert(gl_threshold_fails(&t, &run));
	ck_assert_int_eq(gl_threshold_parse_fail_on(&t, "error"), 0);
	ck_assert_int_eq(gl_threshold_parse_max_warnings(&t, "0"), 0);
	ck_assert(gl_threshold_fails(&t, &run));
	gl_run_free(&run);

	/* Errors fail under error and warning, not under never. */
	build_run(&run, 1);
	ck_assert_uint_gt(run.errors, 0);
	gl_threshold_default(&t);
	ck_assert(gl_threshold_fails(&t, &run));
	ck_assert_int_eq(gl_threshold_parse_fail_on(&t, "warning"), 0);
	ck_assert(gl_threshold_fails(&t, &run));
	ck_assert_int_eq(gl_threshold_parse_fail_on(&t, "never"), 0);
	ck_assert(!gl_threshold_fails(&t, &run));
	gl_run_free(&run);
}
END_TEST

/* GitLab fingerprints: unique, and the same when a finding moves lines. */
START_TEST(test_gitlab_fingerprint_moves)
{
	static const char before[] = "- {RefreshTokn: 1}\n- {RefreshTokn: 1}\n";
	static const char after[] = "# moved down\n\n- {RefreshTokn: 1}\n- {RefreshTokn: 1}\n";
	struct gl_lint_options opts;
	struct gl_run run;
	char *a, *b, *fp1, *fp2, seen[8][65];
	size_t n = 0, i;

	gl_lint_options_default(&opts);
	gl_run_init(&run, &opts);
	ck_assert_int_eq(gl_run_lint_bytes(&run, "g.grant.yaml", before, strlen(before)), 0);
	ck_assert_int_eq(gl_run_finish(&run), 0);
	a = render(&gl_reporter_gitlab, &run);
	gl_run_free(&run);
	gl_run_init(&run, &opts);
	ck_assert_int_eq(gl_run_lint_bytes(&run, "g.grant.yaml", after, strlen(after)), 0);
	ck_assert_int_eq(gl_run_finish(&run), 0);
	b = render(&gl_reporter_gitlab, &run);
	gl_run_free(&run);
	/* Same findings, other lines, same fingerprints in the same order. */
	ck_assert_str_ne(a, b);
	fp1 = strstr(a, "\"fingerprint\": \"");
	fp2 = strstr(b, "\"fingerprint\": \"");
	ck_assert_ptr_nonnull(fp1);
	ck_assert_ptr_nonnull(fp2);
	while (fp1 != NULL && fp2 != NULL) {
		ck_assert_int_eq(strncmp(fp1, fp2, 16 + 64), 0);
		/* No other finding in the report has the same fingerprint. */
		ck_assert_uint_lt(n, 8);
		snprintf(seen[n], sizeof(seen[n]), "%.64s", fp1 + 16);
		for (i = 0; i < n; i++)
			ck_assert_str_ne(seen[i], seen[n]);
		n++;
		fp1 = strstr(fp1 + 1, "\"fingerprint\": \"");
		fp2 = strstr(fp2 + 1, "\"fingerprint\": \"");
	}
	ck_assert_ptr_null(fp1);
	ck_assert_ptr_null(fp2);
	ck_assert_uint_eq(n, 8);
	free(a);
	free(b);
}
END_TEST

static Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("formats");

	tcase_add_loop_test(tc, test_golden, 0, (int)(sizeof(formats) / sizeof(formats[0])));
	tcase_add_test(tc, test_run_shape);
	tcase_add_test(tc, test_github_cap);
	tcase_add_test(tc, test_thresholds);
	tcase_add_test(tc, test_gitlab_fingerprint_moves);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(report_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
