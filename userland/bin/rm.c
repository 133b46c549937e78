/* rm [-r] [-f] FILE...: removes files; -r removes directories and what is
 * in them; -f ignores files that do not exist and never fails for them.
 * "." and ".." are refused, as POSIX requires. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int recursive, force;

static int remove_path(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		if (force && errno == ENOENT)
			return 0;
		fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) == 0)
			return 0;
		fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno));
		return 1;
	}
	if (!recursive) {
		fprintf(stderr, "rm: cannot remove '%s': Is a directory\n", path);
		return 1;
	}
	DIR *dir = opendir(path);
	struct dirent *e;
	int status = 0;

	if (!dir) {
		fprintf(stderr, "rm: cannot open '%s': %s\n", path, strerror(errno));
		return 1;
	}
	while ((e = readdir(dir)) != NULL) {
		char child[4096];

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(child, sizeof child, "%s/%s", path, e->d_name);
		status |= remove_path(child);
	}
	closedir(dir);
	if (rmdir(path) < 0) {
		fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno));
		return 1;
	}
	return status;
}

int main(int argc, char **argv)
{
	int status = 0, i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'r' || *p == 'R')
				recursive = 1;
			else if (*p == 'f')
				force = 1;
			else {
				fprintf(stderr, "rm: invalid option -- '%c'\nusage: rm [-r] [-f] FILE...\n", *p);
				return 1;
			}
		}
	}
	if (i == argc && !force) {
		fprintf(stderr, "rm: missing operand\n");
		return 1;
	}
	for (; i < argc; i++) {
		const char *base = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];

		if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
			fprintf(stderr, "rm: refusing to remove '.' or '..' directory: skipping '%s'\n", argv[i]);
			status = 1;
			continue;
		}
		status |= remove_path(argv[i]);
	}
	return status;
}
