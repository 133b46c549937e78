/* Private to the libc: the raw-syscall helpers shared by the wrappers and
 * the per-architecture hooks that arch/<arch>/syscall.c provides. */
#ifndef _LIBC_INTERNAL_H
#define _LIBC_INTERNAL_H

#include <stddef.h>
#include <sys/types.h>
#include <signal.h>
#include "syscall.h"

/* __sys(SYS_x, a, b, ...) picks __syscallN by the number of arguments and
 * casts each to long, so wrappers read like the C prototypes. */
#define __SC_NARGS(...) __SC_NARGS_(__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0, )
#define __SC_NARGS_(a, b, c, d, e, f, g, n, ...) n
#define __SC_CAT(a, b) __SC_CAT_(a, b)
#define __SC_CAT_(a, b) a##b
#define __sys(...) __SC_CAT(__sys_, __SC_NARGS(__VA_ARGS__))(__VA_ARGS__)
#define __sys_0(n) __syscall0(n)
#define __sys_1(n, a) __syscall1(n, (long)(a))
#define __sys_2(n, a, b) __syscall2(n, (long)(a), (long)(b))
#define __sys_3(n, a, b, c) __syscall3(n, (long)(a), (long)(b), (long)(c))
#define __sys_4(n, a, b, c, d) \
	__syscall4(n, (long)(a), (long)(b), (long)(c), (long)(d))
#define __sys_5(n, a, b, c, d, e) \
	__syscall5(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e))
#define __sys_6(n, a, b, c, d, e, f)                                      \
	__syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), \
		   (long)(f))

/* A 64-bit offset as system call arguments: one register on LP64, two
 * (low half first) on riscv32, whose *64 calls take it split. */
#if __SIZEOF_LONG__ == 4
#define __OFF_ARGS(o) (long)(o), (long)((unsigned long long)(o) >> 32)
#else
#define __OFF_ARGS(o) (long)(o)
#endif

/* A raw result in [-4095, -1] is -errno (Linux's convention, which leaves
 * the last page of the address space unusable as a return value). */
long __sysret(long r);
#define __sysret_call(...) __sysret(__sys(__VA_ARGS__))

/* Architecture hooks, each returning the raw result (or -errno). They exist
 * because riscv32's table lacks the classic calls (see bits/sysnum.h). */
struct stat;
struct timespec;
long __arch_fork(void);
long __arch_waitpid(pid_t pid, int *status, int options);
long __arch_lseek(int fd, off_t offset, int whence, off_t *result);
long __arch_mmap(void *addr, size_t len, int prot, int flags, int fd,
		 off_t off);
long __arch_fstat(int fd, struct stat *st);
long __arch_fstatat(int dirfd, const char *path, struct stat *st, int flags);
long __arch_clock_gettime(clockid_t clock, struct timespec *ts);
long __arch_clock_getres(clockid_t clock, struct timespec *ts);
long __arch_clock_nanosleep(clockid_t clock, int flags,
			    const struct timespec *req, struct timespec *rem);
long __arch_nanosleep(const struct timespec *req, struct timespec *rem);
/* Flags the kernel wants on every open (O_LARGEFILE on 32-bit). */
extern const int __arch_open_flags;

/* Converts a waitid() result into the classic wait status word. */
int __wait_status_from_siginfo(const siginfo_t *info);

/* Set by stdio when linked, so exit() and fork() can flush it. */
void __stdio_flush_all(void) __attribute__((weak));
/* init-fini.c: the .init_array constructors and .fini_array destructors. */
void __libc_run_constructors(int argc, char **argv, char **envp);
void __libc_run_destructors(void);
/* start.c: the auxiliary vector of the initial stack. */
extern unsigned long *__auxv;

#endif
