/* source_git.c - read grant files from the git index or a tree with libgit2. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>
#include <pthread.h>

#include "arena.h"
#include "config.h"
#include "dynlib.h"
#include "engine.h"
#include "key_cache.h"
#include "source_git.h"
#include "walk.h"

/*
 * libgit2 is loaded on first use (lint/dynlib.h): a run that never touches
 * it does not pay for loading it and the libraries it pulls in. Every
 * function this module calls goes through gl_git2, filled by git2_load().
 */
#define GL_GIT2_FUNCTIONS(X) \
	X(git_buf_dispose) \
	X(git_commit_free) \
	X(git_commit_lookup) \
	X(git_commit_tree) \
	X(git_config_free) \
	X(git_config_get_path) \
	X(git_error_last) \
	X(git_index_entrycount) \
	X(git_index_free) \
	X(git_index_get_byindex) \
	X(git_index_get_bypath) \
	X(git_index_open) \
	X(git_libgit2_init) \
	X(git_libgit2_opts) \
	X(git_libgit2_shutdown) \
	X(git_merge_base) \
	X(git_object_free) \
	X(git_object_id) \
	X(git_object_peel) \
	X(git_odb_free) \
	X(git_odb_object_data) \
	X(git_odb_object_free) \
	X(git_odb_object_size) \
	X(git_odb_read) \
	X(git_odb_read_header) \
	X(git_oid_fromraw) \
	X(git_repository_commondir) \
	X(git_repository_config_snapshot) \
	X(git_repository_free) \
	X(git_repository_head_unborn) \
	X(git_repository_index) \
	X(git_repository_is_bare) \
	X(git_repository_odb) \
	X(git_repository_open_ext) \
	X(git_repository_path) \
	X(git_repository_workdir) \
	X(git_revparse_single) \
	X(git_tree_entry_bypath) \
	X(git_tree_entry_filemode) \
	X(git_tree_entry_free) \
	X(git_tree_entry_id) \
	X(git_tree_entry_name) \
	X(git_tree_entry_type) \
	X(git_tree_free) \
	X(git_tree_id) \
	X(git_tree_walk)

static struct {
#define X(name) __typeof__(&name) name;
	GL_GIT2_FUNCTIONS(X)
#undef X
} gl_git2;

static pthread_once_t gl_git2_once = PTHREAD_ONCE_INIT;
static int gl_git2_rc = -1;
static char gl_git2_error[256];

static void gl_git2_resolve(void)
{
	static const struct gl_dynlib_symbol symbols[] = {
#define X(name) { #name, (void **)&gl_git2.name },
		GL_GIT2_FUNCTIONS(X)
#undef X
	};

	gl_git2_rc = gl_dynlib_load(GL_LIBGIT2_SONAME, symbols, sizeof(symbols) / sizeof(symbols[0]),
				   gl_git2_error, sizeof(gl_git2_error));
}

/* Load libgit2 once; returns 0, or -1 with the reason in gl_git2_error. */
static int git2_load(void)
{
	pthread_once(&gl_git2_once, gl_git2_resolve);
	return gl_git2_rc;
}

#undef git_buf_dispose
#define git_buf_dispose (gl_git2.git_buf_dispose)
#undef git_commit_free
#define git_commit_free (gl_git2.git_commit_free)
#undef git_commit_lookup
#define git_commit_lookup (gl_git2.git_commit_lookup)
#undef git_commit_tree
#define git_commit_tree (gl_git2.git_commit_tree)
#undef git_config_free
#define git_config_free (gl_git2.git_config_free)
#undef git_config_get_path
#define git_config_get_path (gl_git2.git_config_get_path)
#undef git_error_last
#define git_error_last (gl_git2.git_error_last)
#undef git_index_entrycount
#define git_index_entrycount (gl_git2.git_index_entrycount)
#undef git_index_free
#define git_index_free (gl_git2.git_index_free)
#undef git_index_get_byindex
#define git_index_get_byindex (gl_git2.git_index_get_byindex)
#undef git_index_get_bypath
#define git_index_get_bypath (gl_git2.git_index_get_bypath)
#undef git_index_open
#define git_index_open (gl_git2.git_index_open)
#undef git_libgit2_init
#define git_libgit2_init (gl_git2.git_libgit2_init)
#undef git_libgit2_opts
#define git_libgit2_opts (gl_git2.git_libgit2_opts)
#undef git_libgit2_shutdown
#define git_libgit2_shutdown (gl_git2.git_libgit2_shutdown)
#undef git_merge_base
#define git_merge_base (gl_git2.git_merge_base)
#undef git_object_free
#define git_object_free (gl_git2.git_object_free)
#undef git_object_id
#define git_object_id (gl_git2.git_object_id)
#undef git_object_peel
#define git_object_peel (gl_git2.git_object_peel)
#undef git_odb_free
#define git_odb_free (gl_git2.git_odb_free)
#undef git_odb_object_data
#define git_odb_object_data (gl_git2.git_odb_object_data)
#undef git_odb_object_free
#define git_odb_object_free (gl_git2.git_odb_object_free)
#undef git_odb_object_size
#define git_odb_object_size (gl_git2.git_odb_object_size)
#undef git_odb_read
#define git_odb_read (gl_git2.git_odb_read)
#undef git_odb_read_header
#define git_odb_read_header (gl_git2.git_odb_read_header)
#undef git_oid_fromraw
#define git_oid_fromraw (gl_git2.git_oid_fromraw)
#undef git_repository_commondir
#define git_repository_commondir (gl_git2.git_repository_commondir)
#undef git_repository_config_snapshot
#define git_repository_config_snapshot (gl_git2.git_repository_config_snapshot)
#undef git_repository_free
#define git_repository_free (gl_git2.git_repository_free)
#undef git_repository_head_unborn
#define git_repository_head_unborn (gl_git2.git_repository_head_unborn)
#undef git_repository_index
#define git_repository_index (gl_git2.git_repository_index)
#undef git_repository_is_bare
#define git_repository_is_bare (gl_git2.git_repository_is_bare)
#undef git_repository_odb
#define git_repository_odb (gl_git2.git_repository_odb)
#undef git_repository_open_ext
#define git_repository_open_ext (gl_git2.git_repository_open_ext)
#undef git_repository_path
#define git_repository_path (gl_git2.git_repository_path)
#undef git_repository_workdir
#define git_repository_workdir (gl_git2.git_repository_workdir)
#undef git_revparse_single
#define git_revparse_single (gl_git2.git_revparse_single)
#undef git_tree_entry_bypath
#define git_tree_entry_bypath (gl_git2.git_tree_entry_bypath)
#undef git_tree_entry_filemode
#define git_tree_entry_filemode (gl_git2.git_tree_entry_filemode)
#undef git_tree_entry_free
#define git_tree_entry_free (gl_git2.git_tree_entry_free)
#undef git_tree_entry_id
#define git_tree_entry_id (gl_git2.git_tree_entry_id)
#undef git_tree_entry_name
#define git_tree_entry_name (gl_git2.git_tree_entry_name)
#undef git_tree_entry_type
#define git_tree_entry_type (gl_git2.git_tree_entry_type)
#undef git_tree_free
#define git_tree_free (gl_git2.git_tree_free)
#undef git_tree_id
#define git_tree_id (gl_git2.git_tree_id)
#undef git_tree_walk
#define git_tree_walk (gl_git2.git_tree_walk)

#define CACHE_FILE "grantlint/keys-v1"

struct gl_git_source {
	git_repository *repo;
	git_odb *odb;
	enum gl_git_mode mode;
	git_index *index;    /* --staged: what is about to be committed */
	git_tree *tree;      /* --rev: REV's tree; --changed-since: HEAD's tree */
	git_tree *previous;  /* what the linted files are compared with: HEAD's tree
				for --staged (NULL before the first commit), the
				merge base's for --changed-since, NULL for --rev */
};

/* The grant files of a tree or the index, sorted by path. */
struct git_files {
	const struct gl_key_cache_file *items;
	struct gl_key_cache_file *owned; /* items when not borrowed from the cache */
	size_t count, cap;
	struct gl_arena paths;
	bool failed; /* out of memory while collecting */
};

static const char *git_message(void)
{
	const git_error *e = git_error_last();

	return e != NULL && e->message != NULL ? e->message : "unknown error";
}

/* An error of libgit2: explain it and say whether it was a usage error. */
static int git_failure(int usage, const char *what, const char *arg)
{
	if (arg != NULL)
		fprintf(stderr, "grantlint: %s '%s': %s\n", what, arg, git_message());
	else
		fprintf(stderr, "grantlint: %s: %s\n", what, git_message());
	return usage ? GL_GIT_ERR_USAGE : GL_GIT_ERR_READ;
}

/*
 * Open the repository around the current folder the way git does: $GIT_DIR
 * when set, else the nearest folder upwards that is one (stopping at
 * $GIT_CEILING_DIRECTORIES). who names the option, for the message.
 * Returns 0, GL_GIT_ERR_USAGE or GL_GIT_ERR_READ.
 */
static int repository_open(git_repository **out, const char *who)
{
	const char *git_dir = getenv("GIT_DIR");
	int rc;

	if (git_dir != NULL && git_dir[0] != '\0')
		rc = git_repository_open_ext(out, git_dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	else
		rc = git_repository_open_ext(out, ".", 0, getenv("GIT_CEILING_DIRECTORIES"));
	if (rc == GIT_ENOTFOUND) {
		fprintf(stderr, "grantlint: %s reads from git, but %s is not in a git "
				"repository\n", who,
			git_dir != NULL && git_dir[0] != '\0' ? git_dir : "the current folder");
		return GL_GIT_ERR_USAGE;
	}
	if (rc < 0)
		return git_failure(0, "cannot open the git repository", NULL);
	return 0;
}

static bool is_regular_blob(uint32_t mode)
{
	return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

static void files_init(struct git_files *files)
{
	memset(files, 0, sizeof(*files));
	gl_arena_init(&files->paths);
}

static void files_push(struct git_files *files, const char *path, size_t len,
		       const git_oid *id, uint32_t mode)
{
	struct gl_key_cache_file *f;

	if (files->failed)
		return;
	if (files->count == files->cap) {
		size_t cap = files->cap ? files->cap * 2 : 256;
		struct gl_key_cache_file *items = realloc(files->owned, cap * sizeof(*items));

		if (items == NULL) {
			files->failed = true;
			return;
		}
		files->items = files->owned = items;
		files->cap = cap;
	}
	f = &files->owned[files->count];
	f->path = gl_arena_strndup(&files->paths, path, len);
	if (f->path == NULL) {
		files->failed = true;
		return;
	}
	memcpy(f->id, id->id, GL_KEY_CACHE_ID_LEN);
	f->mode = mode;
	files->count++;
}

static void files_free(struct git_files *files)
{
	free(files->owned);
	gl_arena_free(&files->paths);
	files_init(files);
}

static int compare_files(const void *a, const void *b)
{
	return strcmp(((const struct gl_key_cache_file *)a)->path,
		      ((const struct gl_key_cache_file *)b)->path);
}

/* Sort by path; the index and remembered listings already are. */
static void files_sort(struct git_files *files)
{
	size_t i;

	for (i = 1; i < files->count; i++)
		if (strcmp(files->owned[i - 1].path, files->owned[i].path) > 0) {
			qsort(files->owned, files->count, sizeof(*files->owned), compare_files);
			return;
		}
}

struct tree_walk {
	struct git_files *files;
	char path[4096];
};

static int tree_walk_visit(const char *root, const git_tree_entry *entry, void *arg)
{
	struct tree_walk *w = arg;
	const char *name = git_tree_entry_name(entry);
	size_t lr = strlen(root), ln = strlen(name);

	/* Submodules (commits) and symbolic links are skipped; folders descended. */
	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB ||
	    !is_regular_blob(git_tree_entry_filemode(entry)))
		return 0;
	if (lr + ln >= sizeof(w->path))
		return 0; /* no grant file has a path that long; git allows it */
	memcpy(w->path, root, lr);
	memcpy(w->path + lr, name, ln + 1);
	if (gl_walk_is_grant_file(w->path))
		files_push(w->files, w->path, lr + ln, git_tree_entry_id(entry),
			   git_tree_entry_filemode(entry));
	return w->files->failed ? -1 : 0;
}

/*
 * Every grant file of tree, sorted by path: remembered in cache (when not
 * NULL) by tree id, else walked and remembered. Returns 0, GL_GIT_ERR_READ or -1.
 */
static int files_of_tree(struct git_files *out, git_tree *tree, struct gl_key_cache *cache)
{
	const unsigned char *tree_id = git_tree_id(tree)->id;
	struct tree_walk w;
	int rc;

	if (cache != NULL && gl_key_cache_get_listing(cache, tree_id, &out->items, &out->count))
		return 0;
	w.files = out;
	rc = git_tree_walk(tree, GIT_TREEWALK_PRE, tree_walk_visit, &w);
	if (out->failed)
		return -1;
	if (rc < 0)
		return git_failure(0, "cannot read a tree", NULL);
	files_sort(out);
	if (cache != NULL)
		return gl_key_cache_put_listing(cache, tree_id, out->items, out->count);
	return 0;
}

/* Every grant file of the index (merged entries only), sorted by path. */
static int files_of_index(struct git_files *out, git_index *index)
{
	size_t i, n = git_index_entrycount(index);

	for (i = 0; i < n && !out->failed; i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);

		if (e == NULL || GIT_INDEX_ENTRY_STAGE(e) != 0 || !is_regular_blob(e->mode) ||
		    !gl_walk_is_grant_file(e->path))
			continue;
		files_push(out, e->path, strlen(e->path), &e->id, e->mode);
	}
	if (out->failed)
		return -1;
	files_sort(out);
	return 0;
}

/* Resolve spec to an object of type (a commit or a tree). */
static int revision_peel(git_object **out, git_repository *repo, const char *spec,
			 git_object_t type, const char *option)
{
	git_object *obj = NULL;
	int rc = git_revparse_single(&obj, repo, spec);

	if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS || rc == GIT_EINVALIDSPEC) {
		fprintf(stderr, "grantlint: %s: unknown revision '%s' in this repository\n",
			option, spec);
		return GL_GIT_ERR_USAGE;
	}
	if (rc < 0)
		return git_failure(0, "cannot resolve revision", spec);
	rc = git_object_peel(out, obj, type);
	git_object_free(obj);
	if (rc < 0) {
		fprintf(stderr, "grantlint: %s: '%s' does not name a %s\n", option, spec,
			type == GIT_OBJECT_COMMIT ? "commit" : "tree");
		return GL_GIT_ERR_USAGE;
	}
	return 0;
}

static int open_staged(struct gl_git_source *src)
{
	const char *index_file = getenv("GIT_INDEX_FILE");
	git_object *head = NULL;
	int rc;

	if (index_file != NULL && index_file[0] != '\0')
		rc = git_index_open(&src->index, index_file);
	else if (git_repository_is_bare(src->repo)) {
		fprintf(stderr, "grantlint: --staged: %s is a bare repository, which has no "
				"index; use --rev REV to lint a revision\n",
			git_repository_path(src->repo));
		return GL_GIT_ERR_USAGE;
	} else
		rc = git_repository_index(&src->index, src->repo);
	if (rc < 0)
		return git_failure(0, "cannot read the git index", index_file);
	rc = git_repository_head_unborn(src->repo);
	if (rc == 1)
		return 0; /* before the first commit, every staged file is new */
	if (rc < 0)
		return git_failure(0, "cannot read HEAD", NULL);
	rc = revision_peel(&head, src->repo, "HEAD", GIT_OBJECT_TREE, "--staged");
	src->previous = (git_tree *)head;
	return rc;
}

static int open_changed_since(struct gl_git_source *src, const char *base)
{
	git_object *base_commit = NULL, *head = NULL;
	git_commit *merge_base = NULL;
	git_oid merge_base_id;
	int rc;

	if (git_repository_head_unborn(src->repo) == 1) {
		fprintf(stderr, "grantlint: --changed-since: HEAD has no commit yet\n");
		return GL_GIT_ERR_USAGE;
	}
	rc = revision_peel(&base_commit, src->repo, base, GIT_OBJECT_COMMIT, "--changed-since");
	if (rc == 0)
		rc = revision_peel(&head, src->repo, "HEAD", GIT_OBJECT_COMMIT, "--changed-since");
	if (rc < 0)
		goto done;
	rc = git_merge_base(&merge_base_id, src->repo, git_object_id(base_commit),
			    git_object_id(head));
	if (rc == GIT_ENOTFOUND) {
		fprintf(stderr, "grantlint: --changed-since: '%s' and HEAD have no common "
				"ancestor\n", base);
		rc = GL_GIT_ERR_USAGE;
		goto done;
	}
	if (rc < 0 || git_commit_lookup(&merge_base, src->repo, &merge_base_id) < 0 ||
	    git_commit_tree(&src->previous, merge_base) < 0 ||
	    git_commit_tree(&src->tree, (git_commit *)head) < 0) {
		rc = git_failure(0, "--changed-since: cannot find the merge base", base);
		goto done;
	}
	rc = 0;
done:
	git_commit_free(merge_base);
	git_object_free(base_commit);
	git_object_free(head);
	return rc;
}

int gl_git_source_open(struct gl_git_source **out, enum gl_git_mode mode, const char *rev)
{
	struct gl_git_source *src;
	git_object *tree = NULL;
	int rc;

	*out = NULL;
	if (git2_load() < 0) {
		fprintf(stderr, "grantlint: the git modes need libgit2: %s\n", gl_git2_error);
		return GL_GIT_ERR_READ;
	}
	if (git_libgit2_init() < 0)
		return git_failure(0, "cannot start libgit2", NULL);
	/* Like git, trust the object database's ids instead of rehashing every object read. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	src = calloc(1, sizeof(*src));
	if (src == NULL) {
		git_libgit2_shutdown();
		return -1;
	}
	src->mode = mode;
	rc = repository_open(&src->repo, mode == GL_GIT_STAGED ? "--staged"
					 : mode == GL_GIT_REV ? "--rev" : "--changed-since");
	if (rc == 0 && git_repository_odb(&src->odb, src->repo) < 0)
		rc = git_failure(0, "cannot open the object database", NULL);
	if (rc < 0)
		goto done;
	switch (mode) {
	case GL_GIT_STAGED:
		rc = open_staged(src);
		break;
	case GL_GIT_REV:
		rc = revision_peel(&tree, src->repo, rev, GIT_OBJECT_TREE, "--rev");
		src->tree = (git_tree *)tree;
		break;
	case GL_GIT_CHANGED_SINCE:
		rc = open_changed_since(src, rev);
		break;
	}
done:
	if (rc < 0) {
		gl_git_source_free(src);
		return rc;
	}
	*out = src;
	return 0;
}

void gl_git_source_free(struct gl_git_source *src)
{
	if (src == NULL)
		return;
	git_tree_free(src->tree);
	git_tree_free(src->previous);
	git_index_free(src->index);
	git_odb_free(src->odb);
	git_repository_free(src->repo);
	free(src);
	git_libgit2_shutdown();
}

static void blob_read_error(struct gl_run *run, const char *path)
{
	fprintf(stderr, "grantlint: cannot read '%s' from git: %s\n", path, git_message());
	run->read_errors++;
}

/*
 * Read a blob unless it is over the size limit: *obj NULL and *size set when
 * it is. Returns 0, or a libgit2 error.
 */
static int blob_read(git_odb_object **obj, size_t *size, git_odb *odb,
		     const unsigned char *raw_id, size_t limit)
{
	git_object_t type;
	git_oid id;
	int rc;

	*obj = NULL;
	git_oid_fromraw(&id, raw_id);
	rc = git_odb_read_header(size, &type, odb, &id);
	if (rc < 0 || *size > limit)
		return rc;
	return git_odb_read(obj, odb, &id);
}

/* Lint one file of the mode, and remember what it defines in the cache. */
static int lint_file(struct gl_git_source *src, struct gl_run *run, struct gl_key_cache *cache,
		     const struct gl_key_cache_file *f)
{
	git_odb_object *obj;
	size_t size, keys_from = run->keys.count;
	int rc;

	if (blob_read(&obj, &size, src->odb, f->id, run->opts.limits.max_file_bytes) < 0) {
		blob_read_error(run, f->path);
		return 0;
	}
	if (obj == NULL)
		rc = gl_run_lint_too_large(run, f->path, size);
	else
		rc = gl_run_lint_bytes(run, f->path, git_odb_object_data(obj), size);
	git_odb_object_free(obj);
	if (rc == 0 && cache != NULL)
		rc = gl_key_cache_put(cache, f->id, (int)gl_file_format_of(f->path),
				      run->keys.items + keys_from, run->keys.count - keys_from);
	return rc;
}

/*
 * The keys a blob defines, from the cache or else by loading it (no rule
 * runs: only what it defines is wanted) and remembering them.
 */
static int context_keys_of(struct gl_git_source *src, const struct gl_run *run,
			   struct gl_key_cache *cache, const struct gl_key_cache_file *f,
			   const struct gl_key_cache_key **keys, size_t *count)
{
	int format = (int)gl_file_format_of(f->path);
	struct gl_lint_options opts = run->opts;
	struct gl_file_result res;
	git_odb_object *obj;
	bool *none;
	size_t size;
	int rc;

	if (gl_key_cache_get(cache, f->id, format, keys, count))
		return 0;
	if (blob_read(&obj, &size, src->odb, f->id, run->opts.limits.max_file_bytes) < 0)
		return git_failure(0, "cannot read from git", f->path);
	none = calloc(gl_rules_count ? gl_rules_count : 1, sizeof(*none));
	if (none == NULL) {
		git_odb_object_free(obj);
		return -1;
	}
	opts.enabled = none;
	gl_file_result_init(&res);
	rc = 0;
	if (obj != NULL)
		rc = gl_lint_buffer(&opts, f->path, git_odb_object_data(obj), size, &res);
	if (rc == 0)
		rc = gl_key_cache_put(cache, f->id, format, res.keys.items, res.keys.count);
	gl_file_result_free(&res);
	git_odb_object_free(obj);
	free(none);
	if (rc == 0 && !gl_key_cache_get(cache, f->id, format, keys, count))
		rc = -1;
	return rc;
}

static int keys_push(struct gl_grant_keys *keys, const char *path,
		     const struct gl_key_cache_key *k)
{
	struct gl_grant_key *key;

	if (keys->count == keys->cap) {
		size_t cap = keys->cap ? keys->cap * 2 : 256;
		struct gl_grant_key *items = realloc(keys->items, cap * sizeof(*items));

		if (items == NULL)
			return -1;
		keys->items = items;
		keys->cap = cap;
	}
	key = &keys->items[keys->count];
	memset(key, 0, sizeof(*key));
	key->application_arn = strdup(k->application_arn);
	key->grant_type = strdup(k->grant_type);
	key->path = strdup(path);
	key->document = k->document;
	key->start = k->start;
	key->end = k->end;
	if (key->application_arn == NULL || key->grant_type == NULL || key->path == NULL) {
		free(key->application_arn);
		free(key->grant_type);
		free(key->path);
		return -1;
	}
	keys->count++;
	return 0;
}

static char *cache_file_of(git_repository *repo)
{
	const char *dir = git_repository_commondir(repo);
	size_t ld = strlen(dir);
	char *file = malloc(ld + sizeof(CACHE_FILE) + 1);

	if (file == NULL)
		return NULL;
	memcpy(file, dir, ld);
	if (ld > 0 && dir[ld - 1] != '/')
		file[ld++] = '/';
	memcpy(file + ld, CACHE_FILE, sizeof(CACHE_FILE));
	return file;
}

/* True when previous holds f unchanged (same blob and mode at the same path). */
static bool files_unchanged(const struct git_files *previous, size_t *cursor,
			    const struct gl_key_cache_file *f)
{
	while (*cursor < previous->count && strcmp(previous->items[*cursor].path, f->path) < 0)
		(*cursor)++;
	if (*cursor >= previous->count)
		return false;
	return strcmp(previous->items[*cursor].path, f->path) == 0 &&
	       memcmp(previous->items[*cursor].id, f->id, GL_KEY_CACHE_ID_LEN) == 0 &&
	       previous->items[*cursor].mode == f->mode;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The ApplicationArns of the requests linted so far, sorted (pointers into
 * run->keys). Returns 0, or -1 out of memory.
 */
static int linted_arns(const char ***out, size_t *count, const struct gl_run *run)
{
	size_t i;

	*count = 0;
	*out = malloc((run->keys.count ? run->keys.count : 1) * sizeof(**out));
	if (*out == NULL)
		return -1;
	for (i = 0; i < run->keys.count; i++)
		if (!run->keys.items[i].context)
			(*out)[(*count)++] = run->keys.items[i].application_arn;
	qsort(*out, *count, sizeof(**out), compare_strings);
	return 0;
}

int gl_git_source_lint(struct gl_git_source *src, struct gl_run *run)
{
	struct git_files current, previous;
	struct gl_grant_keys context;
	struct gl_key_cache *cache = NULL;
	char *cache_file = NULL;
	bool *unchanged = NULL;
	const char **arns = NULL;
	size_t i, k, cursor = 0, arn_count = 0;
	int rc = 0;

	files_init(&current);
	files_init(&previous);
	gl_grant_keys_init(&context);
	/* --rev lints every file: nothing is left to judge against, no cache. */
	if (src->mode != GL_GIT_REV) {
		cache_file = cache_file_of(src->repo);
		if (cache_file == NULL ||
		    gl_key_cache_open(&cache, cache_file, &run->opts.limits) < 0) {
			rc = -1;
			goto done;
		}
	}
	rc = src->index != NULL ? files_of_index(&current, src->index)
				: files_of_tree(&current, src->tree, cache);
	if (rc == 0 && src->previous != NULL)
		rc = files_of_tree(&previous, src->previous, cache);
	if (rc < 0)
		goto done;
	unchanged = calloc(current.count ? current.count : 1, sizeof(*unchanged));
	if (unchanged == NULL) {
		rc = -1;
		goto done;
	}
	for (i = 0; i < current.count && rc == 0; i++) {
		unchanged[i] = src->mode != GL_GIT_REV &&
			       files_unchanged(&previous, &cursor, &current.items[i]);
		if (!unchanged[i])
			rc = lint_file(src, run, cache, &current.items[i]);
	}
	if (rc == 0)
		rc = linted_arns(&arns, &arn_count, run);
	/* Only what could conflict with a linted request joins as context. */
	for (i = 0; i < current.count && rc == 0 && arn_count > 0; i++) {
		const struct gl_key_cache_key *keys;
		size_t count;

		if (!unchanged[i])
			continue;
		rc = context_keys_of(src, run, cache, &current.items[i], &keys, &count);
		for (k = 0; rc == 0 && k < count; k++)
			if (bsearch(&keys[k].application_arn, arns, arn_count, sizeof(*arns),
				    compare_strings))
				rc = keys_push(&context, current.items[i].path, &keys[k]);
	}
	if (rc == 0)
		rc = gl_run_add_context_keys(run, &context);
	if (rc == 0 && cache != NULL)
		(void)gl_key_cache_save(cache); /* a cache that cannot be written is rebuilt next time */
done:
	free(unchanged);
	free(arns);
	files_free(&current);
	files_free(&previous);
	gl_key_cache_free(cache);
	free(cache_file);
	gl_grant_keys_free(&context);
	return rc;
}

int gl_git_source_read(struct gl_git_source *src, const char *path, char **out, size_t *len)
{
	git_tree_entry *entry = NULL;
	const git_oid *id = NULL;
	git_odb_object *obj = NULL;
	int rc;

	*out = NULL;
	*len = 0;
	if (src->index != NULL) {
		const git_index_entry *e = git_index_get_bypath(src->index, path, 0);

		if (e != NULL && is_regular_blob(e->mode))
			id = &e->id;
	} else if (git_tree_entry_bypath(&entry, src->tree, path) == 0 &&
		   is_regular_blob(git_tree_entry_filemode(entry))) {
		id = git_tree_entry_id(entry);
	}
	if (id == NULL) {
		rc = GL_GIT_NOT_FOUND;
		goto done;
	}
	if (git_odb_read(&obj, src->odb, id) < 0) {
		rc = git_failure(0, "cannot read from git", path);
		goto done;
	}
	*len = git_odb_object_size(obj);
	*out = malloc(*len + 1);
	if (*out == NULL) {
		rc = -1;
		goto done;
	}
	memcpy(*out, git_odb_object_data(obj), *len);
	(*out)[*len] = '\0';
	rc = 0;
done:
	git_odb_object_free(obj);
	git_tree_entry_free(entry);
	return rc;
}

int gl_git_hooks_dir(char **out)
{
	git_repository *repo = NULL;
	git_config *config = NULL;
	git_buf hooks_path = { 0 };
	const char *base;
	int rc;

	*out = NULL;
	if (git2_load() < 0) {
		fprintf(stderr, "grantlint: the git modes need libgit2: %s\n", gl_git2_error);
		return GL_GIT_ERR_READ;
	}
	if (git_libgit2_init() < 0)
		return git_failure(0, "cannot start libgit2", NULL);
	rc = repository_open(&repo, "install-hook");
	if (rc < 0)
		goto done;
	if (git_repository_config_snapshot(&config, repo) < 0) {
		rc = git_failure(0, "cannot read the git configuration", NULL);
		goto done;
	}
	rc = git_config_get_path(&hooks_path, config, "core.hooksPath");
	if (rc == 0 && hooks_path.ptr[0] != '\0') {
		/* git runs hooks from the working tree root (the git dir when bare) */
		base = hooks_path.ptr[0] == '/' ? "" : git_repository_workdir(repo);
		if (base == NULL)
			base = git_repository_path(repo);
		*out = malloc(strlen(base) + strlen(hooks_path.ptr) + 1);
		if (*out != NULL)
			sprintf(*out, "%s%s", base, hooks_path.ptr);
	} else {
		base = git_repository_commondir(repo);
		*out = malloc(strlen(base) + sizeof("hooks") + 1);
		if (*out != NULL)
			sprintf(*out, "%s%shooks", base,
				base[0] != '\0' && base[strlen(base) - 1] == '/' ? "" : "/");
	}
	rc = *out != NULL ? 0 : -1;
done:
	git_buf_dispose(&hooks_path);
	git_config_free(config);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return rc;
}
