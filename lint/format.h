/* format.h - printf into a newly allocated string. */
#ifndef GL_FORMAT_H
#define GL_FORMAT_H

#include <stddef.h>

/* The formatted text in a malloc'd string (the caller frees it), or NULL out of memory. */
char *gl_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * printf into a caller's buffer of size bytes (cut to fit, NUL-terminated);
 * nothing when buf is NULL or size is 0, so optional error buffers need no
 * check at each call.
 */
void gl_format_to(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
