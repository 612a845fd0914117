/* arena.c - bump allocation for one file's document model. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define GL_ARENA_CHUNK 16384

struct gl_arena_chunk {
	struct gl_arena_chunk *next;
	size_t size;
	size_t used;
	max_align_t data[];
};

void gl_arena_init(struct gl_arena *arena)
{
	arena->head = NULL;
	arena->used_bytes = 0;
}

void *gl_arena_alloc(struct gl_arena *arena, size_t size)
{
	const size_t align = sizeof(max_align_t);
	struct gl_arena_chunk *chunk = arena->head;
	void *p;

	size = (size + align - 1) & ~(align - 1);
	if (size == 0)
		size = align;
	if (chunk == NULL || chunk->size - chunk->used < size) {
		size_t want = size > GL_ARENA_CHUNK ? size : GL_ARENA_CHUNK;

		chunk = malloc(sizeof(*chunk) + want);
		if (chunk == NULL)
			return NULL;
		chunk->size = want;
		chunk->used = 0;
		chunk->next = arena->head;
		arena->head = chunk;
	}
	p = (char *)chunk->data + chunk->used;
	chunk->used += size;
	arena->used_bytes += size;
	return p;
}

char *gl_arena_strndup(struct gl_arena *arena, const char *src, size_t len)
{
	char *p = gl_arena_alloc(arena, len + 1);

	if (p == NULL)
		return NULL;
	if (len)
		memcpy(p, src, len);
	p[len] = '\0';
	return p;
}

void gl_arena_free(struct gl_arena *arena)
{
	struct gl_arena_chunk *chunk, *next;

	if (arena == NULL)
		return;
	for (chunk = arena->head; chunk != NULL; chunk = next) {
		next = chunk->next;
		free(chunk);
	}
	arena->head = NULL;
	arena->used_bytes = 0;
}
