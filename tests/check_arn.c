/* check_arn.c - Check suite for lint/arn.c: splitting, anchored matching, part judgements. */
#include <check.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "arn.h"
#include "printable.h"

#define APP "arn:aws:sso::123456789012:application/ssoins-72236d2b4d8c5e1f/apl-5f2a9c1d7e3b4a60"
#define TTI                                                                              \
	"arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-72236d2b4d8c5e1f/tti-0a1b2c3d-" \
	"4e5f-6a7b-8c9d-0e1f2a3b4c5d"

START_TEST(test_split_parts_and_offsets)
{
	struct gl_arn a;

	ck_assert_int_eq(gl_arn_split(&a, APP), 0);
	ck_assert_str_eq(a.partition, "aws");
	ck_assert_str_eq(a.service, "sso");
	ck_assert_str_eq(a.region, "");
	ck_assert_str_eq(a.account, "123456789012");
	ck_assert_str_eq(a.resource_type, "application");
	ck_assert_str_eq(a.instance, "ssoins-72236d2b4d8c5e1f");
	ck_assert_str_eq(a.id, "apl-5f2a9c1d7e3b4a60");
	ck_assert_uint_eq(a.partition_at, 4);
	ck_assert_uint_eq(a.account_at, 13);
	ck_assert_uint_eq(a.account_len, 12);
	ck_assert_uint_eq(a.resource_type_at, 26);
	ck_assert_uint_eq(a.instance_at, 38);
	ck_assert_uint_eq(a.id_at, 62);
	ck_assert(!a.truncated);

	ck_assert_int_eq(gl_arn_split(&a, "arn:aws:sso::1:application"), 0);
	ck_assert_str_eq(a.instance, "");
	ck_assert_str_eq(a.id, "");
	ck_assert_int_eq(gl_arn_split(&a, "arn:aws:sso::1:a/b/c/d:e"), 0);
	ck_assert_str_eq(a.id, "c/d:e");
	ck_assert_int_eq(gl_arn_split(&a, "arn:aws:sso"), -1);
	ck_assert_int_eq(gl_arn_split(&a, "apl-5f2a9c1d7e3b4a60"), -1);
	ck_assert_int_eq(gl_arn_split(&a, ""), -1);
}
END_TEST

START_TEST(test_anchored_matching)
{
	ck_assert(gl_arn_matches(GL_ARN_APPLICATION, APP, strlen(APP)));
	ck_assert(gl_arn_matches(GL_ARN_TRUSTED_TOKEN_ISSUER, TTI, strlen(TTI)));
	ck_assert(!gl_arn_matches(GL_ARN_APPLICATION, TTI, strlen(TTI)));
	/* The model pattern is unanchored; grantlint anchors it at both ends. */
	ck_assert(!gl_arn_matches(GL_ARN_APPLICATION, "x" APP, strlen(APP) + 1));
	ck_assert(!gl_arn_matches(GL_ARN_APPLICATION, APP "x", strlen(APP) + 1));
	ck_assert(!gl_arn_matches(GL_ARN_APPLICATION, APP "\n", strlen(APP) + 1));
	ck_assert_str_eq(gl_arn_anchored_pattern(GL_ARN_APPLICATION),
			 "^(?:arn:aws(-[a-z]{1,5}){0,3}:sso::\\d{12}:application/(sso)?ins-"
			 "[a-zA-Z0-9-.]{16}/apl-[a-zA-Z0-9]{16})$");
	ck_assert(gl_arn_partition_syntax_ok("aws-iso-b"));
	ck_assert(gl_arn_partition_syntax_ok("aws-a-b-c"));
	ck_assert(!gl_arn_partition_syntax_ok("aws-a-b-c-d"));
	ck_assert(!gl_arn_partition_syntax_ok("aws-abcdef"));
	ck_assert(!gl_arn_partition_syntax_ok("aws-"));
	ck_assert(!gl_arn_partition_syntax_ok("AWS"));
}
END_TEST

/* The judgement of text as kind: 0, or 1 with the message containing want at offset. */
static void judge(enum gl_arn_kind kind, const char *text, size_t offset, size_t len,
		  const char *want)
{
	struct gl_arn_problem p;
	int rc = gl_arn_judge(kind, text, strlen(text), &p);

	if (want == NULL) {
		ck_assert_msg(rc == 0, "%s: %s", text, p.message);
		return;
	}
	ck_assert_int_eq(rc, 1);
	ck_assert_msg(strstr(p.message, want) != NULL, "%s: got '%s'", text, p.message);
	ck_assert_uint_eq(p.offset, offset);
	ck_assert_uint_eq(p.len, len);
}

START_TEST(test_judge_names_the_part)
{
	const enum gl_arn_kind A = GL_ARN_APPLICATION, T = GL_ARN_TRUSTED_TOKEN_ISSUER;

	judge(A, APP, 0, 0, NULL);
	judge(T, TTI, 0, 0, NULL);
	judge(A, "arn:aws:sso:eu-west-1:123456789012:application/ssoins-72236d2b4d8c5e1f/"
		 "apl-5f2a9c1d7e3b4a60",
	      12, 9, "region must be empty");
	judge(A, "arn:aws:iam::123456789012:application/ssoins-72236d2b4d8c5e1f/"
		 "apl-5f2a9c1d7e3b4a60",
	      8, 3, "service must be 'sso'");
	judge(A, "arn:Aws:sso::123456789012:application/ssoins-72236d2b4d8c5e1f/"
		 "apl-5f2a9c1d7e3b4a60",
	      4, 3, "did you mean 'aws'");
	judge(A, "arn:aws:sso::12345678901x:application/ssoins-72236d2b4d8c5e1f/"
		 "apl-5f2a9c1d7e3b4a60",
	      13, 12, "account must be 12 digits");
	judge(A, TTI, 26, 18, "this is a trusted token issuer ARN");
	judge(T, APP, 26, 11, "this is an application ARN");
	judge(A, "arn:aws:sso::123456789012:application/ssoins-72236d2b4d8c5e1/"
		 "apl-5f2a9c1d7e3b4a60",
	      38, 22, "instance id must be");
	judge(A, "arn:aws:sso::123456789012:application/ssoins-72236d2b4d8c5e1f/"
		 "apl-5f2a9c1d7e3b4a6_",
	      62, 20, "application id must be 'apl-'");
	judge(T, "arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-72236d2b4d8c5e1f/"
		 "tti-0a1b2c3d-4e5f-6a7b-8c9d-0E1F2A3B4C5D",
	      69, 40, "use lowercase hex digits");
	judge(A, "arn:aws:sso::123456789012:application/ssoins-72236d2b4d8c5e1f", 61, 0,
	      "missing the application id");
	judge(A, "not an arn at all", 0, 17, "not an ARN");
	judge(A, "arn:aws", 0, 7, "7 characters long");
}
END_TEST

static void *judge_many(void *arg)
{
	struct gl_arn_problem p;
	long bad = 0;
	int i;

	(void)arg;
	for (i = 0; i < 2000; i++) {
		bad += gl_arn_judge(GL_ARN_APPLICATION, APP, strlen(APP), &p) != 0;
		bad += gl_arn_judge(GL_ARN_TRUSTED_TOKEN_ISSUER, APP, strlen(APP), &p) != 1;
	}
	return (void *)bad;
}

START_TEST(test_threads_share_the_compiled_patterns)
{
	pthread_t t[4];
	void *bad;
	int i;

	for (i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, judge_many, NULL), 0);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(pthread_join(t[i], &bad), 0);
		ck_assert_ptr_null(bad);
	}
}
END_TEST

START_TEST(test_printable_quotes_safely)
{
	char out[16];

	ck_assert_str_eq(gl_printable(out, sizeof(out), "a\tb\nc", 5), "a\\tb\\nc");
	ck_assert_str_eq(gl_printable(out, sizeof(out), "\x01\x7f", 2), "\\x01\\x7f");
	ck_assert_str_eq(gl_printable(out, sizeof(out), "0123456789abcdef", 16), "0123456789ab...");
	ck_assert_str_eq(gl_printable(out, sizeof(out), "0123456789abcde", 15), "0123456789abcde");
	/* Never cuts a UTF-8 character in two. */
	ck_assert_str_eq(gl_printable(out, sizeof(out), "0123456789a\xc3\xa9xyz", 17),
			 "0123456789a...");
	ck_assert_str_eq(gl_printable(out, 4, "abcdef", 6), "...");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("arn");
	TCase *tc = tcase_create("arn");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_split_parts_and_offsets);
	tcase_add_test(tc, test_anchored_matching);
	tcase_add_test(tc, test_judge_names_the_part);
	tcase_add_test(tc, test_threads_share_the_compiled_patterns);
	tcase_add_test(tc, test_printable_quotes_safely);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
