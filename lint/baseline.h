/*
 * baseline.h - .grantlint-baseline.json: the findings a team has accepted for
 * now. Entries are keyed by path, rule, JSON Pointer and a hash of the
 * offending source text, never by line number, so edits elsewhere in a file
 * do not resurface them and a new finding of the same rule is never hidden.
 */
#ifndef GL_BASELINE_H
#define GL_BASELINE_H

#include <stdio.h>

#include "run.h"

#define GL_BASELINE_FILE_NAME ".grantlint-baseline.json"

struct gl_baseline_entry {
	char *path;     /* relative to the baseline file's folder */
	char *rule;     /* code */
	char *pointer;  /* JSON Pointer relative to the request */
	char hash[17];  /* hex FNV-1a of the offending text */
	unsigned count; /* how many such findings were accepted */
	unsigned hits;  /* matched in this run */
};

struct gl_baseline {
	char *dir; /* absolute folder of the baseline file */
	struct gl_baseline_entry *entries;
	size_t count;
};

void gl_baseline_init(struct gl_baseline *b);
void gl_baseline_free(struct gl_baseline *b);

/*
 * Read a baseline file. Returns 0; -1 when it cannot be read or is not a
 * baseline (explained on stderr); -2 out of memory.
 */
int gl_baseline_read(struct gl_baseline *b, const char *file);

/*
 * Remove the findings of a finished run that the baseline lists, and count
 * them (run->baseline_hidden) and the listed findings of linted files that
 * no longer occur (run->baseline_fixed); recounts errors and warnings.
 * Returns 0, or -1 out of memory.
 */
int gl_baseline_apply(struct gl_baseline *b, struct gl_run *run);

/*
 * Write the findings of a finished run as a baseline file at path (paths
 * relative to its folder). Returns 0, or -1 with errno.
 */
int gl_baseline_write(const char *path, const struct gl_run *run);

/* The hash of a finding's offending text (16 hex digits and a NUL into out). */
void gl_baseline_hash(const struct gl_diag *d, char out[17]);

#endif
