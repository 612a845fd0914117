/* pattern.c - globs and PCRE2 regular expressions, compiled once, matched anywhere. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pattern.h"

struct gl_pattern {
	pcre2_code *code;
	char *text;
};

/* Append a PCRE2-escaped literal character to re (room is checked by the caller). */
static size_t put_literal(char *re, size_t n, char c)
{
	if (strchr("\\^$.[]|()?*+{}", c) != NULL)
		re[n++] = '\\';
	re[n++] = c;
	return n;
}

/* Translate a glob into a PCRE2 expression; the result is malloc'd. */
static char *glob_to_regex(const char *glob, enum gl_pattern_kind kind)
{
	size_t len = strlen(glob), n = 0, i;
	char *re = malloc(len * 10 + 16);

	if (re == NULL)
		return NULL;
	if (kind == GL_PATTERN_PATH && strchr(glob, '/') == NULL) {
		/* A glob without a slash names files in any folder. */
		memcpy(re, "(?:.*/)?", 8);
		n = 8;
	}
	for (i = 0; i < len; i++) {
		char c = glob[i];

		if (kind != GL_PATTERN_PATH) {
			if (c == '*') {
				memcpy(re + n, ".+", 2);
				n += 2;
			} else {
				n = put_literal(re, n, c);
			}
			continue;
		}
		if (c == '*' && glob[i + 1] == '*') {
			if (glob[i + 2] == '/') {
				memcpy(re + n, "(?:.*/)?", 8);
				n += 8;
				i += 2;
			} else {
				memcpy(re + n, ".*", 2);
				n += 2;
				i++;
			}
		} else if (c == '*') {
			memcpy(re + n, "[^/]*", 5);
			n += 5;
		} else if (c == '?') {
			memcpy(re + n, "[^/]", 4);
			n += 4;
		} else {
			n = put_literal(re, n, c);
		}
	}
	re[n] = '\0';
	return re;
}

int gl_pattern_compile(struct gl_pattern **out, const char *text, enum gl_pattern_kind kind,
		       char *error, size_t error_size, size_t *error_offset)
{
	struct gl_pattern *p;
	char *re;
	bool is_regex = kind != GL_PATTERN_PATH && text[0] == '^';
	uint32_t flags = PCRE2_ANCHORED | PCRE2_ENDANCHORED | PCRE2_UTF;
	int errcode;
	PCRE2_SIZE erroff;

	*out = NULL;
	if (kind == GL_PATTERN_VALUE_NOCASE)
		flags |= PCRE2_CASELESS;
	re = is_regex ? strdup(text) : glob_to_regex(text, kind);
	p = calloc(1, sizeof(*p));
	if (re == NULL || p == NULL) {
		free(re);
		free(p);
		return -2;
	}
	p->code = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, flags, &errcode, &erroff,
				NULL);
	free(re);
	if (p->code == NULL) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(errcode, msg, sizeof(msg));
		snprintf(error, error_size, "%s", (const char *)msg);
		*error_offset = is_regex ? erroff : 0;
		free(p);
		return -1;
	}
	/* Patterns are matched once per file: JIT them when PCRE2 can (else it interprets). */
	(void)pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
	p->text = strdup(text);
	if (p->text == NULL) {
		gl_pattern_free(p);
		return -2;
	}
	*out = p;
	return 0;
}

bool gl_pattern_match(const struct gl_pattern *pattern, const char *subject, size_t len)
{
	pcre2_match_data *md;
	int rc;

	md = pcre2_match_data_create_from_pattern(pattern->code, NULL);
	if (md == NULL)
		return false;
	rc = pcre2_match(pattern->code, (PCRE2_SPTR)subject, len, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0;
}

const char *gl_pattern_text(const struct gl_pattern *pattern)
{
	return pattern->text;
}

void gl_pattern_free(struct gl_pattern *pattern)
{
	if (pattern == NULL)
		return;
	pcre2_code_free(pattern->code);
	free(pattern->text);
	free(pattern);
}
