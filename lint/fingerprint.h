/*
 * fingerprint.h - GitHub code scanning's primaryLocationLineHash.
 *
 * The same rolling hash GitHub's upload action computes (codeql-action,
 * src/fingerprints.ts): the text is read as UTF-8 into UTF-16 code units,
 * spaces and tabs are dropped, CR, LF and CRLF all become LF, one end-of-file
 * unit (65535) follows the text; each line's hash covers the 100 units from
 * its start, as "<hex>:<n>" with n counting earlier lines of the same hash.
 * A text ending in a line break thus has one more line, holding only the end.
 * Computed from the bytes grantlint linted, so it is right for the index and
 * revisions.
 */
#ifndef GL_FINGERPRINT_H
#define GL_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/*
 * Call cb once for every line of bytes (1-based line numbers, in order) with
 * its hash text "<hex>:<n>". Returns 0, or -1 out of memory.
 */
int gl_fingerprint_lines(const char *bytes, size_t len,
			 void (*cb)(void *arg, uint32_t line, const char *hash), void *arg);

/* Fill line_hash of n diagnostics of one file from its bytes. */
int gl_fingerprint_fill(struct gl_diag *diags, size_t n, const char *bytes, size_t len);

/* The hash of one line, into out (at least 24 bytes); "" if the line is past the end. */
int gl_fingerprint_line(const char *bytes, size_t len, uint32_t line, char *out);

#endif
