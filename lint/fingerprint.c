/* fingerprint.c - GitHub's rolling line hash (see fingerprint.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fingerprint.h"

#define BLOCK_SIZE 100
#define MOD 37ULL

/* Counts of hash values seen so far: open addressing, uint64 keys. */
struct hash_counts {
	uint64_t *keys;
	uint32_t *counts;
	size_t cap;
	size_t used;
};

static uint32_t hash_counts_bump(struct hash_counts *hc, uint64_t key, int *oom)
{
	size_t i;

	if ((hc->used + 1) * 2 > hc->cap) {
		struct hash_counts big = { 0 };
		size_t j;

		big.cap = hc->cap ? hc->cap * 2 : 64;
		big.keys = calloc(big.cap, sizeof(*big.keys));
		big.counts = calloc(big.cap, sizeof(*big.counts));
		if (big.keys == NULL || big.counts == NULL) {
			free(big.keys);
			free(big.counts);
			*oom = 1;
			return 0;
		}
		for (j = 0; j < hc->cap; j++) {
			if (hc->counts[j] == 0)
				continue;
			for (i = (size_t)(hc->keys[j] * 0x9E3779B97F4A7C15ULL) & (big.cap - 1);
			     big.counts[i] != 0; i = (i + 1) & (big.cap - 1))
				;
			big.keys[i] = hc->keys[j];
			big.counts[i] = hc->counts[j];
			big.used++;
		}
		free(hc->keys);
		free(hc->counts);
		*hc = big;
	}
	for (i = (size_t)(key * 0x9E3779B97F4A7C15ULL) & (hc->cap - 1); hc->counts[i] != 0;
	     i = (i + 1) & (hc->cap - 1))
		if (hc->keys[i] == key)
			return ++hc->counts[i];
	hc->keys[i] = key;
	hc->counts[i] = 1;
	hc->used++;
	return 1;
}

int gl_fingerprint_lines(const char *bytes, size_t len,
			 void (*cb)(void *arg, uint32_t line, const char *hash), void *arg)
{
	uint64_t window[BLOCK_SIZE] = { 0 };
	int64_t line_numbers[BLOCK_SIZE];
	uint64_t hash = 0, first_mod = 1;
	struct hash_counts hc = { 0 };
	size_t index = 0, i;
	int64_t line_number = 0;
	int line_start = 1, prev_cr = 0, oom = 0;
	char text[40];

	for (i = 0; i < BLOCK_SIZE; i++) {
		line_numbers[i] = -1;
		first_mod *= MOD;
	}

#define OUTPUT_HASH()                                                               \
	do {                                                                        \
		uint32_t n_ = hash_counts_bump(&hc, hash, &oom);                    \
		snprintf(text, sizeof(text), "%llx:%u", (unsigned long long)hash, n_); \
		cb(arg, (uint32_t)line_numbers[index], text);                       \
		line_numbers[index] = -1;                                           \
	} while (0)
#define UPDATE_HASH(cur)                                                            \
	do {                                                                        \
		uint64_t begin_ = window[index];                                    \
		window[index] = (cur);                                              \
		hash = MOD * hash + (cur) - first_mod * begin_;                     \
		index = (index + 1) % BLOCK_SIZE;                                   \
	} while (0)

	for (i = 0; i < len && !oom; i++) {
		uint64_t cur = (unsigned char)bytes[i];

		if (cur == ' ' || cur == '\t' || (prev_cr && cur == '\n')) {
			prev_cr = 0;
			continue;
		}
		if (cur == '\r') {
			cur = '\n';
			prev_cr = 1;
		} else {
			prev_cr = 0;
		}
		if (line_numbers[index] != -1)
			OUTPUT_HASH();
		if (line_start) {
			line_start = 0;
			line_number++;
			line_numbers[index] = line_number;
		}
		if (cur == '\n')
			line_start = 1;
		UPDATE_HASH(cur);
	}
	for (i = 0; i < BLOCK_SIZE && !oom; i++) {
		if (line_numbers[index] != -1)
			OUTPUT_HASH();
		UPDATE_HASH(0);
	}
#undef OUTPUT_HASH
#undef UPDATE_HASH
	free(hc.keys);
	free(hc.counts);
	return oom ? -1 : 0;
}

struct wanted_lines {
	char (*hashes)[24];
	uint32_t max_line;
};

static void collect_hash(void *arg, uint32_t line, const char *hash)
{
	struct wanted_lines *w = arg;

	if (line >= 1 && line <= w->max_line)
		snprintf(w->hashes[line], sizeof(w->hashes[line]), "%s", hash);
}

int gl_fingerprint_fill(struct gl_diag *diags, size_t n, const char *bytes, size_t len)
{
	struct wanted_lines w = { NULL, 0 };
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		if (diags[i].start.line > w.max_line)
			w.max_line = diags[i].start.line;
	if (w.max_line == 0)
		return 0;
	w.hashes = calloc((size_t)w.max_line + 1, sizeof(*w.hashes));
	if (w.hashes == NULL)
		return -1;
	rc = gl_fingerprint_lines(bytes, len, collect_hash, &w);
	for (i = 0; rc == 0 && i < n; i++)
		memcpy(diags[i].line_hash, w.hashes[diags[i].start.line], sizeof(diags[i].line_hash));
	free(w.hashes);
	return rc;
}

int gl_fingerprint_line(const char *bytes, size_t len, uint32_t line, char *out)
{
	struct wanted_lines w = { NULL, line };
	int rc;

	out[0] = '\0';
	if (line == 0)
		return 0;
	w.hashes = calloc((size_t)line + 1, sizeof(*w.hashes));
	if (w.hashes == NULL)
		return -1;
	rc = gl_fingerprint_lines(bytes, len, collect_hash, &w);
	if (rc == 0)
		memcpy(out, w.hashes[line], 24);
	free(w.hashes);
	return rc;
}
