/*
 * engine.h - the lint pipeline: bytes -> document model -> rules -> diagnostics.
 *
 * gl_lint_buffer() is pure (no shared state), so files can be linted on
 * several threads; the caller gathers results and runs gl_lint_finish() once.
 */
#ifndef GL_ENGINE_H
#define GL_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "doc.h"
#include "rule.h"

struct gl_config;

struct gl_lint_options {
	struct gl_limits limits;
	const bool *enabled;        /* by rule index; NULL: every rule */
	const int *severity;        /* by rule index, -1 for the default; NULL: defaults */
	const struct gl_config *config; /* policy and more; NULL: none */
	bool no_line_hashes;        /* skip GitHub line hashes: no output shows them */
	bool skip_keys;             /* record no grant keys: no check across files wants them */
};

void gl_lint_options_default(struct gl_lint_options *out);

enum gl_file_format {
	GL_FILE_YAML,
	GL_FILE_JSON,
};

/* JSON for names ending in .json (any case), YAML otherwise. */
enum gl_file_format gl_file_format_of(const char *path);

struct gl_file_result {
	struct gl_diag_list diags;
	struct gl_grant_keys keys;
	unsigned documents; /* requests found */
};

void gl_file_result_init(struct gl_file_result *res);
void gl_file_result_free(struct gl_file_result *res);

/*
 * Lint one file's bytes (len bytes; bytes[len] need not be NUL). Diagnostics
 * and grant keys are appended to *out. Returns 0, or -1 out of memory.
 */
int gl_lint_buffer(const struct gl_lint_options *opts, const char *path,
		   const char *bytes, size_t len, struct gl_file_result *out);

/* Report a file larger than the limit without reading it. */
int gl_lint_too_large(const struct gl_lint_options *opts, const char *path,
		      size_t size, struct gl_file_result *out);

/*
 * Run the rules that judge across files over every key (sorted here by path
 * and position), appending to diags. Returns 0, or -1 out of memory.
 */
int gl_lint_finish(const struct gl_lint_options *opts, struct gl_grant_keys *keys,
		   struct gl_diag_list *diags);

void gl_grant_keys_init(struct gl_grant_keys *keys);
int gl_grant_keys_take(struct gl_grant_keys *dst, struct gl_grant_keys *src);
void gl_grant_keys_free(struct gl_grant_keys *keys);

/*
 * True when the rule at index (its place in gl_rules) is enabled under
 * opts. Loops over the registry pass their index; others use gl_rule_index().
 */
bool gl_lint_rule_enabled(const struct gl_lint_options *opts, size_t index);

#endif
