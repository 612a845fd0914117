/*
 * check_model.c - the constraint table compiled into grantlint (lint/model.c)
 * and the partition list (lint/partitions.c) against the files they were
 * transcribed from (tests/data/aws-model/service-2.json, partitions.json).
 * Any difference fails: kinds, members, required lists, bounds, patterns, enums.
 */
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arn.h"
#include "model.h"
#include "partitions.h"

static cJSON *load_json(const char *name)
{
	const char *src = getenv("top_srcdir");
	char path[1024];
	FILE *f;
	char *buf;
	long n;
	cJSON *json;

	snprintf(path, sizeof(path), "%s/tests/data/aws-model/%s", src ? src : GL_SRCDIR, name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	ck_assert(buf != NULL);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	json = cJSON_Parse(buf);
	free(buf);
	ck_assert_msg(json != NULL, "%s is not JSON", path);
	return json;
}

static long number_or(const cJSON *obj, const char *key, long dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsNumber(v) ? (long)v->valuedouble : dflt;
}

static void check_shape(const cJSON *shapes, const struct gl_shape *s)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(shapes, s->name);
	const cJSON *type, *members, *required, *pattern, *enums, *member, *item;
	const char *want_type;
	size_t i, count;

	ck_assert_msg(m != NULL, "shape %s is not in the model", s->name);
	type = cJSON_GetObjectItemCaseSensitive(m, "type");
	want_type = s->kind == GL_SHAPE_LIST     ? "list"
		    : s->kind == GL_SHAPE_STRING ? "string"
						 : "structure";
	ck_assert_msg(cJSON_IsString(type) && !strcmp(type->valuestring, want_type),
		      "%s: kind differs", s->name);
	ck_assert_msg(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "union")) ==
			      (s->kind == GL_SHAPE_UNION),
		      "%s: union flag differs", s->name);
	ck_assert_msg(number_or(m, "min", -1) == s->min, "%s: min %ld, model %ld", s->name,
		      s->min, number_or(m, "min", -1));
	ck_assert_msg(number_or(m, "max", -1) == s->max, "%s: max %ld, model %ld", s->name,
		      s->max, number_or(m, "max", -1));

	pattern = cJSON_GetObjectItemCaseSensitive(m, "pattern");
	if (s->pattern == NULL)
		ck_assert_msg(pattern == NULL, "%s: model has a pattern", s->name);
	else
		ck_assert_msg(cJSON_IsString(pattern) && !strcmp(pattern->valuestring, s->pattern),
			      "%s: pattern differs from the model's", s->name);

	enums = cJSON_GetObjectItemCaseSensitive(m, "enum");
	ck_assert_uint_eq((size_t)cJSON_GetArraySize(enums), s->enum_count);
	for (i = 0; i < s->enum_count; i++) {
		const cJSON *e = cJSON_GetArrayItem(enums, (int)i);

		ck_assert_msg(cJSON_IsString(e) && !strcmp(e->valuestring, s->enum_values[i]),
			      "%s: enum value %zu differs", s->name, i);
	}

	members = cJSON_GetObjectItemCaseSensitive(m, "members");
	if (s->kind == GL_SHAPE_STRUCTURE || s->kind == GL_SHAPE_UNION) {
		ck_assert_msg(cJSON_IsObject(members), "%s: no members in the model", s->name);
		count = (size_t)cJSON_GetArraySize(members);
		ck_assert_msg(count == s->member_count, "%s: %zu members, model %zu", s->name,
			      s->member_count, count);
		i = 0;
		cJSON_ArrayForEach(member, members) {
			const cJSON *target = cJSON_GetObjectItemCaseSensitive(member, "shape");

			ck_assert_msg(!strcmp(member->string, s->members[i].name),
				      "%s: member %zu is %s in the model", s->name, i, member->string);
			ck_assert_msg(cJSON_IsString(target) &&
					      !strcmp(target->valuestring, s->members[i].shape->name),
				      "%s.%s: shape differs", s->name, member->string);
			i++;
		}
	} else {
		ck_assert_msg(members == NULL, "%s: the model gives members", s->name);
		ck_assert_uint_eq(s->member_count, 0);
	}

	required = cJSON_GetObjectItemCaseSensitive(m, "required");
	count = 0;
	for (i = 0; i < s->member_count; i++) {
		const cJSON *r;
		bool listed = false;

		cJSON_ArrayForEach(r, required)
			if (cJSON_IsString(r) && !strcmp(r->valuestring, s->members[i].name))
				listed = true;
		ck_assert_msg(listed == s->members[i].required, "%s.%s: required differs", s->name,
			      s->members[i].name);
		/* service_required is grantlint's own knowledge: only for optional members. */
		ck_assert(!(s->members[i].required && s->members[i].service_required));
		count += listed;
	}
	ck_assert_msg(count == (size_t)cJSON_GetArraySize(required),
		      "%s: the model requires a member the table lacks", s->name);

	item = cJSON_GetObjectItemCaseSensitive(m, "member");
	if (s->kind == GL_SHAPE_LIST) {
		const cJSON *target = cJSON_GetObjectItemCaseSensitive(item, "shape");

		ck_assert_msg(cJSON_IsString(target) && s->item != NULL &&
				      !strcmp(target->valuestring, s->item->name),
			      "%s: item shape differs", s->name);
	} else {
		ck_assert_msg(item == NULL, "%s: the model has a list member", s->name);
	}
}

START_TEST(test_every_table_shape_matches_the_model)
{
	cJSON *model = load_json("service-2.json");
	const cJSON *shapes = cJSON_GetObjectItemCaseSensitive(model, "shapes");
	size_t i;

	ck_assert(cJSON_IsObject(shapes));
	for (i = 0; i < gl_model_shape_count; i++)
		check_shape(shapes, gl_model_shapes[i]);
	cJSON_Delete(model);
}
END_TEST

/* Every shape the request reaches in the model is in the table (and so was compared). */
static void reach(const cJSON *shapes, const char *name, int depth)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(shapes, name), *member, *target;

	ck_assert_msg(gl_model_shape(name) != NULL, "model shape %s is missing from the table",
		      name);
	ck_assert(depth < 16);
	cJSON_ArrayForEach(member, cJSON_GetObjectItemCaseSensitive(m, "members")) {
		target = cJSON_GetObjectItemCaseSensitive(member, "shape");
		reach(shapes, target->valuestring, depth + 1);
	}
	target = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(m, "member"),
						  "shape");
	if (target != NULL)
		reach(shapes, target->valuestring, depth + 1);
}

START_TEST(test_table_covers_every_shape_of_the_request)
{
	cJSON *model = load_json("service-2.json");
	const cJSON *op, *input;

	op = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(model, "operations"), "PutApplicationGrant");
	input = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(op, "input"),
						 "shape");
	ck_assert(cJSON_IsString(input));
	ck_assert_str_eq(input->valuestring, gl_shape_request.name);
	reach(cJSON_GetObjectItemCaseSensitive(model, "shapes"), input->valuestring, 0);
	cJSON_Delete(model);
}
END_TEST

START_TEST(test_grant_type_members_cover_the_union)
{
	size_t i;

	/* Each enum value selects a union member, and each member one enum value. */
	for (i = 0; i < gl_shape_grant_type.enum_count; i++) {
		const char *m = gl_model_member_for_grant_type(gl_shape_grant_type.enum_values[i]);

		ck_assert_msg(m != NULL && gl_shape_member(&gl_shape_grant, m) != NULL,
			      "no union member for %s", gl_shape_grant_type.enum_values[i]);
		ck_assert_str_eq(gl_model_grant_type_for_member(m),
				 gl_shape_grant_type.enum_values[i]);
	}
	ck_assert_uint_eq(gl_shape_grant.member_count, gl_shape_grant_type.enum_count);
}
END_TEST

START_TEST(test_partitions_match_partitions_json)
{
	cJSON *json = load_json("partitions.json");
	const cJSON *p;
	size_t i = 0;

	cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(json, "partitions")) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(p, "id");

		ck_assert(cJSON_IsString(id));
		ck_assert_msg(i < gl_partition_count, "partition %s is missing", id->valuestring);
		ck_assert_str_eq(gl_partitions[i], id->valuestring);
		ck_assert(gl_partition_is_known(id->valuestring));
		/* The model's ARN pattern must accept every partition AWS has. */
		ck_assert_msg(gl_arn_partition_syntax_ok(id->valuestring),
			      "the ARN pattern rejects partition %s", id->valuestring);
		i++;
	}
	ck_assert_uint_eq(i, gl_partition_count);
	ck_assert(!gl_partition_is_known("aws-mars"));
	cJSON_Delete(json);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("model");
	TCase *tc = tcase_create("model");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_every_table_shape_matches_the_model);
	tcase_add_test(tc, test_table_covers_every_shape_of_the_request);
	tcase_add_test(tc, test_grant_type_members_cover_the_union);
	tcase_add_test(tc, test_partitions_match_partitions_json);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
