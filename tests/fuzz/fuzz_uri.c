/*
 * fuzz_uri.c - libFuzzer harness: the redirect URI parser (lint/uri.h).
 *
 * Parses arbitrary bytes as a URI. On success every part must lie inside the
 * text at the offset it claims (the path equal to the text there), and the
 * loopback test must not crash; on
 * failure the error offset must lie inside the text and a message be given.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "uri.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A part's offset, when present, points into the text. */
static void check_offset(long offset, size_t size)
{
	if (offset < -1 || (offset >= 0 && (size_t)offset > size))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gl_uri uri;
	size_t error_offset = 0;
	const char *error = NULL;
	char *text = malloc(size + 1);

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&uri, 0, sizeof(uri));
	if (gl_uri_parse(&uri, text, size, &error_offset, &error) == 0) {
		if (uri.scheme == NULL || uri.path == NULL)
			abort();
		check_offset(uri.host_offset, size);
		check_offset(uri.port_offset, size);
		check_offset(uri.userinfo_offset, size);
		check_offset(uri.fragment_offset, size);
		check_offset(uri.path_offset, size);
		/* The path is the text at its offset (it was once lost for an empty host). */
		if (uri.path_offset < 0 || (size_t)uri.path_offset + strlen(uri.path) > size ||
		    memcmp(text + uri.path_offset, uri.path, strlen(uri.path)) != 0)
			abort();
		(void)gl_uri_host_is_loopback(&uri);
	} else if (error == NULL || error_offset > size) {
		abort();
	}
	gl_uri_free(&uri);
	free(text);
	return 0;
}
