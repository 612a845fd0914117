/*
 * arn.c - Identity Center ARNs: split, matched against the anchored model
 * patterns with PCRE2, and judged part by part (see arn.h).
 *
 * The two patterns are compiled once (pthread_once), JIT-compiled where PCRE2
 * can, and then only read: a pcre2_code may be shared by threads. Match data
 * is made once per thread and pattern (thread-specific, freed when the
 * thread ends); the JIT uses its default stack on the calling thread's own
 * stack, which these patterns never outgrow.
 * PCRE2_DOLLAR_ENDONLY: "$" must not match before a final newline.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arn.h"
#include "doc.h"
#include "model.h"
#include "partitions.h"
#include "printable.h"

#define ANCHORED_MAX 512

static pthread_once_t compile_once = PTHREAD_ONCE_INIT;
static pcre2_code *compiled[2];
static char anchored[2][ANCHORED_MAX];

/* Each thread's match data, one per pattern, made on first use. */
struct thread_match_data {
	pcre2_match_data *md[2];
};
static pthread_key_t match_data_key;
static bool match_data_key_made;

static void free_thread_match_data(void *arg)
{
	struct thread_match_data *t = arg;

	pcre2_match_data_free(t->md[0]);
	pcre2_match_data_free(t->md[1]);
	free(t);
}

static const struct gl_shape *shape_of(enum gl_arn_kind kind)
{
	return kind == GL_ARN_APPLICATION ? &gl_shape_application_arn
					  : &gl_shape_trusted_token_issuer_arn;
}

static void compile_patterns(void)
{
	int i, err;
	PCRE2_SIZE erroff;

	for (i = 0; i < 2; i++) {
		snprintf(anchored[i], sizeof(anchored[i]), "^(?:%s)$",
			 shape_of((enum gl_arn_kind)i)->pattern);
		compiled[i] = pcre2_compile((PCRE2_SPTR)anchored[i], PCRE2_ZERO_TERMINATED,
					    PCRE2_NO_AUTO_CAPTURE | PCRE2_DOLLAR_ENDONLY, &err,
					    &erroff, NULL);
		/* Without JIT (not built in, or no memory) the interpreter matches. */
		if (compiled[i] != NULL)
			pcre2_jit_compile(compiled[i], PCRE2_JIT_COMPLETE);
	}
	match_data_key_made = pthread_key_create(&match_data_key, free_thread_match_data) == 0;
}

/* This thread's match data for pattern i, or NULL (the caller makes its own). */
static pcre2_match_data *thread_match_data(int i)
{
	struct thread_match_data *t;

	if (!match_data_key_made)
		return NULL;
	t = pthread_getspecific(match_data_key);
	if (t == NULL) {
		t = calloc(1, sizeof(*t));
		if (t == NULL || pthread_setspecific(match_data_key, t) != 0) {
			free(t);
			return NULL;
		}
	}
	if (t->md[i] == NULL)
		t->md[i] = pcre2_match_data_create_from_pattern(compiled[i], NULL);
	return t->md[i];
}

const char *gl_arn_anchored_pattern(enum gl_arn_kind kind)
{
	pthread_once(&compile_once, compile_patterns);
	return anchored[kind == GL_ARN_APPLICATION ? 0 : 1];
}

/* 1 on a match, 0 on none, -1 when the pattern did not compile or no memory. */
static int match(enum gl_arn_kind kind, const char *text, size_t len)
{
	int i = kind == GL_ARN_APPLICATION ? 0 : 1;
	pcre2_match_data *md, *own = NULL;
	int rc;

	pthread_once(&compile_once, compile_patterns);
	if (compiled[i] == NULL)
		return -1;
	md = thread_match_data(i);
	if (md == NULL)
		md = own = pcre2_match_data_create_from_pattern(compiled[i], NULL);
	if (md == NULL)
		return -1;
	rc = pcre2_match(compiled[i], (PCRE2_SPTR)text, len, 0, 0, md, NULL);
	pcre2_match_data_free(own);
	return rc >= 0 ? 1 : 0;
}

bool gl_arn_matches(enum gl_arn_kind kind, const char *text, size_t len)
{
	return match(kind, text, len) == 1;
}

/* Copy [from, to) into buf (truncating), and record its offset and length. */
static void take_part(char *buf, size_t size, const char *text, const char *from,
		      const char *to, size_t *at, size_t *len, bool *truncated)
{
	size_t n = (size_t)(to - from);

	*at = (size_t)(from - text);
	*len = n;
	if (n >= size) {
		*truncated = true;
		n = size - 1;
	}
	memcpy(buf, from, n);
	buf[n] = '\0';
}

int gl_arn_split(struct gl_arn *out, const char *text)
{
	const char *field[5], *p, *slash1, *slash2, *end = text + strlen(text);
	int i;

	memset(out, 0, sizeof(*out));
	if (strncmp(text, "arn:", 4) != 0)
		return -1;
	/* PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE; the resource may hold colons. */
	p = text + 4;
	for (i = 0; i < 5; i++) {
		field[i] = p;
		if (i == 4)
			break;
		p = strchr(p, ':');
		if (p == NULL)
			return -1;
		p++;
	}
	take_part(out->partition, sizeof(out->partition), text, field[0], field[1] - 1,
		  &out->partition_at, &out->partition_len, &out->truncated);
	take_part(out->service, sizeof(out->service), text, field[1], field[2] - 1,
		  &out->service_at, &out->service_len, &out->truncated);
	take_part(out->region, sizeof(out->region), text, field[2], field[3] - 1,
		  &out->region_at, &out->region_len, &out->truncated);
	take_part(out->account, sizeof(out->account), text, field[3], field[4] - 1,
		  &out->account_at, &out->account_len, &out->truncated);
	slash1 = strchr(field[4], '/');
	if (slash1 == NULL)
		slash1 = end;
	take_part(out->resource_type, sizeof(out->resource_type), text, field[4], slash1,
		  &out->resource_type_at, &out->resource_type_len, &out->truncated);
	if (*slash1 == '\0') {
		out->instance_at = out->id_at = (size_t)(end - text);
		return 0;
	}
	slash2 = strchr(slash1 + 1, '/');
	if (slash2 == NULL)
		slash2 = end;
	take_part(out->instance, sizeof(out->instance), text, slash1 + 1, slash2,
		  &out->instance_at, &out->instance_len, &out->truncated);
	if (*slash2 == '\0') {
		out->id_at = (size_t)(end - text);
		return 0;
	}
	take_part(out->id, sizeof(out->id), text, slash2 + 1, end, &out->id_at, &out->id_len,
		  &out->truncated);
	return 0;
}

bool gl_arn_partition_syntax_ok(const char *p)
{
	int groups = 0;

	if (strncmp(p, "aws", 3) != 0)
		return false;
	p += 3;
	while (*p == '-') {
		int letters = 0;

		for (p++; *p >= 'a' && *p <= 'z'; p++)
			letters++;
		if (letters < 1 || letters > 5 || ++groups > 3)
			return false;
	}
	return *p == '\0';
}

static bool all_of(const char *s, const char *set)
{
	return s[strspn(s, set)] == '\0';
}

#define ALNUM "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
#define HEX_LOWER "0123456789abcdef"

static bool instance_ok(const char *s)
{
	if (strncmp(s, "ssoins-", 7) == 0)
		s += 7;
	else if (strncmp(s, "ins-", 4) == 0)
		s += 4;
	else
		return false;
	return strlen(s) == 16 && all_of(s, ALNUM "-.");
}

/* tti- then a lowercase UUID: 8-4-4-4-12 hex digits. */
static bool issuer_id_ok(const char *s, bool ignore_case)
{
	static const int groups[] = { 8, 4, 4, 4, 12 };
	size_t i;

	if (strncmp(s, "tti-", 4) != 0)
		return false;
	s += 4;
	for (i = 0; i < 5; i++) {
		int n;

		for (n = 0; n < groups[i]; n++, s++)
			if (strchr(HEX_LOWER, ignore_case ? (*s | 0x20) : *s) == NULL ||
			    *s == '\0')
				return false;
		if (i < 4 && *s++ != '-')
			return false;
	}
	return *s == '\0';
}

static int problem(struct gl_arn_problem *out, size_t offset, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int problem(struct gl_arn_problem *out, size_t offset, size_t len, const char *fmt, ...)
{
	va_list ap;

	out->offset = offset;
	out->len = len;
	va_start(ap, fmt);
	vsnprintf(out->message, sizeof(out->message), fmt, ap);
	va_end(ap);
	return 1;
}

/* Judge the parts of an ARN that failed the pattern; 1 with the first wrong part. */
static int judge_parts(enum gl_arn_kind kind, const char *text, size_t len,
		       struct gl_arn_problem *out)
{
	const bool app = kind == GL_ARN_APPLICATION;
	const char *want_type = app ? "application" : "trustedTokenIssuer";
	const char *other_type = app ? "trustedTokenIssuer" : "application";
	const char *example = app ? "arn:aws:sso::123456789012:application/ssoins-1111222233334444/"
				    "apl-1111222233334444"
				  : "arn:aws:sso::123456789012:trustedTokenIssuer/"
				    "ssoins-1111222233334444/tti-01234567-89ab-cdef-0123-456789abcdef";
	struct gl_arn a;
	char shown[160];
	size_t i;

#define SHOW(part) gl_printable(shown, sizeof(shown), (part), strlen(part))
	if (gl_arn_split(&a, text) < 0)
		return problem(out, 0, len, "not an ARN: expected the form %s", example);
	if (!gl_arn_partition_syntax_ok(a.partition)) {
		for (i = 0; i < gl_partition_count; i++)
			if (strcasecmp(gl_partitions[i], a.partition) == 0)
				return problem(out, a.partition_at, a.partition_len,
					       "partition '%s' is not valid; did you mean '%s'?",
					       SHOW(a.partition), gl_partitions[i]);
		return problem(out, a.partition_at, a.partition_len,
			       "partition '%s' is not valid: expected 'aws' or 'aws-' followed by "
			       "lowercase letters (aws, aws-cn, aws-us-gov, ...)",
			       SHOW(a.partition));
	}
	if (strcmp(a.service, "sso") != 0)
		return problem(out, a.service_at, a.service_len,
			       "service must be 'sso' (IAM Identity Center), not '%s'",
			       SHOW(a.service));
	if (a.region[0] != '\0')
		return problem(out, a.region_at, a.region_len,
			       "region must be empty: Identity Center ARNs are global, write "
			       "'sso::' and remove '%s'",
			       SHOW(a.region));
	if (strlen(a.account) != 12 || !all_of(a.account, "0123456789"))
		return problem(out, a.account_at, a.account_len,
			       "account must be 12 digits, not '%s' (%zu characters)",
			       SHOW(a.account), gl_utf8_count(text + a.account_at, a.account_len));
	if (strcmp(a.resource_type, other_type) == 0)
		return problem(out, a.resource_type_at, a.resource_type_len,
			       app ? "this is a trusted token issuer ARN, but ApplicationArn needs "
				     "an application ARN (arn:aws:sso::ACCOUNT:application/"
				     "ssoins-.../apl-...)"
				   : "this is an application ARN, but TrustedTokenIssuerArn needs a "
				     "trusted token issuer ARN (arn:aws:sso::ACCOUNT:"
				     "trustedTokenIssuer/ssoins-.../tti-...)");
	if (strcmp(a.resource_type, want_type) != 0)
		return problem(out, a.resource_type_at, a.resource_type_len,
			       "resource type must be '%s', not '%s'%s", want_type,
			       SHOW(a.resource_type),
			       strcasecmp(a.resource_type, want_type) == 0 ? " (letter case matters)"
									   : "");
	if (a.instance_len == 0)
		return problem(out, a.instance_at, 0,
			       "missing the Identity Center instance: expected '%s/ssoins-"
			       "<16 letters or digits>/...'",
			       want_type);
	if (!instance_ok(a.instance))
		return problem(out, a.instance_at, a.instance_len,
			       "instance id must be 'ssoins-' followed by 16 letters or digits, not "
			       "'%s'",
			       SHOW(a.instance));
	if (app) {
		if (a.id_len == 0)
			return problem(out, a.id_at, 0,
				       "missing the application id: expected '/apl-' followed by 16 "
				       "letters or digits");
		if (strncmp(a.id, "apl-", 4) != 0 || strlen(a.id) != 20 ||
		    !all_of(a.id + 4, ALNUM))
			return problem(out, a.id_at, a.id_len,
				       "application id must be 'apl-' followed by 16 letters or "
				       "digits, not '%s'",
				       SHOW(a.id));
	} else {
		if (a.id_len == 0)
			return problem(out, a.id_at, 0,
				       "missing the issuer id: expected '/tti-' followed by a UUID");
		if (!issuer_id_ok(a.id, false))
			return problem(out, a.id_at, a.id_len,
				       "issuer id must be 'tti-' followed by a lowercase UUID "
				       "(tti-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), not '%s'%s",
				       SHOW(a.id),
				       issuer_id_ok(a.id, true) ? " (use lowercase hex digits)" : "");
	}
#undef SHOW
	return problem(out, 0, len, "does not match the model pattern %s",
		       gl_arn_anchored_pattern(kind));
}

int gl_arn_judge(enum gl_arn_kind kind, const char *text, size_t len,
		 struct gl_arn_problem *out)
{
	const struct gl_shape *shape = shape_of(kind);
	size_t chars = gl_utf8_count(text, len);
	int m;

	if ((long)chars < shape->min || (long)chars > shape->max)
		return problem(out, 0, len,
			       "%zu characters long; the model allows %ld to %ld", chars,
			       shape->min, shape->max);
	m = match(kind, text, len);
	if (m < 0)
		return -1;
	if (m == 1)
		return 0;
	return judge_parts(kind, text, len, out);
}
