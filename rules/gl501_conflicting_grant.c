/*
 * gl501_conflicting_grant.c - two definitions of the same (ApplicationArn,
 * GrantType) in one run: the second PutApplicationGrant replaces the first.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

static int by_pair_then_order(const void *pa, const void *pb)
{
	const struct gl_grant_key *a = *(const struct gl_grant_key *const *)pa;
	const struct gl_grant_key *b = *(const struct gl_grant_key *const *)pb;
	int c = strcmp(a->application_arn, b->application_arn);

	if (c == 0)
		c = strcmp(a->grant_type, b->grant_type);
	if (c == 0)
		c = a < b ? -1 : a > b;
	return c;
}

static bool same_pair(const struct gl_grant_key *a, const struct gl_grant_key *b)
{
	return strcmp(a->application_arn, b->application_arn) == 0 &&
	       strcmp(a->grant_type, b->grant_type) == 0;
}

/* Report k against the other definition, which comes before it or (later) after. */
static int report_conflict(struct gl_rule_ctx *ctx, const struct gl_grant_key *k,
			   const struct gl_grant_key *other, bool later)
{
	return gl_report_at(ctx, k, "/GrantType",
			    "the %s grant of this application is %s defined at %s:%u; "
			    "PutApplicationGrant replaces a grant, so only one of the two "
			    "would take effect: merge them",
			    k->grant_type, later ? "also" : "already", other->path,
			    other->start.line);
}

/* Report order[first] against the first context key of its group, if any. */
static int report_later_context(struct gl_rule_ctx *ctx, const struct gl_grant_key **order,
				size_t count, size_t first)
{
	size_t j;

	for (j = first + 1; j < count && same_pair(order[first], order[j]); j++)
		if (order[j]->context)
			return report_conflict(ctx, order[first], order[j], true);
	return 0;
}

/*
 * keys come sorted by path and position, so "first" is the earliest in that
 * order. Sorting pointers by (ApplicationArn, GrantType, that order) groups
 * the definitions of each pair in O(n log n), for runs over many files.
 */
static int finish(struct gl_rule_ctx *ctx, const struct gl_grant_keys *keys)
{
	const struct gl_grant_key **order;
	const struct gl_grant_key *first = NULL;
	size_t i;
	int rc = 0;

	if (keys->count < 2)
		return 0;
	order = malloc(keys->count * sizeof(*order));
	if (order == NULL)
		return -1;
	for (i = 0; i < keys->count; i++)
		order[i] = &keys->items[i];
	qsort(order, keys->count, sizeof(*order), by_pair_then_order);
	for (i = 0; rc == 0 && i < keys->count; i++) {
		const struct gl_grant_key *k = order[i];

		if (first == NULL || !same_pair(first, k)) {
			first = k;
			/*
			 * A context key (a file judged against but not linted, in the
			 * git modes) is never reported on; when it comes after a
			 * linted first definition, the linted one is told instead.
			 */
			if (!k->context)
				rc = report_later_context(ctx, order, keys->count, i);
			continue;
		}
		if (!k->context)
			rc = report_conflict(ctx, k, first, false);
	}
	free(order);
	return rc;
}

const struct gl_rule gl_rule_conflicting_grant = {
	.code = "GL501",
	.name = "conflicting-grant",
	.severity = GL_SEV_ERROR,
	.summary = "The same (ApplicationArn, GrantType) defined twice across the files linted",
	.finish = finish,
	.doc =
	"What it does\n"
	"  Across every file of one run, reports a request whose ApplicationArn\n"
	"  and GrantType were already defined by an earlier request (in the same\n"
	"  file or another; files in path order), at the later GrantType, naming\n"
	"  the first definition's path and line. In the git modes (--staged,\n"
	"  --changed-since) the files not being linted still count, but only the\n"
	"  linted files are reported on: a linted file that comes first is told\n"
	"  about the unchanged file that defines the pair again.\n"
	"\n"
	"Why it matters\n"
	"  An application has one grant per grant type: a second\n"
	"  PutApplicationGrant for the same pair silently replaces the first, so\n"
	"  whichever file is applied last wins and the other's redirect URIs or\n"
	"  issuers are lost.\n"
	"\n"
	"Example\n"
	"  Bad:   grants/web.yaml and grants/web-dev.yaml both define\n"
	"         GrantType: authorization_code for application apl-5f2a9c1d7e3b4a60\n"
	"  Good:  one file lists all redirect URIs of that grant\n"
	"\n"
	"Fix\n"
	"  Merge the two definitions into one request.\n"
	"\n"
	"Reference: PutApplicationGrant API reference (\"Adds a grant to an\n"
	"application\"; a put replaces the grant of that type).",
};
