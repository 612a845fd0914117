/* list_checks.c - list bounds and repeated items (see list_checks.h). */
#include <stdio.h>
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

static int visit_duplicates(void *arg, const struct gl_shape_visit *v)
{
	struct list_visit *lv = arg;
	size_t i, j, n;

	if (v->shape != lv->shape || v->node->kind != GL_NODE_SEQUENCE)
		return 0;
	n = v->node->u.sequence.count;
	for (i = 1; i < n; i++) {
		const char *member = NULL, *unused;
		const struct gl_node *ki = lv->key_of(v->node->u.sequence.items[i], &member);

		if (ki == NULL)
			continue;
		for (j = 0; j < i; j++) {
			const struct gl_node *kj = lv->key_of(v->node->u.sequence.items[j], &unused);
			char ptr[512];

			if (kj == NULL || kj->u.scalar.len != ki->u.scalar.len ||
			    memcmp(kj->u.scalar.value, ki->u.scalar.value, ki->u.scalar.len) != 0)
				continue;
			snprintf(ptr, sizeof(ptr), "%s/%zu", v->pointer, i);
			if (member != NULL)
				gl_pointer_append(ptr, sizeof(ptr), member);
			if (gl_report(lv->ctx, ki, ptr,
				      "duplicate %s: the same as item %zu (line %u); %s", lv->what,
				      j + 1, kj->start.line, lv->why) < 0)
				return -1;
			break;
		}
	}
	return 0;
}

int gl_check_list_duplicates(struct gl_rule_ctx *ctx, const struct gl_request *req,
			     const struct gl_shape *shape, gl_list_item_key_fn key_of,
			     const char *what, const char *why)
{
	struct list_visit lv = { ctx, shape, why, what, key_of };

	return gl_shape_walk(req->root, visit_duplicates, &lv);
}
