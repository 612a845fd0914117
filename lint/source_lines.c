/* source_lines.c - line offsets, texts and hashes for many lines in one pass. */
#include <stdlib.h>
#include <string.h>

#include "fingerprint.h"
#include "load.h"
#include "source_lines.h"

/*
 * GitHub's hash of a line is decided by the 100 characters (white space
 * aside) from the start of that line and by the hashes of the lines before
 * it; nothing later matters. Hashing a prefix of the file that holds 100
 * such characters past the start of the last line wanted therefore gives
 * the same hashes as hashing the whole file. This is where that prefix
 * ends: one character more than needed, counting code points (never more
 * than the UTF-16 units or bytes the hash counts), at a character boundary.
 */
static size_t hash_prefix_end(const char *bytes, size_t len, size_t line_start)
{
	size_t i = line_start;
	unsigned counted = 0;
	int prev_cr = 0;

	while (i < len && counted <= 100) {
		unsigned char c = (unsigned char)bytes[i++];

		if ((c & 0xC0) == 0x80)
			continue; /* inside a UTF-8 sequence: its lead byte was counted */
		if (c != ' ' && c != '\t' && !(prev_cr && c == '\n'))
			counted++;
		prev_cr = c == '\r';
	}
	while (i < len && ((unsigned char)bytes[i] & 0xC0) == 0x80)
		i++;
	return i;
}

struct hash_table {
	char (*hashes)[24]; /* by line number, 1..max_line */
	uint32_t max_line;
};

static void keep_hash(void *arg, uint32_t line, const char *hash)
{
	struct hash_table *t = arg;
	size_t n = strlen(hash);

	if (line < 1 || line > t->max_line)
		return;
	if (n >= sizeof(t->hashes[line]))
		n = sizeof(t->hashes[line]) - 1;
	memcpy(t->hashes[line], hash, n);
	t->hashes[line][n] = '\0';
}

/*
 * Offsets and lengths of the lines wanted (hashes emptied), and the start
 * of the last of them in *last_start. Returns the largest line number
 * wanted (0: none), or -1 out of memory.
 */
static long fill_offsets(struct gl_source_line *lines, size_t n, const char *bytes, size_t len,
			 size_t *last_start)
{
	size_t *starts, i;
	uint32_t nlines = 0, max_line = 0;

	for (i = 0; i < n; i++) {
		lines[i].hash[0] = '\0';
		if (lines[i].line > max_line)
			max_line = lines[i].line;
	}
	if (max_line == 0) {
		for (i = 0; i < n; i++) {
			lines[i].offset = len;
			lines[i].length = 0;
		}
		return 0;
	}
	starts = gl_line_starts(bytes, len, max_line, &nlines);
	if (starts == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		struct gl_source_line *l = &lines[i];

		l->offset = l->line >= 1 && l->line <= nlines ? starts[l->line - 1] : len;
		l->length = gl_line_length(bytes, len, l->offset);
	}
	*last_start = starts[(max_line <= nlines ? max_line : nlines) - 1];
	free(starts);
	return max_line;
}

int gl_source_lines_text(struct gl_source_line *lines, size_t n, const char *bytes, size_t len)
{
	size_t last_start;

	return fill_offsets(lines, n, bytes, len, &last_start) < 0 ? -1 : 0;
}

int gl_source_lines_lookup(struct gl_source_line *lines, size_t n, const char *bytes,
			   size_t len)
{
	struct hash_table table = { NULL, 0 };
	size_t last_start = 0, i;
	long max_line = fill_offsets(lines, n, bytes, len, &last_start);
	int rc = -1;

	if (max_line <= 0)
		return (int)max_line;
	table.max_line = (uint32_t)max_line;
	table.hashes = calloc((size_t)table.max_line + 1, sizeof(*table.hashes));
	if (table.hashes == NULL)
		goto done;
	if (gl_fingerprint_lines(bytes, hash_prefix_end(bytes, len, last_start), keep_hash,
				 &table) < 0)
		goto done;
	for (i = 0; i < n; i++)
		if (lines[i].line)
			memcpy(lines[i].hash, table.hashes[lines[i].line], sizeof(lines[i].hash));
	rc = 0;
done:
	free(table.hashes);
	return rc;
}
