/* ftw.h: builds a small tree in /tmp (files, an empty and a nested
 * directory, a symlink and a dangling one), walks it with nftw under
 * each flag and with ftw, and prints the visits sorted (the order within
 * a directory is the file system's). Checks FTW_DEPTH puts every
 * directory after its contents, and that a non-zero return stops. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ROOT "/tmp/jos-ftw-check"

static char lines[64][160];
static int nlines, order_ok, seen_dirs;
static const char *stop_at;

static int by_text(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int nvisit(const char *path, const struct stat *st, int type, struct FTW *f)
{
	if (nlines < 64)
		snprintf(lines[nlines++], sizeof(lines[0]), "%s type %d base %d (%s) level %d size %lld", path + strlen(ROOT) - 5,
			 type, f->base - (int)strlen(ROOT), path + f->base, f->level,
			 type == FTW_F ? (long long)st->st_size : -1LL);
	if (type == FTW_DP)
		seen_dirs++;
	if (type != FTW_DP && seen_dirs > 0 && strncmp(path, ROOT "/sub", strlen(ROOT "/sub")) == 0 && seen_dirs < 3)
		; /* nothing: order checked below */
	return stop_at && strstr(path, stop_at) ? 42 : 0;
}

static int visit(const char *path, const struct stat *st, int type)
{
	if (nlines < 64)
		snprintf(lines[nlines++], sizeof(lines[0]), "%s type %d size %lld", path + strlen(ROOT) - 5, type,
			 type == FTW_F ? (long long)st->st_size : -1LL);
	return 0;
}

/* With FTW_DEPTH every path is reported before its parent directory. */
static char depth_seen[64][160];
static int ndepth;

static int depth_visit(const char *path, const struct stat *st, int type, struct FTW *f)
{
	(void)st;
	(void)f;
	for (int i = 0; i < ndepth; i++) { /* a parent reported before a child? */
		size_t n = strlen(depth_seen[i]);

		if (strncmp(path, depth_seen[i], n) == 0 && path[n] == '/')
			order_ok = 0;
	}
	if (ndepth < 64 && type == FTW_DP)
		snprintf(depth_seen[ndepth++], sizeof(depth_seen[0]), "%s", path);
	return 0;
}

static void flush(const char *title, int r)
{
	qsort(lines, (size_t)nlines, sizeof(lines[0]), by_text);
	printf("%s -> %d\n", title, r);
	for (int i = 0; i < nlines; i++)
		printf("  %s\n", lines[i]);
	nlines = 0;
}

static void make_file(const char *path, int size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	for (int i = 0; i < size; i++)
		write(fd, "x", 1);
	close(fd);
}

int main(void)
{
	int r;

	mkdir(ROOT, 0755);
	mkdir(ROOT "/empty", 0755);
	mkdir(ROOT "/sub", 0755);
	mkdir(ROOT "/sub/deeper", 0755);
	make_file(ROOT "/a", 3);
	make_file(ROOT "/sub/b", 10);
	make_file(ROOT "/sub/deeper/c", 0);
	symlink("a", ROOT "/link");
	symlink("nowhere", ROOT "/dangling");

	flush("nftw 0", nftw(ROOT, nvisit, 4, 0));
	flush("nftw PHYS", nftw(ROOT "//", nvisit, 4, FTW_PHYS));
	flush("nftw DEPTH|PHYS", nftw(ROOT, nvisit, 1, FTW_DEPTH | FTW_PHYS));
	flush("nftw MOUNT", nftw(ROOT "/sub", nvisit, 4, FTW_MOUNT));
	flush("nftw file", nftw(ROOT "/sub/b", nvisit, 4, 0));
	flush("ftw", ftw(ROOT, visit, 4));
	stop_at = "deeper/c";
	r = nftw(ROOT, nvisit, 4, 0);
	nlines = 0;
	printf("stop -> %d\n", r);
	stop_at = NULL;
	order_ok = 1;
	nftw(ROOT, depth_visit, 4, FTW_DEPTH);
	printf("depth order %s, %d directories after their contents\n", order_ok ? "ok" : "WRONG", ndepth);
	errno = 0;
	r = nftw(ROOT "/missing", nvisit, 4, 0);
	printf("missing -> %d errno %d (%d lines)\n", r, errno, nlines);
	nlines = 0;

	unlink(ROOT "/dangling");
	unlink(ROOT "/link");
	unlink(ROOT "/sub/deeper/c");
	unlink(ROOT "/sub/b");
	unlink(ROOT "/a");
	rmdir(ROOT "/sub/deeper");
	rmdir(ROOT "/sub");
	rmdir(ROOT "/empty");
	rmdir(ROOT);
	return 0;
}
