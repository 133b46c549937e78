/* Wrappers for calls on open file descriptors: I/O, duplication, pipes,
 * fcntl and ioctl. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include "internal.h"

ssize_t read(int fd, void *buf, size_t n)
{
	return __sysret_call(SYS_read, fd, buf, n);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return __sysret_call(SYS_write, fd, buf, n);
}

ssize_t readv(int fd, const struct iovec *iov, int count)
{
	return __sysret_call(SYS_readv, fd, iov, count);
}

ssize_t writev(int fd, const struct iovec *iov, int count)
{
	return __sysret_call(SYS_writev, fd, iov, count);
}

int close(int fd)
{
	return (int)__sysret_call(SYS_close, fd);
}

off_t lseek(int fd, off_t offset, int whence)
{
	off_t result;
	long r = __sysret(__arch_lseek(fd, offset, whence, &result));

	return r < 0 ? -1 : result;
}

int dup(int fd)
{
	return (int)__sysret_call(SYS_dup, fd);
}

int dup3(int oldfd, int newfd, int flags)
{
	return (int)__sysret_call(SYS_dup3, oldfd, newfd, flags);
}

/* dup2 over dup3 (riscv32 has no dup2): dup3 refuses oldfd == newfd, where
 * dup2 must only check that oldfd is open. */
int dup2(int oldfd, int newfd)
{
	if (oldfd == newfd)
		return fcntl(oldfd, F_GETFD) < 0 ? -1 : newfd;
	return dup3(oldfd, newfd, 0);
}

int pipe2(int fds[2], int flags)
{
	return (int)__sysret_call(SYS_pipe2, fds, flags);
}

int pipe(int fds[2])
{
	return pipe2(fds, 0);
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return (int)__sysret_call(SYS_fcntl, fd, cmd, arg);
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	long arg;

	va_start(ap, request);
	arg = va_arg(ap, long);
	va_end(ap);
	return (int)__sysret_call(SYS_ioctl, fd, request, arg);
}

/* A terminal answers TCGETS; anything else says ENOTTY. The buffer is
 * larger than any architecture's kernel termios. */
int isatty(int fd)
{
	unsigned char termios[64];

	return ioctl(fd, TCGETS, termios) == 0;
}
