/*
 * fingerprint.h - GitHub code scanning's primaryLocationLineHash.
 *
 * The same rolling hash GitHub's upload action computes (codeql-action,
 * src/fingerprints.ts): over each line's first 100 non-white-space characters
 * onwards, "<hex>:<n>" with n counting earlier lines of the same hash. Computed
 * from the bytes grantlint linted, so it is right for the index and revisions.
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
