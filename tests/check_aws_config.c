/*
 * check_aws_config.c - credentials and region from each place the SDKs look.
 *
 * Every test runs in its own process (Check's fork mode) with a fresh
 * temporary HOME, no AWS_* variables, and files written by the test.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <check.h>

#include "aws_config.h"

#define SECRET_ENV "envSECRETenvSECRETenvSECRET0000000000000"
#define SECRET_CRED "credSECRETcredSECRETcredSECRET0000000000"
#define SECRET_CONF "confSECRETconfSECRETconfSECRET0000000000"
#define SECRET_PROC "procSECRETprocSECRETprocSECRET0000000000"
#define TOKEN_PROC "procTOKENprocTOKENprocTOKEN"

static char home[256];
static char errbuf[2048];

extern char **environ;

/* Fresh HOME, no AWS_* variables. */
static void setup(void)
{
	char **e;
	bool again = true;

	while (again) {
		again = false;
		for (e = environ; *e != NULL; e++) {
			if (strncmp(*e, "AWS_", 4) == 0) {
				char name[256];
				size_t n = strcspn(*e, "=");

				snprintf(name, sizeof(name), "%.*s", (int)n, *e);
				unsetenv(name);
				again = true;
				break;
			}
		}
	}
	snprintf(home, sizeof(home), "/tmp/check_aws_config.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(home));
	setenv("HOME", home, 1);
	errbuf[0] = '\0';
}

static void teardown(void)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", home);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", home);
}

/* Write text to HOME/rel (creating HOME/.aws), mode 0700 for scripts. */
static void write_file(const char *rel, mode_t mode, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void write_file(const char *rel, mode_t mode, const char *fmt, ...)
{
	char path[512];
	FILE *f;
	va_list ap;

	snprintf(path, sizeof(path), "%s/.aws", home);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/%s", home, rel);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fclose(f);
	chmod(path, mode);
}

/* A credential_process script printing body, then exiting with status. */
static void write_process(const char *rel, int status, const char *body)
{
	write_file(rel, 0700, "#!/bin/sh\ncat <<'JSON'\n%s\nJSON\nexit %d\n", body, status);
}

static void assert_no_secrets(const char *text)
{
	ck_assert_ptr_null(strstr(text, SECRET_ENV));
	ck_assert_ptr_null(strstr(text, SECRET_CRED));
	ck_assert_ptr_null(strstr(text, SECRET_CONF));
	ck_assert_ptr_null(strstr(text, SECRET_PROC));
	ck_assert_ptr_null(strstr(text, TOKEN_PROC));
}

/* Load credentials for cli_profile; returns the rc and fills *creds. */
static int load(struct aws_credentials *creds, const char *cli_profile)
{
	struct aws_config *cfg = NULL;
	int rc;

	memset(creds, 0, sizeof(*creds));
	rc = aws_config_open(&cfg, cli_profile, errbuf, sizeof(errbuf));
	if (rc == 0)
		rc = aws_config_credentials_load(creds, cfg, errbuf, sizeof(errbuf));
	aws_config_free(cfg);
	if (rc != 0)
		assert_no_secrets(errbuf);
	return rc;
}

static void write_all_files(void)
{
	write_file(".aws/credentials", 0600,
		   "# shared credentials\n"
		   "[default]\n"
		   "aws_access_key_id = AKIDCREDDEFAULT\n"
		   "aws_secret_access_key = " SECRET_CRED "\n"
		   "\n"
		   "[creds-only]\n"
		   "AWS_ACCESS_KEY_ID: AKIDCREDONLY\r\n"
		   "aws_secret_access_key=" SECRET_CRED "\r\n"
		   "aws_session_token = credTOKEN\r\n");
	write_file(".aws/config", 0600,
		   "[default]\n"
		   "region = eu-west-1\n"
		   "[profile conf-only]\n"
		   "; a comment\n"
		   "aws_access_key_id = AKIDCONFONLY\n"
		   "aws_secret_access_key = " SECRET_CONF "\n"
		   "region = ap-south-1\n"
		   "s3 =\n"
		   "    region = us-west-2\n"
		   "[conf-only]\n"
		   "region = wrong-section-1\n");
}

START_TEST(test_environment_first)
{
	struct aws_credentials c;

	write_all_files();
	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	setenv("AWS_SECRET_ACCESS_KEY", SECRET_ENV, 1);
	setenv("AWS_SESSION_TOKEN", "envTOKEN", 1);
	setenv("AWS_PROFILE", "creds-only", 1);
	ck_assert_int_eq(load(&c, NULL), 0);
	ck_assert_str_eq(c.access_key_id, "AKIDENV");
	ck_assert_str_eq(c.secret_access_key, SECRET_ENV);
	ck_assert_str_eq(c.session_token, "envTOKEN");
	ck_assert_str_eq(c.source, "environment variables");
	aws_credentials_free(&c);
	ck_assert_ptr_null(c.secret_access_key);
}
END_TEST

START_TEST(test_environment_partial_is_an_error)
{
	struct aws_credentials c;

	write_all_files();
	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	ck_assert_int_eq(load(&c, NULL), -1);
	ck_assert_ptr_nonnull(strstr(errbuf, "AWS_SECRET_ACCESS_KEY is not"));
}
END_TEST

START_TEST(test_explicit_profile_skips_environment)
{
	struct aws_credentials c;

	write_all_files();
	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	setenv("AWS_SECRET_ACCESS_KEY", SECRET_ENV, 1);
	ck_assert_int_eq(load(&c, "creds-only"), 0);
	ck_assert_str_eq(c.access_key_id, "AKIDCREDONLY");
	ck_assert_str_eq(c.secret_access_key, SECRET_CRED);
	ck_assert_str_eq(c.session_token, "credTOKEN");
	ck_assert_ptr_nonnull(strstr(c.source, "shared credentials file"));
	aws_credentials_free(&c);
}
END_TEST

START_TEST(test_default_profile_from_credentials_file)
{
	struct aws_credentials c;

	write_all_files();
	ck_assert_int_eq(load(&c, NULL), 0);
	ck_assert_str_eq(c.access_key_id, "AKIDCREDDEFAULT");
	ck_assert_ptr_null(c.session_token);
	ck_assert_ptr_nonnull(strstr(c.source, "profile 'default'"));
	aws_credentials_free(&c);
}
END_TEST

START_TEST(test_profile_from_config_file)
{
	struct aws_credentials c;

	write_all_files();
	setenv("AWS_PROFILE", "conf-only", 1);
	ck_assert_int_eq(load(&c, NULL), 0);
	ck_assert_str_eq(c.access_key_id, "AKIDCONFONLY");
	ck_assert_str_eq(c.secret_access_key, SECRET_CONF);
	ck_assert_ptr_nonnull(strstr(c.source, "config file"));
	aws_credentials_free(&c);
}
END_TEST

START_TEST(test_files_from_environment_paths)
{
	struct aws_credentials c;
	char path[512];

	write_file("creds.ini", 0600, "[x]\naws_access_key_id=AKIDX\naws_secret_access_key=" SECRET_CRED "\n");
	snprintf(path, sizeof(path), "%s/creds.ini", home);
	setenv("AWS_SHARED_CREDENTIALS_FILE", path, 1);
	setenv("AWS_CONFIG_FILE", "~/nowhere/config", 1);
	ck_assert_int_eq(load(&c, "x"), 0);
	ck_assert_str_eq(c.access_key_id, "AKIDX");
	ck_assert_ptr_nonnull(strstr(c.source, path));
	aws_credentials_free(&c);
}
END_TEST

START_TEST(test_credential_process_in_config_file)
{
	struct aws_credentials c;
	char body[512];
	time_t later = time(NULL) + 3600;
	struct tm tm;
	char when[32];

	gmtime_r(&later, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(body, sizeof(body),
		 "{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", \"SecretAccessKey\": \""
		 SECRET_PROC "\", \"SessionToken\": \"" TOKEN_PROC "\", \"Expiration\": \"%s\"}",
		 when);
	write_process("proc.sh", 0, body);
	write_file(".aws/config", 0600, "[profile p]\ncredential_process = %s/proc.sh --flag\n", home);
	ck_assert_int_eq(load(&c, "p"), 0);
	ck_assert_str_eq(c.access_key_id, "AKIDPROC");
	ck_assert_str_eq(c.secret_access_key, SECRET_PROC);
	ck_assert_str_eq(c.session_token, TOKEN_PROC);
	ck_assert_int_eq((long long)c.expiration, (long long)later);
	ck_assert_ptr_nonnull(strstr(c.source, "credential_process"));
	assert_no_secrets(c.source);
	aws_credentials_free(&c);
}
END_TEST

START_TEST(test_credential_process_in_credentials_file)
{
	struct aws_credentials c;

	write_process("proc.sh", 0,
		      "{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC2\", \"SecretAccessKey\": \""
		      SECRET_PROC "\"}");
	write_file(".aws/credentials", 0600, "[default]\ncredential_process = sh %s/proc.sh\n", home);
	ck_assert_int_eq(load(&c, NULL), 0);
	ck_assert_str_eq(c.access_key_id, "AKIDPROC2");
	ck_assert_ptr_null(c.session_token);
	ck_assert_int_eq((long long)c.expiration, 0);
	aws_credentials_free(&c);
}
END_TEST

/* botocore order: keys in the credentials file, then the process, then config keys. */
START_TEST(test_provider_order_within_profile)
{
	struct aws_credentials c;

	write_process("proc.sh", 0,
		      "{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", \"SecretAccessKey\": \""
		      SECRET_PROC "\"}");
	write_file(".aws/credentials", 0600,
		   "[p]\naws_access_key_id = AKIDCRED\naws_secret_access_key = " SECRET_CRED "\n");
	write_file(".aws/config", 0600,
		   "[profile p]\ncredential_process = %s/proc.sh\n"
		   "aws_access_key_id = AKIDCONF\naws_secret_access_key = " SECRET_CONF "\n", home);
	ck_assert_int_eq(load(&c, "p"), 0);
	ck_assert_str_eq(c.access_key_id, "AKIDCRED");
	aws_credentials_free(&c);

	write_file(".aws/credentials", 0600, "[p]\nregion = us-east-1\n");
	ck_assert_int_eq(load(&c, "p"), 0);
	ck_assert_str_eq(c.access_key_id, "AKIDPROC");
	aws_credentials_free(&c);

	write_file(".aws/config", 0600,
		   "[profile p]\naws_access_key_id = AKIDCONF\naws_secret_access_key = " SECRET_CONF "\n");
	ck_assert_int_eq(load(&c, "p"), 0);
	ck_assert_str_eq(c.access_key_id, "AKIDCONF");
	aws_credentials_free(&c);
}
END_TEST

struct process_failure {
	int status;
	const char *body;
	const char *message_part;
};

static const struct process_failure process_failures[] = {
	{ 3, "{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"" SECRET_PROC "\"}",
	  "exited with status 3" },
	{ 0, "not json " SECRET_PROC, "did not print a JSON object" },
	{ 0, "{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"" SECRET_PROC "\"}",
	  "\"Version\": 1" },
	{ 0, "{\"Version\": 1, \"AccessKeyId\": \"A\"}", "\"SecretAccessKey\"" },
	{ 0, "{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"" SECRET_PROC
	     "\", \"Expiration\": \"2001-01-01T00:00:00Z\"}", "expired at 2001-01-01T00:00:00Z" },
	{ 0, "{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"" SECRET_PROC
	     "\", \"Expiration\": \"tomorrow\"}", "RFC 3339" },
	{ 0, "{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"" SECRET_PROC
	     "\", \"SessionToken\": 5}", "\"SessionToken\" must be a string" },
};

START_TEST(test_credential_process_failures)
{
	const struct process_failure *pf = &process_failures[_i];
	struct aws_credentials c;

	write_process("proc.sh", pf->status, pf->body);
	write_file(".aws/config", 0600, "[default]\ncredential_process = %s/proc.sh\n", home);
	ck_assert_int_eq(load(&c, NULL), -1);
	ck_assert_msg(strstr(errbuf, pf->message_part) != NULL, "message: %s", errbuf);
	ck_assert_ptr_nonnull(strstr(errbuf, "credential_process of profile 'default'"));
	ck_assert_ptr_null(c.access_key_id);
}
END_TEST

START_TEST(test_partial_keys_in_file)
{
	struct aws_credentials c;

	write_file(".aws/credentials", 0600, "[default]\naws_access_key_id = AKID\n");
	ck_assert_int_eq(load(&c, NULL), -1);
	ck_assert_ptr_nonnull(strstr(errbuf, "has aws_access_key_id but not aws_secret_access_key"));
}
END_TEST

START_TEST(test_nothing_found_names_every_place)
{
	struct aws_credentials c;
	char path[512];

	ck_assert_int_eq(load(&c, NULL), -1);
	ck_assert_ptr_nonnull(strstr(errbuf, "no AWS credentials found"));
	ck_assert_ptr_nonnull(strstr(errbuf, "AWS_ACCESS_KEY_ID"));
	ck_assert_ptr_nonnull(strstr(errbuf, "AWS_SECRET_ACCESS_KEY"));
	snprintf(path, sizeof(path), "%s/.aws/credentials (file missing", home);
	ck_assert_msg(strstr(errbuf, path) != NULL, "%s", errbuf);
	snprintf(path, sizeof(path), "%s/.aws/config (file missing", home);
	ck_assert_msg(strstr(errbuf, path) != NULL, "%s", errbuf);
	ck_assert_ptr_nonnull(strstr(errbuf, "credential_process"));
	ck_assert_ptr_nonnull(strstr(errbuf, "AWS_SHARED_CREDENTIALS_FILE"));
	ck_assert_ptr_nonnull(strstr(errbuf, "AWS_CONFIG_FILE"));
	ck_assert_ptr_nonnull(strstr(errbuf, "profile 'default' was chosen by default"));

	/* the profile exists but holds no credentials */
	write_all_files();
	ck_assert_int_eq(load(&c, "conf-only"), 0);
	aws_credentials_free(&c);
	write_file(".aws/config", 0600, "[profile empty]\nregion = us-east-1\n");
	ck_assert_int_eq(load(&c, "empty"), -1);
	ck_assert_ptr_nonnull(strstr(errbuf, "section has neither"));
	ck_assert_ptr_nonnull(strstr(errbuf, "not the environment, because --profile was given"));
}
END_TEST

START_TEST(test_unsupported_provider_is_named)
{
	struct aws_credentials c;

	write_file(".aws/config", 0600,
		   "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\n"
		   "source_profile = default\n");
	ck_assert_int_eq(load(&c, "admin"), -1);
	ck_assert_ptr_nonnull(strstr(errbuf, "through 'role_arn', which grantlint does not support"));
	ck_assert_ptr_nonnull(strstr(errbuf, "credential_process"));
	write_file(".aws/config", 0600, "[default]\nsso_session = corp\n");
	ck_assert_int_eq(load(&c, NULL), -1);
	ck_assert_ptr_nonnull(strstr(errbuf, "'sso_session'"));
	/* the SDKs would assume the role rather than use these keys: refuse */
	write_file(".aws/credentials", 0600,
		   "[default]\naws_access_key_id = AKID\naws_secret_access_key = " SECRET_CRED "\n");
	write_file(".aws/config", 0600, "[default]\nrole_arn = arn:aws:iam::123456789012:role/r\n");
	ck_assert_int_eq(load(&c, NULL), -1);
	ck_assert_ptr_nonnull(strstr(errbuf, "'role_arn'"));
}
END_TEST

START_TEST(test_unknown_named_profile)
{
	struct aws_credentials c;

	write_all_files();
	ck_assert_int_eq(load(&c, "nope"), -1);
	ck_assert_ptr_nonnull(strstr(errbuf, "profile 'nope' (from --profile) not found"));
	setenv("AWS_PROFILE", "nope2", 1);
	ck_assert_int_eq(load(&c, NULL), -1);
	ck_assert_ptr_nonnull(strstr(errbuf, "profile 'nope2' (from AWS_PROFILE) not found"));
}
END_TEST

START_TEST(test_malformed_file)
{
	struct aws_credentials c;

	write_file(".aws/config", 0600, "[default]\nthis line has no separator\n");
	ck_assert_int_eq(load(&c, NULL), -1);
	ck_assert_ptr_nonnull(strstr(errbuf, "config:2: expected 'key = value'"));
	write_file(".aws/config", 0600, "region = us-east-1\n");
	ck_assert_int_eq(load(&c, NULL), -1);
	ck_assert_ptr_nonnull(strstr(errbuf, "config:1: a setting before any [section]"));
}
END_TEST

/* Region: --region, AWS_REGION, AWS_DEFAULT_REGION, config, credentials. */
static int region(char **out, const char **source, const char *cli_profile, const char *cli_region)
{
	struct aws_config *cfg = NULL;
	int rc = aws_config_open(&cfg, cli_profile, errbuf, sizeof(errbuf));

	*out = NULL;
	if (rc == 0)
		rc = aws_config_region_load(out, source, cfg, cli_region, errbuf, sizeof(errbuf));
	aws_config_free(cfg);
	return rc;
}

START_TEST(test_region_order)
{
	char *r;
	const char *source;

	write_all_files();
	ck_assert_int_eq(region(&r, &source, NULL, NULL), 0);
	ck_assert_str_eq(r, "eu-west-1");
	ck_assert_ptr_nonnull(strstr(source, "config file"));
	free(r);

	/* the nested s3 region and the [conf-only] section are not the profile's */
	ck_assert_int_eq(region(&r, &source, "conf-only", NULL), 0);
	ck_assert_str_eq(r, "ap-south-1");
	free(r);

	setenv("AWS_DEFAULT_REGION", "us-west-1", 1);
	ck_assert_int_eq(region(&r, &source, NULL, NULL), 0);
	ck_assert_str_eq(r, "us-west-1");
	ck_assert_str_eq(source, "AWS_DEFAULT_REGION");
	free(r);

	setenv("AWS_REGION", "us-east-2", 1);
	ck_assert_int_eq(region(&r, &source, NULL, NULL), 0);
	ck_assert_str_eq(r, "us-east-2");
	ck_assert_str_eq(source, "AWS_REGION");
	free(r);

	ck_assert_int_eq(region(&r, &source, NULL, "ca-central-1"), 0);
	ck_assert_str_eq(r, "ca-central-1");
	ck_assert_str_eq(source, "--region");
	free(r);
}
END_TEST

START_TEST(test_region_from_credentials_file)
{
	char *r;
	const char *source;

	write_file(".aws/credentials", 0600, "[default]\nregion = sa-east-1\n");
	ck_assert_int_eq(region(&r, &source, NULL, NULL), 0);
	ck_assert_str_eq(r, "sa-east-1");
	ck_assert_ptr_nonnull(strstr(source, "shared credentials file"));
	free(r);
}
END_TEST

START_TEST(test_region_missing_names_every_place)
{
	char *r;
	const char *source;

	write_file(".aws/credentials", 0600, "[default]\naws_access_key_id = A\n");
	ck_assert_int_eq(region(&r, &source, NULL, NULL), -1);
	ck_assert_ptr_null(r);
	ck_assert_ptr_nonnull(strstr(errbuf, "--region"));
	ck_assert_ptr_nonnull(strstr(errbuf, "AWS_REGION"));
	ck_assert_ptr_nonnull(strstr(errbuf, "AWS_DEFAULT_REGION"));
	ck_assert_ptr_nonnull(strstr(errbuf, "config (missing)"));
	ck_assert_ptr_nonnull(strstr(errbuf, "profile 'default'"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("aws_config");
	TCase *tc = tcase_create("config");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_environment_first);
	tcase_add_test(tc, test_environment_partial_is_an_error);
	tcase_add_test(tc, test_explicit_profile_skips_environment);
	tcase_add_test(tc, test_default_profile_from_credentials_file);
	tcase_add_test(tc, test_profile_from_config_file);
	tcase_add_test(tc, test_files_from_environment_paths);
	tcase_add_test(tc, test_credential_process_in_config_file);
	tcase_add_test(tc, test_credential_process_in_credentials_file);
	tcase_add_test(tc, test_provider_order_within_profile);
	tcase_add_loop_test(tc, test_credential_process_failures, 0,
			    (int)(sizeof(process_failures) / sizeof(process_failures[0])));
	tcase_add_test(tc, test_partial_keys_in_file);
	tcase_add_test(tc, test_nothing_found_names_every_place);
	tcase_add_test(tc, test_unsupported_provider_is_named);
	tcase_add_test(tc, test_unknown_named_profile);
	tcase_add_test(tc, test_malformed_file);
	tcase_add_test(tc, test_region_order);
	tcase_add_test(tc, test_region_from_credentials_file);
	tcase_add_test(tc, test_region_missing_names_every_place);
	suite_add_tcase(s, tc);

	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
