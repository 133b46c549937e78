/* mv [-f] SOURCE DEST, mv [-f] SOURCE... DIR: renames files (within one
 * filesystem: across two, rename's EXDEV is reported). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
	int i = 1, status = 0;
	struct stat st;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-f") != 0) {
			fprintf(stderr, "mv: invalid option '%s'\nusage: mv [-f] SOURCE... DEST\n", argv[i]);
			return 1;
		}
	}
	int n = argc - i;

	if (n < 2) {
		fprintf(stderr, n ? "mv: missing destination file operand after '%s'\n" : "mv: missing file operand\n", argv[i]);
		return 1;
	}
	const char *dest = argv[argc - 1];
	int into_dir = stat(dest, &st) == 0 && S_ISDIR(st.st_mode);

	if (n > 2 && !into_dir) {
		fprintf(stderr, "mv: target '%s' is not a directory\n", dest);
		return 1;
	}
	for (; i < argc - 1; i++) {
		char target[4096];
		char source[4096];

		snprintf(source, sizeof source, "%s", argv[i]);
		for (size_t len = strlen(source); len > 1 && source[len - 1] == '/';)
			source[--len] = '\0';
		const char *base = strrchr(source, '/') ? strrchr(source, '/') + 1 : source;

		if (into_dir)
			snprintf(target, sizeof target, "%s/%s", dest, base);
		else
			snprintf(target, sizeof target, "%s", dest);
		if (rename(source, target) < 0) {
			fprintf(stderr, "mv: cannot move '%s' to '%s': %s\n", argv[i], target, strerror(errno));
			status = 1;
		}
	}
	return status;
}
