/* fingerprint.c - GitHub's rolling line hash (see fingerprint.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fingerprint.h"

#define BLOCK_SIZE 100
#define MOD 37ULL
/* What the upload action hashes after the last character (its EOF, 65535). */
#define EOF_UNIT 65535

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

/*
 * The rolling hash state: a window of the last BLOCK_SIZE characters and,
 * for each slot, the line that starts there (or -1).
 */
struct rolling_hash {
	uint64_t window[BLOCK_SIZE];
	int64_t line_numbers[BLOCK_SIZE];
	uint64_t hash;
	uint64_t first_mod;
	size_t index;
	int64_t line_number;
	int line_start;
	int prev_cr;
	int oom;
	struct hash_counts counts;
	void (*cb)(void *arg, uint32_t line, const char *hash);
	void *arg;
};

/* Report the hash of the line that starts at the current window slot. */
static void rolling_hash_output(struct rolling_hash *rh)
{
	char text[40];
	uint32_t n = hash_counts_bump(&rh->counts, rh->hash, &rh->oom);

	if (rh->oom)
		return;
	snprintf(text, sizeof(text), "%llx:%u", (unsigned long long)rh->hash, n);
	rh->cb(rh->arg, (uint32_t)rh->line_numbers[rh->index], text);
	rh->line_numbers[rh->index] = -1;
}

/* Shift one character into the window (arithmetic wraps modulo 2^64, as Long does). */
static void rolling_hash_update(struct rolling_hash *rh, uint64_t cur)
{
	uint64_t begin = rh->window[rh->index];

	rh->window[rh->index] = cur;
	rh->hash = MOD * rh->hash + cur - rh->first_mod * begin;
	rh->index = (rh->index + 1) % BLOCK_SIZE;
}

/* One UTF-16 code unit (or EOF_UNIT) of the text. */
static void rolling_hash_char(struct rolling_hash *rh, uint64_t cur)
{
	if (cur == ' ' || cur == '\t' || (rh->prev_cr && cur == '\n')) {
		rh->prev_cr = 0;
		return;
	}
	if (cur == '\r') {
		cur = '\n';
		rh->prev_cr = 1;
	} else {
		rh->prev_cr = 0;
	}
	if (rh->line_numbers[rh->index] != -1)
		rolling_hash_output(rh);
	if (rh->line_start) {
		rh->line_start = 0;
		rh->line_number++;
		rh->line_numbers[rh->index] = rh->line_number;
	}
	if (cur == '\n')
		rh->line_start = 1;
	rolling_hash_update(rh, cur);
}

/* A code point as the UTF-16 code units JavaScript's charCodeAt() sees. */
static void rolling_hash_code_point(struct rolling_hash *rh, uint32_t cp)
{
	if (cp > 0xFFFF) {
		rolling_hash_char(rh, 0xD800 + ((cp - 0x10000) >> 10));
		rolling_hash_char(rh, 0xDC00 + ((cp - 0x10000) & 0x3FF));
	} else {
		rolling_hash_char(rh, cp);
	}
}

/*
 * Decode UTF-8 the way Node.js does when it reads the file as "utf8" (the
 * WHATWG decoder: each maximal invalid subsequence becomes one U+FFFD; a
 * byte order mark is kept), feeding each code point to the hash.
 */
static void rolling_hash_utf8(struct rolling_hash *rh, const unsigned char *p, size_t len)
{
	uint32_t cp = 0;
	unsigned needed = 0, seen = 0;
	unsigned char lower = 0x80, upper = 0xBF;
	size_t i = 0;

	while (i < len && !rh->oom) {
		unsigned char b = p[i];

		if (needed == 0) {
			i++;
			if (b <= 0x7F) {
				rolling_hash_code_point(rh, b);
			} else if (b >= 0xC2 && b <= 0xDF) {
				needed = 1;
				cp = b & 0x1F;
			} else if (b >= 0xE0 && b <= 0xEF) {
				if (b == 0xE0)
					lower = 0xA0;
				if (b == 0xED)
					upper = 0x9F;
				needed = 2;
				cp = b & 0x0F;
			} else if (b >= 0xF0 && b <= 0xF4) {
				if (b == 0xF0)
					lower = 0x90;
				if (b == 0xF4)
					upper = 0x8F;
				needed = 3;
				cp = b & 0x07;
			} else {
				rolling_hash_code_point(rh, 0xFFFD);
			}
			continue;
		}
		if (b < lower || b > upper) {
			/* The sequence is cut short: U+FFFD, and b starts afresh. */
			needed = seen = 0;
			lower = 0x80;
			upper = 0xBF;
			rolling_hash_code_point(rh, 0xFFFD);
			continue;
		}
		i++;
		lower = 0x80;
		upper = 0xBF;
		cp = (cp << 6) | (b & 0x3F);
		if (++seen == needed) {
			rolling_hash_code_point(rh, cp);
			needed = seen = 0;
		}
	}
	if (needed != 0)
		rolling_hash_code_point(rh, 0xFFFD);
}

int gl_fingerprint_lines(const char *bytes, size_t len,
			 void (*cb)(void *arg, uint32_t line, const char *hash), void *arg)
{
	struct rolling_hash *rh = calloc(1, sizeof(*rh));
	size_t i;
	int rc;

	if (rh == NULL)
		return -1;
	rh->first_mod = 1;
	for (i = 0; i < BLOCK_SIZE; i++) {
		rh->line_numbers[i] = -1;
		rh->first_mod *= MOD;
	}
	rh->line_start = 1;
	rh->cb = cb;
	rh->arg = arg;
	rolling_hash_utf8(rh, (const unsigned char *)bytes, len);
	/* The end of the text is a character of its own, then the window drains. */
	rolling_hash_char(rh, EOF_UNIT);
	for (i = 0; i < BLOCK_SIZE && !rh->oom; i++) {
		if (rh->line_numbers[rh->index] != -1)
			rolling_hash_output(rh);
		rolling_hash_update(rh, 0);
	}
	rc = rh->oom ? -1 : 0;
	free(rh->counts.keys);
	free(rh->counts.counts);
	free(rh);
	return rc;
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
