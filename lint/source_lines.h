/*
 * source_lines.h - the lines of one file that findings and keys point at:
 * where each starts, how long it is, and its GitHub line hash, found for
 * any number of lines in one pass over only the part of the file that
 * decides them (linear in the file, however many requests a stream holds).
 */
#ifndef GL_SOURCE_LINES_H
#define GL_SOURCE_LINES_H

#include <stddef.h>
#include <stdint.h>

struct gl_source_line {
	uint32_t line;    /* in: 1-based line number */
	size_t offset;    /* out: byte offset of its start (len when past the end) */
	size_t length;    /* out: bytes, without the line break */
	char hash[24];    /* out: as gl_fingerprint_line() gives it ("" past the end) */
};

/*
 * Fill offset, length and hash of n lines of bytes (len bytes), in any order.
 * The results equal gl_line_offset(), gl_line_length() and
 * gl_fingerprint_line() for each. Returns 0, or -1 out of memory.
 */
int gl_source_lines_lookup(struct gl_source_line *lines, size_t n, const char *bytes,
			   size_t len);

/* The same without the hashes (left ""), for output formats that show none. */
int gl_source_lines_text(struct gl_source_line *lines, size_t n, const char *bytes, size_t len);

#endif
