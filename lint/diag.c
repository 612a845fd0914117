/* diag.c - the diagnostic list: append, merge, sort, free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "rule.h"

const char *gl_severity_name(enum gl_severity sev)
{
	switch (sev) {
	case GL_SEV_ERROR:
		return "error";
	case GL_SEV_WARNING:
		return "warning";
	case GL_SEV_INFO:
		return "info";
	}
	return "error";
}

int gl_severity_parse(const char *name)
{
	if (!strcmp(name, "error"))
		return GL_SEV_ERROR;
	if (!strcmp(name, "warning"))
		return GL_SEV_WARNING;
	if (!strcmp(name, "info"))
		return GL_SEV_INFO;
	return -1;
}

void gl_diag_list_init(struct gl_diag_list *list)
{
	list->items = NULL;
	list->count = list->cap = 0;
}

static void diag_free(struct gl_diag *d)
{
	free(d->path);
	free(d->message);
	free(d->pointer);
	free(d->line_text);
}

static int list_reserve(struct gl_diag_list *list, size_t extra)
{
	if (list->count + extra > list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 16;
		struct gl_diag *items;

		while (cap < list->count + extra)
			cap *= 2;
		items = realloc(list->items, cap * sizeof(*items));
		if (items == NULL)
			return -1;
		list->items = items;
		list->cap = cap;
	}
	return 0;
}

/*
 * A copy of a message with control characters written as escapes (\n, \r,
 * \t, \xNN): a message quotes text from the file, and a raw newline or
 * escape sequence there would forge lines of the report or drive the
 * terminal. Every reporter gets one-line, printable messages.
 */
static char *message_dup(const char *msg)
{
	size_t n = 0, i;
	char *out, *p;

	for (i = 0; msg[i]; i++)
		n += ((unsigned char)msg[i] < 0x20 || msg[i] == 0x7F) ? 4 : 1;
	out = malloc(n + 1);
	if (out == NULL)
		return NULL;
	for (p = out, i = 0; msg[i]; i++) {
		unsigned char c = (unsigned char)msg[i];

		if (c == '\n' || c == '\r' || c == '\t') {
			*p++ = '\\';
			*p++ = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
		} else if (c < 0x20 || c == 0x7F) {
			p += sprintf(p, "\\x%02X", c);
		} else {
			*p++ = (char)c;
		}
	}
	*p = '\0';
	return out;
}

int gl_diag_list_push(struct gl_diag_list *list, const struct gl_diag *diag)
{
	struct gl_diag *d;

	if (list_reserve(list, 1) < 0)
		return -1;
	d = &list->items[list->count];
	*d = *diag;
	d->path = strdup(diag->path ? diag->path : "");
	d->message = message_dup(diag->message ? diag->message : "");
	d->pointer = strdup(diag->pointer ? diag->pointer : "");
	d->line_text = diag->line_text ? strdup(diag->line_text) : NULL;
	if (d->path == NULL || d->message == NULL || d->pointer == NULL ||
	    (diag->line_text != NULL && d->line_text == NULL)) {
		diag_free(d);
		return -1;
	}
	list->count++;
	return 0;
}

int gl_diag_list_take(struct gl_diag_list *dst, struct gl_diag_list *src)
{
	if (src->count == 0)
		return 0;
	if (list_reserve(dst, src->count) < 0)
		return -1;
	memcpy(dst->items + dst->count, src->items, src->count * sizeof(*src->items));
	dst->count += src->count;
	src->count = 0;
	return 0;
}

static int diag_compare(const void *pa, const void *pb)
{
	const struct gl_diag *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);

	if (c)
		return c;
	if (a->start.line != b->start.line)
		return a->start.line < b->start.line ? -1 : 1;
	if (a->start.col != b->start.col)
		return a->start.col < b->start.col ? -1 : 1;
	if (a->end.line != b->end.line)
		return a->end.line < b->end.line ? -1 : 1;
	if (a->end.col != b->end.col)
		return a->end.col < b->end.col ? -1 : 1;
	c = strcmp(a->rule->code, b->rule->code);
	if (c)
		return c;
	return strcmp(a->message, b->message);
}

void gl_diag_list_sort(struct gl_diag_list *list)
{
	if (list->count > 1)
		qsort(list->items, list->count, sizeof(*list->items), diag_compare);
}

void gl_diag_list_free(struct gl_diag_list *list)
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; i < list->count; i++)
		diag_free(&list->items[i]);
	free(list->items);
	gl_diag_list_init(list);
}
