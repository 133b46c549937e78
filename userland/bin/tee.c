/* tee [-a] [FILE]...: copies stdin to stdout and to each FILE (-a
 * appends instead of truncating). A file that cannot be written is
 * reported and the copy goes on to the others (status 1). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int fds[64], names[64], n = 0, i = 1, append = 0, status = 0;
	char buf[4096];
	ssize_t r;

	if (i < argc && strcmp(argv[i], "-a") == 0) {
		append = 1;
		i++;
	}
	fds[n] = 1;
	names[n++] = 0;
	for (; i < argc && n < 64; i++) {
		int fd = open(argv[i], O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0666);

		if (fd < 0) {
			fprintf(stderr, "tee: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		fds[n] = fd;
		names[n++] = i;
	}
	while ((r = read(0, buf, sizeof buf)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "tee: standard input: %s\n", strerror(errno));
			return 1;
		}
		for (int j = 0; j < n; j++) {
			if (fds[j] < 0)
				continue;
			for (ssize_t done = 0; done < r;) {
				ssize_t w = write(fds[j], buf + done, r - done);

				if (w < 0) {
					fprintf(stderr, "tee: %s: %s\n", names[j] ? argv[names[j]] : "standard output", strerror(errno));
					fds[j] = -1;
					status = 1;
					break;
				}
				done += w;
			}
		}
	}
	return status;
}
