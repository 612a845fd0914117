/* report_json.c - the stable JSON report (version 1) for other tools. */
#include <stdio.h>

#include "config.h"
#include "report.h"
#include "rule.h"

static int json_write(FILE *out, const struct gl_run *run, const struct gl_report_style *style)
{
	size_t i;

	(void)style;
	fprintf(out, "{\"version\":1,\"tool\":{\"name\":\"grantlint\",\"version\":\"%s\"},",
		PACKAGE_VERSION);
	fprintf(out, "\"summary\":{\"files\":%zu,\"errors\":%zu,\"warnings\":%zu,\"infos\":%zu},",
		run->file_count, run->errors, run->warnings, run->infos);
	fputs("\"diagnostics\":[", out);
	for (i = 0; i < run->diags.count; i++) {
		const struct gl_diag *d = &run->diags.items[i];

		fputs(i ? ",{" : "{", out);
		fputs("\"path\":", out);
		gl_report_json_string(out, d->path);
		fprintf(out, ",\"line\":%u,\"column\":%u,\"end_line\":%u,\"end_column\":%u,",
			d->start.line, d->start.col, d->end.line, d->end.col);
		fprintf(out, "\"rule\":\"%s\",\"name\":\"%s\",\"severity\":\"%s\",\"message\":",
			d->rule->code, d->rule->name, gl_severity_name(d->severity));
		gl_report_json_string(out, d->message);
		fputs(",\"pointer\":", out);
		gl_report_json_string(out, d->pointer);
		fprintf(out, ",\"document\":%d}", d->document);
	}
	fputs("]}\n", out);
	return ferror(out) ? -1 : 0;
}

const struct gl_reporter gl_reporter_json = {
	.name = "json",
	.description = "one JSON object: summary and diagnostics (stable, version 1)",
	.write = json_write,
};
