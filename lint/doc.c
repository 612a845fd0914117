/* doc.c - accessors over the document model. */
#include <string.h>

#include "doc.h"

void gl_limits_default(struct gl_limits *out)
{
	out->max_file_bytes = 1024 * 1024;
	out->max_depth = 64;
	out->max_alias_nodes = 10000;
	out->max_documents = 1000;
	out->max_collection_items = 10000;
}

const struct gl_pair *gl_node_get_pair(const struct gl_node *map, const char *key)
{
	size_t i, klen;

	if (map == NULL || map->kind != GL_NODE_MAPPING)
		return NULL;
	klen = strlen(key);
	for (i = 0; i < map->u.mapping.count; i++) {
		const struct gl_node *k = map->u.mapping.pairs[i].key;

		if (k->kind == GL_NODE_SCALAR && k->u.scalar.len == klen &&
		    memcmp(k->u.scalar.value, key, klen) == 0)
			return &map->u.mapping.pairs[i];
	}
	return NULL;
}

const struct gl_node *gl_node_get_member(const struct gl_node *map, const char *key)
{
	const struct gl_pair *pair = gl_node_get_pair(map, key);

	return pair ? pair->value : NULL;
}

bool gl_node_is_string(const struct gl_node *node)
{
	return node != NULL && node->kind == GL_NODE_SCALAR &&
	       node->u.scalar.type == GL_TYPE_STRING;
}

bool gl_node_scalar_equals(const struct gl_node *node, const char *str)
{
	size_t len = strlen(str);

	return node != NULL && node->kind == GL_NODE_SCALAR && node->u.scalar.len == len &&
	       memcmp(node->u.scalar.value, str, len) == 0;
}

/*
 * A scalar's value maps onto its source text character for character when it
 * sits on one line and carries no escapes: plain, single-quoted without '',
 * double-quoted without backslashes. Then offset k of the value is column
 * start + quote + (characters before k).
 */
bool gl_node_scalar_pos_at(const struct gl_node *node, size_t offset, struct gl_pos *out)
{
	const char *v;
	size_t len, chars, quote = 0;

	if (node == NULL || node->kind != GL_NODE_SCALAR || !node->u.scalar.single_line)
		return false;
	v = node->u.scalar.value;
	len = node->u.scalar.len;
	if (offset > len)
		return false;
	switch (node->u.scalar.style) {
	case GL_STYLE_PLAIN:
		break;
	case GL_STYLE_SINGLE_QUOTED:
		if (memchr(v, '\'', len) != NULL)
			return false;
		quote = 1;
		break;
	case GL_STYLE_DOUBLE_QUOTED:
		if (memchr(v, '\\', len) != NULL || memchr(v, '"', len) != NULL)
			return false;
		quote = 1;
		break;
	default:
		return false;
	}
	/* The source must be exactly as long as the value (no escapes consumed). */
	chars = gl_utf8_count(v, len);
	if (node->end.line != node->start.line ||
	    node->end.col - node->start.col != chars + 2 * quote)
		return false;
	out->line = node->start.line;
	out->col = node->start.col + (uint32_t)quote + (uint32_t)gl_utf8_count(v, offset);
	return true;
}

const char *gl_node_describe(const struct gl_node *node)
{
	if (node == NULL)
		return "nothing";
	switch (node->kind) {
	case GL_NODE_MAPPING:
		return "a mapping";
	case GL_NODE_SEQUENCE:
		return "a list";
	case GL_NODE_SCALAR:
		break;
	}
	switch (node->u.scalar.type) {
	case GL_TYPE_STRING:
		return "a string";
	case GL_TYPE_INT:
		return "an integer";
	case GL_TYPE_FLOAT:
		return "a number";
	case GL_TYPE_BOOL:
		return "a boolean";
	case GL_TYPE_NULL:
		return "null";
	}
	return "a scalar";
}

size_t gl_utf8_count(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}
