/*
 * fuzz_lint.c - libFuzzer harness: the whole lint of arbitrary bytes.
 *
 * Built twice: as YAML (a *.grant.yaml path) and, with -DGL_FUZZ_JSON, as
 * JSON (a *.grant.json path, which takes the strict-JSON checks first). Every
 * rule is on, and the checks across files run over the keys found, as a run
 * of one file would. Any crash, hang, leak or sanitizer report is a bug.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

#ifdef GL_FUZZ_JSON
#define FUZZ_PATH "fuzz.grant.json"
#else
#define FUZZ_PATH "fuzz.grant.yaml"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gl_lint_options opts;
	struct gl_file_result res;
	char *bytes;

	/* The engine may read bytes[len]; give it a copy with a NUL, as run.c does. */
	bytes = malloc(size + 1);
	if (bytes == NULL)
		return 0;
	memcpy(bytes, data, size);
	bytes[size] = '\0';
	gl_lint_options_default(&opts);
	gl_file_result_init(&res);
	if (gl_lint_buffer(&opts, FUZZ_PATH, bytes, size, &res) == 0)
		gl_lint_finish(&opts, &res.keys, &res.diags);
	gl_file_result_free(&res);
	free(bytes);
	return 0;
}
