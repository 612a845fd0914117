/* aws_endpoint.c - the SSO Admin endpoint rule set and partition table, in C. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "format.h"
#include "aws_endpoint.h"

/*
 * The partition table, from partitions.json (botocore 1.43.67). Each
 * regionRegex there has the form ^(alternatives)\-\w+\-\d+$, so it is kept
 * as its list of alternatives; check_endpoint.c compares every field and the
 * matcher itself with partitions.json.
 */
static const char *const aws_regions[] = {
	"af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2",
	"ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-1",
	"ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
	"ap-southeast-6", "ap-southeast-7", "aws-global", "ca-central-1",
	"ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1",
	"eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1",
	"me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1",
	"us-east-2", "us-west-1", "us-west-2", NULL,
};
static const char *const aws_cn_regions[] = {
	"aws-cn-global", "cn-north-1", "cn-northwest-1", NULL,
};
static const char *const aws_eusc_regions[] = {
	"eusc-de-east-1", NULL,
};
static const char *const aws_iso_regions[] = {
	"aws-iso-global", "us-iso-east-1", "us-iso-west-1", NULL,
};
static const char *const aws_iso_b_regions[] = {
	"aws-iso-b-global", "us-isob-east-1", "us-isob-west-1", NULL,
};
static const char *const aws_iso_e_regions[] = {
	"aws-iso-e-global", "eu-isoe-west-1", NULL,
};
static const char *const aws_iso_f_regions[] = {
	"aws-iso-f-global", "us-isof-east-1", "us-isof-south-1", NULL,
};
static const char *const aws_us_gov_regions[] = {
	"aws-us-gov-global", "us-gov-east-1", "us-gov-west-1", NULL,
};

static const char *const aws_prefixes[] = {
	"us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx", NULL,
};
static const char *const aws_cn_prefixes[] = { "cn", NULL };
static const char *const aws_eusc_prefixes[] = { "eusc-de", NULL };
static const char *const aws_iso_prefixes[] = { "us-iso", NULL };
static const char *const aws_iso_b_prefixes[] = { "us-isob", NULL };
static const char *const aws_iso_e_prefixes[] = { "eu-isoe", NULL };
static const char *const aws_iso_f_prefixes[] = { "us-isof", NULL };
static const char *const aws_us_gov_prefixes[] = { "us-gov", NULL };

static const struct aws_partition aws_partitions[] = {
	{ "aws", "^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$", "amazonaws.com",
	  "api.aws", "us-east-1", true, true, aws_regions, aws_prefixes },
	{ "aws-cn", "^cn\\-\\w+\\-\\d+$", "amazonaws.com.cn",
	  "api.amazonwebservices.com.cn", "cn-northwest-1", true, true,
	  aws_cn_regions, aws_cn_prefixes },
	{ "aws-eusc", "^eusc\\-(de)\\-\\w+\\-\\d+$", "amazonaws.eu",
	  "api.amazonwebservices.eu", "eusc-de-east-1", true, true,
	  aws_eusc_regions, aws_eusc_prefixes },
	{ "aws-iso", "^us\\-iso\\-\\w+\\-\\d+$", "c2s.ic.gov", "api.aws.ic.gov",
	  "us-iso-east-1", true, true, aws_iso_regions, aws_iso_prefixes },
	{ "aws-iso-b", "^us\\-isob\\-\\w+\\-\\d+$", "sc2s.sgov.gov", "api.aws.scloud",
	  "us-isob-east-1", true, true, aws_iso_b_regions, aws_iso_b_prefixes },
	{ "aws-iso-e", "^eu\\-isoe\\-\\w+\\-\\d+$", "cloud.adc-e.uk",
	  "api.cloud-aws.adc-e.uk", "eu-isoe-west-1", true, true,
	  aws_iso_e_regions, aws_iso_e_prefixes },
	{ "aws-iso-f", "^us\\-isof\\-\\w+\\-\\d+$", "csp.hci.ic.gov",
	  "api.aws.hci.ic.gov", "us-isof-south-1", true, true,
	  aws_iso_f_regions, aws_iso_f_prefixes },
	{ "aws-us-gov", "^us\\-gov\\-\\w+\\-\\d+$", "amazonaws.com", "api.aws",
	  "us-gov-west-1", true, true, aws_us_gov_regions, aws_us_gov_prefixes },
};

#define AWS_PARTITION_COUNT (sizeof(aws_partitions) / sizeof(aws_partitions[0]))

size_t aws_endpoint_partition_count(void)
{
	return AWS_PARTITION_COUNT;
}

const struct aws_partition *aws_endpoint_partition_at(size_t index)
{
	return index < AWS_PARTITION_COUNT ? &aws_partitions[index] : NULL;
}

const struct aws_partition *aws_endpoint_partition_by_id(const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < AWS_PARTITION_COUNT; i++)
		if (strcmp(aws_partitions[i].id, id) == 0)
			return &aws_partitions[i];
	return NULL;
}

/* \w+\-\d+$ : word characters (no '-'), one '-', then digits to the end. */
static bool aws_endpoint_match_word_dash_digits(const char *s)
{
	const char *p = s;

	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	if (p == s || *p != '-')
		return false;
	s = ++p;
	while (isdigit((unsigned char)*p))
		p++;
	return p != s && *p == '\0';
}

bool aws_endpoint_region_matches(const struct aws_partition *partition, const char *region)
{
	const char *const *prefix;

	for (prefix = partition->region_prefixes; *prefix != NULL; prefix++) {
		size_t n = strlen(*prefix);

		if (strncmp(region, *prefix, n) == 0 && region[n] == '-' &&
		    aws_endpoint_match_word_dash_digits(region + n + 1))
			return true;
	}
	return false;
}

const struct aws_partition *aws_endpoint_partition_for_region(const char *region)
{
	size_t i;
	const char *const *name;

	if (region == NULL)
		return &aws_partitions[0];
	for (i = 0; i < AWS_PARTITION_COUNT; i++)
		for (name = aws_partitions[i].regions; *name != NULL; name++)
			if (strcmp(*name, region) == 0)
				return &aws_partitions[i];
	for (i = 0; i < AWS_PARTITION_COUNT; i++)
		if (aws_endpoint_region_matches(&aws_partitions[i], region))
			return &aws_partitions[i];
	return &aws_partitions[0];
}

bool aws_endpoint_region_valid(const char *region)
{
	size_t n, i;

	if (region == NULL)
		return false;
	n = strlen(region);
	if (n == 0 || n > 63 || region[0] == '-' || region[n - 1] == '-')
		return false;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)region[i]) && region[i] != '-')
			return false;
	return true;
}

/*
 * The rule tree of endpoint-rule-set-1.json, in its order: a custom endpoint
 * wins (but not with FIPS or dual-stack), then the region's partition
 * decides the host. The error strings are the rule set's, word for word.
 */
int aws_endpoint_resolve(char **out, const struct aws_endpoint_params *params,
			 char *errbuf, size_t errlen)
{
	const struct aws_partition *part;
	const char *region = params->region;

	*out = NULL;
	if (params->endpoint != NULL) {
		if (params->use_fips) {
			gl_format_to(errbuf, errlen,
					   "Invalid Configuration: FIPS and custom endpoint are not supported");
			return -1;
		}
		if (params->use_dualstack) {
			gl_format_to(errbuf, errlen,
					   "Invalid Configuration: Dualstack and custom endpoint are not supported");
			return -1;
		}
		*out = strdup(params->endpoint);
		return *out != NULL ? 0 : -1;
	}
	if (region == NULL) {
		gl_format_to(errbuf, errlen, "Invalid Configuration: Missing Region");
		return -1;
	}
	/* Not in the rule set: the region becomes part of a host name. */
	if (!aws_endpoint_region_valid(region)) {
		gl_format_to(errbuf, errlen,
				   "invalid region '%s': expected letters, digits and hyphens, "
				   "like us-east-1", region);
		return -1;
	}

	part = aws_endpoint_partition_for_region(region);
	if (params->use_fips && params->use_dualstack) {
		if (!part->supports_fips || !part->supports_dual_stack) {
			gl_format_to(errbuf, errlen,
					   "FIPS and DualStack are enabled, but this partition does not support one or both");
			return -1;
		}
		*out = gl_format("https://sso-fips.%s.%s", region,
					   part->dual_stack_dns_suffix);
	} else if (params->use_fips) {
		if (!part->supports_fips) {
			gl_format_to(errbuf, errlen,
					   "FIPS is enabled but this partition does not support FIPS");
			return -1;
		}
		/* GovCloud's regular endpoints are already FIPS endpoints. */
		if (strcmp(part->id, "aws-us-gov") == 0)
			*out = gl_format("https://sso.%s.amazonaws.com", region);
		else
			*out = gl_format("https://sso-fips.%s.%s", region,
						   part->dns_suffix);
	} else if (params->use_dualstack) {
		if (!part->supports_dual_stack) {
			gl_format_to(errbuf, errlen,
					   "DualStack is enabled but this partition does not support DualStack");
			return -1;
		}
		*out = gl_format("https://sso.%s.%s", region,
					   part->dual_stack_dns_suffix);
	} else {
		*out = gl_format("https://sso.%s.%s", region, part->dns_suffix);
	}
	if (*out == NULL) {
		gl_format_to(errbuf, errlen, "out of memory");
		return -1;
	}
	return 0;
}

int aws_endpoint_override_find(const char **out_url, const char **out_source,
			       const char *cli_value)
{
	static const char *const env_names[] = {
		"AWS_ENDPOINT_URL_SSO_ADMIN", "AWS_ENDPOINT_URL",
	};
	size_t i;

	*out_url = NULL;
	*out_source = NULL;
	if (cli_value != NULL && *cli_value != '\0') {
		*out_url = cli_value;
		*out_source = "--endpoint-url";
		return 0;
	}
	for (i = 0; i < sizeof(env_names) / sizeof(env_names[0]); i++) {
		const char *v = getenv(env_names[i]);

		if (v != NULL && *v != '\0') {
			*out_url = v;
			*out_source = env_names[i];
			return 0;
		}
	}
	return 0;
}

/* 127.0.0.0/8, ::1 (also as ::ffff:127.x.y.z) or the name localhost. */
static bool aws_endpoint_host_is_loopback(const char *host)
{
	struct in_addr v4;
	struct in6_addr v6;

	if (strcasecmp(host, "localhost") == 0)
		return true;
	if (inet_pton(AF_INET, host, &v4) == 1)
		return (ntohl(v4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, host, &v6) == 1) {
		static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

		if (memcmp(&v6, &in6addr_loopback, sizeof(v6)) == 0)
			return true;
		return memcmp(v6.s6_addr, mapped, 12) == 0 && v6.s6_addr[12] == 127;
	}
	return false;
}

static bool aws_endpoint_host_chars_ok(const char *host)
{
	const char *p;

	if (*host == '\0')
		return false;
	for (p = host; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.')
			return false;
	return true;
}

int aws_endpoint_url_parse(struct aws_endpoint_url *out, const char *url,
			   char *errbuf, size_t errlen)
{
	const char *p, *host_start, *host_end, *auth_end;
	unsigned default_port;
	long port;
	int error = -1;

	memset(out, 0, sizeof(*out));
	if (url == NULL) {
		gl_format_to(errbuf, errlen, "no endpoint URL");
		return -1;
	}
	if (strncasecmp(url, "https://", 8) == 0) {
		out->scheme = strdup("https");
		default_port = 443;
		p = url + 8;
	} else if (strncasecmp(url, "http://", 7) == 0) {
		out->scheme = strdup("http");
		default_port = 80;
		p = url + 7;
	} else {
		gl_format_to(errbuf, errlen,
				   "endpoint URL '%s' must start with https:// "
				   "(or http:// for a loopback address)", url);
		goto done;
	}
	if (out->scheme == NULL)
		goto oom;

	auth_end = p + strcspn(p, "/?#");
	if (strpbrk(auth_end, "?#") != NULL) {
		gl_format_to(errbuf, errlen,
				   "endpoint URL '%s' must not have a query or fragment", url);
		goto done;
	}
	if (memchr(p, '@', (size_t)(auth_end - p)) != NULL) {
		gl_format_to(errbuf, errlen,
				   "endpoint URL must not carry user information (user@host)");
		goto done;
	}

	if (*p == '[') {
		host_start = p + 1;
		host_end = memchr(host_start, ']', (size_t)(auth_end - host_start));
		if (host_end == NULL) {
			gl_format_to(errbuf, errlen, "endpoint URL '%s': unclosed '['", url);
			goto done;
		}
		p = host_end + 1;
	} else {
		host_start = p;
		host_end = memchr(p, ':', (size_t)(auth_end - p));
		if (host_end == NULL)
			host_end = auth_end;
		p = host_end;
	}
	out->host = strndup(host_start, (size_t)(host_end - host_start));
	if (out->host == NULL)
		goto oom;
	if (host_start[-1] == '[') {
		struct in6_addr v6;

		if (inet_pton(AF_INET6, out->host, &v6) != 1) {
			gl_format_to(errbuf, errlen,
					   "endpoint URL '%s': '%s' is not an IPv6 address", url,
					   out->host);
			goto done;
		}
	} else if (!aws_endpoint_host_chars_ok(out->host)) {
		gl_format_to(errbuf, errlen, "endpoint URL '%s': bad host name", url);
		goto done;
	}

	out->port = default_port;
	if (p < auth_end) {
		char *end;

		if (*p != ':' || p + 1 == auth_end) {
			gl_format_to(errbuf, errlen, "endpoint URL '%s': bad port", url);
			goto done;
		}
		errno = 0;
		port = strtol(p + 1, &end, 10);
		if (errno != 0 || end != auth_end || port < 1 || port > 65535 ||
		    !isdigit((unsigned char)p[1])) {
			gl_format_to(errbuf, errlen,
					   "endpoint URL '%s': port must be 1-65535", url);
			goto done;
		}
		out->port = (unsigned)port;
	}

	out->loopback = aws_endpoint_host_is_loopback(out->host);
	if (strcmp(out->scheme, "http") == 0 && !out->loopback) {
		gl_format_to(errbuf, errlen,
				   "refusing plain http:// to '%s': requests carry signed "
				   "credentials, so http is allowed only for loopback "
				   "addresses (127.0.0.0/8, ::1, localhost); use https://",
				   out->host);
		goto done;
	}

	if (host_start[-1] == '[')
		out->authority = out->port == default_port ?
			gl_format("[%s]", out->host) :
			gl_format("[%s]:%u", out->host, out->port);
	else
		out->authority = out->port == default_port ?
			strdup(out->host) :
			gl_format("%s:%u", out->host, out->port);
	out->path = *auth_end == '/' ? strdup(auth_end) : strdup("/");
	if (out->authority == NULL || out->path == NULL)
		goto oom;
	error = 0;
	goto done;
oom:
	gl_format_to(errbuf, errlen, "out of memory");
done:
	if (error < 0)
		aws_endpoint_url_free(out);
	return error;
}

void aws_endpoint_url_free(struct aws_endpoint_url *url)
{
	if (url == NULL)
		return;
	free(url->scheme);
	free(url->host);
	free(url->authority);
	free(url->path);
	memset(url, 0, sizeof(*url));
}
