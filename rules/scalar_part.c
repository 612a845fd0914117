/* scalar_part.c - report at a part of a scalar (see scalar_part.h). */
#include <stdarg.h>
#include <stdio.h>

#include "scalar_part.h"

int gl_report_part(struct gl_rule_ctx *ctx, const struct gl_node *node, size_t offset,
		   size_t len, const char *pointer, const char *fmt, ...)
{
	struct gl_pos start, end;
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (node->kind == GL_NODE_SCALAR && len == 0) {
		if (offset < node->u.scalar.len)
			len = 1;
		else if (offset > 0)
			offset--, len = 1;
	}
	/* Widen a part that ends inside a UTF-8 sequence to the whole character. */
	while (node->kind == GL_NODE_SCALAR && offset + len < node->u.scalar.len &&
	       ((unsigned char)node->u.scalar.value[offset + len] & 0xc0) == 0x80)
		len++;
	if (len > 0 && gl_node_scalar_pos_at(node, offset, &start) &&
	    gl_node_scalar_pos_at(node, offset + len, &end))
		return gl_report_range(ctx, start, end, pointer, "%s", msg);
	return gl_report(ctx, node, pointer, "%s", msg);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

size_t gl_leading_space(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && is_space(s[n]))
		n++;
	return n;
}

size_t gl_trailing_space(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && is_space(s[len - 1 - n]))
		n++;
	return n;
}
