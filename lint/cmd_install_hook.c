/* cmd_install_hook.c - `grantlint install-hook`: install the git pre-commit hook. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "source_git.h"

/* hooks/pre-commit, embedded at build time so that there is one source for it. */
static const char hook_script[] =
#include "lint/pre_commit_hook.h"
	;

/* A line of the script that marks a hook as ours (so reinstalling updates it). */
#define HOOK_MARKER "# grantlint pre-commit hook"
#define CHAINED_NAME "pre-commit.before-grantlint"

static void install_usage(FILE *out)
{
	fprintf(out,
		"Usage: grantlint install-hook [--chain]\n"
		"\n"
		"Install grantlint's pre-commit hook (it runs 'grantlint check --staged')\n"
		"into the hooks folder of the repository that holds the current folder,\n"
		"honouring core.hooksPath. A grantlint hook already there is updated; any\n"
		"other pre-commit hook is left alone unless --chain is given.\n"
		"\n"
		"Options:\n"
		"      --chain   keep the existing pre-commit hook (renamed to\n"
		"                " CHAINED_NAME ") and run it first\n"
		"  -h, --help    this help\n");
}

static char *path_join(const char *dir, const char *name)
{
	size_t ld = strlen(dir);
	char *p = malloc(ld + strlen(name) + 2);

	if (p != NULL)
		sprintf(p, "%s%s%s", dir, ld > 0 && dir[ld - 1] == '/' ? "" : "/", name);
	return p;
}

/* mkdir -p. Returns 0, or -1 with errno. */
static int make_dirs(const char *dir)
{
	char *copy = strdup(dir), *p;
	int rc = 0;

	if (copy == NULL)
		return -1;
	for (p = copy + 1; rc == 0; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		{
			char c = *p;

			*p = '\0';
			if (mkdir(copy, 0777) < 0 && errno != EEXIST)
				rc = -1;
			*p = c;
			if (c == '\0')
				break;
		}
	}
	free(copy);
	return rc;
}

/* True when the file at path is a hook that grantlint installed. */
static bool is_our_hook(const char *path)
{
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strstr(buf, HOOK_MARKER) != NULL;
}

/* Write the hook script to path, executable, through a temporary file. */
static int write_hook(const char *path)
{
	size_t len = strlen(hook_script), done = 0;
	char *tmp = malloc(strlen(path) + 32);
	int fd, rc = -1;

	if (tmp == NULL)
		return -1;
	sprintf(tmp, "%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (fd < 0)
		goto done;
	while (done < len) {
		ssize_t n = write(fd, hook_script + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	if (close(fd) == 0 && done == len && chmod(tmp, 0755) == 0 && rename(tmp, path) == 0)
		rc = 0;
done:
	if (rc < 0) {
		int err = errno;

		(void)unlink(tmp);
		errno = err;
	}
	free(tmp);
	return rc;
}

static int install_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "chain", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct stat st;
	char *dir = NULL, *hook = NULL, *chained = NULL;
	bool chain = false, ours;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			chain = true;
			break;
		case 'h':
			install_usage(stdout);
			return GL_EXIT_OK;
		default:
			fputs("Try 'grantlint install-hook --help'.\n", stderr);
			return GL_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		gl_cli_error("install-hook takes no arguments ('%s')", argv[optind]);
		return GL_EXIT_USAGE;
	}
	rc = gl_git_hooks_dir(&dir);
	if (rc == GL_GIT_ERR_USAGE)
		return GL_EXIT_USAGE;
	if (rc < 0)
		return GL_EXIT_INPUT;
	hook = path_join(dir, "pre-commit");
	chained = path_join(dir, CHAINED_NAME);
	if (hook == NULL || chained == NULL) {
		gl_cli_error("out of memory");
		rc = GL_EXIT_INPUT;
		goto done;
	}
	ours = lstat(hook, &st) == 0 && is_our_hook(hook);
	if (!ours && lstat(hook, &st) == 0) {
		if (!chain) {
			gl_cli_error("%s already exists and is not grantlint's; to keep it and run "
				     "it before grantlint, run 'grantlint install-hook --chain' "
				     "(or add 'grantlint check --staged' to it yourself)", hook);
			rc = GL_EXIT_USAGE;
			goto done;
		}
		if (lstat(chained, &st) == 0) {
			gl_cli_error("cannot chain: %s already exists; merge it into %s by hand",
				     chained, hook);
			rc = GL_EXIT_USAGE;
			goto done;
		}
		if (rename(hook, chained) < 0) {
			gl_cli_error("cannot rename %s: %s", hook, strerror(errno));
			rc = GL_EXIT_INPUT;
			goto done;
		}
		printf("kept the existing hook as %s; it runs first\n", chained);
	}
	if (make_dirs(dir) < 0 || write_hook(hook) < 0) {
		gl_cli_error("cannot write %s: %s", hook, strerror(errno));
		rc = GL_EXIT_INPUT;
		goto done;
	}
	printf("%s %s\n", ours ? "updated" : "installed", hook);
	rc = GL_EXIT_OK;
done:
	free(dir);
	free(hook);
	free(chained);
	return rc;
}

const struct gl_command gl_cmd_install_hook = {
	.name = "install-hook",
	.summary = "install the git pre-commit hook (grantlint check --staged)",
	.run = install_run,
};
