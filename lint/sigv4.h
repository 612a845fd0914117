/*
 * sigv4.h - AWS Signature Version 4 header signing (the Authorization header).
 *
 * The signer is a pure function of the request, the credentials, the scope
 * and the time: it never reads the clock, the environment or the network, so
 * the published test vectors can drive it byte for byte. It is the only
 * module that touches OpenSSL.
 */
#ifndef GL_SIGV4_H
#define GL_SIGV4_H

#include <stddef.h>

struct sigv4_header {
	const char *name;
	const char *value;
};

/*
 * The request to sign, as it will go on the wire. path is the raw request
 * target path ("/", "/example space/"), query the raw query string without
 * the '?' (NULL or "" for none). Header names are matched without regard to
 * case; repeated names are joined with ',' in the order given.
 */
struct sigv4_request {
	const char *method;
	const char *path;
	const char *query;
	const struct sigv4_header *headers;
	size_t header_count;
	const void *body;
	size_t body_len;
};

/* Borrowed strings; session_token may be NULL. */
struct sigv4_credentials {
	const char *access_key_id;
	const char *secret_access_key;
	const char *session_token;
};

enum sigv4_flags {
	/* Remove "." and ".." segments and empty segments from the path
	 * (every service except S3). */
	SIGV4_NORMALIZE_PATH = 1 << 0,
	/* Add and sign an x-amz-content-sha256 header with the payload hash. */
	SIGV4_SIGN_BODY = 1 << 1,
	/* Send the session token but leave it out of the signature (the
	 * "post-sts-header-after" behaviour some services want). */
	SIGV4_OMIT_SESSION_TOKEN = 1 << 2,
};

#define SIGV4_MAX_ADDED_HEADERS 3

/*
 * Everything signing produced. added_headers are the headers the signer
 * decided on (X-Amz-Date, X-Amz-Security-Token, X-Amz-Content-Sha256) which
 * the caller must send together with Authorization; the request's own
 * headers of those names are not signed. Owned strings; free with
 * sigv4_signed_free(). None of them contains the secret key; the session
 * token appears only in the X-Amz-Security-Token value and, when it is
 * signed, in canonical_request.
 */
struct sigv4_signed_header {
	char *name;
	char *value;
};

struct sigv4_signed {
	char *canonical_request;
	char *string_to_sign;
	char *signed_headers;   /* "host;x-amz-date" */
	char *credential_scope; /* "20150830/us-east-1/service/aws4_request" */
	char *authorization;    /* the value of the Authorization header */
	char signature[65];     /* lower-case hex */
	char payload_hash[65];  /* lower-case hex SHA-256 of the body */
	struct sigv4_signed_header added_headers[SIGV4_MAX_ADDED_HEADERS];
	size_t added_count;
};

/*
 * Sign req with creds for region and service at amz_date, which must be the
 * basic ISO 8601 form "20150830T123600Z". flags is a set of enum sigv4_flags.
 * On success fills *out and returns 0. Returns -1 (and leaves *out empty) when
 * an argument is missing or malformed or memory runs out. Secrets and
 * derived keys are wiped from every buffer the signer used.
 */
int sigv4_sign_request(struct sigv4_signed *out, const struct sigv4_request *req,
		       const struct sigv4_credentials *creds, const char *region,
		       const char *service, const char *amz_date, unsigned flags);

/* Free what sigv4_sign_request() put in *signed_out. NULL-safe, idempotent. */
void sigv4_signed_free(struct sigv4_signed *signed_out);

/* Write the lower-case hex SHA-256 of len bytes of data to out (65 bytes). */
int sigv4_sha256_hex(char out[65], const void *data, size_t len);

#endif
