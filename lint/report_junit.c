/*
 * report_junit.c - JUnit XML, for CI systems that read only test reports.
 *
 * One <testsuite> per file linted (clean files too), one <testcase> per
 * request in it ("request 1", "request 2", ...), plus a testcase "file" for
 * findings about the file as a whole (and for a file with no request at all).
 * Each error is a <failure>; warnings and infos do not fail a test case: they
 * are listed in its <system-out>, so they show without turning the report red.
 */
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "rule.h"

/* Length of the valid UTF-8 sequence at p (1-4), or 0 when it is not one. */
static size_t utf8_sequence(const unsigned char *p, uint32_t *cp)
{
	size_t n, i;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		n = 2, *cp = p[0] & 0x1F;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		n = 3, *cp = p[0] & 0x0F;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		n = 4, *cp = p[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (p[i] & 0x3F);
	}
	if ((n == 3 && *cp < 0x800) || (n == 4 && (*cp < 0x10000 || *cp > 0x10FFFF)) ||
	    (*cp >= 0xD800 && *cp <= 0xDFFF))
		return 0;
	return n;
}

/*
 * Write s as XML 1.0 character data or attribute value: markup characters
 * as entities, CR always and LF and tab in attributes as character
 * references (so that they survive end-of-line and attribute-value
 * normalisation), and what XML 1.0 cannot hold at
 * all (control characters, U+FFFE, U+FFFF, invalid UTF-8) as U+FFFD.
 */
static void write_xml(FILE *out, const char *s, bool attribute)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		uint32_t cp;
		size_t n = utf8_sequence(p, &cp);

		if (n == 0) {
			fputs("\xEF\xBF\xBD", out);
			p++;
			continue;
		}
		switch (cp) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs(attribute ? "&quot;" : "\"", out);
			break;
		case '\r':
			/* A parser turns a literal CR into LF, in text too. */
			fputs("&#13;", out);
			break;
		case '\t':
		case '\n':
			if (attribute)
				fprintf(out, "&#%u;", cp);
			else
				fputc((int)cp, out);
			break;
		default:
			if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF)
				fputs("\xEF\xBF\xBD", out);
			else
				fwrite(p, 1, n, out);
		}
		p += n;
	}
}

/* The first diagnostic of path (they are sorted by path), or count if none. */
static size_t first_diag_of(const struct gl_run *run, const char *path)
{
	size_t lo = 0, hi = run->diags.count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(run->diags.items[mid].path, path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void write_finding_text(FILE *out, const struct gl_diag *d)
{
	char where[64];

	snprintf(where, sizeof(where), ":%u:%u: ", d->start.line, d->start.col);
	write_xml(out, d->path, false);
	fprintf(out, "%s%s: ", where, gl_severity_name(d->severity));
	write_xml(out, d->message, false);
	fprintf(out, " [%s %s]", d->rule->code, d->rule->name);
}

/* One test case: the findings of [from, to) that belong to document doc. */
static void write_testcase(FILE *out, const char *path, int doc, const struct gl_diag *from,
			   const struct gl_diag *to)
{
	const struct gl_diag *d;
	bool others = false;

	fputs("    <testcase classname=\"", out);
	write_xml(out, gl_report_relative_path(path), true);
	if (doc < 0)
		fputs("\" name=\"file\"", out);
	else
		fprintf(out, "\" name=\"request %d\"", doc + 1);
	for (d = from; d < to; d++)
		if (d->document == doc)
			break;
	if (d == to) {
		fputs("/>\n", out);
		return;
	}
	fputs(">\n", out);
	for (d = from; d < to; d++) {
		if (d->document != doc)
			continue;
		if (d->severity != GL_SEV_ERROR) {
			others = true;
			continue;
		}
		fprintf(out, "      <failure type=\"%s %s\" message=\"", d->rule->code,
			d->rule->name);
		write_xml(out, d->message, true);
		fputs("\">", out);
		write_finding_text(out, d);
		fputs("</failure>\n", out);
	}
	if (others) {
		fputs("      <system-out>", out);
		for (d = from; d < to; d++)
			if (d->document == doc && d->severity != GL_SEV_ERROR) {
				write_finding_text(out, d);
				fputc('\n', out);
			}
		fputs("</system-out>\n", out);
	}
	fputs("    </testcase>\n", out);
}

static int junit_write(FILE *out, const struct gl_run *run, const struct gl_report_style *style)
{
	size_t f, tests = 0, failures = 0;
	const struct gl_diag *all = run->diags.items;

	(void)style;
	/* Totals first: the root element carries them. */
	for (f = 0; f < run->file_count; f++) {
		size_t i = first_diag_of(run, run->files[f].path);
		bool file_level = run->files[f].documents == 0;

		for (; i < run->diags.count && !strcmp(all[i].path, run->files[f].path); i++) {
			failures += all[i].severity == GL_SEV_ERROR;
			file_level |= all[i].document < 0;
		}
		tests += run->files[f].documents + file_level;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out, "<testsuites name=\"grantlint\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n",
		tests, failures);
	for (f = 0; f < run->file_count; f++) {
		const struct gl_run_file *file = &run->files[f];
		size_t from = first_diag_of(run, file->path), to = from, errors = 0, cases;
		bool file_level = file->documents == 0;
		int doc;

		for (; to < run->diags.count && !strcmp(all[to].path, file->path); to++) {
			errors += all[to].severity == GL_SEV_ERROR;
			file_level |= all[to].document < 0;
		}
		cases = file->documents + file_level;
		fputs("  <testsuite name=\"", out);
		write_xml(out, gl_report_relative_path(file->path), true);
		fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\">\n", cases,
			errors);
		if (file_level)
			write_testcase(out, file->path, -1, all + from, all + to);
		for (doc = 0; (unsigned)doc < file->documents; doc++)
			write_testcase(out, file->path, doc, all + from, all + to);
		fputs("  </testsuite>\n", out);
	}
	fputs("</testsuites>\n", out);
	return ferror(out) ? -1 : 0;
}

const struct gl_reporter gl_reporter_junit = {
	.name = "junit",
	.description = "JUnit XML: a test suite per file, a test case per request",
	.write = junit_write,
};
