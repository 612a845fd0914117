/* load.c - bytes to document model, with every defence against bad input. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <yaml.h>

#include "load.h"
#include "rules.h"

/* ---- positions ---------------------------------------------------------- */

static size_t skip_bom(const char *bytes, size_t len)
{
	if (len >= 3 && (unsigned char)bytes[0] == 0xEF && (unsigned char)bytes[1] == 0xBB &&
	    (unsigned char)bytes[2] == 0xBF)
		return 3;
	return 0;
}

struct gl_pos gl_pos_of_offset(const char *bytes, size_t len, size_t offset)
{
	struct gl_pos pos = { 1, 1 };
	size_t i = skip_bom(bytes, len);

	if (offset > len)
		offset = len;
	for (; i < offset; i++) {
		unsigned char c = (unsigned char)bytes[i];

		if (c == '\n' || (c == '\r' && (i + 1 >= len || bytes[i + 1] != '\n'))) {
			pos.line++;
			pos.col = 1;
		} else if (c == '\r') {
			/* the CR of CRLF: the LF ends the line */
		} else if ((c & 0xC0) != 0x80) {
			pos.col++;
		}
	}
	return pos;
}

size_t gl_line_offset(const char *bytes, size_t len, uint32_t line)
{
	size_t i = skip_bom(bytes, len);
	uint32_t cur = 1;

	while (cur < line && i < len) {
		if (bytes[i] == '\n') {
			cur++;
		} else if (bytes[i] == '\r') {
			if (i + 1 < len && bytes[i + 1] == '\n')
				i++;
			cur++;
		}
		i++;
	}
	return cur == line ? i : len;
}

size_t *gl_line_starts(const char *bytes, size_t len, uint32_t max_lines, uint32_t *count)
{
	size_t cap = 64, n = 0, i = skip_bom(bytes, len);
	size_t *starts = malloc(cap * sizeof(*starts));

	if (starts == NULL)
		return NULL;
	starts[n++] = i;
	for (; i < len && (max_lines == 0 || n < max_lines); i++) {
		if (bytes[i] == '\r' && i + 1 < len && bytes[i + 1] == '\n')
			i++;
		else if (bytes[i] != '\n' && bytes[i] != '\r')
			continue;
		if (n == cap) {
			size_t *bigger = realloc(starts, cap * 2 * sizeof(*starts));

			if (bigger == NULL) {
				free(starts);
				return NULL;
			}
			starts = bigger;
			cap *= 2;
		}
		starts[n++] = i + 1;
	}
	*count = (uint32_t)n;
	return starts;
}

size_t gl_line_length(const char *bytes, size_t len, size_t offset)
{
	size_t i = offset;

	while (i < len && bytes[i] != '\n' && bytes[i] != '\r')
		i++;
	return i - offset;
}

/* ---- reporting ---------------------------------------------------------- */

struct loader {
	const struct gl_limits *limits;
	const char *path;
	const char *bytes;
	size_t len;
	struct gl_diag_list *diags;
	struct gl_loaded *out;
	int oom;
};

static int load_vreport(struct loader *ld, const struct gl_rule *rule, struct gl_pos start,
			struct gl_pos end, int document, const char *pointer, const char *fmt,
			va_list ap)
{
	struct gl_diag d;
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	memset(&d, 0, sizeof(d));
	d.path = (char *)ld->path;
	d.start = start;
	d.end = end;
	d.rule = rule;
	d.severity = rule->severity;
	d.message = msg;
	d.pointer = (char *)(pointer ? pointer : "");
	d.document = document;
	if (gl_diag_list_push(ld->diags, &d) < 0) {
		ld->oom = 1;
		return -1;
	}
	return 0;
}

static int load_report(struct loader *ld, const struct gl_rule *rule, struct gl_pos start,
		       struct gl_pos end, int document, const char *pointer, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

static int load_report(struct loader *ld, const struct gl_rule *rule, struct gl_pos start,
		       struct gl_pos end, int document, const char *pointer, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = load_vreport(ld, rule, start, end, document, pointer, fmt, ap);
	va_end(ap);
	return rc;
}

/* The range of the one character at offset (to end of line when it is a break). */
static void char_range(struct loader *ld, size_t offset, struct gl_pos *start, struct gl_pos *end)
{
	*start = gl_pos_of_offset(ld->bytes, ld->len, offset);
	*end = *start;
	end->col++;
}

/* ---- encoding ----------------------------------------------------------- */

/*
 * Length of the valid UTF-8 sequence at s (1..4), or 0 when it is not valid:
 * overlong forms, surrogates and code points past U+10FFFF are rejected.
 */
static size_t utf8_sequence_length(const unsigned char *s, size_t avail)
{
	unsigned char c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return (avail >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (avail < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0;
		if (c == 0xED && s[1] >= 0xA0)
			return 0;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (avail < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

/* Reports the first encoding problem; returns 1 if there was one, 0 if clean. */
static int check_encoding(struct loader *ld)
{
	const unsigned char *b = (const unsigned char *)ld->bytes;
	size_t i, n;
	struct gl_pos s, e;

	if (ld->len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
		char_range(ld, 0, &s, &e);
		load_report(ld, &gl_rule_invalid_encoding, s, e, -1, "",
			    "the file is UTF-16 (it starts with a UTF-16 byte-order mark); "
			    "save it as UTF-8");
		return 1;
	}
	for (i = skip_bom(ld->bytes, ld->len); i < ld->len; i += n) {
		/* Eight ASCII bytes, none of them NUL, at a time: most files are ASCII. */
		while (i + 8 <= ld->len) {
			uint64_t w;

			memcpy(&w, b + i, 8);
			if ((w & 0x8080808080808080ULL) != 0 ||
			    ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL) != 0)
				break;
			i += 8;
		}
		if (i >= ld->len)
			break;
		if (b[i] == 0) {
			char_range(ld, i, &s, &e);
			load_report(ld, &gl_rule_invalid_encoding, s, e, -1, "",
				    "NUL byte in the file; grant files are UTF-8 text "
				    "(is this a binary file, or UTF-16?)");
			return 1;
		}
		n = utf8_sequence_length(b + i, ld->len - i);
		if (n == 0) {
			char_range(ld, i, &s, &e);
			load_report(ld, &gl_rule_invalid_encoding, s, e, -1, "",
				    "invalid UTF-8 byte 0x%02X; save the file as UTF-8", b[i]);
			return 1;
		}
	}
	return 0;
}

/* ---- strict JSON -------------------------------------------------------- */

static size_t skip_json_space(const char *b, size_t len, size_t i)
{
	while (i < len && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r'))
		i++;
	return i;
}

/*
 * One pass over a JSON text for what people most often get wrong, with the
 * exact position: comments, single quotes, trailing commas, and nesting past
 * the depth limit (before libyaml or cJSON would go deep). Returns 1 when
 * something was reported, 0 otherwise; cJSON judges the rest.
 */
static int check_json_common_errors(struct loader *ld, size_t from)
{
	size_t i, j;
	unsigned depth = 0;
	int in_string = 0;
	struct gl_pos s, e;

	for (i = from; i < ld->len; i++) {
		char c = ld->bytes[i];

		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = 0;
			continue;
		}
		switch (c) {
		case '"':
			in_string = 1;
			break;
		case '[':
		case '{':
			if (++depth > ld->limits->max_depth) {
				char_range(ld, i, &s, &e);
				load_report(ld, &gl_rule_limit_exceeded, s, e, -1, "",
					    "nesting deeper than %u levels; a grant needs at most 6",
					    ld->limits->max_depth);
				return 1;
			}
			break;
		case ']':
		case '}':
			if (depth > 0)
				depth--;
			break;
		case '/':
		case '#':
			char_range(ld, i, &s, &e);
			load_report(ld, &gl_rule_syntax_error, s, e, -1, "",
				    "comments are not allowed in JSON; remove it, or write the file "
				    "as YAML");
			return 1;
		case '\'':
			char_range(ld, i, &s, &e);
			load_report(ld, &gl_rule_syntax_error, s, e, -1, "",
				    "single quotes are not JSON; use double quotes");
			return 1;
		case ',':
			j = skip_json_space(ld->bytes, ld->len, i + 1);
			if (j < ld->len && (ld->bytes[j] == ']' || ld->bytes[j] == '}')) {
				char_range(ld, i, &s, &e);
				load_report(ld, &gl_rule_syntax_error, s, e, -1, "",
					    "trailing comma before '%c' is not allowed in JSON; "
					    "remove it", ld->bytes[j]);
				return 1;
			}
			break;
		default:
			break;
		}
	}
	return 0;
}

/* Explain a cJSON failure at offset (what the common-error scan did not catch). */
static void report_json_error(struct loader *ld, size_t offset)
{
	const char *b = ld->bytes;
	struct gl_pos s, e;

	if (offset >= ld->len || skip_json_space(b, ld->len, offset + 1) >= ld->len) {
		s = gl_pos_of_offset(b, ld->len, ld->len);
		e = s;
		load_report(ld, &gl_rule_syntax_error, s, e, -1, "",
			    "JSON ends too early: a string, '[' or '{' is not closed");
		return;
	}
	char_range(ld, offset, &s, &e);
	if ((unsigned char)b[offset] > 0x20 && (unsigned char)b[offset] < 0x7F)
		load_report(ld, &gl_rule_syntax_error, s, e, -1, "",
			    "invalid JSON near '%c' (expected a value, ',' or a closing bracket)",
			    b[offset]);
	else
		load_report(ld, &gl_rule_syntax_error, s, e, -1, "", "invalid JSON here");
}

/* Returns 1 when the text is not strict JSON (reported), 0 when it is. */
static int check_json_strict(struct loader *ld, size_t from)
{
	const char *end = NULL;
	cJSON *root;
	size_t offset;

	root = cJSON_ParseWithLengthOpts(ld->bytes + from, ld->len - from, &end, 0);
	if (root == NULL) {
		offset = end ? (size_t)(end - ld->bytes) : from;
		report_json_error(ld, offset);
		return 1;
	}
	cJSON_Delete(root);
	offset = skip_json_space(ld->bytes, ld->len, (size_t)(end - ld->bytes));
	if (offset < ld->len) {
		struct gl_pos s, e;

		char_range(ld, offset, &s, &e);
		load_report(ld, &gl_rule_syntax_error, s, e, -1, "",
			    "unexpected text after the JSON value; a .json file holds one value "
			    "(use a list for several requests)");
		return 1;
	}
	return 0;
}

/* ---- string set: duplicate keys and anchors, in linear time ------------- */

struct strset_entry {
	const char *s;
	size_t len;
	void *value;
};

struct strset {
	struct strset_entry *slots;
	size_t cap; /* power of two */
	size_t count;
};

static uint64_t str_hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static struct strset_entry *strset_find(struct strset *set, const char *s, size_t len)
{
	size_t i;

	if (set->cap == 0)
		return NULL;
	for (i = str_hash(s, len) & (set->cap - 1);; i = (i + 1) & (set->cap - 1)) {
		struct strset_entry *e = &set->slots[i];

		if (e->s == NULL)
			return NULL;
		if (e->len == len && memcmp(e->s, s, len) == 0)
			return e;
	}
}

/* Insert or replace; returns 0, or -1 out of memory. */
static int strset_put(struct strset *set, const char *s, size_t len, void *value)
{
	struct strset_entry *e;
	size_t i;

	if ((set->count + 1) * 2 > set->cap) {
		struct strset bigger;
		size_t j;

		bigger.cap = set->cap ? set->cap * 2 : 16;
		bigger.count = 0;
		bigger.slots = calloc(bigger.cap, sizeof(*bigger.slots));
		if (bigger.slots == NULL)
			return -1;
		for (j = 0; j < set->cap; j++)
			if (set->slots[j].s != NULL)
				strset_put(&bigger, set->slots[j].s, set->slots[j].len,
					   set->slots[j].value);
		free(set->slots);
		*set = bigger;
	}
	e = strset_find(set, s, len);
	if (e != NULL) {
		e->value = value;
		return 0;
	}
	for (i = str_hash(s, len) & (set->cap - 1); set->slots[i].s != NULL;
	     i = (i + 1) & (set->cap - 1))
		;
	set->slots[i].s = s;
	set->slots[i].len = len;
	set->slots[i].value = value;
	set->count++;
	return 0;
}

static void strset_free(struct strset *set)
{
	free(set->slots);
	set->slots = NULL;
	set->cap = set->count = 0;
}

/* ---- the event builder -------------------------------------------------- */

struct frame {
	struct gl_node *node;
	struct gl_node **items; /* sequence items, or key,value,key,value... */
	size_t count;
	size_t cap;
	struct strset keys;     /* for mappings with many keys */
	char *anchor;
};

struct builder {
	struct loader *ld;
	struct frame *stack;
	size_t depth;
	size_t cap;
	struct strset anchors;
	unsigned alias_nodes;
	int document_root_is_list; /* the current document's root is a sequence */
	int request_index;         /* index of the request being built, or -1 */
	int next_request;
	int stop;                  /* a limit was hit: stop reading the file */
};

static struct gl_pos mark_pos(yaml_mark_t m)
{
	struct gl_pos p;

	p.line = (uint32_t)m.line + 1;
	p.col = (uint32_t)m.column + 1;
	return p;
}

/* Append the pointer token for frame f's current child to buf. */
static void pointer_append_token(char *buf, size_t size, const char *tok, size_t len)
{
	size_t n = strlen(buf), i;

	if (n + 1 < size)
		buf[n++] = '/';
	for (i = 0; i < len && n + 2 < size; i++) {
		if (tok[i] == '~') {
			buf[n++] = '~';
			buf[n++] = '0';
		} else if (tok[i] == '/') {
			buf[n++] = '~';
			buf[n++] = '1';
		} else {
			buf[n++] = tok[i];
		}
	}
	buf[n < size ? n : size - 1] = '\0';
}

/*
 * The JSON Pointer, relative to the current request, of the node about to be
 * added below frame `upto` (exclusive upper bound of frames considered).
 */
static void builder_pointer(struct builder *b, size_t upto, const char *last_key,
			    size_t last_len, char *buf, size_t size)
{
	size_t first = b->document_root_is_list ? 1 : 0, i;
	char num[32];

	buf[0] = '\0';
	for (i = first + 1; i < upto; i++) {
		struct frame *parent = &b->stack[i - 1];

		if (parent->node->kind == GL_NODE_SEQUENCE) {
			snprintf(num, sizeof(num), "%zu", parent->count);
			pointer_append_token(buf, size, num, strlen(num));
		} else if (parent->count > 0) {
			const struct gl_node *k = parent->items[parent->count - 1];

			if (k->kind == GL_NODE_SCALAR)
				pointer_append_token(buf, size, k->u.scalar.value,
						     k->u.scalar.len);
		}
	}
	if (last_key != NULL)
		pointer_append_token(buf, size, last_key, last_len);
}

static int frame_push_item(struct builder *b, struct frame *f, struct gl_node *node)
{
	if (f->count == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		struct gl_node **items = realloc(f->items, cap * sizeof(*items));

		if (items == NULL)
			return -1;
		f->items = items;
		f->cap = cap;
	}
	f->items[f->count++] = node;
	return 0;
}

static int key_equal(const struct gl_node *a, const struct gl_node *b)
{
	return a->kind == GL_NODE_SCALAR && b->kind == GL_NODE_SCALAR &&
	       (a->u.scalar.type == GL_TYPE_STRING) == (b->u.scalar.type == GL_TYPE_STRING) &&
	       a->u.scalar.len == b->u.scalar.len &&
	       memcmp(a->u.scalar.value, b->u.scalar.value, a->u.scalar.len) == 0;
}

/*
 * A key was just added to mapping frame f (depth index fi): report it when
 * an earlier key equals it.
 */
static int check_duplicate_key(struct builder *b, size_t fi, struct gl_node *key)
{
	struct frame *f = &b->stack[fi];
	const struct gl_node *first = NULL;
	char ptr[512];
	size_t i;

	if (key->kind != GL_NODE_SCALAR)
		return 0;
	if (f->count < 32) {
		for (i = 0; i + 1 < f->count; i += 2)
			if (key_equal(f->items[i], key)) {
				first = f->items[i];
				break;
			}
	} else {
		struct strset_entry *e;

		if (f->keys.count == 0)
			for (i = 0; i + 1 < f->count; i += 2)
				if (f->items[i]->kind == GL_NODE_SCALAR &&
				    strset_put(&f->keys, f->items[i]->u.scalar.value,
					       f->items[i]->u.scalar.len, f->items[i]) < 0)
					return -1;
		e = strset_find(&f->keys, key->u.scalar.value, key->u.scalar.len);
		if (e != NULL && key_equal(e->value, key))
			first = e->value;
		if (first == NULL &&
		    strset_put(&f->keys, key->u.scalar.value, key->u.scalar.len, key) < 0)
			return -1;
	}
	if (first == NULL)
		return 0;
	builder_pointer(b, fi + 1, key->u.scalar.value, key->u.scalar.len, ptr, sizeof(ptr));
	return load_report(b->ld, &gl_rule_duplicate_key, key->start, key->end,
			   b->request_index, ptr,
			   "duplicate key '%s' (first defined at line %u, column %u); "
			   "only one of them would be used, remove the other",
			   key->u.scalar.value, first->start.line, first->start.col);
}

static int is_plain_int(const char *v, size_t len)
{
	size_t i = 0;

	if (len > 2 && v[0] == '0' && v[1] == 'o') {
		for (i = 2; i < len; i++)
			if (v[i] < '0' || v[i] > '7')
				return 0;
		return 1;
	}
	if (len > 2 && v[0] == '0' && v[1] == 'x') {
		for (i = 2; i < len; i++)
			if (!((v[i] >= '0' && v[i] <= '9') || (v[i] >= 'a' && v[i] <= 'f') ||
			      (v[i] >= 'A' && v[i] <= 'F')))
				return 0;
		return 1;
	}
	if (i < len && (v[i] == '-' || v[i] == '+'))
		i++;
	if (i == len)
		return 0;
	for (; i < len; i++)
		if (v[i] < '0' || v[i] > '9')
			return 0;
	return 1;
}

static int is_plain_float(const char *v, size_t len)
{
	size_t i = 0, digits = 0;

	if (i < len && (v[i] == '-' || v[i] == '+'))
		i++;
	if (len - i == 4 && v[i] == '.' &&
	    (!strncmp(v + i, ".inf", 4) || !strncmp(v + i, ".Inf", 4) || !strncmp(v + i, ".INF", 4)))
		return 1;
	if (len == 4 && (!strcmp(v, ".nan") || !strcmp(v, ".NaN") || !strcmp(v, ".NAN")))
		return 1;
	while (i < len && v[i] >= '0' && v[i] <= '9')
		i++, digits++;
	if (i < len && v[i] == '.') {
		i++;
		while (i < len && v[i] >= '0' && v[i] <= '9')
			i++, digits++;
	}
	if (digits == 0)
		return 0;
	if (i < len && (v[i] == 'e' || v[i] == 'E')) {
		size_t exp = 0;

		i++;
		if (i < len && (v[i] == '-' || v[i] == '+'))
			i++;
		while (i < len && v[i] >= '0' && v[i] <= '9')
			i++, exp++;
		if (exp == 0)
			return 0;
	}
	return i == len;
}

/* Resolve a scalar's type under the YAML 1.2 core schema. */
static enum gl_scalar_type resolve_type(const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	const char *tag = (const char *)ev->data.scalar.tag;

	if (tag != NULL) {
		if (!strcmp(tag, "!") || !strcmp(tag, YAML_STR_TAG))
			return GL_TYPE_STRING;
		if (!strcmp(tag, YAML_INT_TAG))
			return GL_TYPE_INT;
		if (!strcmp(tag, YAML_FLOAT_TAG))
			return GL_TYPE_FLOAT;
		if (!strcmp(tag, YAML_BOOL_TAG))
			return GL_TYPE_BOOL;
		if (!strcmp(tag, YAML_NULL_TAG))
			return GL_TYPE_NULL;
	}
	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return GL_TYPE_STRING;
	if (len == 0 || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") ||
	    !strcmp(v, "NULL"))
		return GL_TYPE_NULL;
	if (!strcmp(v, "true") || !strcmp(v, "True") || !strcmp(v, "TRUE") ||
	    !strcmp(v, "false") || !strcmp(v, "False") || !strcmp(v, "FALSE"))
		return GL_TYPE_BOOL;
	if (is_plain_int(v, len))
		return GL_TYPE_INT;
	if (is_plain_float(v, len))
		return GL_TYPE_FLOAT;
	return GL_TYPE_STRING;
}

static enum gl_scalar_style map_style(yaml_scalar_style_t s)
{
	switch (s) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		return GL_STYLE_SINGLE_QUOTED;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		return GL_STYLE_DOUBLE_QUOTED;
	case YAML_LITERAL_SCALAR_STYLE:
		return GL_STYLE_LITERAL;
	case YAML_FOLDED_SCALAR_STYLE:
		return GL_STYLE_FOLDED;
	default:
		return GL_STYLE_PLAIN;
	}
}

static int builder_register_anchor(struct builder *b, const unsigned char *anchor,
				   struct gl_node *node)
{
	char *name;

	if (anchor == NULL)
		return 0;
	name = gl_arena_strndup(&b->ld->out->arena, (const char *)anchor,
				strlen((const char *)anchor));
	if (name == NULL)
		return -1;
	return strset_put(&b->anchors, name, strlen(name), node);
}

static int builder_add_request(struct builder *b, const struct gl_node *root, int index)
{
	struct gl_loaded *out = b->ld->out;

	if (out->count == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 4;
		struct gl_request *r = realloc(out->requests, cap * sizeof(*r));

		if (r == NULL)
			return -1;
		out->requests = r;
		out->cap = cap;
	}
	out->requests[out->count].root = root;
	out->requests[out->count].index = index;
	out->requests[out->count].path = b->ld->path;
	out->count++;
	return 0;
}

/*
 * A complete node for the current parent (or the document root when the
 * stack is empty). Keeps subtree sizes, checks duplicate keys and the
 * per-collection limit, and starts or ends the current request.
 */
static int builder_attach(struct builder *b, struct gl_node *node)
{
	struct frame *f;

	if (b->depth == 0)
		return 0; /* the document root; handled at DOCUMENT_END */
	f = &b->stack[b->depth - 1];
	if (f->count / (f->node->kind == GL_NODE_MAPPING ? 2 : 1) >=
	    b->ld->limits->max_collection_items) {
		load_report(b->ld, &gl_rule_limit_exceeded, node->start, node->end,
			    b->request_index, "",
			    "more than %u items in one list or mapping",
			    b->ld->limits->max_collection_items);
		b->stop = 1;
		return 0;
	}
	if (frame_push_item(b, f, node) < 0)
		return -1;
	f->node->subtree_size = f->node->subtree_size + node->subtree_size < f->node->subtree_size
					? UINT32_MAX
					: f->node->subtree_size + node->subtree_size;
	if (f->node->kind == GL_NODE_MAPPING && f->count % 2 == 1)
		return check_duplicate_key(b, b->depth - 1, node);
	return 0;
}

/* The request index a new node at the current depth belongs to. */
static void builder_enter_request(struct builder *b)
{
	/* A request starts at depth 0 (root mapping) or 1 (item of a root list). */
	if ((b->depth == 0 && !b->document_root_is_list) ||
	    (b->depth == 1 && b->document_root_is_list))
		b->request_index = b->next_request++;
}

static int builder_start_collection(struct builder *b, const yaml_event_t *ev,
				    enum gl_node_kind kind)
{
	struct gl_node *node;
	struct frame *f;
	const unsigned char *anchor = kind == GL_NODE_MAPPING ? ev->data.mapping_start.anchor
							      : ev->data.sequence_start.anchor;

	if (b->depth >= b->ld->limits->max_depth) {
		struct gl_pos s = mark_pos(ev->start_mark), e = s;

		e.col++;
		load_report(b->ld, &gl_rule_limit_exceeded, s, e, b->request_index, "",
			    "nesting deeper than %u levels; a grant needs at most 6",
			    b->ld->limits->max_depth);
		b->stop = 1;
		return 0;
	}
	if (b->depth == 0)
		b->document_root_is_list = kind == GL_NODE_SEQUENCE;
	builder_enter_request(b);
	node = gl_arena_alloc(&b->ld->out->arena, sizeof(*node));
	if (node == NULL)
		return -1;
	memset(node, 0, sizeof(*node));
	node->kind = kind;
	node->start = mark_pos(ev->start_mark);
	node->subtree_size = 1;
	if (b->depth == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 16;
		struct frame *st = realloc(b->stack, cap * sizeof(*st));

		if (st == NULL)
			return -1;
		b->stack = st;
		b->cap = cap;
	}
	f = &b->stack[b->depth++];
	memset(f, 0, sizeof(*f));
	f->node = node;
	if (anchor != NULL) {
		f->anchor = strdup((const char *)anchor);
		if (f->anchor == NULL)
			return -1;
	}
	return 0;
}

static int builder_end_collection(struct builder *b, const yaml_event_t *ev,
				  struct gl_node **out_node)
{
	struct frame *f = &b->stack[b->depth - 1];
	struct gl_node *node = f->node;
	int rc = 0;

	node->end = mark_pos(ev->end_mark);
	if (node->kind == GL_NODE_MAPPING) {
		size_t n = f->count / 2, i;

		node->u.mapping.pairs = gl_arena_alloc(&b->ld->out->arena,
						       (n ? n : 1) * sizeof(struct gl_pair));
		if (node->u.mapping.pairs == NULL)
			rc = -1;
		for (i = 0; rc == 0 && i < n; i++) {
			node->u.mapping.pairs[i].key = f->items[2 * i];
			node->u.mapping.pairs[i].value = f->items[2 * i + 1];
		}
		node->u.mapping.count = n;
	} else {
		node->u.sequence.items = gl_arena_alloc(&b->ld->out->arena,
							(f->count ? f->count : 1) * sizeof(struct gl_node *));
		if (node->u.sequence.items == NULL)
			rc = -1;
		else if (f->count)
			memcpy(node->u.sequence.items, f->items, f->count * sizeof(struct gl_node *));
		node->u.sequence.count = f->count;
	}
	if (rc == 0 && f->anchor != NULL)
		rc = builder_register_anchor(b, (const unsigned char *)f->anchor, node);
	free(f->items);
	free(f->anchor);
	strset_free(&f->keys);
	b->depth--;
	*out_node = node;
	return rc;
}

static struct gl_node *builder_scalar(struct builder *b, const yaml_event_t *ev)
{
	struct gl_node *node = gl_arena_alloc(&b->ld->out->arena, sizeof(*node));

	if (node == NULL)
		return NULL;
	memset(node, 0, sizeof(*node));
	node->kind = GL_NODE_SCALAR;
	node->start = mark_pos(ev->start_mark);
	node->end = mark_pos(ev->end_mark);
	node->subtree_size = 1;
	node->u.scalar.value = gl_arena_strndup(&b->ld->out->arena,
						(const char *)ev->data.scalar.value,
						ev->data.scalar.length);
	if (node->u.scalar.value == NULL)
		return NULL;
	node->u.scalar.len = ev->data.scalar.length;
	node->u.scalar.style = map_style(ev->data.scalar.style);
	node->u.scalar.type = resolve_type(ev);
	node->u.scalar.single_line = node->start.line == node->end.line;
	return node;
}

/*
 * An alias shares the anchored node (no copy). What it would expand to is
 * counted so that "billion laughs" stops at the limit at once.
 */
static struct gl_node *builder_alias(struct builder *b, const yaml_event_t *ev, int *rc)
{
	const char *name = (const char *)ev->data.alias.anchor;
	struct strset_entry *e = strset_find(&b->anchors, name, strlen(name));
	struct gl_pos s = mark_pos(ev->start_mark), end = mark_pos(ev->end_mark);
	struct gl_node *node;

	*rc = 0;
	if (e == NULL) {
		*rc = load_report(b->ld, &gl_rule_syntax_error, s, end, b->request_index, "",
				  "alias '*%s' refers to no anchor defined before it "
				  "(define '&%s' first; an alias cannot refer to a node that contains it)",
				  name, name);
		b->stop = 1;
		return NULL;
	}
	node = e->value;
	if (node->subtree_size > b->ld->limits->max_alias_nodes ||
	    b->alias_nodes + node->subtree_size > b->ld->limits->max_alias_nodes) {
		*rc = load_report(b->ld, &gl_rule_limit_exceeded, s, end, b->request_index, "",
				  "aliases expand to more than %u nodes (is this a "
				  "\"billion laughs\" file?)",
				  b->ld->limits->max_alias_nodes);
		b->stop = 1;
		return NULL;
	}
	b->alias_nodes += node->subtree_size;
	return node;
}

static int is_empty_root(const struct gl_node *root)
{
	return root->kind == GL_NODE_SCALAR && root->u.scalar.type == GL_TYPE_NULL &&
	       root->u.scalar.len == 0 && root->u.scalar.style == GL_STYLE_PLAIN;
}

/* A whole document is read: find the requests in it. */
static int builder_document(struct builder *b, struct gl_node *root)
{
	size_t i;

	if (is_empty_root(root))
		return 0;
	if (root->kind == GL_NODE_MAPPING)
		return builder_add_request(b, root, b->next_request - 1);
	if (root->kind == GL_NODE_SEQUENCE) {
		/* Every item of a root list took a request index as it started. */
		int idx = b->next_request - (int)root->u.sequence.count;

		for (i = 0; i < root->u.sequence.count; i++, idx++) {
			const struct gl_node *item = root->u.sequence.items[i];

			if (item->kind != GL_NODE_MAPPING) {
				if (load_report(b->ld, &gl_rule_not_a_request, item->start, item->end,
						idx, "",
						"list item %zu is %s; each item of a request list must "
						"be a mapping with ApplicationArn, GrantType and Grant",
						i, gl_node_describe(item)) < 0)
					return -1;
				continue;
			}
			if (builder_add_request(b, item, idx) < 0)
				return -1;
		}
		return 0;
	}
	return load_report(b->ld, &gl_rule_not_a_request, root->start, root->end, -1, "",
			   "the document is %s; a grant file holds a request mapping "
			   "(ApplicationArn, GrantType, Grant), a list of them, or a stream of them",
			   gl_node_describe(root));
}

/* Report libyaml's error, as a tab problem when a tab is where it stopped. */
static int report_yaml_error(struct loader *ld, const yaml_parser_t *parser, int document)
{
	struct gl_pos s = mark_pos(parser->problem_mark), e = s;
	size_t off = gl_line_offset(ld->bytes, ld->len, s.line), col;
	char ctx[200] = "";

	/* Walk to the problem's column to see the character there. */
	for (col = 1; off < ld->len && col < s.col && ld->bytes[off] != '\n'; col++) {
		off++;
		while (off < ld->len && ((unsigned char)ld->bytes[off] & 0xC0) == 0x80)
			off++;
	}
	e.col++;
	if (parser->problem != NULL && off < ld->len && ld->bytes[off] == '\t' &&
	    (strstr(parser->problem, "cannot start any token") ||
	     strstr(parser->problem, "tab")))
		return load_report(ld, &gl_rule_tab_indentation, s, e, document, "",
				   "tab character used for indentation; YAML indents with "
				   "spaces only");
	if (parser->context != NULL)
		snprintf(ctx, sizeof(ctx), " (%s at line %lu, column %lu)", parser->context,
			 (unsigned long)parser->context_mark.line + 1,
			 (unsigned long)parser->context_mark.column + 1);
	if (parser->error == YAML_MEMORY_ERROR)
		return -1;
	return load_report(ld, &gl_rule_syntax_error, s, e, document, "", "%s %s%s",
			   gl_file_format_of(ld->path) == GL_FILE_JSON ? "invalid JSON:"
								       : "YAML syntax error:",
			   parser->problem ? parser->problem : "cannot parse", ctx);
}

static int load_events(struct loader *ld, const char *text, size_t len)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct builder b;
	struct gl_node *node = NULL, *root = NULL;
	int rc = 0, done = 0, documents = 0;
	size_t reported = ld->diags->count;

	memset(&b, 0, sizeof(b));
	b.ld = ld;
	b.request_index = -1;
	if (!yaml_parser_initialize(&parser))
		return -1;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done && rc == 0 && !b.stop) {
		if (!yaml_parser_parse(&parser, &ev)) {
			rc = report_yaml_error(ld, &parser, b.request_index);
			break;
		}
		node = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if ((unsigned)documents >= ld->limits->max_documents ||
			    (unsigned)b.next_request >= ld->limits->max_documents) {
				struct gl_pos s = mark_pos(ev.start_mark), e = mark_pos(ev.end_mark);

				rc = load_report(ld, &gl_rule_limit_exceeded, s, e, -1, "",
						 "more than %u documents or requests in one file; "
						 "split it", ld->limits->max_documents);
				b.stop = 1;
			}
			documents++;
			b.document_root_is_list = 0;
			b.alias_nodes = 0;
			strset_free(&b.anchors);
			root = NULL;
			break;
		case YAML_DOCUMENT_END_EVENT:
			if (root != NULL)
				rc = builder_document(&b, root);
			b.request_index = -1;
			break;
		case YAML_MAPPING_START_EVENT:
			rc = builder_start_collection(&b, &ev, GL_NODE_MAPPING);
			break;
		case YAML_SEQUENCE_START_EVENT:
			rc = builder_start_collection(&b, &ev, GL_NODE_SEQUENCE);
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			rc = builder_end_collection(&b, &ev, &node);
			break;
		case YAML_SCALAR_EVENT:
			if (b.depth == 1)
				builder_enter_request(&b);
			node = builder_scalar(&b, &ev);
			if (node == NULL)
				rc = -1;
			else
				rc = builder_register_anchor(&b, ev.data.scalar.anchor, node);
			break;
		case YAML_ALIAS_EVENT:
			if (b.depth == 1)
				builder_enter_request(&b);
			node = builder_alias(&b, &ev, &rc);
			break;
		default:
			break;
		}
		if (rc == 0 && node != NULL && !b.stop) {
			if (b.depth == 0)
				root = node;
			rc = builder_attach(&b, node);
			/* Leaving a request's collection ends the request. */
			if ((b.depth == 0 && !b.document_root_is_list) ||
			    (b.depth == 1 && b.document_root_is_list))
				b.request_index = -1;
		}
		yaml_event_delete(&ev);
	}
	while (b.depth > 0) {
		struct frame *f = &b.stack[--b.depth];

		free(f->items);
		free(f->anchor);
		strset_free(&f->keys);
	}
	free(b.stack);
	strset_free(&b.anchors);
	yaml_parser_delete(&parser);
	if (rc == 0 && ld->out->count == 0 && ld->diags->count == reported) {
		struct gl_pos s = { 1, 1 }, e = { 1, 1 };

		rc = load_report(ld, &gl_rule_empty_file, s, e, -1, "",
				 "the file holds no grant request; add one, or delete the file");
	}
	return rc;
}

int gl_load(struct gl_loaded *out, const struct gl_limits *limits, const char *path,
	    const char *bytes, size_t len, enum gl_file_format format,
	    struct gl_diag_list *diags)
{
	struct loader ld;
	size_t from;
	int rc;

	memset(out, 0, sizeof(*out));
	gl_arena_init(&out->arena);
	memset(&ld, 0, sizeof(ld));
	ld.limits = limits;
	ld.path = path;
	ld.bytes = bytes;
	ld.len = len;
	ld.diags = diags;
	ld.out = out;

	if (len > limits->max_file_bytes) {
		struct gl_pos s = { 1, 1 }, e = { 1, 1 };

		return load_report(&ld, &gl_rule_limit_exceeded, s, e, -1, "",
				   "file is %zu bytes, over the limit of %zu bytes",
				   len, limits->max_file_bytes);
	}
	if (check_encoding(&ld))
		return ld.oom ? -1 : 0;
	from = skip_bom(bytes, len);
	if (format == GL_FILE_JSON) {
		if (skip_json_space(bytes, len, from) == len) {
			struct gl_pos s = { 1, 1 }, e = { 1, 1 };

			return load_report(&ld, &gl_rule_empty_file, s, e, -1, "",
					   "the file holds no grant request; add one, or delete "
					   "the file");
		}
		if (check_json_common_errors(&ld, from) || check_json_strict(&ld, from))
			return ld.oom ? -1 : 0;
	}
	rc = load_events(&ld, bytes + from, len - from);
	if (ld.oom)
		rc = -1;
	return rc;
}

void gl_loaded_free(struct gl_loaded *loaded)
{
	if (loaded == NULL)
		return;
	gl_arena_free(&loaded->arena);
	free(loaded->requests);
	loaded->requests = NULL;
	loaded->count = loaded->cap = 0;
}
