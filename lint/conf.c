/* conf.c - .grantlint.yaml: parse and validate, merge overrides, discover, show. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "file_read.h"
#include "engine.h"
#include "load.h"
#include "model.h"
#include "rule.h"
#include "suggest.h"

const struct gl_setting_info gl_setting_infos[GL_SET_COUNT] = {
	[GL_SET_GRANT_TYPES] = { "policy.grant_types.allowed", GL_SETTING_STRINGS },
	[GL_SET_REDIRECT_HOSTS] = { "policy.redirect_uris.allowed_hosts", GL_SETTING_HOSTS },
	[GL_SET_REDIRECT_SCHEMES] = { "policy.redirect_uris.allowed_schemes", GL_SETTING_STRINGS },
	[GL_SET_ALLOW_LOOPBACK] = { "policy.redirect_uris.allow_loopback", GL_SETTING_BOOL },
	[GL_SET_ALLOW_HTTP] = { "policy.redirect_uris.allow_http", GL_SETTING_BOOL },
	[GL_SET_REDIRECT_MAX] = { "policy.redirect_uris.max_count", GL_SETTING_COUNT_VALUE },
	[GL_SET_ISSUERS] = { "policy.trusted_token_issuers.allowed", GL_SETTING_PATTERNS },
	[GL_SET_AUDIENCES] = { "policy.audiences.allowed", GL_SETTING_PATTERNS },
	[GL_SET_AUDIENCE_MAX] = { "policy.audiences.max_count", GL_SETTING_COUNT_VALUE },
	[GL_SET_ACCOUNTS] = { "policy.applications.accounts", GL_SETTING_STRINGS },
	[GL_SET_PARTITIONS] = { "policy.applications.partitions", GL_SETTING_STRINGS },
	[GL_SET_INSTANCES] = { "policy.applications.instances", GL_SETTING_STRINGS },
	[GL_SET_MAX_FILE_SIZE] = { "limits.max_file_size", GL_SETTING_SIZE },
	[GL_SET_MAX_DEPTH] = { "limits.max_depth", GL_SETTING_COUNT_VALUE },
	[GL_SET_MAX_ALIASES] = { "limits.max_alias_nodes", GL_SETTING_COUNT_VALUE },
	[GL_SET_MAX_DOCUMENTS] = { "limits.max_documents", GL_SETTING_COUNT_VALUE },
	[GL_SET_MAX_ITEMS] = { "limits.max_collection_items", GL_SETTING_COUNT_VALUE },
};

/* The state of parsing one configuration file. */
struct parser {
	struct gl_config_file *file;
	FILE *errors;
	int failed;
	int oom;
};

static void perr(struct parser *p, const struct gl_node *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Report a configuration problem at node: "path:line:col: error: message". */
static void perr(struct parser *p, const struct gl_node *node, const char *fmt, ...)
{
	va_list ap;

	p->failed = 1;
	if (p->errors == NULL)
		return;
	fprintf(p->errors, "%s:%u:%u: error: ", p->file->path, node->start.line, node->start.col);
	va_start(ap, fmt);
	vfprintf(p->errors, fmt, ap);
	va_end(ap);
	fputc('\n', p->errors);
}

static struct gl_origin origin_of(struct parser *p, const struct gl_node *key)
{
	struct gl_origin o;

	o.file = p->file->path;
	o.pos = key->start;
	return o;
}

/* Report an unknown key with the keys that are known there. */
static void unknown_key(struct parser *p, const struct gl_node *key, const char *where,
			const char *const *known, size_t n)
{
	const char *hint = key->kind == GL_NODE_SCALAR ? gl_suggest(key->u.scalar.value, known, n)
							: NULL;
	char list[512];
	size_t i, len = 0;

	if (key->kind != GL_NODE_SCALAR) {
		perr(p, key, "keys must be strings; found %s", gl_node_describe(key));
		return;
	}
	if (hint != NULL) {
		perr(p, key, "unknown key '%s' in %s; did you mean '%s'?", key->u.scalar.value,
		     where, hint);
		return;
	}
	list[0] = '\0';
	for (i = 0; i < n && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", i ? ", " : "",
					known[i]);
	perr(p, key, "unknown key '%s' in %s; expected one of: %s", key->u.scalar.value, where,
	     list);
}

static bool expect_kind(struct parser *p, const struct gl_node *node, enum gl_node_kind kind,
			const char *what)
{
	if (node->kind == kind)
		return true;
	perr(p, node, "%s must be %s; found %s", what,
	     kind == GL_NODE_MAPPING ? "a mapping" : kind == GL_NODE_SEQUENCE ? "a list" : "a value",
	     gl_node_describe(node));
	return false;
}

static bool expect_string(struct parser *p, const struct gl_node *node, const char *what)
{
	if (gl_node_is_string(node))
		return true;
	perr(p, node, "%s must be a string; found %s", what, gl_node_describe(node));
	return false;
}

static void patterns_free(struct gl_pattern **items, size_t n)
{
	size_t i;

	if (items == NULL)
		return;
	for (i = 0; i < n; i++)
		gl_pattern_free(items[i]);
	free(items);
}

static void strings_free(char **items, size_t n)
{
	size_t i;

	if (items == NULL)
		return;
	for (i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

static void free_setting_values(struct gl_setting *s)
{
	strings_free(s->strings, s->count);
	patterns_free(s->patterns, s->count);
	memset(s, 0, sizeof(*s));
}

/* Compile one pattern from a scalar, reporting PCRE2's message at its offset. */
static struct gl_pattern *compile_at(struct parser *p, const struct gl_node *node,
				     enum gl_pattern_kind kind, const char *what)
{
	struct gl_pattern *pat = NULL;
	char msg[256];
	size_t off = 0;
	int rc;

	if (!expect_string(p, node, what))
		return NULL;
	if (node->u.scalar.len == 0) {
		perr(p, node, "%s must not be empty", what);
		return NULL;
	}
	rc = gl_pattern_compile(&pat, node->u.scalar.value, kind, msg, sizeof(msg), &off);
	if (rc == -2) {
		p->oom = 1;
		return NULL;
	}
	if (rc < 0) {
		struct gl_pos pos = node->start;
		struct gl_node at = *node;

		if (gl_node_scalar_pos_at(node, off, &pos))
			at.start = pos;
		perr(p, &at, "invalid regular expression in %s: %s at offset %zu of '%s'", what,
		     msg, off, node->u.scalar.value);
		return NULL;
	}
	return pat;
}

/* A list of patterns (a single string is taken as a list of one). */
static int parse_patterns(struct parser *p, const struct gl_node *node, enum gl_pattern_kind kind,
			  const char *what, struct gl_pattern ***out, size_t *count)
{
	size_t n = node->kind == GL_NODE_SEQUENCE ? node->u.sequence.count : 1, i;
	struct gl_pattern **items;

	if (node->kind == GL_NODE_MAPPING) {
		perr(p, node, "%s must be a list of patterns; found a mapping", what);
		return -1;
	}
	items = calloc(n ? n : 1, sizeof(*items));
	if (items == NULL) {
		p->oom = 1;
		return -1;
	}
	for (i = 0; i < n; i++) {
		const struct gl_node *item =
			node->kind == GL_NODE_SEQUENCE ? node->u.sequence.items[i] : node;

		items[i] = compile_at(p, item, kind, what);
		if (items[i] == NULL) {
			patterns_free(items, i);
			return -1;
		}
	}
	*out = items;
	*count = n;
	return 0;
}

static bool is_account(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return i == 12;
}

/* Check one string of a STRINGS setting against what that setting takes. */
static bool string_item_ok(struct parser *p, enum gl_setting_id id, const struct gl_node *item)
{
	const char *v = item->u.scalar.value;
	const char *hint;

	switch (id) {
	case GL_SET_GRANT_TYPES:
		if (!expect_string(p, item, "a grant type"))
			return false;
		for (size_t i = 0; i < gl_shape_grant_type.enum_count; i++)
			if (!strcmp(v, gl_shape_grant_type.enum_values[i]))
				return true;
		hint = gl_suggest(v, gl_shape_grant_type.enum_values, gl_shape_grant_type.enum_count);
		if (hint != NULL)
			perr(p, item, "unknown grant type '%s'; did you mean '%s'?", v, hint);
		else
			perr(p, item, "unknown grant type '%s'; expected one of: authorization_code, "
				      "refresh_token, urn:ietf:params:oauth:grant-type:jwt-bearer, "
				      "urn:ietf:params:oauth:grant-type:token-exchange", v);
		return false;
	case GL_SET_ACCOUNTS:
		/* A plain 12-digit number is an integer in YAML; its text is the account. */
		if (item->kind != GL_NODE_SCALAR || !is_account(v)) {
			perr(p, item, "an AWS account is 12 digits (quote it to keep leading "
				      "zeros); found %s", item->kind == GL_NODE_SCALAR ? v : gl_node_describe(item));
			return false;
		}
		return true;
	default:
		if (!expect_string(p, item, gl_setting_infos[id].key))
			return false;
		if (item->u.scalar.len == 0) {
			perr(p, item, "%s must not hold an empty string", gl_setting_infos[id].key);
			return false;
		}
		return true;
	}
}

static int parse_strings(struct parser *p, enum gl_setting_id id, const struct gl_node *node,
			 struct gl_setting *s)
{
	size_t n, i;

	if (!expect_kind(p, node, GL_NODE_SEQUENCE, gl_setting_infos[id].key))
		return -1;
	n = node->u.sequence.count;
	s->strings = calloc(n ? n : 1, sizeof(char *));
	if (s->strings == NULL) {
		p->oom = 1;
		return -1;
	}
	for (i = 0; i < n; i++) {
		const struct gl_node *item = node->u.sequence.items[i];

		if (!string_item_ok(p, id, item))
			return -1;
		s->strings[s->count] = strdup(item->u.scalar.value);
		if (s->strings[s->count] == NULL) {
			p->oom = 1;
			return -1;
		}
		if (id == GL_SET_REDIRECT_SCHEMES)
			for (char *c = s->strings[s->count]; *c; c++)
				if (*c >= 'A' && *c <= 'Z')
					*c = (char)(*c - 'A' + 'a');
		s->count++;
	}
	return 0;
}

static int parse_size_text(const char *text, unsigned long long *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(text, &end, 10);
	if (errno || end == text || text[0] == '-')
		return -1;
	if (*end == 'k' || *end == 'K')
		v *= 1024, end++;
	else if (*end == 'm' || *end == 'M')
		v *= 1024 * 1024, end++;
	if (*end == 'i')
		end++;
	if (*end == 'B')
		end++;
	if (*end != '\0' || v == 0)
		return -1;
	*out = v;
	return 0;
}

/* Parse the value of one setting into s (which is then set, with its origin). */
static int parse_setting(struct parser *p, enum gl_setting_id id, const struct gl_node *key,
			 const struct gl_node *value, struct gl_setting *s)
{
	const struct gl_setting_info *info = &gl_setting_infos[id];

	switch (info->type) {
	case GL_SETTING_BOOL:
		if (value->kind != GL_NODE_SCALAR || value->u.scalar.type != GL_TYPE_BOOL) {
			perr(p, value, "%s must be true or false; found %s", info->key,
			     gl_node_describe(value));
			return -1;
		}
		s->boolean = !strcmp(value->u.scalar.value, "true") ||
			     !strcmp(value->u.scalar.value, "True") ||
			     !strcmp(value->u.scalar.value, "TRUE");
		break;
	case GL_SETTING_COUNT_VALUE:
	case GL_SETTING_SIZE:
		if (value->kind == GL_NODE_SCALAR &&
		    (value->u.scalar.type == GL_TYPE_INT ||
		     (info->type == GL_SETTING_SIZE && value->u.scalar.type == GL_TYPE_STRING)) &&
		    parse_size_text(value->u.scalar.value, &s->number) == 0 &&
		    (info->type == GL_SETTING_SIZE || value->u.scalar.type == GL_TYPE_INT) &&
		    s->number <= UINT_MAX)
			break;
		perr(p, value, "%s must be %s; found %s", info->key,
		     info->type == GL_SETTING_SIZE ? "a size in bytes such as 1048576, 512K or 2M"
						   : "a whole number of at least 1",
		     value->kind == GL_NODE_SCALAR ? value->u.scalar.value : gl_node_describe(value));
		return -1;
	case GL_SETTING_STRINGS:
		if (parse_strings(p, id, value, s) < 0)
			return -1;
		break;
	case GL_SETTING_PATTERNS:
	case GL_SETTING_HOSTS:
		if (!expect_kind(p, value, GL_NODE_SEQUENCE, info->key) ||
		    parse_patterns(p, value,
				   info->type == GL_SETTING_HOSTS ? GL_PATTERN_VALUE_NOCASE
								  : GL_PATTERN_VALUE,
				   info->key, &s->patterns, &s->count) < 0)
			return -1;
		break;
	}
	s->set = true;
	s->origin = origin_of(p, key);
	return 0;
}

/*
 * Parse a section (`policy`, `limits`, or one of policy's families) of a
 * layer: each key either names a setting (prefix.key) or a family below.
 */
static void parse_section(struct parser *p, const struct gl_node *map, const char *prefix,
			  struct gl_config_layer *layer)
{
	const char *known[GL_SET_COUNT];
	size_t plen = strlen(prefix), i, j, n;

	if (!expect_kind(p, map, GL_NODE_MAPPING, prefix))
		return;
	for (i = 0; i < map->u.mapping.count; i++) {
		const struct gl_node *key = map->u.mapping.pairs[i].key;
		const struct gl_node *value = map->u.mapping.pairs[i].value;
		char full[160];
		bool family = false;

		n = 0;
		for (j = 0; j < GL_SET_COUNT; j++) {
			const char *k = gl_setting_infos[j].key, *rest, *dot;

			if (strncmp(k, prefix, plen) != 0 || k[plen] != '.')
				continue;
			rest = k + plen + 1;
			dot = strchr(rest, '.');
			/* Offer each family once: "redirect_uris" for its several keys. */
			if (n == 0 || strncmp(known[n - 1], rest,
					      dot ? (size_t)(dot - rest) : strlen(rest)) != 0)
				known[n++] = rest;
		}
		if (key->kind != GL_NODE_SCALAR) {
			unknown_key(p, key, prefix, known, 0);
			continue;
		}
		snprintf(full, sizeof(full), "%s.%s", prefix, key->u.scalar.value);
		for (j = 0; j < GL_SET_COUNT; j++) {
			size_t flen = strlen(full);

			if (!strcmp(gl_setting_infos[j].key, full))
				break;
			if (!strncmp(gl_setting_infos[j].key, full, flen) &&
			    gl_setting_infos[j].key[flen] == '.')
				family = true;
		}
		if (j < GL_SET_COUNT) {
			if (layer->settings[j].set)
				free_setting_values(&layer->settings[j]);
			parse_setting(p, (enum gl_setting_id)j, key, value, &layer->settings[j]);
		} else if (family) {
			parse_section(p, value, full, layer);
		} else {
			/* Trim each known entry to its first component for the message. */
			char names[GL_SET_COUNT][64];
			const char *list[GL_SET_COUNT];

			for (j = 0; j < n; j++) {
				const char *dot = strchr(known[j], '.');
				size_t len = dot ? (size_t)(dot - known[j]) : strlen(known[j]);

				snprintf(names[j], sizeof(names[j]), "%.*s", (int)len, known[j]);
				list[j] = names[j];
			}
			unknown_key(p, key, prefix, list, n);
		}
	}
}

/* Every rule code and name, for "did you mean" on rule selectors. */
static const char *rule_hint(const char *selector)
{
	const char *names[2 * 256];
	size_t n = 0, i;

	for (i = 0; i < gl_rules_count && n + 2 <= 512; i++) {
		names[n++] = gl_rules[i]->code;
		names[n++] = gl_rules[i]->name;
	}
	return gl_suggest(selector, names, n);
}

/* A selector must name at least one rule. */
static bool selector_ok(struct parser *p, const struct gl_node *node)
{
	const char *hint;
	size_t i;

	if (!expect_string(p, node, "a rule selector"))
		return false;
	for (i = 0; i < gl_rules_count; i++)
		if (gl_rule_matches(gl_rules[i], node->u.scalar.value))
			return true;
	hint = rule_hint(node->u.scalar.value);
	if (hint != NULL)
		perr(p, node, "no rule matches '%s'; did you mean '%s'?", node->u.scalar.value, hint);
	else
		perr(p, node, "no rule matches '%s'; give a code (GL102), a name (unknown-key), "
			      "a family (GL1xx) or all (see 'grantlint rules')",
		     node->u.scalar.value);
	return false;
}

static bool scalar_bool(const struct gl_node *n, bool *out)
{
	if (n->kind != GL_NODE_SCALAR || n->u.scalar.type != GL_TYPE_BOOL)
		return false;
	*out = strcasecmp(n->u.scalar.value, "true") == 0;
	return true;
}

/*
 * One `rules:` value: true/false/on/off, a severity (which also enables), or
 * {enabled, severity, unsuppressible}.
 */
static void parse_rule_value(struct parser *p, const struct gl_node *value,
			     struct gl_rule_setting *r)
{
	static const char *const keys[] = { "enabled", "severity", "unsuppressible" };
	bool b;
	size_t i;

	if (scalar_bool(value, &b)) {
		r->enabled = b;
		return;
	}
	if (gl_node_is_string(value)) {
		const char *v = value->u.scalar.value;

		if (!strcmp(v, "on") || !strcmp(v, "off")) {
			r->enabled = !strcmp(v, "on");
		} else if (gl_severity_parse(v) >= 0) {
			r->severity = gl_severity_parse(v);
			r->enabled = 1;
		} else {
			perr(p, value, "a rule takes on, off, true, false, error, warning, info or "
				       "{enabled, severity, unsuppressible}; found '%s'", v);
		}
		return;
	}
	if (!expect_kind(p, value, GL_NODE_MAPPING, "a rule's setting"))
		return;
	for (i = 0; i < value->u.mapping.count; i++) {
		const struct gl_node *k = value->u.mapping.pairs[i].key;
		const struct gl_node *v = value->u.mapping.pairs[i].value;

		if (gl_node_scalar_equals(k, "enabled")) {
			if (scalar_bool(v, &b))
				r->enabled = b;
			else
				perr(p, v, "enabled must be true or false; found %s",
				     gl_node_describe(v));
		} else if (gl_node_scalar_equals(k, "unsuppressible")) {
			if (scalar_bool(v, &b))
				r->unsuppressible = b;
			else
				perr(p, v, "unsuppressible must be true or false; found %s",
				     gl_node_describe(v));
		} else if (gl_node_scalar_equals(k, "severity")) {
			if (gl_node_is_string(v) && gl_severity_parse(v->u.scalar.value) >= 0)
				r->severity = gl_severity_parse(v->u.scalar.value);
			else
				perr(p, v, "severity must be error, warning or info; found %s",
				     v->kind == GL_NODE_SCALAR ? v->u.scalar.value
							       : gl_node_describe(v));
		} else {
			unknown_key(p, k, "a rule's setting", keys, 3);
		}
	}
}

static void parse_rules(struct parser *p, const struct gl_node *map, struct gl_config_layer *layer)
{
	size_t i, n;

	if (!expect_kind(p, map, GL_NODE_MAPPING, "rules"))
		return;
	n = map->u.mapping.count;
	layer->rules = calloc(n ? n : 1, sizeof(*layer->rules));
	if (layer->rules == NULL) {
		p->oom = 1;
		return;
	}
	for (i = 0; i < n; i++) {
		const struct gl_node *key = map->u.mapping.pairs[i].key;
		struct gl_rule_setting *r = &layer->rules[layer->rule_count];

		if (!selector_ok(p, key))
			continue;
		r->enabled = r->severity = r->unsuppressible = -1;
		r->origin = origin_of(p, key);
		parse_rule_value(p, map->u.mapping.pairs[i].value, r);
		r->selector = strdup(key->u.scalar.value);
		if (r->selector == NULL) {
			p->oom = 1;
			return;
		}
		layer->rule_count++;
	}
}

static void layer_free(struct gl_config_layer *layer)
{
	size_t i;

	for (i = 0; i < GL_SET_COUNT; i++)
		free_setting_values(&layer->settings[i]);
	for (i = 0; i < layer->rule_count; i++)
		free(layer->rules[i].selector);
	free(layer->rules);
}

/* `files:` of an override or an ignore entry: required, a non-empty list of globs. */
static void parse_files(struct parser *p, const struct gl_node *entry, const char *what,
			struct gl_pattern ***out, size_t *count)
{
	const struct gl_node *files = gl_node_get_member(entry, "files");

	if (files == NULL) {
		perr(p, entry, "%s needs 'files': a list of globs such as 'grants/partners/**'", what);
		return;
	}
	if (files->kind == GL_NODE_SEQUENCE && files->u.sequence.count == 0) {
		perr(p, files, "%s: 'files' is empty, so it applies to nothing", what);
		return;
	}
	parse_patterns(p, files, GL_PATTERN_PATH, "files", out, count);
}

static void parse_overrides(struct parser *p, const struct gl_node *list)
{
	static const char *const keys[] = { "files", "rules", "policy" };
	struct gl_config_file *f = p->file;
	size_t i, j, n;

	if (!expect_kind(p, list, GL_NODE_SEQUENCE, "overrides"))
		return;
	n = list->u.sequence.count;
	if (n > GL_CONFIG_MAX_OVERRIDES) {
		perr(p, list, "at most %d overrides are supported; found %zu",
		     GL_CONFIG_MAX_OVERRIDES, n);
		return;
	}
	f->overrides = calloc(n ? n : 1, sizeof(*f->overrides));
	if (f->overrides == NULL) {
		p->oom = 1;
		return;
	}
	for (i = 0; i < n; i++) {
		const struct gl_node *e = list->u.sequence.items[i];
		struct gl_config_override *o = &f->overrides[f->override_count++];

		o->origin = origin_of(p, e);
		if (!expect_kind(p, e, GL_NODE_MAPPING, "an override"))
			continue;
		parse_files(p, e, "an override", &o->files, &o->file_count);
		for (j = 0; j < e->u.mapping.count; j++) {
			const struct gl_node *k = e->u.mapping.pairs[j].key;
			const struct gl_node *v = e->u.mapping.pairs[j].value;

			if (gl_node_scalar_equals(k, "files"))
				continue;
			if (gl_node_scalar_equals(k, "rules"))
				parse_rules(p, v, &o->layer);
			else if (gl_node_scalar_equals(k, "policy"))
				parse_section(p, v, "policy", &o->layer);
			else
				unknown_key(p, k, "an override", keys, 3);
		}
	}
}

static char *optional_string(struct parser *p, const struct gl_node *entry, const char *key)
{
	const struct gl_node *v = gl_node_get_member(entry, key);
	char *s;

	if (v == NULL || !expect_string(p, v, key))
		return NULL;
	s = strdup(v->u.scalar.value);
	if (s == NULL)
		p->oom = 1;
	return s;
}

static void parse_ignores(struct parser *p, const struct gl_node *list)
{
	static const char *const keys[] = { "files", "rule", "pointer", "reason" };
	struct gl_config_file *f = p->file;
	size_t i, j, n;

	if (!expect_kind(p, list, GL_NODE_SEQUENCE, "ignore"))
		return;
	n = list->u.sequence.count;
	f->ignores = calloc(n ? n : 1, sizeof(*f->ignores));
	if (f->ignores == NULL) {
		p->oom = 1;
		return;
	}
	for (i = 0; i < n; i++) {
		const struct gl_node *e = list->u.sequence.items[i], *rule, *ptr;
		struct gl_config_ignore *ig = &f->ignores[f->ignore_count++];

		ig->origin = origin_of(p, e);
		ig->origin_end = e->start;
		ig->origin_end.col++;
		if (!expect_kind(p, e, GL_NODE_MAPPING, "an ignore entry"))
			continue;
		for (j = 0; j < e->u.mapping.count; j++)
			if (!gl_node_scalar_equals(e->u.mapping.pairs[j].key, "files") &&
			    !gl_node_scalar_equals(e->u.mapping.pairs[j].key, "rule") &&
			    !gl_node_scalar_equals(e->u.mapping.pairs[j].key, "pointer") &&
			    !gl_node_scalar_equals(e->u.mapping.pairs[j].key, "reason"))
				unknown_key(p, e->u.mapping.pairs[j].key, "an ignore entry", keys, 4);
		parse_files(p, e, "an ignore entry", &ig->files, &ig->file_count);
		rule = gl_node_get_member(e, "rule");
		if (rule == NULL)
			perr(p, e, "an ignore entry needs 'rule': the code, name or family it hides");
		else if (selector_ok(p, rule)) {
			ig->rule = strdup(rule->u.scalar.value);
			ig->origin = origin_of(p, rule);
			ig->origin_end = rule->end;
		}
		ptr = gl_node_get_member(e, "pointer");
		if (ptr != NULL && gl_node_is_string(ptr) && ptr->u.scalar.len > 0 &&
		    ptr->u.scalar.value[0] != '/')
			perr(p, ptr, "pointer must be a JSON Pointer such as '/Grant/AuthorizationCode"
				     "/RedirectUris/0' (starting with '/'); found '%s'",
			     ptr->u.scalar.value);
		else
			ig->pointer = optional_string(p, e, "pointer");
		ig->reason = optional_string(p, e, "reason");
		if (ig->reason != NULL && ig->reason[strspn(ig->reason, " \t")] == '\0') {
			free(ig->reason);
			ig->reason = NULL;
		}
	}
}

void gl_config_file_free(struct gl_config_file *file)
{
	size_t i;

	if (file == NULL)
		return;
	patterns_free(file->include, file->include_count);
	patterns_free(file->exclude, file->exclude_count);
	layer_free(&file->base);
	for (i = 0; i < file->override_count; i++) {
		patterns_free(file->overrides[i].files, file->overrides[i].file_count);
		layer_free(&file->overrides[i].layer);
	}
	free(file->overrides);
	for (i = 0; i < file->ignore_count; i++) {
		patterns_free(file->ignores[i].files, file->ignores[i].file_count);
		free(file->ignores[i].rule);
		free(file->ignores[i].pointer);
		free(file->ignores[i].reason);
	}
	free(file->ignores);
	for (i = 0; i < file->effective_count; i++) {
		struct gl_config *c = file->effective[i];

		free(c->enabled);
		free(c->severity);
		free(c->unsuppressible);
		free(c->rule_origin);
		free(c);
	}
	free(file->effective);
	free(file->path);
	free(file->dir);
	free(file);
}

char *gl_absolute_folder_of(const char *path)
{
	char *copy = strdup(path), *slash, *abs;

	if (copy == NULL)
		return NULL;
	slash = strrchr(copy, '/');
	if (slash == copy)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	abs = realpath(slash ? copy : ".", NULL);
	free(copy);
	return abs;
}

static void parse_top(struct parser *p, const struct gl_node *root)
{
	static const char *const keys[] = { "include", "exclude", "rules", "policy",
					    "overrides", "limits", "ignore" };
	struct gl_config_file *f = p->file;
	size_t i;

	for (i = 0; i < root->u.mapping.count; i++) {
		const struct gl_node *k = root->u.mapping.pairs[i].key;
		const struct gl_node *v = root->u.mapping.pairs[i].value;

		if (gl_node_scalar_equals(k, "include")) {
			f->include_origin = origin_of(p, k);
			parse_patterns(p, v, GL_PATTERN_PATH, "include", &f->include,
				       &f->include_count);
		} else if (gl_node_scalar_equals(k, "exclude")) {
			f->exclude_origin = origin_of(p, k);
			parse_patterns(p, v, GL_PATTERN_PATH, "exclude", &f->exclude,
				       &f->exclude_count);
		} else if (gl_node_scalar_equals(k, "rules")) {
			parse_rules(p, v, &f->base);
		} else if (gl_node_scalar_equals(k, "policy")) {
			parse_section(p, v, "policy", &f->base);
		} else if (gl_node_scalar_equals(k, "limits")) {
			parse_section(p, v, "limits", &f->base);
		} else if (gl_node_scalar_equals(k, "overrides")) {
			parse_overrides(p, v);
		} else if (gl_node_scalar_equals(k, "ignore")) {
			parse_ignores(p, v);
		} else {
			unknown_key(p, k, "the configuration", keys, sizeof(keys) / sizeof(keys[0]));
		}
	}
}

int gl_config_file_load(struct gl_config_file **out, const char *path, const char *dir,
			const char *bytes, size_t len, FILE *errors)
{
	struct gl_limits limits;
	struct gl_loaded loaded;
	struct gl_diag_list diags;
	struct parser p;
	size_t i;
	int rc;

	*out = NULL;
	memset(&p, 0, sizeof(p));
	p.errors = errors;
	p.file = calloc(1, sizeof(*p.file));
	if (p.file == NULL)
		return -2;
	p.file->path = strdup(path);
	p.file->dir = dir ? strdup(dir) : gl_absolute_folder_of(path);
	if (p.file->path == NULL || p.file->dir == NULL) {
		gl_config_file_free(p.file);
		return -2;
	}
	gl_limits_default(&limits);
	gl_diag_list_init(&diags);
	rc = gl_load(&loaded, &limits, path, bytes, len, gl_file_format_of(path), &diags);
	if (rc < 0) {
		p.oom = 1;
		goto done;
	}
	for (i = 0; i < diags.count; i++) {
		const struct gl_diag *d = &diags.items[i];

		/* An empty configuration is a valid one; everything else is not. */
		if (!strcmp(d->rule->code, "GL006"))
			continue;
		if (!strcmp(d->rule->code, "GL007")) {
			if (errors && !p.failed)
				fprintf(errors, "%s:%u:%u: error: the configuration must be a mapping "
						"of keys (include, exclude, rules, policy, overrides, "
						"limits, ignore)\n", path, d->start.line, d->start.col);
			p.failed = 1;
			continue;
		}
		if (errors)
			fprintf(errors, "%s:%u:%u: error: %s\n", path, d->start.line, d->start.col,
				d->message);
		p.failed = 1;
	}
	if (!p.failed && loaded.count > 1) {
		const struct gl_node *second = loaded.requests[1].root;

		if (errors)
			fprintf(errors, "%s:%u:%u: error: the configuration must be one mapping, "
					"not a list or a stream of several\n",
				path, second->start.line, second->start.col);
		p.failed = 1;
	}
	if (!p.failed && loaded.count == 1)
		parse_top(&p, loaded.requests[0].root);
done:
	gl_loaded_free(&loaded);
	gl_diag_list_free(&diags);
	if (p.oom || p.failed) {
		gl_config_file_free(p.file);
		return p.oom ? -2 : -1;
	}
	*out = p.file;
	return 0;
}

static bool any_match(struct gl_pattern *const *pats, size_t n, const char *relpath)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (gl_pattern_match(pats[i], relpath, strlen(relpath)))
			return true;
	return false;
}

bool gl_config_file_excludes(const struct gl_config_file *file, const char *relpath)
{
	if (file->include_count > 0 && !any_match(file->include, file->include_count, relpath))
		return true;
	return any_match(file->exclude, file->exclude_count, relpath);
}

/* Apply one layer's rules settings, in order, to the effective tables. */
static void apply_rules(struct gl_config *c, const struct gl_config_layer *layer)
{
	size_t i, r;

	for (i = 0; i < layer->rule_count; i++) {
		const struct gl_rule_setting *s = &layer->rules[i];

		for (r = 0; r < gl_rules_count; r++) {
			if (!gl_rule_matches(gl_rules[r], s->selector))
				continue;
			if (s->enabled >= 0)
				c->enabled[r] = s->enabled;
			if (s->severity >= 0)
				c->severity[r] = s->severity;
			if (s->unsuppressible >= 0)
				c->unsuppressible[r] = s->unsuppressible;
			if (s->enabled >= 0 || s->severity >= 0)
				c->rule_origin[r] = s->origin;
		}
	}
}

static void apply_settings(struct gl_config *c, const struct gl_config_layer *layer)
{
	size_t i;

	for (i = 0; i < GL_SET_COUNT; i++)
		if (layer->settings[i].set)
			c->settings[i] = layer->settings[i];
}

/* Build the effective configuration for one set of matching overrides. */
static struct gl_config *build_effective(const struct gl_config_file *file, uint64_t mask,
					 const bool *base_enabled,
					 const struct gl_limits *base_limits)
{
	struct gl_config *c = calloc(1, sizeof(*c));
	const struct gl_setting *s;
	size_t i;

	if (c == NULL)
		return NULL;
	c->file = file;
	c->override_mask = mask;
	c->enabled = calloc(gl_rules_count, sizeof(bool));
	c->severity = calloc(gl_rules_count, sizeof(int));
	c->unsuppressible = calloc(gl_rules_count, sizeof(bool));
	c->rule_origin = calloc(gl_rules_count, sizeof(struct gl_origin));
	if (!c->enabled || !c->severity || !c->unsuppressible || !c->rule_origin) {
		free(c->enabled);
		free(c->severity);
		free(c->unsuppressible);
		free(c->rule_origin);
		free(c);
		return NULL;
	}
	for (i = 0; i < gl_rules_count; i++) {
		c->enabled[i] = true;
		c->severity[i] = -1;
	}
	apply_settings(c, &file->base);
	apply_rules(c, &file->base);
	for (i = 0; i < file->override_count; i++)
		if (mask & ((uint64_t)1 << i)) {
			apply_settings(c, &file->overrides[i].layer);
			apply_rules(c, &file->overrides[i].layer);
		}
	/* The command line narrows what the configuration enables. */
	if (base_enabled != NULL)
		for (i = 0; i < gl_rules_count; i++)
			c->enabled[i] = c->enabled[i] && base_enabled[i];
	c->limits = *base_limits;
	s = c->settings;
	if (s[GL_SET_MAX_FILE_SIZE].set)
		c->limits.max_file_bytes = (size_t)s[GL_SET_MAX_FILE_SIZE].number;
	if (s[GL_SET_MAX_DEPTH].set)
		c->limits.max_depth = (unsigned)s[GL_SET_MAX_DEPTH].number;
	if (s[GL_SET_MAX_ALIASES].set)
		c->limits.max_alias_nodes = (unsigned)s[GL_SET_MAX_ALIASES].number;
	if (s[GL_SET_MAX_DOCUMENTS].set)
		c->limits.max_documents = (unsigned)s[GL_SET_MAX_DOCUMENTS].number;
	if (s[GL_SET_MAX_ITEMS].set)
		c->limits.max_collection_items = (unsigned)s[GL_SET_MAX_ITEMS].number;
	return c;
}

const struct gl_config *gl_config_file_effective(struct gl_config_file *file, const char *relpath,
						 const bool *base_enabled,
						 const struct gl_limits *base_limits)
{
	uint64_t mask = 0;
	struct gl_config *c, **grown;
	size_t i;

	for (i = 0; i < file->override_count; i++)
		if (any_match(file->overrides[i].files, file->overrides[i].file_count, relpath))
			mask |= (uint64_t)1 << i;
	for (i = 0; i < file->effective_count; i++)
		if (file->effective[i]->override_mask == mask)
			return file->effective[i];
	c = build_effective(file, mask, base_enabled, base_limits);
	if (c == NULL)
		return NULL;
	grown = realloc(file->effective, (file->effective_count + 1) * sizeof(*grown));
	if (grown == NULL) {
		file->effective_count++; /* let gl_config_file_free() release c */
		free(c->enabled);
		free(c->severity);
		free(c->unsuppressible);
		free(c->rule_origin);
		free(c);
		file->effective_count--;
		return NULL;
	}
	file->effective = grown;
	file->effective[file->effective_count++] = c;
	return c;
}

const char *gl_origin_format(const struct gl_origin *origin, char *buf, size_t size)
{
	if (origin->file == NULL)
		snprintf(buf, size, "built-in default");
	else
		snprintf(buf, size, "%s:%u", origin->file, origin->pos.line);
	return buf;
}

/* ---- discovery ---------------------------------------------------------- */

int gl_config_set_init(struct gl_config_set *set, const char *explicit_path, bool disabled,
		       const bool *base_enabled, const struct gl_limits *base_limits)
{
	memset(set, 0, sizeof(*set));
	if (pthread_mutex_init(&set->lock, NULL) != 0)
		return -1;
	set->disabled = disabled;
	set->base_enabled = base_enabled;
	set->base_limits = *base_limits;
	set->errors = stderr;
	if (explicit_path != NULL) {
		set->explicit_path = strdup(explicit_path);
		if (set->explicit_path == NULL)
			return -1;
	}
	return 0;
}

void gl_config_set_free(struct gl_config_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->file_count; i++)
		gl_config_file_free(set->files[i]);
	free(set->files);
	for (i = 0; i < set->dir_count; i++)
		free(set->dirs[i].dir);
	free(set->dirs);
	free(set->dir_slots);
	free(set->last_given_dir);
	free(set->last_abs_dir);
	free(set->explicit_path);
	pthread_mutex_destroy(&set->lock);
	memset(set, 0, sizeof(*set));
}

/* Read a whole file. Returns 0, 1 when it does not exist, -1 otherwise (errno). */
static int read_fs(const char *path, char **bytes, size_t *len)
{
	if (gl_file_read(bytes, len, path, 0) == 0)
		return 0;
	return errno == ENOENT || errno == ENOTDIR ? 1 : -1;
}

/*
 * How to show the configuration file found in folder conf_dir to someone who
 * named a file in folder file_dir as given_path: the same way they named it,
 * "grants/team/x.yaml" -> "grants/.grantlint.yaml" (or "../.grantlint.yaml").
 */
static char *display_path(const char *given_path, const char *file_dir, const char *conf_dir)
{
	size_t levels = 0, n = strlen(conf_dir), len;
	const char *p;
	char *out, *slash;

	for (p = file_dir + (strcmp(conf_dir, "/") ? n : 0); *p; p++)
		if (*p == '/')
			levels++;
	out = malloc(strlen(given_path) + 3 * levels + sizeof(GL_CONFIG_FILE_NAME) + 4);
	if (out == NULL)
		return NULL;
	strcpy(out, given_path);
	slash = strrchr(out, '/');
	if (slash == NULL)
		strcpy(out, ".");
	else if (slash == out)
		out[1] = '\0';
	else
		*slash = '\0';
	while (levels > 0) {
		slash = strrchr(out, '/');
		p = slash ? slash + 1 : out;
		if (!strcmp(p, "..") || !strcmp(p, ".") || !strcmp(out, "/"))
			break;
		if (slash == NULL)
			strcpy(out, ".");
		else if (slash == out)
			out[1] = '\0';
		else
			*slash = '\0';
		levels--;
	}
	for (; levels > 0; levels--)
		strcat(out, "/..");
	len = strlen(out);
	if (!strcmp(out, "."))
		strcpy(out, GL_CONFIG_FILE_NAME);
	else
		sprintf(out + len, "%s%s", out[len - 1] == '/' ? "" : "/", GL_CONFIG_FILE_NAME);
	if (!strncmp(out, "./", 2))
		memmove(out, out + 2, strlen(out + 2) + 1);
	return out;
}

/*
 * Load a configuration file into the set. Returns 0 with *out (NULL when it
 * does not exist), -1 when it is invalid or unreadable (explained), -2 out of
 * memory.
 */
static int set_load(struct gl_config_set *set, const char *path, const char *dir,
		    bool from_source, struct gl_config_file **out)
{
	struct gl_config_file *file = NULL, **grown;
	char *bytes = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	rc = from_source ? set->read(set->read_arg, path, &bytes, &len)
			 : read_fs(path, &bytes, &len);
	if (rc == 1)
		return 0;
	if (rc == -2)
		return -2;
	if (rc < 0 && from_source) {
		set->failed = true;
		return -1;
	}
	if (rc < 0) {
		if (errno == ENOMEM)
			return -2;
		fprintf(set->errors, "grantlint: cannot read configuration '%s': %s\n", path,
			strerror(errno));
		set->failed = true;
		return -1;
	}
	rc = gl_config_file_load(&file, path, dir, bytes, len, set->errors);
	free(bytes);
	if (rc == -1)
		set->failed = true;
	if (rc < 0)
		return rc;
	grown = realloc(set->files, (set->file_count + 1) * sizeof(*grown));
	if (grown == NULL) {
		gl_config_file_free(file);
		return -2;
	}
	set->files = grown;
	set->files[set->file_count++] = file;
	*out = file;
	return 0;
}

static size_t dir_hash(const char *dir)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *dir; dir++)
		h = (h ^ (unsigned char)*dir) * 0x100000001b3ULL;
	return (size_t)h;
}

static struct gl_config_dir *dir_find(struct gl_config_set *set, const char *dir)
{
	size_t mask = set->dir_slot_count - 1, i;

	if (set->dir_slot_count == 0)
		return NULL;
	for (i = dir_hash(dir) & mask; set->dir_slots[i] != 0; i = (i + 1) & mask)
		if (!strcmp(set->dirs[set->dir_slots[i] - 1].dir, dir))
			return &set->dirs[set->dir_slots[i] - 1];
	return NULL;
}

/* Rebuild the hash index with room for at least want folders. */
static int dir_index_grow(struct gl_config_set *set, size_t want)
{
	size_t count = set->dir_slot_count ? set->dir_slot_count : 64, i, mask;
	size_t *slots;

	while (count < want * 2)
		count *= 2;
	if (count == set->dir_slot_count)
		return 0;
	slots = calloc(count, sizeof(*slots));
	if (slots == NULL)
		return -1;
	mask = count - 1;
	for (i = 0; i < set->dir_count; i++) {
		size_t k = dir_hash(set->dirs[i].dir) & mask;

		while (slots[k] != 0)
			k = (k + 1) & mask;
		slots[k] = i + 1;
	}
	free(set->dir_slots);
	set->dir_slots = slots;
	set->dir_slot_count = count;
	return 0;
}

static int dir_add(struct gl_config_set *set, const char *dir, struct gl_config_file *file,
		   bool invalid)
{
	struct gl_config_dir *grown = realloc(set->dirs, (set->dir_count + 1) * sizeof(*grown));
	size_t k, mask;

	if (grown == NULL)
		return -1;
	set->dirs = grown;
	grown[set->dir_count].dir = strdup(dir);
	if (grown[set->dir_count].dir == NULL)
		return -1;
	grown[set->dir_count].file = file;
	grown[set->dir_count].invalid = invalid;
	set->dir_count++;
	if (dir_index_grow(set, set->dir_count) < 0) {
		set->dir_count--;
		free(grown[set->dir_count].dir);
		return -1;
	}
	mask = set->dir_slot_count - 1;
	for (k = dir_hash(dir) & mask; set->dir_slots[k] != 0; k = (k + 1) & mask)
		;
	set->dir_slots[k] = set->dir_count;
	return 0;
}

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

void gl_config_set_use_source(struct gl_config_set *set, gl_config_read_fn read, void *arg)
{
	set->read = read;
	set->read_arg = arg;
}

/* Cut the last component off folder walk ("/a" -> "/", "a" -> "" in a source). */
static void folder_up(char *walk, bool in_source)
{
	char *slash = strrchr(walk, '/');

	if (slash == NULL)
		walk[0] = '\0';
	else if (slash == walk && !in_source)
		slash[1] = '\0';
	else
		*slash = '\0';
}

/*
 * Try the configuration file of one folder. Returns 0 with *file (NULL: none
 * there), -1 when it is invalid, -2 out of memory.
 */
static int probe_folder(struct gl_config_set *set, const char *walk, const char *start,
			const char *given_path, bool in_source, struct gl_config_file **file)
{
	size_t n = strlen(walk);
	char *candidate = malloc(n + sizeof(GL_CONFIG_FILE_NAME) + 2), *shown;
	int rc = 0;

	*file = NULL;
	if (candidate == NULL)
		return -2;
	/* In a source, the root is ""; on the file system, "/". */
	sprintf(candidate, "%s%s%s", walk, n && strcmp(walk, "/") ? "/" : "", GL_CONFIG_FILE_NAME);
	if (in_source) {
		rc = set_load(set, candidate, walk, true, file);
	} else if (exists(candidate)) {
		shown = display_path(given_path, start, walk);
		rc = shown ? set_load(set, shown, walk, false, file) : -2;
		free(shown);
	}
	free(candidate);
	return rc;
}

/* Is folder walk where discovery stops: the repository or file-system root? */
static bool discovery_root(const char *walk, bool in_source)
{
	char git[PATH_MAX + 8];

	if (in_source)
		return walk[0] == '\0';
	if (!strcmp(walk, "/"))
		return true;
	snprintf(git, sizeof(git), "%s/.git", walk);
	return exists(git);
}

/*
 * The configuration governing folder start: the nearest .grantlint.yaml from
 * start upwards, stopping at the repository root (a folder holding .git) or
 * the file-system root; in a source (the git index, a revision) start is
 * relative to the repository root and the walk ends at the root (""). Every
 * folder on the way is cached, so each is looked at once per run.
 */
static int discover(struct gl_config_set *set, const char *start, const char *given_path,
		    bool in_source, struct gl_config_dir **out)
{
	char *walk = strdup(start);
	struct gl_config_file *file = NULL;
	struct gl_config_dir *hit = NULL;
	bool invalid = false;
	char **seen = NULL;
	size_t seen_count = 0, i;
	int rc = 0;

	if (walk == NULL)
		return -1;
	for (;;) {
		char **grown;
		int lr;

		hit = dir_find(set, walk);
		if (hit != NULL) {
			file = hit->file;
			invalid = hit->invalid;
			break;
		}
		grown = realloc(seen, (seen_count + 1) * sizeof(*seen));
		if (grown == NULL || (grown[seen_count] = strdup(walk)) == NULL) {
			seen = grown ? grown : seen;
			rc = -1;
			goto done;
		}
		seen = grown;
		seen_count++;
		lr = probe_folder(set, walk, start, given_path, in_source, &file);
		if (lr == -2) {
			rc = -1;
			goto done;
		}
		if (lr < 0 || file != NULL) {
			invalid = lr < 0;
			break;
		}
		if (discovery_root(walk, in_source))
			break;
		folder_up(walk, in_source);
	}
	for (i = 0; i < seen_count; i++)
		if (dir_add(set, seen[i], file, invalid) < 0) {
			rc = -1;
			goto done;
		}
	*out = dir_find(set, start);
done:
	for (i = 0; i < seen_count; i++)
		free(seen[i]);
	free(seen);
	free(walk);
	return rc;
}

int gl_config_set_preload(struct gl_config_set *set)
{
	struct gl_config_file *file;
	int rc;

	if (set->explicit_path == NULL || set->disabled || set->file_count > 0)
		return 0;
	rc = set_load(set, set->explicit_path, NULL, false, &file);
	if (rc == 0 && file == NULL) {
		fprintf(set->errors, "grantlint: cannot read configuration '%s': %s\n",
			set->explicit_path, strerror(ENOENT));
		set->failed = true;
		return 0;
	}
	return rc == -2 ? -1 : 0;
}

/* path relative to folder dir; file_dir is path's folder made absolute, or NULL. malloc'd. */
static char *relative_to(const char *dir, const char *path, const char *file_dir)
{
	char *abs_dir = file_dir ? strdup(file_dir) : gl_absolute_folder_of(path), *out;
	const char *base = strrchr(path, '/');
	size_t n = strlen(dir);

	base = base ? base + 1 : path;
	if (abs_dir == NULL)
		return strdup(path);
	if (!strcmp(abs_dir, dir)) {
		out = strdup(base);
	} else if (!strncmp(abs_dir, dir, n) && (abs_dir[n] == '/' || n == 1)) {
		const char *sub = abs_dir + n + (n == 1 ? 0 : 1);

		out = malloc(strlen(sub) + strlen(base) + 2);
		if (out != NULL)
			sprintf(out, "%s/%s", sub, base);
	} else {
		out = strdup(path);
	}
	free(abs_dir);
	return out;
}

/*
 * gl_absolute_folder_of(path), remembering the last answer: a walk hands over the
 * files of one folder after another, so most calls need no realpath().
 */
static char *cached_absolute_dir(struct gl_config_set *set, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;
	char *abs;

	if (set->last_given_dir != NULL && strlen(set->last_given_dir) == n &&
	    !strncmp(set->last_given_dir, path, n))
		return strdup(set->last_abs_dir);
	abs = gl_absolute_folder_of(path);
	if (abs == NULL)
		return NULL;
	free(set->last_given_dir);
	free(set->last_abs_dir);
	set->last_given_dir = strndup(path, n);
	set->last_abs_dir = strdup(abs);
	if (set->last_given_dir == NULL || set->last_abs_dir == NULL) {
		free(set->last_given_dir);
		free(set->last_abs_dir);
		set->last_given_dir = set->last_abs_dir = NULL;
	}
	return abs;
}

int gl_config_set_resolve(struct gl_config_set *set, const char *path,
			  struct gl_config_resolved *out)
{
	struct gl_config_file *file = NULL;
	char *dir = NULL;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (set->disabled)
		return 0;
	pthread_mutex_lock(&set->lock);
	if (set->explicit_path != NULL) {
		if (gl_config_set_preload(set) < 0) {
			rc = -1;
			goto done;
		}
		file = set->file_count ? set->files[0] : NULL;
		out->invalid = file == NULL;
	} else if (set->read != NULL) {
		struct gl_config_dir *d = NULL;

		char *folder = strdup(path);

		if (folder == NULL) {
			rc = -1;
			goto done;
		}
		folder_up(folder, true);
		rc = discover(set, folder, path, true, &d);
		free(folder);
		if (rc < 0)
			goto done;
		file = d ? d->file : NULL;
		out->invalid = d && d->invalid;
	} else {
		struct gl_config_dir *d = NULL;

		dir = cached_absolute_dir(set, path);
		if (dir == NULL)
			goto done; /* an unreadable path: the run says so */
		if (discover(set, dir, path, false, &d) < 0) {
			rc = -1;
			goto done;
		}
		file = d ? d->file : NULL;
		out->invalid = d && d->invalid;
	}
	if (file == NULL)
		goto done;
	out->file = file;
	if (set->read != NULL && set->explicit_path == NULL) {
		/* Repository-relative: strip the configuration's folder. */
		size_t n = strlen(file->dir);

		out->relpath = strdup(n && !strncmp(path, file->dir, n) && path[n] == '/'
					      ? path + n + 1
					      : path);
	} else {
		out->relpath = relative_to(file->dir, path, dir);
	}
	if (out->relpath == NULL) {
		rc = -1;
		goto done;
	}
	out->excluded = gl_config_file_excludes(file, out->relpath);
	out->config = gl_config_file_effective(file, out->relpath, set->base_enabled,
					       &set->base_limits);
	if (out->config == NULL)
		rc = -1;
done:
	pthread_mutex_unlock(&set->lock);
	free(dir);
	if (rc < 0)
		gl_config_resolved_free(out);
	return rc;
}

void gl_config_resolved_free(struct gl_config_resolved *res)
{
	if (res == NULL)
		return;
	free(res->relpath);
	memset(res, 0, sizeof(*res));
}

/* ---- config --show ----------------------------------------------------- */

static void show_value(FILE *out, const struct gl_config *c, enum gl_setting_id id)
{
	const struct gl_setting *s = &c->settings[id];
	size_t i;

	switch (gl_setting_infos[id].type) {
	case GL_SETTING_BOOL:
		fputs(s->set ? (s->boolean ? "true" : "false") : "(not set)", out);
		return;
	case GL_SETTING_COUNT_VALUE:
	case GL_SETTING_SIZE:
		if (s->set) {
			fprintf(out, "%llu", s->number);
			return;
		}
		switch (id) {
		case GL_SET_MAX_FILE_SIZE:
			fprintf(out, "%zu", c->limits.max_file_bytes);
			return;
		case GL_SET_MAX_DEPTH:
			fprintf(out, "%u", c->limits.max_depth);
			return;
		case GL_SET_MAX_ALIASES:
			fprintf(out, "%u", c->limits.max_alias_nodes);
			return;
		case GL_SET_MAX_DOCUMENTS:
			fprintf(out, "%u", c->limits.max_documents);
			return;
		case GL_SET_MAX_ITEMS:
			fprintf(out, "%u", c->limits.max_collection_items);
			return;
		default:
			fputs("(not set)", out);
			return;
		}
	default:
		if (!s->set) {
			fputs("(not set)", out);
			return;
		}
		fputc('[', out);
		for (i = 0; i < s->count; i++)
			fprintf(out, "%s\"%s\"", i ? ", " : "",
				s->patterns ? gl_pattern_text(s->patterns[i]) : s->strings[i]);
		fputc(']', out);
	}
}

static void show_globs(FILE *out, const char *key, struct gl_pattern *const *pats, size_t n,
		       const struct gl_origin *origin)
{
	char where[512];
	size_t i;

	fprintf(out, "%s: [", key);
	for (i = 0; i < n; i++)
		fprintf(out, "%s\"%s\"", i ? ", " : "", gl_pattern_text(pats[i]));
	fprintf(out, "]  # %s\n", n ? gl_origin_format(origin, where, sizeof(where)) : "built-in default");
}

void gl_config_show(FILE *out, const struct gl_config_resolved *res)
{
	const struct gl_config *c = res->config;
	const struct gl_config_file *f = res->file;
	char where[512];
	size_t i;

	if (c == NULL) {
		fputs("# no configuration file applies: built-in defaults\n", out);
		return;
	}
	fprintf(out, "# configuration file: %s\n", f->path);
	fprintf(out, "# path, relative to %s: %s\n", f->dir, res->relpath);
	for (i = 0; i < f->override_count; i++)
		if (c->override_mask & ((uint64_t)1 << i))
			fprintf(out, "# override %zu applies (%s)\n", i + 1,
				gl_origin_format(&f->overrides[i].origin, where, sizeof(where)));
	fprintf(out, "linted: %s\n", res->excluded ? "false  # left out by include/exclude" : "true");
	show_globs(out, "include", f->include, f->include_count, &f->include_origin);
	show_globs(out, "exclude", f->exclude, f->exclude_count, &f->exclude_origin);
	for (i = 0; i < GL_SET_COUNT; i++) {
		fprintf(out, "%s: ", gl_setting_infos[i].key);
		show_value(out, c, (enum gl_setting_id)i);
		fprintf(out, "  # %s\n", gl_origin_format(&c->settings[i].origin, where, sizeof(where)));
	}
	fputs("rules:\n", out);
	for (i = 0; i < gl_rules_count; i++) {
		int sev = c->severity[i] >= 0 ? c->severity[i] : (int)gl_rules[i]->severity;

		fprintf(out, "  %s %s: %s, %s%s  # %s\n", gl_rules[i]->code, gl_rules[i]->name,
			c->enabled[i] ? "on" : "off", gl_severity_name((enum gl_severity)sev),
			c->unsuppressible[i] ? ", unsuppressible" : "",
			gl_origin_format(&c->rule_origin[i], where, sizeof(where)));
	}
	fputs("ignore:\n", out);
	for (i = 0; i < f->ignore_count; i++) {
		const struct gl_config_ignore *ig = &f->ignores[i];

		fprintf(out, "  - rule %s, pointer %s, %s  # %s%s\n", ig->rule ? ig->rule : "?",
			ig->pointer ? ig->pointer : "(whole file)",
			ig->file_count && any_match(ig->files, ig->file_count, res->relpath)
				? "applies to this path"
				: "not for this path",
			gl_origin_format(&ig->origin, where, sizeof(where)),
			ig->reason ? "" : " (no reason given)");
	}
}

/* ---- for policy rules --------------------------------------------------- */

bool gl_setting_matches(const struct gl_setting *s, const char *value, size_t len)
{
	size_t i;

	for (i = 0; i < s->count; i++) {
		if (s->patterns != NULL) {
			if (gl_pattern_match(s->patterns[i], value, len))
				return true;
		} else if (strlen(s->strings[i]) == len && !memcmp(s->strings[i], value, len)) {
			return true;
		}
	}
	return false;
}

const char *gl_setting_list(const struct gl_setting *s, char *buf, size_t size)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < s->count && n < size; i++) {
		const char *v = s->patterns ? gl_pattern_text(s->patterns[i]) : s->strings[i];

		if (n + strlen(v) + 6 >= size) {
			snprintf(buf + n, size - n, "%s...", i ? ", " : "");
			break;
		}
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "", v);
	}
	if (s->count == 0)
		snprintf(buf, size, "nothing");
	return buf;
}

const char *gl_setting_source(const struct gl_config *c, enum gl_setting_id id, char *buf,
			      size_t size)
{
	char where[512];

	snprintf(buf, size, "%s (set at %s)", gl_setting_infos[id].key,
		 gl_origin_format(&c->settings[id].origin, where, sizeof(where)));
	return buf;
}
