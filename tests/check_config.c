/*
 * check_config.c - Check suite for the configuration: the parser and its
 * positions, globs and patterns, overrides and their cache, the suppression
 * comment scanner, and the baseline hash.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "conf.h"
#include "pattern.h"
#include "rules.h"
#include "suppress.h"

/* Load text as a configuration; errors (if any) into *errors (malloc'd). */
static int load(struct gl_config_file **out, const char *text, char **errors)
{
	size_t len = 0;
	FILE *mem = open_memstream(errors, &len);
	int rc = gl_config_file_load(out, ".grantlint.yaml", "/repo", text, strlen(text), mem);

	fclose(mem);
	return rc;
}

START_TEST(test_valid_configuration)
{
	struct gl_config_file *f;
	char *errors;
	const char *text =
		"include: ['grants/**']\n"
		"rules:\n"
		"  GL1xx: warning\n"
		"  unknown-key: {enabled: false, unsuppressible: true}\n"
		"policy:\n"
		"  grant_types: {allowed: [authorization_code]}\n"
		"  redirect_uris:\n"
		"    allowed_hosts: ['*.example.com']\n"
		"    max_count: 3\n"
		"    allow_http: false\n"
		"  applications: {accounts: [123456789012, '012345678901']}\n"
		"limits: {max_file_size: 2M, max_depth: 10}\n";

	ck_assert_int_eq(load(&f, text, &errors), 0);
	ck_assert_str_eq(errors, "");
	ck_assert_uint_eq(f->include_count, 1);
	ck_assert_uint_eq(f->base.rule_count, 2);
	ck_assert_int_eq(f->base.rules[0].severity, GL_SEV_WARNING);
	ck_assert_int_eq(f->base.rules[1].enabled, 0);
	ck_assert_int_eq(f->base.rules[1].unsuppressible, 1);
	ck_assert(f->base.settings[GL_SET_REDIRECT_MAX].set);
	ck_assert_uint_eq(f->base.settings[GL_SET_REDIRECT_MAX].number, 3);
	ck_assert_uint_eq(f->base.settings[GL_SET_REDIRECT_MAX].origin.pos.line, 9);
	ck_assert_uint_eq(f->base.settings[GL_SET_REDIRECT_MAX].origin.pos.col, 5);
	ck_assert(f->base.settings[GL_SET_ALLOW_HTTP].set);
	ck_assert(!f->base.settings[GL_SET_ALLOW_HTTP].boolean);
	ck_assert_str_eq(f->base.settings[GL_SET_ACCOUNTS].strings[1], "012345678901");
	ck_assert_uint_eq(f->base.settings[GL_SET_MAX_FILE_SIZE].number, 2 * 1024 * 1024);
	ck_assert(!f->base.settings[GL_SET_AUDIENCES].set);
	free(errors);
	gl_config_file_free(f);
}
END_TEST

/* Each invalid configuration is refused with this first error line. */
START_TEST(test_invalid_positions)
{
	static const struct {
		const char *text;
		const char *error;
	} cases[] = {
		{ "rulez: {}\n",
		  ".grantlint.yaml:1:1: error: unknown key 'rulez' in the configuration; did you mean 'rules'?" },
		{ "policy:\n  audiences:\n    allowed: ['^a[']\n",
		  ".grantlint.yaml:3:19: error: invalid regular expression in policy.audiences.allowed: missing terminating ] for character class at offset 3 of '^a['" },
		{ "policy:\n  audiences: {max_count: -1}\n",
		  ".grantlint.yaml:2:26: error: policy.audiences.max_count must be a whole number of at least 1; found -1" },
		{ "policy:\n  applications: {accounts: [12345]}\n",
		  ".grantlint.yaml:2:29: error: an AWS account is 12 digits (quote it to keep leading zeros); found 12345" },
		{ "include: {a: 1}\n",
		  ".grantlint.yaml:1:10: error: include must be a list of patterns; found a mapping" },
		{ "overrides:\n  - files: []\n",
		  ".grantlint.yaml:2:12: error: an override: 'files' is empty, so it applies to nothing" },
		{ "ignore:\n  - files: [a]\n",
		  ".grantlint.yaml:2:5: error: an ignore entry needs 'rule': the code, name or family it hides" },
		{ "rules:\n  GL102: {severity: loud}\n",
		  ".grantlint.yaml:2:21: error: severity must be error, warning or info; found loud" },
		{ "policy:\n  redirect_uris: {allowed_schemes: [https, '']}\n",
		  ".grantlint.yaml:2:44: error: policy.redirect_uris.allowed_schemes must not hold an empty string" },
		{ "policy:\n  tokens: {}\n",
		  ".grantlint.yaml:2:3: error: unknown key 'tokens' in policy; expected one of: grant_types, redirect_uris, trusted_token_issuers, audiences, applications" },
		{ "policy: {grant_types: {allowed: [refresh]}}\n",
		  ".grantlint.yaml:1:34: error: unknown grant type 'refresh'" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct gl_config_file *f = NULL;
		char *errors;

		ck_assert_int_eq(load(&f, cases[i].text, &errors), -1);
		ck_assert_ptr_null(f);
		if (strncmp(errors, cases[i].error, strlen(cases[i].error)) != 0)
			ck_abort_msg("case %zu: wanted\n%s\ngot\n%s", i, cases[i].error, errors);
		free(errors);
	}
}
END_TEST

START_TEST(test_globs_and_patterns)
{
	struct gl_pattern *p;
	char msg[128];
	size_t off;

	ck_assert_int_eq(gl_pattern_compile(&p, "grants/**", GL_PATTERN_PATH, msg, sizeof(msg), &off), 0);
	ck_assert(gl_pattern_match(p, "grants/a/b.yaml", 15));
	ck_assert(!gl_pattern_match(p, "other/grants/a.yaml", 19));
	gl_pattern_free(p);
	ck_assert_int_eq(gl_pattern_compile(&p, "grants/*.json", GL_PATTERN_PATH, msg, sizeof(msg), &off), 0);
	ck_assert(gl_pattern_match(p, "grants/a.json", 13));
	ck_assert(!gl_pattern_match(p, "grants/x/a.json", 15));
	gl_pattern_free(p);
	ck_assert_int_eq(gl_pattern_compile(&p, "*.draft.yaml", GL_PATTERN_PATH, msg, sizeof(msg), &off), 0);
	ck_assert(gl_pattern_match(p, "a/b/c.draft.yaml", 16));
	ck_assert(gl_pattern_match(p, "c.draft.yaml", 12));
	ck_assert(!gl_pattern_match(p, "c.draftXyaml", 12));
	gl_pattern_free(p);
	ck_assert_int_eq(gl_pattern_compile(&p, "a/**/b.yaml", GL_PATTERN_PATH, msg, sizeof(msg), &off), 0);
	ck_assert(gl_pattern_match(p, "a/b.yaml", 8));
	ck_assert(gl_pattern_match(p, "a/x/y/b.yaml", 12));
	gl_pattern_free(p);
	/* Host globs: '*' is one or more characters; case is ignored; whole match. */
	ck_assert_int_eq(gl_pattern_compile(&p, "*.example.com", GL_PATTERN_VALUE_NOCASE, msg, sizeof(msg), &off), 0);
	ck_assert(gl_pattern_match(p, "App.Example.COM", 15));
	ck_assert(gl_pattern_match(p, "a.b.example.com", 15));
	ck_assert(!gl_pattern_match(p, "example.com", 11));
	ck_assert(!gl_pattern_match(p, "a.example.com.evil.net", 22));
	ck_assert(!gl_pattern_match(p, "a.exampleXcom", 13));
	gl_pattern_free(p);
	/* Regular expressions are anchored at both ends. */
	ck_assert_int_eq(gl_pattern_compile(&p, "^api://[a-z]+", GL_PATTERN_VALUE, msg, sizeof(msg), &off), 0);
	ck_assert(gl_pattern_match(p, "api://corp", 10));
	ck_assert(!gl_pattern_match(p, "api://corp/x", 12));
	ck_assert(!gl_pattern_match(p, "xapi://corp", 11));
	gl_pattern_free(p);
	ck_assert_int_eq(gl_pattern_compile(&p, "^(a", GL_PATTERN_VALUE, msg, sizeof(msg), &off), -1);
	ck_assert_str_eq(msg, "missing closing parenthesis");
	ck_assert_uint_eq(off, 3);
}
END_TEST

START_TEST(test_overrides_later_win_and_cache)
{
	struct gl_config_file *f;
	const struct gl_config *a, *b, *c;
	struct gl_limits limits;
	char *errors;
	const char *text =
		"policy: {redirect_uris: {max_count: 1}}\n"
		"rules: {GL102: warning}\n"
		"overrides:\n"
		"  - files: ['grants/partners/**']\n"
		"    policy: {redirect_uris: {max_count: 5}}\n"
		"    rules: {GL102: off}\n"
		"  - files: ['grants/partners/acme/**']\n"
		"    policy: {redirect_uris: {max_count: 2}}\n";

	gl_limits_default(&limits);
	ck_assert_int_eq(load(&f, text, &errors), 0);
	free(errors);
	a = gl_config_file_effective(f, "grants/x.yaml", NULL, &limits);
	b = gl_config_file_effective(f, "grants/partners/x.yaml", NULL, &limits);
	c = gl_config_file_effective(f, "grants/partners/acme/x.yaml", NULL, &limits);
	ck_assert_uint_eq(a->settings[GL_SET_REDIRECT_MAX].number, 1);
	ck_assert_uint_eq(b->settings[GL_SET_REDIRECT_MAX].number, 5);
	ck_assert_uint_eq(c->settings[GL_SET_REDIRECT_MAX].number, 2);
	ck_assert_uint_eq(c->settings[GL_SET_REDIRECT_MAX].origin.pos.line, 8);
	ck_assert(a->enabled[gl_rule_index(&gl_rule_unknown_key)]);
	ck_assert_int_eq(a->severity[gl_rule_index(&gl_rule_unknown_key)], GL_SEV_WARNING);
	ck_assert(!b->enabled[gl_rule_index(&gl_rule_unknown_key)]);
	ck_assert(!c->enabled[gl_rule_index(&gl_rule_unknown_key)]);
	/* One effective configuration per set of matching overrides, built once. */
	ck_assert_ptr_eq(gl_config_file_effective(f, "grants/y.yaml", NULL, &limits), a);
	ck_assert_ptr_eq(gl_config_file_effective(f, "grants/partners/acme/z.json", NULL, &limits), c);
	ck_assert_uint_eq(f->effective_count, 3);
	gl_config_file_free(f);
}
END_TEST

START_TEST(test_comment_scanner)
{
	const char *text =
		"# grantlint: ignore-file[GL3xx] reason: all legacy\n"
		"a: \"x # grantlint: ignore[GL1] reason: in a string\"\n"
		"b: 'it''s # grantlint: ignore[GL2] reason: quoted'\n"
		"c: |\n"
		"  # grantlint: ignore[GL4] reason: block scalar text\n"
		"d: x # grantlint: ignore[GL102]\n"
		"# grantlint: ignore[GL101,GL102] reason: next line\n"
		"\n"
		"e: y#not a comment\n"
		"f: \"two\n"
		"  # grantlint: ignore[GL5] lines\"\n";
	struct gl_suppression *s;
	size_t n;

	ck_assert_int_eq(gl_suppress_scan(text, strlen(text), &s, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert(s[0].file_wide);
	ck_assert_str_eq(s[0].selectors, "GL3xx");
	ck_assert(s[0].has_reason);
	ck_assert_ptr_null(s[0].problem);
	ck_assert_uint_eq(s[1].line, 6);
	ck_assert_uint_eq(s[1].col, 6);
	ck_assert_uint_eq(s[1].target, 6);
	ck_assert(!s[1].has_reason);
	ck_assert_uint_eq(s[2].line, 7);
	ck_assert_uint_eq(s[2].target, 9);
	ck_assert_str_eq(s[2].selectors, "GL101,GL102");
	free(s);
}
END_TEST

START_TEST(test_baseline_hash_ignores_position)
{
	struct gl_diag a, b;
	char ha[17], hb[17];

	memset(&a, 0, sizeof(a));
	a.line_text = (char *)"    RedirectURIs: [x]";
	a.start = (struct gl_pos){ 5, 5 };
	a.end = (struct gl_pos){ 5, 17 };
	b = a;
	b.line_text = (char *)"  RedirectURIs: [x]";
	b.start = (struct gl_pos){ 40, 3 };
	b.end = (struct gl_pos){ 40, 15 };
	gl_baseline_hash(&a, ha);
	gl_baseline_hash(&b, hb);
	ck_assert_str_eq(ha, hb);
	b.line_text = (char *)"  RedirectUrls: [x]";
	gl_baseline_hash(&b, hb);
	ck_assert_str_ne(ha, hb);
}
END_TEST

/* A source of two configuration files, as the git index would hold them. */
static int fake_read(void *arg, const char *path, char **bytes, size_t *len)
{
	int *reads = arg;
	const char *text = NULL;

	(*reads)++;
	if (!strcmp(path, ".grantlint.yaml"))
		text = "policy: {grant_types: {allowed: [refresh_token]}}\n";
	else if (!strcmp(path, "grants/.grantlint.yaml"))
		text = "overrides:\n  - files: ['team/**']\n    rules: {GL102: off}\n";
	else if (!strcmp(path, "broken/.grantlint.yaml"))
		text = "polisy: {}\n";
	if (text == NULL)
		return 1;
	*bytes = strdup(text);
	*len = strlen(text);
	return 0;
}

START_TEST(test_discovery_in_a_source)
{
	struct gl_config_set set;
	struct gl_config_resolved res;
	struct gl_limits limits;
	int reads = 0, before;
	char *errors;
	size_t len;
	FILE *mem = open_memstream(&errors, &len);

	gl_limits_default(&limits);
	ck_assert_int_eq(gl_config_set_init(&set, NULL, false, NULL, &limits), 0);
	set.errors = mem;
	gl_config_set_use_source(&set, fake_read, &reads);
	ck_assert_int_eq(gl_config_set_resolve(&set, "grants/team/a/x.yaml", &res), 0);
	ck_assert_ptr_nonnull(res.config);
	ck_assert_str_eq(res.file->path, "grants/.grantlint.yaml");
	ck_assert_str_eq(res.relpath, "team/a/x.yaml");
	ck_assert(!res.config->enabled[gl_rule_index(&gl_rule_unknown_key)]);
	ck_assert(!res.config->settings[GL_SET_GRANT_TYPES].set); /* the nearest file only */
	gl_config_resolved_free(&res);
	before = reads;
	/* Folders already walked are not read again. */
	ck_assert_int_eq(gl_config_set_resolve(&set, "grants/team/b.yaml", &res), 0);
	ck_assert_int_eq(reads, before);
	gl_config_resolved_free(&res);
	ck_assert_int_eq(gl_config_set_resolve(&set, "other/y.yaml", &res), 0);
	ck_assert_str_eq(res.file->path, ".grantlint.yaml");
	ck_assert_str_eq(res.relpath, "other/y.yaml");
	ck_assert(res.config->settings[GL_SET_GRANT_TYPES].set);
	gl_config_resolved_free(&res);
	ck_assert_int_eq(gl_config_set_resolve(&set, "broken/z.yaml", &res), 0);
	ck_assert(res.invalid);
	ck_assert(set.failed);
	gl_config_resolved_free(&res);
	fclose(mem);
	ck_assert_ptr_nonnull(strstr(errors, "broken/.grantlint.yaml:1:1: error: unknown key 'polisy'"));
	free(errors);
	gl_config_set_free(&set);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_valid_configuration);
	tcase_add_test(tc, test_invalid_positions);
	tcase_add_test(tc, test_globs_and_patterns);
	tcase_add_test(tc, test_overrides_later_win_and_cache);
	tcase_add_test(tc, test_comment_scanner);
	tcase_add_test(tc, test_baseline_hash_ignores_position);
	tcase_add_test(tc, test_discovery_in_a_source);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
