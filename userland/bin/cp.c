/* cp [-r] [-f] SOURCE DEST, cp [-r] [-f] SOURCE... DIR: copies files
 * (contents and permission bits); -r copies directories with everything
 * in them (symbolic links inside are copied as links). A directory
 * SOURCE without -r is refused; so is copying a directory into itself. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "common/operands.h"

static int recursive;

static int copy_file(const char *from, const char *to, mode_t mode)
{
	char buf[8192];
	ssize_t n;
	int in = open(from, O_RDONLY), out;

	if (in < 0) {
		fprintf(stderr, "cp: cannot open '%s' for reading: %s\n", from, strerror(errno));
		return 1;
	}
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode & 07777);
	if (out < 0) {
		fprintf(stderr, "cp: cannot create regular file '%s': %s\n", to, strerror(errno));
		close(in);
		return 1;
	}
	while ((n = read(in, buf, sizeof buf)) > 0)
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(out, buf + done, n - done);

			if (w < 0) {
				fprintf(stderr, "cp: error writing '%s': %s\n", to, strerror(errno));
				close(in);
				close(out);
				return 1;
			}
			done += w;
		}
	if (n < 0)
		fprintf(stderr, "cp: error reading '%s': %s\n", from, strerror(errno));
	close(in);
	close(out);
	return n < 0;
}

static int copy_path(const char *from, const char *to, int top)
{
	struct stat st;

	if ((top ? stat(from, &st) : lstat(from, &st)) < 0) {
		fprintf(stderr, "cp: cannot stat '%s': %s\n", from, strerror(errno));
		return 1;
	}
	if (S_ISLNK(st.st_mode)) {
		char target[4096];
		ssize_t n = readlink(from, target, sizeof target - 1);

		if (n < 0 || (target[n] = '\0', symlink(target, to) < 0)) {
			fprintf(stderr, "cp: cannot copy link '%s': %s\n", from, strerror(errno));
			return 1;
		}
		return 0;
	}
	if (!S_ISDIR(st.st_mode))
		return copy_file(from, to, st.st_mode);
	if (!recursive) {
		fprintf(stderr, "cp: -r not specified; omitting directory '%s'\n", from);
		return 1;
	}
	if (mkdir(to, st.st_mode & 07777) < 0 && errno != EEXIST) {
		fprintf(stderr, "cp: cannot create directory '%s': %s\n", to, strerror(errno));
		return 1;
	}
	DIR *dir = opendir(from);
	struct dirent *e;
	int status = 0;

	if (!dir) {
		fprintf(stderr, "cp: cannot open directory '%s': %s\n", from, strerror(errno));
		return 1;
	}
	while ((e = readdir(dir)) != NULL) {
		char a[4096], b[4096];

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(a, sizeof a, "%s/%s", from, e->d_name);
		snprintf(b, sizeof b, "%s/%s", to, e->d_name);
		status |= copy_path(a, b, 0);
	}
	closedir(dir);
	return status;
}

/* Is `inner` the directory `outer` or somewhere under it? */
static int inside(const char *outer, const char *inner)
{
	struct stat o, d;
	char path[4096];

	if (stat(outer, &o) < 0 || !S_ISDIR(o.st_mode))
		return 0;
	snprintf(path, sizeof path, "%s", inner);
	for (;;) {
		if (stat(path, &d) == 0 && d.st_dev == o.st_dev && d.st_ino == o.st_ino)
			return 1;
		char *slash = strrchr(path, '/');

		if (!slash || slash == path)
			return 0;
		*slash = '\0';
	}
}

int main(int argc, char **argv)
{
	int i = 1, status = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'r' || *p == 'R')
				recursive = 1;
			else if (*p != 'f') {
				fprintf(stderr, "cp: invalid option -- '%c'\nusage: cp [-r] SOURCE... DEST\n", *p);
				return 1;
			}
		}
	}
	const char *dest = argv[argc - 1];
	int into_dir;

	if (destination("cp", argc, argv, i, &into_dir))
		return 1;
	for (; i < argc - 1; i++) {
		char target[4096];
		char source[4096];

		target_path(argv[i], dest, into_dir, source, target, sizeof target);
		if (recursive && inside(source, into_dir ? dest : target)) {
			fprintf(stderr, "cp: cannot copy a directory, '%s', into itself, '%s'\n", argv[i], target);
			status = 1;
			continue;
		}
		status |= copy_path(source, target, 1);
	}
	return status;
}
