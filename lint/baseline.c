/* baseline.c - write, read and apply .grantlint-baseline.json. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "conf.h"
#include "report.h"
#include "rule.h"

void gl_baseline_init(struct gl_baseline *b)
{
	memset(b, 0, sizeof(*b));
}

void gl_baseline_free(struct gl_baseline *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->count; i++) {
		free(b->entries[i].path);
		free(b->entries[i].rule);
		free(b->entries[i].pointer);
	}
	free(b->entries);
	free(b->dir);
	gl_baseline_init(b);
}

/*
 * The offending text is the finding's range on its first line (to the end
 * of that line when the range goes on), with runs of white space collapsed:
 * what was wrong, not where it was.
 */
void gl_baseline_hash(const struct gl_diag *d, char out[17])
{
	const unsigned char *p = (const unsigned char *)(d->line_text ? d->line_text : "");
	uint64_t h = 0xcbf29ce484222325ULL;
	uint32_t col = 1;
	bool space = false, started = false;

	for (; *p && col < d->start.col; p++)
		if ((*p & 0xC0) != 0x80)
			col++;
	for (; *p; p++) {
		if ((*p & 0xC0) != 0x80) {
			if (d->end.line == d->start.line && col >= d->end.col)
				break;
			col++;
		}
		if (*p == ' ' || *p == '\t') {
			space = started;
			continue;
		}
		if (space) {
			h = (h ^ ' ') * 0x100000001b3ULL;
			space = false;
		}
		h = (h ^ *p) * 0x100000001b3ULL;
		started = true;
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* A path made relative to dir when it lies below it; malloc'd. */
static char *relative_path(const char *dir, const char *path)
{
	char abs[PATH_MAX];
	size_t n = strlen(dir);

	if (dir != NULL && realpath(path, abs) != NULL && !strncmp(abs, dir, n) && abs[n] == '/')
		return strdup(abs + n + 1);
	return strdup(path);
}

static int entry_compare(const void *pa, const void *pb)
{
	const struct gl_baseline_entry *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);

	if (c == 0)
		c = strcmp(a->rule, b->rule);
	if (c == 0)
		c = strcmp(a->pointer, b->pointer);
	if (c == 0)
		c = strcmp(a->hash, b->hash);
	return c;
}

static struct gl_baseline_entry *find_entry(struct gl_baseline *b, const char *path,
					    const char *rule, const char *pointer, const char *hash)
{
	struct gl_baseline_entry key;

	key.path = (char *)path;
	key.rule = (char *)rule;
	key.pointer = (char *)pointer;
	memcpy(key.hash, hash, sizeof(key.hash));
	return b->count ? bsearch(&key, b->entries, b->count, sizeof(key), entry_compare) : NULL;
}

/* Gather a run's findings as entries (sorted, duplicates counted). */
static int collect(struct gl_baseline *b, const struct gl_run *run)
{
	size_t i, n = 0;

	b->entries = calloc(run->diags.count ? run->diags.count : 1, sizeof(*b->entries));
	if (b->entries == NULL)
		return -1;
	for (i = 0; i < run->diags.count; i++) {
		const struct gl_diag *d = &run->diags.items[i];
		struct gl_baseline_entry *e = &b->entries[n];

		gl_baseline_hash(d, e->hash);
		e->path = relative_path(b->dir, d->path);
		e->rule = strdup(d->rule->code);
		e->pointer = strdup(d->pointer);
		e->count = 1;
		n++;
		b->count = n;
		if (e->path == NULL || e->rule == NULL || e->pointer == NULL)
			return -1;
	}
	qsort(b->entries, n, sizeof(*b->entries), entry_compare);
	/* Merge equal entries into one with a count. */
	for (i = 1, n = b->count ? 1 : 0; i < b->count; i++) {
		struct gl_baseline_entry *last = &b->entries[n - 1], *e = &b->entries[i];

		if (entry_compare(last, e) == 0) {
			last->count++;
			free(e->path);
			free(e->rule);
			free(e->pointer);
		} else {
			b->entries[n++] = *e;
		}
	}
	b->count = n;
	return 0;
}

int gl_baseline_write(const char *path, const struct gl_run *run)
{
	struct gl_baseline b;
	FILE *out;
	size_t i;
	int rc = 0;

	gl_baseline_init(&b);
	b.dir = gl_absolute_folder_of(path);
	if (b.dir == NULL || collect(&b, run) < 0) {
		gl_baseline_free(&b);
		errno = b.dir == NULL ? errno : ENOMEM;
		return -1;
	}
	out = fopen(path, "w");
	if (out == NULL) {
		gl_baseline_free(&b);
		return -1;
	}
	fputs("{\n  \"version\": 1,\n  \"tool\": \"grantlint\",\n  \"findings\": [", out);
	for (i = 0; i < b.count; i++) {
		const struct gl_baseline_entry *e = &b.entries[i];

		fputs(i ? ",\n    {\"path\": " : "\n    {\"path\": ", out);
		gl_report_json_string(out, e->path);
		fprintf(out, ", \"rule\": \"%s\", \"pointer\": ", e->rule);
		gl_report_json_string(out, e->pointer);
		fprintf(out, ", \"hash\": \"%s\", \"count\": %u}", e->hash, e->count);
	}
	fputs(b.count ? "\n  ]\n}\n" : "]\n}\n", out);
	if (ferror(out))
		rc = -1;
	if (fclose(out) != 0)
		rc = -1;
	gl_baseline_free(&b);
	return rc;
}

static char *read_text(const char *file)
{
	FILE *f = fopen(file, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL)
		return NULL;
	for (;;) {
		if (len + 4096 + 1 > cap) {
			char *grown;

			cap = cap ? cap * 2 : 8192;
			grown = realloc(buf, cap);
			if (grown == NULL) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = grown;
		}
		n = fread(buf + len, 1, 4096, f);
		len += n;
		if (n < 4096)
			break;
	}
	fclose(f);
	buf[len] = '\0';
	return buf;
}

int gl_baseline_read(struct gl_baseline *b, const char *file)
{
	char *text = read_text(file);
	cJSON *root = NULL, *findings, *item;
	size_t i = 0;
	int rc = 0;

	if (text == NULL) {
		if (errno == ENOMEM)
			return -2;
		fprintf(stderr, "grantlint: cannot read baseline '%s': %s\n", file, strerror(errno));
		return -1;
	}
	b->dir = gl_absolute_folder_of(file);
	root = cJSON_Parse(text);
	findings = cJSON_GetObjectItemCaseSensitive(root, "findings");
	if (b->dir == NULL || root == NULL || !cJSON_IsArray(findings)) {
		fprintf(stderr, "grantlint: %s is not a grantlint baseline (write one with "
				"'grantlint baseline write')\n", file);
		rc = -1;
		goto done;
	}
	b->entries = calloc((size_t)cJSON_GetArraySize(findings) + 1, sizeof(*b->entries));
	if (b->entries == NULL) {
		rc = -2;
		goto done;
	}
	cJSON_ArrayForEach(item, findings) {
		cJSON *path = cJSON_GetObjectItemCaseSensitive(item, "path");
		cJSON *rule = cJSON_GetObjectItemCaseSensitive(item, "rule");
		cJSON *ptr = cJSON_GetObjectItemCaseSensitive(item, "pointer");
		cJSON *hash = cJSON_GetObjectItemCaseSensitive(item, "hash");
		cJSON *count = cJSON_GetObjectItemCaseSensitive(item, "count");
		struct gl_baseline_entry *e = &b->entries[b->count];

		if (!cJSON_IsString(path) || !cJSON_IsString(rule) || !cJSON_IsString(ptr) ||
		    !cJSON_IsString(hash) || strlen(hash->valuestring) != 16 ||
		    (count != NULL && (!cJSON_IsNumber(count) || count->valuedouble < 1))) {
			fprintf(stderr, "grantlint: %s: finding %zu needs path, rule, pointer, a "
					"16-digit hash and a count of at least 1\n", file, i + 1);
			rc = -1;
			goto done;
		}
		e->path = strdup(path->valuestring);
		e->rule = strdup(rule->valuestring);
		e->pointer = strdup(ptr->valuestring);
		memcpy(e->hash, hash->valuestring, 17);
		e->count = count ? (unsigned)count->valuedouble : 1;
		b->count++;
		if (e->path == NULL || e->rule == NULL || e->pointer == NULL) {
			rc = -2;
			goto done;
		}
		i++;
	}
	qsort(b->entries, b->count, sizeof(*b->entries), entry_compare);
done:
	cJSON_Delete(root);
	free(text);
	return rc;
}

int gl_baseline_apply(struct gl_baseline *b, struct gl_run *run)
{
	size_t i, kept = 0;

	run->baseline_hidden = run->baseline_fixed = 0;
	for (i = 0; i < run->diags.count; i++) {
		struct gl_diag *d = &run->diags.items[i];
		struct gl_baseline_entry *e;
		char hash[17], *rel = relative_path(b->dir, d->path);

		if (rel == NULL)
			return -1;
		gl_baseline_hash(d, hash);
		e = find_entry(b, rel, d->rule->code, d->pointer, hash);
		free(rel);
		if (e != NULL && e->hits < e->count) {
			e->hits++;
			run->baseline_hidden++;
			free(d->path);
			free(d->message);
			free(d->pointer);
			free(d->line_text);
			continue;
		}
		run->diags.items[kept++] = *d;
	}
	run->diags.count = kept;
	/* Listed findings of files linted in this run that did not occur are fixed. */
	for (i = 0; i < run->file_count; i++) {
		char *rel = relative_path(b->dir, run->files[i].path);
		size_t k;

		if (rel == NULL)
			return -1;
		for (k = 0; k < b->count; k++)
			if (!strcmp(b->entries[k].path, rel))
				run->baseline_fixed += b->entries[k].count - b->entries[k].hits;
		free(rel);
	}
	run->errors = run->warnings = run->infos = 0;
	for (i = 0; i < run->diags.count; i++) {
		if (run->diags.items[i].severity == GL_SEV_ERROR)
			run->errors++;
		else if (run->diags.items[i].severity == GL_SEV_WARNING)
			run->warnings++;
		else
			run->infos++;
	}
	return 0;
}
