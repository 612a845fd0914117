/* shape_walk.c - visit a request's nodes with the shapes they should have. */
#include <stdio.h>
#include <string.h>

#include "shape_walk.h"

#define GL_POINTER_MAX 512

void gl_pointer_append(char *buf, size_t size, const char *token)
{
	size_t n = strlen(buf);

	if (n + 1 >= size)
		return;
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
}

static int walk(const struct gl_shape_visit *visit, gl_shape_visit_fn fn, void *arg)
{
	const struct gl_node *node = visit->node;
	const struct gl_shape *shape = visit->shape;
	char ptr[GL_POINTER_MAX];
	size_t i;
	int rc = fn(arg, visit);

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
			snprintf(ptr, sizeof(ptr), "%s", visit->pointer);
			gl_pointer_append(ptr, sizeof(ptr), m->name);
			child.node = pair->value;
			child.key = pair->key;
			child.parent = node;
			child.shape = m->shape;
			child.pointer = ptr;
			child.index = i;
			rc = walk(&child, fn, arg);
			if (rc != 0)
				return rc;
		}
	} else if (shape->kind == GL_SHAPE_LIST && node->kind == GL_NODE_SEQUENCE) {
		for (i = 0; i < node->u.sequence.count; i++) {
			struct gl_shape_visit child;
			char num[24];

			snprintf(num, sizeof(num), "%zu", i);
			snprintf(ptr, sizeof(ptr), "%s", visit->pointer);
			gl_pointer_append(ptr, sizeof(ptr), num);
			child.node = node->u.sequence.items[i];
			child.key = NULL;
			child.parent = node;
			child.shape = shape->item;
			child.pointer = ptr;
			child.index = i;
			rc = walk(&child, fn, arg);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

int gl_shape_walk(const struct gl_node *request, gl_shape_visit_fn fn, void *arg)
{
	struct gl_shape_visit root;

	root.node = request;
	root.key = NULL;
	root.parent = NULL;
	root.shape = &gl_shape_request;
	root.pointer = "";
	root.index = 0;
	return walk(&root, fn, arg);
}
