/*
 * check_endpoint.c - endpoint resolution against the service's own tests.
 *
 * Runs every case of endpoint-tests-1.json (expected URL or expected error),
 * checks the compiled partition table field by field against partitions.json
 * and the region matcher against each regionRegex (through POSIX regcomp),
 * and covers the endpoint overrides and the http:// refusal.
 */
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <cJSON.h>

#include "aws_endpoint.h"

#define ENDPOINT_TEST_CASES 41

static cJSON *tests_json;
static cJSON *partitions_json;

static cJSON *load_json(const char *name)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	FILE *f;
	char *buf;
	long len;
	cJSON *json;

	snprintf(path, sizeof(path), "%s/tests/data/aws-model/%s",
		 top != NULL && *top ? top : ".", name);
	f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)len + 1);
	if (buf == NULL || fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[len] = '\0';
	json = cJSON_Parse(buf);
	free(buf);
	return json;
}

static const cJSON *test_case(int i)
{
	return cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(tests_json, "testCases"), i);
}

START_TEST(test_case_count)
{
	ck_assert_ptr_nonnull(tests_json);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(tests_json, "testCases")),
			 ENDPOINT_TEST_CASES);
}
END_TEST

START_TEST(test_endpoint_rules_case)
{
	const cJSON *tc = test_case(_i);
	const cJSON *params = cJSON_GetObjectItemCaseSensitive(tc, "params");
	const cJSON *expect = cJSON_GetObjectItemCaseSensitive(tc, "expect");
	const cJSON *region = cJSON_GetObjectItemCaseSensitive(params, "Region");
	const cJSON *endpoint = cJSON_GetObjectItemCaseSensitive(params, "Endpoint");
	const cJSON *want_error = cJSON_GetObjectItemCaseSensitive(expect, "error");
	const cJSON *want_url = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(expect, "endpoint"), "url");
	const char *doc = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(tc, "documentation"));
	struct aws_endpoint_params p = {
		.region = cJSON_IsString(region) ? region->valuestring : NULL,
		.use_fips = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(params, "UseFIPS")),
		.use_dualstack = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(params, "UseDualStack")),
		.endpoint = cJSON_IsString(endpoint) ? endpoint->valuestring : NULL,
	};
	char err[256] = "";
	char *url = NULL;
	int rc;

	ck_assert_ptr_nonnull(tc);
	ck_assert_msg(cJSON_IsString(want_error) != cJSON_IsString(want_url),
		      "case %d: expects neither or both of url and error", _i);
	rc = aws_endpoint_resolve(&url, &p, err, sizeof(err));
	if (cJSON_IsString(want_url)) {
		ck_assert_msg(rc == 0, "%s: error '%s'", doc, err);
		ck_assert_str_eq(url, want_url->valuestring);
	} else {
		ck_assert_msg(rc == -1, "%s: got url %s", doc, url ? url : "(null)");
		ck_assert_ptr_null(url);
		ck_assert_str_eq(err, want_error->valuestring);
	}
	free(url);
}
END_TEST

/* Every field of every partition, in order, equals partitions.json. */
START_TEST(test_partition_table_matches_json)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(partitions_json, "partitions");
	const cJSON *pj;
	size_t i = 0;

	ck_assert_ptr_nonnull(list);
	ck_assert_uint_eq((size_t)cJSON_GetArraySize(list), aws_endpoint_partition_count());
	cJSON_ArrayForEach(pj, list) {
		const struct aws_partition *pc = aws_endpoint_partition_at(i++);
		const cJSON *outputs = cJSON_GetObjectItemCaseSensitive(pj, "outputs");
		const cJSON *regions = cJSON_GetObjectItemCaseSensitive(pj, "regions");
		const cJSON *r;
		size_t n = 0;

		ck_assert_str_eq(pc->id, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pj, "id")));
		ck_assert_str_eq(pc->region_regex,
				 cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pj, "regionRegex")));
		ck_assert_str_eq(pc->id, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(outputs, "name")));
		ck_assert_str_eq(pc->dns_suffix,
				 cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(outputs, "dnsSuffix")));
		ck_assert_str_eq(pc->dual_stack_dns_suffix,
				 cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(outputs, "dualStackDnsSuffix")));
		ck_assert_str_eq(pc->implicit_global_region,
				 cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(outputs, "implicitGlobalRegion")));
		ck_assert_int_eq(pc->supports_fips,
				 cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(outputs, "supportsFIPS")));
		ck_assert_int_eq(pc->supports_dual_stack,
				 cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(outputs, "supportsDualStack")));
		cJSON_ArrayForEach(r, regions) {
			ck_assert_str_eq(pc->regions[n], r->string);
			/* a named region maps to its own partition */
			ck_assert_str_eq(aws_endpoint_partition_for_region(r->string)->id, pc->id);
			n++;
		}
		ck_assert_ptr_null(pc->regions[n]);
	}
}
END_TEST

/* Turn a partitions.json regex into POSIX ERE: \d, \w and \- have no ERE form. */
static void regex_to_posix(char *out, size_t outlen, const char *re)
{
	size_t j = 0;

	for (; *re != '\0' && j + 16 < outlen; re++) {
		if (re[0] == '\\' && re[1] == 'd') {
			j += (size_t)snprintf(out + j, outlen - j, "[0-9]");
			re++;
		} else if (re[0] == '\\' && re[1] == 'w') {
			j += (size_t)snprintf(out + j, outlen - j, "[[:alnum:]_]");
			re++;
		} else if (re[0] == '\\' && re[1] == '-') {
			out[j++] = '-';
			re++;
		} else {
			out[j++] = *re;
		}
	}
	out[j] = '\0';
}

START_TEST(test_region_matcher_agrees_with_regex)
{
	static const char *const samples[] = {
		"us-east-1", "eu-west-3", "mx-central-1", "ap-southeast-7", "il-central-1",
		"cn-north-1", "cn-northwest-9", "eusc-de-east-1", "eusc-de-north-12",
		"eusc-fr-east-1", "us-iso-east-1", "us-iso-west-7", "us-isob-east-1",
		"eu-isoe-west-1", "us-isof-south-1", "us-gov-west-1", "us-gov-central-2",
		"us-east", "us-east-", "useast-1", "xx-east-1", "us-east-1a", "us-east-1-",
		"aws-global", "us_x-east-1", "us-ea_st-1", "US-EAST-1", "us--1", "",
	};
	size_t i, k;

	for (k = 0; k < aws_endpoint_partition_count(); k++) {
		const struct aws_partition *part = aws_endpoint_partition_at(k);
		char posix[512];
		regex_t re;

		regex_to_posix(posix, sizeof(posix), part->region_regex);
		ck_assert_int_eq(regcomp(&re, posix, REG_EXTENDED | REG_NOSUB), 0);
		for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
			bool want = regexec(&re, samples[i], 0, NULL, 0) == 0;

			ck_assert_msg(aws_endpoint_region_matches(part, samples[i]) == want,
				      "partition %s, region '%s': regex says %d", part->id,
				      samples[i], want);
		}
		regfree(&re);
	}
	/* regions no regex knows fall back to aws */
	ck_assert_str_eq(aws_endpoint_partition_for_region("xx-east-1")->id, "aws");
	ck_assert_str_eq(aws_endpoint_partition_for_region("us-gov-central-2")->id, "aws-us-gov");
	ck_assert_str_eq(aws_endpoint_partition_for_region("us-isob-west-3")->id, "aws-iso-b");
	ck_assert_ptr_null(aws_endpoint_partition_by_id("aws-mars"));
	ck_assert_str_eq(aws_endpoint_partition_by_id("aws-cn")->dns_suffix, "amazonaws.com.cn");
}
END_TEST

START_TEST(test_region_must_be_a_host_label)
{
	struct aws_endpoint_params p = { .region = "us-east-1.evil.example/x" };
	char err[256] = "";
	char *url = NULL;

	ck_assert_int_eq(aws_endpoint_resolve(&url, &p, err, sizeof(err)), -1);
	ck_assert_ptr_null(url);
	ck_assert_ptr_nonnull(strstr(err, "invalid region"));
	p.region = "-us";
	ck_assert_int_eq(aws_endpoint_resolve(&url, &p, err, sizeof(err)), -1);
	p.region = "xx-east-1";
	ck_assert_int_eq(aws_endpoint_resolve(&url, &p, err, sizeof(err)), 0);
	ck_assert_str_eq(url, "https://sso.xx-east-1.amazonaws.com");
	free(url);
}
END_TEST

START_TEST(test_override_precedence)
{
	const char *url, *source;

	unsetenv("AWS_ENDPOINT_URL_SSO_ADMIN");
	unsetenv("AWS_ENDPOINT_URL");
	aws_endpoint_override_find(&url, &source, NULL);
	ck_assert_ptr_null(url);
	ck_assert_ptr_null(source);

	setenv("AWS_ENDPOINT_URL", "https://generic.example", 1);
	aws_endpoint_override_find(&url, &source, NULL);
	ck_assert_str_eq(url, "https://generic.example");
	ck_assert_str_eq(source, "AWS_ENDPOINT_URL");

	setenv("AWS_ENDPOINT_URL_SSO_ADMIN", "https://sso-admin.example", 1);
	aws_endpoint_override_find(&url, &source, NULL);
	ck_assert_str_eq(url, "https://sso-admin.example");
	ck_assert_str_eq(source, "AWS_ENDPOINT_URL_SSO_ADMIN");

	aws_endpoint_override_find(&url, &source, "https://cli.example");
	ck_assert_str_eq(url, "https://cli.example");
	ck_assert_str_eq(source, "--endpoint-url");

	/* an empty variable counts as unset */
	setenv("AWS_ENDPOINT_URL_SSO_ADMIN", "", 1);
	aws_endpoint_override_find(&url, &source, "");
	ck_assert_str_eq(source, "AWS_ENDPOINT_URL");
	unsetenv("AWS_ENDPOINT_URL_SSO_ADMIN");
	unsetenv("AWS_ENDPOINT_URL");
}
END_TEST

struct url_case {
	const char *url;
	int rc;
	const char *scheme, *host, *authority, *path;
	unsigned port;
	bool loopback;
	const char *error_part;
};

static const struct url_case url_cases[] = {
	{ "https://sso.us-east-1.amazonaws.com", 0, "https", "sso.us-east-1.amazonaws.com",
	  "sso.us-east-1.amazonaws.com", "/", 443, false, NULL },
	{ "https://example.com:8443/base", 0, "https", "example.com", "example.com:8443",
	  "/base", 8443, false, NULL },
	{ "http://127.0.0.1:8080", 0, "http", "127.0.0.1", "127.0.0.1:8080", "/", 8080, true, NULL },
	{ "http://127.9.8.7", 0, "http", "127.9.8.7", "127.9.8.7", "/", 80, true, NULL },
	{ "http://[::1]:9000/", 0, "http", "::1", "[::1]:9000", "/", 9000, true, NULL },
	{ "http://LocalHost:1234", 0, "http", "LocalHost", "LocalHost:1234", "/", 1234, true, NULL },
	{ "HTTPS://[2001:db8::1]", 0, "https", "2001:db8::1", "[2001:db8::1]", "/", 443, false, NULL },
	{ "http://example.com", -1, NULL, NULL, NULL, NULL, 0, false, "refusing plain http://" },
	{ "http://10.0.0.1:80", -1, NULL, NULL, NULL, NULL, 0, false, "refusing plain http://" },
	{ "http://128.0.0.1", -1, NULL, NULL, NULL, NULL, 0, false, "refusing plain http://" },
	{ "http://127.0.0.1.nip.io", -1, NULL, NULL, NULL, NULL, 0, false, "refusing plain http://" },
	{ "http://[2001:db8::1]", -1, NULL, NULL, NULL, NULL, 0, false, "refusing plain http://" },
	{ "https://user:pw@example.com", -1, NULL, NULL, NULL, NULL, 0, false, "user information" },
	{ "https://example.com/?a=b", -1, NULL, NULL, NULL, NULL, 0, false, "query or fragment" },
	{ "https://example.com:0", -1, NULL, NULL, NULL, NULL, 0, false, "port" },
	{ "https://example.com:99999", -1, NULL, NULL, NULL, NULL, 0, false, "port" },
	{ "https://example.com:", -1, NULL, NULL, NULL, NULL, 0, false, "port" },
	{ "ftp://example.com", -1, NULL, NULL, NULL, NULL, 0, false, "must start with https://" },
	{ "https://", -1, NULL, NULL, NULL, NULL, 0, false, "bad host" },
	{ "https://[::1", -1, NULL, NULL, NULL, NULL, 0, false, "unclosed" },
	{ "https://exa mple.com", -1, NULL, NULL, NULL, NULL, 0, false, "bad host" },
};

START_TEST(test_url_parse)
{
	const struct url_case *uc = &url_cases[_i];
	struct aws_endpoint_url url;
	char err[512] = "";
	int rc = aws_endpoint_url_parse(&url, uc->url, err, sizeof(err));

	ck_assert_msg(rc == uc->rc, "%s: rc %d (%s)", uc->url, rc, err);
	if (rc == 0) {
		ck_assert_str_eq(url.scheme, uc->scheme);
		ck_assert_str_eq(url.host, uc->host);
		ck_assert_str_eq(url.authority, uc->authority);
		ck_assert_str_eq(url.path, uc->path);
		ck_assert_uint_eq(url.port, uc->port);
		ck_assert_int_eq(url.loopback, uc->loopback);
	} else {
		ck_assert_ptr_null(url.host);
		ck_assert_msg(strstr(err, uc->error_part) != NULL, "%s: error '%s'", uc->url, err);
	}
	aws_endpoint_url_free(&url);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("endpoint");
	TCase *tc = tcase_create("rules");
	SRunner *sr;
	int failed, ncases;

	tests_json = load_json("endpoint-tests-1.json");
	partitions_json = load_json("partitions.json");
	ncases = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(tests_json, "testCases"));

	tcase_add_test(tc, test_case_count);
	tcase_add_loop_test(tc, test_endpoint_rules_case, 0, ncases);
	tcase_add_test(tc, test_partition_table_matches_json);
	tcase_add_test(tc, test_region_matcher_agrees_with_regex);
	tcase_add_test(tc, test_region_must_be_a_host_label);
	tcase_add_test(tc, test_override_precedence);
	tcase_add_loop_test(tc, test_url_parse, 0, (int)(sizeof(url_cases) / sizeof(url_cases[0])));
	suite_add_tcase(s, tc);

	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	cJSON_Delete(tests_json);
	cJSON_Delete(partitions_json);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
