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

/* Added for the hosted libc (files, time, terminals, limits). ppoll,
 * pselect6 and utimensat are the *_time64 calls (our timespec), ftruncate
 * and truncate the *64 ones (offset split into two registers). */
#define SYS_ppoll                    414
#define SYS_pselect6                 413
#define SYS_prlimit64                261
#define SYS_getrusage                165
#define SYS_renameat2                276
#define SYS_linkat                   37
#define SYS_symlinkat                36
#define SYS_readlinkat               78
#define SYS_utimensat                412
#define SYS_times                    153
#define SYS_setsid                   157
#define SYS_getpgid                  155
#define SYS_getuid                   174
#define SYS_geteuid                  175
#define SYS_getgid                   176
#define SYS_getegid                  177
#define SYS_umask                    166
#define SYS_fchmodat                 53
#define SYS_fchownat                 54
#define SYS_faccessat                48
#define SYS_ftruncate                46
#define SYS_truncate                 45
#define SYS_fsync                    82
#define SYS_fdatasync                83
#define SYS_rt_sigsuspend            133
#define SYS_rt_sigpending            136
#define SYS_setitimer                103
#define SYS_getitimer                102
#define SYS_fchdir                   50
#define SYS_pread64                  67
#define SYS_pwrite64                 68
#define SYS_fchmod                   52
#define SYS_fchown                   55
#define SYS_sync                     81
#define SYS_sysinfo                  179
#define SYS_setuid                   146
#define SYS_setgid                   144
#define SYS_mknodat                  33
#define SYS_getgroups                158
#define SYS_getsid                   156
#define SYS_sigaltstack              132
/* POSIX message queues (time64 send and receive). */
#define SYS_mq_open                  180
#define SYS_mq_unlink                181
#define SYS_mq_notify                184
#define SYS_mq_getsetattr            185
#define SYS_mq_timedsend             418
#define SYS_mq_timedreceive          419

#define SYS_syslog 116
#define SYS_statfs 43  /* statfs64(path, size, buf) */
#define SYS_fstatfs 44  /* fstatfs64(fd, size, buf) */
#define SYS_msync 227
#define SYS_futex 422 /* futex_time64 */
#define SYS_tgkill 131
#define SYS_clone3 435
#define SYS_set_robust_list 99
#endif
