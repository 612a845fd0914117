/*
 * rule.h - what a rule is and how it reports.
 *
 * A rule is a const struct gl_rule in rules/<name>.c, listed in rules/registry.c.
 * Rules see one request (a mapping from a grant file) and report what they find
 * through gl_report(); they never read files, print, or know the output format.
 * A check function returns 0, or -1 only when it itself fails (out of memory).
 */
#ifndef GL_RULE_H
#define GL_RULE_H

#include <stdarg.h>
#include <stdbool.h>

#include "diag.h"
#include "doc.h"

struct gl_rule_ctx;

/* One request of a file: the mapping handed to PutApplicationGrant. */
struct gl_request {
	const struct gl_node *root;
	int index;        /* request index within the file, from 0 */
	const char *path; /* the file's display path */
};

/*
 * What a request defines, kept for checks across files. A key the engine
 * makes is packed: one allocation, owned through application_arn, holds the
 * three strings, and path is borrowed (from the run's list of files). Any
 * other key owns each of its strings.
 */
struct gl_grant_key {
	char *application_arn;
	char *grant_type;
	char *path;
	int document;
	struct gl_pos start; /* of the GrantType value (or the request) */
	struct gl_pos end;
	char *line_text;     /* the GrantType line, for reporters */
	char line_hash[24];  /* its GitHub line hash */
	/*
	 * From a file that is judged against but not linted (the rest of the
	 * index or tree in the git modes): line_text is NULL and line_hash "",
	 * and a finding reported on it is dropped, so a rule that finds a
	 * conflict between a linted key and a context key reports on the linted
	 * one.
	 */
	bool context;
	bool packed;         /* see above */
};

struct gl_grant_keys {
	struct gl_grant_key *items;
	size_t count;
	size_t cap;
};

struct gl_rule {
	const char *code;        /* "GL101" */
	const char *name;        /* kebab-case, names the problem */
	enum gl_severity severity;
	const char *summary;     /* one line */
	const char *doc;         /* What it does / Why it matters / Example / Fix */
	/*
	 * Called for every request; NULL for rules that the loader reports
	 * (document rules) or that only judge across files.
	 */
	int (*check)(struct gl_rule_ctx *ctx, const struct gl_request *req);
	/*
	 * Called once after every file, with every request's key in path order;
	 * reports through gl_report_at(). NULL for most rules.
	 */
	int (*finish)(struct gl_rule_ctx *ctx, const struct gl_grant_keys *keys);
};

/*
 * Report a finding of the current rule at node (its whole extent), with the
 * JSON Pointer of that node relative to the request. printf-style message.
 */
int gl_report(struct gl_rule_ctx *ctx, const struct gl_node *node, const char *pointer,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Report at an explicit range [start, end) of the current request's file. */
int gl_report_range(struct gl_rule_ctx *ctx, struct gl_pos start, struct gl_pos end,
		    const char *pointer, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/*
 * From a finish() callback: report at a range of another file (path and
 * request index taken from key).
 */
int gl_report_at(struct gl_rule_ctx *ctx, const struct gl_grant_key *key, const char *pointer,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The configuration in force for the current file (opaque to most rules). */
const struct gl_config *gl_rule_ctx_config(const struct gl_rule_ctx *ctx);

/* Registry: every rule, in code order. */
extern const struct gl_rule *const gl_rules[];
extern const size_t gl_rules_count;

/* Find a rule by code ("GL101", case-insensitive) or name; NULL if none. */
const struct gl_rule *gl_rule_find(const char *code_or_name);
/*
 * True when selector names the rule: its code ("GL301"), its name, its
 * family ("GL3xx" or "GL3"), or "all".
 */
bool gl_rule_matches(const struct gl_rule *rule, const char *selector);
/* Index of a rule in gl_rules. */
size_t gl_rule_index(const struct gl_rule *rule);

#endif
