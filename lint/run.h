/*
 * run.h - one lint run: the files to lint, their results gathered, and the
 * checks across files. Sources (file tree, git) add files; reporters read the
 * finished run.
 */
#ifndef GL_RUN_H
#define GL_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "engine.h"

struct gl_run_file {
	char *path;          /* display path */
	unsigned documents;  /* requests found */
	bool unreadable;     /* could not be read (see stderr) */
};

struct gl_run {
	struct gl_lint_options opts;
	struct gl_diag_list diags;
	struct gl_grant_keys keys;
	struct gl_run_file *files;
	size_t file_count;
	size_t file_cap;
	size_t read_errors;   /* inputs that could not be read */
	unsigned jobs;        /* files linted at once (threads); 0 or 1: one at a time */
	size_t errors, warnings, infos; /* set by gl_run_finish */
};

void gl_run_init(struct gl_run *run, const struct gl_lint_options *opts);
void gl_run_free(struct gl_run *run);

/*
 * Lint a path from the command line: a folder is walked for grant files, a
 * file is linted whatever its name. A path that cannot be read is counted in
 * read_errors and explained on stderr. The files of a folder are linted on
 * run->jobs threads; results are taken in path order, so the run is the same
 * for every number of jobs. Returns 0, or -1 out of memory.
 */
int gl_run_add_path(struct gl_run *run, const char *path);

/* gl_run_add_path for count paths in order, linted together on run->jobs threads. */
int gl_run_add_paths(struct gl_run *run, const char *const *paths, size_t count);

/* Lint bytes from any source under a display path. Returns 0, or -1 out of memory. */
int gl_run_lint_bytes(struct gl_run *run, const char *path, const char *bytes, size_t len);

/* Lint a file by its size alone when it is over the size limit. */
int gl_run_lint_too_large(struct gl_run *run, const char *path, size_t size);

/* Checks across files, sorting, counting. Returns 0, or -1 out of memory. */
int gl_run_finish(struct gl_run *run);

#endif
