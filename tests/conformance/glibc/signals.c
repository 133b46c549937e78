/* Signal handlers through glibc (sigaction, SA_SIGINFO, sigsetjmp/
 * siglongjmp, sigprocmask, raise and kill): the same output on Linux and
 * on JOS's pc board. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static sigjmp_buf escape;
static volatile sig_atomic_t usr1_count;
static volatile void *fault_address;

static void on_usr1(int sig)
{
	usr1_count += sig == SIGUSR1;
}

static void on_segv(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	fault_address = info->si_addr;
	siglongjmp(escape, sig);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	kill(getpid(), SIGUSR1);
	printf("SIGUSR1 handled %d times\n", (int)usr1_count);

	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &old);
	raise(SIGUSR1);
	printf("blocked: still %d\n", (int)usr1_count);
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("unblocked: now %d\n", (int)usr1_count);

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	int caught = sigsetjmp(escape, 1);
	if (caught == 0) {
		*(volatile int *)0x1234 = 1;
		printf("no fault?\n");
	} else {
		printf("caught signal %d at address %p\n", caught, (void *)fault_address);
	}
	struct sigaction now;
	sigaction(SIGSEGV, NULL, &now);
	printf("handler still installed: %d\n", now.sa_sigaction == on_segv);
	signal(SIGUSR2, SIG_IGN);
	raise(SIGUSR2);
	printf("ignored SIGUSR2, still running\n");
	return 0;
}
