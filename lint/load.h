/*
 * load.h - turn a file's bytes into the document model.
 *
 * YAML goes through libyaml's event API; JSON is first held to strict JSON
 * (cJSON) and then through the same event path, so both carry positions.
 * Everything wrong with the bytes themselves (encoding, syntax, duplicate
 * keys, limits) is reported here as a GL0xx diagnostic, never as a crash.
 */
#ifndef GL_LOAD_H
#define GL_LOAD_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "doc.h"
#include "engine.h"
#include "rule.h"

struct gl_loaded {
	struct gl_arena arena;    /* owns every node */
	struct gl_request *requests;
	size_t count;
	size_t cap;
};

/*
 * Load len bytes of path. Requests found are put in *out (free with
 * gl_loaded_free() whatever the result); problems go to diags. Returns 0,
 * or -1 out of memory.
 */
int gl_load(struct gl_loaded *out, const struct gl_limits *limits, const char *path,
	    const char *bytes, size_t len, enum gl_file_format format,
	    struct gl_diag_list *diags);

void gl_loaded_free(struct gl_loaded *loaded);

/*
 * Position of byte offset in bytes, counting lines the way libyaml does
 * (CR, LF, CRLF; a leading UTF-8 BOM is not a column).
 */
struct gl_pos gl_pos_of_offset(const char *bytes, size_t len, size_t offset);

/* Byte offset of the start of line (1-based), or len when past the end. */
size_t gl_line_offset(const char *bytes, size_t len, uint32_t line);

/*
 * Byte offsets of the start of the lines (index 0 is line 1), in one pass,
 * for callers that need many lines of one file: every line, or only the
 * first max_lines when max_lines is not 0 (the rest of the file is not
 * read). Returns a malloc'd array and sets *count, or NULL out of memory.
 */
size_t *gl_line_starts(const char *bytes, size_t len, uint32_t max_lines, uint32_t *count);

/* Byte length of the line starting at offset, without its line break. */
size_t gl_line_length(const char *bytes, size_t len, size_t offset);

#endif
