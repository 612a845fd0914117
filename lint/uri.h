/*
 * uri.h - redirect URIs parsed under RFC 3986 (liburiparser lives here and
 * nowhere else). Rules and policy read the parts; they never re-parse.
 */
#ifndef GL_URI_H
#define GL_URI_H

#include <stdbool.h>
#include <stddef.h>

struct gl_uri {
	char *scheme;     /* lower-cased; never NULL after a successful parse */
	char *userinfo;   /* NULL when absent */
	char *host;       /* as written (IPv6 without brackets), NULL without authority */
	int port;         /* -1 when absent */
	char *path;       /* "" when empty */
	char *query;      /* NULL when absent */
	char *fragment;   /* NULL when absent */
	bool has_authority;
	bool host_is_ipv4;
	bool host_is_ipv6;
	/* Byte offsets into the text, for positions: -1 when the part is absent. */
	long host_offset;
	long port_offset;
	long userinfo_offset;
	long fragment_offset; /* of the '#' */
	long path_offset;
};

/*
 * Parse text (len bytes) as an absolute URI under RFC 3986: it must have a
 * scheme; spaces, control characters, non-ASCII bytes and bad percent-encoding
 * are rejected, and a port, when written, must be a number in 1..65535 (an
 * empty port after ':' is rejected too). Authority and host may be absent
 * ("com.example.app:/cb"). Judging the scheme, host or fragment is left to the
 * caller. Returns 0 and fills *out; or -1 with *error_offset (a byte offset
 * into text) and *error a static message for people, and *out holding no
 * memory. gl_uri_free() is safe in both cases. Thread-safe.
 */
int gl_uri_parse(struct gl_uri *out, const char *text, size_t len, size_t *error_offset,
		 const char **error);

void gl_uri_free(struct gl_uri *uri);

/* True for hosts 127.0.0.0/8, ::1 (any spelling) and localhost (any case). */
bool gl_uri_host_is_loopback(const struct gl_uri *uri);

#endif
