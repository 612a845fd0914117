/* redirect_uris.c - every redirect URI of a request, parsed (see redirect_uris.h). */
#include <ctype.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model.h"
#include "redirect_uris.h"
#include "shape_walk.h"

struct each {
	struct gl_rule_ctx *ctx;
	gl_redirect_uri_fn fn;
};

/*
 * Every GL3xx rule visits every redirect URI, so each thread keeps the last
 * few parses: a parse depends on the text alone, so an entry is found by its
 * text (never by node, whose memory is reused from file to file). Entries
 * are freed when the thread ends.
 */
#define URI_CACHE_SIZE 8

struct uri_parse {
	char *text; /* NULL: empty entry */
	size_t len;
	bool ok;
	struct gl_uri uri;
	size_t error_offset;
	const char *error;
};

struct uri_cache {
	struct uri_parse entries[URI_CACHE_SIZE];
	unsigned next; /* the entry to replace next */
};

static pthread_once_t uri_cache_once = PTHREAD_ONCE_INIT;
static pthread_key_t uri_cache_key;
static bool uri_cache_key_made;

static void uri_parse_clear(struct uri_parse *p)
{
	if (p->text != NULL && p->ok)
		gl_uri_free(&p->uri);
	free(p->text);
	memset(p, 0, sizeof(*p));
}

static void uri_cache_free(void *arg)
{
	struct uri_cache *c = arg;
	size_t i;

	for (i = 0; i < URI_CACHE_SIZE; i++)
		uri_parse_clear(&c->entries[i]);
	free(c);
}

static void uri_cache_make_key(void)
{
	uri_cache_key_made = pthread_key_create(&uri_cache_key, uri_cache_free) == 0;
}

/* This thread's cache, or NULL (then every URI is parsed afresh). */
static struct uri_cache *uri_cache(void)
{
	struct uri_cache *c;

	pthread_once(&uri_cache_once, uri_cache_make_key);
	if (!uri_cache_key_made)
		return NULL;
	c = pthread_getspecific(uri_cache_key);
	if (c == NULL) {
		c = calloc(1, sizeof(*c));
		if (c != NULL && pthread_setspecific(uri_cache_key, c) != 0) {
			free(c);
			c = NULL;
		}
	}
	return c;
}

/* Parse text into *p (an entry of the cache, or the caller's own). */
static void uri_parse_into(struct uri_parse *p, const char *text, size_t len)
{
	p->len = len;
	p->ok = gl_uri_parse(&p->uri, text, len, &p->error_offset, &p->error) == 0;
}

static int visit(void *arg, const struct gl_shape_visit *v)
{
	struct each *e = arg;
	struct gl_redirect_uri r;
	struct uri_cache *c = uri_cache();
	struct uri_parse own, *p = NULL, *got;
	const char *text = v->node->u.scalar.value;
	size_t len = v->node->u.scalar.len, i;
	int rc;

	if (v->shape != &gl_shape_uri || !gl_node_is_string(v->node))
		return 0;
	for (i = 0; c != NULL && i < URI_CACHE_SIZE && p == NULL; i++)
		if (c->entries[i].text != NULL && c->entries[i].len == len &&
		    memcmp(c->entries[i].text, text, len) == 0)
			p = &c->entries[i];
	if (p == NULL && c != NULL) {
		p = &c->entries[c->next];
		c->next = (c->next + 1) % URI_CACHE_SIZE;
		uri_parse_clear(p);
		p->text = malloc(len + 1);
		if (p->text != NULL) {
			memcpy(p->text, text, len);
			p->text[len] = '\0';
			uri_parse_into(p, text, len);
		} else {
			p = NULL;
		}
	}
	if (p == NULL) {
		memset(&own, 0, sizeof(own));
		uri_parse_into(&own, text, len);
	}
	got = p != NULL ? p : &own;
	r.node = v->node;
	r.pointer = v->pointer;
	r.uri = got->ok ? &got->uri : NULL;
	r.error_offset = got->error_offset;
	r.error = got->error;
	rc = e->fn(e->ctx, &r);
	if (p == NULL && own.ok)
		gl_uri_free(&own.uri);
	return rc;
}

int gl_each_redirect_uri(struct gl_rule_ctx *ctx, const struct gl_request *req,
			 gl_redirect_uri_fn fn)
{
	struct each e = { ctx, fn };

	return gl_shape_walk(req->root, visit, &e);
}

bool gl_scheme_is_reverse_dns(const char *scheme)
{
	const char *p = scheme;
	int labels = 0;

	/* Labels of letters, digits and '-', separated by single dots; two or more. */
	while (*p != '\0') {
		const char *start = p;

		if (!isalpha((unsigned char)*p))
			return false;
		while (isalnum((unsigned char)*p) || *p == '-')
			p++;
		if (p[-1] == '-' || p == start)
			return false;
		labels++;
		if (*p == '.')
			p++;
		else if (*p != '\0')
			return false;
		else
			break;
		if (*p == '\0')
			return false;
	}
	return labels >= 2;
}

bool gl_scheme_is_dangerous(const char *scheme)
{
	static const char *const dangerous[] = { "javascript", "data", "file", "vbscript" };
	size_t i;

	for (i = 0; i < sizeof(dangerous) / sizeof(dangerous[0]); i++)
		if (strcasecmp(scheme, dangerous[i]) == 0)
			return true;
	return false;
}
