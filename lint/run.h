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
	bool keys_wanted;     /* an enabled rule judges across files (set by gl_run_init) */
	size_t context_keys;  /* keys added by gl_run_add_context_keys */
	size_t errors, warnings, infos; /* set by gl_run_finish */
	/* .grantlint.yaml discovery and cache (lint/conf.h); NULL: no configuration. */
	struct gl_config_set *configs;
	size_t excluded;      /* files left out by include/exclude */
	size_t baseline_hidden, baseline_fixed; /* set by gl_baseline_apply */
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

/*
 * Add the grant keys of files that are judged against but not linted (in the
 * git modes, the rest of the index or tree): they take part in the checks
 * across files, and gl_run_finish drops every finding on a path that was not
 * linted. Takes the items of keys (left empty) and marks them context.
 * Returns 0, or -1 out of memory.
 */
int gl_run_add_context_keys(struct gl_run *run, struct gl_grant_keys *keys);

/* Checks across files, sorting, counting. Returns 0, or -1 out of memory. */
int gl_run_finish(struct gl_run *run);

#endif
