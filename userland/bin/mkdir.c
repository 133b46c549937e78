/* mkdir [-p] [-m MODE] DIR...: makes directories; -p makes the missing
 * parents too and is quiet about directories that exist. MODE is octal. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int make_parents(char *path, mode_t mode)
{
	struct stat st;

	for (char *p = path + 1; ; p++) {
		if (*p != '/' && *p)
			continue;
		char saved = *p;

		*p = '\0';
		if (mkdir(path, saved ? 0777 : mode) < 0 && (errno != EEXIST || stat(path, &st) < 0 || !S_ISDIR(st.st_mode))) {
			if (errno == EEXIST)
				errno = ENOTDIR;
			fprintf(stderr, "mkdir: cannot create directory '%s': %s\n", path, strerror(errno));
			*p = saved;
			return 1;
		}
		*p = saved;
		if (!saved)
			return 0;
		while (p[1] == '/')
			p++;
		if (!p[1])
			return 0;
	}
}

int main(int argc, char **argv)
{
	int parents = 0, status = 0, i = 1;
	mode_t mode = 0777;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-p") == 0) {
			parents = 1;
		} else if (strcmp(argv[i], "-m") == 0 && i + 1 < argc) {
			char *end;

			mode = (mode_t)strtol(argv[++i], &end, 8);
			if (*end || mode > 07777) {
				fprintf(stderr, "mkdir: invalid mode '%s'\n", argv[i]);
				return 1;
			}
		} else {
			fprintf(stderr, "mkdir: invalid option '%s'\nusage: mkdir [-p] [-m MODE] DIR...\n", argv[i]);
			return 1;
		}
	}
	if (i == argc) {
		fprintf(stderr, "mkdir: missing operand\n");
		return 1;
	}
	for (; i < argc; i++) {
		if (parents) {
			status |= make_parents(argv[i], mode);
		} else if (mkdir(argv[i], mode) < 0) {
			fprintf(stderr, "mkdir: cannot create directory '%s': %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
