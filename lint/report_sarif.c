/*
 * report_sarif.c - SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDEs).
 *
 * One run; tool.driver lists every registered rule with its documentation;
 * each result has one location with a repository-relative URI (the display
 * path, percent-encoded, against %SRCROOT%), a region whose end column is
 * exclusive and at least one past the start, and the GitHub line hash the
 * engine computed from the bytes linted. Written as a stream, the same way
 * as the JSON report, so that no JSON library handle lives here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "report.h"
#include "rule.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define GL_INFORMATION_URI "https://github.com/grantlint/grantlint"

/* SARIF's level for a severity: "error", "warning" or "note". */
static const char *sarif_level(enum gl_severity sev)
{
	static const char *const levels[] = {
		[GL_SEV_INFO] = "note", [GL_SEV_WARNING] = "warning", [GL_SEV_ERROR] = "error"
	};

	return levels[sev];
}

/* Unreserved characters of RFC 3986 and '/', which a relative path keeps. */
static int uri_keeps(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
}

/*
 * The display path as a URI reference, inside a JSON string: a relative path
 * stays relative (without a leading "./"), an absolute one becomes a file URI.
 * Every other byte, spaces and UTF-8 included, is percent-encoded; none of
 * the output needs JSON escaping.
 */
static void write_uri(FILE *out, const char *path)
{
	const unsigned char *p = (const unsigned char *)path;

	fputc('"', out);
	if (*p == '/')
		fputs("file://", out);
	else
		p = (const unsigned char *)gl_report_relative_path(path);
	for (; *p; p++) {
		if (uri_keeps(*p))
			fputc(*p, out);
		else
			fprintf(out, "%%%02X", *p);
	}
	fputc('"', out);
}

static int is_doc_heading(const char *line, size_t len)
{
	static const char *const headings[] = { "What it does", "Why it matters", "Example",
						"Fix" };
	size_t i;

	for (i = 0; i < sizeof(headings) / sizeof(headings[0]); i++)
		if (strlen(headings[i]) == len && !memcmp(headings[i], line, len))
			return 1;
	return 0;
}

/*
 * A rule's documentation as Markdown, into a JSON string: each section
 * heading in bold, the section bodies unindented, the Example section as a
 * fenced code block so that its YAML keeps its layout. Out of memory, the
 * plain text instead.
 */
static void write_doc_markdown(FILE *out, const char *doc)
{
	const char *line = doc;
	int in_example = 0;
	FILE *md;
	char *text = NULL;
	size_t text_len = 0;

	md = open_memstream(&text, &text_len);
	if (md == NULL) {
		gl_report_json_string(out, doc);
		return;
	}
	while (*line) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);

		if (is_doc_heading(line, len)) {
			if (in_example)
				fputs("```\n\n", md);
			in_example = len == 7 && !memcmp(line, "Example", 7);
			fprintf(md, "**%.*s**\n\n", (int)len, line);
			if (in_example)
				fputs("```text\n", md);
		} else if (len == 0) {
			if (!in_example)
				fputc('\n', md);
		} else {
			/* Section bodies are indented by two; Reference lines are not. */
			size_t skip = len >= 2 && line[0] == ' ' && line[1] == ' ' ? 2 : 0;

			fprintf(md, "%.*s\n", (int)(len - skip), line + skip);
		}
		line += len + (nl ? 1 : 0);
	}
	if (in_example)
		fputs("```\n", md);
	if (fclose(md) != 0) {
		free(text);
		gl_report_json_string(out, doc);
		return;
	}
	gl_report_json_string(out, text);
	free(text);
}

/*
 * The body of the doc's first section ("What it does") as one paragraph, into
 * a JSON string; the summary when the doc has no such section (or out of
 * memory).
 */
static void write_doc_description(FILE *out, const struct gl_rule *r)
{
	static const char heading[] = "What it does\n";
	const char *p = r->doc;
	char *text;
	size_t len = 0;

	if (strncmp(p, heading, sizeof(heading) - 1) != 0 ||
	    (text = malloc(strlen(p) + 1)) == NULL) {
		gl_report_json_string(out, r->summary);
		return;
	}
	p += sizeof(heading) - 1;
	while (*p == ' ') {
		const char *nl = strchr(p, '\n');
		size_t n;

		while (*p == ' ')
			p++;
		n = nl ? (size_t)(nl - p) : strlen(p);
		if (len > 0)
			text[len++] = ' ';
		memcpy(text + len, p, n);
		len += n;
		p += n + (nl ? 1 : 0);
	}
	text[len] = '\0';
	gl_report_json_string(out, len > 0 ? text : r->summary);
	free(text);
}

static void write_rules(FILE *out)
{
	size_t i;

	for (i = 0; i < gl_rules_count; i++) {
		const struct gl_rule *r = gl_rules[i];

		fprintf(out, "%s\n            {\"id\": \"%s\", \"name\": ", i ? "," : "", r->code);
		gl_report_json_string(out, r->name);
		fputs(",\n             \"shortDescription\": {\"text\": ", out);
		gl_report_json_string(out, r->summary);
		fputs("},\n             \"fullDescription\": {\"text\": ", out);
		write_doc_description(out, r);
		fputs("},\n             \"help\": {\"text\": ", out);
		gl_report_json_string(out, r->doc);
		fputs(",\n                      \"markdown\": ", out);
		write_doc_markdown(out, r->doc);
		fprintf(out, "},\n             \"defaultConfiguration\": {\"level\": \"%s\"}}",
			sarif_level(r->severity));
	}
}

/*
 * The region: lines and columns from 1 (a finding about the whole file is
 * placed at 1:1), the end column exclusive and never before start + 1, so a
 * zero-width range (an insertion point) is one character wide.
 */
static void write_region(FILE *out, const struct gl_diag *d)
{
	uint32_t sl = d->start.line ? d->start.line : 1, sc = d->start.col ? d->start.col : 1;
	uint32_t el = d->end.line, ec = d->end.col;

	if (el < sl || (el == sl && ec <= sc)) {
		el = sl;
		ec = sc + 1;
	}
	if (ec == 0)
		ec = 1;
	fprintf(out,
		"\"region\": {\"startLine\": %u, \"startColumn\": %u, "
		"\"endLine\": %u, \"endColumn\": %u",
		sl, sc, el, ec);
	fputc('}', out);
}

static void write_result(FILE *out, const struct gl_diag *d, int first)
{
	fprintf(out, "%s\n        {\"ruleId\": \"%s\", \"ruleIndex\": %zu, \"level\": \"%s\",",
		first ? "" : ",", d->rule->code, gl_rule_index(d->rule), sarif_level(d->severity));
	fputs("\n         \"message\": {\"text\": ", out);
	gl_report_json_string(out, d->message);
	fputs("},\n         \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ",
	      out);
	write_uri(out, d->path);
	if (d->path[0] != '/')
		fputs(", \"uriBaseId\": \"%SRCROOT%\"", out);
	fputs("},\n           ", out);
	write_region(out, d);
	fputs("}}]", out);
	if (d->line_hash[0] != '\0') {
		fputs(",\n         \"partialFingerprints\": {\"primaryLocationLineHash\": ", out);
		gl_report_json_string(out, d->line_hash);
		fputc('}', out);
	}
	/* Where in the request, as the JSON report says it. */
	fprintf(out, ",\n         \"properties\": {\"document\": %d, \"pointer\": ", d->document);
	gl_report_json_string(out, d->pointer ? d->pointer : "");
	fputs("}}", out);
}

static int sarif_write(FILE *out, const struct gl_run *run, const struct gl_report_style *style)
{
	size_t i;

	(void)style;
	fputs("{\n  \"$schema\": \"" SARIF_SCHEMA "\",\n  \"version\": \"2.1.0\",\n"
	      "  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n"
	      "          \"name\": \"grantlint\",\n",
	      out);
	fprintf(out, "          \"version\": \"%s\",\n          \"semanticVersion\": \"%s\",\n",
		PACKAGE_VERSION, PACKAGE_VERSION);
	fputs("          \"informationUri\": \"" GL_INFORMATION_URI "\",\n"
	      "          \"rules\": [",
	      out);
	write_rules(out);
	fputs("\n          ]\n        }\n      },\n"
	      "      \"columnKind\": \"unicodeCodePoints\",\n"
	      "      \"results\": [",
	      out);
	for (i = 0; i < run->diags.count; i++)
		write_result(out, &run->diags.items[i], i == 0);
	fputs("\n      ]\n    }\n  ]\n}\n", out);
	return ferror(out) ? -1 : 0;
}

const struct gl_reporter gl_reporter_sarif = {
	.name = "sarif",
	.description = "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers",
	.write = sarif_write,
};
