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

#include "conf.h"
#include "file_read.h"
#include "run.h"
#include "suppress.h"
#include "walk.h"

void gl_run_init(struct gl_run *run, const struct gl_lint_options *opts)
{
	size_t i;

	memset(run, 0, sizeof(*run));
	run->opts = *opts;
	for (i = 0; i < gl_rules_count; i++)
		if (gl_rules[i]->finish != NULL && gl_lint_rule_enabled(opts, i))
			run->keys_wanted = true;
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

/* Add a file to the run, which takes path (freed with the run, or now on failure). */
static struct gl_run_file *run_add_file_owned(struct gl_run *run, char *path)
{
	struct gl_run_file *f;

	if (run->file_count == run->file_cap) {
		size_t cap = run->file_cap ? run->file_cap * 2 : 64;
		struct gl_run_file *files = realloc(run->files, cap * sizeof(*files));

		if (files == NULL) {
			free(path);
			return NULL;
		}
		run->files = files;
		run->file_cap = cap;
	}
	f = &run->files[run->file_count++];
	memset(f, 0, sizeof(*f));
	f->path = path;
	return f;
}

static struct gl_run_file *run_add_file(struct gl_run *run, const char *path)
{
	char *copy = strdup(path);

	return copy ? run_add_file_owned(run, copy) : NULL;
}

static int run_take(struct gl_run *run, struct gl_run_file *file, struct gl_file_result *res)
{
	size_t i;
	int rc = 0;

	file->documents = res->documents;
	/* Keys borrow their path: from now on, the run's copy. */
	for (i = 0; i < res->keys.count; i++)
		if (res->keys.items[i].packed)
			res->keys.items[i].path = file->path;
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

/* One file to lint, and what linting it gave; filled on any thread. */
struct lint_job {
	char *path;                 /* owned: handed to the run when taken */
	int read_errno;             /* the file could not be read: why (set when queued or read) */
	bool left_out;              /* excluded by its configuration, or that is invalid */
	int rc;                     /* -1: out of memory */
	struct gl_file_result res;
};

/*
 * Read and lint the file job->path into job (never reading more than the
 * size limit). Touches nothing shared, so it runs on any thread.
 */
static void lint_job_run(struct gl_run *run, struct lint_job *job)
{
	struct gl_lint_options opts;
	struct gl_config_resolved conf;
	char *buf = NULL;
	size_t got = 0;
	int rc;

	job->rc = 0;
	job->left_out = false;
	gl_file_result_init(&job->res);
	if (job->read_errno != 0)
		return; /* known unreadable when queued: reported in its place */
	/* The configuration set is safe from any thread (one lock inside). */
	rc = run_file_options(run, job->path, &opts, &conf);
	if (rc != 0) {
		job->rc = rc < 0 ? -1 : 0;
		job->left_out = rc > 0;
		goto done;
	}
	if (!run->keys_wanted)
		opts.skip_keys = true;
	rc = gl_file_read(&buf, &got, job->path, opts.limits.max_file_bytes);
	if (rc == GL_FILE_TOO_LARGE) {
		job->rc = gl_lint_too_large(&opts, job->path, got, &job->res);
		goto done;
	}
	if (rc < 0) {
		if (errno == ENOMEM)
			job->rc = -1;
		else
			job->read_errno = errno;
		goto done;
	}
	job->rc = gl_lint_buffer(&opts, job->path, buf, got, &job->res);
	if (job->rc == 0)
		job->rc = gl_suppress_apply(&opts, &conf, job->path, buf, got, &job->res.diags, 0);
done:
	free(buf);
	gl_config_resolved_free(&conf);
}

/*
 * Take a finished job into the run, in path order, on one thread at a
 * time. The run takes the job's path. Returns 0, or -1 out of memory.
 */
static int run_take_job(struct gl_run *run, struct lint_job *job)
{
	struct gl_run_file *file;
	int rc = job->rc;

	if (job->left_out) {
		free(job->path);
		return rc;
	}
	if (job->read_errno != 0) {
		run_read_error(run, job->path, job->read_errno);
		gl_file_result_free(&job->res);
		free(job->path);
		return rc;
	}
	file = run_add_file_owned(run, job->path);
	if (file == NULL) {
		gl_file_result_free(&job->res);
		return -1;
	}
	if (run_take(run, file, &job->res) < 0)
		rc = -1;
	return rc;
}

/* A thread claims this many files at once (fewer when fewer are waiting). */
#define JOBS_PER_CLAIM 16
/* Files linted ahead of the one the run takes next, per thread. */
#define JOBS_AHEAD_PER_THREAD 128

/*
 * The files of one run_add_paths call, linted by several threads while the
 * walker still finds them. paths[] grows as the walk goes; slots[i % window] holds file
 * i's result until the run takes it. Results are taken strictly in path
 * order, by whichever thread finishes the file next in line, so the run is
 * the same for every number of threads; no thread runs more than window
 * files ahead of the run, so memory stays bounded. Everything here is
 * guarded by lock, except a claimed slot (its thread's alone until done)
 * and the run (only the one thread that is merging touches it).
 */
struct queued_path {
	char *path;
	int read_errno;      /* not 0: known unreadable (a folder the walk could not read) */
};

struct lint_queue {
	struct gl_run *run;
	struct queued_path *paths;
	size_t count;        /* paths found so far */
	size_t cap;
	unsigned threads;    /* threads to lint on, the caller's included */
	pthread_t *tids;     /* the others, started with the second path */
	unsigned started;
	bool walk_done;      /* no more paths will come */
	struct lint_job *slots;
	bool *done;
	size_t window;
	size_t next;         /* the next path to claim */
	size_t taken;        /* paths taken into the run */
	bool merging;        /* a thread is taking results into the run */
	bool stop;           /* out of memory: claim nothing more */
	int rc;
	pthread_mutex_t lock;
	pthread_cond_t wake; /* paths found, slots freed, walk done or stop */
};

/* Take every finished result that is next in line. Called and returns with q->lock held. */
static void queue_merge(struct lint_queue *q)
{
	if (q->merging)
		return; /* that thread will take ours too */
	q->merging = true;
	while (!q->stop && q->taken < q->count && q->done[q->taken % q->window]) {
		size_t slot = q->taken % q->window;
		struct lint_job job = q->slots[slot];

		q->done[slot] = false;
		q->taken++;
		pthread_cond_broadcast(&q->wake);
		pthread_mutex_unlock(&q->lock);
		if (run_take_job(q->run, &job) < 0) {
			pthread_mutex_lock(&q->lock);
			q->rc = -1;
			q->stop = true;
			pthread_cond_broadcast(&q->wake);
			break;
		}
		pthread_mutex_lock(&q->lock);
	}
	q->merging = false;
}

/* Claim, lint and merge files until there are none left. */
static void *lint_queue_work(void *arg)
{
	struct lint_queue *q = arg;

	pthread_mutex_lock(&q->lock);
	for (;;) {
		size_t first, n, i;

		while (!q->stop && (q->next < q->count ? q->next >= q->taken + q->window
						      : !q->walk_done))
			pthread_cond_wait(&q->wake, &q->lock);
		if (q->stop || (q->next >= q->count && q->walk_done))
			break;
		first = q->next;
		n = q->count - first;
		if (n > JOBS_PER_CLAIM)
			n = JOBS_PER_CLAIM;
		if (n > q->taken + q->window - first)
			n = q->taken + q->window - first;
		for (i = 0; i < n; i++) {
			q->slots[(first + i) % q->window].path = q->paths[first + i].path;
			q->slots[(first + i) % q->window].read_errno = q->paths[first + i].read_errno;
		}
		q->next += n;
		pthread_mutex_unlock(&q->lock);

		for (i = 0; i < n; i++)
			lint_job_run(q->run, &q->slots[(first + i) % q->window]);

		pthread_mutex_lock(&q->lock);
		for (i = 0; i < n; i++)
			q->done[(first + i) % q->window] = true;
		queue_merge(q);
	}
	pthread_mutex_unlock(&q->lock);
	return NULL;
}

/*
 * One more path for the threads (read_errno not 0: report it unreadable in
 * its place). The other threads start with the second path, so that a run
 * of one file starts none. Returns 0, or -1 out of memory.
 */
static int queue_push(struct lint_queue *q, const char *path, int read_errno)
{
	char *copy = strdup(path);
	int rc = 0;

	if (copy == NULL)
		return -1;
	pthread_mutex_lock(&q->lock);
	if (q->stop) {
		rc = -1; /* out of memory elsewhere: end the walk */
	} else if (q->count == q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 256;
		struct queued_path *paths = realloc(q->paths, cap * sizeof(*paths));

		if (paths == NULL) {
			rc = -1;
		} else {
			q->paths = paths;
			q->cap = cap;
		}
	}
	if (rc == 0) {
		q->paths[q->count].path = copy;
		q->paths[q->count].read_errno = read_errno;
		q->count++;
		/* Wake the threads for every claim's worth, not for every file. */
		if (q->count % JOBS_PER_CLAIM == 0)
			pthread_cond_broadcast(&q->wake);
	} else {
		free(copy);
	}
	pthread_mutex_unlock(&q->lock);
	if (rc == 0 && q->count == 2 && q->threads > 1 && q->tids == NULL) {
		q->tids = calloc(q->threads - 1, sizeof(*q->tids));
		while (q->tids != NULL && q->started < q->threads - 1 &&
		       pthread_create(&q->tids[q->started], NULL, lint_queue_work, q) == 0)
			q->started++;
	}
	if (rc < 0)
		errno = ENOMEM;
	return rc;
}

/* The walker's callback. */
static int queue_add_path(void *arg, const char *path)
{
	return queue_push(arg, path, 0);
}

int gl_run_add_paths(struct gl_run *run, const char *const *paths, size_t count)
{
	struct lint_queue q;
	size_t i;
	unsigned t;
	int rc = 0;

	memset(&q, 0, sizeof(q));
	q.run = run;
	q.threads = run->jobs > 1 ? run->jobs : 1;
	q.window = (size_t)q.threads * JOBS_AHEAD_PER_THREAD;
	q.slots = calloc(q.window, sizeof(*q.slots));
	q.done = calloc(q.window, sizeof(*q.done));
	if (q.slots == NULL || q.done == NULL) {
		free(q.slots);
		free(q.done);
		return -1;
	}
	pthread_mutex_init(&q.lock, NULL);
	pthread_cond_init(&q.wake, NULL);
	/* This thread finds the files while the others lint them. */
	for (i = 0; rc == 0 && i < count; i++) {
		struct stat st;

		if (stat(paths[i], &st) < 0) {
			rc = queue_push(&q, paths[i], errno);
		} else if (!S_ISDIR(st.st_mode)) {
			rc = queue_push(&q, paths[i], 0);
		} else if (gl_walk(paths[i], queue_add_path, &q) < 0) {
			/* Out of memory, or a folder that cannot be read: what was
			 * found before it is linted, and the folder reported after. */
			rc = errno == ENOMEM ? -1 : queue_push(&q, paths[i], errno);
		}
	}
	pthread_mutex_lock(&q.lock);
	if (rc < 0) {
		q.rc = -1;
		q.stop = true;
	}
	q.walk_done = true;
	pthread_cond_broadcast(&q.wake);
	pthread_mutex_unlock(&q.lock);
	lint_queue_work(&q);
	for (t = 0; t < q.started; t++)
		pthread_join(q.tids[t], NULL);
	/* After a failure: paths claimed or found but never taken into the run. */
	for (i = q.taken; i < q.count; i++) {
		if (i < q.next && q.done[i % q.window])
			gl_file_result_free(&q.slots[i % q.window].res);
		free(q.paths[i].path);
	}
	pthread_cond_destroy(&q.wake);
	pthread_mutex_destroy(&q.lock);
	free(q.tids);
	free(q.paths);
	free(q.done);
	free(q.slots);
	return q.rc;
}

int gl_run_add_path(struct gl_run *run, const char *path)
{
	return gl_run_add_paths(run, &path, 1);
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
