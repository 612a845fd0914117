/* run.c - drive a lint run over files from the file tree. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
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

/* One file to lint, and what linting it gave; filled on any thread. */
struct lint_job {
	const char *path;
	int read_errno;             /* the file could not be read: why */
	int rc;                     /* -1: out of memory */
	struct gl_file_result res;
};

/*
 * Read and lint the file job->path into job (never reading more than the
 * size limit). Touches nothing shared, so it runs on any thread.
 */
static void lint_job_run(const struct gl_lint_options *opts, struct lint_job *job)
{
	struct stat st;
	char *buf = NULL;
	size_t got = 0;
	int fd;

	job->read_errno = 0;
	job->rc = 0;
	gl_file_result_init(&job->res);
	fd = open(job->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		job->read_errno = errno;
		return;
	}
	if (fstat(fd, &st) < 0) {
		job->read_errno = errno;
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		job->read_errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		goto done;
	}
	if ((size_t)st.st_size > opts->limits.max_file_bytes) {
		job->rc = gl_lint_too_large(opts, job->path, (size_t)st.st_size, &job->res);
		goto done;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf == NULL) {
		job->rc = -1;
		goto done;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			job->read_errno = errno;
			goto done;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
	job->rc = gl_lint_buffer(opts, job->path, buf, got, &job->res);
done:
	free(buf);
	close(fd);
}

/* Take a finished job into the run (on the run's thread, in path order). */
static int run_take_job(struct gl_run *run, struct lint_job *job)
{
	struct gl_run_file *file;
	int rc = job->rc;

	if (job->read_errno != 0) {
		run_read_error(run, job->path, job->read_errno);
		gl_file_result_free(&job->res);
		return rc;
	}
	file = run_add_file(run, job->path);
	if (file == NULL) {
		gl_file_result_free(&job->res);
		return -1;
	}
	if (run_take(run, file, &job->res) < 0)
		rc = -1;
	return rc;
}

/* Files are linted at most this many ahead of the one taken next, per thread. */
#define JOBS_AHEAD_PER_THREAD 64

/*
 * Work shared by the lint threads: paths[next] is the next file to claim;
 * slots[i % window] holds file i's result until the run takes it, which it
 * does in path order (taken counts them). A thread never runs more than
 * window files ahead of taken, so memory stays bounded.
 */
struct job_queue {
	const struct gl_lint_options *opts;
	char **paths;
	size_t count;
	struct lint_job *slots;
	bool *done;
	size_t window;
	size_t next;
	size_t taken;
	bool stop;
	pthread_mutex_t lock;
	pthread_cond_t job_done;
	pthread_cond_t slot_free;
};

static void *lint_thread(void *arg)
{
	struct job_queue *q = arg;

	for (;;) {
		struct lint_job *job;
		size_t i;

		pthread_mutex_lock(&q->lock);
		while (!q->stop && q->next < q->count && q->next >= q->taken + q->window)
			pthread_cond_wait(&q->slot_free, &q->lock);
		if (q->stop || q->next >= q->count) {
			pthread_mutex_unlock(&q->lock);
			return NULL;
		}
		i = q->next++;
		pthread_mutex_unlock(&q->lock);

		job = &q->slots[i % q->window];
		job->path = q->paths[i];
		lint_job_run(q->opts, job);

		pthread_mutex_lock(&q->lock);
		q->done[i % q->window] = true;
		pthread_cond_broadcast(&q->job_done);
		pthread_mutex_unlock(&q->lock);
	}
}

/*
 * Lint paths[0..count) on threads threads, taking each result into the run
 * in order. Returns 0, or -1 out of memory (or when no thread could start).
 */
static int run_lint_parallel(struct gl_run *run, char **paths, size_t count, unsigned threads)
{
	struct job_queue q;
	pthread_t *tids;
	unsigned started = 0, t;
	size_t i;
	int rc = 0;

	memset(&q, 0, sizeof(q));
	q.opts = &run->opts;
	q.paths = paths;
	q.count = count;
	q.window = (size_t)threads * JOBS_AHEAD_PER_THREAD;
	q.slots = calloc(q.window, sizeof(*q.slots));
	q.done = calloc(q.window, sizeof(*q.done));
	tids = calloc(threads, sizeof(*tids));
	if (q.slots == NULL || q.done == NULL || tids == NULL) {
		rc = -1;
		goto done;
	}
	pthread_mutex_init(&q.lock, NULL);
	pthread_cond_init(&q.job_done, NULL);
	pthread_cond_init(&q.slot_free, NULL);
	for (t = 0; t < threads; t++)
		if (pthread_create(&tids[started], NULL, lint_thread, &q) == 0)
			started++;
	if (started == 0)
		rc = -1;
	for (i = 0; rc == 0 && i < count; i++) {
		size_t slot = i % q.window;

		pthread_mutex_lock(&q.lock);
		while (!q.done[slot])
			pthread_cond_wait(&q.job_done, &q.lock);
		pthread_mutex_unlock(&q.lock);
		/* The slot is the run's until taken moves past it. */
		rc = run_take_job(run, &q.slots[slot]);
		pthread_mutex_lock(&q.lock);
		q.done[slot] = false;
		q.taken = i + 1;
		pthread_cond_broadcast(&q.slot_free);
		pthread_mutex_unlock(&q.lock);
	}
	pthread_mutex_lock(&q.lock);
	q.stop = true;
	pthread_cond_broadcast(&q.slot_free);
	pthread_mutex_unlock(&q.lock);
	for (t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	/* After a failure: results linted but never taken. */
	for (i = 0; i < q.window; i++)
		if (q.done[i])
			gl_file_result_free(&q.slots[i].res);
	pthread_cond_destroy(&q.slot_free);
	pthread_cond_destroy(&q.job_done);
	pthread_mutex_destroy(&q.lock);
done:
	free(tids);
	free(q.done);
	free(q.slots);
	return rc;
}

/* Lint paths in order, on run->jobs threads when there is more than one file. */
static int run_lint_paths(struct gl_run *run, char **paths, size_t count)
{
	unsigned threads = run->jobs > 1 ? run->jobs : 1;
	size_t i;
	int rc = 0;

	if (threads > count)
		threads = (unsigned)count;
	if (threads > 1)
		return run_lint_parallel(run, paths, count, threads);
	for (i = 0; rc == 0 && i < count; i++) {
		struct lint_job job;

		job.path = paths[i];
		lint_job_run(&run->opts, &job);
		rc = run_take_job(run, &job);
	}
	return rc;
}

/* The grant files below a folder, in walk order. */
struct path_list {
	char **items;
	size_t count;
	size_t cap;
};

static int collect_path(void *arg, const char *path)
{
	struct path_list *list = arg;

	if (list->count == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 256;
		char **items = realloc(list->items, cap * sizeof(*items));

		if (items == NULL)
			return -1;
		list->items = items;
		list->cap = cap;
	}
	list->items[list->count] = strdup(path);
	if (list->items[list->count] == NULL)
		return -1;
	list->count++;
	return 0;
}

static void path_list_free(struct path_list *list)
{
	size_t i;

	for (i = 0; i < list->count; i++)
		free(list->items[i]);
	free(list->items);
}

int gl_run_add_path(struct gl_run *run, const char *path)
{
	struct path_list list = { NULL, 0, 0 };
	struct stat st;
	int rc, walk_rc, err;

	if (stat(path, &st) < 0) {
		run_read_error(run, path, errno);
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		char *one = (char *)path;

		return run_lint_paths(run, &one, 1);
	}
	/*
	 * Paths first (the walker sorts them), then the files in parallel. A
	 * folder that cannot be read ends the walk: what was found before it
	 * is linted, and the folder reported.
	 */
	rc = gl_walk(path, collect_path, &list);
	err = errno;
	if (rc < 0 && err == ENOMEM) {
		path_list_free(&list);
		return -1;
	}
	walk_rc = rc;
	rc = run_lint_paths(run, list.items, list.count);
	path_list_free(&list);
	if (rc == 0 && walk_rc < 0)
		run_read_error(run, path, err);
	return rc;
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
