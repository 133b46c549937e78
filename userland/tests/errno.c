/* errno: system calls fail the Linux way. Wild pointers (low addresses and
 * kernel addresses) give EFAULT, not a crash of the kernel or the caller;
 * an unknown system call number gives ENOSYS; bad descriptors give EBADF;
 * and a handful of other classic errors. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "testlib.h"

#if defined(__x86_64__)
#define KERNEL_PTR ((void *)0xffff800000001000UL)
#else
#define KERNEL_PTR ((void *)0xc0001000UL)
#endif
#define LOW_PTR ((void *)16)

static void test_efault(void)
{
	int fds[2];
	char buf[16];

	pipe(fds);
	write(fds[1], "abcdefgh", 8);
	check_errno(write(fds[1], LOW_PTR, 4), EFAULT, "write from address 16");
	check_errno(write(fds[1], KERNEL_PTR, 4), EFAULT, "write from a kernel address");
	check_errno(read(fds[0], KERNEL_PTR, 4), EFAULT, "read into a kernel address");
	check(read(fds[0], buf, 8) == 8 && memcmp(buf, "abcdefgh", 8) == 0,
	      "the pipe still holds the data after the faults");
	check_errno(open(LOW_PTR, O_RDONLY), EFAULT, "open with path at address 16");
	check_errno(open(KERNEL_PTR, O_RDONLY), EFAULT, "open with a kernel path");
	check_errno(uname(KERNEL_PTR), EFAULT, "uname into a kernel address");
	check_errno(clock_gettime(CLOCK_MONOTONIC, LOW_PTR), EFAULT,
		    "clock_gettime into address 16");
	check_errno(nanosleep(KERNEL_PTR, NULL), EFAULT, "nanosleep reading a kernel address");
	check_errno(pipe2(KERNEL_PTR, 0), EFAULT, "pipe2 into a kernel address");
	check_errno(fstat(0, KERNEL_PTR), EFAULT, "fstat into a kernel address");
	check_errno(getcwd(KERNEL_PTR, 64) ? 0 : -1, EFAULT, "getcwd into a kernel address");
	check_errno(execve(LOW_PTR, NULL, NULL), EFAULT, "execve of path at address 16");
	check_errno(getrandom(KERNEL_PTR, 16, 0), EFAULT, "getrandom into a kernel address");
	close(fds[0]);
	close(fds[1]);
}

static void test_enosys(void)
{
	check_errno(syscall(9999, 1, 2, 3), ENOSYS, "system call 9999");
	check_errno(syscall(1000, 0, 0, 0), ENOSYS, "system call 1000");
}

static void test_ebadf(void)
{
	int fds[2];
	struct stat st;
	char c;

	check_errno(close(-1), EBADF, "close(-1)");
	check_errno(close(999), EBADF, "close(999)");
	check_errno(read(999, &c, 1), EBADF, "read(999)");
	check_errno(write(999, "x", 1), EBADF, "write(999)");
	check_errno(fstat(999, &st), EBADF, "fstat(999)");
	check_errno(dup(999), EBADF, "dup(999)");
	check_errno(dup2(999, 5), EBADF, "dup2(999, 5)");
	check_errno(lseek(999, 0, SEEK_SET), EBADF, "lseek(999)");
	check_errno(fcntl(999, F_GETFD), EBADF, "fcntl(999, F_GETFD)");
	check_errno(getdents64(999, &st, sizeof(st)), EBADF, "getdents64(999)");
	pipe(fds);
	check_errno(write(fds[0], "x", 1), EBADF, "write to a pipe's read end");
	check_errno(read(fds[1], &c, 1), EBADF, "read from a pipe's write end");
	close(fds[1]);
	check_errno(close(fds[1]), EBADF, "close twice");
	close(fds[0]);
}

static int quick_exit(void *arg)
{
	(void)arg;
	return 0;
}

static void test_others(void)
{
	static char long_path[5000];
	int fds[2];
	pid_t pid;

	check_errno(open("/nonexistent/jos-errno-test", O_RDONLY), ENOENT,
		    "open of a missing path");
	memset(long_path, 'a', sizeof(long_path) - 1);
	check_errno(open(long_path, O_RDONLY), ENAMETOOLONG, "open of a 4999-byte path");
	pipe(fds);
	check_errno(lseek(fds[0], 0, SEEK_SET), ESPIPE, "lseek on a pipe");
	check_errno(ioctl(fds[0], TCGETS, long_path), ENOTTY, "TCGETS on a pipe");
	check(!isatty(fds[0]), "a pipe is not a terminal");
	close(fds[0]);
	close(fds[1]);
	check_errno(waitpid(-1, NULL, 0), ECHILD, "waitpid with no children");
	pid = spawn(quick_exit, NULL);
	wait_for(pid);
	check_errno(kill(pid, 0), ESRCH, "kill of a reaped child");
	check_errno(kill(getpid(), 999), EINVAL, "kill with signal 999");
	check_errno((long)mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
		    EINVAL, "mmap of 0 bytes");
	check_errno(mkdir("/", 0755), EEXIST, "mkdir(\"/\")");
	check(kill(getpid(), 0) == 0, "kill(self, 0) succeeds");
	check(getrandom(long_path, 16, 0) == 16, "getrandom of 16 bytes succeeds");
	check_errno(getrandom(long_path, 16, 0x100), EINVAL, "getrandom with unknown flags");
}

int main(void)
{
	test_efault();
	test_enosys();
	test_ebadf();
	test_others();
	return finish("errno");
}
