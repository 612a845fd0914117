/* arena.h - a bump allocator: everything one file's model needs, freed at once. */
#ifndef GL_ARENA_H
#define GL_ARENA_H

#include <stddef.h>

struct gl_arena_chunk;

struct gl_arena {
	struct gl_arena_chunk *head;
	size_t used_bytes; /* total handed out, for limits and tests */
};

void gl_arena_init(struct gl_arena *arena);

/*
 * Allocate size bytes aligned for any type. Returns NULL when the system is
 * out of memory. The memory lives until gl_arena_free().
 */
void *gl_arena_alloc(struct gl_arena *arena, size_t size);

/* Copy len bytes and add a terminating NUL. */
char *gl_arena_strndup(struct gl_arena *arena, const char *src, size_t len);

/* Free every chunk; the arena may be reused after gl_arena_init(). NULL-safe. */
void gl_arena_free(struct gl_arena *arena);

#endif
