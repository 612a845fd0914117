/*
 * arn.h - Identity Center ARNs: split into their parts, so that rules can say
 * which part is wrong and compare partition, account and instance.
 */
#ifndef GL_ARN_H
#define GL_ARN_H

#include <stdbool.h>
#include <stddef.h>

struct gl_arn {
	char partition[32];
	char service[32];
	char region[64];
	char account[32];
	char resource_type[64]; /* "application" or "trustedTokenIssuer" */
	char instance[64];      /* "ssoins-..." or "ins-..." */
	char id[96];            /* "apl-..." or "tti-..." */
	bool truncated;         /* a part was longer than its buffer */
};

/*
 * Split text as arn:PARTITION:SERVICE:REGION:ACCOUNT:TYPE/INSTANCE/ID without
 * judging the parts. Returns 0 when text has that outline, -1 otherwise.
 */
int gl_arn_split(struct gl_arn *out, const char *text);

#endif
