/*
 * replay.c - run a fuzz harness over saved inputs, without libFuzzer.
 *
 * Linked with one harness (its LLVMFuzzerTestOneInput), built by the ordinary
 * compiler so that `make check` (and the sanitizer and valgrind builds) keep
 * every crash the fuzzers ever found fixed. With arguments it replays those
 * files; without, every file under $top_srcdir/tests/fuzz/regressions/NAME/
 * (inputs that once crashed) and under $top_srcdir/fixtures/ (the seeds).
 * A crash is the failure; the test passes when every input returns.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef GL_FUZZ_NAME
#error "GL_FUZZ_NAME names the harness"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned long replayed;

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL) {
		fprintf(stderr, "replay: cannot open %s\n", path);
		return -1;
	}
	do {
		if (len == cap) {
			unsigned char *b;

			cap = cap ? cap * 2 : 4096;
			b = realloc(buf, cap);
			if (b == NULL) {
				free(buf);
				fclose(f);
				return -1;
			}
			buf = b;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	replayed++;
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replay every file below dir (sorted, recursively); a missing dir is empty. */
static int replay_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *ent;
	char **names = NULL;
	size_t count = 0, i;
	int rc = 0;

	if (d == NULL)
		return 0;
	while ((ent = readdir(d)) != NULL) {
		char **n;

		if (ent->d_name[0] == '.')
			continue;
		n = realloc(names, (count + 1) * sizeof(*names));
		if (n == NULL) {
			rc = -1;
			break;
		}
		names = n;
		names[count] = malloc(strlen(dir) + strlen(ent->d_name) + 2);
		if (names[count] == NULL) {
			rc = -1;
			break;
		}
		sprintf(names[count], "%s/%s", dir, ent->d_name);
		count++;
	}
	closedir(d);
	if (count > 1)
		qsort(names, count, sizeof(*names), compare_names);
	for (i = 0; i < count; i++) {
		struct stat st;

		if (rc == 0 && stat(names[i], &st) == 0)
			rc = S_ISDIR(st.st_mode) ? replay_tree(names[i]) : replay_file(names[i]);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	const char *src = getenv("top_srcdir");
	char dir[4096];
	int i, rc = 0;

	if (argc > 1) {
		for (i = 1; i < argc && rc == 0; i++)
			rc = replay_file(argv[i]);
	} else {
		snprintf(dir, sizeof(dir), "%s/tests/fuzz/regressions/%s", src ? src : ".",
			 GL_FUZZ_NAME);
		rc = replay_tree(dir);
		snprintf(dir, sizeof(dir), "%s/fixtures", src ? src : ".");
		if (rc == 0)
			rc = replay_tree(dir);
		if (rc == 0 && replayed == 0) {
			fprintf(stderr, "replay: no inputs under %s (is top_srcdir set?)\n", dir);
			rc = -1;
		}
	}
	printf("replay %s: %lu inputs: %lu passed, %d failed\n", GL_FUZZ_NAME, replayed, replayed,
	       rc ? 1 : 0);
	return rc ? 1 : 0;
}
