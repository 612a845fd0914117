/* key_cache.c - the blob id -> grant keys cache of the git modes, on disk. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "file_read.h"
#include "key_cache.h"

/*
 * File layout, integers little endian:
 *   magic "GLKEYS\r\n", u32 layout version, u32 id length, u32 + bytes of
 *   grantlint's version, 5 x u64 limits, u32 entry count, then per entry:
 *   id, u8 format, u32 key count, per key: i32 document, 4 x u32 positions,
 *   string ApplicationArn, string GrantType; then u32 listing count, per
 *   listing: tree id, u32 file count, per file: blob id, u32 mode, string
 *   path; last, a u64 checksum of everything before it. A string is its u32
 *   length, its bytes and a NUL (so that a loaded file is used in place).
 */
#define CACHE_MAGIC "GLKEYS\r\n"
#define CACHE_MAGIC_LEN 8
#define CACHE_LAYOUT 1u
#define CACHE_MAX_FILE (256u * 1024 * 1024)
#define CACHE_KEEP_UNUSED 4096 /* entries kept beyond those used by a run */
#define CACHE_LISTINGS 4       /* tree listings kept */

struct cache_entry {
	unsigned char id[GL_KEY_CACHE_ID_LEN];
	unsigned char format;
	bool used;
	size_t count;
	struct gl_key_cache_key *keys;
};

struct cache_listing {
	unsigned char tree[GL_KEY_CACHE_ID_LEN];
	bool used;
	size_t count;
	struct gl_key_cache_file *files;
};

struct gl_key_cache {
	char *file;
	struct gl_limits limits;
	struct gl_arena arena;    /* keys and their strings */
	unsigned char *loaded;    /* the file as read; loaded strings point into it */
	struct cache_entry *entries;
	size_t count, cap;
	size_t *slots;            /* open addressing over entries; SIZE_MAX empty */
	size_t slot_cap;          /* a power of two */
	struct cache_listing listings[CACHE_LISTINGS];
	size_t listing_count;
	size_t hits;
	bool dirty;
};

struct buffer {
	unsigned char *bytes;
	size_t len, cap;
	bool failed;
};

/* FNV-1a, eight bytes at a time: catches damage, cheap on a large cache. */
static uint64_t checksum(const unsigned char *p, size_t len)
{
	uint64_t h = 14695981039346656037ULL ^ (uint64_t)len, w;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, p + i, sizeof(w));
		h = (h ^ w) * 1099511628211ULL;
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

static size_t id_hash(const unsigned char *id, int format)
{
	uint64_t h;

	memcpy(&h, id, sizeof(h)); /* object ids are uniformly distributed */
	return (size_t)(h ^ (uint64_t)format);
}

static struct cache_entry *cache_find(struct gl_key_cache *c, const unsigned char *id, int format)
{
	size_t mask, i;

	if (c->slot_cap == 0)
		return NULL;
	mask = c->slot_cap - 1;
	for (i = id_hash(id, format) & mask; c->slots[i] != SIZE_MAX; i = (i + 1) & mask) {
		struct cache_entry *e = &c->entries[c->slots[i]];

		if (e->format == format && memcmp(e->id, id, GL_KEY_CACHE_ID_LEN) == 0)
			return e;
	}
	return NULL;
}

static void slots_insert(struct gl_key_cache *c, size_t index)
{
	size_t mask = c->slot_cap - 1, i;

	for (i = id_hash(c->entries[index].id, c->entries[index].format) & mask;
	     c->slots[i] != SIZE_MAX; i = (i + 1) & mask)
		;
	c->slots[i] = index;
}

/* Append an entry (keys to be filled by the caller). Returns NULL out of memory. */
static struct cache_entry *cache_add(struct gl_key_cache *c, const unsigned char *id, int format,
				     size_t key_count)
{
	struct cache_entry *e;

	if (c->count == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		struct cache_entry *entries = realloc(c->entries, cap * sizeof(*entries));

		if (entries == NULL)
			return NULL;
		c->entries = entries;
		c->cap = cap;
	}
	if ((c->count + 1) * 2 > c->slot_cap) {
		size_t cap = c->slot_cap ? c->slot_cap * 2 : 512, i;
		size_t *slots = malloc(cap * sizeof(*slots));

		if (slots == NULL)
			return NULL;
		free(c->slots);
		c->slots = slots;
		c->slot_cap = cap;
		for (i = 0; i < cap; i++)
			slots[i] = SIZE_MAX;
		for (i = 0; i < c->count; i++)
			slots_insert(c, i);
	}
	e = &c->entries[c->count];
	memcpy(e->id, id, GL_KEY_CACHE_ID_LEN);
	e->format = (unsigned char)format;
	e->used = false;
	e->count = key_count;
	e->keys = NULL;
	if (key_count > 0) {
		e->keys = gl_arena_alloc(&c->arena, key_count * sizeof(*e->keys));
		if (e->keys == NULL)
			return NULL;
	}
	slots_insert(c, c->count);
	c->count++;
	return e;
}

/* Reading: a cursor that fails (and stays failed) on any overrun. */
struct reader {
	const unsigned char *p, *end;
	bool failed;
};

static const unsigned char *read_bytes(struct reader *r, size_t n)
{
	const unsigned char *p = r->p;

	if (r->failed || (size_t)(r->end - r->p) < n) {
		r->failed = true;
		return NULL;
	}
	r->p += n;
	return p;
}

static uint64_t read_uint_le8(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static uint64_t read_uint(struct reader *r, size_t width)
{
	const unsigned char *p = read_bytes(r, width);

	if (p == NULL)
		return 0;
	switch (width) {
	case 1:
		return p[0];
	case 4:
		return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
		       (uint64_t)p[3] << 24;
	default:
		return read_uint_le8(p);
	}
}

/* A string in the file, used in place: it must end in the NUL written after it. */
static const char *read_string(struct reader *r)
{
	size_t len = (size_t)read_uint(r, 4);
	const unsigned char *p = read_bytes(r, len + 1);

	if (p == NULL || p[len] != '\0' || memchr(p, '\0', len) != NULL) {
		r->failed = true;
		return NULL;
	}
	return (const char *)p;
}

static const uint64_t *limits_fields(const struct gl_limits *l, uint64_t out[5])
{
	out[0] = l->max_file_bytes;
	out[1] = l->max_depth;
	out[2] = l->max_alias_nodes;
	out[3] = l->max_documents;
	out[4] = l->max_collection_items;
	return out;
}

/* Check the header against this build and these limits. */
static bool read_header(struct reader *r, const struct gl_limits *limits, size_t *entries)
{
	const unsigned char *magic = read_bytes(r, CACHE_MAGIC_LEN);
	const char *version;
	uint64_t want[5];
	size_t i;

	if (magic == NULL || memcmp(magic, CACHE_MAGIC, CACHE_MAGIC_LEN) != 0 ||
	    read_uint(r, 4) != CACHE_LAYOUT || read_uint(r, 4) != GL_KEY_CACHE_ID_LEN)
		return false;
	version = read_string(r);
	if (version == NULL || strcmp(version, PACKAGE_VERSION) != 0)
		return false;
	limits_fields(limits, want);
	for (i = 0; i < 5; i++)
		if (read_uint(r, 8) != want[i])
			return false;
	*entries = (size_t)read_uint(r, 4);
	return !r->failed;
}

/* Read the tree listings. Returns 0, or -1 when the file is not valid. */
static int read_listings(struct gl_key_cache *c, struct reader *r)
{
	size_t n = (size_t)read_uint(r, 4), i, k;

	if (n > CACHE_LISTINGS)
		return -1;
	for (i = 0; i < n && !r->failed; i++) {
		struct cache_listing *l = &c->listings[i];
		const unsigned char *tree = read_bytes(r, GL_KEY_CACHE_ID_LEN);

		l->count = (size_t)read_uint(r, 4);
		/* every file takes at least 28 bytes */
		if (r->failed || l->count > (size_t)(r->end - r->p) / 28)
			return -1;
		memcpy(l->tree, tree, GL_KEY_CACHE_ID_LEN);
		l->used = false;
		l->files = gl_arena_alloc(&c->arena, (l->count ? l->count : 1) * sizeof(*l->files));
		if (l->files == NULL)
			return -1;
		for (k = 0; k < l->count && !r->failed; k++) {
			const unsigned char *id = read_bytes(r, GL_KEY_CACHE_ID_LEN);

			if (id != NULL)
				memcpy(l->files[k].id, id, GL_KEY_CACHE_ID_LEN);
			l->files[k].mode = (unsigned)read_uint(r, 4);
			l->files[k].path = read_string(r);
			if (!r->failed && l->files[k].path == NULL)
				return -1;
		}
		c->listing_count = i + 1;
	}
	return r->failed ? -1 : 0;
}

/*
 * Parse a whole cache file into c. Returns 1 when it was valid, 0 when it was
 * not (c is left empty then), -1 out of memory.
 */
static int cache_parse(struct gl_key_cache *c, const unsigned char *bytes, size_t len)
{
	struct reader r;
	size_t entries, i, k;
	uint64_t sum;

	if (len < CACHE_MAGIC_LEN + 8)
		return 0;
	r.p = bytes + len - 8;
	r.end = bytes + len;
	r.failed = false;
	sum = read_uint(&r, 8);
	if (sum != checksum(bytes, len - 8))
		return 0;
	r.p = bytes;
	r.end = bytes + len - 8;
	if (!read_header(&r, &c->limits, &entries))
		return 0;
	for (i = 0; i < entries && !r.failed; i++) {
		const unsigned char *id = read_bytes(&r, GL_KEY_CACHE_ID_LEN);
		int format = (int)read_uint(&r, 1);
		size_t count = (size_t)read_uint(&r, 4);
		struct cache_entry *e;

		/* every key takes at least 28 bytes: refuse counts the file cannot hold */
		if (r.failed || count > (size_t)(r.end - r.p) / 28 || cache_find(c, id, format))
			goto invalid;
		e = cache_add(c, id, format, count);
		if (e == NULL)
			return -1;
		for (k = 0; k < count; k++) {
			struct gl_key_cache_key *key = &e->keys[k];

			key->document = (int)(int32_t)read_uint(&r, 4);
			key->start.line = (uint32_t)read_uint(&r, 4);
			key->start.col = (uint32_t)read_uint(&r, 4);
			key->end.line = (uint32_t)read_uint(&r, 4);
			key->end.col = (uint32_t)read_uint(&r, 4);
			key->application_arn = read_string(&r);
			key->grant_type = read_string(&r);
			if (r.failed)
				goto invalid;
			if (key->application_arn == NULL || key->grant_type == NULL)
				return -1;
		}
	}
	if (read_listings(c, &r) == 0 && !r.failed && r.p == r.end)
		return 1;
invalid:
	c->count = 0;
	c->listing_count = 0;
	for (i = 0; i < c->slot_cap; i++)
		c->slots[i] = SIZE_MAX;
	gl_arena_free(&c->arena);
	gl_arena_init(&c->arena);
	return 0;
}

/* Read the file whole; *bytes NULL when it is missing, unreadable, empty or absurdly large. */
static int read_file(const char *file, unsigned char **bytes, size_t *len)
{
	char *buf;
	int rc = gl_file_read(&buf, len, file, CACHE_MAX_FILE);

	*bytes = NULL;
	if (rc < 0 && errno == ENOMEM)
		return -1;
	if (rc != 0 || *len == 0) {
		if (rc == 0)
			free(buf);
		*len = 0;
		return 0;
	}
	*bytes = (unsigned char *)buf;
	return 0;
}

int gl_key_cache_open(struct gl_key_cache **out, const char *file, const struct gl_limits *limits)
{
	struct gl_key_cache *c = calloc(1, sizeof(*c));
	unsigned char *bytes = NULL;
	size_t len = 0;
	int rc = -1;

	*out = NULL;
	if (c == NULL)
		return -1;
	gl_arena_init(&c->arena);
	c->limits = *limits;
	c->file = strdup(file);
	if (c->file == NULL || read_file(file, &bytes, &len) < 0)
		goto done;
	if (bytes != NULL) {
		int valid = cache_parse(c, bytes, len);

		if (valid < 0)
			goto done;
		c->dirty = valid == 0; /* rewrite what could not be trusted */
		if (valid == 1) {
			c->loaded = bytes;
			bytes = NULL;
		}
	}
	*out = c;
	c = NULL;
	rc = 0;
done:
	free(bytes);
	gl_key_cache_free(c);
	return rc;
}

bool gl_key_cache_get(struct gl_key_cache *cache, const unsigned char *id, int format,
		      const struct gl_key_cache_key **keys, size_t *count)
{
	struct cache_entry *e = cache_find(cache, id, format);

	if (e == NULL)
		return false;
	e->used = true;
	cache->hits++;
	*keys = e->keys;
	*count = e->count;
	return true;
}

int gl_key_cache_put(struct gl_key_cache *cache, const unsigned char *id, int format,
		     const struct gl_grant_key *keys, size_t count)
{
	struct cache_entry *e = cache_find(cache, id, format);
	size_t i;

	if (e != NULL) {
		e->used = true;
		return 0;
	}
	e = cache_add(cache, id, format, count);
	if (e == NULL)
		return -1;
	e->used = true;
	for (i = 0; i < count; i++) {
		struct gl_key_cache_key *k = &e->keys[i];

		k->application_arn = gl_arena_strndup(&cache->arena, keys[i].application_arn,
						      strlen(keys[i].application_arn));
		k->grant_type = gl_arena_strndup(&cache->arena, keys[i].grant_type,
						 strlen(keys[i].grant_type));
		if (k->application_arn == NULL || k->grant_type == NULL)
			return -1;
		k->document = keys[i].document;
		k->start = keys[i].start;
		k->end = keys[i].end;
	}
	cache->dirty = true;
	return 0;
}

bool gl_key_cache_get_listing(struct gl_key_cache *cache, const unsigned char *tree_id,
			      const struct gl_key_cache_file **files, size_t *count)
{
	size_t i;

	for (i = 0; i < cache->listing_count; i++) {
		struct cache_listing *l = &cache->listings[i];

		if (memcmp(l->tree, tree_id, GL_KEY_CACHE_ID_LEN) == 0) {
			l->used = true;
			*files = l->files;
			*count = l->count;
			return true;
		}
	}
	return false;
}

int gl_key_cache_put_listing(struct gl_key_cache *cache, const unsigned char *tree_id,
			     const struct gl_key_cache_file *files, size_t count)
{
	struct cache_listing *l;
	size_t i;

	for (i = 0; i < cache->listing_count; i++)
		if (!cache->listings[i].used)
			break; /* replace one the run did not use */
	if (i == CACHE_LISTINGS)
		i = CACHE_LISTINGS - 1;
	l = &cache->listings[i];
	memcpy(l->tree, tree_id, GL_KEY_CACHE_ID_LEN);
	l->used = true;
	l->count = count;
	l->files = gl_arena_alloc(&cache->arena, (count ? count : 1) * sizeof(*l->files));
	if (l->files == NULL)
		return -1;
	for (i = 0; i < count; i++) {
		l->files[i] = files[i];
		l->files[i].path = gl_arena_strndup(&cache->arena, files[i].path,
						    strlen(files[i].path));
		if (l->files[i].path == NULL)
			return -1;
	}
	if (cache->listing_count < CACHE_LISTINGS && l == &cache->listings[cache->listing_count])
		cache->listing_count++;
	cache->dirty = true;
	return 0;
}

static void put_bytes(struct buffer *b, const void *p, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		unsigned char *bytes;

		while (cap < b->len + n)
			cap *= 2;
		bytes = realloc(b->bytes, cap);
		if (bytes == NULL) {
			b->failed = true;
			return;
		}
		b->bytes = bytes;
		b->cap = cap;
	}
	memcpy(b->bytes + b->len, p, n);
	b->len += n;
}

static void put_uint(struct buffer *b, uint64_t v, size_t width)
{
	unsigned char p[8];
	size_t i;

	for (i = 0; i < width; i++)
		p[i] = (unsigned char)(v >> (8 * i));
	put_bytes(b, p, width);
}

static void put_string(struct buffer *b, const char *s)
{
	size_t len = strlen(s);

	put_uint(b, len, 4);
	put_bytes(b, s, len + 1);
}

static void put_entry(struct buffer *b, const struct cache_entry *e)
{
	size_t k;

	put_bytes(b, e->id, GL_KEY_CACHE_ID_LEN);
	put_uint(b, e->format, 1);
	put_uint(b, e->count, 4);
	for (k = 0; k < e->count; k++) {
		const struct gl_key_cache_key *key = &e->keys[k];

		put_uint(b, (uint32_t)key->document, 4);
		put_uint(b, key->start.line, 4);
		put_uint(b, key->start.col, 4);
		put_uint(b, key->end.line, 4);
		put_uint(b, key->end.col, 4);
		put_string(b, key->application_arn);
		put_string(b, key->grant_type);
	}
}

static void put_listing(struct buffer *b, const struct cache_listing *l)
{
	size_t k;

	put_bytes(b, l->tree, GL_KEY_CACHE_ID_LEN);
	put_uint(b, l->count, 4);
	for (k = 0; k < l->count; k++) {
		put_bytes(b, l->files[k].id, GL_KEY_CACHE_ID_LEN);
		put_uint(b, l->files[k].mode, 4);
		put_string(b, l->files[k].path);
	}
}

/* mkdir -p of the folder that holds file (one level is all the cache needs). */
static void make_parent(const char *file)
{
	char *dir = strdup(file), *slash;

	if (dir == NULL)
		return;
	slash = strrchr(dir, '/');
	if (slash != NULL && slash != dir) {
		*slash = '\0';
		(void)mkdir(dir, 0777);
	}
	free(dir);
}

int gl_key_cache_save(struct gl_key_cache *cache)
{
	struct buffer b = { NULL, 0, 0, false };
	size_t i, used = 0, unused = 0, written = 0;
	uint64_t limits[5];
	char *tmp = NULL;
	int fd = -1, rc = -1;

	for (i = 0; i < cache->count; i++)
		cache->entries[i].used ? used++ : unused++;
	if (!cache->dirty && unused <= CACHE_KEEP_UNUSED)
		return 0;
	put_bytes(&b, CACHE_MAGIC, CACHE_MAGIC_LEN);
	put_uint(&b, CACHE_LAYOUT, 4);
	put_uint(&b, GL_KEY_CACHE_ID_LEN, 4);
	put_string(&b, PACKAGE_VERSION);
	limits_fields(&cache->limits, limits);
	for (i = 0; i < 5; i++)
		put_uint(&b, limits[i], 8);
	written = used + (unused < CACHE_KEEP_UNUSED ? unused : CACHE_KEEP_UNUSED);
	put_uint(&b, written, 4);
	for (i = 0; i < cache->count; i++)
		if (cache->entries[i].used)
			put_entry(&b, &cache->entries[i]);
	for (i = 0, unused = 0; i < cache->count && unused < CACHE_KEEP_UNUSED; i++)
		if (!cache->entries[i].used) {
			put_entry(&b, &cache->entries[i]);
			unused++;
		}
	for (i = 0, written = 0; i < cache->listing_count; i++)
		written += cache->listings[i].used;
	put_uint(&b, written, 4);
	for (i = 0; i < cache->listing_count; i++)
		if (cache->listings[i].used)
			put_listing(&b, &cache->listings[i]);
	if (b.failed)
		goto done;
	put_uint(&b, checksum(b.bytes, b.len), 8);
	tmp = malloc(strlen(cache->file) + 32);
	if (b.failed || tmp == NULL)
		goto done;
	sprintf(tmp, "%s.tmp.%ld", cache->file, (long)getpid());
	make_parent(cache->file);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		goto done;
	for (i = 0; i < b.len;) {
		ssize_t n = write(fd, b.bytes + i, b.len - i);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto done;
		i += (size_t)n;
	}
	if (close(fd) < 0) {
		fd = -1;
		goto done;
	}
	fd = -1;
	if (rename(tmp, cache->file) < 0)
		goto done;
	cache->dirty = false;
	rc = 0;
done:
	if (fd >= 0)
		close(fd);
	if (rc < 0 && tmp != NULL)
		(void)unlink(tmp);
	free(tmp);
	free(b.bytes);
	return rc;
}

size_t gl_key_cache_count(const struct gl_key_cache *cache)
{
	return cache->count;
}

size_t gl_key_cache_hits(const struct gl_key_cache *cache)
{
	return cache->hits;
}

void gl_key_cache_free(struct gl_key_cache *cache)
{
	if (cache == NULL)
		return;
	gl_arena_free(&cache->arena);
	free(cache->loaded);
	free(cache->entries);
	free(cache->slots);
	free(cache->file);
	free(cache);
}
