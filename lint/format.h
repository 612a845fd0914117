/* format.h - printf into a newly allocated string. */
#ifndef GL_FORMAT_H
#define GL_FORMAT_H

/* The formatted text in a malloc'd string (the caller frees it), or NULL out of memory. */
char *gl_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
