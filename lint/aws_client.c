/* aws_client.c - signed awsJson1_1 calls over one libcurl handle, with standard-mode retries. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <cJSON.h>
#define CURL_DISABLE_TYPECHECK /* calls go through pointers (below) */
#include <curl/curl.h>
#include <pthread.h>

#include "format.h"
#include "aws_client.h"
#include "aws_endpoint.h"
#include "sigv4.h"
#include "config.h"
#include "dynlib.h"

/*
 * libcurl is loaded on first use (lint/dynlib.h): a run that never touches
 * it does not pay for loading it and the libraries it pulls in. Every
 * function this module calls goes through gl_curl, filled by curl_load().
 */
#define GL_CURL_FUNCTIONS(X) \
	X(curl_easy_cleanup) \
	X(curl_easy_getinfo) \
	X(curl_easy_init) \
	X(curl_easy_perform) \
	X(curl_easy_setopt) \
	X(curl_easy_strerror) \
	X(curl_global_init) \
	X(curl_slist_append) \
	X(curl_slist_free_all)

static struct {
#define X(name) __typeof__(&name) name;
	GL_CURL_FUNCTIONS(X)
#undef X
} gl_curl;

static pthread_once_t gl_curl_once = PTHREAD_ONCE_INIT;
static int gl_curl_rc = -1;
static char gl_curl_error[256];

static void gl_curl_resolve(void)
{
	static const struct gl_dynlib_symbol symbols[] = {
#define X(name) { #name, (void **)&gl_curl.name },
		GL_CURL_FUNCTIONS(X)
#undef X
	};

	gl_curl_rc = gl_dynlib_load(GL_LIBCURL_SONAME, symbols, sizeof(symbols) / sizeof(symbols[0]),
				   gl_curl_error, sizeof(gl_curl_error));
}

/* Load libcurl once; returns 0, or -1 with the reason in gl_curl_error. */
static int curl_load(void)
{
	pthread_once(&gl_curl_once, gl_curl_resolve);
	return gl_curl_rc;
}

#undef curl_easy_cleanup
#define curl_easy_cleanup (gl_curl.curl_easy_cleanup)
#undef curl_easy_getinfo
#define curl_easy_getinfo (gl_curl.curl_easy_getinfo)
#undef curl_easy_init
#define curl_easy_init (gl_curl.curl_easy_init)
#undef curl_easy_perform
#define curl_easy_perform (gl_curl.curl_easy_perform)
#undef curl_easy_setopt
#define curl_easy_setopt (gl_curl.curl_easy_setopt)
#undef curl_easy_strerror
#define curl_easy_strerror (gl_curl.curl_easy_strerror)
#undef curl_global_init
#define curl_global_init (gl_curl.curl_global_init)
#undef curl_slist_append
#define curl_slist_append (gl_curl.curl_slist_append)
#undef curl_slist_free_all
#define curl_slist_free_all (gl_curl.curl_slist_free_all)

#define AWS_CLIENT_MAX_BODY (16u * 1024 * 1024)
#define AWS_CLIENT_RETRY_QUOTA 500
#define AWS_CLIENT_RETRY_COST 5
#define AWS_CLIENT_TIMEOUT_RETRY_COST 10
#define AWS_CLIENT_CONTENT_TYPE "application/x-amz-json-1.1"

struct aws_client {
	CURL *curl;
	struct aws_endpoint_url url;
	char *url_string;
	char *region;
	char *user_agent;
	const struct aws_credentials *creds;
	struct aws_client_options opts;
	struct curl_slist *resolve;
	int retry_tokens;
	char curl_error[CURL_ERROR_SIZE];
};

/* What one attempt collected from the wire. */
struct aws_client_exchange {
	char *body;
	size_t len;
	size_t cap;
	bool too_large;
	char *error_type_header;
	char *request_id;
};

void aws_client_options_init(struct aws_client_options *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->max_attempts = 3;
	opts->retry_base_ms = 1000;
	opts->retry_cap_ms = 20000;
	opts->user_agent = "grantlint";
}

bool aws_client_is_throttling(const char *error_type)
{
	/* botocore's standard-mode list, plus the HTTP 429 code some services use */
	static const char *const codes[] = {
		"Throttling", "ThrottlingException", "ThrottledException",
		"RequestThrottledException", "TooManyRequestsException",
		"ProvisionedThroughputExceededException", "TransactionInProgressException",
		"RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException",
		"RequestThrottled", "SlowDown", "PriorRequestNotComplete",
		"EC2ThrottledException",
	};
	size_t i;

	for (i = 0; error_type != NULL && i < sizeof(codes) / sizeof(codes[0]); i++)
		if (strcmp(error_type, codes[i]) == 0)
			return true;
	return false;
}

bool aws_client_should_retry(long status, const char *error_type,
			     enum aws_client_transport_error transport)
{
	static const char *const never[] = {
		"ValidationException", "AccessDeniedException", "ResourceNotFoundException",
	};
	static const char *const transient[] = {
		"RequestTimeout", "RequestTimeoutException", "InternalError",
	};
	size_t i;

	if (transport == AWS_CLIENT_TRANSPORT_TIMEOUT ||
	    transport == AWS_CLIENT_TRANSPORT_CONNECTION)
		return true;
	if (transport != AWS_CLIENT_TRANSPORT_NONE)
		return false;
	for (i = 0; error_type != NULL && i < sizeof(never) / sizeof(never[0]); i++)
		if (strcmp(error_type, never[i]) == 0)
			return false;
	if (aws_client_is_throttling(error_type))
		return true;
	for (i = 0; error_type != NULL && i < sizeof(transient) / sizeof(transient[0]); i++)
		if (strcmp(error_type, transient[i]) == 0)
			return true;
	return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

unsigned aws_client_backoff_ms(int attempt, double random_unit, unsigned base_ms,
			       unsigned cap_ms)
{
	double ceiling = base_ms, delay;
	int i;

	/* jitter applies before the cap, as in botocore: min(r * b * 2^(n-1), cap) */
	for (i = 1; i < attempt && i < 1000; i++)
		ceiling *= 2;
	if (random_unit < 0)
		random_unit = 0;
	if (random_unit >= 1)
		random_unit = 0.999999;
	delay = random_unit * ceiling;
	return delay > cap_ms ? cap_ms : (unsigned)delay;
}

void aws_client_error_code(char *out, size_t outlen, const char *raw)
{
	const char *start, *hash;
	size_t n;

	if (outlen == 0)
		return;
	out[0] = '\0';
	if (raw == NULL)
		return;
	while (isspace((unsigned char)*raw))
		raw++;
	n = strcspn(raw, ":");
	while (n > 0 && isspace((unsigned char)raw[n - 1]))
		n--;
	start = raw;
	hash = memchr(raw, '#', n);
	while (hash != NULL) {
		n -= (size_t)(hash + 1 - start);
		start = hash + 1;
		hash = memchr(start, '#', n);
	}
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, start, n);
	out[n] = '\0';
}

static void aws_client_default_sleep(void *ctx, unsigned ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };

	(void)ctx;
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static double aws_client_default_random(void *ctx)
{
	(void)ctx;
	return drand48();
}

int aws_client_new(struct aws_client **out, const struct aws_client_options *opts,
		   char *errbuf, size_t errlen)
{
	static bool curl_ready;
	struct aws_client *client;
	const char *base_env;

	*out = NULL;
	if (opts->endpoint_url == NULL || opts->region == NULL || opts->credentials == NULL ||
	    opts->credentials->access_key_id == NULL ||
	    opts->credentials->secret_access_key == NULL || opts->max_attempts < 1) {
		snprintf(errbuf, errlen, "the client needs an endpoint, a region, credentials "
			 "and at least one attempt");
		return -1;
	}
	if (!curl_ready) {
		if (curl_load() < 0) {
			snprintf(errbuf, errlen, "sending needs libcurl: %s", gl_curl_error);
			return -1;
		}
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			snprintf(errbuf, errlen, "libcurl failed to initialise");
			return -1;
		}
		srand48((long)time(NULL) ^ (long)getpid());
		curl_ready = true;
	}
	client = calloc(1, sizeof(*client));
	if (client == NULL) {
		snprintf(errbuf, errlen, "out of memory");
		return -1;
	}
	client->opts = *opts;
	client->creds = opts->credentials;
	client->retry_tokens = AWS_CLIENT_RETRY_QUOTA;
	if (client->opts.sleep_ms == NULL)
		client->opts.sleep_ms = aws_client_default_sleep;
	if (client->opts.random_unit == NULL)
		client->opts.random_unit = aws_client_default_random;
	if (aws_endpoint_url_parse(&client->url, opts->endpoint_url, errbuf, errlen) < 0)
		goto fail;

	/* Test hook, for loopback endpoints only (see aws_client.h). */
	base_env = getenv("GRANTLINT_RETRY_BASE_MS");
	if (client->url.loopback && base_env != NULL && *base_env != '\0') {
		char *end;
		unsigned long v = strtoul(base_env, &end, 10);

		if (*end == '\0' && v <= 60000)
			client->opts.retry_base_ms = (unsigned)v;
	}

	client->url_string = gl_format("%s://%s%s", client->url.scheme,
					       client->url.authority, client->url.path);
	client->region = strdup(opts->region);
	client->user_agent = strdup(opts->user_agent != NULL ? opts->user_agent : "grantlint");
	client->curl = curl_easy_init();
	if (client->url_string == NULL || client->region == NULL || client->user_agent == NULL ||
	    client->curl == NULL) {
		snprintf(errbuf, errlen, "out of memory");
		goto fail;
	}
	/* "localhost" must mean this machine, whatever name service says. */
	if (strcasecmp(client->url.host, "localhost") == 0) {
		char *entry = gl_format("%s:%u:127.0.0.1", client->url.host,
						client->url.port);

		client->resolve = entry != NULL ? curl_slist_append(NULL, entry) : NULL;
		free(entry);
		if (client->resolve == NULL) {
			snprintf(errbuf, errlen, "out of memory");
			goto fail;
		}
	}
	*out = client;
	return 0;
fail:
	aws_client_free(client);
	return -1;
}

static size_t aws_client_on_body(char *data, size_t size, size_t nmemb, void *userdata)
{
	struct aws_client_exchange *ex = userdata;
	size_t n = size * nmemb;

	if (ex->len + n > AWS_CLIENT_MAX_BODY) {
		ex->too_large = true;
		return 0;
	}
	if (ex->len + n + 1 > ex->cap) {
		size_t cap = ex->cap ? ex->cap : 4096;
		char *grown;

		while (cap < ex->len + n + 1)
			cap *= 2;
		grown = realloc(ex->body, cap);
		if (grown == NULL)
			return 0;
		ex->body = grown;
		ex->cap = cap;
	}
	memcpy(ex->body + ex->len, data, n);
	ex->len += n;
	ex->body[ex->len] = '\0';
	return n;
}

/* The trimmed value of header line "Name: value\r\n" if its name is name. */
static char *aws_client_header_value(const char *line, size_t len, const char *name)
{
	size_t n = strlen(name);
	const char *v, *end = line + len;

	if (len <= n || strncasecmp(line, name, n) != 0 || line[n] != ':')
		return NULL;
	v = line + n + 1;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
		end--;
	return strndup(v, (size_t)(end - v));
}

static size_t aws_client_on_header(char *data, size_t size, size_t nmemb, void *userdata)
{
	struct aws_client_exchange *ex = userdata;
	size_t n = size * nmemb;
	char *v;

	if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		/* a new response (after 1xx): forget the previous headers */
		free(ex->error_type_header);
		free(ex->request_id);
		ex->error_type_header = NULL;
		ex->request_id = NULL;
	} else if ((v = aws_client_header_value(data, n, "x-amzn-errortype")) != NULL) {
		free(ex->error_type_header);
		ex->error_type_header = v;
	} else if ((v = aws_client_header_value(data, n, "x-amzn-requestid")) != NULL) {
		free(ex->request_id);
		ex->request_id = v;
	}
	return n;
}

static void aws_client_exchange_free(struct aws_client_exchange *ex)
{
	free(ex->body);
	free(ex->error_type_header);
	free(ex->request_id);
	memset(ex, 0, sizeof(*ex));
}

/* "20150830T123600Z" for now. */
static void aws_client_amz_date(char out[17])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

/* One header to send: printed in a dry run, passed to curl otherwise. */
struct aws_client_header {
	const char *name;
	const char *value;
	bool redact;
};

#define AWS_CLIENT_MAX_HEADERS 12

/* Print the request as it would go on the wire; the session token is redacted. */
static void aws_client_print_request(FILE *out, const struct aws_client *client,
				     const struct aws_client_header *headers, size_t count,
				     const char *body)
{
	size_t i;

	fprintf(out, "POST %s\n", client->url_string);
	for (i = 0; i < count; i++)
		fprintf(out, "%s: %s\n", headers[i].name,
			headers[i].redact ? "<redacted>" : headers[i].value);
	fprintf(out, "\n%s\n\n", body);
	fflush(out);
}

/*
 * Fill *out with the error code and message of a non-2xx answer: the code
 * from X-Amzn-ErrorType if present, else from the body's __type or code;
 * the message from message or Message. A body that is not JSON leaves the
 * HTTP status as the only information.
 */
static int aws_client_parse_error(struct aws_response *out, const char *error_type_header)
{
	char code[256] = "";
	cJSON *json = out->body != NULL ? cJSON_Parse(out->body) : NULL;
	const char *message = NULL;

	if (error_type_header != NULL)
		aws_client_error_code(code, sizeof(code), error_type_header);
	if (cJSON_IsObject(json)) {
		static const char *const code_keys[] = { "__type", "code", "Code" };
		static const char *const message_keys[] = { "message", "Message", "errorMessage" };
		size_t i;

		for (i = 0; code[0] == '\0' && i < 3; i++) {
			const cJSON *item = cJSON_GetObjectItemCaseSensitive(json, code_keys[i]);

			if (cJSON_IsString(item))
				aws_client_error_code(code, sizeof(code), item->valuestring);
		}
		for (i = 0; message == NULL && i < 3; i++) {
			const cJSON *item = cJSON_GetObjectItemCaseSensitive(json, message_keys[i]);

			if (cJSON_IsString(item))
				message = item->valuestring;
		}
	}
	out->error_type = code[0] != '\0' ? strdup(code) : NULL;
	if (message != NULL)
		out->error_message = strdup(message);
	else if (json == NULL && out->body_len > 0)
		out->error_message = gl_format("HTTP %ld, with a response body that "
						       "is not JSON", out->status);
	else
		out->error_message = gl_format("HTTP %ld", out->status);
	cJSON_Delete(json);
	return (code[0] != '\0' && out->error_type == NULL) || out->error_message == NULL ? -1 : 0;
}

static enum aws_client_transport_error aws_client_classify(CURLcode rc)
{
	switch (rc) {
	case CURLE_OK:
		return AWS_CLIENT_TRANSPORT_NONE;
	case CURLE_OPERATION_TIMEDOUT:
		return AWS_CLIENT_TRANSPORT_TIMEOUT;
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
		return AWS_CLIENT_TRANSPORT_CONNECTION;
	default:
		return AWS_CLIENT_TRANSPORT_OTHER;
	}
}

/* Reset *out between attempts; only the last attempt's answer is kept. */
static void aws_client_response_clear(struct aws_response *out)
{
	int attempts = out->attempts;

	aws_response_free(out);
	out->attempts = attempts;
}

/*
 * One attempt: sign with the current time, then print (dry run) or send.
 * Returns an AWS_CLIENT_* code with *out describing the outcome.
 */
static int aws_client_attempt(struct aws_response *out, struct aws_client *client,
			      const char *operation, const char *body)
{
	char amz_date[17], target[128], content_length[32];
	struct sigv4_header to_sign[3];
	struct sigv4_request req;
	struct sigv4_credentials creds = {
		client->creds->access_key_id, client->creds->secret_access_key,
		client->creds->session_token,
	};
	struct sigv4_signed sig;
	struct aws_client_header headers[AWS_CLIENT_MAX_HEADERS];
	struct aws_client_exchange ex = { 0 };
	struct curl_slist *list = NULL;
	size_t count = 0, i, body_len = strlen(body);
	CURLcode rc;
	int result = AWS_CLIENT_ERROR;

	memset(&sig, 0, sizeof(sig));
	snprintf(target, sizeof(target), AWS_CLIENT_TARGET_PREFIX ".%s", operation);
	snprintf(content_length, sizeof(content_length), "%zu", body_len);
	aws_client_amz_date(amz_date);

	to_sign[0] = (struct sigv4_header){ "Host", client->url.authority };
	to_sign[1] = (struct sigv4_header){ "Content-Type", AWS_CLIENT_CONTENT_TYPE };
	to_sign[2] = (struct sigv4_header){ "X-Amz-Target", target };
	req = (struct sigv4_request){
		.method = "POST", .path = client->url.path, .query = NULL,
		.headers = to_sign, .header_count = 3, .body = body, .body_len = body_len,
	};
	if (sigv4_sign_request(&sig, &req, &creds, client->region, AWS_CLIENT_SIGNING_NAME,
			       amz_date, SIGV4_NORMALIZE_PATH) < 0) {
		out->error_message = strdup("could not sign the request");
		goto done;
	}

	for (i = 0; i < 3; i++)
		headers[count++] = (struct aws_client_header){ to_sign[i].name, to_sign[i].value, false };
	for (i = 0; i < sig.added_count; i++)
		headers[count++] = (struct aws_client_header){
			sig.added_headers[i].name, sig.added_headers[i].value,
			strcasecmp(sig.added_headers[i].name, "X-Amz-Security-Token") == 0 };
	headers[count++] = (struct aws_client_header){ "Authorization", sig.authorization, false };
	headers[count++] = (struct aws_client_header){ "Content-Length", content_length, false };
	headers[count++] = (struct aws_client_header){ "User-Agent", client->user_agent, false };

	if (client->opts.dry_run != NULL) {
		aws_client_print_request(client->opts.dry_run, client, headers, count, body);
		result = AWS_CLIENT_DRY_RUN;
		goto done;
	}

	for (i = 0; i < count; i++) {
		char *line = gl_format("%s: %s", headers[i].name, headers[i].value);
		struct curl_slist *grown = line != NULL ? curl_slist_append(list, line) : NULL;

		if (line != NULL) {
			memset(line, 0, strlen(line));
			free(line);
		}
		if (grown == NULL)
			goto oom;
		list = grown;
	}
	/* curl would add these two on its own; the request must be exactly what was printed */
	if ((list = curl_slist_append(list, "Accept:")) == NULL ||
	    (list = curl_slist_append(list, "Expect:")) == NULL)
		goto oom;

	curl_easy_setopt(client->curl, CURLOPT_URL, client->url_string);
	curl_easy_setopt(client->curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(client->curl, CURLOPT_POST, 1L);
	curl_easy_setopt(client->curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(client->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
	curl_easy_setopt(client->curl, CURLOPT_HTTPHEADER, list);
	curl_easy_setopt(client->curl, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(client->curl, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(client->curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(client->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(client->curl, CURLOPT_TIMEOUT_MS, client->opts.timeout_ms);
	curl_easy_setopt(client->curl, CURLOPT_CONNECTTIMEOUT_MS, client->opts.timeout_ms);
	curl_easy_setopt(client->curl, CURLOPT_WRITEFUNCTION, aws_client_on_body);
	curl_easy_setopt(client->curl, CURLOPT_WRITEDATA, &ex);
	curl_easy_setopt(client->curl, CURLOPT_HEADERFUNCTION, aws_client_on_header);
	curl_easy_setopt(client->curl, CURLOPT_HEADERDATA, &ex);
	curl_easy_setopt(client->curl, CURLOPT_ERRORBUFFER, client->curl_error);
	if (client->resolve != NULL)
		curl_easy_setopt(client->curl, CURLOPT_RESOLVE, client->resolve);
	if (client->url.loopback)
		curl_easy_setopt(client->curl, CURLOPT_NOPROXY, "*");
	client->curl_error[0] = '\0';

	rc = curl_easy_perform(client->curl);
	curl_easy_setopt(client->curl, CURLOPT_HTTPHEADER, NULL);
	out->transport = aws_client_classify(rc);
	if (rc != CURLE_OK) {
		if (ex.too_large) {
			out->transport = AWS_CLIENT_TRANSPORT_OTHER;
			out->error_message = gl_format("the response to %s is larger than "
							       "%u bytes", operation,
							       AWS_CLIENT_MAX_BODY);
		} else {
			out->error_message = gl_format(
				"%s: %s",
				out->transport == AWS_CLIENT_TRANSPORT_TIMEOUT ? "timed out" :
				out->transport == AWS_CLIENT_TRANSPORT_CONNECTION ?
				"connection failed" : "request failed",
				client->curl_error[0] != '\0' ? client->curl_error :
				curl_easy_strerror(rc));
		}
		result = out->error_message != NULL ? AWS_CLIENT_ETRANSPORT : AWS_CLIENT_ERROR;
		goto done;
	}
	curl_easy_getinfo(client->curl, CURLINFO_RESPONSE_CODE, &out->status);
	out->request_id = ex.request_id;
	ex.request_id = NULL;
	if (out->status >= 200 && out->status < 300) {
		cJSON *json;

		if (ex.body == NULL && (ex.body = strdup("{}")) != NULL)
			ex.len = 2;
		if (ex.body == NULL)
			goto oom;
		json = cJSON_Parse(ex.body);
		if (!cJSON_IsObject(json)) {
			cJSON_Delete(json);
			out->error_message = gl_format("the response to %s (HTTP %ld) is not "
							       "a JSON object", operation,
							       out->status);
			result = out->error_message != NULL ? AWS_CLIENT_EPROTOCOL : AWS_CLIENT_ERROR;
			goto done;
		}
		cJSON_Delete(json);
		out->body = ex.body;
		out->body_len = ex.len;
		ex.body = NULL;
		result = AWS_CLIENT_OK;
		goto done;
	}
	out->body = ex.body;
	out->body_len = ex.len;
	ex.body = NULL;
	if (aws_client_parse_error(out, ex.error_type_header) < 0)
		goto oom;
	result = AWS_CLIENT_ESERVICE;
	goto done;
oom:
	free(out->error_message);
	out->error_message = strdup("out of memory");
	result = AWS_CLIENT_ERROR;
done:
	curl_slist_free_all(list);
	aws_client_exchange_free(&ex);
	sigv4_signed_free(&sig);
	return result;
}

int aws_client_call(struct aws_response *out, struct aws_client *client,
		    const char *operation, const char *body)
{
	int attempt, result = AWS_CLIENT_ERROR, spent = 0;

	memset(out, 0, sizeof(*out));
	for (attempt = 1; attempt <= client->opts.max_attempts; attempt++) {
		int cost;

		if (attempt > 1)
			aws_client_response_clear(out);
		out->attempts = attempt;
		result = aws_client_attempt(out, client, operation, body);
		if (result == AWS_CLIENT_OK) {
			/* standard mode: refund the last retry, or earn one token */
			client->retry_tokens += spent > 0 ? spent : 1;
			if (client->retry_tokens > AWS_CLIENT_RETRY_QUOTA)
				client->retry_tokens = AWS_CLIENT_RETRY_QUOTA;
			return result;
		}
		if (result == AWS_CLIENT_DRY_RUN || result == AWS_CLIENT_ERROR ||
		    result == AWS_CLIENT_EPROTOCOL ||
		    !aws_client_should_retry(out->status, out->error_type, out->transport) ||
		    attempt == client->opts.max_attempts)
			return result;
		cost = out->transport == AWS_CLIENT_TRANSPORT_TIMEOUT ?
			AWS_CLIENT_TIMEOUT_RETRY_COST : AWS_CLIENT_RETRY_COST;
		if (client->retry_tokens < cost) {
			char *msg = gl_format("%s (not retried: the retry quota is used up)",
						      out->error_message != NULL ?
						      out->error_message : "failed");

			if (msg != NULL) {
				free(out->error_message);
				out->error_message = msg;
			}
			return result;
		}
		client->retry_tokens -= cost;
		spent = cost;
		client->opts.sleep_ms(client->opts.hook_ctx,
				      aws_client_backoff_ms(attempt,
							    client->opts.random_unit(client->opts.hook_ctx),
							    client->opts.retry_base_ms,
							    client->opts.retry_cap_ms));
	}
	return result;
}

void aws_client_free(struct aws_client *client)
{
	if (client == NULL)
		return;
	if (client->curl != NULL)
		curl_easy_cleanup(client->curl);
	curl_slist_free_all(client->resolve);
	aws_endpoint_url_free(&client->url);
	free(client->url_string);
	free(client->region);
	free(client->user_agent);
	free(client);
}

void aws_response_free(struct aws_response *resp)
{
	if (resp == NULL)
		return;
	free(resp->body);
	free(resp->error_type);
	free(resp->error_message);
	free(resp->request_id);
	memset(resp, 0, sizeof(*resp));
}
