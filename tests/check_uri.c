/* check_uri.c - Check suite for lint/uri.c, the liburiparser wrapper. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "uri.h"

static int parse(struct gl_uri *u, const char *text, size_t *off, const char **err)
{
	return gl_uri_parse(u, text, strlen(text), off, err);
}

START_TEST(test_parts_and_offsets)
{
	struct gl_uri u;
	size_t off;
	const char *err;

	ck_assert_int_eq(parse(&u, "HTTPS://me@App.example.com:8443/a/b?x=1#frag", &off, &err), 0);
	ck_assert_str_eq(u.scheme, "https");
	ck_assert_str_eq(u.userinfo, "me");
	ck_assert_int_eq(u.userinfo_offset, 8);
	ck_assert_str_eq(u.host, "App.example.com");
	ck_assert_int_eq(u.host_offset, 11);
	ck_assert_int_eq(u.port, 8443);
	ck_assert_int_eq(u.port_offset, 27);
	ck_assert_str_eq(u.path, "/a/b");
	ck_assert_int_eq(u.path_offset, 31);
	ck_assert_str_eq(u.query, "x=1");
	ck_assert_str_eq(u.fragment, "frag");
	ck_assert_int_eq(u.fragment_offset, 39);
	ck_assert(u.has_authority);
	ck_assert(!u.host_is_ipv4 && !u.host_is_ipv6);
	gl_uri_free(&u);

	ck_assert_int_eq(parse(&u, "com.example.app:/oauth2redirect", &off, &err), 0);
	ck_assert_str_eq(u.scheme, "com.example.app");
	ck_assert(!u.has_authority);
	ck_assert_ptr_null(u.host);
	ck_assert_int_eq(u.port, -1);
	ck_assert_str_eq(u.path, "/oauth2redirect");
	ck_assert_int_eq(u.path_offset, 16);
	ck_assert_ptr_null(u.fragment);
	gl_uri_free(&u);

	ck_assert_int_eq(parse(&u, "http://[::1]:8080/cb", &off, &err), 0);
	ck_assert(u.host_is_ipv6);
	ck_assert_str_eq(u.host, "::1");
	ck_assert_str_eq(u.path, "/cb");
	ck_assert(gl_uri_host_is_loopback(&u));
	gl_uri_free(&u);

	ck_assert_int_eq(parse(&u, "https:///cb", &off, &err), 0);
	ck_assert(u.has_authority);
	ck_assert_str_eq(u.host, "");
	gl_uri_free(&u);
	gl_uri_free(NULL);
}
END_TEST

static void bad(const char *text, size_t want_off, const char *want)
{
	struct gl_uri u;
	size_t off;
	const char *err;

	ck_assert_msg(parse(&u, text, &off, &err) == -1, "%s parsed", text);
	ck_assert_msg(strstr(err, want) != NULL, "%s: got '%s'", text, err);
	ck_assert_msg(off == want_off, "%s: offset %zu, wanted %zu", text, off, want_off);
	ck_assert_ptr_null(u.scheme);
	gl_uri_free(&u);
}

START_TEST(test_errors_point_at_the_cause)
{
	bad("https://a.example/o auth", 19, "space");
	bad("/relative/path", 0, "no scheme");
	bad("https://a.example/%zz", 18, "percent-encoding");
	bad("https://a.example/%4", 18, "percent-encoding");
	bad("https://a.example:65536/", 18, "1..65535");
	bad("https://a.example:0/", 18, "1..65535");
	bad("https://a.example:/", 18, "empty port");
	bad("https://a.example/\x01", 18, "control character");
	bad("https://a.example/caf\xc3\xa9", 21, "non-ASCII");
	bad("", 0, "empty");
	bad("https://a.example:80:90/x", 20, "second ':'");
	bad("https://[::1/cb", 8, "without its ']'");
}
END_TEST

START_TEST(test_loopback)
{
	static const struct {
		const char *text;
		bool loopback;
	} cases[] = {
		{ "http://127.0.0.1/", true },      { "http://127.9.8.7:1/", true },
		{ "http://localhost/", true },      { "http://LocalHost:80/", true },
		{ "http://[::1]/", true },          { "http://[0:0:0:0:0:0:0:1]/", true },
		{ "http://[::2]/", false },         { "http://[1::]/", false },
		{ "http://128.0.0.1/", false },     { "http://localhost.example/", false },
		{ "http://127.example.com/", false }, { "com.example.app:/cb", false },
	};
	size_t i, off;
	const char *err;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct gl_uri u;

		ck_assert_int_eq(parse(&u, cases[i].text, &off, &err), 0);
		ck_assert_msg(gl_uri_host_is_loopback(&u) == cases[i].loopback, "%s",
			      cases[i].text);
		gl_uri_free(&u);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("uri");
	TCase *tc = tcase_create("uri");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_parts_and_offsets);
	tcase_add_test(tc, test_errors_point_at_the_cause);
	tcase_add_test(tc, test_loopback);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
