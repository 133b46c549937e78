/* The rest of <signal.h>: waiting for a signal, pending signals, the
 * alternate stack, killpg and psignal. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"

#define KERNEL_SIGSET_SIZE 8

int sigsuspend(const sigset_t *mask)
{
	return (int)__sysret_call(SYS_rt_sigsuspend, mask, KERNEL_SIGSET_SIZE);
}

int sigpending(sigset_t *set)
{
	return (int)__sysret_call(SYS_rt_sigpending, set, KERNEL_SIGSET_SIZE);
}

int sigaltstack(const stack_t *ss, stack_t *old)
{
	return (int)__sysret_call(SYS_sigaltstack, ss, old);
}

int killpg(pid_t pgrp, int sig)
{
	return kill(-pgrp, sig);
}

void psignal(int sig, const char *msg)
{
	if (msg && *msg)
		fprintf(stderr, "%s: %s\n", msg, strsignal(sig));
	else
		fprintf(stderr, "%s\n", strsignal(sig));
}
