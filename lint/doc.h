/*
 * doc.h - the document model: YAML and JSON grant files parsed into nodes that
 * carry their positions, kinds, scalar styles and resolved YAML 1.2 core types.
 */
#ifndef GL_DOC_H
#define GL_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

enum gl_node_kind {
	GL_NODE_SCALAR,
	GL_NODE_MAPPING,
	GL_NODE_SEQUENCE,
};

/* Resolved type of a scalar under the YAML 1.2 core schema. */
enum gl_scalar_type {
	GL_TYPE_STRING,
	GL_TYPE_INT,
	GL_TYPE_FLOAT,
	GL_TYPE_BOOL,
	GL_TYPE_NULL,
};

enum gl_scalar_style {
	GL_STYLE_PLAIN,
	GL_STYLE_SINGLE_QUOTED,
	GL_STYLE_DOUBLE_QUOTED,
	GL_STYLE_LITERAL,
	GL_STYLE_FOLDED,
};

/* A position in a file: 1-based line and column, columns count characters. */
struct gl_pos {
	uint32_t line;
	uint32_t col;
};

struct gl_node;

struct gl_pair {
	struct gl_node *key;
	struct gl_node *value;
};

struct gl_node {
	enum gl_node_kind kind;
	struct gl_pos start;
	struct gl_pos end; /* exclusive: the character after the node */
	uint32_t subtree_size; /* nodes in this subtree, itself included */
	union {
		struct {
			const char *value; /* NUL-terminated, may hold inner NULs */
			size_t len;        /* bytes */
			enum gl_scalar_style style;
			enum gl_scalar_type type;
			bool single_line;  /* value spans one source line */
		} scalar;
		struct {
			struct gl_pair *pairs;
			size_t count;
		} mapping;
		struct {
			struct gl_node **items;
			size_t count;
		} sequence;
	} u;
};

/* The limits a loader enforces; see gl_limits_default(). */
struct gl_limits {
	size_t max_file_bytes;      /* default 1 MiB */
	unsigned max_depth;         /* nesting of collections, default 64 */
	unsigned max_alias_nodes;   /* nodes reachable through aliases, default 10000 */
	unsigned max_documents;     /* documents (requests) per file, default 1000 */
	unsigned max_collection_items; /* items of one list or mapping, default 10000 */
};

void gl_limits_default(struct gl_limits *out);

/* Returns the value of member key in a mapping, or NULL (also for non-mappings). */
const struct gl_node *gl_node_get_member(const struct gl_node *map, const char *key);

/* Returns the pair of member key in a mapping (so callers reach the key node), or NULL. */
const struct gl_pair *gl_node_get_pair(const struct gl_node *map, const char *key);

/* True for a scalar whose resolved type is string. */
bool gl_node_is_string(const struct gl_node *node);

/* True for a scalar that equals str exactly (any resolved type). */
bool gl_node_scalar_equals(const struct gl_node *node, const char *str);

/*
 * Position of the character at byte offset `offset` of a scalar's value, when
 * that can be known exactly: a single-line scalar whose source text is its
 * value (plain, or quoted without escapes). Returns false otherwise, and *out
 * is left unchanged.
 */
bool gl_node_scalar_pos_at(const struct gl_node *node, size_t offset, struct gl_pos *out);

/* Human name of a node's kind or scalar type: "a mapping", "an integer", ... */
const char *gl_node_describe(const struct gl_node *node);

/* Number of Unicode code points in a UTF-8 string. */
size_t gl_utf8_count(const char *s, size_t len);

#endif
