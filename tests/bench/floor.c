/*
 * floor.c - the benchmark's floor: what any YAML linter must at least do.
 *
 * Walks the same tree as grantlint (the same walker, so the same files in the
 * same order), reads each file and runs libyaml's event parser over it, and
 * does nothing else. grantlint's time is judged against this one.
 *
 * Usage: floor PATH...   Prints "files bytes events" on stdout.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "walk.h"

struct floor_totals {
	unsigned long files;
	unsigned long long bytes;
	unsigned long long events;
	unsigned long failures; /* files that could not be read or parsed */
};

/* Read a whole file into a fresh buffer; NULL on failure (errno set). */
static char *read_file(const char *path, size_t *out_len)
{
	struct stat st;
	char *buf = NULL;
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0)
		goto fail;
	buf = malloc((size_t)st.st_size + 1);
	if (buf == NULL)
		goto fail;
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
	close(fd);
	*out_len = got;
	return buf;
fail:
	free(buf);
	close(fd);
	return NULL;
}

/* Parse bytes to the end of the stream; the number of events, or -1 on error. */
static long parse_events(const char *bytes, size_t len)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	long events = 0;
	int done = 0;

	if (!yaml_parser_initialize(&parser))
		return -1;
	yaml_parser_set_input_string(&parser, (const unsigned char *)bytes, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			events = -1;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		events++;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return events;
}

static int visit(void *arg, const char *path)
{
	struct floor_totals *t = arg;
	size_t len = 0;
	char *bytes = read_file(path, &len);
	long events;

	t->files++;
	if (bytes == NULL) {
		t->failures++;
		return 0;
	}
	events = parse_events(bytes, len);
	if (events < 0)
		t->failures++;
	else
		t->events += (unsigned long long)events;
	t->bytes += len;
	free(bytes);
	return 0;
}

int main(int argc, char **argv)
{
	struct floor_totals t;
	int i;

	memset(&t, 0, sizeof(t));
	if (argc < 2) {
		fprintf(stderr, "usage: floor PATH...\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (gl_walk(argv[i], visit, &t) < 0) {
			fprintf(stderr, "floor: cannot walk '%s': %s\n", argv[i], strerror(errno));
			return 3;
		}
	}
	printf("%lu files, %llu bytes, %llu events, %lu failures\n", t.files, t.bytes, t.events,
	       t.failures);
	return t.failures ? 1 : 0;
}
