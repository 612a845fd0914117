/* list_checks.c - list bounds and repeated items (see list_checks.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "list_checks.h"
#include "shape_walk.h"

struct list_visit {
	struct gl_rule_ctx *ctx;
	const struct gl_shape *shape;
	const char *why;
	const char *what;
	gl_list_item_key_fn key_of;
};

static int visit_count(void *arg, const struct gl_shape_visit *v)
{
	struct list_visit *lv = arg;
	const struct gl_shape *s = lv->shape;
	const char *name = v->key != NULL ? v->key->u.scalar.value : s->name;
	size_t n;
	char ptr[512];

	if (v->shape != s || v->node->kind != GL_NODE_SEQUENCE)
		return 0;
	n = v->node->u.sequence.count;
	if (s->min >= 0 && n < (size_t)s->min)
		return gl_report(lv->ctx, v->node, v->pointer,
				 "%s is empty; it needs %ld to %ld items: %s", name, s->min,
				 s->max, lv->why);
	if (s->max >= 0 && n > (size_t)s->max) {
		snprintf(ptr, sizeof(ptr), "%s/%ld", v->pointer, s->max);
		return gl_report(lv->ctx, v->node->u.sequence.items[s->max], ptr,
				 "%s has %zu items, %zu more than the %ld allowed (this is item "
				 "%ld): %s",
				 name, n, n - (size_t)s->max, s->max, s->max + 1, lv->why);
	}
	return 0;
}

int gl_check_list_count(struct gl_rule_ctx *ctx, const struct gl_request *req,
			const struct gl_shape *shape, const char *why)
{
	struct list_visit lv = { ctx, shape, why, NULL, NULL };

	return gl_shape_walk(req->root, visit_count, &lv);
}

const struct gl_node *gl_list_item_itself(const struct gl_node *item, const char **member)
{
	*member = NULL;
	return gl_node_is_string(item) ? item : NULL;
}

struct keyed_item {
	const struct gl_node *key;
	const char *member;
	size_t index;
};

static int by_key_then_index(const void *pa, const void *pb)
{
	const struct keyed_item *a = pa, *b = pb;
	size_t n = a->key->u.scalar.len < b->key->u.scalar.len ? a->key->u.scalar.len
							       : b->key->u.scalar.len;
	int c = memcmp(a->key->u.scalar.value, b->key->u.scalar.value, n);

	if (c == 0 && a->key->u.scalar.len != b->key->u.scalar.len)
		c = a->key->u.scalar.len < b->key->u.scalar.len ? -1 : 1;
	if (c == 0)
		c = a->index < b->index ? -1 : a->index > b->index;
	return c;
}

static bool same_key(const struct keyed_item *a, const struct keyed_item *b)
{
	return a->key->u.scalar.len == b->key->u.scalar.len &&
	       memcmp(a->key->u.scalar.value, b->key->u.scalar.value, a->key->u.scalar.len) == 0;
}

/* Sorting by (key, index) groups repeats in O(n log n); lists may be long. */
static int visit_duplicates(void *arg, const struct gl_shape_visit *v)
{
	struct list_visit *lv = arg;
	struct keyed_item *items;
	size_t i, n = 0, first = 0;
	int rc = 0;

	if (v->shape != lv->shape || v->node->kind != GL_NODE_SEQUENCE ||
	    v->node->u.sequence.count < 2)
		return 0;
	items = malloc(v->node->u.sequence.count * sizeof(*items));
	if (items == NULL)
		return -1;
	for (i = 0; i < v->node->u.sequence.count; i++) {
		const char *member = NULL;
		const struct gl_node *key = lv->key_of(v->node->u.sequence.items[i], &member);

		if (key != NULL)
			items[n++] = (struct keyed_item){ key, member, i };
	}
	qsort(items, n, sizeof(*items), by_key_then_index);
	for (i = 1; rc == 0 && i < n; i++) {
		char ptr[512];

		if (!same_key(&items[first], &items[i])) {
			first = i;
			continue;
		}
		snprintf(ptr, sizeof(ptr), "%s/%zu", v->pointer, items[i].index);
		if (items[i].member != NULL)
			gl_pointer_append(ptr, sizeof(ptr), items[i].member);
		rc = gl_report(lv->ctx, items[i].key, ptr,
			       "duplicate %s: the same as item %zu (line %u); %s", lv->what,
			       items[first].index + 1, items[first].key->start.line, lv->why);
	}
	free(items);
	return rc;
}

int gl_check_list_duplicates(struct gl_rule_ctx *ctx, const struct gl_request *req,
			     const struct gl_shape *shape, gl_list_item_key_fn key_of,
			     const char *what, const char *why)
{
	struct list_visit lv = { ctx, shape, why, what, key_of };

	return gl_shape_walk(req->root, visit_duplicates, &lv);
}
