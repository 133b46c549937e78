/* x86_64 system call numbers, as in Linux's arch/x86/entry/syscalls/syscall_64.tbl.
 * Only the calls this libc and its programs use are listed. */
#ifndef _BITS_SYSNUM_H
#define _BITS_SYSNUM_H

#define SYS_read            0
#define SYS_write           1
#define SYS_open            2
#define SYS_close           3
#define SYS_fstat           5
#define SYS_lseek           8
#define SYS_mmap            9
#define SYS_mprotect        10
#define SYS_munmap          11
#define SYS_brk             12
#define SYS_rt_sigaction    13
#define SYS_rt_sigprocmask  14
#define SYS_ioctl           16
#define SYS_readv           19
#define SYS_writev          20
#define SYS_sched_yield     24
#define SYS_dup             32
#define SYS_dup2            33
#define SYS_nanosleep       35
#define SYS_getpid          39
#define SYS_clone           56
#define SYS_fork            57
#define SYS_execve          59
#define SYS_exit            60
#define SYS_wait4           61
#define SYS_kill            62
#define SYS_uname           63
#define SYS_fcntl           72
#define SYS_getcwd          79
#define SYS_chdir           80
#define SYS_getppid         110
#define SYS_setpgid         109
#define SYS_gettid          186
#define SYS_getdents64      217
#define SYS_set_tid_address 218
#define SYS_clock_gettime   228
#define SYS_clock_getres    229
#define SYS_clock_nanosleep 230
#define SYS_exit_group      231
#define SYS_waitid          247
#define SYS_openat          257
#define SYS_mkdirat         258
#define SYS_newfstatat      262
#define SYS_unlinkat        263
#define SYS_dup3            292
#define SYS_pipe2           293
#define SYS_getrandom       318

#define SYS_reboot          169

/* Sockets, epoll, eventfd. */
#define SYS_socket          41
#define SYS_connect         42
#define SYS_sendto          44
#define SYS_recvfrom        45
#define SYS_sendmsg         46
#define SYS_recvmsg         47
#define SYS_shutdown        48
#define SYS_bind            49
#define SYS_listen          50
#define SYS_getsockname     51
#define SYS_getpeername     52
#define SYS_socketpair      53
#define SYS_setsockopt      54
#define SYS_getsockopt      55
#define SYS_epoll_ctl       233
#define SYS_epoll_pwait     281
#define SYS_accept4         288
#define SYS_eventfd2        290
#define SYS_epoll_create1   291

/* Added for the hosted libc (files, time, terminals, limits). */
#define SYS_ppoll           271
#define SYS_pselect6        270
#define SYS_prlimit64       302
#define SYS_getrusage       98
#define SYS_renameat2       316
#define SYS_linkat          265
#define SYS_symlinkat       266
#define SYS_readlinkat      267
#define SYS_utimensat       280
#define SYS_times           100
#define SYS_setsid          112
#define SYS_getpgid         121
#define SYS_getuid          102
#define SYS_geteuid         107
#define SYS_getgid          104
#define SYS_getegid         108
#define SYS_umask           95
#define SYS_fchmodat        268
#define SYS_fchownat        260
#define SYS_faccessat       269
#define SYS_ftruncate       77
#define SYS_truncate        76
#define SYS_fsync           74
#define SYS_fdatasync       75
#define SYS_rt_sigsuspend   130
#define SYS_rt_sigpending   127
#define SYS_setitimer       38
#define SYS_getitimer       36
#define SYS_fchdir          81
#define SYS_pread64         17
#define SYS_pwrite64        18
#define SYS_fchmod          91
#define SYS_fchown          93
#define SYS_sync            162
#define SYS_sysinfo         99
#define SYS_setuid          105
#define SYS_setgid          106
#define SYS_mknodat         259
#define SYS_getgroups       115
#define SYS_getsid      124
#define SYS_sigaltstack     131
/* POSIX message queues. */
#define SYS_mq_open         240
#define SYS_mq_unlink       241
#define SYS_mq_timedsend    242
#define SYS_mq_timedreceive 243
#define SYS_mq_notify       244
#define SYS_mq_getsetattr   245

#define SYS_syslog 103
#define SYS_statfs 137
#define SYS_fstatfs 138
#define SYS_msync 26
#define SYS_futex 202
#define SYS_tgkill 234
#define SYS_set_robust_list 273
#define SYS_arch_prctl 158
#define SYS_clone3 435
#endif
