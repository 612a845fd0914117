/*
 * check_aws_client.c - the awsJson1_1 client against tests/aws_test_endpoint.py.
 *
 * Each test starts its own test endpoint on 127.0.0.1 (a free port, read
 * from --port-file), which checks every request's signature with its own
 * SigV4 code and injects the faults the test asks for. The client's sleep
 * and random functions are injected, so backoff is recorded, not waited.
 */
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <check.h>
#include <cJSON.h>
#include <curl/curl.h>

#include "aws_client.h"

#define AKID "AKIDTESTENDPOINT0001"
#define SECRET "testSECRETtestSECRETtestSECRET0123456789"
#define TOKEN "testTOKENtestTOKENtestTOKEN"
#define APP_ARN "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-2222222222222222"

static pid_t endpoint_pid;
static unsigned endpoint_port;
static char workdir[256];
static char endpoint_url[64];

/* What the injected hooks saw. */
struct hooks {
	unsigned sleeps[16];
	int sleep_count;
};

static struct hooks hooks;

static void record_sleep(void *ctx, unsigned ms)
{
	struct hooks *h = ctx;

	if (h->sleep_count < 16)
		h->sleeps[h->sleep_count] = ms;
	h->sleep_count++;
}

static double half(void *ctx)
{
	(void)ctx;
	return 0.5;
}

static const char *srcdir(void)
{
	const char *top = getenv("top_srcdir");

	return top != NULL && *top ? top : ".";
}

static const char seed_json[] =
	"{\"region\": \"us-east-1\","
	" \"credentials\": ["
	"  {\"access_key_id\": \"" AKID "\", \"secret_access_key\": \"" SECRET "\"},"
	"  {\"access_key_id\": \"AKIDWITHTOKEN\", \"secret_access_key\": \"" SECRET "\","
	"   \"session_token\": \"" TOKEN "\"}],"
	" \"applications\": [{\"ApplicationArn\": \"" APP_ARN "\", \"Name\": \"app\","
	"   \"Status\": \"ENABLED\"}],"
	" \"grants\": []}";

/* Start the test endpoint with the seed above and wait for its port. */
static void setup(void)
{
	char seed[512], port_file[512], script[512];
	int i;

	snprintf(workdir, sizeof(workdir), "/tmp/check_aws_client.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(workdir));
	snprintf(seed, sizeof(seed), "%s/seed.json", workdir);
	snprintf(port_file, sizeof(port_file), "%s/port", workdir);
	snprintf(script, sizeof(script), "%s/tests/aws_test_endpoint.py", srcdir());
	{
		FILE *f = fopen(seed, "w");

		ck_assert_ptr_nonnull(f);
		fputs(seed_json, f);
		fclose(f);
	}
	endpoint_pid = fork();
	ck_assert_int_ge(endpoint_pid, 0);
	if (endpoint_pid == 0) {
		const char *python = getenv("PYTHON3");

		if (freopen("/dev/null", "w", stdout) == NULL)
			_exit(127);
		execlp(python != NULL && *python ? python : "python3", "python3", script, seed,
		       "--port-file", port_file, (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 200; i++) {
		FILE *f = fopen(port_file, "r");
		struct timespec ts = { 0, 25 * 1000000L };

		if (f != NULL) {
			int ok = fscanf(f, "%u", &endpoint_port);

			fclose(f);
			if (ok == 1)
				break;
		}
		nanosleep(&ts, NULL);
	}
	ck_assert_msg(endpoint_port != 0, "the test endpoint did not start");
	snprintf(endpoint_url, sizeof(endpoint_url), "http://127.0.0.1:%u", endpoint_port);
	memset(&hooks, 0, sizeof(hooks));
}

static void teardown(void)
{
	char cmd[512];

	if (endpoint_pid > 0) {
		kill(endpoint_pid, SIGTERM);
		waitpid(endpoint_pid, NULL, 0);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", workdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", workdir);
}

static size_t collect(char *data, size_t size, size_t nmemb, void *userdata)
{
	char **buf = userdata;
	size_t old = *buf != NULL ? strlen(*buf) : 0, n = size * nmemb;
	char *grown = realloc(*buf, old + n + 1);

	if (grown == NULL)
		return 0;
	memcpy(grown + old, data, n);
	grown[old + n] = '\0';
	*buf = grown;
	return n;
}

/* GET or POST the control endpoint; returns the parsed JSON answer. */
static cJSON *control(const char *path, const char *post_body)
{
	CURL *c = curl_easy_init();
	char url[128];
	char *buf = NULL;
	cJSON *json;

	snprintf(url, sizeof(url), "%s%s", endpoint_url, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &buf);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	if (post_body != NULL)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, post_body);
	ck_assert_int_eq(curl_easy_perform(c), CURLE_OK);
	curl_easy_cleanup(c);
	json = cJSON_Parse(buf);
	free(buf);
	ck_assert_ptr_nonnull(json);
	return json;
}

static void set_faults(const char *faults_json)
{
	char body[2048];

	snprintf(body, sizeof(body), "{\"faults\": %s}", faults_json);
	cJSON_Delete(control("/__control", body));
}

/* The request log: number of requests, and of those that passed signing. */
static int logged_requests(int *signed_ok, bool *one_connection)
{
	cJSON *log = control("/__control/log", NULL);
	const cJSON *reqs = cJSON_GetObjectItemCaseSensitive(log, "requests"), *r;
	int n = 0, ok = 0;
	double first_conn = -1;

	if (one_connection != NULL)
		*one_connection = true;
	cJSON_ArrayForEach(r, reqs) {
		const cJSON *sig = cJSON_GetObjectItemCaseSensitive(r, "signature");
		double conn = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(r, "connection"));

		n++;
		if (cJSON_IsString(sig) && strcmp(sig->valuestring, "ok") == 0)
			ok++;
		if (first_conn < 0)
			first_conn = conn;
		else if (conn != first_conn && one_connection != NULL)
			*one_connection = false;
	}
	cJSON_Delete(log);
	if (signed_ok != NULL)
		*signed_ok = ok;
	return n;
}

static struct aws_credentials test_creds = { AKID, SECRET, NULL, "test", 0 };

static struct aws_client *make_client(const struct aws_credentials *creds, int max_attempts,
				      long timeout_ms)
{
	struct aws_client_options opts;
	struct aws_client *client = NULL;
	char err[512] = "";

	aws_client_options_init(&opts);
	opts.endpoint_url = endpoint_url;
	opts.region = "us-east-1";
	opts.credentials = creds;
	opts.max_attempts = max_attempts;
	opts.timeout_ms = timeout_ms;
	opts.sleep_ms = record_sleep;
	opts.random_unit = half;
	opts.hook_ctx = &hooks;
	ck_assert_msg(aws_client_new(&client, &opts, err, sizeof(err)) == 0, "%s", err);
	return client;
}

static const char describe_body[] = "{\"ApplicationArn\":\"" APP_ARN "\"}";

START_TEST(test_call_succeeds_and_is_verified)
{
	struct aws_client *client = make_client(&test_creds, 3, 5000);
	struct aws_response resp;
	cJSON *json;
	int ok;

	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", describe_body),
			 AWS_CLIENT_OK);
	ck_assert_int_eq(resp.status, 200);
	ck_assert_int_eq(resp.attempts, 1);
	ck_assert_ptr_nonnull(resp.request_id);
	json = cJSON_Parse(resp.body);
	ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(json, "Status")),
			 "ENABLED");
	cJSON_Delete(json);
	ck_assert_int_eq(logged_requests(&ok, NULL), 1);
	ck_assert_int_eq(ok, 1);
	aws_response_free(&resp);
	aws_client_free(client);
}
END_TEST

START_TEST(test_session_token_is_sent_and_signed)
{
	struct aws_credentials creds = { "AKIDWITHTOKEN", SECRET, TOKEN, "test", 0 };
	struct aws_credentials wrong = { "AKIDWITHTOKEN", SECRET, "another-token", "test", 0 };
	struct aws_client *client = make_client(&creds, 3, 5000);
	struct aws_client *bad = make_client(&wrong, 3, 5000);
	struct aws_response resp;

	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", describe_body),
			 AWS_CLIENT_OK);
	aws_response_free(&resp);
	ck_assert_int_eq(aws_client_call(&resp, bad, "DescribeApplication", describe_body),
			 AWS_CLIENT_ESERVICE);
	ck_assert_int_eq(resp.status, 403);
	ck_assert_str_eq(resp.error_type, "UnrecognizedClientException");
	ck_assert_int_eq(resp.attempts, 1);
	aws_response_free(&resp);
	aws_client_free(client);
	aws_client_free(bad);
}
END_TEST

START_TEST(test_bad_signature_is_rejected_not_retried)
{
	struct aws_credentials creds = { AKID, "not-the-secret", NULL, "test", 0 };
	struct aws_client *client = make_client(&creds, 3, 5000);
	struct aws_response resp;

	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", describe_body),
			 AWS_CLIENT_ESERVICE);
	ck_assert_int_eq(resp.status, 403);
	ck_assert_str_eq(resp.error_type, "InvalidSignatureException");
	ck_assert_ptr_nonnull(strstr(resp.error_message, "signature we calculated does not match"));
	ck_assert_int_eq(resp.attempts, 1);
	ck_assert_int_eq(hooks.sleep_count, 0);
	aws_response_free(&resp);
	aws_client_free(client);
}
END_TEST

START_TEST(test_throttling_is_retried_with_backoff)
{
	struct aws_client *client = make_client(&test_creds, 3, 5000);
	struct aws_response resp;

	set_faults("[{\"kind\": \"throttle\", \"count\": 2}]");
	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", describe_body),
			 AWS_CLIENT_OK);
	ck_assert_int_eq(resp.attempts, 3);
	/* full jitter with random 0.5: 0.5 * 1000 * 2^(n-1) */
	ck_assert_int_eq(hooks.sleep_count, 2);
	ck_assert_uint_eq(hooks.sleeps[0], 500);
	ck_assert_uint_eq(hooks.sleeps[1], 1000);
	ck_assert_int_eq(logged_requests(NULL, NULL), 3);
	aws_response_free(&resp);
	aws_client_free(client);
}
END_TEST

START_TEST(test_retry_limit)
{
	struct aws_client *client = make_client(&test_creds, 3, 5000);
	struct aws_client *once = make_client(&test_creds, 1, 5000);
	struct aws_response resp;

	set_faults("[{\"kind\": \"throttle\", \"count\": -1}]");
	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", describe_body),
			 AWS_CLIENT_ESERVICE);
	ck_assert_int_eq(resp.attempts, 3);
	ck_assert_str_eq(resp.error_type, "ThrottlingException");
	ck_assert_str_eq(resp.error_message, "Rate exceeded");
	ck_assert_int_eq(logged_requests(NULL, NULL), 3);
	aws_response_free(&resp);

	ck_assert_int_eq(aws_client_call(&resp, once, "DescribeApplication", describe_body),
			 AWS_CLIENT_ESERVICE);
	ck_assert_int_eq(resp.attempts, 1);
	ck_assert_int_eq(logged_requests(NULL, NULL), 4);
	aws_response_free(&resp);
	aws_client_free(client);
	aws_client_free(once);
}
END_TEST

/* Standard mode's retry quota: 500 tokens, 5 per retry, none left means no retry. */
START_TEST(test_retry_quota)
{
	struct aws_client *client = make_client(&test_creds, 100, 5000);
	struct aws_response resp;

	set_faults("[{\"kind\": \"500\", \"count\": -1}]");
	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", describe_body),
			 AWS_CLIENT_ESERVICE);
	ck_assert_int_eq(resp.attempts, 100); /* 99 retries: 495 tokens spent */
	aws_response_free(&resp);
	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", describe_body),
			 AWS_CLIENT_ESERVICE);
	ck_assert_int_eq(resp.attempts, 2); /* the last 5 tokens, then none */
	ck_assert_ptr_nonnull(strstr(resp.error_message, "the retry quota is used up"));
	aws_response_free(&resp);
	ck_assert_int_eq(logged_requests(NULL, NULL), 102);
	aws_client_free(client);
}
END_TEST

START_TEST(test_error_type_from_header)
{
	struct aws_client *client = make_client(&test_creds, 2, 5000);
	struct aws_response resp;

	set_faults("[{\"kind\": \"throttle_header\", \"count\": -1}]");
	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", describe_body),
			 AWS_CLIENT_ESERVICE);
	ck_assert_str_eq(resp.error_type, "ThrottlingException");
	ck_assert_str_eq(resp.error_message, "Rate exceeded");
	ck_assert_int_eq(resp.attempts, 2);
	aws_response_free(&resp);
	aws_client_free(client);
}
END_TEST

START_TEST(test_server_errors_are_retried)
{
	struct aws_client *client = make_client(&test_creds, 3, 5000);
	struct aws_response resp;

	set_faults("[{\"kind\": \"500\"}, {\"kind\": \"503\"}]");
	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", describe_body),
			 AWS_CLIENT_OK);
	ck_assert_int_eq(resp.attempts, 3);
	aws_response_free(&resp);

	set_faults("[{\"kind\": \"503\", \"count\": -1}]");
	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", describe_body),
			 AWS_CLIENT_ESERVICE);
	ck_assert_int_eq(resp.status, 503);
	ck_assert_ptr_null(resp.error_type);
	ck_assert_str_eq(resp.error_message, "HTTP 503, with a response body that is not JSON");
	aws_response_free(&resp);
	aws_client_free(client);
}
END_TEST

struct non_retryable {
	const char *faults;
	long status;
	const char *type;
};

static const struct non_retryable non_retryables[] = {
	{ "[{\"kind\": \"error\", \"type\": \"ValidationException\", \"status\": 400}]", 400,
	  "ValidationException" },
	{ "[{\"kind\": \"error\", \"type\": \"AccessDeniedException\", \"status\": 400}]", 400,
	  "AccessDeniedException" },
	/* never retried, even behind a status that otherwise would be */
	{ "[{\"kind\": \"error\", \"type\": \"ValidationException\", \"status\": 500}]", 500,
	  "ValidationException" },
	{ "[{\"kind\": \"error\", \"type\": \"ConflictException\", \"status\": 409}]", 409,
	  "ConflictException" },
	{ "[{\"kind\": \"unknown_error\"}]", 400, "FrobnicationOverloadException" },
	{ "[]", 400, "ResourceNotFoundException" }, /* a real one: unknown application */
};

START_TEST(test_non_retryable_errors)
{
	const struct non_retryable *nr = &non_retryables[_i];
	struct aws_client *client = make_client(&test_creds, 3, 5000);
	struct aws_response resp;
	const char *body = _i == 5 ?
		"{\"ApplicationArn\":\"arn:aws:sso::123456789012:application/"
		"ssoins-1111111111111111/apl-9999999999999999\"}" : describe_body;

	set_faults(nr->faults);
	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", body),
			 AWS_CLIENT_ESERVICE);
	ck_assert_int_eq(resp.status, nr->status);
	ck_assert_str_eq(resp.error_type, nr->type);
	ck_assert_ptr_nonnull(resp.error_message);
	ck_assert_int_eq(resp.attempts, 1);
	ck_assert_int_eq(logged_requests(NULL, NULL), 1);
	aws_response_free(&resp);
	aws_client_free(client);
}
END_TEST

START_TEST(test_timeout_is_retried)
{
	struct aws_client *client = make_client(&test_creds, 3, 400);
	struct aws_response resp;

	set_faults("[{\"kind\": \"slow\", \"seconds\": 1.5}]");
	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", describe_body),
			 AWS_CLIENT_OK);
	ck_assert_int_eq(resp.attempts, 2);
	aws_response_free(&resp);

	set_faults("[{\"kind\": \"slow\", \"seconds\": 1.5, \"count\": -1}]");
	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", describe_body),
			 AWS_CLIENT_ETRANSPORT);
	ck_assert_int_eq(resp.attempts, 3);
	ck_assert_int_eq(resp.transport, AWS_CLIENT_TRANSPORT_TIMEOUT);
	ck_assert_ptr_nonnull(strstr(resp.error_message, "timed out"));
	aws_response_free(&resp);
	aws_client_free(client);
}
END_TEST

START_TEST(test_connection_reset_is_retried)
{
	struct aws_client *client = make_client(&test_creds, 3, 5000);
	struct aws_response resp;

	set_faults("[{\"kind\": \"reset\"}]");
	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", describe_body),
			 AWS_CLIENT_OK);
	ck_assert_int_eq(resp.attempts, 2);
	aws_response_free(&resp);

	set_faults("[{\"kind\": \"reset\", \"count\": -1}]");
	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", describe_body),
			 AWS_CLIENT_ETRANSPORT);
	ck_assert_int_eq(resp.attempts, 3);
	ck_assert_int_eq(resp.transport, AWS_CLIENT_TRANSPORT_CONNECTION);
	aws_response_free(&resp);
	aws_client_free(client);
}
END_TEST

START_TEST(test_connection_refused_is_retried)
{
	struct aws_client *client;
	struct aws_response resp;

	/* stop the endpoint: its port is now closed */
	kill(endpoint_pid, SIGTERM);
	waitpid(endpoint_pid, NULL, 0);
	endpoint_pid = 0;
	client = make_client(&test_creds, 3, 2000);
	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", describe_body),
			 AWS_CLIENT_ETRANSPORT);
	ck_assert_int_eq(resp.attempts, 3);
	ck_assert_int_eq(resp.transport, AWS_CLIENT_TRANSPORT_CONNECTION);
	ck_assert_ptr_nonnull(strstr(resp.error_message, "connection failed"));
	aws_response_free(&resp);
	aws_client_free(client);
}
END_TEST

START_TEST(test_malformed_json_is_an_error)
{
	struct aws_client *client = make_client(&test_creds, 3, 5000);
	struct aws_response resp;

	set_faults("[{\"kind\": \"malformed\"}]");
	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", describe_body),
			 AWS_CLIENT_EPROTOCOL);
	ck_assert_int_eq(resp.attempts, 1);
	ck_assert_ptr_nonnull(strstr(resp.error_message, "not a JSON object"));
	aws_response_free(&resp);
	aws_client_free(client);
}
END_TEST

START_TEST(test_one_connection_is_reused)
{
	struct aws_client *client = make_client(&test_creds, 3, 5000);
	struct aws_response resp;
	bool one;
	int i;

	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(aws_client_call(&resp, client, "ListApplicationGrants",
						 describe_body), AWS_CLIENT_OK);
		aws_response_free(&resp);
	}
	ck_assert_int_eq(logged_requests(NULL, &one), 4);
	ck_assert(one);
	aws_client_free(client);
}
END_TEST

START_TEST(test_dry_run_prints_and_sends_nothing)
{
	struct aws_credentials creds = { "AKIDWITHTOKEN", SECRET, TOKEN, "test", 0 };
	struct aws_client_options opts;
	struct aws_client *client = NULL;
	struct aws_response resp;
	char err[256], *text = NULL, expect[256];
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	aws_client_options_init(&opts);
	opts.endpoint_url = endpoint_url;
	opts.region = "us-east-1";
	opts.credentials = &creds;
	opts.dry_run = out;
	ck_assert_int_eq(aws_client_new(&client, &opts, err, sizeof(err)), 0);
	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", describe_body),
			 AWS_CLIENT_DRY_RUN);
	aws_response_free(&resp);
	aws_client_free(client);
	fclose(out);

	snprintf(expect, sizeof(expect), "POST http://127.0.0.1:%u/\nHost: 127.0.0.1:%u\n",
		 endpoint_port, endpoint_port);
	ck_assert_msg(strncmp(text, expect, strlen(expect)) == 0, "%s", text);
	ck_assert_ptr_nonnull(strstr(text, "\nContent-Type: application/x-amz-json-1.1\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nX-Amz-Target: SWBExternalService.DescribeApplication\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nX-Amz-Date: "));
	ck_assert_ptr_nonnull(strstr(text, "\nX-Amz-Security-Token: <redacted>\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDWITHTOKEN/"));
	ck_assert_ptr_nonnull(strstr(text, "/us-east-1/sso/aws4_request, SignedHeaders="
					   "content-type;host;x-amz-date;x-amz-security-token;"
					   "x-amz-target, Signature="));
	ck_assert_ptr_nonnull(strstr(text, "\nContent-Length: "));
	ck_assert_ptr_nonnull(strstr(text, "\n\n" "{\"ApplicationArn\":\"" APP_ARN "\"}\n"));
	ck_assert_ptr_null(strstr(text, SECRET));
	ck_assert_ptr_null(strstr(text, TOKEN));
	ck_assert_int_eq(logged_requests(NULL, NULL), 0);
	free(text);
}
END_TEST

START_TEST(test_retry_base_env_for_loopback)
{
	struct aws_client *client;
	struct aws_response resp;

	setenv("GRANTLINT_RETRY_BASE_MS", "8", 1);
	client = make_client(&test_creds, 3, 5000);
	set_faults("[{\"kind\": \"500\", \"count\": 2}]");
	ck_assert_int_eq(aws_client_call(&resp, client, "DescribeApplication", describe_body),
			 AWS_CLIENT_OK);
	ck_assert_int_eq(hooks.sleep_count, 2);
	ck_assert_uint_eq(hooks.sleeps[0], 4);
	ck_assert_uint_eq(hooks.sleeps[1], 8);
	aws_response_free(&resp);
	aws_client_free(client);
	unsetenv("GRANTLINT_RETRY_BASE_MS");
}
END_TEST

START_TEST(test_refuses_plain_http_elsewhere)
{
	struct aws_client_options opts;
	struct aws_client *client = NULL;
	char err[512] = "";

	aws_client_options_init(&opts);
	opts.endpoint_url = "http://sso.us-east-1.amazonaws.com";
	opts.region = "us-east-1";
	opts.credentials = &test_creds;
	ck_assert_int_eq(aws_client_new(&client, &opts, err, sizeof(err)), -1);
	ck_assert_ptr_null(client);
	ck_assert_ptr_nonnull(strstr(err, "refusing plain http://"));
}
END_TEST

START_TEST(test_backoff_schedule)
{
	/* full jitter, capped after the jitter: min(random * base * 2^(attempt-1), cap) */
	ck_assert_uint_eq(aws_client_backoff_ms(1, 0.5, 1000, 20000), 500);
	ck_assert_uint_eq(aws_client_backoff_ms(2, 0.5, 1000, 20000), 1000);
	ck_assert_uint_eq(aws_client_backoff_ms(3, 0.5, 1000, 20000), 2000);
	ck_assert_uint_eq(aws_client_backoff_ms(5, 0.99, 1000, 20000), 15840);
	ck_assert_uint_eq(aws_client_backoff_ms(6, 0.5, 1000, 20000), 16000);
	ck_assert_uint_eq(aws_client_backoff_ms(6, 0.99, 1000, 20000), 20000);
	ck_assert_uint_eq(aws_client_backoff_ms(30, 0.01, 1000, 20000), 20000);
	ck_assert_uint_eq(aws_client_backoff_ms(3, 0.0, 1000, 20000), 0);
}
END_TEST

START_TEST(test_retry_classification)
{
	ck_assert(aws_client_should_retry(400, "ThrottlingException", AWS_CLIENT_TRANSPORT_NONE));
	ck_assert(aws_client_should_retry(400, "TooManyRequestsException", AWS_CLIENT_TRANSPORT_NONE));
	ck_assert(aws_client_should_retry(400, "RequestLimitExceeded", AWS_CLIENT_TRANSPORT_NONE));
	ck_assert(aws_client_should_retry(429, NULL, AWS_CLIENT_TRANSPORT_NONE));
	ck_assert(aws_client_should_retry(500, "InternalServerException", AWS_CLIENT_TRANSPORT_NONE));
	ck_assert(aws_client_should_retry(502, NULL, AWS_CLIENT_TRANSPORT_NONE));
	ck_assert(aws_client_should_retry(504, NULL, AWS_CLIENT_TRANSPORT_NONE));
	ck_assert(aws_client_should_retry(0, NULL, AWS_CLIENT_TRANSPORT_TIMEOUT));
	ck_assert(aws_client_should_retry(0, NULL, AWS_CLIENT_TRANSPORT_CONNECTION));
	ck_assert(!aws_client_should_retry(0, NULL, AWS_CLIENT_TRANSPORT_OTHER));
	ck_assert(!aws_client_should_retry(400, "ValidationException", AWS_CLIENT_TRANSPORT_NONE));
	ck_assert(!aws_client_should_retry(503, "AccessDeniedException", AWS_CLIENT_TRANSPORT_NONE));
	ck_assert(!aws_client_should_retry(500, "ResourceNotFoundException", AWS_CLIENT_TRANSPORT_NONE));
	ck_assert(!aws_client_should_retry(400, "ConflictException", AWS_CLIENT_TRANSPORT_NONE));
	ck_assert(!aws_client_should_retry(403, "InvalidSignatureException", AWS_CLIENT_TRANSPORT_NONE));
	ck_assert(!aws_client_should_retry(501, NULL, AWS_CLIENT_TRANSPORT_NONE));
}
END_TEST

START_TEST(test_error_code_parsing)
{
	char code[64];

	aws_client_error_code(code, sizeof(code), "com.amazonaws.swbexternalservice#ThrottlingException");
	ck_assert_str_eq(code, "ThrottlingException");
	aws_client_error_code(code, sizeof(code), "ThrottlingException:http://internal.amazon.com/coral/x#y");
	ck_assert_str_eq(code, "ThrottlingException");
	aws_client_error_code(code, sizeof(code), "aws.protocoltests.restjson#FooError:http://x");
	ck_assert_str_eq(code, "FooError");
	aws_client_error_code(code, sizeof(code), "  ValidationException ");
	ck_assert_str_eq(code, "ValidationException");
	aws_client_error_code(code, 5, "ValidationException");
	ck_assert_str_eq(code, "Vali");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("aws_client");
	TCase *live = tcase_create("endpoint");
	TCase *unit = tcase_create("unit");
	SRunner *sr;
	int failed;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	unsetenv("GRANTLINT_RETRY_BASE_MS");
	tcase_add_checked_fixture(live, setup, teardown);
	tcase_set_timeout(live, 60);
	tcase_add_test(live, test_call_succeeds_and_is_verified);
	tcase_add_test(live, test_session_token_is_sent_and_signed);
	tcase_add_test(live, test_bad_signature_is_rejected_not_retried);
	tcase_add_test(live, test_throttling_is_retried_with_backoff);
	tcase_add_test(live, test_retry_limit);
	tcase_add_test(live, test_retry_quota);
	tcase_add_test(live, test_error_type_from_header);
	tcase_add_test(live, test_server_errors_are_retried);
	tcase_add_loop_test(live, test_non_retryable_errors, 0,
			    (int)(sizeof(non_retryables) / sizeof(non_retryables[0])));
	tcase_add_test(live, test_timeout_is_retried);
	tcase_add_test(live, test_connection_reset_is_retried);
	tcase_add_test(live, test_connection_refused_is_retried);
	tcase_add_test(live, test_malformed_json_is_an_error);
	tcase_add_test(live, test_one_connection_is_reused);
	tcase_add_test(live, test_dry_run_prints_and_sends_nothing);
	tcase_add_test(live, test_retry_base_env_for_loopback);
	tcase_add_test(live, test_refuses_plain_http_elsewhere);
	tcase_add_test(unit, test_backoff_schedule);
	tcase_add_test(unit, test_retry_classification);
	tcase_add_test(unit, test_error_code_parsing);
	suite_add_tcase(s, live);
	suite_add_tcase(s, unit);

	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	curl_global_cleanup();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
