/*
 * arn.h - Identity Center ARNs: split into their parts, matched against the
 * model patterns (PCRE2, compiled once and shared by every thread), and judged
 * part by part, so that rules can say which part is wrong and compare
 * partition, account and instance. pcre2_code lives here and nowhere else.
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
	/* Byte offset of each part in the text that was split. */
	size_t partition_at, service_at, region_at, account_at, resource_type_at, instance_at,
		id_at;
	/* Byte length of each part in that text (also when truncated above). */
	size_t partition_len, service_len, region_len, account_len, resource_type_len,
		instance_len, id_len;
};

/*
 * Split text as arn:PARTITION:SERVICE:REGION:ACCOUNT:TYPE/INSTANCE/ID without
 * judging the parts. Returns 0 when text starts with "arn:" and has the five
 * colons of that outline (a missing "/INSTANCE" or "/ID" leaves that part
 * empty; an ID keeps any further '/'), -1 otherwise.
 */
int gl_arn_split(struct gl_arn *out, const char *text);

enum gl_arn_kind {
	GL_ARN_APPLICATION,          /* model shape ApplicationArn */
	GL_ARN_TRUSTED_TOKEN_ISSUER, /* model shape TrustedTokenIssuerArn */
};

/* What is wrong with an ARN: a message for people and the bytes it is about. */
struct gl_arn_problem {
	size_t offset; /* byte offset into the judged text */
	size_t len;    /* bytes; 0 for "at this point" */
	char message[384];
};

/*
 * Judge text (len bytes, no NUL inside) as an ARN of the given kind: its length
 * in code points against the model bounds, then the anchored model pattern.
 * Returns 0 when it is valid, 1 with *out naming the first wrong part, or -1
 * when the patterns could not be compiled. Leading and trailing white space
 * are not trimmed (callers report them). Thread-safe.
 */
int gl_arn_judge(enum gl_arn_kind kind, const char *text, size_t len,
		 struct gl_arn_problem *out);

/* True when text (len bytes) matches the kind's model pattern, anchored. */
bool gl_arn_matches(enum gl_arn_kind kind, const char *text, size_t len);

/* The model pattern of kind, anchored with ^ and $ (static storage). */
const char *gl_arn_anchored_pattern(enum gl_arn_kind kind);

/* True when partition has the model's syntax: aws(-[a-z]{1,5}){0,3}. */
bool gl_arn_partition_syntax_ok(const char *partition);

#endif
