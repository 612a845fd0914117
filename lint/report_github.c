/*
 * report_github.c - GitHub Actions workflow commands: findings become
 * annotations on the pull request.
 *
 * GitHub shows at most 10 annotations of each level (error, warning, notice)
 * per step and drops the rest silently. So after 10 of a level grantlint
 * stops annotating that level, says how many were left out in one closing
 * ::notice, and prints the full list as plain text in the log.
 *
 * Findings quote text from the grant file (unknown keys), which could hold a
 * line break followed by "::error ..." or "::add-mask::". Annotations escape
 * line breaks as GitHub specifies; the plain list shows control characters
 * as \n, \r, \xNN, so every finding stays on one line and none starts a command.
 */
#include <stdio.h>

#include "report.h"
#include "rule.h"

#define ANNOTATIONS_PER_LEVEL 10

static const char *github_level(enum gl_severity sev)
{
	static const char *const levels[] = {
		[GL_SEV_INFO] = "notice", [GL_SEV_WARNING] = "warning", [GL_SEV_ERROR] = "error"
	};

	return levels[sev];
}

/*
 * Write s escaped for a workflow command: in the message (data) '%', CR and
 * LF are percent-encoded; in a property value ':' and ',' are too, since
 * they separate properties.
 */
static void write_escaped(FILE *out, const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%':
			fputs("%25", out);
			break;
		case '\r':
			fputs("%0D", out);
			break;
		case '\n':
			fputs("%0A", out);
			break;
		case ':':
			fputs(property ? "%3A" : ":", out);
			break;
		case ',':
			fputs(property ? "%2C" : ",", out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

/* Text for the plain list: control characters made visible, one line. */
static void write_plain(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\r')
			fputs("\\r", out);
		else if (*p < 0x20 || *p == 0x7F)
			fprintf(out, "\\x%02X", *p);
		else
			fputc(*p, out);
	}
}

/* The full list, as the text format writes it (without colour or source). */
static void write_plain_list(FILE *out, const struct gl_run *run)
{
	size_t i;

	for (i = 0; i < run->diags.count; i++) {
		const struct gl_diag *d = &run->diags.items[i];

		fputs("  ", out);
		write_plain(out, d->path);
		fprintf(out, ":%u:%u: %s: ", d->start.line, d->start.col,
			gl_severity_name(d->severity));
		write_plain(out, d->message);
		fprintf(out, " [%s %s]\n", d->rule->code, d->rule->name);
	}
}

/*
 * One annotation. Columns are given only for a finding on one line (GitHub
 * supports no others); endColumn is the last column of the finding,
 * inclusive, as GitHub expects.
 */
static void write_annotation(FILE *out, const struct gl_diag *d)
{
	uint32_t line = d->start.line ? d->start.line : 1;
	uint32_t end_line = d->end.line >= line ? d->end.line : line;

	fprintf(out, "::%s file=", github_level(d->severity));
	write_escaped(out, gl_report_relative_path(d->path), true);
	fprintf(out, ",line=%u", line);
	if (end_line == line && d->start.col > 0) {
		uint32_t end_col = d->end.col > d->start.col ? d->end.col - 1 : d->start.col;

		fprintf(out, ",col=%u,endColumn=%u", d->start.col, end_col);
	}
	fprintf(out, ",endLine=%u,title=", end_line);
	write_escaped(out, d->rule->code, true);
	fputc(' ', out);
	write_escaped(out, d->rule->name, true);
	fputs("::", out);
	write_escaped(out, d->message, false);
	fputc('\n', out);
}

static int github_write(FILE *out, const struct gl_run *run, const struct gl_report_style *style)
{
	size_t shown[3] = { 0, 0, 0 }, hidden[3] = { 0, 0, 0 }, cap[3], i;
	bool over;

	(void)style;
	over = run->errors > ANNOTATIONS_PER_LEVEL || run->warnings > ANNOTATIONS_PER_LEVEL ||
	       run->infos > ANNOTATIONS_PER_LEVEL;
	cap[GL_SEV_ERROR] = cap[GL_SEV_WARNING] = ANNOTATIONS_PER_LEVEL;
	/* The closing notice counts against the notice cap: keep room for it. */
	cap[GL_SEV_INFO] = over ? ANNOTATIONS_PER_LEVEL - 1 : ANNOTATIONS_PER_LEVEL;
	for (i = 0; i < run->diags.count; i++) {
		const struct gl_diag *d = &run->diags.items[i];

		if (shown[d->severity] < cap[d->severity]) {
			write_annotation(out, d);
			shown[d->severity]++;
		} else {
			hidden[d->severity]++;
		}
	}
	if (hidden[GL_SEV_ERROR] + hidden[GL_SEV_WARNING] + hidden[GL_SEV_INFO] > 0) {
		fprintf(out,
			"::notice title=grantlint::%zu more findings are not annotated "
			"(%zu errors, %zu warnings, %zu infos; GitHub shows %d of each level); "
			"the full list follows in the log\n",
			hidden[GL_SEV_ERROR] + hidden[GL_SEV_WARNING] + hidden[GL_SEV_INFO],
			hidden[GL_SEV_ERROR], hidden[GL_SEV_WARNING], hidden[GL_SEV_INFO],
			ANNOTATIONS_PER_LEVEL);
		write_plain_list(out, run);
	}
	return ferror(out) ? -1 : 0;
}

const struct gl_reporter gl_reporter_github = {
	.name = "github",
	.description = "GitHub Actions annotations (the default when GITHUB_ACTIONS=true)",
	.write = github_write,
};
