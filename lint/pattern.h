/*
 * pattern.h - the patterns a configuration holds: file globs, host globs and
 * PCRE2 regular expressions. PCRE2 lives here and nowhere else; every pattern
 * is compiled once, when the configuration is loaded, and matched with match
 * data of its own per call, so one compiled pattern serves every thread.
 */
#ifndef GL_PATTERN_H
#define GL_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

struct gl_pattern;

enum gl_pattern_kind {
	/* Value pattern: "^..." is a PCRE2 expression, anything else a glob where '*' matches one or more characters. */
	GL_PATTERN_VALUE,
	/* Value pattern compared without regard to ASCII case (host names). */
	GL_PATTERN_VALUE_NOCASE,
	/* File glob: '*' within a path component, '**' across components, '?' one character. */
	GL_PATTERN_PATH,
};

/*
 * Compile text as a pattern of kind. Returns 0 and *out (free with
 * gl_pattern_free()); -1 when text is not a valid pattern, with a message
 * for people in error (PCRE2's own message) and the byte offset in text
 * where it went wrong in *error_offset; -2 out of memory.
 */
int gl_pattern_compile(struct gl_pattern **out, const char *text, enum gl_pattern_kind kind,
		       char *error, size_t error_size, size_t *error_offset);

/* True when the whole of subject (len bytes) matches. Thread-safe. */
bool gl_pattern_match(const struct gl_pattern *pattern, const char *subject, size_t len);

/* The text the pattern was compiled from. */
const char *gl_pattern_text(const struct gl_pattern *pattern);

void gl_pattern_free(struct gl_pattern *pattern);

#endif
