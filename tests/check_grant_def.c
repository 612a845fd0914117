/*
 * check_grant_def.c - grants read from files, compared and diffed, and the
 * PutApplicationGrant body built from them in the model's member order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "engine.h"
#include "grant_def.h"
#include "load.h"
#include "sso_admin.h"

#define APP "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-2222222222222222"
#define TTI_A "arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-1111111111111111/tti-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
#define TTI_B "arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-1111111111111111/tti-ffffffff-4e5f-6a7b-8c9d-0e1f2a3b4c5d"

/* Load text (YAML or JSON by name) and read its first request into *out. */
static int load_grant(struct grant_def *out, const char *name, const char *text)
{
	struct gl_loaded loaded;
	struct gl_diag_list diags;
	struct gl_limits limits;
	int rc;

	gl_limits_default(&limits);
	gl_diag_list_init(&diags);
	memset(&loaded, 0, sizeof(loaded));
	ck_assert_int_eq(gl_load(&loaded, &limits, name, text, strlen(text),
				 gl_file_format_of(name), &diags), 0);
	ck_assert_uint_eq(diags.count, 0);
	ck_assert_uint_ge(loaded.count, 1);
	rc = grant_def_from_node(out, loaded.requests[0].root, name, loaded.requests[0].index);
	gl_loaded_free(&loaded);
	gl_diag_list_free(&diags);
	return rc;
}

static const char web_yaml[] =
	"Grant:\n"
	"  AuthorizationCode:\n"
	"    RedirectUris:\n"
	"      - https://app.example.com/callback\n"
	"      - https://app.example.com/signin\n"
	"GrantType: authorization_code\n"
	"ApplicationArn: " APP "\n";

static const char jwt_json[] =
	"{\"Grant\": {\"JwtBearer\": {\"AuthorizedTokenIssuers\": [\n"
	"  {\"AuthorizedAudiences\": [\"api\", \"batch\"], \"TrustedTokenIssuerArn\": \"" TTI_A "\"},\n"
	"  {\"TrustedTokenIssuerArn\": \"" TTI_B "\", \"AuthorizedAudiences\": [\"api\"]}]}},\n"
	" \"GrantType\": \"urn:ietf:params:oauth:grant-type:jwt-bearer\",\n"
	" \"ApplicationArn\": \"" APP "\"}\n";

START_TEST(test_from_yaml)
{
	struct grant_def g;

	ck_assert_int_eq(load_grant(&g, "grants/web.yaml", web_yaml), 0);
	ck_assert_str_eq(g.application_arn, APP);
	ck_assert_str_eq(g.grant_type, "authorization_code");
	ck_assert_str_eq(g.member, "AuthorizationCode");
	ck_assert(g.has_redirect_uris);
	ck_assert_uint_eq(g.redirect_uri_count, 2);
	ck_assert_str_eq(g.redirect_uris[1], "https://app.example.com/signin");
	ck_assert_str_eq(g.path, "grants/web.yaml");
	ck_assert_uint_eq(g.line, 1);
	grant_def_free(&g);
}
END_TEST

START_TEST(test_from_json)
{
	struct grant_def g;

	ck_assert_int_eq(load_grant(&g, "jwt.grant.json", jwt_json), 0);
	ck_assert_str_eq(g.member, "JwtBearer");
	ck_assert(g.has_issuers);
	ck_assert_uint_eq(g.issuer_count, 2);
	ck_assert_str_eq(g.issuers[0].trusted_token_issuer_arn, TTI_A);
	ck_assert_uint_eq(g.issuers[0].audience_count, 2);
	ck_assert_str_eq(g.issuers[0].audiences[1], "batch");
	grant_def_free(&g);
}
END_TEST

START_TEST(test_not_a_grant)
{
	struct grant_def g;

	ck_assert_int_eq(load_grant(&g, "x.yaml",
				    "ApplicationArn: a\nGrantType: refresh_token\n"
				    "Grant:\n  RefreshToken: {}\n  TokenExchange: {}\n"), -2);
	ck_assert_ptr_null(g.application_arn);
	ck_assert_int_eq(load_grant(&g, "x.yaml", "ApplicationArn: a\nGrantType: refresh_token\n"),
			 -2);
}
END_TEST

/* The body follows the model's member order, not the file's. */
START_TEST(test_put_body_in_model_order)
{
	struct grant_def g;
	char *body;

	ck_assert_int_eq(load_grant(&g, "jwt.grant.json", jwt_json), 0);
	body = sso_admin_put_application_grant_body(&g);
	ck_assert_str_eq(body,
			 "{\"ApplicationArn\":\"" APP "\","
			 "\"GrantType\":\"urn:ietf:params:oauth:grant-type:jwt-bearer\","
			 "\"Grant\":{\"JwtBearer\":{\"AuthorizedTokenIssuers\":["
			 "{\"TrustedTokenIssuerArn\":\"" TTI_A "\",\"AuthorizedAudiences\":[\"api\",\"batch\"]},"
			 "{\"TrustedTokenIssuerArn\":\"" TTI_B "\",\"AuthorizedAudiences\":[\"api\"]}]}}}");
	free(body);
	grant_def_free(&g);

	ck_assert_int_eq(load_grant(&g, "x.yaml", "ApplicationArn: " APP "\nGrantType: refresh_token\n"
				    "Grant:\n  RefreshToken: {}\n"), 0);
	body = sso_admin_put_application_grant_body(&g);
	ck_assert_str_eq(body, "{\"ApplicationArn\":\"" APP "\",\"GrantType\":\"refresh_token\","
			 "\"Grant\":{\"RefreshToken\":{}}}");
	free(body);
	grant_def_free(&g);
}
END_TEST

/* Diff of two YAML/JSON texts; returns the lines joined with '\n'. */
static char *diff_text(const char *live_text, const char *wanted_text, bool *equal)
{
	struct grant_def live, wanted;
	char **lines, *joined;
	size_t count, i, len = 1;

	ck_assert_int_eq(load_grant(&live, "live.json", live_text), 0);
	ck_assert_int_eq(load_grant(&wanted, "wanted.json", wanted_text), 0);
	*equal = grant_def_equal(&live, &wanted);
	ck_assert_int_eq(grant_def_diff(&lines, &count, &live, &wanted), 0);
	for (i = 0; i < count; i++)
		len += strlen(lines[i]) + 1;
	joined = calloc(1, len);
	for (i = 0; i < count; i++) {
		strcat(joined, lines[i]);
		if (i + 1 < count)
			strcat(joined, "\n");
	}
	grant_def_diff_free(lines, count);
	grant_def_free(&live);
	grant_def_free(&wanted);
	return joined;
}

#define JWT(issuers) \
	"{\"ApplicationArn\": \"" APP "\", \"GrantType\": \"urn:ietf:params:oauth:grant-type:jwt-bearer\"," \
	" \"Grant\": {\"JwtBearer\": {\"AuthorizedTokenIssuers\": [" issuers "]}}}"
#define ISS(arn, auds) "{\"TrustedTokenIssuerArn\": \"" arn "\", \"AuthorizedAudiences\": [" auds "]}"
#define CODE(uris) \
	"{\"ApplicationArn\": \"" APP "\", \"GrantType\": \"authorization_code\"," \
	" \"Grant\": {\"AuthorizationCode\": {\"RedirectUris\": [" uris "]}}}"

START_TEST(test_diff)
{
	bool equal;
	char *d;

	d = diff_text(CODE("\"https://a.example\""), CODE("\"https://a.example\""), &equal);
	ck_assert(equal);
	ck_assert_str_eq(d, "");
	free(d);

	d = diff_text(CODE("\"https://a.example\""), CODE("\"https://a.example\", \"https://b.example\""),
		      &equal);
	ck_assert(!equal);
	ck_assert_str_eq(d, "~ Grant.AuthorizationCode.RedirectUris: [\"https://a.example\"] -> "
			 "[\"https://a.example\", \"https://b.example\"]");
	free(d);

	d = diff_text(JWT(ISS(TTI_A, "\"api\"")), JWT(ISS(TTI_A, "\"api\", \"x\"") "," ISS(TTI_B, "\"b\"")),
		      &equal);
	ck_assert(!equal);
	ck_assert_str_eq(d,
			 "~ Grant.JwtBearer.AuthorizedTokenIssuers[\"" TTI_A "\"].AuthorizedAudiences: "
			 "[\"api\"] -> [\"api\", \"x\"]\n"
			 "+ Grant.JwtBearer.AuthorizedTokenIssuers: \"" TTI_B "\" with "
			 "AuthorizedAudiences [\"b\"]");
	free(d);

	d = diff_text(JWT(ISS(TTI_A, "\"api\"") "," ISS(TTI_B, "\"b\"")), JWT(ISS(TTI_B, "\"b\"")), &equal);
	ck_assert(!equal);
	ck_assert_str_eq(d, "- Grant.JwtBearer.AuthorizedTokenIssuers: \"" TTI_A "\"");
	free(d);

	d = diff_text(JWT(ISS(TTI_A, "\"api\"") "," ISS(TTI_B, "\"b\"")),
		      JWT(ISS(TTI_B, "\"b\"") "," ISS(TTI_A, "\"api\"")), &equal);
	ck_assert(!equal);
	ck_assert_str_eq(d, "~ Grant.JwtBearer.AuthorizedTokenIssuers: same issuers in a different order");
	free(d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("grant_def");
	TCase *tc = tcase_create("grant_def");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_from_yaml);
	tcase_add_test(tc, test_from_json);
	tcase_add_test(tc, test_not_a_grant);
	tcase_add_test(tc, test_put_body_in_model_order);
	tcase_add_test(tc, test_diff);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
