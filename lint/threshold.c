/* threshold.c - when findings fail a run (see threshold.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "threshold.h"

void gl_threshold_default(struct gl_threshold *out)
{
	out->never = false;
	out->fail_on = GL_SEV_ERROR;
	out->max_warnings = -1;
}

int gl_threshold_parse_fail_on(struct gl_threshold *t, const char *level)
{
	if (!strcmp(level, "never")) {
		t->never = true;
		return 0;
	}
	if (!strcmp(level, "error") || !strcmp(level, "warning")) {
		t->never = false;
		t->fail_on = (enum gl_severity)gl_severity_parse(level);
		return 0;
	}
	return -1;
}

int gl_threshold_parse_max_warnings(struct gl_threshold *t, const char *count)
{
	char *end;
	long v;

	if (count[0] < '0' || count[0] > '9')
		return -1;
	errno = 0;
	v = strtol(count, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	t->max_warnings = v;
	return 0;
}

bool gl_threshold_fails(const struct gl_threshold *t, const struct gl_run *run)
{
	if (t->max_warnings >= 0 && run->warnings > (size_t)t->max_warnings)
		return true;
	if (t->never)
		return false;
	if (run->errors > 0)
		return true;
	return t->fail_on == GL_SEV_WARNING && run->warnings > 0;
}
