/*
 * shape_walk.h - walk a request alongside the constraint table.
 *
 * Visits every node that stands where the model expects a shape, with the
 * node's JSON Pointer and the key it sits under. Descends only where the
 * node's kind fits the shape (a mapping for a structure, a list for a list),
 * so rules judge each node once and never stumble on the wrong kind.
 */
#ifndef GL_SHAPE_WALK_H
#define GL_SHAPE_WALK_H

#include "doc.h"
#include "model.h"

struct gl_shape_visit {
	const struct gl_node *node;    /* the value */
	const struct gl_node *key;     /* its key in the parent mapping, NULL otherwise */
	const struct gl_node *parent;  /* the parent collection, NULL for the request */
	const struct gl_shape *shape;
	const char *pointer;           /* JSON Pointer relative to the request */
	size_t index;                  /* position in the parent list */
};

typedef int (*gl_shape_visit_fn)(void *arg, const struct gl_shape_visit *visit);

/* Visit the request and everything below it, parents first. Stops on non-zero. */
int gl_shape_walk(const struct gl_node *request, gl_shape_visit_fn fn, void *arg);

/*
 * Every rule walks every request, so the walk of one request is recorded
 * once and replayed to the rest: between gl_shape_walk_cache_begin() and
 * _end() on a thread, gl_shape_walk() of a request already walked replays
 * the same visits, pointers included, in the same order. The engine brackets
 * each file with them; without them every walk is done afresh.
 */
struct gl_shape_walk_cache {
	const struct gl_node *request; /* whose visits are recorded, or NULL */
	struct gl_shape_visit *visits;
	size_t count;
	size_t cap;
	char *pointers;                /* the visits' pointers, NUL-separated */
	size_t used;
	size_t size;
	unsigned replaying;            /* replays under way (a walk inside a walk) */
};

void gl_shape_walk_cache_begin(struct gl_shape_walk_cache *cache);
void gl_shape_walk_cache_end(struct gl_shape_walk_cache *cache);

/* Append a JSON Pointer token (escaping ~ and /) to the pointer in buf. */
void gl_pointer_append(char *buf, size_t size, const char *token);

#endif
