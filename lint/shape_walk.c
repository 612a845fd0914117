/* shape_walk.c - visit a request's nodes with the shapes they should have. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
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

/* The cache in use on this thread (see gl_shape_walk_cache_begin). */
static _Thread_local struct gl_shape_walk_cache *walk_cache;

void gl_shape_walk_cache_begin(struct gl_shape_walk_cache *cache)
{
	memset(cache, 0, sizeof(*cache));
	walk_cache = cache;
}

void gl_shape_walk_cache_end(struct gl_shape_walk_cache *cache)
{
	if (walk_cache == cache)
		walk_cache = NULL;
	free(cache->visits);
	free(cache->pointers);
	memset(cache, 0, sizeof(*cache));
}

/*
 * Record one visit: the visit, with its pointer's offset in cache->pointers
 * for now (the buffer may move; gl_shape_walk fixes them up at the end).
 */
static int record_visit(void *arg, const struct gl_shape_visit *visit)
{
	struct gl_shape_walk_cache *c = arg;
	size_t n = strlen(visit->pointer) + 1;

	if (c->count == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		struct gl_shape_visit *v = realloc(c->visits, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		c->visits = v;
		c->cap = cap;
	}
	if (c->used + n > c->size) {
		size_t size = c->size ? c->size * 2 : 2048;
		char *p;

		while (size < c->used + n)
			size *= 2;
		p = realloc(c->pointers, size);
		if (p == NULL)
			return -1;
		c->pointers = p;
		c->size = size;
	}
	memcpy(c->pointers + c->used, visit->pointer, n);
	c->visits[c->count] = *visit;
	c->visits[c->count].pointer = (const char *)(uintptr_t)c->used;
	c->count++;
	c->used += n;
	return 0;
}

/* Walk request afresh, calling fn for each visit. */
static int walk_request(const struct gl_node *request, gl_shape_visit_fn fn, void *arg)
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

/* Record the visits of request into c; false when memory ran out (c is emptied). */
static bool cache_record(struct gl_shape_walk_cache *c, const struct gl_node *request)
{
	size_t i;

	c->request = NULL;
	c->count = c->used = 0;
	if (walk_request(request, record_visit, c) != 0) {
		c->count = c->used = 0;
		return false;
	}
	for (i = 0; i < c->count; i++)
		c->visits[i].pointer = c->pointers + (uintptr_t)c->visits[i].pointer;
	c->request = request;
	return true;
}

int gl_shape_walk(const struct gl_node *request, gl_shape_visit_fn fn, void *arg)
{
	struct gl_shape_walk_cache *c = walk_cache;
	size_t i;
	int rc;

	/* Never re-record while a replay is under way: it reads the visits. */
	if (c == NULL || (c->request != request && (c->replaying || !cache_record(c, request))))
		return walk_request(request, fn, arg);
	c->replaying++;
	for (i = 0, rc = 0; rc == 0 && i < c->count; i++)
		rc = fn(arg, &c->visits[i]);
	c->replaying--;
	return rc;
}
