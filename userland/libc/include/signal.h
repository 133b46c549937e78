/* Signal numbers (the same on x86_64 and riscv), kill() and siginfo_t. */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>

#define SIGHUP   1
#define SIGINT   2
#define SIGQUIT  3
#define SIGILL   4
#define SIGTRAP  5
#define SIGABRT  6
#define SIGBUS   7
#define SIGFPE   8
#define SIGKILL  9
#define SIGUSR1  10
#define SIGSEGV  11
#define SIGUSR2  12
#define SIGPIPE  13
#define SIGALRM  14
#define SIGTERM  15
#define SIGCHLD  17
#define SIGCONT  18
#define SIGSTOP  19
#define SIGTSTP  20
#define SIGTTIN  21
#define SIGTTOU  22
#define SIGSTKFLT 16
#define SIGURG   23
#define SIGXCPU  24
#define SIGXFSZ  25
#define SIGVTALRM 26
#define SIGPROF  27
#define SIGWINCH 28
#define SIGIO    29
#define SIGPOLL  SIGIO
#define SIGPWR   30
#define SIGSYS   31
#define SIGRTMIN 34
#define SIGRTMAX 64
#define NSIG     65

/* si_code values for SIGCHLD, as waitid() reports them. */
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_DUMPED    3
#define CLD_TRAPPED   4
#define CLD_STOPPED   5
#define CLD_CONTINUED 6

/* The kernel's siginfo is 128 bytes: three ints, then a union that is
 * pointer-aligned (so it starts at 16 on LP64 and at 12 on ILP32). */
#define __SI_PREAMBLE (sizeof(long) == 8 ? 16 : 12)

typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	union {
		int __pad[(128 - __SI_PREAMBLE) / sizeof(int)];
		void *__align;
		struct {
			pid_t pid;
			uid_t uid;
			int status;
		} __chld;
		struct {
			void *addr;
		} __fault;
	} __u;
} siginfo_t;

#define si_pid    __u.__chld.pid
#define si_uid    __u.__chld.uid
#define si_status __u.__chld.status
#define si_addr   __u.__fault.addr

/* The kernel's 64-signal set: bit n-1 is signal n. */
typedef struct {
	unsigned long __bits[64 / (8 * sizeof(unsigned long))];
} sigset_t;

typedef void (*sighandler_t)(int);
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)

#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO   0x00000004
#define SA_ONSTACK   0x08000000
#define SA_RESTART   0x10000000
#define SA_NODEFER   0x40000000
#define SA_RESETHAND 0x80000000

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* si_code values. */
#define SI_USER     0
#define SI_MESGQ    (-3)
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2

struct sigaction {
	union {
		sighandler_t sa_handler;
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	sigset_t sa_mask;
	int sa_flags;
};

typedef int sig_atomic_t;
typedef void (*__sighandler_t)(int);

typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

#define SS_ONSTACK  1
#define SS_DISABLE  2
#define MINSIGSTKSZ 2048
#define SIGSTKSZ    8192

int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
int sigsuspend(const sigset_t *mask);
int sigpending(sigset_t *set);
int sigaltstack(const stack_t *ss, stack_t *old);
void psignal(int sig, const char *msg);
int raise(int sig);
char *strsignal(int sig);
int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
sighandler_t signal(int sig, sighandler_t handler);
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
/* The thread-directed calls (<pthread.h> threads). */
int pthread_kill(pthread_t thread, int sig);
/* GNU: a signal for thread `tid` of process `tgid`. */
int tgkill(pid_t tgid, pid_t tid, int sig);
int pthread_sigmask(int how, const sigset_t *set, sigset_t *old);

#endif
