/* run.c - drive a lint run over files from the file tree. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run.h"
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
	size_t i;
	int rc = 0;

	file->documents = res->documents;
	/* Keys borrow their path: from now on, the run's copy. */
	for (i = 0; i < res->keys.count; i++)
		res->keys.items[i].path = file->path;
	if (gl_diag_list_take(&run->diags, &res->diags) < 0 ||
	    gl_grant_keys_take(&run->keys, &res->keys) < 0)
		rc = -1;
	gl_file_result_free(res);
	return rc;
}

int gl_run_lint_bytes(struct gl_run *run, const char *path, const char *bytes, size_t len)
{
	struct gl_run_file *file = run_add_file(run, path);
	struct gl_file_result res;
	int rc;

	if (file == NULL)
		return -1;
	gl_file_result_init(&res);
	rc = gl_lint_buffer(&run->opts, path, bytes, len, &res);
	if (run_take(run, file, &res) < 0)
		rc = -1;
	return rc;
}

int gl_run_lint_too_large(struct gl_run *run, const char *path, size_t size)
{
	struct gl_run_file *file = run_add_file(run, path);
	struct gl_file_result res;
	int rc;

	if (file == NULL)
		return -1;
	gl_file_result_init(&res);
	rc = gl_lint_too_large(&run->opts, path, size, &res);
	if (run_take(run, file, &res) < 0)
		rc = -1;
	return rc;
}

static void run_read_error(struct gl_run *run, const char *path, int err)
{
	fprintf(stderr, "grantlint: cannot read '%s': %s\n", path, strerror(err));
	run->read_errors++;
}

/* Read and lint one file; never reads more than the size limit. */
static int run_lint_file(struct gl_run *run, const char *path)
{
	struct stat st;
	char *buf = NULL;
	size_t got = 0;
	int fd, rc = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		run_read_error(run, path, errno);
		return 0;
	}
	if (fstat(fd, &st) < 0) {
		run_read_error(run, path, errno);
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		run_read_error(run, path, S_ISDIR(st.st_mode) ? EISDIR : EINVAL);
		goto done;
	}
	if ((size_t)st.st_size > run->opts.limits.max_file_bytes) {
		rc = gl_run_lint_too_large(run, path, (size_t)st.st_size);
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
	rc = gl_run_lint_bytes(run, path, buf, got);
done:
	free(buf);
	close(fd);
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

int gl_run_finish(struct gl_run *run)
{
	size_t i;

	if (gl_lint_finish(&run->opts, &run->keys, &run->diags) < 0)
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
