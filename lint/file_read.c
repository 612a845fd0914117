/* file_read.c - read a whole regular file, bounded, into memory. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file_read.h"

int gl_file_read(char **out, size_t *len, const char *path, size_t max)
{
	struct stat st;
	char *buf = NULL;
	size_t got = 0;
	int fd, rc = -1, saved;

	*out = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0)
		goto done;
	if (!S_ISREG(st.st_mode)) {
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		goto done;
	}
	if (max > 0 && (size_t)st.st_size > max) {
		*len = (size_t)st.st_size;
		rc = GL_FILE_TOO_LARGE;
		goto done;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf == NULL)
		goto done;
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto done;
		if (n == 0)
			break; /* the file shrank while we read it */
		got += (size_t)n;
	}
	buf[got] = '\0';
	*out = buf;
	*len = got;
	buf = NULL;
	rc = 0;
done:
	saved = errno;
	free(buf);
	close(fd);
	errno = saved;
	return rc;
}
