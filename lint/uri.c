/*
 * uri.c - RFC 3986 parsing of redirect URIs through liburiparser, the only
 * module that touches it. See uri.h for what callers get.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <uriparser/Uri.h>

#include "uri.h"

static char *range_dup(const UriTextRangeA *r)
{
	size_t n;
	char *s;

	if (r->first == NULL || r->afterLast == NULL)
		return NULL;
	n = (size_t)(r->afterLast - r->first);
	s = malloc(n + 1);
	if (s == NULL)
		return NULL;
	memcpy(s, r->first, n);
	s[n] = '\0';
	return s;
}

/*
 * True when the range lies in the text: liburiparser points an empty part
 * that is present (the host of "https:///x") at a constant of its own.
 */
static bool range_in_text(const UriTextRangeA *r, const char *text, size_t len)
{
	uintptr_t first = (uintptr_t)r->first, start = (uintptr_t)text;

	return r->first != NULL && first >= start && first <= start + len;
}

static long range_offset(const UriTextRangeA *r, const char *text)
{
	return r->first != NULL ? (long)(r->first - text) : -1;
}

/* Offset of a host, also of an empty one: after "userinfo@", else after "scheme://". */
static long host_offset(const UriUriA *u, const char *text, size_t len)
{
	if (range_in_text(&u->hostText, text, len))
		return (long)(u->hostText.first - text);
	if (range_in_text(&u->userInfo, text, len))
		return (long)(u->userInfo.afterLast - text) + 1;
	return (long)(u->scheme.afterLast - text) + 3;
}

/* Why liburiparser stopped at byte `at`: a message for people. */
static const char *explain_stop(const char *text, size_t len, size_t at)
{
	unsigned char c;

	if (at >= len)
		return "the URI ends too early (RFC 3986)";
	c = (unsigned char)text[at];
	if (c == ' ')
		return "a space is not allowed in a URI; percent-encode it as %20";
	if (c < 0x20 || c == 0x7f)
		return "a control character is not allowed in a URI";
	if (c >= 0x80)
		return "a non-ASCII character is not allowed in a URI; percent-encode its UTF-8 "
		       "bytes";
	if (c == '%')
		return "invalid percent-encoding: '%' must be followed by two hexadecimal digits";
	if (c == '[' || c == ']')
		return "brackets are only allowed around an IPv6 address host (RFC 3986 3.2.2)";
	if (c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' ||
	    c == '{' || c == '|' || c == '}')
		return "this character is not allowed in a URI; percent-encode it";
	return "this character is not allowed here (RFC 3986)";
}

/*
 * A clearer cause for two mistakes liburiparser reports at a later character:
 * an unclosed '[' and a second ':' in the authority. Returns the message and
 * sets *at, or NULL.
 */
static const char *explain_authority(const char *text, size_t len, size_t *at)
{
	const char *p = memchr(text, ':', len), *end = text + len, *colon = NULL, *open = NULL;
	bool in_brackets = false;

	if (p == NULL || end - p < 3 || p[1] != '/' || p[2] != '/')
		return NULL;
	for (p += 3; p < end && *p != '/' && *p != '?' && *p != '#'; p++) {
		if (*p == '@')
			return NULL; /* user info may hold colons */
		if (*p == '[') {
			in_brackets = true;
			open = p;
		} else if (*p == ']') {
			in_brackets = false;
		} else if (*p == ':' && !in_brackets) {
			if (colon != NULL) {
				*at = (size_t)(p - text);
				return "a second ':' in the authority: write one port, a number in "
				       "1..65535";
			}
			colon = p;
		}
	}
	if (in_brackets) {
		*at = (size_t)(open - text);
		return "'[' without its ']': an IPv6 address host is written [::1]";
	}
	return NULL;
}

/* The port text (digits only, per liburiparser) as a number, or -1 when over 65535. */
static int port_value(const UriTextRangeA *r)
{
	const char *p;
	long v = 0;

	for (p = r->first; p < r->afterLast; p++) {
		v = v * 10 + (*p - '0');
		if (v > 65535)
			return -1;
	}
	return (int)v;
}

/* Offset where the path starts: after the authority, or after "scheme:". */
static long path_start(const UriUriA *u, const char *text, size_t len)
{
	if (range_in_text(&u->portText, text, len))
		return (long)(u->portText.afterLast - text);
	if (u->hostText.first != NULL && !range_in_text(&u->hostText, text, len))
		return host_offset(u, text, len); /* an empty host */
	if (u->hostText.first != NULL) {
		const char *end = u->hostText.afterLast;

		/* An IP literal's text excludes its closing bracket. */
		if (*end == ']')
			end++;
		return (long)(end - text);
	}
	return (long)(u->scheme.afterLast - text) + 1;
}

int gl_uri_parse(struct gl_uri *out, const char *text, size_t len, size_t *error_offset,
		 const char **error)
{
	UriUriA u;
	const char *stop = NULL;
	size_t i, path_end;
	long pstart;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	out->port = -1;
	out->host_offset = out->port_offset = out->userinfo_offset = -1;
	out->fragment_offset = out->path_offset = -1;
	*error_offset = 0;
	*error = NULL;
	if (len == 0) {
		*error = "the URI is empty";
		return -1;
	}
	if (uriParseSingleUriExA(&u, text, text + len, &stop) != URI_SUCCESS) {
		*error_offset = stop != NULL ? (size_t)(stop - text) : 0;
		/* liburiparser stops after a '%' whose hex digits are bad: point at the '%'. */
		for (i = 1; i <= 2 && i <= *error_offset; i++)
			if (text[*error_offset - i] == '%') {
				*error_offset -= i;
				break;
			}
		*error = explain_authority(text, len, error_offset);
		if (*error == NULL)
			*error = explain_stop(text, len, *error_offset);
		return -1;
	}
	if (u.scheme.first == NULL) {
		*error = "not an absolute URI: it has no scheme; a redirect URI must be absolute, "
			 "like https://app.example.com/callback";
		goto done;
	}
	if (u.portText.first != NULL) {
		out->port_offset = range_offset(&u.portText, text);
		*error_offset = (size_t)out->port_offset;
		if (u.portText.first == u.portText.afterLast) {
			*error = "empty port after ':'; remove the ':' or give a port in 1..65535";
			goto done;
		}
		out->port = port_value(&u.portText);
		if (out->port < 1) {
			*error = "the port must be a number in 1..65535";
			goto done;
		}
	}
	out->scheme = range_dup(&u.scheme);
	out->path = NULL;
	if (out->scheme == NULL)
		goto oom;
	for (i = 0; out->scheme[i] != '\0'; i++)
		out->scheme[i] = (char)tolower((unsigned char)out->scheme[i]);
	if (u.hostText.first != NULL) {
		out->has_authority = true;
		out->host = range_dup(&u.hostText);
		if (out->host == NULL)
			goto oom;
		out->host_offset = host_offset(&u, text, len);
		out->host_is_ipv4 = u.hostData.ip4 != NULL;
		out->host_is_ipv6 = u.hostData.ip6 != NULL;
	}
	if (u.userInfo.first != NULL) {
		out->userinfo = range_dup(&u.userInfo);
		if (out->userinfo == NULL)
			goto oom;
		out->userinfo_offset = range_offset(&u.userInfo, text);
	}
	if (u.query.first != NULL && (out->query = range_dup(&u.query)) == NULL)
		goto oom;
	if (u.fragment.first != NULL) {
		out->fragment = range_dup(&u.fragment);
		if (out->fragment == NULL)
			goto oom;
		out->fragment_offset = range_offset(&u.fragment, text) - 1;
	}
	pstart = path_start(&u, text, len);
	path_end = u.query.first != NULL      ? (size_t)(u.query.first - text) - 1
		   : u.fragment.first != NULL ? (size_t)out->fragment_offset
					      : len;
	if (pstart < 0 || (size_t)pstart > path_end)
		pstart = (long)path_end;
	out->path = malloc(path_end - (size_t)pstart + 1);
	if (out->path == NULL)
		goto oom;
	memcpy(out->path, text + pstart, path_end - (size_t)pstart);
	out->path[path_end - (size_t)pstart] = '\0';
	out->path_offset = pstart;
	rc = 0;
	goto done;
oom:
	*error = "out of memory";
done:
	uriFreeUriMembersA(&u);
	if (rc != 0)
		gl_uri_free(out);
	return rc;
}

void gl_uri_free(struct gl_uri *uri)
{
	if (uri == NULL)
		return;
	free(uri->scheme);
	free(uri->userinfo);
	free(uri->host);
	free(uri->path);
	free(uri->query);
	free(uri->fragment);
	uri->scheme = uri->userinfo = uri->host = uri->path = uri->query = uri->fragment = NULL;
}

bool gl_uri_host_is_loopback(const struct gl_uri *uri)
{
	if (uri->host == NULL)
		return false;
	if (uri->host_is_ipv4)
		return strncmp(uri->host, "127.", 4) == 0;
	if (uri->host_is_ipv6) {
		/* Any spelling of ::1 ("0:0:0:0:0:0:0:1", "::0001"). */
		const char *p = uri->host;
		int ones = 0;

		for (; *p != '\0'; p++) {
			if (*p == ':' || *p == '0')
				continue;
			if (*p == '1' && ones == 0 && strchr(p, ':') == NULL) {
				ones++;
				continue;
			}
			return false;
		}
		return ones == 1;
	}
	return strcasecmp(uri->host, "localhost") == 0;
}
