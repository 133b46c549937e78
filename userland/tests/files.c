/* files: the file system calls on a directory tree given as argument.
 * Usage: files [-w] DIR, where DIR holds a copy of userland/tests/fixture:
 *   hello.txt ("Hello from a file.\n"), numbers.txt ("0\n" .. "99\n"),
 *   empty (0 bytes), sub/nested.txt ("nested\n").
 * Read-only checks: getdents64, openat, fstat, read, lseek, getcwd, chdir
 * and their errors. With -w it also creates, appends to, truncates and
 * removes files and a directory inside DIR (and leaves DIR as it found it). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "testlib.h"

#define MAX_NAMES 32

static int dirfd_;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *kind(mode_t mode)
{
	return S_ISDIR(mode) ? "dir" : S_ISREG(mode) ? "file" : "other";
}

/* Reads the directory with a small buffer (several getdents64 calls),
 * then prints the entries sorted, since the order is the file system's. */
static void test_listing(void)
{
	char buf[96] __attribute__((aligned(8)));
	char *names[MAX_NAMES];
	int n = 0, dot = 0, dotdot = 0, calls = 0;
	ssize_t got;

	while ((got = getdents64(dirfd_, buf, sizeof(buf))) > 0) {
		calls++;
		for (ssize_t off = 0; off < got;) {
			struct linux_dirent64 *d = (void *)(buf + off);

			dot += strcmp(d->d_name, ".") == 0;
			dotdot += strcmp(d->d_name, "..") == 0;
			if (strcmp(d->d_name, ".") && strcmp(d->d_name, "..") &&
			    n < MAX_NAMES)
				names[n++] = strdup(d->d_name);
			off += d->d_reclen;
		}
	}
	check(got == 0 && calls > 1, "getdents64 in several calls, ending with 0");
	check(dot == 1 && dotdot == 1, "\".\" and \"..\" listed once each");
	qsort(names, (size_t)n, sizeof(names[0]), by_name);
	for (int i = 0; i < n; i++) {
		struct stat st;

		if (fstatat(dirfd_, names[i], &st, 0) == 0)
			printf("entry %s: %s, %lld bytes\n", names[i],
			       kind(st.st_mode),
			       S_ISDIR(st.st_mode) ? 0LL : (long long)st.st_size);
		free(names[i]);
	}
	check(n == 4, "4 entries besides . and ..");
}

/* Reads in 7-byte pieces so reads end mid-buffer and at odd offsets. */
static void test_read(const char *name, size_t want_size)
{
	int fd = openat(dirfd_, name, O_RDONLY);
	unsigned char buf[7];
	size_t total = 0;
	uint32_t crc = 0;
	struct stat st;
	ssize_t n;

	if (!check(fd >= 0, "openat(%s)", name))
		return;
	check(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	      st.st_size == (off_t)want_size, "fstat(%s): regular, %lu bytes",
	      name, (unsigned long)want_size);
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		crc = crc32(crc, buf, (size_t)n);
		total += (size_t)n;
	}
	check(n == 0 && total == want_size, "read %s to EOF: %lu bytes, crc 0x%08x",
	      name, (unsigned long)total, (unsigned)crc);
	close(fd);
}

static void test_lseek(void)
{
	int fd = openat(dirfd_, "numbers.txt", O_RDONLY);
	char buf[8] = { 0 };

	check(lseek(fd, 0, SEEK_END) == 290, "SEEK_END is the size (290)");
	check(lseek(fd, 10, SEEK_SET) == 10 && read(fd, buf, 5) == 5 &&
	      memcmp(buf, "5\n6\n7", 5) == 0, "SEEK_SET 10 then read \"5\\n6\\n7\"");
	check(lseek(fd, -3, SEEK_CUR) == 12 && read(fd, buf, 2) == 2 &&
	      memcmp(buf, "6\n", 2) == 0, "SEEK_CUR -3 lands on \"6\\n\"");
	check(lseek(fd, 1000, SEEK_SET) == 1000 && read(fd, buf, 1) == 0,
	      "reading past the end gives 0");
	check_errno(lseek(fd, -1, SEEK_SET), EINVAL, "lseek to -1");
	check_errno(lseek(fd, 0, 77), EINVAL, "lseek with whence 77");
	close(fd);
}

static void test_nested_and_errors(void)
{
	int fd = openat(dirfd_, "sub/nested.txt", O_RDONLY);
	char buf[16] = { 0 };

	check(fd >= 0 && read(fd, buf, sizeof(buf)) == 7 &&
	      strcmp(buf, "nested\n") == 0, "openat through a subdirectory");
	check_errno(write(fd, "x", 1), EBADF, "write to an O_RDONLY file");
	close(fd);
	check_errno(openat(dirfd_, "missing", O_RDONLY), ENOENT, "openat(missing)");
	check_errno(openat(dirfd_, "hello.txt", O_RDONLY | O_DIRECTORY), ENOTDIR,
		    "O_DIRECTORY on a file");
	check_errno(openat(dirfd_, "hello.txt/x", O_RDONLY), ENOTDIR,
		    "a file used as a directory");
	fd = openat(dirfd_, "sub", O_RDONLY | O_DIRECTORY);
	check_errno(read(fd, buf, 1), EISDIR, "read from a directory");
	close(fd);
}

/* chdir into DIR: relative opens work and getcwd ends in DIR's name. */
static void test_cwd(const char *dir)
{
	char cwd[512];
	const char *base = strrchr(dir, '/');
	int fd;

	base = base && base[1] ? base + 1 : dir;
	check(chdir(dir) == 0, "chdir(DIR)");
	check(getcwd(cwd, sizeof(cwd)) == cwd && cwd[0] == '/' &&
	      strcmp(strrchr(cwd, '/') + 1, base) == 0,
	      "getcwd is absolute and ends in DIR's name");
	fd = open("hello.txt", O_RDONLY);
	check(fd >= 0, "relative open after chdir");
	close(fd);
	check(chdir("sub") == 0 && open("nested.txt", O_RDONLY) >= 0,
	      "chdir(sub), then open nested.txt");
	check(chdir("..") == 0, "chdir(..)");
	check_errno(chdir("hello.txt"), ENOTDIR, "chdir to a file");
	check_errno(getcwd(cwd, 1) ? 0 : -1, ERANGE, "getcwd into 1 byte");
}

static void test_write_file(void)
{
	unsigned char data[3000], back[3000];
	struct stat st;
	int fd;

	for (int i = 0; i < 3000; i++)
		data[i] = (unsigned char)(i * 7 + 3);
	fd = openat(dirfd_, "tmp-file", O_RDWR | O_CREAT | O_EXCL, 0644);
	check(fd >= 0, "create tmp-file with O_CREAT|O_EXCL");
	check(write(fd, data, sizeof(data)) == 3000, "write 3000 bytes");
	check(lseek(fd, 0, SEEK_SET) == 0 && read(fd, back, sizeof(back)) == 3000 &&
	      memcmp(data, back, 3000) == 0, "seek back and read the same bytes");
	check(fstat(fd, &st) == 0 && st.st_size == 3000, "fstat size 3000");
	close(fd);
	check_errno(openat(dirfd_, "tmp-file", O_RDWR | O_CREAT | O_EXCL, 0644),
		    EEXIST, "O_EXCL on an existing file");
	fd = openat(dirfd_, "tmp-file", O_WRONLY | O_APPEND);
	check(write(fd, "tail", 4) == 4 && fstat(fd, &st) == 0 &&
	      st.st_size == 3004, "O_APPEND adds at the end (3004 bytes)");
	close(fd);
	fd = openat(dirfd_, "tmp-file", O_WRONLY | O_TRUNC);
	check(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0,
	      "O_TRUNC empties it");
	close(fd);
	check(unlinkat(dirfd_, "tmp-file", 0) == 0, "unlinkat(tmp-file)");
	check_errno(openat(dirfd_, "tmp-file", O_RDONLY), ENOENT,
		    "gone after unlink");
}

static void test_write_dir(void)
{
	struct stat st;
	int fd;

	check(mkdirat(dirfd_, "tmp-dir", 0755) == 0, "mkdirat(tmp-dir)");
	check(fstatat(dirfd_, "tmp-dir", &st, 0) == 0 && S_ISDIR(st.st_mode),
	      "it is a directory");
	check_errno(mkdirat(dirfd_, "tmp-dir", 0755), EEXIST, "mkdirat again");
	fd = openat(dirfd_, "tmp-dir/f", O_WRONLY | O_CREAT, 0644);
	close(fd);
	check_errno(unlinkat(dirfd_, "tmp-dir", AT_REMOVEDIR), ENOTEMPTY,
		    "rmdir of a non-empty directory");
	check_errno(unlinkat(dirfd_, "tmp-dir", 0), EISDIR,
		    "unlink (not rmdir) of a directory");
	check(unlinkat(dirfd_, "tmp-dir/f", 0) == 0 &&
	      unlinkat(dirfd_, "tmp-dir", AT_REMOVEDIR) == 0,
	      "remove the file, then the directory");
}

int main(int argc, char **argv)
{
	int writes = argc > 2 && strcmp(argv[1], "-w") == 0;
	const char *dir = argv[argc - 1];

	if (argc < 2) {
		printf("usage: files [-w] DIR\n");
		return 2;
	}
	dirfd_ = open(dir, O_RDONLY | O_DIRECTORY);
	if (!check(dirfd_ >= 0, "open(DIR, O_DIRECTORY)"))
		return finish("files");
	test_listing();
	test_read("hello.txt", 19);
	test_read("numbers.txt", 290);
	test_read("empty", 0);
	test_lseek();
	test_nested_and_errors();
	test_cwd(dir);
	if (writes) {
		test_write_file();
		test_write_dir();
	}
	return finish("files");
}
