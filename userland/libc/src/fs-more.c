/* The rest of the path and descriptor calls POSIX has: renaming, links,
 * permissions, ownership, times, truncation and syncing. All through the
 * *at() forms both architectures have. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/time.h>
#include "internal.h"

int renameat(int olddir, const char *old, int newdir, const char *new_path)
{
	return (int)__sysret_call(SYS_renameat2, olddir, old, newdir, new_path, 0);
}

int rename(const char *old, const char *new_path)
{
	return renameat(AT_FDCWD, old, AT_FDCWD, new_path);
}

int linkat(int olddir, const char *old, int newdir, const char *new_path,
	   int flags)
{
	return (int)__sysret_call(SYS_linkat, olddir, old, newdir, new_path,
				  flags);
}

int link(const char *old, const char *new_path)
{
	return linkat(AT_FDCWD, old, AT_FDCWD, new_path, 0);
}

int symlinkat(const char *target, int dir, const char *path)
{
	return (int)__sysret_call(SYS_symlinkat, target, dir, path);
}

int symlink(const char *target, const char *path)
{
	return symlinkat(target, AT_FDCWD, path);
}

ssize_t readlinkat(int dir, const char *path, char *buf, size_t size)
{
	return __sysret_call(SYS_readlinkat, dir, path, buf, size);
}

ssize_t readlink(const char *path, char *buf, size_t size)
{
	return readlinkat(AT_FDCWD, path, buf, size);
}

int faccessat(int dir, const char *path, int mode, int flags)
{
	(void)flags; /* the syscall has none: AT_EACCESS is the same for root */
	return (int)__sysret_call(SYS_faccessat, dir, path, mode);
}

int access(const char *path, int mode)
{
	return faccessat(AT_FDCWD, path, mode, 0);
}

int fchmodat(int dir, const char *path, mode_t mode, int flags)
{
	if (flags) {
		errno = EOPNOTSUPP;
		return -1;
	}
	return (int)__sysret_call(SYS_fchmodat, dir, path, mode);
}

int chmod(const char *path, mode_t mode)
{
	return fchmodat(AT_FDCWD, path, mode, 0);
}

int fchmod(int fd, mode_t mode)
{
	return (int)__sysret_call(SYS_fchmod, fd, mode);
}

int fchownat(int dir, const char *path, uid_t uid, gid_t gid, int flags)
{
	return (int)__sysret_call(SYS_fchownat, dir, path, uid, gid, flags);
}

int chown(const char *path, uid_t uid, gid_t gid)
{
	return fchownat(AT_FDCWD, path, uid, gid, 0);
}

int lchown(const char *path, uid_t uid, gid_t gid)
{
	return fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

int fchown(int fd, uid_t uid, gid_t gid)
{
	return (int)__sysret_call(SYS_fchown, fd, uid, gid);
}

int utimensat(int dir, const char *path, const struct timespec times[2],
	      int flags)
{
	return (int)__sysret_call(SYS_utimensat, dir, path, times, flags);
}

int futimens(int fd, const struct timespec times[2])
{
	return utimensat(fd, NULL, times, 0);
}

int utimes(const char *path, const struct timeval tv[2])
{
	struct timespec ts[2];

	if (!tv)
		return utimensat(AT_FDCWD, path, NULL, 0);
	for (int i = 0; i < 2; i++) {
		ts[i].tv_sec = tv[i].tv_sec;
		ts[i].tv_nsec = tv[i].tv_usec * 1000;
	}
	return utimensat(AT_FDCWD, path, ts, 0);
}

int ftruncate(int fd, off_t length)
{
	return (int)__sysret_call(SYS_ftruncate, fd, __OFF_ARGS(length));
}

int truncate(const char *path, off_t length)
{
	return (int)__sysret_call(SYS_truncate, path, __OFF_ARGS(length));
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	return __sysret_call(SYS_pread64, fd, buf, n, __OFF_ARGS(off));
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return __sysret_call(SYS_pwrite64, fd, buf, n, __OFF_ARGS(off));
}

int fsync(int fd) { return (int)__sysret_call(SYS_fsync, fd); }
int fdatasync(int fd) { return (int)__sysret_call(SYS_fdatasync, fd); }
void sync(void) { __sys(SYS_sync); }
int fchdir(int fd) { return (int)__sysret_call(SYS_fchdir, fd); }

mode_t umask(mode_t mask)
{
	return (mode_t)__sys(SYS_umask, mask);
}

int mknodat(int dir, const char *path, mode_t mode, dev_t dev)
{
	return (int)__sysret_call(SYS_mknodat, dir, path, mode, (unsigned)dev);
}

int mknod(const char *path, mode_t mode, dev_t dev)
{
	return mknodat(AT_FDCWD, path, mode, dev);
}

int mkfifo(const char *path, mode_t mode)
{
	return mknod(path, (mode & 07777) | S_IFIFO, 0);
}
