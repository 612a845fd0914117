/*
 * check_source_lines.c - Check suite for gl_source_lines_lookup(): for every
 * line of many texts (line breaks of each kind, a BOM, long lines, repeated
 * lines, multi-byte characters, no final break) and for lines past the end,
 * asked one at a time and all at once, the offsets, lengths and line hashes
 * equal what gl_line_offset(), gl_line_length() and gl_fingerprint_line()
 * give over the whole text.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fingerprint.h"
#include "load.h"
#include "source_lines.h"

static uint32_t count_lines(const char *text, size_t len)
{
	uint32_t n = 1;
	size_t i;

	for (i = 0; i < len; i++) {
		if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
			i++;
		if (text[i] == '\n' || text[i] == '\r')
			n++;
	}
	return n;
}

static void expect_line(const struct gl_source_line *got, const char *text, size_t len)
{
	char want_hash[24];
	size_t off = gl_line_offset(text, len, got->line);

	ck_assert_int_eq(gl_fingerprint_line(text, len, got->line, want_hash), 0);
	ck_assert_msg(got->offset == off, "line %u: offset %zu, want %zu", got->line,
		      got->offset, off);
	ck_assert_uint_eq(got->length, gl_line_length(text, len, off));
	ck_assert_msg(strcmp(got->hash, want_hash) == 0, "line %u: hash %s, want %s", got->line,
		      got->hash, want_hash);
}

/* Every line of text, and two past the end: singly, then all at once backwards. */
static void check_text(const char *text, size_t len)
{
	uint32_t lines = count_lines(text, len) + 2, l;
	struct gl_source_line *all = calloc(lines, sizeof(*all));

	ck_assert_ptr_nonnull(all);
	for (l = 1; l <= lines; l++) {
		struct gl_source_line one;

		memset(&one, 0, sizeof(one));
		one.line = l;
		ck_assert_int_eq(gl_source_lines_lookup(&one, 1, text, len), 0);
		expect_line(&one, text, len);
		all[lines - l].line = l;
	}
	ck_assert_int_eq(gl_source_lines_lookup(all, lines, text, len), 0);
	for (l = 0; l < lines; l++)
		expect_line(&all[l], text, len);
	free(all);
}

#define CHECK_TEXT(s) check_text((s), sizeof(s) - 1)

START_TEST(test_line_breaks)
{
	CHECK_TEXT("");
	CHECK_TEXT("a");
	CHECK_TEXT("a\n");
	CHECK_TEXT("a\nb\n\n\nc");
	CHECK_TEXT("a\r\nb\r\n\r\nc\r\n");
	CHECK_TEXT("a\rb\r\rc\r");
	CHECK_TEXT("a\r\r\nb\n\rc");
	CHECK_TEXT("\xEF\xBB\xBFGrantType: refresh_token\nGrant: {}\n");
	CHECK_TEXT("  \t \n\t\n   x  \n");
}
END_TEST

START_TEST(test_repeated_and_long_lines)
{
	char text[8192];
	size_t n = 0;
	int i;

	/* Repeated lines: the hash's counter tells them apart. */
	for (i = 0; i < 40; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "---\nGrantType: refresh_token\n");
	check_text(text, n);
	/* Lines longer than the hash's 100-character window, and short ones after. */
	n = 0;
	for (i = 0; i < 12; i++) {
		memset(text + n, 'a' + i, (size_t)(40 + 37 * i));
		n += (size_t)(40 + 37 * i);
		text[n++] = '\n';
		n += (size_t)snprintf(text + n, sizeof(text) - n, "  - x%d  \n", i % 3);
	}
	check_text(text, n);
}
END_TEST

START_TEST(test_multibyte_and_spaces)
{
	char text[8192];
	size_t n = 0;
	int i;

	/* Two-, three- and four-byte characters, and white space the hash skips. */
	for (i = 0; i < 30; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
				      "k%d: \xC3\xA9t\xC3\xA9 \xE2\x82\xAC\xE2\x82\xAC  \xF0\x9F\x98\x80 \t"
				      "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE6\x97\xA5\xE6\x9C\xAC"
				      "\r\n%s", i, i % 4 ? "" : "\n \n");
	check_text(text, n);
	/* Invalid UTF-8 stays linear and equal too. */
	CHECK_TEXT("a\xFF\xFE\nb\x80\x80\nc\xE2\x82\n\xF0\x9F\n");
}
END_TEST

START_TEST(test_nothing_wanted)
{
	struct gl_source_line none;

	memset(&none, 0, sizeof(none));
	ck_assert_int_eq(gl_source_lines_lookup(&none, 1, "abc\n", 4), 0);
	ck_assert_uint_eq(none.offset, 4);
	ck_assert_str_eq(none.hash, "");
	ck_assert_int_eq(gl_source_lines_lookup(NULL, 0, "abc\n", 4), 0);
}
END_TEST

START_TEST(test_text_only)
{
	static const char text[] = "# c\r\nGrantType: x\n\nGrant: {}\n";
	struct gl_source_line with[3], without[3];
	size_t i;

	memset(with, 0, sizeof(with));
	with[0].line = 2;
	with[1].line = 4;
	with[2].line = 9;
	memcpy(without, with, sizeof(with));
	ck_assert_int_eq(gl_source_lines_lookup(with, 3, text, sizeof(text) - 1), 0);
	ck_assert_int_eq(gl_source_lines_text(without, 3, text, sizeof(text) - 1), 0);
	for (i = 0; i < 3; i++) {
		ck_assert_uint_eq(without[i].offset, with[i].offset);
		ck_assert_uint_eq(without[i].length, with[i].length);
		ck_assert_str_eq(without[i].hash, "");
	}
	ck_assert_str_ne(with[0].hash, "");
}
END_TEST

static Suite *source_lines_suite(void)
{
	Suite *s = suite_create("source_lines");
	TCase *tc = tcase_create("lookup");

	tcase_add_test(tc, test_line_breaks);
	tcase_add_test(tc, test_repeated_and_long_lines);
	tcase_add_test(tc, test_multibyte_and_spaces);
	tcase_add_test(tc, test_nothing_wanted);
	tcase_add_test(tc, test_text_only);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(source_lines_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
