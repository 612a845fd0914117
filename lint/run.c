/* run.c - drive a lint run over files from the file tree. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "run.h"
#include "suppress.h"
#include "walk.h"

void gl_run_init(struct gl_run *run, const struct gl_lint_options *opts)
{
	memset(run, 0, sizeof(*run));
	run->opts = *opts;
	gl_diag_list_init(&run->diags);
	gl_grant_keys_init(&run->keys);
}

void gl_run_free(struct gl_run *run)
{
	size_t i;

	if (run == NULL)
		return;
	gl_diag_list_free(&run->diags);
	gl_grant_keys_free(&run->keys);
	for (i = 0; i < run->file_count; i++)
		free(run->files[i].path);
	free(run->files);
	run->files = NULL;
	run->file_count = run->file_cap = 0;
}

static struct gl_run_file *run_add_file(struct gl_run *run, const char *path)
{
	struct gl_run_file *f;

	if (run->file_count == run->file_cap) {
		size_t cap = run->file_cap ? run->file_cap * 2 : 64;
		struct gl_run_file *files = realloc(run->files, cap * sizeof(*files));

		if (files == NULL)
			return NULL;
		run->files = files;
		run->file_cap = cap;
	}
	f = &run->files[run->file_count];
	memset(f, 0, sizeof(*f));
	f->path = strdup(path);
	if (f->path == NULL)
		return NULL;
	run->file_count++;
	return f;
}

static int run_take(struct gl_run *run, struct gl_run_file *file, struct gl_file_result *res)
{
	int rc = 0;

	file->documents = res->documents;
	if (gl_diag_list_take(&run->diags, &res->diags) < 0 ||
	    gl_grant_keys_take(&run->keys, &res->keys) < 0)
		rc = -1;
	gl_file_result_free(res);
	return rc;
}

/*
 * The options for one file: the run's, or its configuration's. Returns 0 to
 * lint, 1 to leave the file out (excluded, or its configuration is invalid),
 * -1 out of memory; res is filled either way (free it).
 */
static int run_file_options(struct gl_run *run, const char *path, struct gl_lint_options *opts,
			    struct gl_config_resolved *res)
{
	*opts = run->opts;
	memset(res, 0, sizeof(*res));
	if (run->configs == NULL)
		return 0;
	if (gl_config_set_resolve(run->configs, path, res) < 0)
		return -1;
	if (res->invalid)
		return 1;
	if (res->excluded) {
		__atomic_add_fetch(&run->excluded, 1, __ATOMIC_RELAXED); /* files may be linted on several threads */
		return 1;
	}
	if (res->config != NULL) {
		opts->config = res->config;
		opts->enabled = res->config->enabled;
		opts->severity = res->config->severity;
		opts->limits = res->config->limits;
	}
	return 0;
}

static int run_lint_resolved(struct gl_run *run, const char *path, const char *bytes, size_t len,
			     const struct gl_lint_options *opts,
			     const struct gl_config_resolved *conf)
{
	struct gl_run_file *file = run_add_file(run, path);
	struct gl_file_result res;
	int rc;

	if (file == NULL)
		return -1;
	gl_file_result_init(&res);
	rc = gl_lint_buffer(opts, path, bytes, len, &res);
	if (rc == 0)
		rc = gl_suppress_apply(opts, conf, path, bytes, len, &res.diags, 0);
	if (run_take(run, file, &res) < 0)
		rc = -1;
	return rc;
}

static int run_too_large(struct gl_run *run, const char *path, size_t size,
			 const struct gl_lint_options *opts)
{
	struct gl_run_file *file = run_add_file(run, path);
	struct gl_file_result res;
	int rc;

	if (file == NULL)
		return -1;
	gl_file_result_init(&res);
	rc = gl_lint_too_large(opts, path, size, &res);
	if (run_take(run, file, &res) < 0)
		rc = -1;
	return rc;
}

int gl_run_lint_bytes(struct gl_run *run, const char *path, const char *bytes, size_t len)
{
	struct gl_lint_options opts;
	struct gl_config_resolved conf;
	int rc = run_file_options(run, path, &opts, &conf);

	if (rc == 0)
		rc = run_lint_resolved(run, path, bytes, len, &opts, &conf);
	gl_config_resolved_free(&conf);
	return rc < 0 ? -1 : 0;
}

int gl_run_lint_too_large(struct gl_run *run, const char *path, size_t size)
{
	struct gl_lint_options opts;
	struct gl_config_resolved conf;
	int rc = run_file_options(run, path, &opts, &conf);

	if (rc == 0)
		rc = run_too_large(run, path, size, &opts);
	gl_config_resolved_free(&conf);
	return rc < 0 ? -1 : 0;
}

static void run_read_error(struct gl_run *run, const char *path, int err)
{
	fprintf(stderr, "grantlint: cannot read '%s': %s\n", path, strerror(err));
	run->read_errors++;
}

/* Read and lint one file; never reads more than the size limit. */
static int run_lint_file(struct gl_run *run, const char *path)
{
	struct gl_lint_options opts;
	struct gl_config_resolved conf;
	struct stat st;
	char *buf = NULL;
	size_t got = 0;
	int fd = -1, rc;

	rc = run_file_options(run, path, &opts, &conf);
	if (rc != 0) {
		gl_config_resolved_free(&conf);
		return rc < 0 ? -1 : 0;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		run_read_error(run, path, errno);
		goto done;
	}
	if (fstat(fd, &st) < 0) {
		run_read_error(run, path, errno);
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		run_read_error(run, path, S_ISDIR(st.st_mode) ? EISDIR : EINVAL);
		goto done;
	}
	if ((size_t)st.st_size > opts.limits.max_file_bytes) {
		rc = run_too_large(run, path, (size_t)st.st_size, &opts);
		goto done;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf == NULL) {
		rc = -1;
		goto done;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			run_read_error(run, path, errno);
			goto done;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
	rc = run_lint_resolved(run, path, buf, got, &opts, &conf);
done:
	free(buf);
	if (fd >= 0)
		close(fd);
	gl_config_resolved_free(&conf);
	return rc;
}

static int walk_visit(void *arg, const char *path)
{
	return run_lint_file(arg, path);
}

int gl_run_add_path(struct gl_run *run, const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		run_read_error(run, path, errno);
		return 0;
	}
	if (S_ISDIR(st.st_mode)) {
		int rc = gl_walk(path, walk_visit, run);

		if (rc < 0 && errno != ENOMEM) {
			run_read_error(run, path, errno);
			return 0;
		}
		return rc;
	}
	return run_lint_file(run, path);
}

int gl_run_add_context_keys(struct gl_run *run, struct gl_grant_keys *keys)
{
	size_t i, count = keys->count;

	for (i = 0; i < count; i++)
		keys->items[i].context = true;
	if (gl_grant_keys_take(&run->keys, keys) < 0)
		return -1;
	run->context_keys += count;
	return 0;
}

static int compare_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * With context keys, checks across files may find something in a file that
 * was not linted; keep only the findings on linted paths.
 */
static int run_keep_linted_diags(struct gl_run *run)
{
	char **paths = malloc((run->file_count ? run->file_count : 1) * sizeof(*paths));
	size_t i, kept = 0;

	if (paths == NULL)
		return -1;
	for (i = 0; i < run->file_count; i++)
		paths[i] = run->files[i].path;
	qsort(paths, run->file_count, sizeof(*paths), compare_paths);
	for (i = 0; i < run->diags.count; i++) {
		struct gl_diag *d = &run->diags.items[i];

		if (bsearch(&d->path, paths, run->file_count, sizeof(*paths), compare_paths)) {
			run->diags.items[kept++] = *d;
			continue;
		}
		free(d->path);
		free(d->message);
		free(d->pointer);
		free(d->line_text);
	}
	run->diags.count = kept;
	free(paths);
	return 0;
}

int gl_run_finish(struct gl_run *run)
{
	size_t i, from = run->diags.count;

	if (gl_lint_finish(&run->opts, &run->keys, &run->diags) < 0 ||
	    gl_suppress_cross_file(run->configs, &run->diags, from) < 0 ||
	    gl_suppress_finish(run->configs, run->opts.enabled, &run->diags) < 0)
		return -1;
	if (run->context_keys > 0 && run_keep_linted_diags(run) < 0)
		return -1;
	gl_diag_list_sort(&run->diags);
	run->errors = run->warnings = run->infos = 0;
	for (i = 0; i < run->diags.count; i++) {
		switch (run->diags.items[i].severity) {
		case GL_SEV_ERROR:
			run->errors++;
			break;
		case GL_SEV_WARNING:
			run->warnings++;
			break;
		case GL_SEV_INFO:
			run->infos++;
			break;
		}
	}
	return 0;
}
