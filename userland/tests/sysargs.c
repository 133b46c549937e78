/* sysargs: system call arguments are decoded as Linux decodes them. Each
 * argument arrives in a full machine register; a call whose C parameter is
 * an int or an unsigned int uses the low 32 bits only, so a sign-extended
 * -1 (0xffffffffffffffff on x86_64), AT_FDCWD (-100) and a value with
 * garbage in the upper half all mean their 32-bit selves, while a long
 * (lseek's offset) keeps its sign. The calls go through raw syscall() with
 * the registers spelled out; on riscv32 a register is 32 bits wide, so the
 * same checks pass with nothing in an upper half, and print the same. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "testlib.h"

#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE 128
#define EFD_NONBLOCK O_NONBLOCK

#if __SIZEOF_LONG__ == 8
/* `v` as a 32-bit value with 0x5a5a5a5a in the register's upper half. */
#define HIGH(v) ((long)((0x5a5a5a5aUL << 32) | (uint32_t)(v)))
#else
#define HIGH(v) ((long)(v))
#endif
/* `v` sign-extended to the whole register, as a compiler passes an int. */
#define SEXT(v) ((long)(int)(v))

/* The raw result: -errno on failure (syscall() sets errno and returns -1). */
static long raw(long r)
{
	return r == -1 ? -errno : r;
}

static void test_descriptors(void)
{
	int fds[2];
	char c = 0;

	long dir = raw(syscall(SYS_openat, SEXT(AT_FDCWD), (long)"/", SEXT(O_RDONLY | O_DIRECTORY), 0L));
	check(dir >= 0, "openat(AT_FDCWD sign-extended, \"/\") opens the root");
	if (dir >= 0) close(dir);
	dir = raw(syscall(SYS_openat, HIGH(AT_FDCWD), (long)"/", HIGH(O_RDONLY | O_DIRECTORY), HIGH(0)));
	check(dir >= 0, "openat(AT_FDCWD with a garbage upper half) opens the root");
	if (dir >= 0) close(dir);

	check(raw(syscall(SYS_close, SEXT(-1))) == -EBADF, "close(-1 sign-extended): EBADF");
	check(raw(syscall(SYS_close, HIGH(-1))) == -EBADF, "close(-1 with a garbage upper half): EBADF");
	check(raw(syscall(SYS_read, SEXT(-1), (long)&c, 1L)) == -EBADF, "read(-1): EBADF");

	pipe(fds);
	check(raw(syscall(SYS_write, HIGH(fds[1]), (long)"z", 1L)) == 1, "write to a pipe fd with a garbage upper half");
	check(raw(syscall(SYS_read, HIGH(fds[0]), (long)&c, 1L)) == 1 && c == 'z', "read it back through the same kind of fd");
	check(raw(syscall(SYS_fcntl, HIGH(fds[0]), HIGH(F_GETFD), 0L)) == 0, "fcntl(fd, F_GETFD) with garbage upper halves");
	long dup = raw(syscall(SYS_dup3, HIGH(fds[0]), HIGH(40), HIGH(O_CLOEXEC)));
	check(dup == 40, "dup3 onto 40 with garbage upper halves returns 40 (%ld)", dup);
	check(fcntl(40, F_GETFD) == FD_CLOEXEC, "and the flag argument's low half set FD_CLOEXEC");
	close(40);
	close(fds[0]);
	close(fds[1]);
}

/* lseek's offset is an off_t: a long on x86_64 (the whole register, sign
 * and all); riscv32 has llseek with the 64-bit offset in two registers. */
static long seek(int fd, long offset, int whence)
{
#ifdef SYS_lseek
	return raw(syscall(SYS_lseek, HIGH(fd), offset, HIGH(whence)));
#else
	int64_t result = 0;
	long r = raw(syscall(SYS_llseek, (long)fd, (long)(offset < 0 ? -1 : 0), offset, (long)&result, (long)whence));
	return r < 0 ? r : (long)result;
#endif
}

static void test_offsets(const char *self)
{
	int fd = open(self, O_RDONLY);
	if (!check(fd >= 0, "open this program's own file")) return;
	check(seek(fd, 100, SEEK_SET) == 100, "lseek to 100");
	check(seek(fd, -1, SEEK_CUR) == 99, "lseek by -1 from there: 99");
	check(seek(fd, -40, SEEK_CUR) == 59, "lseek by -40: 59");
	check(seek(fd, -1000, SEEK_CUR) == -EINVAL, "lseek before the start: EINVAL");
	check(seek(fd, 0, SEEK_CUR) == 59, "and the position stays 59");
	close(fd);
}

/* mmap's offset is an off_t. x86_64's mmap takes it in bytes, as a long:
 * one that is not a multiple of the page size (-1, 1) is EINVAL, and a
 * negative multiple, which no file reaches, is EOVERFLOW for a file (an
 * anonymous mapping ignores it). riscv32's mmap2 counts pages in an
 * unsigned long: the libc refuses what it cannot express (EINVAL, as
 * glibc does). */
static long map_file(int fd, long offset)
{
#ifdef SYS_mmap
	return raw(syscall(SYS_mmap, 0L, 4096L, HIGH(PROT_READ), HIGH(MAP_PRIVATE), HIGH(fd), offset));
#else
	void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, offset);
	return p == MAP_FAILED ? -errno : (long)p;
#endif
}

static void test_mmap_offsets(const char *self)
{
	int fd = open(self, O_RDONLY);
	char want[16], *got;
	if (!check(fd >= 0, "open this program's own file")) return;
	check(map_file(fd, -1) == -EINVAL, "mmap of a file at offset -1: EINVAL");
	check(map_file(fd, 1) == -EINVAL, "at offset 1: EINVAL");
	check(map_file(fd, 4095) == -EINVAL, "at offset 4095: EINVAL");
#ifdef SYS_mmap
	long r = raw(syscall(SYS_mmap, 0L, 4096L, (long)PROT_READ, (long)(MAP_PRIVATE | MAP_ANONYMOUS), -1L, -1L));
	long negative = raw(syscall(SYS_mmap, 0L, 4096L, (long)PROT_READ, (long)MAP_PRIVATE, (long)fd, -4096L));
	const long refused = -EOVERFLOW;
#else
	void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, -1);
	long r = p == MAP_FAILED ? -errno : 0;
	long negative = map_file(fd, -4096);
	const long refused = -EINVAL;
#endif
	check(r == -EINVAL, "an anonymous mapping at offset -1: EINVAL");
	check(negative == refused, "a file at offset -4096: EOVERFLOW from x86_64's mmap, EINVAL from riscv32's libc");
	long at = map_file(fd, 4096);
	got = (char *)at;
	if (check((unsigned long)at < -4096UL, "mmap at offset 4096 maps the file")) {
		check(pread(fd, want, sizeof want, 4096) == (long)sizeof want && memcmp(got, want, sizeof want) == 0,
		      "with the bytes at 4096 in it");
		munmap(got, 4096);
	}
	close(fd);
}

static void test_processes(void)
{
	int status = 0;
	pid_t self = getpid();

	check(raw(syscall(SYS_getpid)) == self, "getpid");
	check(raw(syscall(HIGH(SYS_getpid))) == self, "the system call number's upper half is ignored");
	check(raw(syscall(SYS_kill, HIGH(self), HIGH(0))) == 0, "kill(own pid, 0) with garbage upper halves");
	check(raw(syscall(SYS_kill, HIGH(self), HIGH(-1))) == -EINVAL, "kill with signal -1: EINVAL");

	/* A child in a process group of its own, waiting for a byte. */
	int go[2];
	char c = 0;
	pipe(go);
	pid_t child = fork();
	if (child == 0) {
		setpgid(0, 0);
		_exit(read(go[0], &c, 1) == 1 ? 7 : 1);
	}
	setpgid(child, child);
	check(raw(syscall(SYS_kill, SEXT(-child), SEXT(0))) == 0, "kill(-pgid sign-extended, 0) reaches the child's group");
	check(raw(syscall(SYS_kill, HIGH(-child), HIGH(0))) == 0, "and with a garbage upper half");
	write(go[1], "g", 1);
	close(go[0]);
	close(go[1]);
#ifdef SYS_wait4
	long got = raw(syscall(SYS_wait4, SEXT(-1), (long)&status, HIGH(0), 0L));
#else
	/* riscv32's table has no wait4: waitid(P_ALL) is the same request. */
	siginfo_t info;
	long got = raw(syscall(SYS_waitid, (long)P_ALL, 0L, (long)&info, (long)WEXITED, 0L));
	if (got == 0) {
		got = info.si_pid;
		status = (info.si_status & 0xff) << 8;
	}
#endif
	check(got == child && WIFEXITED(status) && WEXITSTATUS(status) == 7, "wait for pid -1 reaps the child: %s",
	      describe_status(status));
#ifdef SYS_wait4
	got = raw(syscall(SYS_wait4, SEXT(-1), (long)&status, HIGH(WNOHANG), 0L));
#else
	got = raw(syscall(SYS_waitid, (long)P_ALL, 0L, (long)&info, (long)(WEXITED | WNOHANG), 0L));
#endif
	check(got == -ECHILD, "and with no children left: ECHILD");
}

static void test_futex(void)
{
	static int word = -1;
	struct timespec past = { 0, 0 };

	/* The expected value and the bitset are unsigned ints: a sign-extended
	 * -1 is 0xffffffff (FUTEX_BITSET_MATCH_ANY). An absolute deadline in
	 * the past: the wait returns ETIMEDOUT once the value matches. */
	long r = raw(syscall(SYS_futex, (long)&word, SEXT(FUTEX_WAIT_BITSET | FUTEX_PRIVATE), SEXT(-1), (long)&past, 0L, SEXT(-1)));
	check(r == -ETIMEDOUT, "FUTEX_WAIT_BITSET, value and bitset -1 sign-extended: ETIMEDOUT (%s)", strerror((int)-r));
	r = raw(syscall(SYS_futex, (long)&word, HIGH(FUTEX_WAIT_BITSET | FUTEX_PRIVATE), HIGH(-2), (long)&past, 0L, HIGH(-1)));
	check(r == -EAGAIN, "the same with value -2 in garbage: EAGAIN (%s)", strerror((int)-r));
	r = raw(syscall(SYS_futex, (long)&word, SEXT(FUTEX_WAIT_BITSET | FUTEX_PRIVATE), SEXT(-1), (long)&past, 0L, HIGH(0)));
	check(r == -EINVAL, "a bitset whose low half is 0: EINVAL (%s)", strerror((int)-r));
	r = raw(syscall(SYS_futex, (long)&word, SEXT(FUTEX_WAKE_BITSET | FUTEX_PRIVATE), SEXT(1), 0L, 0L, SEXT(-1)));
	check(r == 0, "FUTEX_WAKE_BITSET with bitset -1 sign-extended wakes nobody (%ld)", r);
}

static void test_values(void)
{
	uint64_t count = 0;
	struct timespec ts;

	long fd = raw(syscall(SYS_eventfd2, HIGH(5), HIGH(EFD_NONBLOCK)));
	if (check(fd >= 0, "eventfd2 with garbage upper halves")) {
		long got = read((int)fd, &count, 8);
		check(got == 8 && count == 5, "its counter starts at the low half: %llu", (unsigned long long)count);
		close((int)fd);
	}
#ifdef SYS_clock_gettime64
	long n = SYS_clock_gettime64;
#else
	long n = SYS_clock_gettime;
#endif
	check(raw(syscall(n, HIGH(CLOCK_MONOTONIC), (long)&ts)) == 0, "clock_gettime(CLOCK_MONOTONIC in garbage)");
	check(raw(syscall(n, SEXT(-1), (long)&ts)) == -EINVAL, "clock_gettime(clock -1): EINVAL");

	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	check(raw(syscall(SYS_rt_sigprocmask, HIGH(SIG_BLOCK), (long)&set, (long)&old, 8L)) == 0,
	      "rt_sigprocmask(SIG_BLOCK in garbage)");
	sigprocmask(SIG_SETMASK, NULL, &set);
	check(sigismember(&set, SIGUSR1) == 1, "blocked SIGUSR1");
	sigprocmask(SIG_SETMASK, &old, NULL);
	check(raw(syscall(SYS_rt_sigprocmask, SEXT(-1), (long)&set, 0L, 8L)) == -EINVAL, "rt_sigprocmask(how -1): EINVAL");
}

int main(int argc, char **argv)
{
	(void)argc;
	test_descriptors();
	test_offsets(argv[0]);
	test_mmap_offsets(argv[0]);
	test_processes();
	test_futex();
	test_values();
	return finish("sysargs");
}
