/*
 * printable.h - user text made safe to quote in a one-line message: control
 * characters escaped, long text shortened.
 */
#ifndef GL_PRINTABLE_H
#define GL_PRINTABLE_H

#include <stddef.h>

/*
 * Copy len bytes of s into out (size bytes, NUL-terminated) with tab, CR and
 * LF written as \t, \r, \n, other control bytes and DEL as \xNN, and
 * "..." at the end when it does not fit (never cutting a UTF-8 character).
 * Returns out, so that it can stand as a printf argument.
 */
const char *gl_printable(char *out, size_t size, const char *s, size_t len);

#endif
