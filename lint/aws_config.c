/* aws_config.c - credentials and region from the environment and the shared AWS files. */
#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cJSON.h>

#include "format.h"
#include "aws_config.h"

/* Output of a credential_process larger than this is refused. */
#define AWS_CONFIG_PROCESS_MAX (1024 * 1024)

struct aws_ini_entry {
	char *key;   /* lower case */
	char *value;
};

struct aws_ini_section {
	char *name;
	struct aws_ini_entry *entries;
	size_t count;
};

/* One parsed shared file. */
struct aws_ini {
	char *path;
	bool exists;
	struct aws_ini_section *sections;
	size_t count;
};

struct aws_config {
	char *profile;
	const char *profile_source;
	struct aws_ini credentials_file;
	struct aws_ini config_file;
};

/* Overwrite a string that may hold a secret before it is freed. */
static void aws_config_wipe(char *s)
{
	volatile char *p = s;

	if (s == NULL)
		return;
	while (*p != '\0')
		*p++ = '\0';
}

static void aws_ini_free(struct aws_ini *ini)
{
	size_t i, j;

	for (i = 0; i < ini->count; i++) {
		struct aws_ini_section *sec = &ini->sections[i];

		for (j = 0; j < sec->count; j++) {
			aws_config_wipe(sec->entries[j].value);
			free(sec->entries[j].key);
			free(sec->entries[j].value);
		}
		free(sec->entries);
		free(sec->name);
	}
	free(ini->sections);
	free(ini->path);
	memset(ini, 0, sizeof(*ini));
}

static char *aws_config_strip(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static struct aws_ini_section *aws_ini_add_section(struct aws_ini *ini, const char *name)
{
	struct aws_ini_section *grown = realloc(ini->sections, (ini->count + 1) * sizeof(*grown));

	if (grown == NULL)
		return NULL;
	ini->sections = grown;
	memset(&grown[ini->count], 0, sizeof(grown[0]));
	grown[ini->count].name = strdup(name);
	if (grown[ini->count].name == NULL)
		return NULL;
	return &grown[ini->count++];
}

/*
 * Set key (already lower case) in sec; a later value replaces an earlier
 * one. Returns the entry, or NULL when memory runs out.
 */
static struct aws_ini_entry *aws_ini_set(struct aws_ini_section *sec, const char *key,
					 const char *value)
{
	struct aws_ini_entry *grown;
	char *v = strdup(value);
	size_t i;

	if (v == NULL)
		return NULL;
	for (i = 0; i < sec->count; i++) {
		if (strcmp(sec->entries[i].key, key) == 0) {
			aws_config_wipe(sec->entries[i].value);
			free(sec->entries[i].value);
			sec->entries[i].value = v;
			return &sec->entries[i];
		}
	}
	grown = realloc(sec->entries, (sec->count + 1) * sizeof(*grown));
	if (grown == NULL) {
		free(v);
		return NULL;
	}
	sec->entries = grown;
	grown[sec->count].key = strdup(key);
	grown[sec->count].value = v;
	if (grown[sec->count].key == NULL) {
		free(v);
		return NULL;
	}
	return &grown[sec->count++];
}

/* Append an indented continuation line to entry's value, after a '\n'. */
static int aws_ini_continue(struct aws_ini_entry *entry, const char *more)
{
	size_t a = strlen(entry->value), b = strlen(more);
	char *joined = malloc(a + b + 2);

	if (joined == NULL)
		return -1;
	memcpy(joined, entry->value, a);
	joined[a] = '\n';
	memcpy(joined + a + 1, more, b + 1);
	aws_config_wipe(entry->value);
	free(entry->value);
	entry->value = joined;
	return 0;
}

/*
 * Parse the INI dialect botocore reads with configparser: "[section]"
 * headers, "key = value" or "key: value", whole-line '#' and ';' comments,
 * indented lines continuing the previous value (nested settings such as
 * "s3 =", which are kept inside that value and never read here). A file
 * that does not exist leaves ini->exists false and is not an error.
 */
static int aws_ini_load(struct aws_ini *ini, const char *path, char *errbuf, size_t errlen)
{
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned lineno = 0;
	struct aws_ini_section *sec = NULL;
	struct aws_ini_entry *last = NULL;
	int error = -1;

	memset(ini, 0, sizeof(*ini));
	ini->path = strdup(path);
	if (ini->path == NULL)
		return -1;
	f = fopen(path, "r");
	if (f == NULL) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		gl_format_to(errbuf, errlen, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	ini->exists = true;

	while ((n = getline(&line, &cap, f)) >= 0) {
		char *p, *sep, *key, *k;

		lineno++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		p = aws_config_strip(line);
		if ((line[0] == ' ' || line[0] == '\t') && last != NULL && *p != '\0') {
			if (aws_ini_continue(last, p) < 0)
				goto done;
			continue;
		}
		if (*p == '\0' || *p == '#' || *p == ';')
			continue;
		if (*p == '[') {
			char *close = strrchr(p, ']');

			if (close == NULL || close[1] != '\0') {
				gl_format_to(errbuf, errlen,
						 "%s:%u: a section header must look like [name]",
						 path, lineno);
				goto done;
			}
			*close = '\0';
			sec = aws_ini_add_section(ini, aws_config_strip(p + 1));
			if (sec == NULL)
				goto done;
			last = NULL;
			continue;
		}
		sep = strpbrk(p, "=:");
		if (sep == NULL || sec == NULL) {
			gl_format_to(errbuf, errlen, "%s:%u: %s", path, lineno,
					 sec == NULL ? "a setting before any [section]" :
					 "expected 'key = value'");
			goto done;
		}
		*sep = '\0';
		key = aws_config_strip(p);
		for (k = key; *k != '\0'; k++)
			*k = (char)tolower((unsigned char)*k);
		last = aws_ini_set(sec, key, aws_config_strip(sep + 1));
		if (last == NULL)
			goto done;
	}
	error = 0;
done:
	if (line != NULL) {
		memset(line, 0, cap);
		free(line);
	}
	fclose(f);
	return error;
}

static const char *aws_ini_get(const struct aws_ini_section *sec, const char *key)
{
	size_t i;

	for (i = 0; sec != NULL && i < sec->count; i++)
		if (strcmp(sec->entries[i].key, key) == 0)
			return *sec->entries[i].value != '\0' ? sec->entries[i].value : NULL;
	return NULL;
}

/* The profile's section in the credentials file: [name]. */
static const struct aws_ini_section *aws_config_credentials_section(const struct aws_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->credentials_file.count; i++)
		if (strcmp(cfg->credentials_file.sections[i].name, cfg->profile) == 0)
			return &cfg->credentials_file.sections[i];
	return NULL;
}

/* The profile's section in the config file: [profile name], or [default]. */
static const struct aws_ini_section *aws_config_config_section(const struct aws_config *cfg)
{
	const struct aws_ini_section *plain_default = NULL;
	size_t i;

	for (i = 0; i < cfg->config_file.count; i++) {
		const char *name = cfg->config_file.sections[i].name;

		if (strncmp(name, "profile", 7) == 0 && isspace((unsigned char)name[7])) {
			const char *rest = name + 7;

			while (isspace((unsigned char)*rest))
				rest++;
			if (strcmp(rest, cfg->profile) == 0)
				return &cfg->config_file.sections[i];
		} else if (strcmp(name, "default") == 0 && strcmp(cfg->profile, "default") == 0) {
			plain_default = &cfg->config_file.sections[i];
		}
	}
	return plain_default;
}

/* ~/.aws/<name>, or the variable's value with a leading ~ expanded. */
static char *aws_config_file_path(const char *env_name, const char *default_name)
{
	const char *value = getenv(env_name);
	const char *home = getenv("HOME");
	const char *rest;
	char *path;
	size_t n;

	if (home == NULL || *home == '\0') {
		struct passwd *pw = getpwuid(getuid());

		home = pw != NULL ? pw->pw_dir : "";
	}
	if (value != NULL && *value != '\0') {
		if (value[0] != '~' || (value[1] != '/' && value[1] != '\0'))
			return strdup(value);
		rest = value + 1;
	} else {
		rest = default_name;
	}
	n = strlen(home) + strlen(rest) + 1;
	path = malloc(n);
	if (path != NULL)
		snprintf(path, n, "%s%s", home, rest);
	return path;
}

int aws_config_open(struct aws_config **out, const char *cli_profile,
		    char *errbuf, size_t errlen)
{
	struct aws_config *cfg = calloc(1, sizeof(*cfg));
	const char *env_profile = getenv("AWS_PROFILE");
	char *path = NULL;
	int error = -1;

	*out = NULL;
	if (cfg == NULL)
		goto oom;
	if (cli_profile != NULL && *cli_profile != '\0') {
		cfg->profile = strdup(cli_profile);
		cfg->profile_source = "--profile";
	} else if (env_profile != NULL && *env_profile != '\0') {
		cfg->profile = strdup(env_profile);
		cfg->profile_source = "AWS_PROFILE";
	} else {
		cfg->profile = strdup("default");
		cfg->profile_source = "default";
	}
	if (cfg->profile == NULL)
		goto oom;

	path = aws_config_file_path("AWS_SHARED_CREDENTIALS_FILE", "/.aws/credentials");
	if (path == NULL)
		goto oom;
	if (aws_ini_load(&cfg->credentials_file, path, errbuf, errlen) < 0)
		goto done;
	free(path);
	path = aws_config_file_path("AWS_CONFIG_FILE", "/.aws/config");
	if (path == NULL)
		goto oom;
	if (aws_ini_load(&cfg->config_file, path, errbuf, errlen) < 0)
		goto done;

	/* A profile the user named must exist somewhere. */
	if (strcmp(cfg->profile_source, "default") != 0 &&
	    aws_config_credentials_section(cfg) == NULL && aws_config_config_section(cfg) == NULL) {
		gl_format_to(errbuf, errlen,
				 "profile '%s' (from %s) not found: no [%s] in the shared "
				 "credentials file %s%s and no [profile %s] in the config file %s%s",
				 cfg->profile, cfg->profile_source, cfg->profile,
				 cfg->credentials_file.path,
				 cfg->credentials_file.exists ? "" : " (missing)", cfg->profile,
				 cfg->config_file.path, cfg->config_file.exists ? "" : " (missing)");
		goto done;
	}
	*out = cfg;
	cfg = NULL;
	error = 0;
	goto done;
oom:
	gl_format_to(errbuf, errlen, "out of memory");
done:
	free(path);
	aws_config_free(cfg);
	return error;
}

const char *aws_config_profile(const struct aws_config *cfg)
{
	return cfg->profile;
}

const char *aws_config_profile_source(const struct aws_config *cfg)
{
	return cfg->profile_source;
}

/* Fill *out from borrowed strings; token may be NULL. Returns 0 or -1 (OOM). */
static int aws_credentials_set(struct aws_credentials *out, const char *akid,
			       const char *secret, const char *token, char *source)
{
	out->access_key_id = strdup(akid);
	out->secret_access_key = strdup(secret);
	out->session_token = token != NULL && *token != '\0' ? strdup(token) : NULL;
	out->source = source;
	if (out->access_key_id == NULL || out->secret_access_key == NULL || out->source == NULL ||
	    (token != NULL && *token != '\0' && out->session_token == NULL)) {
		aws_credentials_free(out);
		return -1;
	}
	return 0;
}

/*
 * Parse an RFC 3339 time ("2026-12-03T16:00:00Z", fractions and a numeric
 * offset allowed) into *out. Returns 0, or -1 when it is not one.
 */
static int aws_config_parse_time(time_t *out, const char *s)
{
	struct tm tm;
	int year, mon, day, hour, min, sec, consumed = 0;
	long offset = 0;
	const char *p;

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &mon, &day, &hour, &min, &sec,
		   &consumed) != 6 || consumed != 19)
		return -1;
	p = s + consumed;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
		offset = 0;
	} else if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1]) &&
		   isdigit((unsigned char)p[2]) && p[3] == ':' && isdigit((unsigned char)p[4]) &&
		   isdigit((unsigned char)p[5]) && p[6] == '\0') {
		offset = ((p[1] - '0') * 10 + (p[2] - '0')) * 3600L +
			 ((p[4] - '0') * 10 + (p[5] - '0')) * 60L;
		if (*p == '-')
			offset = -offset;
	} else {
		return -1;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_sec = sec;
	*out = timegm(&tm) - offset;
	return 0;
}

/* Wipe every string value in a cJSON tree (the process output holds secrets). */
static void aws_config_json_wipe(cJSON *node)
{
	for (; node != NULL; node = node->next) {
		if (cJSON_IsString(node))
			aws_config_wipe(node->valuestring);
		aws_config_json_wipe(node->child);
	}
}

/*
 * Run command with /bin/sh (as the SDKs do), read its standard output and
 * parse the credential_process JSON: Version 1, AccessKeyId,
 * SecretAccessKey, optional SessionToken and Expiration. The process's
 * standard error goes to ours. Nothing it printed is echoed in messages,
 * since it holds secrets. Returns 0 or -1 with errbuf set.
 */
static int aws_config_run_process(struct aws_credentials *out, const char *command,
				  const char *where, char *errbuf, size_t errlen)
{
	FILE *pipe;
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	int status, error = -1;
	cJSON *json = NULL;
	const cJSON *version, *akid, *secret, *token, *expiration;
	time_t expires = 0;

	fflush(NULL);
	pipe = popen(command, "r");
	if (pipe == NULL) {
		gl_format_to(errbuf, errlen, "cannot run the credential_process of %s: %s",
				 where, strerror(errno));
		return -1;
	}
	for (;;) {
		if (cap - len < 4096) {
			char *grown;

			cap = cap ? cap * 2 : 8192;
			grown = malloc(cap + 1);
			if (grown == NULL) {
				gl_format_to(errbuf, errlen, "out of memory");
				break;
			}
			if (buf != NULL) {
				memcpy(grown, buf, len);
				memset(buf, 0, len);
				free(buf);
			}
			buf = grown;
		}
		n = fread(buf + len, 1, cap - len, pipe);
		len += n;
		if (n == 0 || len > AWS_CONFIG_PROCESS_MAX)
			break;
	}
	status = pclose(pipe);
	if (buf == NULL)
		goto done;
	buf[len] = '\0';
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (status != -1 && WIFEXITED(status))
			gl_format_to(errbuf, errlen,
					 "the credential_process of %s exited with status %d",
					 where, WEXITSTATUS(status));
		else
			gl_format_to(errbuf, errlen,
					 "the credential_process of %s did not exit normally", where);
		goto done;
	}
	if (len > AWS_CONFIG_PROCESS_MAX) {
		gl_format_to(errbuf, errlen,
				 "the credential_process of %s printed more than %d bytes",
				 where, AWS_CONFIG_PROCESS_MAX);
		goto done;
	}
	json = cJSON_Parse(buf);
	if (!cJSON_IsObject(json)) {
		gl_format_to(errbuf, errlen,
				 "the credential_process of %s did not print a JSON object", where);
		goto done;
	}
	version = cJSON_GetObjectItemCaseSensitive(json, "Version");
	akid = cJSON_GetObjectItemCaseSensitive(json, "AccessKeyId");
	secret = cJSON_GetObjectItemCaseSensitive(json, "SecretAccessKey");
	token = cJSON_GetObjectItemCaseSensitive(json, "SessionToken");
	expiration = cJSON_GetObjectItemCaseSensitive(json, "Expiration");
	if (!cJSON_IsNumber(version) || version->valuedouble != 1) {
		gl_format_to(errbuf, errlen,
				 "the credential_process of %s must print \"Version\": 1", where);
		goto done;
	}
	if (!cJSON_IsString(akid) || *akid->valuestring == '\0' ||
	    !cJSON_IsString(secret) || *secret->valuestring == '\0') {
		gl_format_to(errbuf, errlen,
				 "the credential_process of %s must print non-empty "
				 "\"AccessKeyId\" and \"SecretAccessKey\" strings", where);
		goto done;
	}
	if (token != NULL && !cJSON_IsNull(token) && !cJSON_IsString(token)) {
		gl_format_to(errbuf, errlen,
				 "the credential_process of %s: \"SessionToken\" must be a string",
				 where);
		goto done;
	}
	if (expiration != NULL && !cJSON_IsNull(expiration)) {
		if (!cJSON_IsString(expiration) ||
		    aws_config_parse_time(&expires, expiration->valuestring) < 0) {
			gl_format_to(errbuf, errlen,
					 "the credential_process of %s: \"Expiration\" must be an "
					 "RFC 3339 time such as 2026-01-01T00:00:00Z", where);
			goto done;
		}
		if (expires <= time(NULL)) {
			gl_format_to(errbuf, errlen,
					 "the credentials from the credential_process of %s "
					 "expired at %s", where, expiration->valuestring);
			goto done;
		}
	}
	if (aws_credentials_set(out, akid->valuestring, secret->valuestring,
				cJSON_IsString(token) ? token->valuestring : NULL,
				gl_format("the credential_process of %s", where)) < 0) {
		gl_format_to(errbuf, errlen, "out of memory");
		goto done;
	}
	out->expiration = expires;
	error = 0;
done:
	if (json != NULL) {
		aws_config_json_wipe(json);
		cJSON_Delete(json);
	}
	if (buf != NULL) {
		memset(buf, 0, cap + 1);
		free(buf);
	}
	return error;
}

/* Keys of a profile section; partial keys are an error, as in botocore. */
static int aws_config_keys_from_section(struct aws_credentials *out, bool *found,
					const struct aws_ini_section *sec, const char *where,
					char *errbuf, size_t errlen)
{
	const char *akid = aws_ini_get(sec, "aws_access_key_id");
	const char *secret = aws_ini_get(sec, "aws_secret_access_key");

	*found = false;
	if (akid == NULL && secret == NULL)
		return 0;
	if (akid == NULL || secret == NULL) {
		gl_format_to(errbuf, errlen, "%s has %s but not %s", where,
				 akid != NULL ? "aws_access_key_id" : "aws_secret_access_key",
				 akid != NULL ? "aws_secret_access_key" : "aws_access_key_id");
		return -1;
	}
	if (aws_credentials_set(out, akid, secret, aws_ini_get(sec, "aws_session_token"),
				strdup(where)) < 0) {
		gl_format_to(errbuf, errlen, "out of memory");
		return -1;
	}
	*found = true;
	return 0;
}

int aws_config_credentials_load(struct aws_credentials *out, struct aws_config *cfg,
				char *errbuf, size_t errlen)
{
	const char *env_akid = getenv("AWS_ACCESS_KEY_ID");
	const char *env_secret = getenv("AWS_SECRET_ACCESS_KEY");
	const struct aws_ini_section *cred_sec = aws_config_credentials_section(cfg);
	const struct aws_ini_section *conf_sec = aws_config_config_section(cfg);
	static const char *const unsupported[] = {
		"role_arn", "sso_session", "sso_start_url", "web_identity_token_file",
	};
	const char *process;
	char cred_where[1200], conf_where[1200];
	bool found = false;
	size_t i;
	bool use_env = strcmp(cfg->profile_source, "--profile") != 0;

	memset(out, 0, sizeof(*out));
	if (env_akid != NULL && *env_akid == '\0')
		env_akid = NULL;
	if (env_secret != NULL && *env_secret == '\0')
		env_secret = NULL;

	/* 1. The environment, unless a profile was asked for by name. */
	if (use_env && (env_akid != NULL || env_secret != NULL)) {
		if (env_akid == NULL || env_secret == NULL) {
			gl_format_to(errbuf, errlen,
					 "%s is set in the environment but %s is not",
					 env_akid != NULL ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY",
					 env_akid != NULL ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID");
			return -1;
		}
		if (aws_credentials_set(out, env_akid, env_secret, getenv("AWS_SESSION_TOKEN"),
					strdup("environment variables")) < 0) {
			gl_format_to(errbuf, errlen, "out of memory");
			return -1;
		}
		return 0;
	}

	snprintf(cred_where, sizeof(cred_where), "profile '%s' in the shared credentials file %s",
		 cfg->profile, cfg->credentials_file.path);
	snprintf(conf_where, sizeof(conf_where), "profile '%s' in the config file %s",
		 cfg->profile, cfg->config_file.path);

	/*
	 * 2. Providers the SDKs try before the profile's keys (assume role, web
	 * identity, IAM Identity Center) and grantlint does not have: using the
	 * keys instead would act with other permissions than the CLI, so refuse
	 * and say how to bridge.
	 */
	for (i = 0; i < sizeof(unsupported) / sizeof(unsupported[0]); i++) {
		if (aws_ini_get(conf_sec, unsupported[i]) != NULL ||
		    aws_ini_get(cred_sec, unsupported[i]) != NULL) {
			gl_format_to(errbuf, errlen,
					 "profile '%s' gets its credentials through '%s', which "
					 "grantlint does not support; add a profile with "
					 "credential_process = aws configure export-credentials "
					 "--profile %s --format process, and use that one",
					 cfg->profile, unsupported[i], cfg->profile);
			return -1;
		}
	}

	/* 3. Keys in the shared credentials file. */
	if (aws_config_keys_from_section(out, &found, cred_sec, cred_where, errbuf, errlen) < 0)
		return -1;
	if (found)
		return 0;

	/* 4. credential_process, from either file (the credentials file wins). */
	process = aws_ini_get(cred_sec, "credential_process");
	if (process != NULL)
		return aws_config_run_process(out, process, cred_where, errbuf, errlen);
	process = aws_ini_get(conf_sec, "credential_process");
	if (process != NULL)
		return aws_config_run_process(out, process, conf_where, errbuf, errlen);

	/* 5. Keys in the config file. */
	if (aws_config_keys_from_section(out, &found, conf_sec, conf_where, errbuf, errlen) < 0)
		return -1;
	if (found)
		return 0;

	gl_format_to(errbuf, errlen,
			 "no AWS credentials found. Looked for: %s"
			 "aws_access_key_id and aws_secret_access_key, or credential_process, "
			 "in [%s] of the shared credentials file %s (%s; set "
			 "AWS_SHARED_CREDENTIALS_FILE to use another); credential_process or "
			 "the keys in [%s%s] of the config file %s (%s; set AWS_CONFIG_FILE "
			 "to use another). The profile '%s' was chosen by %s.",
			 use_env ? "the environment variables AWS_ACCESS_KEY_ID and "
				   "AWS_SECRET_ACCESS_KEY (not set); " :
				   "(not the environment, because --profile was given) ",
			 cfg->profile, cfg->credentials_file.path,
			 !cfg->credentials_file.exists ? "file missing" :
			 cred_sec == NULL ? "no such section" : "section has neither",
			 strcmp(cfg->profile, "default") == 0 ? "" : "profile ",
			 cfg->profile, cfg->config_file.path,
			 !cfg->config_file.exists ? "file missing" :
			 conf_sec == NULL ? "no such section" : "section has neither",
			 cfg->profile, cfg->profile_source);
	return -1;
}

int aws_config_region_load(char **out, const char **out_source, struct aws_config *cfg,
			   const char *cli_region, char *errbuf, size_t errlen)
{
	static const char *const env_names[] = { "AWS_REGION", "AWS_DEFAULT_REGION" };
	const char *value = NULL, *source = NULL;
	size_t i;

	*out = NULL;
	*out_source = NULL;
	if (cli_region != NULL && *cli_region != '\0') {
		value = cli_region;
		source = "--region";
	}
	for (i = 0; value == NULL && i < sizeof(env_names) / sizeof(env_names[0]); i++) {
		const char *v = getenv(env_names[i]);

		if (v != NULL && *v != '\0') {
			value = v;
			source = env_names[i];
		}
	}
	if (value == NULL && (value = aws_ini_get(aws_config_config_section(cfg), "region")) != NULL)
		source = "the profile's region in the config file";
	if (value == NULL &&
	    (value = aws_ini_get(aws_config_credentials_section(cfg), "region")) != NULL)
		source = "the profile's region in the shared credentials file";
	if (value == NULL) {
		gl_format_to(errbuf, errlen,
				 "no AWS region set. Looked for: --region, the environment "
				 "variables AWS_REGION and AWS_DEFAULT_REGION, and 'region' in "
				 "profile '%s' of the config file %s%s and of the shared "
				 "credentials file %s%s. Set one, for example --region us-east-1.",
				 cfg->profile, cfg->config_file.path,
				 cfg->config_file.exists ? "" : " (missing)",
				 cfg->credentials_file.path,
				 cfg->credentials_file.exists ? "" : " (missing)");
		return -1;
	}
	*out = strdup(value);
	if (*out == NULL) {
		gl_format_to(errbuf, errlen, "out of memory");
		return -1;
	}
	*out_source = source;
	return 0;
}

void aws_config_free(struct aws_config *cfg)
{
	if (cfg == NULL)
		return;
	aws_ini_free(&cfg->credentials_file);
	aws_ini_free(&cfg->config_file);
	free(cfg->profile);
	free(cfg);
}

void aws_credentials_free(struct aws_credentials *creds)
{
	if (creds == NULL)
		return;
	aws_config_wipe(creds->access_key_id);
	aws_config_wipe(creds->secret_access_key);
	aws_config_wipe(creds->session_token);
	free(creds->access_key_id);
	free(creds->secret_access_key);
	free(creds->session_token);
	free(creds->source);
	memset(creds, 0, sizeof(*creds));
}
