/* diag.h - diagnostics: what rules find, with where, and the list that holds them. */
#ifndef GL_DIAG_H
#define GL_DIAG_H

#include <stddef.h>

#include "doc.h"

enum gl_severity {
	GL_SEV_INFO,
	GL_SEV_WARNING,
	GL_SEV_ERROR,
};

const char *gl_severity_name(enum gl_severity sev);
/* Parses "error", "warning", "info"; returns -1 for anything else. */
int gl_severity_parse(const char *name);

struct gl_rule;

struct gl_diag {
	char *path;          /* as displayed; owned */
	struct gl_pos start;
	struct gl_pos end;   /* exclusive */
	const struct gl_rule *rule;
	enum gl_severity severity;
	char *message;       /* owned */
	char *pointer;       /* JSON Pointer relative to the request, owned ("" = whole request) */
	int document;        /* request index in the file, -1 for the file as a whole */
	char *line_text;     /* the source line at start.line, without its line break; owned, may be NULL */
	char line_hash[24];  /* GitHub primaryLocationLineHash "<hex>:<n>", "" if unknown */
};

struct gl_diag_list {
	struct gl_diag *items;
	size_t count;
	size_t cap;
};

void gl_diag_list_init(struct gl_diag_list *list);

/* Append a copy of diag (strings are duplicated). Returns 0, or -1 out of memory. */
int gl_diag_list_push(struct gl_diag_list *list, const struct gl_diag *diag);

/* Move every item of src to the end of dst; src is left empty. */
int gl_diag_list_take(struct gl_diag_list *dst, struct gl_diag_list *src);

/* Sort by path, line, column, end, rule code, message (a total, stable order). */
void gl_diag_list_sort(struct gl_diag_list *list);

void gl_diag_list_free(struct gl_diag_list *list);

#endif
