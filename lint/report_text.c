/* report_text.c - path:line:col messages for people, with the source line. */
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "rule.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_YELLOW "\033[1;33m"
#define C_BLUE "\033[1;34m"
#define C_GREEN "\033[1;32m"
#define C_DIM "\033[2m"

static const char *severity_color(enum gl_severity sev)
{
	switch (sev) {
	case GL_SEV_ERROR:
		return C_RED;
	case GL_SEV_WARNING:
		return C_YELLOW;
	case GL_SEV_INFO:
		return C_BLUE;
	}
	return "";
}

/*
 * The source line, then a caret line: columns count characters, and tabs in
 * the line are kept under the caret so that it lines up in any terminal.
 */
static void write_source(FILE *out, const struct gl_diag *d, bool color)
{
	const unsigned char *p = (const unsigned char *)d->line_text, *q;
	uint32_t col = 1, n, left = 0, i;

	if (p == NULL)
		return;
	fprintf(out, "  %s\n  ", d->line_text);
	for (; *p && col < d->start.col; p++) {
		if ((*p & 0xC0) == 0x80)
			continue;
		fputc(*p == '\t' ? '\t' : ' ', out);
		col++;
	}
	for (q = p; *q; q++)
		if ((*q & 0xC0) != 0x80)
			left++;
	n = d->end.line == d->start.line && d->end.col > d->start.col
		    ? d->end.col - d->start.col
		    : left;
	if (n == 0)
		n = 1;
	if (color)
		fputs(severity_color(d->severity), out);
	fputc('^', out);
	for (i = 1; i < n; i++)
		fputc('~', out);
	if (color)
		fputs(C_RESET, out);
	fputc('\n', out);
}

static int text_write(FILE *out, const struct gl_run *run, const struct gl_report_style *style)
{
	size_t i;

	for (i = 0; i < run->diags.count; i++) {
		const struct gl_diag *d = &run->diags.items[i];

		if (style->color)
			fprintf(out, C_BOLD "%s:%u:%u:" C_RESET " %s%s:" C_RESET " %s " C_DIM
					 "[%s %s]" C_RESET "\n",
				d->path, d->start.line, d->start.col, severity_color(d->severity),
				gl_severity_name(d->severity), d->message, d->rule->code,
				d->rule->name);
		else
			fprintf(out, "%s:%u:%u: %s: %s [%s %s]\n", d->path, d->start.line,
				d->start.col, gl_severity_name(d->severity), d->message,
				d->rule->code, d->rule->name);
		if (style->show_source)
			write_source(out, d, style->color);
	}
	if (style->summary) {
		const char *c = !style->color ? ""
				: run->errors ? C_RED
				: run->warnings ? C_YELLOW
				: C_GREEN;

		fprintf(out, "%s%zu file%s checked: %zu error%s, %zu warning%s, %zu info%s", c,
			run->file_count, run->file_count == 1 ? "" : "s", run->errors,
			run->errors == 1 ? "" : "s", run->warnings, run->warnings == 1 ? "" : "s",
			run->infos, run->infos == 1 ? "" : "s");
		if (run->baseline_hidden || run->baseline_fixed)
			fprintf(out, "; baseline: %zu hidden, %zu fixed", run->baseline_hidden,
				run->baseline_fixed);
		fprintf(out, "%s\n", style->color ? C_RESET : "");
	}
	return ferror(out) ? -1 : 0;
}

const struct gl_reporter gl_reporter_text = {
	.name = "text",
	.description = "path:line:col: severity: message [code name], for people",
	.write = text_write,
};
