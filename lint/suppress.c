/* suppress.c - find `# grantlint:` comments, hide what they name, report stale ones. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fingerprint.h"
#include "load.h"
#include "rules.h"
#include "suppress.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Parse the text of one comment (after '#'); false when it is no directive. */
static bool parse_directive(const char *text, size_t n, struct gl_suppression *s)
{
	static const char prefix[] = "grantlint:";
	size_t i = 0, start;

	while (i < n && is_space(text[i]))
		i++;
	if (n - i < sizeof(prefix) - 1 || strncmp(text + i, prefix, sizeof(prefix) - 1) != 0)
		return false;
	i += sizeof(prefix) - 1;
	while (i < n && is_space(text[i]))
		i++;
	if (n - i >= 11 && !strncmp(text + i, "ignore-file", 11)) {
		s->file_wide = true;
		i += 11;
	} else if (n - i >= 6 && !strncmp(text + i, "ignore", 6)) {
		i += 6;
	} else {
		s->problem = "a grantlint comment must read 'grantlint: ignore[RULE] reason: ...' "
			     "or 'grantlint: ignore-file[RULE] reason: ...'";
		return true;
	}
	if (i >= n || text[i] != '[') {
		s->problem = "name the rules to ignore in brackets: 'ignore[GL301]'";
		return true;
	}
	start = ++i;
	while (i < n && text[i] != ']')
		i++;
	if (i >= n || i == start || i - start >= sizeof(s->selectors)) {
		s->problem = "name the rules to ignore in brackets: 'ignore[GL301]'";
		return true;
	}
	{
		size_t k = 0, j;

		for (j = start; j < i; j++)
			if (!is_space(text[j]))
				s->selectors[k++] = text[j];
		s->selectors[k] = '\0';
	}
	i++;
	while (i < n && is_space(text[i]))
		i++;
	if (n - i >= 7 && !strncmp(text + i, "reason:", 7)) {
		for (i += 7; i < n; i++)
			if (!is_space(text[i]))
				s->has_reason = true;
	}
	return true;
}

static int push_suppression(struct gl_suppression **items, size_t *count, size_t *cap,
			    const struct gl_suppression *s)
{
	if (*count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		struct gl_suppression *grown = realloc(*items, ncap * sizeof(*grown));

		if (grown == NULL)
			return -1;
		*items = grown;
		*cap = ncap;
	}
	(*items)[(*count)++] = *s;
	return 0;
}

/* May a quote or block indicator start a scalar after this character? */
static bool value_start(char prev, bool spaced)
{
	if (prev == '\0' || prev == '[' || prev == '{' || prev == ',')
		return true;
	return spaced && (prev == ':' || prev == '-' || prev == '?');
}

/* True when needle (n bytes) occurs in bytes. */
static bool contains(const char *bytes, size_t len, const char *needle, size_t n)
{
	const char *p = bytes, *end = bytes + len;

	while ((size_t)(end - p) >= n && (p = memchr(p, needle[0], (size_t)(end - p) - n + 1))) {
		if (memcmp(p, needle, n) == 0)
			return true;
		p++;
	}
	return false;
}

int gl_suppress_scan(const char *bytes, size_t len, struct gl_suppression **out, size_t *count)
{
	struct gl_suppression *items = NULL;
	size_t n = 0, cap = 0, off = 0, pending_from = 0, k;
	uint32_t line = 1;
	bool in_dq = false, in_sq = false, seen_content = false;
	long block_indent = -1;

	/* Every directive starts "grantlint:": most files hold none, so skip the scan. */
	if (!contains(bytes, len, "grantlint:", 10)) {
		*out = NULL;
		*count = 0;
		return 0;
	}
	if (len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3))
		off = 3;
	while (off < len) {
		size_t ls = off, le = off, i, indent = 0;
		char prev = '\0';
		bool spaced = false, content = in_dq || in_sq, pending_block = false;

		while (le < len && bytes[le] != '\n' && bytes[le] != '\r')
			le++;
		while (ls + indent < le && bytes[ls + indent] == ' ')
			indent++;
		if (block_indent >= 0) {
			if (ls + indent == le || (long)indent > block_indent) {
				content = ls + indent < le;
				goto next_line; /* the body of a block scalar */
			}
			block_indent = -1;
		}
		for (i = ls; i < le; i++) {
			char c = bytes[i];

			if (in_dq) {
				if (c == '\\')
					i++;
				else if (c == '"')
					in_dq = false;
				continue;
			}
			if (in_sq) {
				if (c == '\'' && i + 1 < le && bytes[i + 1] == '\'')
					i++;
				else if (c == '\'')
					in_sq = false;
				continue;
			}
			if (c == '#' && (i == ls || is_space(bytes[i - 1]))) {
				struct gl_suppression s;
				size_t end = le;

				while (end > i && is_space(bytes[end - 1]))
					end--;
				memset(&s, 0, sizeof(s));
				if (!parse_directive(bytes + i + 1, end - i - 1, &s))
					break;
				s.line = line;
				s.col = gl_pos_of_offset(bytes, len, i).col;
				s.end_col = gl_pos_of_offset(bytes, len, end).col;
				/* A trailing comment covers its line; a comment line, the next. */
				s.target = content ? line : UINT32_MAX;
				if (s.file_wide && (content || seen_content))
					s.problem = "ignore-file only works in the first comment "
						    "block of the file, before any content";
				if (push_suppression(&items, &n, &cap, &s) < 0) {
					free(items);
					return -1;
				}
				break;
			}
			if (is_space(c)) {
				spaced = true;
				continue;
			}
			if ((c == '"' || c == '\'') && value_start(prev, spaced)) {
				if (c == '"')
					in_dq = true;
				else
					in_sq = true;
			} else if ((c == '|' || c == '>') && value_start(prev, spaced)) {
				pending_block = true;
			} else if (pending_block && !strchr("+-0123456789", c)) {
				pending_block = false;
			}
			content = true;
			prev = c;
			spaced = false;
		}
		if (pending_block)
			block_indent = (long)indent;
next_line:
		if (content) {
			/* Directives ("---", "%YAML") do not end the first comment block. */
			bool marker = (le - ls == 3 && !memcmp(bytes + ls, "---", 3)) ||
				      bytes[ls] == '%';

			if (!marker)
				seen_content = true;
			for (k = pending_from; k < n; k++)
				if (items[k].target == UINT32_MAX && items[k].line < line &&
				    !items[k].file_wide)
					items[k].target = line;
			pending_from = n;
		}
		off = le;
		if (off < len && bytes[off] == '\r')
			off++;
		if (off < len && bytes[off] == '\n')
			off++;
		line++;
	}
	for (k = 0; k < n; k++)
		if (items[k].file_wide)
			items[k].target = 0;
	*out = items;
	*count = n;
	return 0;
}

/* True when a comma-separated selector list names rule. */
static bool selectors_match(const char *list, const struct gl_rule *rule)
{
	char buf[256], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", list);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (gl_rule_matches(rule, tok))
			return true;
	return false;
}

/* The first selector of a list that names no rule, or NULL. */
static const char *unknown_selector(const char *list, char *buf, size_t size)
{
	char *tok, *save = NULL;
	size_t i;

	snprintf(buf, size, "%s", list);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < gl_rules_count; i++)
			if (gl_rule_matches(gl_rules[i], tok))
				break;
		if (i == gl_rules_count)
			return tok;
	}
	return NULL;
}

/* Is any rule the selectors name enabled? (Suppressions of disabled rules are not judged.) */
static bool any_enabled(const struct gl_lint_options *opts, const char *list)
{
	size_t i;

	for (i = 0; i < gl_rules_count; i++)
		if (selectors_match(list, gl_rules[i]) && gl_lint_rule_enabled(opts, i))
			return true;
	return false;
}

static bool pointer_covers(const char *prefix, const char *pointer)
{
	size_t n;

	if (prefix == NULL || prefix[0] == '\0')
		return true;
	n = strlen(prefix);
	return !strncmp(pointer, prefix, n) && (pointer[n] == '\0' || pointer[n] == '/');
}

static bool ignore_applies(const struct gl_config_ignore *ig, const char *relpath)
{
	size_t i;

	for (i = 0; i < ig->file_count; i++)
		if (gl_pattern_match(ig->files[i], relpath, strlen(relpath)))
			return true;
	return false;
}

static int add_finding(struct gl_diag_list *diags, const struct gl_lint_options *opts,
		       const struct gl_rule *rule, const char *path, struct gl_pos start,
		       struct gl_pos end, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Append a GL081/GL082 finding when that rule is on. */
static int add_finding(struct gl_diag_list *diags, const struct gl_lint_options *opts,
		       const struct gl_rule *rule, const char *path, struct gl_pos start,
		       struct gl_pos end, const char *fmt, ...)
{
	struct gl_diag d;
	char msg[1024];
	va_list ap;

	if (opts != NULL && !gl_lint_rule_enabled(opts, gl_rule_index(rule)))
		return 0;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	memset(&d, 0, sizeof(d));
	d.path = (char *)path;
	d.start = start;
	d.end = end;
	d.rule = rule;
	d.severity = rule->severity;
	if (opts != NULL && opts->severity != NULL && opts->severity[gl_rule_index(rule)] >= 0)
		d.severity = (enum gl_severity)opts->severity[gl_rule_index(rule)];
	d.message = msg;
	d.pointer = (char *)"";
	d.document = -1;
	return gl_diag_list_push(diags, &d);
}

static void diag_release(struct gl_diag *d)
{
	free(d->path);
	free(d->message);
	free(d->pointer);
	free(d->line_text);
}

/* Report what is wrong with each inline suppression after the findings were matched. */
static int judge_inline(const struct gl_lint_options *opts, const char *config_path,
			const char *path,
			struct gl_suppression *sup, size_t n, const char *const *blocked,
			struct gl_diag_list *diags)
{
	char buf[256], where[64];
	const char *bad;
	size_t k;
	int rc = 0;

	for (k = 0; k < n && rc == 0; k++) {
		struct gl_suppression *s = &sup[k];
		struct gl_pos start = { s->line, s->col }, end = { s->line, s->end_col };

		if (s->problem == NULL && (bad = unknown_selector(s->selectors, buf, sizeof(buf))))
			rc = add_finding(diags, opts, &gl_rule_unused_suppression, path, start, end,
					 "ignore[%s]: no rule matches '%s' (see 'grantlint rules'); "
					 "this suppression hides nothing", s->selectors, bad);
		else if (s->problem != NULL)
			rc = add_finding(diags, opts, &gl_rule_unused_suppression, path, start, end,
					 "%s; this comment hides nothing", s->problem);
		else if (s->used == 0 && blocked[k] != NULL)
			rc = add_finding(diags, opts, &gl_rule_unused_suppression, path, start, end,
					 "%s is marked unsuppressible in %s; this suppression has "
					 "no effect, fix the finding instead",
					 blocked[k], config_path);
		else if (s->used == 0 && any_enabled(opts, s->selectors)) {
			if (s->file_wide)
				snprintf(where, sizeof(where), "in this file");
			else if (s->target == UINT32_MAX)
				snprintf(where, sizeof(where), "after it");
			else
				snprintf(where, sizeof(where), "on line %u", s->target);
			rc = add_finding(diags, opts, &gl_rule_unused_suppression, path, start, end,
					 "unused suppression: no %s finding %s any more; remove "
					 "the comment",
					 s->selectors, where);
		}
		if (rc == 0 && s->problem == NULL && !s->has_reason)
			rc = add_finding(diags, opts, &gl_rule_suppression_missing_reason, path,
					 start, end,
					 "suppression of %s gives no reason; write 'reason: ...' "
					 "after the brackets so that readers know why",
					 s->selectors);
	}
	return rc;
}

int gl_suppress_apply(const struct gl_lint_options *opts, const struct gl_config_resolved *res,
		      const char *path, const char *bytes, size_t len,
		      struct gl_diag_list *diags, size_t from)
{
	const struct gl_config *cfg = res ? res->config : NULL;
	const struct gl_config_file *file = cfg ? cfg->file : NULL;
	struct gl_suppression *sup = NULL;
	const char **blocked = NULL;
	bool *applies = NULL;
	size_t n = 0, i, k, kept = from, added;
	int rc = 0;

	if (bytes != NULL && gl_file_format_of(path) == GL_FILE_YAML &&
	    gl_suppress_scan(bytes, len, &sup, &n) < 0)
		return -1;
	if (file != NULL && file->ignore_count > 0) {
		applies = calloc(file->ignore_count, sizeof(bool));
		if (applies == NULL) {
			rc = -1;
			goto done;
		}
		for (k = 0; k < file->ignore_count; k++) {
			applies[k] = ignore_applies(&file->ignores[k], res->relpath);
			if (applies[k])
				__atomic_add_fetch(&((struct gl_config_ignore *)&file->ignores[k])->matched,
						   1, __ATOMIC_RELAXED);
		}
	}
	blocked = calloc(n ? n : 1, sizeof(*blocked));
	if (blocked == NULL) {
		rc = -1;
		goto done;
	}
	for (i = from; i < diags->count; i++) {
		struct gl_diag *d = &diags->items[i];
		bool unsup = cfg && cfg->unsuppressible[gl_rule_index(d->rule)];
		bool hide = false;

		for (k = 0; k < n && !hide; k++) {
			struct gl_suppression *s = &sup[k];

			if (s->problem != NULL || (!s->file_wide && s->target != d->start.line) ||
			    !selectors_match(s->selectors, d->rule))
				continue;
			if (unsup) {
				blocked[k] = d->rule->code;
				continue;
			}
			s->used++;
			hide = true;
		}
		for (k = 0; !hide && !unsup && applies && k < file->ignore_count; k++) {
			struct gl_config_ignore *ig = (struct gl_config_ignore *)&file->ignores[k];

			if (!applies[k] || ig->rule == NULL || !gl_rule_matches(d->rule, ig->rule) ||
			    !pointer_covers(ig->pointer, d->pointer))
				continue;
			__atomic_add_fetch(&ig->used, 1, __ATOMIC_RELAXED);
			hide = true;
		}
		if (hide)
			diag_release(d);
		else
			diags->items[kept++] = *d;
	}
	diags->count = kept;
	added = diags->count;
	/* The file's name only: messages must not depend on where the tree lives. */
	rc = judge_inline(opts, file ? (strrchr(file->path, '/') ? strrchr(file->path, '/') + 1
								 : file->path)
				     : "the configuration",
			  path, sup, n, blocked, diags);
	for (i = added; rc == 0 && bytes != NULL && i < diags->count; i++) {
		struct gl_diag *d = &diags->items[i];
		size_t off = gl_line_offset(bytes, len, d->start.line);

		d->line_text = strndup(bytes + off, gl_line_length(bytes, len, off));
		if (d->line_text == NULL)
			rc = -1;
	}
	if (rc == 0 && bytes != NULL && diags->count > added)
		rc = gl_fingerprint_fill(diags->items + added, diags->count - added, bytes, len);
done:
	free(sup);
	free(blocked);
	free(applies);
	return rc;
}

int gl_suppress_cross_file(struct gl_config_set *set, struct gl_diag_list *diags, size_t from)
{
	size_t i, k, kept = from;

	for (i = from; set != NULL && i < diags->count; i++) {
		struct gl_diag *d = &diags->items[i];
		struct gl_config_resolved res;
		const struct gl_config *cfg;
		size_t idx = gl_rule_index(d->rule);
		bool hide = false;

		if (gl_config_set_resolve(set, d->path, &res) < 0)
			return -1;
		cfg = res.config;
		if (cfg != NULL && !cfg->enabled[idx])
			hide = true;
		else if (cfg != NULL && cfg->severity[idx] >= 0)
			d->severity = (enum gl_severity)cfg->severity[idx];
		for (k = 0; cfg != NULL && !hide && !cfg->unsuppressible[idx] &&
			    k < cfg->file->ignore_count; k++) {
			struct gl_config_ignore *ig = (struct gl_config_ignore *)&cfg->file->ignores[k];

			if (ig->rule != NULL && gl_rule_matches(d->rule, ig->rule) &&
			    pointer_covers(ig->pointer, d->pointer) && ignore_applies(ig, res.relpath)) {
				__atomic_add_fetch(&ig->used, 1, __ATOMIC_RELAXED);
				hide = true;
			}
		}
		gl_config_resolved_free(&res);
		if (hide)
			diag_release(d);
		else
			diags->items[kept++] = *d;
	}
	if (set != NULL)
		diags->count = kept;
	return 0;
}

int gl_suppress_finish(struct gl_config_set *set, const bool *enabled, struct gl_diag_list *diags)
{
	struct gl_lint_options opts;
	size_t f, k;
	int rc = 0;

	if (set == NULL)
		return 0;
	gl_lint_options_default(&opts);
	opts.enabled = enabled;
	for (f = 0; f < set->file_count && rc == 0; f++) {
		const struct gl_config_file *file = set->files[f];
		/* The configuration's own rules settings apply to what is said about it. */
		const struct gl_config *own = gl_config_file_effective(
			set->files[f], GL_CONFIG_FILE_NAME, enabled, &set->base_limits);

		if (own == NULL)
			return -1;
		opts.enabled = own->enabled;
		opts.severity = own->severity;

		for (k = 0; k < file->ignore_count && rc == 0; k++) {
			const struct gl_config_ignore *ig = &file->ignores[k];
			struct gl_pos end = ig->origin_end;
			if (ig->reason == NULL)
				rc = add_finding(diags, &opts, &gl_rule_suppression_missing_reason,
						 file->path, ig->origin.pos, end,
						 "ignore entry for %s gives no reason; add 'reason: ...' "
						 "so that readers know why",
						 ig->rule ? ig->rule : "?");
			if (rc == 0 && ig->matched > 0 && ig->used == 0 && ig->rule != NULL &&
			    any_enabled(&opts, ig->rule))
				rc = add_finding(diags, &opts, &gl_rule_unused_suppression, file->path,
						 ig->origin.pos, end,
						 "unused ignore entry: no %s finding%s%s in the %lu "
						 "matching file%s any more; remove the entry",
						 ig->rule, ig->pointer ? " under " : "",
						 ig->pointer ? ig->pointer : "", ig->matched,
						 ig->matched == 1 ? "" : "s");
		}
	}
	return rc;
}
