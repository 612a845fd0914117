/*
 * dynlib.h - load a shared library on first use.
 *
 * libgit2 and libcurl (with the dozens of libraries they pull in) cost more
 * to load than a one-file lint costs to run; only the git modes and the
 * sender need them, so their modules resolve them here when first used.
 */
#ifndef GL_DYNLIB_H
#define GL_DYNLIB_H

#include <stddef.h>

struct gl_dynlib_symbol {
	const char *name;
	void **slot; /* where the resolved address is stored */
};

/*
 * dlopen soname and resolve every symbol into its slot. Returns 0, or -1
 * with a message for people in err. The library stays loaded for the life of
 * the process. Not thread-safe: callers serialise (pthread_once).
 */
int gl_dynlib_load(const char *soname, const struct gl_dynlib_symbol *symbols, size_t count,
		   char *err, size_t errlen);

#endif
