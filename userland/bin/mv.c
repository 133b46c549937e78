/* mv [-f] SOURCE DEST, mv [-f] SOURCE... DIR: renames files (within one
 * filesystem: across two, rename's EXDEV is reported). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "common/operands.h"

int main(int argc, char **argv)
{
	int i = 1, status = 0;

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
	const char *dest = argv[argc - 1];
	int into_dir;

	if (destination("mv", argc, argv, i, &into_dir))
		return 1;
	for (; i < argc - 1; i++) {
		char target[4096];
		char source[4096];

		target_path(argv[i], dest, into_dir, source, target, sizeof target);
		if (rename(source, target) < 0) {
			fprintf(stderr, "mv: cannot move '%s' to '%s': %s\n", argv[i], target, strerror(errno));
			status = 1;
		}
	}
	return status;
}
