/*
 * fuzz_config.c - libFuzzer harness: the configuration parser (lint/conf.h).
 *
 * Loads arbitrary bytes as a .grantlint.yaml. It either loads (and frees)
 * cleanly or explains why not on the error stream; it never crashes, hangs
 * or leaks. A valid configuration must not have written errors.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gl_config_file *file = NULL;
	char *bytes = malloc(size + 1), *errors = NULL;
	size_t errors_len = 0;
	FILE *err;
	int rc;

	if (bytes == NULL)
		return 0;
	memcpy(bytes, data, size);
	bytes[size] = '\0';
	err = open_memstream(&errors, &errors_len);
	if (err == NULL) {
		free(bytes);
		return 0;
	}
	rc = gl_config_file_load(&file, "fuzz/.grantlint.yaml", "fuzz", bytes, size, err);
	fclose(err);
	if (rc == 0 && (file == NULL || errors_len != 0))
		abort();
	if (rc == -1 && errors_len == 0)
		abort(); /* invalid, but nothing says why */
	gl_config_file_free(file);
	free(errors);
	free(bytes);
	return 0;
}
