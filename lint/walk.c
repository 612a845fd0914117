/* walk.c - discover grant files in a file tree. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "walk.h"

static bool has_suffix(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lf = strlen(suffix);

	return ls >= lf && strcasecmp(s + ls - lf, suffix) == 0;
}

static bool under_grants_folder(const char *path)
{
	const char *p = path;

	for (;;) {
		const char *slash = strchr(p, '/');

		if (slash == NULL)
			return false; /* the last component is the file itself */
		if (slash - p == 6 && strncmp(p, "grants", 6) == 0)
			return true;
		p = slash + 1;
	}
}

bool gl_walk_is_grant_file(const char *path)
{
	const char *base = strrchr(path, '/');

	/* grantlint's own files (lint/conf.h, lint/baseline.h) are never grants. */
	base = base ? base + 1 : path;
	if (!strcmp(base, ".grantlint.yaml") || !strcmp(base, ".grantlint-baseline.json"))
		return false;
	if (has_suffix(path, ".grant.yaml") || has_suffix(path, ".grant.yml") ||
	    has_suffix(path, ".grant.json"))
		return true;
	return (has_suffix(path, ".yaml") || has_suffix(path, ".yml") ||
		has_suffix(path, ".json")) &&
	       under_grants_folder(path);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name)
{
	size_t ld = strlen(dir), ln = strlen(name);
	char *p = malloc(ld + ln + 2);

	if (p == NULL)
		return NULL;
	if (ld == 1 && dir[0] == '.') {
		memcpy(p, name, ln + 1); /* "./x" is shown as "x" */
		return p;
	}
	memcpy(p, dir, ld);
	if (ld > 0 && dir[ld - 1] != '/')
		p[ld++] = '/';
	memcpy(p + ld, name, ln + 1);
	return p;
}

int gl_walk(const char *dir, gl_walk_fn fn, void *arg)
{
	DIR *d = opendir(dir);
	struct dirent *ent;
	char **names = NULL;
	size_t count = 0, cap = 0, i;
	int rc = 0;

	if (d == NULL)
		return -1;
	while ((ent = readdir(d)) != NULL) {
		if (!strcmp(ent->d_name, ".") || !strcmp(ent->d_name, "..") ||
		    !strcmp(ent->d_name, ".git"))
			continue;
		if (count == cap) {
			char **n;

			cap = cap ? cap * 2 : 32;
			n = realloc(names, cap * sizeof(*n));
			if (n == NULL) {
				rc = -1;
				goto done;
			}
			names = n;
		}
		names[count] = strdup(ent->d_name);
		if (names[count] == NULL) {
			rc = -1;
			goto done;
		}
		count++;
	}
	qsort(names, count, sizeof(*names), compare_names);
	for (i = 0; i < count && rc == 0; i++) {
		char *path = join(dir, names[i]);
		struct stat st;

		if (path == NULL) {
			rc = -1;
			break;
		}
		if (lstat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				rc = gl_walk(path, fn, arg);
			else if (S_ISREG(st.st_mode) && gl_walk_is_grant_file(path))
				rc = fn(arg, path);
		}
		free(path);
	}
done:
	for (i = 0; i < count; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return rc;
}
