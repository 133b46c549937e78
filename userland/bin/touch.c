/* touch [-c] [-d @SECONDS] FILE...: sets the access and modification
 * times of each FILE to now (or to SECONDS since the epoch), creating it
 * empty unless -c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
	int no_create = 0, status = 0, i = 1;
	struct timespec times[2] = { { .tv_nsec = UTIME_NOW }, { .tv_nsec = UTIME_NOW } };

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-c") == 0) {
			no_create = 1;
		} else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc && argv[i + 1][0] == '@') {
			char *end;
			long long t = strtoll(argv[++i] + 1, &end, 10);

			if (!argv[i][1] || *end) {
				fprintf(stderr, "touch: invalid date format '%s'\n", argv[i]);
				return 1;
			}
			times[0].tv_sec = times[1].tv_sec = t;
			times[0].tv_nsec = times[1].tv_nsec = 0;
		} else {
			fprintf(stderr, "touch: invalid option '%s'\nusage: touch [-c] [-d @SECONDS] FILE...\n", argv[i]);
			return 1;
		}
	}
	if (i == argc) {
		fprintf(stderr, "touch: missing file operand\n");
		return 1;
	}
	for (; i < argc; i++) {
		if (utimensat(AT_FDCWD, argv[i], times, 0) == 0)
			continue;
		if (errno == ENOENT && !no_create) {
			int fd = open(argv[i], O_WRONLY | O_CREAT, 0666);

			if (fd >= 0) {
				close(fd);
				if (utimensat(AT_FDCWD, argv[i], times, 0) == 0)
					continue;
			}
		} else if (errno == ENOENT) {
			continue;
		}
		fprintf(stderr, "touch: cannot touch '%s': %s\n", argv[i], strerror(errno));
		status = 1;
	}
	return status;
}
