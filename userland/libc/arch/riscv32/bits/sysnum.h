/* riscv32 system call numbers: Linux's include/uapi/asm-generic/unistd.h as
 * seen by a 32-bit RISC-V build (no __ARCH_WANT_TIME32_SYSCALLS, no
 * __ARCH_WANT_NEW_STAT, no __ARCH_WANT_STAT64). That table has no open,
 * fork, wait4, nanosleep, clock_gettime, fstat or lseek; the libc uses
 * openat, clone, waitid, clock_*_time64, statx and llseek instead. */
#ifndef _BITS_SYSNUM_H
#define _BITS_SYSNUM_H

#define SYS_getcwd                 17
#define SYS_dup                    23
#define SYS_dup3                   24
#define SYS_fcntl64                25
#define SYS_ioctl                  29
#define SYS_mkdirat                34
#define SYS_unlinkat               35
#define SYS_chdir                  49
#define SYS_openat                 56
#define SYS_close                  57
#define SYS_pipe2                  59
#define SYS_getdents64             61
#define SYS_llseek                 62
#define SYS_read                   63
#define SYS_write                  64
#define SYS_readv                  65
#define SYS_writev                 66
#define SYS_exit                   93
#define SYS_exit_group             94
#define SYS_waitid                 95
#define SYS_set_tid_address        96
#define SYS_sched_yield            124
#define SYS_kill                   129
#define SYS_rt_sigaction           134
#define SYS_rt_sigprocmask         135
#define SYS_uname                  160
#define SYS_getpid                 172
#define SYS_getppid                173
#define SYS_setpgid                154
#define SYS_gettid                 178
#define SYS_brk                    214
#define SYS_munmap                 215
#define SYS_clone                  220
#define SYS_execve                 221
#define SYS_mmap2                  222
#define SYS_mprotect               226
#define SYS_getrandom              278
#define SYS_statx                  291
#define SYS_clock_gettime64        403
#define SYS_clock_getres_time64    406
#define SYS_clock_nanosleep_time64 407

/* The generic names, so portable code can say SYS_fcntl. */
#define SYS_fcntl SYS_fcntl64

#define SYS_reboot                 142

/* Sockets, epoll, eventfd. */
#define SYS_eventfd2                 19
#define SYS_epoll_create1            20
#define SYS_epoll_ctl                21
#define SYS_epoll_pwait              22
#define SYS_socket                   198
#define SYS_socketpair               199
#define SYS_bind                     200
#define SYS_listen                   201
#define SYS_connect                  203
#define SYS_getsockname              204
#define SYS_getpeername              205
#define SYS_sendto                   206
#define SYS_recvfrom                 207
#define SYS_setsockopt               208
#define SYS_getsockopt               209
#define SYS_shutdown                 210
#define SYS_sendmsg                  211
#define SYS_recvmsg                  212
#define SYS_accept4                  242

#endif
