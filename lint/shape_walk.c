/* shape_walk.c - visit a request's nodes with the shapes they should have. */
#include <string.h>

#include "shape_walk.h"

#define GL_POINTER_MAX 512

/*
 * Append '/' and token (escaping ~ and /) to the pointer of n bytes in buf
 * (size bytes), truncating to fit; returns the new length.
 */
static size_t pointer_push(char *buf, size_t n, size_t size, const char *token)
{
	if (n + 1 >= size)
		return n;
	buf[n++] = '/';
	for (; *token != '\0' && n + 2 < size; token++) {
		if (*token == '~' || *token == '/') {
			buf[n++] = '~';
			buf[n++] = *token == '~' ? '0' : '1';
		} else {
			buf[n++] = *token;
		}
	}
	buf[n] = '\0';
	return n;
}

void gl_pointer_append(char *buf, size_t size, const char *token)
{
	pointer_push(buf, strlen(buf), size, token);
}

/*
 * One walk: the pointer of the node being visited is built in place in ptr
 * (a child's pointer extends its parent's, and is cut back after it), so a
 * visit costs no copying or formatting.
 */
struct walk_state {
	gl_shape_visit_fn fn;
	void *arg;
	char ptr[GL_POINTER_MAX];
};

/* Decimal digits of i, for a list index token. */
static void format_index(char *out, size_t i)
{
	char rev[24];
	size_t n = 0;

	do {
		rev[n++] = (char)('0' + i % 10);
		i /= 10;
	} while (i > 0);
	while (n > 0)
		*out++ = rev[--n];
	*out = '\0';
}

/* Visit visit (whose pointer is st->ptr, len bytes) and everything below it. */
static int walk(struct walk_state *st, const struct gl_shape_visit *visit, size_t len)
{
	const struct gl_node *node = visit->node;
	const struct gl_shape *shape = visit->shape;
	size_t i;
	int rc = st->fn(st->arg, visit);

	if (rc != 0)
		return rc;
	if ((shape->kind == GL_SHAPE_STRUCTURE || shape->kind == GL_SHAPE_UNION) &&
	    node->kind == GL_NODE_MAPPING) {
		for (i = 0; i < node->u.mapping.count; i++) {
			const struct gl_pair *pair = &node->u.mapping.pairs[i];
			const struct gl_member *m;
			struct gl_shape_visit child;

			if (pair->key->kind != GL_NODE_SCALAR)
				continue;
			m = gl_shape_member(shape, pair->key->u.scalar.value);
			if (m == NULL)
				continue;
			child.node = pair->value;
			child.key = pair->key;
			child.parent = node;
			child.shape = m->shape;
			child.pointer = st->ptr;
			child.index = i;
			rc = walk(st, &child, pointer_push(st->ptr, len, sizeof(st->ptr), m->name));
			st->ptr[len] = '\0';
			if (rc != 0)
				return rc;
		}
	} else if (shape->kind == GL_SHAPE_LIST && node->kind == GL_NODE_SEQUENCE) {
		for (i = 0; i < node->u.sequence.count; i++) {
			struct gl_shape_visit child;
			char num[24];

			format_index(num, i);
			child.node = node->u.sequence.items[i];
			child.key = NULL;
			child.parent = node;
			child.shape = shape->item;
			child.pointer = st->ptr;
			child.index = i;
			rc = walk(st, &child, pointer_push(st->ptr, len, sizeof(st->ptr), num));
			st->ptr[len] = '\0';
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

int gl_shape_walk(const struct gl_node *request, gl_shape_visit_fn fn, void *arg)
{
	struct walk_state st;
	struct gl_shape_visit root;

	st.fn = fn;
	st.arg = arg;
	st.ptr[0] = '\0';
	root.node = request;
	root.key = NULL;
	root.parent = NULL;
	root.shape = &gl_shape_request;
	root.pointer = st.ptr;
	root.index = 0;
	return walk(&st, &root, 0);
}
