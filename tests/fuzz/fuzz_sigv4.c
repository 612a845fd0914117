/*
 * fuzz_sigv4.c - libFuzzer harness: SigV4 canonicalisation of arbitrary
 * request parts (lint/sigv4.h).
 *
 * Input layout: one flags byte, then lines: method, path, query, amz_date,
 * region, then "name:value" header lines up to an empty line; the rest is the
 * body. Signing either fails cleanly or yields every output; the secret key
 * never appears in the Authorization value unless the input itself holds it.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sigv4.h"

#define FUZZ_MAX_HEADERS 32
#define FUZZ_SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Cut the next line off *cursor (NUL-terminating it in place); NULL at the end. */
static char *next_line(char **cursor, char *end)
{
	char *line = *cursor, *nl;

	if (line >= end)
		return NULL;
	nl = memchr(line, '\n', (size_t)(end - line));
	if (nl == NULL)
		nl = end;
	*nl = '\0';
	*cursor = nl + 1;
	return line;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sigv4_header headers[FUZZ_MAX_HEADERS];
	struct sigv4_request req;
	struct sigv4_credentials creds = { "AKIDEXAMPLE", FUZZ_SECRET, NULL };
	struct sigv4_signed out;
	char *text, *cursor, *end, *fields[5], *line;
	unsigned flags;
	size_t i;

	if (size < 1)
		return 0;
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	flags = data[0] & 7u;
	if (data[0] & 8u)
		creds.session_token = "IQoJb3JpZ2luX2VjEXAMPLE";
	cursor = text;
	end = text + size - 1;
	for (i = 0; i < 5; i++) {
		fields[i] = next_line(&cursor, end);
		if (fields[i] == NULL)
			fields[i] = "";
	}
	memset(&req, 0, sizeof(req));
	req.method = fields[0];
	req.path = fields[1];
	req.query = fields[2];
	while (req.header_count < FUZZ_MAX_HEADERS && (line = next_line(&cursor, end)) != NULL &&
	       line[0] != '\0') {
		char *colon = strchr(line, ':');

		if (colon == NULL)
			continue;
		*colon = '\0';
		headers[req.header_count].name = line;
		headers[req.header_count].value = colon + 1;
		req.header_count++;
	}
	req.headers = headers;
	req.body = cursor < end ? cursor : "";
	req.body_len = cursor < end ? (size_t)(end - cursor) : 0;
	memset(&out, 0, sizeof(out));
	if (sigv4_sign_request(&out, &req, &creds, fields[4], "sso", fields[3], flags) == 0) {
		if (out.canonical_request == NULL || out.string_to_sign == NULL ||
		    out.signed_headers == NULL || out.authorization == NULL ||
		    strlen(out.signature) != 64)
			abort();
		if (memmem(data, size, FUZZ_SECRET, strlen(FUZZ_SECRET)) == NULL &&
		    strstr(out.authorization, FUZZ_SECRET) != NULL)
			abort();
	}
	sigv4_signed_free(&out);
	free(text);
	return 0;
}
