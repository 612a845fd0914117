/* file_read.h - read a whole regular file, bounded, into memory. */
#ifndef GL_FILE_READ_H
#define GL_FILE_READ_H

#include <stddef.h>

#define GL_FILE_TOO_LARGE 1

/*
 * Read the regular file at path into a malloc'd buffer with a NUL after its
 * len bytes (the caller frees *out). Never reads more than max bytes (0: no
 * bound): a larger file returns GL_FILE_TOO_LARGE with *out NULL and *len
 * its size, unread. Returns 0 on success, or -1 with errno set (EISDIR or
 * EINVAL for what is not a regular file, ENOMEM out of memory).
 */
int gl_file_read(char **out, size_t *len, const char *path, size_t max);

#endif
