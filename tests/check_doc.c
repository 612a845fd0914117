/* check_doc.c - Check suite for the document model: positions, types, streams, limits. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "engine.h"
#include "load.h"
#include "rules.h"

struct loaded_text {
	struct gl_loaded loaded;
	struct gl_diag_list diags;
	struct gl_limits limits;
};

static void load_text(struct loaded_text *t, const char *path, const char *text)
{
	gl_limits_default(&t->limits);
	gl_diag_list_init(&t->diags);
	ck_assert_int_eq(gl_load(&t->loaded, &t->limits, path, text, strlen(text),
				 gl_file_format_of(path), &t->diags), 0);
}

static void load_text_limits(struct loaded_text *t, const char *path, const char *text,
			     size_t len)
{
	gl_diag_list_init(&t->diags);
	ck_assert_int_eq(gl_load(&t->loaded, &t->limits, path, text, len,
				 gl_file_format_of(path), &t->diags), 0);
}

static void unload(struct loaded_text *t)
{
	gl_loaded_free(&t->loaded);
	gl_diag_list_free(&t->diags);
}

START_TEST(test_positions_and_types)
{
	struct loaded_text t;
	const struct gl_node *root, *aud, *n;

	load_text(&t, "a.grant.yaml",
		  "# comment\n"
		  "GrantType: \"refresh_token\"\n"
		  "Grant:\n"
		  "  AuthorizedAudiences: [12345, 1.5, true, ~, 'x', é1]\n");
	ck_assert_uint_eq(t.diags.count, 0);
	ck_assert_uint_eq(t.loaded.count, 1);
	root = t.loaded.requests[0].root;
	ck_assert_int_eq(root->kind, GL_NODE_MAPPING);
	n = gl_node_get_member(root, "GrantType");
	ck_assert_ptr_nonnull(n);
	ck_assert_uint_eq(n->start.line, 2);
	ck_assert_uint_eq(n->start.col, 12);
	ck_assert_uint_eq(n->end.col, 27);
	ck_assert_int_eq(n->u.scalar.style, GL_STYLE_DOUBLE_QUOTED);
	ck_assert_int_eq(n->u.scalar.type, GL_TYPE_STRING);
	ck_assert_str_eq(n->u.scalar.value, "refresh_token");
	aud = gl_node_get_member(gl_node_get_member(root, "Grant"), "AuthorizedAudiences");
	ck_assert_int_eq(aud->kind, GL_NODE_SEQUENCE);
	ck_assert_uint_eq(aud->u.sequence.count, 6);
	ck_assert_int_eq(aud->u.sequence.items[0]->u.scalar.type, GL_TYPE_INT);
	ck_assert_int_eq(aud->u.sequence.items[1]->u.scalar.type, GL_TYPE_FLOAT);
	ck_assert_int_eq(aud->u.sequence.items[2]->u.scalar.type, GL_TYPE_BOOL);
	ck_assert_int_eq(aud->u.sequence.items[3]->u.scalar.type, GL_TYPE_NULL);
	ck_assert_int_eq(aud->u.sequence.items[4]->u.scalar.type, GL_TYPE_STRING);
	ck_assert_int_eq(aud->u.sequence.items[4]->u.scalar.style, GL_STYLE_SINGLE_QUOTED);
	/* Columns count characters, not bytes: "é1" is two columns wide. */
	ck_assert_uint_eq(aud->u.sequence.items[5]->start.col, 51);
	ck_assert_uint_eq(aud->u.sequence.items[5]->end.col, 53);
	ck_assert_int_eq(aud->u.sequence.items[5]->u.scalar.type, GL_TYPE_STRING);
	unload(&t);
}
END_TEST

START_TEST(test_core_schema_yaml12)
{
	struct loaded_text t;
	const struct gl_node *r;

	load_text(&t, "a.yaml", "a: yes\nb: 0x1F\nc: 0o17\nd: .inf\ne: 1e3\nf: !!str 12\ng: Null\nh: 1_000\n");
	r = t.loaded.requests[0].root;
	ck_assert_int_eq(gl_node_get_member(r, "a")->u.scalar.type, GL_TYPE_STRING);
	ck_assert_int_eq(gl_node_get_member(r, "b")->u.scalar.type, GL_TYPE_INT);
	ck_assert_int_eq(gl_node_get_member(r, "c")->u.scalar.type, GL_TYPE_INT);
	ck_assert_int_eq(gl_node_get_member(r, "d")->u.scalar.type, GL_TYPE_FLOAT);
	ck_assert_int_eq(gl_node_get_member(r, "e")->u.scalar.type, GL_TYPE_FLOAT);
	ck_assert_int_eq(gl_node_get_member(r, "f")->u.scalar.type, GL_TYPE_STRING);
	ck_assert_int_eq(gl_node_get_member(r, "g")->u.scalar.type, GL_TYPE_NULL);
	ck_assert_int_eq(gl_node_get_member(r, "h")->u.scalar.type, GL_TYPE_STRING);
	unload(&t);
}
END_TEST

START_TEST(test_json_positions)
{
	struct loaded_text t;
	const struct gl_node *n;

	load_text(&t, "a.grant.json", "{\n  \"GrantType\": \"refresh_token\",\n  \"N\": 12\n}\n");
	ck_assert_uint_eq(t.diags.count, 0);
	n = gl_node_get_member(t.loaded.requests[0].root, "GrantType");
	ck_assert_uint_eq(n->start.line, 2);
	ck_assert_uint_eq(n->start.col, 16);
	ck_assert_int_eq(gl_node_get_member(t.loaded.requests[0].root, "N")->u.scalar.type,
			 GL_TYPE_INT);
	unload(&t);
}
END_TEST

START_TEST(test_streams_and_lists)
{
	struct loaded_text t;

	load_text(&t, "a.yaml", "---\na: 1\n---\n- b: 2\n- c: 3\n---\n");
	ck_assert_uint_eq(t.diags.count, 0);
	ck_assert_uint_eq(t.loaded.count, 3);
	ck_assert_int_eq(t.loaded.requests[0].index, 0);
	ck_assert_int_eq(t.loaded.requests[1].index, 1);
	ck_assert_int_eq(t.loaded.requests[2].index, 2);
	ck_assert_uint_eq(t.loaded.requests[2].root->start.line, 5);
	unload(&t);
}
END_TEST

START_TEST(test_duplicate_keys_pointer)
{
	struct loaded_text t;

	load_text(&t, "a.yaml", "- a: 1\n- Grant:\n    X: 1\n    X: 2\n");
	ck_assert_uint_eq(t.diags.count, 1);
	ck_assert_ptr_eq(t.diags.items[0].rule, &gl_rule_duplicate_key);
	ck_assert_str_eq(t.diags.items[0].pointer, "/Grant/X");
	ck_assert_int_eq(t.diags.items[0].document, 1);
	ck_assert_uint_eq(t.diags.items[0].start.line, 4);
	ck_assert_uint_eq(t.diags.items[0].start.col, 5);
	unload(&t);
}
END_TEST

START_TEST(test_duplicate_keys_many)
{
	struct loaded_text t;
	char *text = malloc(200000);
	size_t n = 0, i;

	for (i = 0; i < 5000; i++)
		n += (size_t)sprintf(text + n, "k%zu: 1\n", i);
	n += (size_t)sprintf(text + n, "k17: 2\n");
	load_text(&t, "a.yaml", text);
	ck_assert_uint_eq(t.diags.count, 1);
	ck_assert_uint_eq(t.diags.items[0].start.line, 5001);
	unload(&t);
	free(text);
}
END_TEST

START_TEST(test_json_strict)
{
	static const struct {
		const char *text;
		unsigned col;
		const char *needle;
	} cases[] = {
		{ "{\"a\": 1,}", 8, "trailing comma" },
		{ "{'a': 1}", 2, "single quotes" },
		{ "{\"a\": 1} // c", 10, "comments" },
		{ "{\"a\": 1} {\"b\": 2}", 10, "after the JSON value" },
		{ "{\"a\": tru}", 7, "invalid JSON" },
		{ "{\"a\": \"b\"", 10, "ends too early" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct loaded_text t;

		load_text(&t, "x.json", cases[i].text);
		ck_assert_msg(t.diags.count == 1, "case %zu: %zu diagnostics", i, t.diags.count);
		ck_assert_ptr_eq(t.diags.items[0].rule, &gl_rule_syntax_error);
		ck_assert_uint_eq(t.diags.items[0].start.col, cases[i].col);
		ck_assert_msg(strstr(t.diags.items[0].message, cases[i].needle) != NULL,
			      "case %zu: %s", i, t.diags.items[0].message);
		unload(&t);
	}
}
END_TEST

START_TEST(test_encoding)
{
	struct loaded_text t;

	load_text(&t, "a.yaml", "\xEF\xBB\xBFGrantType: x\r\nB: y\r\n");
	ck_assert_uint_eq(t.diags.count, 0);
	ck_assert_uint_eq(gl_node_get_member(t.loaded.requests[0].root, "B")->start.line, 2);
	ck_assert_uint_eq(gl_node_get_member(t.loaded.requests[0].root, "GrantType")->start.col, 12);
	unload(&t);

	load_text(&t, "a.yaml", "a: 1\nb: \xC3\x28\n");
	ck_assert_uint_eq(t.diags.count, 1);
	ck_assert_ptr_eq(t.diags.items[0].rule, &gl_rule_invalid_encoding);
	ck_assert_uint_eq(t.diags.items[0].start.line, 2);
	ck_assert_uint_eq(t.diags.items[0].start.col, 4);
	unload(&t);

	load_text(&t, "a.yaml", "a: \xED\xA0\x80\n"); /* a UTF-16 surrogate */
	ck_assert_uint_eq(t.diags.count, 1);
	ck_assert_ptr_eq(t.diags.items[0].rule, &gl_rule_invalid_encoding);
	unload(&t);

	gl_limits_default(&t.limits);
	load_text_limits(&t, "a.yaml", "a: 1\n\0b", 7);
	ck_assert_uint_eq(t.diags.count, 1);
	ck_assert_ptr_eq(t.diags.items[0].rule, &gl_rule_invalid_encoding);
	ck_assert_uint_eq(t.diags.items[0].start.line, 2);
	unload(&t);
}
END_TEST

START_TEST(test_tabs_empty_scalar_root)
{
	struct loaded_text t;

	load_text(&t, "a.yaml", "a:\n\tb: 1\n");
	ck_assert_uint_eq(t.diags.count, 1);
	ck_assert_ptr_eq(t.diags.items[0].rule, &gl_rule_tab_indentation);
	ck_assert_uint_eq(t.diags.items[0].start.line, 2);
	unload(&t);

	load_text(&t, "a.yaml", "# only a comment\n");
	ck_assert_uint_eq(t.diags.count, 1);
	ck_assert_ptr_eq(t.diags.items[0].rule, &gl_rule_empty_file);
	unload(&t);

	load_text(&t, "a.yaml", "just a string\n");
	ck_assert_uint_eq(t.diags.count, 1);
	ck_assert_ptr_eq(t.diags.items[0].rule, &gl_rule_not_a_request);
	unload(&t);
}
END_TEST

START_TEST(test_limits)
{
	struct loaded_text t;
	char *deep;
	size_t i;

	/* billion laughs: stops at the alias limit, at once */
	load_text(&t, "a.yaml",
		  "a: &a [x, x, x, x, x, x, x, x, x]\n"
		  "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		  "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
		  "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
		  "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
		  "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n");
	ck_assert_uint_eq(t.diags.count, 1);
	ck_assert_ptr_eq(t.diags.items[0].rule, &gl_rule_limit_exceeded);
	ck_assert_uint_eq(t.diags.items[0].start.line, 5);
	unload(&t);

	deep = malloc(1 << 20);
	memset(deep, '[', 1 << 20);
	gl_limits_default(&t.limits);
	load_text_limits(&t, "a.yaml", deep, 1 << 20);
	ck_assert_uint_eq(t.diags.count, 1);
	ck_assert_ptr_eq(t.diags.items[0].rule, &gl_rule_limit_exceeded);
	unload(&t);
	load_text_limits(&t, "a.json", deep, 1 << 20);
	ck_assert_uint_eq(t.diags.count, 1);
	ck_assert_ptr_eq(t.diags.items[0].rule, &gl_rule_limit_exceeded);
	ck_assert_uint_eq(t.diags.items[0].start.col, 65);
	unload(&t);
	free(deep);

	gl_limits_default(&t.limits);
	t.limits.max_file_bytes = 10;
	load_text_limits(&t, "a.yaml", "a: 1234567890\n", 14);
	ck_assert_uint_eq(t.diags.count, 1);
	ck_assert_ptr_eq(t.diags.items[0].rule, &gl_rule_limit_exceeded);
	unload(&t);

	gl_limits_default(&t.limits);
	t.limits.max_documents = 3;
	{
		char text[200] = "";

		for (i = 0; i < 5; i++)
			strcat(text, "---\na: 1\n");
		load_text_limits(&t, "a.yaml", text, strlen(text));
	}
	ck_assert_uint_eq(t.diags.count, 1);
	ck_assert_ptr_eq(t.diags.items[0].rule, &gl_rule_limit_exceeded);
	ck_assert_uint_eq(t.loaded.count, 3);
	unload(&t);
}
END_TEST

START_TEST(test_scalar_pos_at)
{
	struct loaded_text t;
	const struct gl_node *n;
	struct gl_pos p;

	load_text(&t, "a.yaml", "a: 'xé:z'\nb: \"a\\tb\"\nc: plain\n");
	n = gl_node_get_member(t.loaded.requests[0].root, "a");
	ck_assert(gl_node_scalar_pos_at(n, 3, &p)); /* the ':' after é (2 bytes) */
	ck_assert_uint_eq(p.col, 7);
	n = gl_node_get_member(t.loaded.requests[0].root, "b");
	ck_assert(!gl_node_scalar_pos_at(n, 1, &p)); /* escapes: unknown */
	n = gl_node_get_member(t.loaded.requests[0].root, "c");
	ck_assert(gl_node_scalar_pos_at(n, 2, &p));
	ck_assert_uint_eq(p.col, 6);
	unload(&t);
}
END_TEST

static Suite *doc_suite(void)
{
	Suite *s = suite_create("doc");
	TCase *tc = tcase_create("model");

	tcase_add_test(tc, test_positions_and_types);
	tcase_add_test(tc, test_core_schema_yaml12);
	tcase_add_test(tc, test_json_positions);
	tcase_add_test(tc, test_streams_and_lists);
	tcase_add_test(tc, test_duplicate_keys_pointer);
	tcase_add_test(tc, test_duplicate_keys_many);
	tcase_add_test(tc, test_json_strict);
	tcase_add_test(tc, test_encoding);
	tcase_add_test(tc, test_tabs_empty_scalar_root);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_scalar_pos_at);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(doc_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
