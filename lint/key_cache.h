/*
 * key_cache.h - what each grant blob defines (its grant keys), remembered
 * across runs by blob id so that the git modes need not re-parse unchanged
 * files to judge conflicts across files.
 *
 * The cache is content addressed (blob id + file format), so it never goes
 * stale; it is also keyed by grantlint's version and the limits, which decide
 * what a blob defines. The file is a hint, never trusted: a missing, foreign,
 * truncated or corrupt file (magic, version, sizes and a checksum are checked)
 * is ignored and rewritten.
 */
#ifndef GL_KEY_CACHE_H
#define GL_KEY_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "rule.h"

#define GL_KEY_CACHE_ID_LEN 20 /* a SHA-1 object id */

struct gl_key_cache;

/* One key a blob defines: everything of struct gl_grant_key but the path and line. */
struct gl_key_cache_key {
	const char *application_arn;
	const char *grant_type;
	int document;
	struct gl_pos start;
	struct gl_pos end;
};

/*
 * Open the cache kept in file (which need not exist), for runs under limits.
 * An unreadable or invalid file gives an empty cache. Free with
 * gl_key_cache_free(). Returns 0, or -1 out of memory.
 */
int gl_key_cache_open(struct gl_key_cache **out, const char *file, const struct gl_limits *limits);

/*
 * Look up what the blob id defines when read as format (an enum
 * gl_file_format). On a hit, *keys and *count describe its keys (valid until
 * the cache is freed) and true is returned.
 */
bool gl_key_cache_get(struct gl_key_cache *cache, const unsigned char *id, int format,
		      const struct gl_key_cache_key **keys, size_t *count);

/*
 * Remember that blob id, read as format, defines keys[0..count) (the path,
 * line text and line hash of each are not kept). Returns 0, or -1 out of
 * memory.
 */
int gl_key_cache_put(struct gl_key_cache *cache, const unsigned char *id, int format,
		     const struct gl_grant_key *keys, size_t count);

/* One grant file of a tree: what a listing remembers. */
struct gl_key_cache_file {
	const char *path;
	unsigned char id[GL_KEY_CACHE_ID_LEN]; /* the blob */
	unsigned mode;                          /* its git file mode */
};

/*
 * The grant files of the tree tree_id, sorted by path, as remembered by
 * gl_key_cache_put_listing(): walking a large tree costs more than reading
 * this back. On a hit, *files and *count are valid until the cache is freed.
 */
bool gl_key_cache_get_listing(struct gl_key_cache *cache, const unsigned char *tree_id,
			      const struct gl_key_cache_file **files, size_t *count);

/*
 * Remember the grant files of tree tree_id (copied). The listings used by the
 * last run are kept, a few at most. Returns 0, or -1 out of memory.
 */
int gl_key_cache_put_listing(struct gl_key_cache *cache, const unsigned char *tree_id,
			     const struct gl_key_cache_file *files, size_t count);

/*
 * Write the cache back when it changed: the entries used since it was opened,
 * and a bounded number of others. Written to a temporary file and renamed, so
 * concurrent runs never see half a file. Returns 0, or -1 when it could not
 * be written (not fatal to a run: the next one rebuilds).
 */
int gl_key_cache_save(struct gl_key_cache *cache);

/* Entries held, and how many lookups hit since open (for tests). */
size_t gl_key_cache_count(const struct gl_key_cache *cache);
size_t gl_key_cache_hits(const struct gl_key_cache *cache);

void gl_key_cache_free(struct gl_key_cache *cache);

#endif
