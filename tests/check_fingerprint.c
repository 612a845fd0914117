/*
 * check_fingerprint.c - Check suite for GitHub's primaryLocationLineHash.
 *
 * The expected values are the published ones from github/codeql-action's
 * src/fingerprints.test.ts (the tests of the upload action's own hash), plus
 * a few for UTF-8 input computed from that published algorithm (text decoded
 * as Node.js decodes "utf8", hashed per UTF-16 code unit).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "fingerprint.h"

#define MAX_LINES 16

struct line_hashes {
	char hash[MAX_LINES + 1][24];
	uint32_t lines[MAX_LINES + 1];
	size_t count;
};

static void collect(void *arg, uint32_t line, const char *hash)
{
	struct line_hashes *lh = arg;

	ck_assert_uint_lt(lh->count, MAX_LINES);
	lh->lines[lh->count] = line;
	snprintf(lh->hash[lh->count], sizeof(lh->hash[0]), "%s", hash);
	lh->count++;
}

/* Hash text (len bytes) and compare with want[], one per line, NULL-terminated. */
static void check_hashes(const char *text, size_t len, const char *const *want)
{
	struct line_hashes lh;
	size_t i, n = 0;

	memset(&lh, 0, sizeof(lh));
	ck_assert_int_eq(gl_fingerprint_lines(text, len, collect, &lh), 0);
	while (want[n] != NULL)
		n++;
	ck_assert_uint_eq(lh.count, n);
	for (i = 0; i < n; i++) {
		ck_assert_uint_eq(lh.lines[i], i + 1);
		ck_assert_str_eq(lh.hash[i], want[i]);
	}
}

#define CHECK_HASHES(text, ...)                                                 \
	do {                                                                    \
		static const char *const want_[] = { __VA_ARGS__, NULL };       \
		check_hashes((text), sizeof(text) - 1, want_);                  \
	} while (0)

/* The end of the text is hashed as a line of its own after a final line break. */
static const char end_only[] = "c129715d7a2bc9a3:1";

START_TEST(test_published_values)
{
	CHECK_HASHES("", end_only);
	CHECK_HASHES(" a\nb\n  \t\tc\n d", "271789c17abda88f:1", "54703d4cd895b18:1",
		     "180aee12dab6264:1", "a23a3dc5e078b07b:1");
	CHECK_HASHES(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End", "8b7cf3e952e7aeb2:1",
		     "b1ae1287ec4718d9:1", "bff680108adb0fcc:1", "c6805c5e1288b612:1",
		     "b86d3392aea1be30:1", "e6ceba753e1a442:1");
	CHECK_HASHES("x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n",
		     "e54938cc54b302f1:1", "bb609acbe9138d60:1", "1131fd5871777f34:1",
		     "5c482a0f8b35ea28:1", "54517377da7028d2:1", "2c644846cb18d53e:1",
		     "f1b89f20de0d133:1", end_only);
}
END_TEST

/* LF, CR, CRLF and a mix of them all hash the same. */
START_TEST(test_line_breaks)
{
#define GREETINGS                                                                     \
	"e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1",             \
		"e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", end_only
	CHECK_HASHES(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", GREETINGS);
	CHECK_HASHES(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", GREETINGS);
	CHECK_HASHES(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", GREETINGS);
	CHECK_HASHES(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", GREETINGS);
#undef GREETINGS
}
END_TEST

/* Identical lines get :1, :2, ... until the window reaches the end of the text. */
START_TEST(test_repeated_lines)
{
#define LOREM                                                                         \
	"a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3",             \
		"a7f2ff13bc495cf2:4", "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6",     \
		"a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1", "55ec222b86bcae53:1",     \
		"cc97dc7b1d7d8f7b:1", end_only
#define L10(s) s s s s s s s s s s
	CHECK_HASHES(L10("Lorem ipsum dolor sit amet.\n"), LOREM);
	CHECK_HASHES(L10("Lorem ipsum dolor sit amet.\r\n"), LOREM);
	CHECK_HASHES(L10("  Lorem ipsum dolor sit amet. \t\r"), LOREM);
#undef L10
#undef LOREM
}
END_TEST

/*
 * UTF-8: a byte order mark is hashed, a code point outside the BMP is two
 * UTF-16 units, and each invalid sequence is one U+FFFD (computed with the
 * published algorithm over the text as Node.js decodes it).
 */
START_TEST(test_utf8_input)
{
	CHECK_HASHES("\xef\xbb\xbfName: caf\xc3\xa9 \xf0\x9f\x98\x80\nx\xff\xe0\x80y\xed\xa0\x80z\n",
		     "833220ec1cbe2e42:1", "825bafbaaddd911a:1", end_only);
	CHECK_HASHES("Grant:\r\n  RedirectUris:\r\n    - https://a.example.com/cb\r\n"
		     "    - https://a.example.com/cb\r\n    - https://a.example.com/cb\r\n",
		     "b0087213beafafa6:1", "6f03909c0ab90bce:1", "4e46f79e781acbf9:1",
		     "8c8514326e21f7f7:1", "31d62ed7e6b74205:1", end_only);
}
END_TEST

/* gl_fingerprint_line and _fill pick the right line; past the end is "". */
START_TEST(test_line_lookup)
{
	static const char text[] = " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n";
	struct gl_diag d[2];
	char out[24];

	ck_assert_int_eq(gl_fingerprint_line(text, sizeof(text) - 1, 5, out), 0);
	ck_assert_str_eq(out, "b3edc88f2938467e:1");
	ck_assert_int_eq(gl_fingerprint_line(text, sizeof(text) - 1, 99, out), 0);
	ck_assert_str_eq(out, "");
	memset(d, 0, sizeof(d));
	d[0].start.line = 2;
	d[1].start.line = 6;
	ck_assert_int_eq(gl_fingerprint_fill(d, 2, text, sizeof(text) - 1), 0);
	ck_assert_str_eq(d[0].line_hash, "fb7c023a8b9ccb3f:1");
	ck_assert_str_eq(d[1].line_hash, "c8e28b0b4002a3a0:1");
}
END_TEST

/* The engine hashes each request's GrantType line for checks across files. */
START_TEST(test_request_keys)
{
	static const char text[] =
		"ApplicationArn: arn:aws:sso::123456789012:application/ssoins-72236d2b4d8c5e1f/"
		"apl-5f2a9c1d7e3b4a60\r\nGrantType: refresh_token\r\nGrant: {RefreshToken: {}}\r\n"
		"---\r\nApplicationArn: arn:aws:sso::123456789012:application/"
		"ssoins-72236d2b4d8c5e1f/apl-0c4d8e2f6a1b3c5d\r\n"
		"GrantType: refresh_token\r\nGrant: {RefreshToken: {}}\r\n";
	struct gl_lint_options opts;
	struct gl_file_result res;
	char want[24];
	size_t i;

	gl_lint_options_default(&opts);
	gl_file_result_init(&res);
	ck_assert_int_eq(gl_lint_buffer(&opts, "k.grant.yaml", text, sizeof(text) - 1, &res), 0);
	ck_assert_uint_eq(res.keys.count, 2);
	for (i = 0; i < res.keys.count; i++) {
		ck_assert_int_eq(gl_fingerprint_line(text, sizeof(text) - 1,
						     res.keys.items[i].start.line, want),
				 0);
		ck_assert_str_ne(want, "");
		ck_assert_str_eq(res.keys.items[i].line_hash, want);
	}
	gl_file_result_free(&res);
}
END_TEST

static Suite *fingerprint_suite(void)
{
	Suite *s = suite_create("fingerprint");
	TCase *tc = tcase_create("line hash");

	tcase_add_test(tc, test_published_values);
	tcase_add_test(tc, test_line_breaks);
	tcase_add_test(tc, test_repeated_lines);
	tcase_add_test(tc, test_utf8_input);
	tcase_add_test(tc, test_line_lookup);
	tcase_add_test(tc, test_request_keys);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(fingerprint_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
