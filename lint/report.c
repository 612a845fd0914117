/* report.c - the reporter table and helpers that several formats share. */
#include <string.h>

#include "report.h"

const struct gl_reporter *const gl_reporters[] = {
	&gl_reporter_text,
	&gl_reporter_json,
	&gl_reporter_sarif,
	&gl_reporter_github,
	&gl_reporter_gitlab,
	&gl_reporter_junit,
};

const size_t gl_reporters_count = sizeof(gl_reporters) / sizeof(gl_reporters[0]);

const struct gl_reporter *gl_reporter_find(const char *name)
{
	size_t i;

	for (i = 0; i < gl_reporters_count; i++)
		if (!strcmp(gl_reporters[i]->name, name))
			return gl_reporters[i];
	return NULL;
}

void gl_report_json_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', out);
	for (; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

const char *gl_report_relative_path(const char *path)
{
	while (path[0] == '.' && path[1] == '/') {
		path += 2;
		while (*path == '/')
			path++;
	}
	return path;
}
