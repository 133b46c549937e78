/* Signal handling over rt_sigaction and rt_sigprocmask. The kernel's
 * struct sigaction differs by architecture: x86_64 has sa_restorer (the
 * return trampoline the libc supplies, __restore_rt), riscv has none (the
 * kernel maps its own, as Linux's vDSO does). */
#include <errno.h>
#include <signal.h>
#include "internal.h"

#define SA_RESTORER 0x04000000
#define KERNEL_SIGSET_SIZE 8

struct kernel_sigaction {
	void *handler;
	unsigned long flags;
#if defined(__x86_64__)
	void (*restorer)(void);
#endif
	sigset_t mask;
};

#if defined(__x86_64__)
void __restore_rt(void);
#endif

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	struct kernel_sigaction k, o;
	long r;

	if (act) {
		k.handler = (void *)act->sa_handler;
		k.flags = (unsigned long)(unsigned)act->sa_flags;
		k.mask = act->sa_mask;
#if defined(__x86_64__)
		k.flags |= SA_RESTORER;
		k.restorer = __restore_rt;
#endif
	}
	r = __sys(SYS_rt_sigaction, sig, act ? &k : 0, old ? &o : 0, KERNEL_SIGSET_SIZE);
	if (r < 0)
		return (int)__sysret(r);
	if (old) {
		old->sa_handler = (sighandler_t)o.handler;
		old->sa_mask = o.mask;
		old->sa_flags = (int)(o.flags & ~(unsigned long)SA_RESTORER);
	}
	return 0;
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act = { 0 }, old = { 0 };

	act.sa_handler = handler;
	act.sa_flags = SA_RESTART;
	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	return (int)__sysret_call(SYS_rt_sigprocmask, how, set, old, KERNEL_SIGSET_SIZE);
}

static int bad_signal(int sig)
{
	if (sig < 1 || sig > 64) {
		errno = EINVAL;
		return 1;
	}
	return 0;
}

#define WORD_BITS (8 * sizeof(unsigned long))

int sigemptyset(sigset_t *set)
{
	for (unsigned i = 0; i < sizeof(set->__bits) / sizeof(set->__bits[0]); i++)
		set->__bits[i] = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	for (unsigned i = 0; i < sizeof(set->__bits) / sizeof(set->__bits[0]); i++)
		set->__bits[i] = ~0UL;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	set->__bits[(sig - 1) / WORD_BITS] |= 1UL << ((sig - 1) % WORD_BITS);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	set->__bits[(sig - 1) / WORD_BITS] &= ~(1UL << ((sig - 1) % WORD_BITS));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	return (set->__bits[(sig - 1) / WORD_BITS] >> ((sig - 1) % WORD_BITS)) & 1;
}
