/* engine.c - run the rules over one file's requests, and across files. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine.h"
#include "load.h"
#include "shape_walk.h"
#include "source_lines.h"

struct gl_rule_ctx {
	const struct gl_rule *rule;
	const struct gl_lint_options *opts;
	const char *path;
	int document;
	struct gl_diag_list *diags;
};

void gl_lint_options_default(struct gl_lint_options *out)
{
	memset(out, 0, sizeof(*out));
	gl_limits_default(&out->limits);
}

enum gl_file_format gl_file_format_of(const char *path)
{
	size_t len = strlen(path);

	if (len >= 5 && strcasecmp(path + len - 5, ".json") == 0)
		return GL_FILE_JSON;
	return GL_FILE_YAML;
}

void gl_file_result_init(struct gl_file_result *res)
{
	gl_diag_list_init(&res->diags);
	gl_grant_keys_init(&res->keys);
	res->documents = 0;
}

void gl_file_result_free(struct gl_file_result *res)
{
	if (res == NULL)
		return;
	gl_diag_list_free(&res->diags);
	gl_grant_keys_free(&res->keys);
}

bool gl_lint_rule_enabled(const struct gl_lint_options *opts, size_t index)
{
	return opts->enabled == NULL || opts->enabled[index];
}

const struct gl_config *gl_rule_ctx_config(const struct gl_rule_ctx *ctx)
{
	return ctx->opts->config;
}

static int ctx_vreport(struct gl_rule_ctx *ctx, const char *path, int document,
		       struct gl_pos start, struct gl_pos end, const char *pointer,
		       const struct gl_grant_key *key, const char *fmt, va_list ap)
{
	struct gl_diag d;
	char msg[2048];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	memset(&d, 0, sizeof(d));
	d.path = (char *)path;
	d.start = start;
	d.end = end;
	d.rule = ctx->rule;
	d.severity = ctx->rule->severity;
	d.message = msg;
	d.pointer = (char *)(pointer ? pointer : "");
	d.document = document;
	if (key != NULL) {
		d.line_text = key->line_text;
		memcpy(d.line_hash, key->line_hash, sizeof(d.line_hash));
	}
	return gl_diag_list_push(ctx->diags, &d);
}

int gl_report(struct gl_rule_ctx *ctx, const struct gl_node *node, const char *pointer,
	      const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = ctx_vreport(ctx, ctx->path, ctx->document, node->start, node->end, pointer, NULL, fmt,
			 ap);
	va_end(ap);
	return rc;
}

int gl_report_range(struct gl_rule_ctx *ctx, struct gl_pos start, struct gl_pos end,
		    const char *pointer, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = ctx_vreport(ctx, ctx->path, ctx->document, start, end, pointer, NULL, fmt, ap);
	va_end(ap);
	return rc;
}

int gl_report_at(struct gl_rule_ctx *ctx, const struct gl_grant_key *key, const char *pointer,
		 const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = ctx_vreport(ctx, key->path, key->document, key->start, key->end, pointer, key, fmt,
			 ap);
	va_end(ap);
	return rc;
}

void gl_grant_keys_init(struct gl_grant_keys *keys)
{
	keys->items = NULL;
	keys->count = keys->cap = 0;
}

static int keys_reserve(struct gl_grant_keys *keys, size_t extra)
{
	if (keys->count + extra > keys->cap) {
		size_t cap = keys->cap ? keys->cap * 2 : 8;
		struct gl_grant_key *items;

		while (cap < keys->count + extra)
			cap *= 2;
		items = realloc(keys->items, cap * sizeof(*items));
		if (items == NULL)
			return -1;
		keys->items = items;
		keys->cap = cap;
	}
	return 0;
}

int gl_grant_keys_take(struct gl_grant_keys *dst, struct gl_grant_keys *src)
{
	if (src->count == 0)
		return 0;
	if (keys_reserve(dst, src->count) < 0)
		return -1;
	memcpy(dst->items + dst->count, src->items, src->count * sizeof(*src->items));
	dst->count += src->count;
	src->count = 0;
	return 0;
}

void gl_grant_keys_free(struct gl_grant_keys *keys)
{
	size_t i;

	if (keys == NULL)
		return;
	for (i = 0; i < keys->count; i++) {
		struct gl_grant_key *k = &keys->items[i];

		free(k->application_arn); /* a packed key's one block (see keys_own) */
		if (!k->packed) {
			free(k->grant_type);
			free(k->path);
			free(k->line_text);
		}
	}
	free(keys->items);
	gl_grant_keys_init(keys);
}

/*
 * Remember what a request defines, when both halves of its key are strings.
 * The key borrows the model's strings and path until keys_own() runs.
 */
static int record_key(struct gl_grant_keys *keys, const char *path,
		      const struct gl_request *req)
{
	const struct gl_node *arn = gl_node_get_member(req->root, "ApplicationArn");
	const struct gl_node *type = gl_node_get_member(req->root, "GrantType");
	struct gl_grant_key *k;

	if (!gl_node_is_string(arn) || !gl_node_is_string(type))
		return 0;
	if (keys_reserve(keys, 1) < 0)
		return -1;
	k = &keys->items[keys->count++];
	memset(k, 0, sizeof(*k));
	k->application_arn = (char *)arn->u.scalar.value;
	k->grant_type = (char *)type->u.scalar.value;
	k->path = (char *)path;
	k->document = req->index;
	k->start = type->start;
	k->end = type->end;
	return 0;
}

/*
 * Give keys[from..] their own strings: one allocation each, holding the
 * ApplicationArn, the GrantType and the GrantType's source line (so a key
 * costs one block, which application_arn owns), with the line's hash taken
 * from line. On failure the borrowed keys are dropped. Returns 0 or -1.
 */
static int keys_own(struct gl_grant_keys *keys, size_t from, const struct gl_source_line *line,
		    const char *bytes)
{
	size_t i;

	for (i = from; i < keys->count; i++, line++) {
		struct gl_grant_key *k = &keys->items[i];
		size_t na = strlen(k->application_arn), nt = strlen(k->grant_type);
		char *block = malloc(na + nt + line->length + 3);

		if (block == NULL) {
			while (i-- > from)
				free(keys->items[i].application_arn);
			keys->count = from;
			return -1;
		}
		memcpy(block, k->application_arn, na + 1);
		memcpy(block + na + 1, k->grant_type, nt + 1);
		memcpy(block + na + nt + 2, bytes + line->offset, line->length);
		block[na + nt + 2 + line->length] = '\0';
		k->application_arn = block;
		k->grant_type = block + na + 1;
		k->line_text = block + na + nt + 2;
		k->packed = true;
		memcpy(k->line_hash, line->hash, sizeof(k->line_hash));
	}
	return 0;
}

/*
 * The source line and (unless !hashes) line hash of every new key
 * (keys[kfrom..]) and new finding (diags[dfrom..]), found in one pass, so that a
 * stream of many requests costs time linear in its size. Keys get their own
 * strings (keys_own). Returns 0, or -1 out of memory.
 */
static int attach_source_lines(struct gl_grant_keys *keys, size_t kfrom,
			       struct gl_diag_list *diags, size_t dfrom, const char *bytes,
			       size_t len, bool hashes)
{
	size_t nk = keys->count - kfrom, nd = diags->count - dfrom, i;
	struct gl_source_line *lines;
	int rc = -1;

	if (nk + nd == 0)
		return 0;
	lines = calloc(nk + nd, sizeof(*lines));
	if (lines == NULL)
		goto done;
	for (i = 0; i < nk; i++)
		lines[i].line = keys->items[kfrom + i].start.line;
	for (i = 0; i < nd; i++)
		lines[nk + i].line = diags->items[dfrom + i].start.line;
	if ((hashes ? gl_source_lines_lookup : gl_source_lines_text)(lines, nk + nd, bytes, len) < 0)
		goto done;
	for (i = 0; i < nd; i++) {
		struct gl_diag *d = &diags->items[dfrom + i];
		const struct gl_source_line *l = &lines[nk + i];

		if (d->line_text == NULL) {
			d->line_text = malloc(l->length + 1);
			if (d->line_text == NULL)
				goto done;
			memcpy(d->line_text, bytes + l->offset, l->length);
			d->line_text[l->length] = '\0';
		}
		memcpy(d->line_hash, l->hash, sizeof(d->line_hash));
	}
	rc = keys_own(keys, kfrom, lines, bytes);
	free(lines);
	return rc;
done:
	keys->count = kfrom; /* still borrowing from the model: drop them */
	free(lines);
	return rc;
}

/*
 * Drop diagnostics of disabled rules (the loader reports without asking)
 * and apply severity overrides. (Source lines: attach_source_lines.)
 */
static int finalize_diags(const struct gl_lint_options *opts, struct gl_diag_list *list,
			  size_t from)
{
	size_t i, kept = from;

	for (i = from; i < list->count; i++) {
		struct gl_diag *d = &list->items[i];

		if (!gl_lint_rule_enabled(opts, gl_rule_index(d->rule))) {
			free(d->path);
			free(d->message);
			free(d->pointer);
			free(d->line_text);
			continue;
		}
		if (opts->severity != NULL && opts->severity[gl_rule_index(d->rule)] >= 0)
			d->severity = (enum gl_severity)opts->severity[gl_rule_index(d->rule)];
		list->items[kept++] = *d;
	}
	list->count = kept;
	return 0;
}

int gl_lint_buffer(const struct gl_lint_options *opts, const char *path,
		   const char *bytes, size_t len, struct gl_file_result *out)
{
	struct gl_loaded loaded;
	struct gl_rule_ctx ctx;
	struct gl_shape_walk_cache walks;
	size_t from = out->diags.count, kfrom = out->keys.count, r, i;
	bool want_keys = !opts->skip_keys;
	int rc;

	rc = gl_load(&loaded, &opts->limits, path, bytes, len, gl_file_format_of(path),
		     &out->diags);
	memset(&ctx, 0, sizeof(ctx));
	ctx.opts = opts;
	ctx.path = path;
	ctx.diags = &out->diags;
	/* Rules walk each request in turn: walk it once, replay it to the rest. */
	gl_shape_walk_cache_begin(&walks);
	for (r = 0; rc == 0 && r < loaded.count; r++) {
		const struct gl_request *req = &loaded.requests[r];

		ctx.document = req->index;
		for (i = 0; rc == 0 && i < gl_rules_count; i++) {
			if (gl_rules[i]->check == NULL || !gl_lint_rule_enabled(opts, i))
				continue;
			ctx.rule = gl_rules[i];
			rc = gl_rules[i]->check(&ctx, req);
		}
		if (rc == 0 && want_keys)
			rc = record_key(&out->keys, path, req);
	}
	gl_shape_walk_cache_end(&walks);
	out->documents += (unsigned)loaded.count;
	if (rc == 0)
		rc = finalize_diags(opts, &out->diags, from);
	/* Keys borrow the model's strings until then: before gl_loaded_free. */
	if (rc == 0)
		rc = attach_source_lines(&out->keys, kfrom, &out->diags, from, bytes, len,
					 !opts->no_line_hashes);
	else
		out->keys.count = kfrom;
	gl_loaded_free(&loaded);
	return rc;
}

int gl_lint_too_large(const struct gl_lint_options *opts, const char *path, size_t size,
		      struct gl_file_result *out)
{
	size_t from = out->diags.count;
	struct gl_loaded loaded;
	int rc;

	/* gl_load reports the size before it looks at a single byte. */
	rc = gl_load(&loaded, &opts->limits, path, NULL, size, gl_file_format_of(path),
		     &out->diags);
	gl_loaded_free(&loaded);
	if (rc == 0)
		rc = finalize_diags(opts, &out->diags, from);
	return rc;
}

static int key_compare(const void *pa, const void *pb)
{
	const struct gl_grant_key *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);

	if (c)
		return c;
	if (a->start.line != b->start.line)
		return a->start.line < b->start.line ? -1 : 1;
	if (a->start.col != b->start.col)
		return a->start.col < b->start.col ? -1 : 1;
	return a->document - b->document;
}

int gl_lint_finish(const struct gl_lint_options *opts, struct gl_grant_keys *keys,
		   struct gl_diag_list *diags)
{
	struct gl_rule_ctx ctx;
	size_t i, from = diags->count;
	int rc = 0;

	if (keys->count > 1)
		qsort(keys->items, keys->count, sizeof(*keys->items), key_compare);
	memset(&ctx, 0, sizeof(ctx));
	ctx.opts = opts;
	ctx.diags = diags;
	for (i = 0; rc == 0 && i < gl_rules_count; i++) {
		if (gl_rules[i]->finish == NULL || !gl_lint_rule_enabled(opts, i))
			continue;
		ctx.rule = gl_rules[i];
		rc = gl_rules[i]->finish(&ctx, keys);
	}
	if (rc == 0)
		rc = finalize_diags(opts, diags, from);
	return rc;
}
