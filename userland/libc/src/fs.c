/* Wrappers for path-based calls. Everything goes through the *at() forms,
 * which both architectures have (riscv32 has no open, mkdir or unlink). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>
#include "internal.h"

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return (int)__sysret_call(SYS_openat, dirfd, path,
				  flags | __arch_open_flags, mode);
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return openat(AT_FDCWD, path, flags, mode);
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int chdir(const char *path)
{
	return (int)__sysret_call(SYS_chdir, path);
}

/* The syscall returns the length; POSIX returns the buffer. A NULL buffer
 * asks us to allocate one, as the common libcs allow. */
char *getcwd(char *buf, size_t size)
{
	char *mine = NULL;

	if (!buf) {
		size = size ? size : 4096;
		buf = mine = malloc(size);
		if (!buf)
			return NULL;
	}
	if (__sysret_call(SYS_getcwd, buf, size) < 0) {
		free(mine);
		return NULL;
	}
	return buf;
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return (int)__sysret_call(SYS_mkdirat, dirfd, path, mode);
}

int mkdir(const char *path, mode_t mode)
{
	return mkdirat(AT_FDCWD, path, mode);
}

int unlinkat(int dirfd, const char *path, int flags)
{
	return (int)__sysret_call(SYS_unlinkat, dirfd, path, flags);
}

int unlink(const char *path)
{
	return unlinkat(AT_FDCWD, path, 0);
}

int rmdir(const char *path)
{
	return unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

ssize_t getdents64(int fd, void *buf, size_t n)
{
	return __sysret_call(SYS_getdents64, fd, buf, n);
}

int fstat(int fd, struct stat *st)
{
	return (int)__sysret(__arch_fstat(fd, st));
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	return (int)__sysret(__arch_fstatat(dirfd, path, st, flags));
}

int stat(const char *path, struct stat *st)
{
	return fstatat(AT_FDCWD, path, st, 0);
}

int lstat(const char *path, struct stat *st)
{
	return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}
