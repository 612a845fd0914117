/*
 * check_git.c - Check suite for what the git modes build on: context keys in
 * the run driver (judged against, never reported on), the key cache, and
 * reading a file from the mode's source.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "key_cache.h"
#include "rules.h"
#include "run.h"
#include "source_git.h"

static const char grant_yaml[] =
	"ApplicationArn: arn:aws:sso::123456789012:application/ssoins-1/apl-1\n"
	"GrantType: refresh_token\n"
	"Grant:\n"
	"  RefreshToken: {}\n";

static void push_diag(struct gl_run *run, const char *path)
{
	struct gl_diag d;

	memset(&d, 0, sizeof(d));
	d.path = (char *)path;
	d.start.line = d.start.col = 1;
	d.end = d.start;
	d.rule = &gl_rule_syntax_error;
	d.severity = GL_SEV_ERROR;
	d.message = (char *)"finding";
	ck_assert_int_eq(gl_diag_list_push(&run->diags, &d), 0);
}

static void add_key(struct gl_grant_keys *keys, const char *path, uint32_t line)
{
	struct gl_grant_key *k;

	keys->items = realloc(keys->items, (keys->count + 1) * sizeof(*keys->items));
	ck_assert_ptr_nonnull(keys->items);
	keys->cap = keys->count + 1;
	k = &keys->items[keys->count++];
	memset(k, 0, sizeof(*k));
	k->application_arn = strdup("arn:aws:sso::123456789012:application/ssoins-1/apl-1");
	k->grant_type = strdup("refresh_token");
	k->path = strdup(path);
	k->start.line = line;
	k->start.col = 12;
	k->end.line = line;
	k->end.col = 25;
}

/* Context keys join the checks across files; findings on their paths are dropped. */
START_TEST(test_context_keys_judged_not_reported)
{
	struct gl_lint_options opts;
	struct gl_grant_keys context;
	struct gl_run run;
	size_t i, linted = 0, from_context = 0;
	bool *none;

	gl_lint_options_default(&opts);
	/* no rule runs (keys are still recorded): the findings are the ones pushed below */
	opts.enabled = none = calloc(gl_rules_count, sizeof(*none));
	ck_assert_ptr_nonnull(none);
	gl_run_init(&run, &opts);
	ck_assert_int_eq(gl_run_lint_bytes(&run, "grants/b.yaml", grant_yaml, strlen(grant_yaml)), 0);
	gl_grant_keys_init(&context);
	add_key(&context, "grants/a.yaml", 2);
	add_key(&context, "grants/c.yaml", 2);
	ck_assert_int_eq(gl_run_add_context_keys(&run, &context), 0);
	ck_assert_uint_eq(context.count, 0);
	ck_assert_uint_eq(run.context_keys, 2);
	/* as a rule's finish() would: one finding on a context file, one on the linted one */
	push_diag(&run, "grants/a.yaml");
	push_diag(&run, "grants/b.yaml");
	ck_assert_int_eq(gl_run_finish(&run), 0);
	ck_assert_uint_eq(run.diags.count, 1);
	ck_assert_str_eq(run.diags.items[0].path, "grants/b.yaml");
	ck_assert_uint_eq(run.errors, 1);
	ck_assert_uint_eq(run.file_count, 1); /* context files are not counted as checked */
	/* every key is there for the checks across files, in path order */
	ck_assert_uint_eq(run.keys.count, 3);
	ck_assert_str_eq(run.keys.items[0].path, "grants/a.yaml");
	ck_assert_str_eq(run.keys.items[1].path, "grants/b.yaml");
	ck_assert_str_eq(run.keys.items[2].path, "grants/c.yaml");
	for (i = 0; i < run.keys.count; i++) {
		if (run.keys.items[i].context) {
			from_context++;
			ck_assert_ptr_null(run.keys.items[i].line_text);
		} else {
			linted++;
			ck_assert_uint_eq(run.keys.items[i].start.line, 2);
			ck_assert_uint_eq(run.keys.items[i].start.col, 12);
		}
	}
	ck_assert_uint_eq(linted, 1);
	ck_assert_uint_eq(from_context, 2);
	gl_run_free(&run);
	gl_grant_keys_free(&context);
	free(none);
}
END_TEST

/* Without context keys, findings from any path stay (the file tree is unchanged). */
START_TEST(test_no_context_keeps_everything)
{
	struct gl_lint_options opts;
	struct gl_run run;

	gl_lint_options_default(&opts);
	gl_run_init(&run, &opts);
	push_diag(&run, "elsewhere.yaml");
	ck_assert_int_eq(gl_run_finish(&run), 0);
	ck_assert_uint_eq(run.diags.count, 1);
	gl_run_free(&run);
}
END_TEST

static char cache_dir[] = "/tmp/check_git.XXXXXX";
static char cache_file[64];

static void cache_setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(cache_dir));
	snprintf(cache_file, sizeof(cache_file), "%s/grantlint/keys-v1", cache_dir);
}

static void cache_teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", cache_dir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(cache_dir, "/tmp/check_git.XXXXXX");
}

static const unsigned char id_a[GL_KEY_CACHE_ID_LEN] = { 0xaa, 1, 2, 3 };
static const unsigned char id_b[GL_KEY_CACHE_ID_LEN] = { 0xbb, 1, 2, 3 };

/* Write a cache holding id_a (two keys, YAML) and id_b (no keys, JSON). */
static void write_cache(const struct gl_limits *limits)
{
	struct gl_key_cache *cache;
	struct gl_grant_keys keys;

	gl_grant_keys_init(&keys);
	add_key(&keys, "ignored/path.yaml", 2);
	add_key(&keys, "ignored/path.yaml", 7);
	keys.items[1].document = 1;
	ck_assert_int_eq(gl_key_cache_open(&cache, cache_file, limits), 0);
	ck_assert_uint_eq(gl_key_cache_count(cache), 0);
	ck_assert_int_eq(gl_key_cache_put(cache, id_a, GL_FILE_YAML, keys.items, keys.count), 0);
	ck_assert_int_eq(gl_key_cache_put(cache, id_b, GL_FILE_JSON, NULL, 0), 0);
	ck_assert_int_eq(gl_key_cache_save(cache), 0);
	gl_key_cache_free(cache);
	gl_grant_keys_free(&keys);
}

static size_t cache_count_after_open(const struct gl_limits *limits)
{
	struct gl_key_cache *cache;
	size_t n;

	ck_assert_int_eq(gl_key_cache_open(&cache, cache_file, limits), 0);
	n = gl_key_cache_count(cache);
	gl_key_cache_free(cache);
	return n;
}

START_TEST(test_cache_round_trip)
{
	struct gl_limits limits;
	struct gl_key_cache *cache;
	const struct gl_key_cache_key *keys;
	size_t count;

	gl_limits_default(&limits);
	write_cache(&limits);
	ck_assert_int_eq(gl_key_cache_open(&cache, cache_file, &limits), 0);
	ck_assert_uint_eq(gl_key_cache_count(cache), 2);
	ck_assert(gl_key_cache_get(cache, id_a, GL_FILE_YAML, &keys, &count));
	ck_assert_uint_eq(count, 2);
	ck_assert_str_eq(keys[0].application_arn,
			 "arn:aws:sso::123456789012:application/ssoins-1/apl-1");
	ck_assert_str_eq(keys[0].grant_type, "refresh_token");
	ck_assert_uint_eq(keys[1].start.line, 7);
	ck_assert_uint_eq(keys[1].start.col, 12);
	ck_assert_uint_eq(keys[1].end.col, 25);
	ck_assert_int_eq(keys[1].document, 1);
	ck_assert(gl_key_cache_get(cache, id_b, GL_FILE_JSON, &keys, &count));
	ck_assert_uint_eq(count, 0);
	/* the format is part of the key: the same blob read as YAML is unknown */
	ck_assert(!gl_key_cache_get(cache, id_b, GL_FILE_YAML, &keys, &count));
	ck_assert_uint_eq(gl_key_cache_hits(cache), 2);
	gl_key_cache_free(cache);
}
END_TEST

/* A tree's listing of grant files comes back as it was put, by tree id. */
START_TEST(test_cache_listing)
{
	static const unsigned char tree[GL_KEY_CACHE_ID_LEN] = { 0x7e, 0xe };
	struct gl_key_cache_file files[2];
	const struct gl_key_cache_file *got;
	struct gl_key_cache *cache;
	struct gl_limits limits;
	size_t count;

	gl_limits_default(&limits);
	memset(files, 0, sizeof(files));
	files[0].path = "grants/a.yaml";
	memcpy(files[0].id, id_a, GL_KEY_CACHE_ID_LEN);
	files[0].mode = 0100644;
	files[1].path = "x.grant.json";
	memcpy(files[1].id, id_b, GL_KEY_CACHE_ID_LEN);
	files[1].mode = 0100755;
	ck_assert_int_eq(gl_key_cache_open(&cache, cache_file, &limits), 0);
	ck_assert(!gl_key_cache_get_listing(cache, tree, &got, &count));
	ck_assert_int_eq(gl_key_cache_put_listing(cache, tree, files, 2), 0);
	ck_assert_int_eq(gl_key_cache_save(cache), 0);
	gl_key_cache_free(cache);
	ck_assert_int_eq(gl_key_cache_open(&cache, cache_file, &limits), 0);
	ck_assert(gl_key_cache_get_listing(cache, tree, &got, &count));
	ck_assert_uint_eq(count, 2);
	ck_assert_str_eq(got[0].path, "grants/a.yaml");
	ck_assert_str_eq(got[1].path, "x.grant.json");
	ck_assert(memcmp(got[1].id, id_b, GL_KEY_CACHE_ID_LEN) == 0);
	ck_assert_uint_eq(got[1].mode, 0100755);
	ck_assert(!gl_key_cache_get_listing(cache, id_a, &got, &count));
	gl_key_cache_free(cache);
}
END_TEST

static void damage(long offset, const char *bytes, size_t n, bool truncate_after)
{
	FILE *f = fopen(cache_file, "r+b");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, offset, offset < 0 ? SEEK_END : SEEK_SET), 0);
	ck_assert_uint_eq(fwrite(bytes, 1, n, f), n);
	if (truncate_after)
		ck_assert_int_eq(ftruncate(fileno(f), ftell(f)), 0);
	fclose(f);
}

/* A damaged, truncated, foreign or mismatched cache is ignored, then rewritten. */
START_TEST(test_cache_never_trusted)
{
	struct gl_limits limits, other;
	struct gl_key_cache *cache;
	char magic[6];
	FILE *f;

	gl_limits_default(&limits);
	write_cache(&limits);
	damage(80, "\x5a", 1, false); /* one byte inside the entries */
	ck_assert_uint_eq(cache_count_after_open(&limits), 0);

	write_cache(&limits);
	damage(-30, "", 0, true); /* cut off */
	ck_assert_uint_eq(cache_count_after_open(&limits), 0);

	write_cache(&limits);
	damage(0, "ApplicationArn: x\n", 18, true); /* someone else's file */
	ck_assert_uint_eq(cache_count_after_open(&limits), 0);

	/* other limits define other keys */
	write_cache(&limits);
	other = limits;
	other.max_file_bytes = 4096;
	ck_assert_uint_eq(cache_count_after_open(&other), 0);
	ck_assert_uint_eq(cache_count_after_open(&limits), 2);

	/* an untrusted file is rewritten on save even with nothing new */
	damage(0, "XX", 2, false);
	ck_assert_int_eq(gl_key_cache_open(&cache, cache_file, &limits), 0);
	ck_assert_int_eq(gl_key_cache_save(cache), 0);
	gl_key_cache_free(cache);
	f = fopen(cache_file, "rb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fread(magic, 1, sizeof(magic), f), sizeof(magic));
	fclose(f);
	ck_assert(memcmp(magic, "GLKEYS", sizeof(magic)) == 0);
}
END_TEST

/*
 * gl_git_source_read: a file's bytes from the mode's source (the index for
 * --staged, the tree otherwise), never from the working tree. The repository
 * is made with the git command.
 */
START_TEST(test_source_read)
{
	struct gl_git_source *src;
	char dir[] = "/tmp/check_git_repo.XXXXXX", cmd[1024];
	char *bytes;
	size_t len;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && export GIT_CONFIG_NOSYSTEM=1 HOME='%s' && git init -q . && "
		 "git config user.name t && git config user.email t@example.com && "
		 "mkdir grants && printf committed > grants/a.yaml && git add . && "
		 "git commit -q -m one && printf staged > grants/a.yaml && git add . && "
		 "printf disk > grants/a.yaml", dir, dir);
	if (system(cmd) != 0) {
		fprintf(stderr, "check_git: git not usable; test_source_read not run\n");
		return;
	}
	ck_assert_int_eq(chdir(dir), 0);
	unsetenv("GIT_DIR");
	unsetenv("GIT_INDEX_FILE");

	ck_assert_int_eq(gl_git_source_open(&src, GL_GIT_STAGED, NULL), 0);
	ck_assert_int_eq(gl_git_source_read(src, "grants/a.yaml", &bytes, &len), 0);
	ck_assert_str_eq(bytes, "staged");
	ck_assert_uint_eq(len, 6);
	free(bytes);
	ck_assert_int_eq(gl_git_source_read(src, "grants/none.yaml", &bytes, &len),
			 GL_GIT_NOT_FOUND);
	ck_assert_ptr_null(bytes);
	ck_assert_int_eq(gl_git_source_read(src, "grants", &bytes, &len), GL_GIT_NOT_FOUND);
	gl_git_source_free(src);

	ck_assert_int_eq(gl_git_source_open(&src, GL_GIT_REV, "HEAD"), 0);
	ck_assert_int_eq(gl_git_source_read(src, "grants/a.yaml", &bytes, &len), 0);
	ck_assert_str_eq(bytes, "committed");
	free(bytes);
	ck_assert_int_eq(gl_git_source_read(src, "grants", &bytes, &len), GL_GIT_NOT_FOUND);
	gl_git_source_free(src);

	ck_assert_int_eq(gl_git_source_open(&src, GL_GIT_CHANGED_SINCE, "HEAD"), 0);
	ck_assert_int_eq(gl_git_source_read(src, "grants/a.yaml", &bytes, &len), 0);
	ck_assert_str_eq(bytes, "committed");
	free(bytes);
	gl_git_source_free(src);

	ck_assert_int_eq(gl_git_source_open(&src, GL_GIT_REV, "no-such-rev"), GL_GIT_ERR_USAGE);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static Suite *git_suite(void)
{
	Suite *s = suite_create("git");
	TCase *run = tcase_create("context keys");
	TCase *cache = tcase_create("key cache");
	TCase *source = tcase_create("git source");

	tcase_add_test(run, test_context_keys_judged_not_reported);
	tcase_add_test(run, test_no_context_keeps_everything);
	suite_add_tcase(s, run);
	tcase_add_checked_fixture(cache, cache_setup, cache_teardown);
	tcase_add_test(cache, test_cache_round_trip);
	tcase_add_test(cache, test_cache_listing);
	tcase_add_test(cache, test_cache_never_trusted);
	suite_add_tcase(s, cache);
	tcase_add_test(source, test_source_read);
	suite_add_tcase(s, source);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(git_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
