/*
 * suppress.h - suppressions: `# grantlint: ignore[...]` comments in YAML, the
 * configuration's `ignore:` entries for JSON (and YAML), and the warnings
 * that keep them honest (GL081 suppression-missing-reason, GL082
 * unused-suppression).
 */
#ifndef GL_SUPPRESS_H
#define GL_SUPPRESS_H

#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "diag.h"
#include "engine.h"

/* One `# grantlint:` comment found in a file. */
struct gl_suppression {
	uint32_t line;        /* of the comment */
	uint32_t col;         /* of the '#' */
	uint32_t end_col;     /* after the comment */
	uint32_t target;      /* the line it covers; 0: the whole file (ignore-file) */
	char selectors[256];  /* comma-separated rule selectors */
	bool has_reason;
	bool file_wide;       /* ignore-file */
	const char *problem;  /* why it cannot work (malformed, misplaced), or NULL */
	unsigned used;        /* findings it hid */
};

/*
 * Find every `# grantlint:` comment in YAML bytes, skipping `#` inside quoted
 * scalars and block scalars. *out is malloc'd (free it); returns the count in
 * *count. Returns 0, or -1 out of memory.
 */
int gl_suppress_scan(const char *bytes, size_t len, struct gl_suppression **out, size_t *count);

/*
 * Apply suppressions to the diagnostics of one file (items from..count of
 * diags): hidden findings are removed; GL081 and GL082 findings are added.
 * opts are the file's options, res its configuration (may have no config).
 * Returns 0, or -1 out of memory.
 */
int gl_suppress_apply(const struct gl_lint_options *opts, const struct gl_config_resolved *res,
		      const char *path, const char *bytes, size_t len,
		      struct gl_diag_list *diags, size_t from);

/*
 * Findings of the rules that judge across files (diags from..count), made
 * after every file: apply the configuration of the file each is reported in
 * (rule on or off, severity, ignore entries). Returns 0, or -1 out of memory.
 */
int gl_suppress_cross_file(struct gl_config_set *set, struct gl_diag_list *diags, size_t from);

/*
 * After every file: GL081 for configured ignore entries without a reason and
 * GL082 for those that applied to linted files yet hid nothing. enabled is
 * the command line's rule mask (NULL: every rule). Returns 0, or -1 out of memory.
 */
int gl_suppress_finish(struct gl_config_set *set, const bool *enabled,
		       struct gl_diag_list *diags);

#endif
