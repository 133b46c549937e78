/* x86_64 hooks: this ABI has every classic call, and its kernel struct stat
 * and struct timespec are exactly the libc's, so each hook is one call. */
#include <sys/stat.h>
#include <time.h>
#include "../../src/internal.h"

const int __arch_open_flags = 0; /* O_LARGEFILE is implied on 64-bit */

long __arch_fork(void)
{
	return __syscall0(SYS_fork);
}

long __arch_waitpid(pid_t pid, int *status, int options)
{
	return __syscall4(SYS_wait4, pid, (long)status, options, 0);
}

long __arch_lseek(int fd, off_t offset, int whence, off_t *result)
{
	long r = __syscall3(SYS_lseek, fd, offset, whence);

	if (r >= 0)
		*result = r;
	return r;
}

long __arch_mmap(void *addr, size_t len, int prot, int flags, int fd,
		 off_t off)
{
	return __syscall6(SYS_mmap, (long)addr, (long)len, prot, flags, fd, off);
}

long __arch_fstat(int fd, struct stat *st)
{
	return __syscall2(SYS_fstat, fd, (long)st);
}

long __arch_fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	return __syscall4(SYS_newfstatat, dirfd, (long)path, (long)st, flags);
}

long __arch_clock_gettime(clockid_t clock, struct timespec *ts)
{
	return __syscall2(SYS_clock_gettime, clock, (long)ts);
}

long __arch_clock_getres(clockid_t clock, struct timespec *ts)
{
	return __syscall2(SYS_clock_getres, clock, (long)ts);
}

long __arch_clock_nanosleep(clockid_t clock, int flags,
			    const struct timespec *req, struct timespec *rem)
{
	return __syscall4(SYS_clock_nanosleep, clock, flags, (long)req,
			  (long)rem);
}

long __arch_nanosleep(const struct timespec *req, struct timespec *rem)
{
	return __syscall2(SYS_nanosleep, (long)req, (long)rem);
}

/* Signal handlers return here (sa_restorer): rt_sigreturn. */
__asm__(".text\n"
	".global __restore_rt\n"
	".type __restore_rt, @function\n"
	"__restore_rt:\n"
	"\tmov $15, %eax\n"
	"\tsyscall\n"
	".size __restore_rt, .-__restore_rt\n");
