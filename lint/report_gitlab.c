/*
 * report_gitlab.c - GitLab Code Quality report (artifacts:reports:codequality).
 *
 * A JSON array of issues. Severity: error -> "major", warning -> "minor",
 * info -> "info" ("critical" and "blocker" are left for findings that would
 * be worse than a grant the API rejects; grantlint has none).
 *
 * The fingerprint is what GitLab uses to tell a new finding from an old one
 * between the merge request and its target: the SHA-256 (hex) of the path,
 * the rule code and the JSON Pointer in the request, so a finding that only
 * moves to another line keeps it. Two findings with the same three (the same
 * key in two requests of one file) are told apart by their order in the file:
 * the n-th repeat (n >= 2) also hashes n.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "report.h"
#include "rule.h"

#define FINGERPRINT_HEX (2 * 32 + 1)

static const char *gitlab_severity(enum gl_severity sev)
{
	static const char *const levels[] = {
		[GL_SEV_INFO] = "info", [GL_SEV_WARNING] = "minor", [GL_SEV_ERROR] = "major"
	};

	return levels[sev];
}

/*
 * SHA-256 of "path\0code\0pointer" (and "\0n" for the n-th repeat), as hex
 * into out. Returns 0, or -1 when the digest could not be computed.
 */
static int fingerprint(char out[FINGERPRINT_HEX], const struct gl_diag *d, size_t repeat)
{
	unsigned char md[32];
	unsigned int i;
	size_t lp = strlen(d->path), lc = strlen(d->rule->code);
	size_t lq = d->pointer ? strlen(d->pointer) : 0, len;
	char *buf = malloc(lp + lc + lq + 32);
	int rc = -1;

	if (buf == NULL)
		return -1;
	memcpy(buf, d->path, lp + 1);
	memcpy(buf + lp + 1, d->rule->code, lc + 1);
	if (lq)
		memcpy(buf + lp + lc + 2, d->pointer, lq);
	len = lp + lc + 2 + lq;
	if (repeat > 1)
		len += (size_t)snprintf(buf + len, 32, "%c%zu", '\0', repeat);
	if (gl_sha256(md, buf, len) == 0) {
		for (i = 0; i < sizeof(md); i++)
			snprintf(out + 2 * i, 3, "%02x", md[i]);
		rc = 0;
	}
	free(buf);
	return rc;
}

/* The widget shows only the description: end it with the rule, as text does. */
static int write_description(FILE *out, const struct gl_diag *d)
{
	size_t len = strlen(d->message) + strlen(d->rule->code) + strlen(d->rule->name) + 5;
	char *text = malloc(len);

	if (text == NULL)
		return -1;
	snprintf(text, len, "%s [%s %s]", d->message, d->rule->code, d->rule->name);
	gl_report_json_string(out, text);
	free(text);
	return 0;
}

/* Same path, rule and pointer: the findings a fingerprint cannot tell apart. */
static int identity_cmp(const struct gl_diag *a, const struct gl_diag *b)
{
	int c = strcmp(a->path, b->path);

	if (c == 0)
		c = strcmp(a->rule->code, b->rule->code);
	if (c == 0)
		c = strcmp(a->pointer ? a->pointer : "", b->pointer ? b->pointer : "");
	return c;
}

/* qsort order of diagnostic pointers: identity, then place in the run. */
static int identity_order(const void *pa, const void *pb)
{
	const struct gl_diag *a = *(const struct gl_diag *const *)pa;
	const struct gl_diag *b = *(const struct gl_diag *const *)pb;
	int c = identity_cmp(a, b);

	return c ? c : (a > b) - (a < b);
}

/*
 * For each diagnostic, which repeat of its identity it is in run order (1
 * for the first): sorted, so a file with thousands of findings stays fast.
 * Returns a malloc'd array, or NULL out of memory.
 */
static size_t *identity_repeats(const struct gl_run *run)
{
	const struct gl_diag *items = run->diags.items;
	size_t n = run->diags.count, i;
	const struct gl_diag **order = malloc((n ? n : 1) * sizeof(*order));
	size_t *repeat = malloc((n ? n : 1) * sizeof(*repeat));

	if (order == NULL || repeat == NULL) {
		free(order);
		free(repeat);
		return NULL;
	}
	for (i = 0; i < n; i++)
		order[i] = &items[i];
	qsort(order, n, sizeof(*order), identity_order);
	for (i = 0; i < n; i++)
		repeat[order[i] - items] = i > 0 && identity_cmp(order[i - 1], order[i]) == 0
						   ? repeat[order[i - 1] - items] + 1
						   : 1;
	free(order);
	return repeat;
}

static int gitlab_write(FILE *out, const struct gl_run *run, const struct gl_report_style *style)
{
	size_t i, *repeat = identity_repeats(run);
	int rc = 0;

	(void)style;
	if (repeat == NULL)
		return -1;
	fputc('[', out);
	for (i = 0; i < run->diags.count; i++) {
		const struct gl_diag *d = &run->diags.items[i];
		char fp[FINGERPRINT_HEX];

		if (fingerprint(fp, d, repeat[i]) < 0) {
			rc = -1;
			break;
		}
		fputs(i ? ",\n {\"description\": " : "\n {\"description\": ", out);
		if (write_description(out, d) < 0) {
			rc = -1;
			break;
		}
		fprintf(out, ", \"check_name\": \"%s\", \"fingerprint\": \"%s\", "
			     "\"severity\": \"%s\",\n  \"location\": {\"path\": ",
			d->rule->code, fp, gitlab_severity(d->severity));
		gl_report_json_string(out, gl_report_relative_path(d->path));
		fprintf(out, ", \"lines\": {\"begin\": %u}}}", d->start.line ? d->start.line : 1);
	}
	free(repeat);
	if (rc < 0)
		return -1;
	fputs(run->diags.count ? "\n]\n" : "]\n", out);
	return ferror(out) ? -1 : 0;
}

const struct gl_reporter gl_reporter_gitlab = {
	.name = "gitlab",
	.description = "GitLab Code Quality report (artifacts:reports:codequality)",
	.write = gitlab_write,
};
