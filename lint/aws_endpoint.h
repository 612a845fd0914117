/*
 * aws_endpoint.h - where requests to IAM Identity Center (SSO Admin) go.
 *
 * aws_endpoint_resolve() is the C form of the service's endpoint rule set
 * (endpoint-rule-set-1.json) over the partition table of partitions.json,
 * both compiled in; tests/check_endpoint.c runs every case of
 * endpoint-tests-1.json against it. The override helpers pick a custom
 * endpoint URL from the command line or the environment, and
 * aws_endpoint_url_parse() splits and vets a URL before anything is sent.
 */
#ifndef GL_AWS_ENDPOINT_H
#define GL_AWS_ENDPOINT_H

#include <stdbool.h>
#include <stddef.h>

/* One row of partitions.json: a partition's outputs and how regions map to it. */
struct aws_partition {
	const char *id;                     /* "aws", "aws-cn", ... (the ARN partition) */
	const char *region_regex;           /* as written in partitions.json */
	const char *dns_suffix;             /* "amazonaws.com" */
	const char *dual_stack_dns_suffix;  /* "api.aws" */
	const char *implicit_global_region; /* "us-east-1" */
	bool supports_fips;
	bool supports_dual_stack;
	const char *const *regions;         /* the named regions, NULL-terminated */
	const char *const *region_prefixes; /* regex alternatives before "-\w+-\d+" */
};

/* The compiled partition table, in partitions.json order. */
size_t aws_endpoint_partition_count(void);
const struct aws_partition *aws_endpoint_partition_at(size_t index);

/* The partition with this id ("aws-us-gov"), or NULL. */
const struct aws_partition *aws_endpoint_partition_by_id(const char *id);

/*
 * The partition a region belongs to, as the rule set's aws.partition()
 * decides it: a named region first, then the first regionRegex that matches,
 * else "aws". Never NULL.
 */
const struct aws_partition *aws_endpoint_partition_for_region(const char *region);

/* Does region match the partition's regionRegex? */
bool aws_endpoint_region_matches(const struct aws_partition *partition, const char *region);

/* A region is used as a DNS label: letters, digits and inner hyphens, at most 63. */
bool aws_endpoint_region_valid(const char *region);

struct aws_endpoint_params {
	const char *region;   /* may be NULL */
	bool use_fips;
	bool use_dualstack;
	const char *endpoint; /* custom endpoint URL, may be NULL */
};

/*
 * Resolve the endpoint URL for params into *out (malloc'd, caller frees).
 * Returns 0, or -1 with the rule set's error text (for example
 * "Invalid Configuration: Missing Region") or an invalid-region message in
 * errbuf; *out is then NULL.
 */
int aws_endpoint_resolve(char **out, const struct aws_endpoint_params *params,
			 char *errbuf, size_t errlen);

/*
 * Pick the custom endpoint as the AWS SDKs do: cli_value (--endpoint-url),
 * then $AWS_ENDPOINT_URL_SSO_ADMIN, then $AWS_ENDPOINT_URL; empty values
 * count as unset. *out_url is NULL when there is none; *out_source names
 * where the URL came from ("--endpoint-url", "AWS_ENDPOINT_URL_SSO_ADMIN",
 * "AWS_ENDPOINT_URL"). Both are borrowed. Always returns 0.
 */
int aws_endpoint_override_find(const char **out_url, const char **out_source,
			       const char *cli_value);

/* A parsed http(s) URL. Owned strings; free with aws_endpoint_url_free(). */
struct aws_endpoint_url {
	char *scheme;    /* "https" or "http" */
	char *host;      /* without brackets: "sso.us-east-1.amazonaws.com", "::1" */
	char *authority; /* the Host header: host, plus ":port" when not the default */
	char *path;      /* "/" when the URL has none */
	unsigned port;   /* explicit or the scheme's default */
	bool loopback;   /* 127.0.0.0/8, ::1 or localhost */
};

/*
 * Parse url (scheme://host[:port][/path]) into *out. User info, queries and
 * fragments are refused, and so is plain http:// unless the host is a
 * loopback address: secrets and grants never cross a network in clear
 * text. Returns 0, or -1 with a message in errbuf.
 */
int aws_endpoint_url_parse(struct aws_endpoint_url *out, const char *url,
			   char *errbuf, size_t errlen);

/* NULL-safe. */
void aws_endpoint_url_free(struct aws_endpoint_url *url);

#endif
