/*
 * digest.h - SHA-256 and HMAC-SHA256, the only place that holds OpenSSL's
 * libcrypto (loaded on first use: most runs never hash anything).
 */
#ifndef GL_DIGEST_H
#define GL_DIGEST_H

#include <stddef.h>

/* out = SHA-256(data). Returns 0, or -1 when libcrypto cannot be loaded or fails. */
int gl_sha256(unsigned char out[32], const void *data, size_t len);

/* out = HMAC-SHA256(key, msg). Returns 0, or -1 as gl_sha256(). */
int gl_hmac_sha256(unsigned char out[32], const void *key, size_t key_len, const void *msg,
		   size_t msg_len);

/* Why the last call failed to load libcrypto ("" when it did not). */
const char *gl_digest_error(void);

#endif
