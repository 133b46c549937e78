/* env [-i] [-u NAME]... [NAME=VALUE]... [COMMAND [ARG]...]: runs COMMAND
 * (found on PATH) in a changed environment, or prints the environment.
 * Status 127 when COMMAND is not found, 126 when it cannot run. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *empty_env[] = { NULL };

int main(int argc, char **argv)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-i") == 0 || strcmp(argv[i], "-") == 0) {
			environ = empty_env;
		} else if (strcmp(argv[i], "-u") == 0 && i + 1 < argc) {
			unsetenv(argv[++i]);
		} else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else {
			fprintf(stderr, "env: invalid option '%s'\nusage: env [-i] [-u NAME] [NAME=VALUE]... [COMMAND [ARG]...]\n", argv[i]);
			return 125;
		}
	}
	for (; i < argc && strchr(argv[i], '='); i++) {
		char *eq = strchr(argv[i], '=');

		*eq = '\0';
		if (setenv(argv[i], eq + 1, 1) < 0) {
			fprintf(stderr, "env: cannot set '%s': %s\n", argv[i], strerror(errno));
			return 125;
		}
	}
	if (i == argc) {
		for (char **e = environ; *e; e++)
			printf("%s\n", *e);
		return 0;
	}
	execvp(argv[i], argv + i);
	fprintf(stderr, "env: '%s': %s\n", argv[i], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
