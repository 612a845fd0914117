/*
 * report.h - reporters: a finished run written in one output format.
 * Reporters only format; they never re-read or re-parse a file.
 */
#ifndef GL_REPORT_H
#define GL_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "run.h"

struct gl_report_style {
	bool color;        /* ANSI colour */
	bool show_source;  /* the source line and a caret under the finding */
	bool summary;      /* the closing summary line (text) */
};

struct gl_reporter {
	const char *name;
	const char *description;
	/* Write the report; returns 0, or -1 when writing failed (errno set). */
	int (*write)(FILE *out, const struct gl_run *run, const struct gl_report_style *style);
};

extern const struct gl_reporter gl_reporter_text;
extern const struct gl_reporter gl_reporter_json;
extern const struct gl_reporter gl_reporter_sarif;
extern const struct gl_reporter gl_reporter_github;
extern const struct gl_reporter gl_reporter_gitlab;
extern const struct gl_reporter gl_reporter_junit;

/* Every reporter, and lookup by name (NULL when unknown). */
extern const struct gl_reporter *const gl_reporters[];
extern const size_t gl_reporters_count;
const struct gl_reporter *gl_reporter_find(const char *name);

/*
 * The display path as the repository-relative path CI systems expect:
 * without leading "./" (a path inside path, not a copy).
 */
const char *gl_report_relative_path(const char *path);

/* Write s as a JSON string literal (with quotes). */
void gl_report_json_string(FILE *out, const char *s);

#endif
