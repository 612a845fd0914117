/*
 * list_checks.h - what the list rules share: item counts against the model
 * bounds, and items that repeat an earlier one.
 */
#ifndef GL_LIST_CHECKS_H
#define GL_LIST_CHECKS_H

#include "model.h"
#include "rule.h"

/*
 * Report every list of `shape` in the request whose item count is outside the
 * model's min..max: an empty list at the list, a long one at its first item
 * past the maximum. `why` ends the message (what the bound means).
 */
int gl_check_list_count(struct gl_rule_ctx *ctx, const struct gl_request *req,
			const struct gl_shape *shape, const char *why);

/*
 * The string scalar an item is compared by, or NULL to skip the item; *member
 * is set to the key it sits under inside the item (for the JSON Pointer), or
 * NULL when it is the item itself.
 */
typedef const struct gl_node *(*gl_list_item_key_fn)(const struct gl_node *item,
						       const char **member);

/* A gl_list_item_key_fn for lists of strings: the item itself, when a string. */
const struct gl_node *gl_list_item_itself(const struct gl_node *item, const char **member);

/*
 * Report every item of a list of `shape` whose key (exact string) equals an
 * earlier item's, at the later one, naming the earlier's line. `what` names an
 * item ("redirect URI").
 */
int gl_check_list_duplicates(struct gl_rule_ctx *ctx, const struct gl_request *req,
			     const struct gl_shape *shape, gl_list_item_key_fn key_of,
			     const char *what, const char *why);

#endif
