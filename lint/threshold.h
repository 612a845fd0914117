/*
 * threshold.h - when findings fail a run: --fail-on and --max-warnings.
 * Only the exit status depends on it; every finding is reported whatever it is.
 */
#ifndef GL_THRESHOLD_H
#define GL_THRESHOLD_H

#include <stdbool.h>

#include "run.h"

struct gl_threshold {
	bool never;                /* --fail-on never: findings alone never fail */
	enum gl_severity fail_on;  /* lowest severity that fails: error or warning */
	long max_warnings;         /* more warnings than this fail; -1 for no limit */
};

/* The default: fail on errors, no warning limit. */
void gl_threshold_default(struct gl_threshold *out);

/* Set fail_on from "error", "warning" or "never". Returns 0, or -1 for anything else. */
int gl_threshold_parse_fail_on(struct gl_threshold *t, const char *level);

/* Set max_warnings from a decimal count ("0", "25"). Returns 0, or -1. */
int gl_threshold_parse_max_warnings(struct gl_threshold *t, const char *count);

/*
 * Whether a finished run fails: a finding at or above fail_on (infos never
 * do), or more warnings than max_warnings, which applies under --fail-on
 * never too since it was asked for explicitly.
 */
bool gl_threshold_fails(const struct gl_threshold *t, const struct gl_run *run);

#endif
