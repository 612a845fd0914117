/* dynlib.c - load a shared library on first use (see dynlib.h). */
#include <dlfcn.h>
#include <stdio.h>

#include "dynlib.h"

int gl_dynlib_load(const char *soname, const struct gl_dynlib_symbol *symbols, size_t count,
		   char *err, size_t errlen)
{
	void *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	size_t i;

	if (handle == NULL) {
		const char *why = dlerror();

		snprintf(err, errlen, "cannot load %s: %s", soname, why ? why : "unknown error");
		return -1;
	}
	for (i = 0; i < count; i++) {
		void *addr;

		dlerror();
		addr = dlsym(handle, symbols[i].name);
		if (addr == NULL) {
			snprintf(err, errlen, "%s has no %s (is it another version?)", soname,
				 symbols[i].name);
			dlclose(handle);
			return -1;
		}
		*symbols[i].slot = addr;
	}
	return 0;
}
