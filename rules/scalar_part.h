/* scalar_part.h - report at a part of a scalar (a URI's host, an ARN's account). */
#ifndef GL_SCALAR_PART_H
#define GL_SCALAR_PART_H

#include <stddef.h>

#include "rule.h"

/*
 * Report at bytes [offset, offset + len) of a scalar's value when they map onto
 * the source (gl_node_scalar_pos_at), else at the whole node. A zero-length
 * part is widened to the character at offset (or the last one at the end).
 */
int gl_report_part(struct gl_rule_ctx *ctx, const struct gl_node *node, size_t offset,
		   size_t len, const char *pointer, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Bytes of leading and trailing white space (space, tab, CR, LF) of s. */
size_t gl_leading_space(const char *s, size_t len);
size_t gl_trailing_space(const char *s, size_t len);

#endif
