/* Operand handling that several commands share, as static inline
 * functions (a command uses some of them, and each command stays one
 * program built from one .c file).
 *
 * each_input(): head, tail, ... — run a filter over each FILE operand
 * ("-" and no operand: stdin), with "==> FILE <==" headers when there
 * are several, as coreutils prints them.
 *
 * destination(), target_path(): cp, mv — the "SOURCE... DEST" form, where
 * DEST is a directory when it exists as one (then each SOURCE goes into it
 * under its own last name) and must be one when there are several
 * sources. */
#ifndef JOS_BIN_OPERANDS_H
#define JOS_BIN_OPERANDS_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

/* Runs filter(fd) on each of argv[first..argc-1]; returns the exit status
 * (1 when a file could not be opened or filter() returned < 0, errno set). */
static inline int each_input(const char *prog, int argc, char **argv, int first, int (*filter)(int fd))
{
	int files = argc - first, status = 0, headers = 0;

	if (files == 0)
		return filter(0) < 0;
	for (int i = first; i < argc; i++) {
		int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);

		if (fd < 0) {
			fflush(stdout);
			fprintf(stderr, "%s: cannot open '%s' for reading: %s\n", prog, argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (files > 1) /* a blank line between outputs, as coreutils: not before the first */
			printf("%s==> %s <==\n", headers++ ? "\n" : "", fd == 0 ? "standard input" : argv[i]);
		if (filter(fd) < 0) {
			fflush(stdout);
			fprintf(stderr, "%s: error reading '%s': %s\n", prog, argv[i], strerror(errno));
			status = 1;
		}
		if (fd)
			close(fd);
	}
	return status;
}

/* Checks the operands argv[first..argc-1] (at least one source and DEST);
 * sets *into_dir when DEST is a directory. Returns 0, or 1 after printing
 * why the operands are wrong. */
static inline int destination(const char *prog, int argc, char **argv, int first, int *into_dir)
{
	struct stat st;
	int n = argc - first;

	if (n < 2) {
		if (n)
			fprintf(stderr, "%s: missing destination file operand after '%s'\n", prog, argv[first]);
		else
			fprintf(stderr, "%s: missing file operand\n", prog);
		return 1;
	}
	*into_dir = stat(argv[argc - 1], &st) == 0 && S_ISDIR(st.st_mode);
	if (n > 2 && !*into_dir) {
		fprintf(stderr, "%s: target '%s' is not a directory\n", prog, argv[argc - 1]);
		return 1;
	}
	return 0;
}

/* SOURCE without trailing slashes into source[], and where it goes into
 * target[]: DEST/NAME when DEST is a directory, else DEST. */
static inline void target_path(const char *operand, const char *dest, int into_dir, char *source, char *target, size_t size)
{
	snprintf(source, size, "%s", operand);
	for (size_t len = strlen(source); len > 1 && source[len - 1] == '/';)
		source[--len] = '\0';
	const char *base = strrchr(source, '/') ? strrchr(source, '/') + 1 : source;

	if (into_dir)
		snprintf(target, size, "%s/%s", dest, base);
	else
		snprintf(target, size, "%s", dest);
}

#endif
