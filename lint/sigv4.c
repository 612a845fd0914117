/* sigv4.c - AWS Signature Version 4 header signing with OpenSSL libcrypto. */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "sigv4.h"

#define SIGV4_ALGORITHM "AWS4-HMAC-SHA256"

/* A growable NUL-terminated string; failed appends latch oom. */
struct sigv4_buf {
	char *data;
	size_t len;
	size_t cap;
	bool oom;
};

static void sigv4_buf_append(struct sigv4_buf *buf, const char *src, size_t len)
{
	if (buf->oom)
		return;
	if (buf->len + len + 1 > buf->cap) {
		size_t cap = buf->cap ? buf->cap : 256;
		char *grown;

		while (cap < buf->len + len + 1)
			cap *= 2;
		grown = realloc(buf->data, cap);
		if (grown == NULL) {
			buf->oom = true;
			return;
		}
		buf->data = grown;
		buf->cap = cap;
	}
	memcpy(buf->data + buf->len, src, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
}

static void sigv4_buf_puts(struct sigv4_buf *buf, const char *src)
{
	sigv4_buf_append(buf, src, strlen(src));
}

static void sigv4_buf_putc(struct sigv4_buf *buf, char c)
{
	sigv4_buf_append(buf, &c, 1);
}

/* Wipe and free; used for every buffer that may have held key material. */
static void sigv4_buf_wipe(struct sigv4_buf *buf)
{
	if (buf->data != NULL) {
		explicit_bzero(buf->data, buf->cap);
		free(buf->data);
	}
	memset(buf, 0, sizeof(*buf));
}

/* Hand the string over to the caller; NULL if any append failed. */
static char *sigv4_buf_detach(struct sigv4_buf *buf)
{
	char *s;

	if (buf->oom) {
		sigv4_buf_wipe(buf);
		return NULL;
	}
	if (buf->data == NULL)
		sigv4_buf_append(buf, "", 0);
	s = buf->data;
	if (buf->oom)
		s = NULL;
	memset(buf, 0, sizeof(*buf));
	return s;
}

static bool sigv4_is_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
}

/* Percent-encode every byte but the unreserved set (and '/' if keep_slash). */
static void sigv4_buf_put_encoded(struct sigv4_buf *buf, const char *src, size_t len,
				  bool keep_slash)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)src[i];

		if (sigv4_is_unreserved(c) || (keep_slash && c == '/')) {
			sigv4_buf_putc(buf, (char)c);
		} else {
			char esc[3] = { '%', hex[c >> 4], hex[c & 15] };

			sigv4_buf_append(buf, esc, 3);
		}
	}
}

static void sigv4_hex(char *out, const unsigned char *bytes, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = hex[bytes[i] >> 4];
		out[2 * i + 1] = hex[bytes[i] & 15];
	}
	out[2 * len] = '\0';
}

int sigv4_sha256_hex(char out[65], const void *data, size_t len)
{
	unsigned char md[32];

	if (gl_sha256(md, data, len) < 0)
		return -1;
	sigv4_hex(out, md, sizeof(md));
	return 0;
}

/* out (32 bytes) = HMAC-SHA256(key, msg). */
static int sigv4_hmac(unsigned char out[32], const unsigned char *key, size_t key_len,
		      const char *msg, size_t msg_len)
{
	return gl_hmac_sha256(out, key, key_len, msg, msg_len);
}

/*
 * Append the canonical URI of raw path to buf. With normalize, empty, "."
 * and ".." segments are resolved the way botocore's posixpath.normpath does,
 * keeping a trailing slash that the original had. Every byte outside the
 * unreserved set and '/' is then percent-encoded once more; an existing
 * "%20" becomes "%2520" as AWS expects for every service but S3.
 */
static int sigv4_canonical_uri(struct sigv4_buf *buf, const char *path, bool normalize)
{
	const char **segs = NULL;
	size_t *seg_lens = NULL;
	size_t nsegs = 0, i, len;
	const char *p;
	int error = -1;

	if (path == NULL || *path == '\0')
		path = "/";
	len = strlen(path);
	if (!normalize) {
		sigv4_buf_put_encoded(buf, path, len, true);
		return buf->oom ? -1 : 0;
	}

	segs = calloc(len + 1, sizeof(*segs));
	seg_lens = calloc(len + 1, sizeof(*seg_lens));
	if (segs == NULL || seg_lens == NULL)
		goto done;

	p = path;
	while (*p != '\0') {
		const char *end = strchr(p, '/');
		size_t n = end != NULL ? (size_t)(end - p) : strlen(p);

		if (n == 0 || (n == 1 && p[0] == '.')) {
			/* empty or "." segment: drop */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (nsegs > 0)
				nsegs--;
		} else {
			segs[nsegs] = p;
			seg_lens[nsegs] = n;
			nsegs++;
		}
		p += n;
		if (*p == '/')
			p++;
	}

	sigv4_buf_putc(buf, '/');
	for (i = 0; i < nsegs; i++) {
		if (i > 0)
			sigv4_buf_putc(buf, '/');
		sigv4_buf_put_encoded(buf, segs[i], seg_lens[i], false);
	}
	if (nsegs > 0 && path[len - 1] == '/')
		sigv4_buf_putc(buf, '/');
	error = buf->oom ? -1 : 0;
done:
	free(segs);
	free(seg_lens);
	return error;
}

static int sigv4_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decode len bytes of src into a new string; a stray '%' stays as is. */
static char *sigv4_decode(const char *src, size_t len)
{
	char *out = malloc(len + 1);
	size_t i, j = 0;

	if (out == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		int hi, lo;

		if (src[i] == '%' && i + 2 < len && (hi = sigv4_hexval(src[i + 1])) >= 0 &&
		    (lo = sigv4_hexval(src[i + 2])) >= 0) {
			out[j++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[j++] = src[i];
		}
	}
	out[j] = '\0';
	return out;
}

struct sigv4_query_param {
	char *key;   /* canonical (encoded) form */
	char *value; /* canonical (encoded) form */
};

static int sigv4_query_param_cmp(const void *a, const void *b)
{
	const struct sigv4_query_param *pa = a, *pb = b;
	int c = strcmp(pa->key, pb->key);

	return c != 0 ? c : strcmp(pa->value, pb->value);
}

/* Encode one decoded query component into a new string. */
static char *sigv4_encode_component(const char *raw, size_t len)
{
	struct sigv4_buf buf = { 0 };
	char *decoded = sigv4_decode(raw, len);

	if (decoded == NULL)
		return NULL;
	sigv4_buf_put_encoded(&buf, decoded, strlen(decoded), false);
	free(decoded);
	return sigv4_buf_detach(&buf);
}

/*
 * Append the canonical query string: parameters split on '&', each decoded
 * and re-encoded with the unreserved set, sorted by key and then by value
 * (so repeated keys keep a stable, value-ordered sequence), a missing '='
 * read as an empty value.
 */
static int sigv4_canonical_query(struct sigv4_buf *buf, const char *query)
{
	struct sigv4_query_param *params = NULL;
	size_t count = 0, cap = 0, i;
	const char *p = query;
	int error = -1;

	if (query == NULL || *query == '\0')
		return 0;

	while (*p != '\0') {
		const char *end = strchr(p, '&');
		size_t n = end != NULL ? (size_t)(end - p) : strlen(p);

		if (n > 0) {
			const char *eq = memchr(p, '=', n);
			size_t klen = eq != NULL ? (size_t)(eq - p) : n;

			if (count == cap) {
				size_t ncap = cap ? cap * 2 : 8;
				struct sigv4_query_param *grown =
					realloc(params, ncap * sizeof(*params));

				if (grown == NULL)
					goto done;
				params = grown;
				cap = ncap;
			}
			params[count].key = sigv4_encode_component(p, klen);
			params[count].value = eq != NULL ?
				sigv4_encode_component(eq + 1, n - klen - 1) :
				sigv4_encode_component("", 0);
			count++;
			if (params[count - 1].key == NULL || params[count - 1].value == NULL)
				goto done;
		}
		p += n;
		if (*p == '&')
			p++;
	}

	if (count > 1) /* qsort must not be handed NULL, which params is when empty */
		qsort(params, count, sizeof(*params), sigv4_query_param_cmp);
	for (i = 0; i < count; i++) {
		if (i > 0)
			sigv4_buf_putc(buf, '&');
		sigv4_buf_puts(buf, params[i].key);
		sigv4_buf_putc(buf, '=');
		sigv4_buf_puts(buf, params[i].value);
	}
	error = buf->oom ? -1 : 0;
done:
	for (i = 0; i < count; i++) {
		free(params[i].key);
		free(params[i].value);
	}
	free(params);
	return error;
}

/* One header as it enters the canonical request. */
struct sigv4_canon_header {
	char *name;        /* lower case, owned */
	const char *value; /* borrowed */
	size_t order;      /* position in the request, for a stable sort */
};

static int sigv4_canon_header_cmp(const void *a, const void *b)
{
	const struct sigv4_canon_header *ha = a, *hb = b;
	int c = strcmp(ha->name, hb->name);

	if (c != 0)
		return c;
	return ha->order < hb->order ? -1 : ha->order > hb->order;
}

/* Trim value and collapse each run of white space inside it to one space. */
static void sigv4_buf_put_header_value(struct sigv4_buf *buf, const char *value)
{
	const char *p = value;
	bool pending_space = false;

	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	for (; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			pending_space = true;
			continue;
		}
		if (pending_space)
			sigv4_buf_putc(buf, ' ');
		pending_space = false;
		sigv4_buf_putc(buf, *p);
	}
}

/* Headers that are never signed: they change in transit or are set later. */
static bool sigv4_header_is_unsigned(const char *lower_name)
{
	static const char *const names[] = {
		"authorization", "user-agent", "expect", "x-amzn-trace-id",
		"connection", "transfer-encoding", "upgrade",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(lower_name, names[i]) == 0)
			return true;
	return false;
}

static char *sigv4_lowercase(const char *s)
{
	size_t n = strlen(s), i;
	char *out = malloc(n + 1);

	if (out == NULL)
		return NULL;
	for (i = 0; i <= n; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	return out;
}

static int sigv4_add_header(struct sigv4_signed *out, const char *name, const char *value)
{
	struct sigv4_signed_header *h = &out->added_headers[out->added_count];

	h->name = strdup(name);
	h->value = strdup(value);
	out->added_count++;
	return h->name != NULL && h->value != NULL ? 0 : -1;
}

static bool sigv4_amz_date_valid(const char *amz_date)
{
	size_t i;

	if (amz_date == NULL || strlen(amz_date) != 16 || amz_date[8] != 'T' ||
	    amz_date[15] != 'Z')
		return false;
	for (i = 0; i < 15; i++)
		if (i != 8 && !isdigit((unsigned char)amz_date[i]))
			return false;
	return true;
}

/*
 * Append the canonical headers block (each "name:value\n") and compute the
 * signed header list into signed_names. The request's own X-Amz-Date, and
 * X-Amz-Security-Token / X-Amz-Content-Sha256 when the signer supplies them,
 * are replaced by the signer's values in extra.
 */
static int sigv4_canonical_headers(struct sigv4_buf *buf, struct sigv4_buf *signed_names,
				   const struct sigv4_request *req,
				   const struct sigv4_header *extra, size_t extra_count,
				   bool replace_token, bool replace_sha)
{
	struct sigv4_canon_header *list;
	size_t total = req->header_count + extra_count, count = 0, i;
	int error = -1;

	list = calloc(total + 1, sizeof(*list));
	if (list == NULL)
		return -1;

	for (i = 0; i < total; i++) {
		const struct sigv4_header *h = i < req->header_count ?
			&req->headers[i] : &extra[i - req->header_count];
		char *lower;

		if (h->name == NULL || h->value == NULL)
			goto done;
		lower = sigv4_lowercase(h->name);
		if (lower == NULL)
			goto done;
		if (i < req->header_count &&
		    (strcmp(lower, "x-amz-date") == 0 ||
		     (replace_token && strcmp(lower, "x-amz-security-token") == 0) ||
		     (replace_sha && strcmp(lower, "x-amz-content-sha256") == 0))) {
			free(lower);
			continue;
		}
		if (sigv4_header_is_unsigned(lower)) {
			free(lower);
			continue;
		}
		list[count].name = lower;
		list[count].value = h->value;
		list[count].order = i;
		count++;
	}

	if (count > 1)
		qsort(list, count, sizeof(*list), sigv4_canon_header_cmp);
	for (i = 0; i < count; i++) {
		bool first = i == 0 || strcmp(list[i].name, list[i - 1].name) != 0;
		bool last = i + 1 == count || strcmp(list[i].name, list[i + 1].name) != 0;

		if (first) {
			sigv4_buf_puts(buf, list[i].name);
			sigv4_buf_putc(buf, ':');
			if (signed_names->len > 0)
				sigv4_buf_putc(signed_names, ';');
			sigv4_buf_puts(signed_names, list[i].name);
		} else {
			sigv4_buf_putc(buf, ',');
		}
		sigv4_buf_put_header_value(buf, list[i].value);
		if (last)
			sigv4_buf_putc(buf, '\n');
	}
	error = buf->oom || signed_names->oom ? -1 : 0;
done:
	for (i = 0; i < count; i++)
		free(list[i].name);
	free(list);
	return error;
}

/* kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request") */
static int sigv4_signing_key(unsigned char out[32], const char *secret, const char *date8,
			     const char *region, const char *service)
{
	struct sigv4_buf key = { 0 };
	unsigned char k1[32], k2[32], k3[32];
	int error = -1;

	sigv4_buf_puts(&key, "AWS4");
	sigv4_buf_puts(&key, secret);
	if (key.oom)
		goto done;
	if (sigv4_hmac(k1, (unsigned char *)key.data, key.len, date8, 8) < 0 ||
	    sigv4_hmac(k2, k1, 32, region, strlen(region)) < 0 ||
	    sigv4_hmac(k3, k2, 32, service, strlen(service)) < 0 ||
	    sigv4_hmac(out, k3, 32, "aws4_request", strlen("aws4_request")) < 0)
		goto done;
	error = 0;
done:
	sigv4_buf_wipe(&key);
	explicit_bzero(k1, sizeof(k1));
	explicit_bzero(k2, sizeof(k2));
	explicit_bzero(k3, sizeof(k3));
	return error;
}

int sigv4_sign_request(struct sigv4_signed *out, const struct sigv4_request *req,
		       const struct sigv4_credentials *creds, const char *region,
		       const char *service, const char *amz_date, unsigned flags)
{
	struct sigv4_buf creq = { 0 }, sts = { 0 }, names = { 0 }, scope = { 0 }, auth = { 0 };
	struct sigv4_header extra[SIGV4_MAX_ADDED_HEADERS];
	size_t extra_count = 0;
	bool have_token, sign_token, sign_body = (flags & SIGV4_SIGN_BODY) != 0;
	char creq_hash[65];
	unsigned char key[32], sig[32];
	int error = -1;

	memset(out, 0, sizeof(*out));
	if (req == NULL || creds == NULL || req->method == NULL ||
	    creds->access_key_id == NULL || creds->secret_access_key == NULL ||
	    region == NULL || *region == '\0' || service == NULL || *service == '\0' ||
	    !sigv4_amz_date_valid(amz_date) ||
	    (req->body == NULL && req->body_len > 0))
		return -1;
	have_token = creds->session_token != NULL && *creds->session_token != '\0';
	sign_token = have_token && (flags & SIGV4_OMIT_SESSION_TOKEN) == 0;

	if (sigv4_sha256_hex(out->payload_hash, req->body, req->body_len) < 0)
		goto done;

	/* The headers the signer adds; the token one only when it is signed. */
	if (sigv4_add_header(out, "X-Amz-Date", amz_date) < 0)
		goto done;
	extra[extra_count++] = (struct sigv4_header){ "X-Amz-Date", amz_date };
	if (have_token) {
		if (sigv4_add_header(out, "X-Amz-Security-Token", creds->session_token) < 0)
			goto done;
		if (sign_token)
			extra[extra_count++] = (struct sigv4_header){
				"X-Amz-Security-Token", creds->session_token };
	}
	if (sign_body) {
		if (sigv4_add_header(out, "X-Amz-Content-Sha256", out->payload_hash) < 0)
			goto done;
		extra[extra_count++] = (struct sigv4_header){
			"X-Amz-Content-Sha256", out->payload_hash };
	}

	/* Task 1: the canonical request. */
	sigv4_buf_puts(&creq, req->method);
	sigv4_buf_putc(&creq, '\n');
	if (sigv4_canonical_uri(&creq, req->path, (flags & SIGV4_NORMALIZE_PATH) != 0) < 0)
		goto done;
	sigv4_buf_putc(&creq, '\n');
	if (sigv4_canonical_query(&creq, req->query) < 0)
		goto done;
	sigv4_buf_putc(&creq, '\n');
	if (sigv4_canonical_headers(&creq, &names, req, extra, extra_count,
				    have_token, sign_body) < 0)
		goto done;
	sigv4_buf_putc(&creq, '\n');
	sigv4_buf_puts(&creq, names.data != NULL ? names.data : "");
	sigv4_buf_putc(&creq, '\n');
	sigv4_buf_puts(&creq, out->payload_hash);
	if (creq.oom || sigv4_sha256_hex(creq_hash, creq.data, creq.len) < 0)
		goto done;

	/* Task 2: the string to sign. */
	sigv4_buf_append(&scope, amz_date, 8);
	sigv4_buf_putc(&scope, '/');
	sigv4_buf_puts(&scope, region);
	sigv4_buf_putc(&scope, '/');
	sigv4_buf_puts(&scope, service);
	sigv4_buf_puts(&scope, "/aws4_request");
	sigv4_buf_puts(&sts, SIGV4_ALGORITHM "\n");
	sigv4_buf_puts(&sts, amz_date);
	sigv4_buf_putc(&sts, '\n');
	sigv4_buf_puts(&sts, scope.data != NULL ? scope.data : "");
	sigv4_buf_putc(&sts, '\n');
	sigv4_buf_puts(&sts, creq_hash);
	if (sts.oom || scope.oom)
		goto done;

	/* Task 3: the signature. */
	if (sigv4_signing_key(key, creds->secret_access_key, amz_date, region, service) < 0 ||
	    sigv4_hmac(sig, key, sizeof(key), sts.data, sts.len) < 0)
		goto done;
	sigv4_hex(out->signature, sig, sizeof(sig));

	/* Task 4: the Authorization header. */
	sigv4_buf_puts(&auth, SIGV4_ALGORITHM " Credential=");
	sigv4_buf_puts(&auth, creds->access_key_id);
	sigv4_buf_putc(&auth, '/');
	sigv4_buf_puts(&auth, scope.data);
	sigv4_buf_puts(&auth, ", SignedHeaders=");
	sigv4_buf_puts(&auth, names.data != NULL ? names.data : "");
	sigv4_buf_puts(&auth, ", Signature=");
	sigv4_buf_puts(&auth, out->signature);

	out->canonical_request = sigv4_buf_detach(&creq);
	out->string_to_sign = sigv4_buf_detach(&sts);
	out->signed_headers = sigv4_buf_detach(&names);
	out->credential_scope = sigv4_buf_detach(&scope);
	out->authorization = sigv4_buf_detach(&auth);
	if (out->canonical_request == NULL || out->string_to_sign == NULL ||
	    out->signed_headers == NULL || out->credential_scope == NULL ||
	    out->authorization == NULL)
		goto done;
	error = 0;
done:
	explicit_bzero(key, sizeof(key));
	explicit_bzero(sig, sizeof(sig));
	sigv4_buf_wipe(&creq);
	sigv4_buf_wipe(&sts);
	sigv4_buf_wipe(&names);
	sigv4_buf_wipe(&scope);
	sigv4_buf_wipe(&auth);
	if (error < 0)
		sigv4_signed_free(out);
	return error;
}

void sigv4_signed_free(struct sigv4_signed *signed_out)
{
	size_t i;

	if (signed_out == NULL)
		return;
	for (i = 0; i < signed_out->added_count; i++) {
		if (signed_out->added_headers[i].value != NULL)
			explicit_bzero(signed_out->added_headers[i].value,
					strlen(signed_out->added_headers[i].value));
		free(signed_out->added_headers[i].name);
		free(signed_out->added_headers[i].value);
	}
	if (signed_out->canonical_request != NULL)
		explicit_bzero(signed_out->canonical_request,
				strlen(signed_out->canonical_request));
	free(signed_out->canonical_request);
	free(signed_out->string_to_sign);
	free(signed_out->signed_headers);
	free(signed_out->credential_scope);
	free(signed_out->authorization);
	memset(signed_out, 0, sizeof(*signed_out));
}
