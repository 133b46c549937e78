/* rmdir [-p] DIR...: removes empty directories; -p removes each parent
 * named in DIR too, as long as it is empty. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int parents = 0, status = 0, i = 1;

	if (i < argc && strcmp(argv[i], "-p") == 0) {
		parents = 1;
		i++;
	}
	if (i == argc) {
		fprintf(stderr, "rmdir: missing operand\n");
		return 1;
	}
	for (; i < argc; i++) {
		char *path = argv[i];

		for (;;) {
			if (rmdir(path) < 0) {
				fprintf(stderr, "rmdir: failed to remove '%s': %s\n", path, strerror(errno));
				status = 1;
				break;
			}
			char *slash = strrchr(path, '/');

			if (!parents || !slash || slash == path)
				break;
			while (slash > path && *slash == '/')
				*slash-- = '\0';
		}
	}
	return status;
}
