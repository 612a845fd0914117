/*
 * aws_config.h - AWS credentials and region, found where the AWS SDKs look.
 *
 * Credentials: the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN), then the profile chosen by --profile, AWS_PROFILE or
 * "default": its keys in the shared credentials file, its credential_process
 * (from either file), its keys in the config file - botocore's order. As in
 * the AWS CLI, an explicit --profile means that profile: the environment's
 * keys are then not used.
 *
 * Region: --region, AWS_REGION, AWS_DEFAULT_REGION, then the profile's
 * "region" (config file, then credentials file, as botocore merges them).
 *
 * Files: AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/credentials) with
 * [name] sections, AWS_CONFIG_FILE (default ~/.aws/config) with
 * [profile name] sections and [default].
 *
 * Not supported: assume-role (role_arn), IAM Identity Center (sso_*), web
 * identity, container and instance metadata credentials. The SDKs try the
 * first three before the profile's keys, so a profile that uses one of them
 * is refused (using its keys would act with other permissions than the AWS
 * CLI) with a message that suggests a credential_process bridge. Credentials are read once per run; a
 * credential_process's Expiration is checked then, not refreshed later.
 *
 * Secrets are wiped from memory when freed and never appear in messages.
 */
#ifndef GL_AWS_CONFIG_H
#define GL_AWS_CONFIG_H

#include <stddef.h>
#include <time.h>

/* The loaded shared files and the chosen profile; opaque. */
struct aws_config;

struct aws_credentials {
	char *access_key_id;
	char *secret_access_key;
	char *session_token; /* NULL when there is none */
	char *source;        /* where they came from, for messages; no secrets */
	time_t expiration;   /* 0 when they do not expire */
};

/*
 * Choose the profile (cli_profile, then $AWS_PROFILE, then "default") and
 * read both shared files; a missing file is not an error, an unreadable one
 * is. Returns 0 with *out to free with aws_config_free(), or -1 with a
 * message in errbuf.
 */
int aws_config_open(struct aws_config **out, const char *cli_profile,
		    char *errbuf, size_t errlen);

/* The chosen profile's name, and what chose it ("--profile", "AWS_PROFILE", "default"). */
const char *aws_config_profile(const struct aws_config *cfg);
const char *aws_config_profile_source(const struct aws_config *cfg);

/*
 * Find credentials in the SDKs' order (see the top of this file). Returns 0
 * with *out filled (free with aws_credentials_free()), or -1 with errbuf
 * naming every place that was looked at, or what was wrong with what was
 * found (partial keys, a failing or malformed credential_process, expired
 * credentials).
 */
int aws_config_credentials_load(struct aws_credentials *out, struct aws_config *cfg,
				char *errbuf, size_t errlen);

/*
 * Find the region. Returns 0 with *out (malloc'd) and *out_source (borrowed:
 * "--region", "AWS_REGION", ...), or -1 with errbuf naming every place that
 * was looked at.
 */
int aws_config_region_load(char **out, const char **out_source, struct aws_config *cfg,
			   const char *cli_region, char *errbuf, size_t errlen);

/* NULL-safe. */
void aws_config_free(struct aws_config *cfg);

/* Wipe and free the strings; NULL-safe, idempotent. */
void aws_credentials_free(struct aws_credentials *creds);

#endif
