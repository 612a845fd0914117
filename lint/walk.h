/* walk.h - which files are grant files, and finding them under a folder. */
#ifndef GL_WALK_H
#define GL_WALK_H

#include <stdbool.h>

/*
 * True when path names a grant file: *.grant.yaml, *.grant.yml or
 * *.grant.json anywhere, or *.yaml, *.yml, *.json under a folder named
 * "grants" (any component of path); never .grantlint.yaml or
 * .grantlint-baseline.json.
 */
bool gl_walk_is_grant_file(const char *path);

typedef int (*gl_walk_fn)(void *arg, const char *path);

/*
 * Call fn for every grant file below dir, in sorted order, depth first.
 * Skips .git folders and symbolic links (no loops). Returns 0, the first
 * non-zero fn result, or -1 with errno when a folder cannot be read.
 */
int gl_walk(const char *dir, gl_walk_fn fn, void *arg);

#endif
