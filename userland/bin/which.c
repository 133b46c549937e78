/* which NAME...: the program each NAME runs as, found on PATH as a shell
 * would (the first executable regular file); status 1 if any is missing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int runnable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

static int find(const char *name)
{
	char path[4096];
	const char *dirs = getenv("PATH");

	if (strchr(name, '/')) {
		if (!runnable(name))
			return 1;
		printf("%s\n", name);
		return 0;
	}
	for (dirs = dirs ? dirs : "/bin"; ; ) {
		size_t n = strcspn(dirs, ":");

		snprintf(path, sizeof path, "%.*s/%s", (int)n, n ? dirs : ".", name);
		if (runnable(path)) {
			printf("%s\n", path);
			return 0;
		}
		if (!dirs[n])
			return 1;
		dirs += n + 1;
	}
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: which NAME...\n");
		return 1;
	}
	for (int i = 1; i < argc; i++)
		status |= find(argv[i]);
	return status;
}
