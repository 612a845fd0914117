/*
 * aws_client.h - the awsJson1_1 client for IAM Identity Center (SSO Admin).
 *
 * Each call is "POST <endpoint path>" with Content-Type
 * application/x-amz-json-1.1 and X-Amz-Target SWBExternalService.<Operation>,
 * signed with SigV4 for service "sso" in the client's region. The client owns
 * one libcurl easy handle, so consecutive calls reuse one connection. TLS
 * certificates and host names are always verified.
 *
 * Retries follow the AWS SDKs' "standard" mode: at most max_attempts
 * attempts (default 3), sleeping min(random() * base * 2^(attempt-1), cap)
 * between them (full jitter, base 1 s, cap 20 s), retrying throttling error
 * codes, HTTP 429/500/502/503/504, timeouts and connection failures, never
 * ValidationException, AccessDeniedException or ResourceNotFoundException,
 * and spending a retry quota (500 tokens, 5 per retry, 10 after a timeout,
 * refunded on success) so that a failing service is not hammered.
 *
 * Test hook: when the endpoint host is a loopback address, the environment
 * variable GRANTLINT_RETRY_BASE_MS replaces the 1 s backoff base, so that the
 * test suite runs fast against tests/aws_test_endpoint.py. It is ignored for
 * every other host: real AWS endpoints always get the standard backoff.
 *
 * Dry run: with dry_run set, every request is printed (method, URL, every
 * header including Authorization, body) and nothing is sent. The session
 * token is printed as <redacted>; the secret key is never printed anywhere.
 */
#ifndef GL_AWS_CLIENT_H
#define GL_AWS_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "aws_config.h"

#define AWS_CLIENT_TARGET_PREFIX "SWBExternalService"
#define AWS_CLIENT_SIGNING_NAME "sso"

/* Return codes of aws_client_call(). */
enum {
	AWS_CLIENT_OK = 0,
	AWS_CLIENT_DRY_RUN = 1,           /* printed, not sent */
	AWS_CLIENT_ERROR = -1,            /* local failure: memory, signing, curl setup */
	AWS_CLIENT_ESERVICE = -2,         /* the service answered with an error */
	AWS_CLIENT_ETRANSPORT = -3,       /* no answer: timeout, connection, TLS */
	AWS_CLIENT_EPROTOCOL = -4,        /* a 2xx answer that is not a JSON object */
};

/* How an attempt that got no HTTP answer failed. */
enum aws_client_transport_error {
	AWS_CLIENT_TRANSPORT_NONE,
	AWS_CLIENT_TRANSPORT_TIMEOUT,
	AWS_CLIENT_TRANSPORT_CONNECTION, /* refused, reset, closed, name lookup */
	AWS_CLIENT_TRANSPORT_OTHER,      /* TLS verification and the rest: not retried */
};

struct aws_client_options {
	const char *endpoint_url;                 /* required, already resolved */
	const char *region;                       /* required: the signing region */
	const struct aws_credentials *credentials; /* required, borrowed */
	long timeout_ms;                          /* per attempt; 0: none */
	int max_attempts;                         /* >= 1 */
	FILE *dry_run;                            /* non-NULL: print here, send nothing */
	const char *user_agent;
	unsigned retry_base_ms;
	unsigned retry_cap_ms;
	/* Injectable for tests; NULL means nanosleep() and random(). */
	void (*sleep_ms)(void *ctx, unsigned ms);
	double (*random_unit)(void *ctx); /* in [0, 1) */
	void *hook_ctx;
};

/* Defaults: 3 attempts, no timeout, base 1000 ms, cap 20000 ms. */
void aws_client_options_init(struct aws_client_options *opts);

struct aws_response {
	long status;          /* HTTP status of the last attempt; 0 if none */
	char *body;           /* last response body, NUL-terminated; may be NULL */
	size_t body_len;
	char *error_type;     /* "ThrottlingException", or NULL */
	char *error_message;  /* the service's message or what went wrong; or NULL */
	char *request_id;     /* x-amzn-RequestId, or NULL */
	int attempts;
	enum aws_client_transport_error transport;
};

struct aws_client;

/*
 * Create a client; checks the URL (https, or http to loopback only) and
 * sets up the curl handle. Returns 0, or -1 with errbuf set.
 */
int aws_client_new(struct aws_client **out, const struct aws_client_options *opts,
		   char *errbuf, size_t errlen);

/*
 * Call operation ("DescribeApplication") with the JSON body, retrying as
 * described above. Fills *out (free with aws_response_free()) and returns
 * one of the AWS_CLIENT_* codes; on every error out->error_message says
 * what happened, out->error_type is the service's error code when there
 * was one.
 */
int aws_client_call(struct aws_response *out, struct aws_client *client,
		    const char *operation, const char *body);

/* NULL-safe. */
void aws_client_free(struct aws_client *client);
void aws_response_free(struct aws_response *resp);

/*
 * Retry decision for one failed attempt, from the HTTP status (0 when there
 * was no answer), the error code (may be NULL) and the transport failure.
 */
bool aws_client_should_retry(long status, const char *error_type,
			     enum aws_client_transport_error transport);

/* True for the throttling error codes of the SDKs' standard retry mode. */
bool aws_client_is_throttling(const char *error_type);

/* The backoff before attempt (attempt + 1), given random_unit in [0, 1). */
unsigned aws_client_backoff_ms(int attempt, double random_unit, unsigned base_ms,
			       unsigned cap_ms);

/*
 * The error code from an X-Amzn-ErrorType header value or a __type member:
 * "aws.protocoltests#FooError:http://..." -> "FooError". Writes at most
 * outlen bytes (NUL included).
 */
void aws_client_error_code(char *out, size_t outlen, const char *raw);

#endif
