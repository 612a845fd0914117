/* grant_def.c - grants as plain C values: built from the document model, compared, diffed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grant_def.h"

int grant_def_strings_push(char ***items, size_t *count, const char *value)
{
	char **grown = realloc(*items, (*count + 1) * sizeof(*grown));

	if (grown == NULL)
		return -1;
	*items = grown;
	grown[*count] = strdup(value);
	if (grown[*count] == NULL)
		return -1;
	(*count)++;
	return 0;
}

static void grant_def_strings_free(char **items, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		free(items[i]);
	free(items);
}

/* A list node of string scalars into a string array. 0, -1 OOM, -2 wrong shape. */
static int grant_def_strings_from_node(char ***items, size_t *count, const struct gl_node *seq)
{
	size_t i;

	if (seq->kind != GL_NODE_SEQUENCE)
		return -2;
	for (i = 0; i < seq->u.sequence.count; i++) {
		const struct gl_node *item = seq->u.sequence.items[i];

		if (item->kind != GL_NODE_SCALAR)
			return -2;
		if (grant_def_strings_push(items, count, item->u.scalar.value) < 0)
			return -1;
	}
	return 0;
}

/* AuthorizedTokenIssuers into out->issuers. 0, -1 out of memory, -2 wrong shape. */
static int grant_def_issuers_from_node(struct grant_def *out, const struct gl_node *seq)
{
	size_t i;
	int rc;

	if (seq->kind != GL_NODE_SEQUENCE)
		return -2;
	out->issuers = calloc(seq->u.sequence.count + 1, sizeof(*out->issuers));
	if (out->issuers == NULL)
		return -1;
	for (i = 0; i < seq->u.sequence.count; i++) {
		const struct gl_node *item = seq->u.sequence.items[i];
		const struct gl_node *arn = gl_node_get_member(item, "TrustedTokenIssuerArn");
		const struct gl_node *aud = gl_node_get_member(item, "AuthorizedAudiences");
		struct grant_def_issuer *iss = &out->issuers[out->issuer_count++];

		if (item->kind != GL_NODE_MAPPING)
			return -2;
		if (arn != NULL) {
			if (arn->kind != GL_NODE_SCALAR)
				return -2;
			iss->trusted_token_issuer_arn = strdup(arn->u.scalar.value);
			if (iss->trusted_token_issuer_arn == NULL)
				return -1;
		}
		if (aud != NULL &&
		    (rc = grant_def_strings_from_node(&iss->audiences, &iss->audience_count, aud)) < 0)
			return rc;
	}
	return 0;
}

int grant_def_from_node(struct grant_def *out, const struct gl_node *root,
			const char *path, int document)
{
	const struct gl_node *arn = gl_node_get_member(root, "ApplicationArn");
	const struct gl_node *type = gl_node_get_member(root, "GrantType");
	const struct gl_node *grant = gl_node_get_member(root, "Grant");
	const struct gl_node *member, *list;
	size_t i;
	int rc = -2;

	memset(out, 0, sizeof(*out));
	out->document = document;
	out->line = root->start.line;
	if (arn == NULL || arn->kind != GL_NODE_SCALAR || type == NULL ||
	    type->kind != GL_NODE_SCALAR || grant == NULL || grant->kind != GL_NODE_MAPPING ||
	    grant->u.mapping.count != 1 || grant->u.mapping.pairs[0].key->kind != GL_NODE_SCALAR)
		goto done;
	member = grant->u.mapping.pairs[0].value;
	rc = -1;
	out->application_arn = strdup(arn->u.scalar.value);
	out->grant_type = strdup(type->u.scalar.value);
	out->member = strdup(grant->u.mapping.pairs[0].key->u.scalar.value);
	out->path = strdup(path);
	if (out->application_arn == NULL || out->grant_type == NULL || out->member == NULL ||
	    out->path == NULL)
		goto done;
	rc = -2;
	if (member->kind != GL_NODE_MAPPING)
		goto done;
	if (strcmp(out->member, "AuthorizationCode") == 0 &&
	    (list = gl_node_get_member(member, "RedirectUris")) != NULL) {
		out->has_redirect_uris = true;
		if ((rc = grant_def_strings_from_node(&out->redirect_uris, &out->redirect_uri_count,
						      list)) < 0)
			goto done;
	}
	if (strcmp(out->member, "JwtBearer") == 0 &&
	    (list = gl_node_get_member(member, "AuthorizedTokenIssuers")) != NULL) {
		out->has_issuers = true;
		if ((rc = grant_def_issuers_from_node(out, list)) < 0)
			goto done;
	}
	for (i = 0; i < out->issuer_count; i++)
		if (out->issuers[i].trusted_token_issuer_arn == NULL)
			goto done;
	rc = 0;
done:
	if (rc < 0)
		grant_def_free(out);
	return rc;
}

struct grant_def *grant_def_list_push(struct grant_def_list *list)
{
	if (list->count == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 8;
		struct grant_def *grown = realloc(list->items, cap * sizeof(*grown));

		if (grown == NULL)
			return NULL;
		list->items = grown;
		list->cap = cap;
	}
	memset(&list->items[list->count], 0, sizeof(list->items[0]));
	return &list->items[list->count++];
}

static bool grant_def_strings_equal(char *const *a, size_t na, char *const *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

static bool grant_def_issuer_equal(const struct grant_def_issuer *a,
				   const struct grant_def_issuer *b)
{
	return strcmp(a->trusted_token_issuer_arn, b->trusted_token_issuer_arn) == 0 &&
	       grant_def_strings_equal(a->audiences, a->audience_count, b->audiences,
				       b->audience_count);
}

/* Same issuers with the same audiences, in the same order. */
static bool grant_def_issuers_equal(const struct grant_def *a, const struct grant_def *b)
{
	size_t i;

	if (a->issuer_count != b->issuer_count)
		return false;
	for (i = 0; i < a->issuer_count; i++)
		if (!grant_def_issuer_equal(&a->issuers[i], &b->issuers[i]))
			return false;
	return true;
}

bool grant_def_equal(const struct grant_def *a, const struct grant_def *b)
{
	return strcmp(a->application_arn, b->application_arn) == 0 &&
	       strcmp(a->grant_type, b->grant_type) == 0 && strcmp(a->member, b->member) == 0 &&
	       a->has_redirect_uris == b->has_redirect_uris && a->has_issuers == b->has_issuers &&
	       grant_def_strings_equal(a->redirect_uris, a->redirect_uri_count, b->redirect_uris,
				       b->redirect_uri_count) &&
	       grant_def_issuers_equal(a, b);
}

/* A growable string used to render one diff line. */
struct grant_def_line {
	char *text;
	size_t len;
	size_t cap;
	bool oom;
};

static void grant_def_line_add(struct grant_def_line *line, const char *s)
{
	size_t n = strlen(s);

	if (line->oom)
		return;
	if (line->len + n + 1 > line->cap) {
		size_t cap = line->cap ? line->cap : 128;
		char *grown;

		while (cap < line->len + n + 1)
			cap *= 2;
		grown = realloc(line->text, cap);
		if (grown == NULL) {
			line->oom = true;
			return;
		}
		line->text = grown;
		line->cap = cap;
	}
	memcpy(line->text + line->len, s, n + 1);
	line->len += n;
}

/* Append s as a JSON string literal. */
static void grant_def_line_add_quoted(struct grant_def_line *line, const char *s)
{
	char esc[8];

	grant_def_line_add(line, "\"");
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			esc[2] = '\0';
		} else if (c < 0x20) {
			snprintf(esc, sizeof(esc), "\\u%04x", c);
		} else {
			esc[0] = (char)c;
			esc[1] = '\0';
		}
		grant_def_line_add(line, esc);
	}
	grant_def_line_add(line, "\"");
}

static void grant_def_line_add_list(struct grant_def_line *line, char *const *items,
				    size_t count, bool present)
{
	size_t i;

	if (!present) {
		grant_def_line_add(line, "(absent)");
		return;
	}
	grant_def_line_add(line, "[");
	for (i = 0; i < count; i++) {
		if (i > 0)
			grant_def_line_add(line, ", ");
		grant_def_line_add_quoted(line, items[i]);
	}
	grant_def_line_add(line, "]");
}

static int grant_def_lines_push(char ***lines, size_t *count, struct grant_def_line *line)
{
	char **grown;

	if (line->oom || line->text == NULL) {
		free(line->text);
		return -1;
	}
	grown = realloc(*lines, (*count + 1) * sizeof(*grown));
	if (grown == NULL) {
		free(line->text);
		return -1;
	}
	*lines = grown;
	grown[(*count)++] = line->text;
	memset(line, 0, sizeof(*line));
	return 0;
}

static const struct grant_def_issuer *grant_def_find_issuer(const struct grant_def *g,
							    const char *arn)
{
	size_t i;

	for (i = 0; i < g->issuer_count; i++)
		if (strcmp(g->issuers[i].trusted_token_issuer_arn, arn) == 0)
			return &g->issuers[i];
	return NULL;
}

/* Issuers are told apart by ARN: added, removed, audiences changed, order changed. */
static int grant_def_diff_issuers(char ***lines, size_t *count, const struct grant_def *live,
				  const struct grant_def *wanted)
{
	const char *base = "Grant.JwtBearer.AuthorizedTokenIssuers";
	struct grant_def_line line = { 0 };
	size_t i, before = *count;

	for (i = 0; i < wanted->issuer_count; i++) {
		const struct grant_def_issuer *w = &wanted->issuers[i];
		const struct grant_def_issuer *l = grant_def_find_issuer(live, w->trusted_token_issuer_arn);

		if (l == NULL) {
			grant_def_line_add(&line, "+ ");
			grant_def_line_add(&line, base);
			grant_def_line_add(&line, ": ");
			grant_def_line_add_quoted(&line, w->trusted_token_issuer_arn);
			grant_def_line_add(&line, " with AuthorizedAudiences ");
			grant_def_line_add_list(&line, w->audiences, w->audience_count, true);
		} else if (!grant_def_strings_equal(l->audiences, l->audience_count, w->audiences,
						    w->audience_count)) {
			grant_def_line_add(&line, "~ ");
			grant_def_line_add(&line, base);
			grant_def_line_add(&line, "[");
			grant_def_line_add_quoted(&line, w->trusted_token_issuer_arn);
			grant_def_line_add(&line, "].AuthorizedAudiences: ");
			grant_def_line_add_list(&line, l->audiences, l->audience_count, true);
			grant_def_line_add(&line, " -> ");
			grant_def_line_add_list(&line, w->audiences, w->audience_count, true);
		} else {
			continue;
		}
		if (grant_def_lines_push(lines, count, &line) < 0)
			return -1;
	}
	for (i = 0; i < live->issuer_count; i++) {
		const struct grant_def_issuer *l = &live->issuers[i];

		if (grant_def_find_issuer(wanted, l->trusted_token_issuer_arn) != NULL)
			continue;
		grant_def_line_add(&line, "- ");
		grant_def_line_add(&line, base);
		grant_def_line_add(&line, ": ");
		grant_def_line_add_quoted(&line, l->trusted_token_issuer_arn);
		if (grant_def_lines_push(lines, count, &line) < 0)
			return -1;
	}
	if (*count == before && live->issuer_count == wanted->issuer_count) {
		/* same issuers and audiences, in another order */
		grant_def_line_add(&line, "~ ");
		grant_def_line_add(&line, base);
		grant_def_line_add(&line, ": same issuers in a different order");
		if (grant_def_lines_push(lines, count, &line) < 0)
			return -1;
	}
	return 0;
}

int grant_def_diff(char ***out_lines, size_t *out_count, const struct grant_def *live,
		   const struct grant_def *wanted)
{
	struct grant_def_line line = { 0 };
	char **lines = NULL;
	size_t count = 0;

	*out_lines = NULL;
	*out_count = 0;
	if (strcmp(live->member, wanted->member) != 0) {
		grant_def_line_add(&line, "~ Grant: ");
		grant_def_line_add(&line, live->member);
		grant_def_line_add(&line, " -> ");
		grant_def_line_add(&line, wanted->member);
		if (grant_def_lines_push(&lines, &count, &line) < 0)
			goto oom;
	}
	if (live->has_redirect_uris != wanted->has_redirect_uris ||
	    !grant_def_strings_equal(live->redirect_uris, live->redirect_uri_count,
				     wanted->redirect_uris, wanted->redirect_uri_count)) {
		grant_def_line_add(&line, "~ Grant.AuthorizationCode.RedirectUris: ");
		grant_def_line_add_list(&line, live->redirect_uris, live->redirect_uri_count,
					live->has_redirect_uris);
		grant_def_line_add(&line, " -> ");
		grant_def_line_add_list(&line, wanted->redirect_uris, wanted->redirect_uri_count,
					wanted->has_redirect_uris);
		if (grant_def_lines_push(&lines, &count, &line) < 0)
			goto oom;
	}
	if (live->has_issuers != wanted->has_issuers) {
		grant_def_line_add(&line, "~ Grant.JwtBearer.AuthorizedTokenIssuers: ");
		grant_def_line_add(&line, live->has_issuers ? "present" : "(absent)");
		grant_def_line_add(&line, " -> ");
		grant_def_line_add(&line, wanted->has_issuers ? "present" : "(absent)");
		if (grant_def_lines_push(&lines, &count, &line) < 0)
			goto oom;
	}
	if (!grant_def_issuers_equal(live, wanted) &&
	    grant_def_diff_issuers(&lines, &count, live, wanted) < 0)
		goto oom;
	*out_lines = lines;
	*out_count = count;
	return 0;
oom:
	grant_def_diff_free(lines, count);
	return -1;
}

void grant_def_diff_free(char **lines, size_t count)
{
	grant_def_strings_free(lines, count);
}

void grant_def_free(struct grant_def *grant)
{
	size_t i;

	if (grant == NULL)
		return;
	free(grant->application_arn);
	free(grant->grant_type);
	free(grant->member);
	free(grant->path);
	grant_def_strings_free(grant->redirect_uris, grant->redirect_uri_count);
	for (i = 0; i < grant->issuer_count; i++) {
		free(grant->issuers[i].trusted_token_issuer_arn);
		grant_def_strings_free(grant->issuers[i].audiences, grant->issuers[i].audience_count);
	}
	free(grant->issuers);
	memset(grant, 0, sizeof(*grant));
}

void grant_def_list_free(struct grant_def_list *list)
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; i < list->count; i++)
		grant_def_free(&list->items[i]);
	free(list->items);
	memset(list, 0, sizeof(*list));
}
