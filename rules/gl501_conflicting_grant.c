/*
 * gl501_conflicting_grant.c - two definitions of the same (ApplicationArn,
 * GrantType) in one run: the second PutApplicationGrant replaces the first.
 * The documentation is the .doc text below (what `grantlint explain` prints).
 */
#include <string.h>

#include "rules.h"

static int finish(struct gl_rule_ctx *ctx, const struct gl_grant_keys *keys)
{
	size_t i, j;

	/* keys come sorted by path and position, so "first" is stable. */
	for (i = 1; i < keys->count; i++) {
		const struct gl_grant_key *k = &keys->items[i];

		for (j = 0; j < i; j++) {
			const struct gl_grant_key *first = &keys->items[j];

			if (strcmp(first->application_arn, k->application_arn) != 0 ||
			    strcmp(first->grant_type, k->grant_type) != 0)
				continue;
			if (gl_report_at(ctx, k, "/GrantType",
					 "the %s grant of this application is already defined at "
					 "%s:%u; PutApplicationGrant replaces a grant, so only one "
					 "of the two would take effect: merge them",
					 k->grant_type, first->path, first->start.line) < 0)
				return -1;
			break;
		}
	}
	return 0;
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
	"  the first definition's path and line.\n"
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
