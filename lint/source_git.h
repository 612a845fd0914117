/*
 * source_git.h - grant files read straight from git (libgit2): the index
 * (--staged), the tree of a revision (--rev) or what a branch changed since
 * its merge base (--changed-since). The only module that holds libgit2
 * handles.
 *
 * Paths are relative to the repository root. Which files are grant files is
 * decided by gl_walk_is_grant_file(); submodules and symbolic links are
 * skipped. Files of the mode's whole tree that are not linted still take
 * part in the checks across files as context keys (see gl_run_add_context_keys),
 * through a cache under the git directory (key_cache.h): the keys that share
 * an ApplicationArn with a linted request, the only ones that can conflict
 * with it.
 */
#ifndef GL_SOURCE_GIT_H
#define GL_SOURCE_GIT_H

#include <stddef.h>

#include "run.h"

enum gl_git_mode {
	GL_GIT_STAGED,        /* index versions of files added or changed against HEAD */
	GL_GIT_REV,           /* every grant file in the tree of a revision */
	GL_GIT_CHANGED_SINCE, /* files changed between merge-base(BASE, HEAD) and HEAD */
};

/* Results besides 0 (success) and -1 (out of memory). */
enum {
	GL_GIT_NOT_FOUND = 1,     /* gl_git_source_read: no such file in the source */
	GL_GIT_ERR_USAGE = -2,    /* not in a repository, unknown revision, ...: explained on stderr */
	GL_GIT_ERR_READ = -3,     /* the repository could not be read: explained on stderr */
};

struct gl_git_source;

/*
 * Open the repository that holds the current folder (or $GIT_DIR; the index
 * is $GIT_INDEX_FILE when set, as in a pre-commit hook) and resolve the mode:
 * rev is REV for GL_GIT_REV, BASE for GL_GIT_CHANGED_SINCE, unused otherwise.
 * Returns 0 with *out to free with gl_git_source_free(), GL_GIT_ERR_USAGE,
 * GL_GIT_ERR_READ or -1.
 */
int gl_git_source_open(struct gl_git_source **out, enum gl_git_mode mode, const char *rev);

/*
 * Lint the mode's files into run, and add as context the keys of the rest of
 * the mode's tree (the index for --staged, REV, HEAD for --changed-since) that
 * share an ApplicationArn with a linted request.
 * A blob that cannot be read is counted in run->read_errors and explained.
 * Returns 0, GL_GIT_ERR_READ or -1.
 */
int gl_git_source_lint(struct gl_git_source *src, struct gl_run *run);

/*
 * The bytes of the file at path (relative to the repository root) in the
 * mode's source: the index for --staged, the tree of REV for --rev, HEAD's
 * tree for --changed-since (for reading configuration the way the grant files
 * are read). *out is NUL-terminated (*len excludes the NUL); free() it.
 * Returns 0, GL_GIT_NOT_FOUND when there is no such file (or it is not a
 * regular file), GL_GIT_ERR_READ or -1.
 */
int gl_git_source_read(struct gl_git_source *src, const char *path, char **out, size_t *len);

/*
 * The hooks folder of the repository that holds the current folder:
 * core.hooksPath when set (relative to the working tree root, or to the git
 * directory of a bare repository), else the common git directory's hooks/.
 * *out is malloc'd. Returns 0, GL_GIT_ERR_USAGE (not in a repository) or -1.
 */
int gl_git_hooks_dir(char **out);

void gl_git_source_free(struct gl_git_source *src);

#endif
