/* signals: handlers (plain and SA_SIGINFO), masks, ignoring, SA_RESETHAND,
 * a fault caught by its handler, and signals between processes. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "testlib.h"

static volatile int usr1_count;
static volatile int last_code = -1;
static volatile pid_t last_pid = -1;
static volatile int reset_hits;

static void on_usr1(int sig)
{
	usr1_count += sig == SIGUSR1;
}

static void on_usr2(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)uc;
	last_code = info->si_code;
	last_pid = info->si_pid;
}

static void on_term_once(int sig)
{
	(void)sig;
	reset_hits++;
}

static void on_segv(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	/* Report and leave: returning would retry the faulting store. */
	printf("child: caught signal %d, fault address %s\n", sig,
	       info->si_addr == (void *)0x5000 ? "as expected" : "WRONG");
	_exit(info->si_code == SEGV_MAPERR ? 42 : 43);
}

static int faulting_child(void *arg)
{
	struct sigaction sa;

	(void)arg;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	*(volatile int *)0x5000 = 1;
	return 1;
}

static int waiting_child(void *arg)
{
	(void)arg;
	signal(SIGUSR1, on_usr1);
	while (usr1_count == 0)
		sleep_ms(1);
	return 7;
}

int main(void)
{
	struct sigaction sa, old;
	sigset_t set, saved;
	int status;

	check(signal(SIGUSR1, on_usr1) == SIG_DFL, "signal() installs a handler, the old one was SIG_DFL");
	raise(SIGUSR1);
	kill(getpid(), SIGUSR1);
	check(usr1_count == 2, "the handler ran for raise and for kill (%d)", usr1_count);

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	check(sigprocmask(SIG_BLOCK, &set, &saved) == 0, "sigprocmask(SIG_BLOCK)");
	raise(SIGUSR1);
	check(usr1_count == 2, "a blocked signal waits");
	sigprocmask(SIG_SETMASK, &saved, NULL);
	check(usr1_count == 3, "it arrives once unblocked");
	sigprocmask(SIG_BLOCK, NULL, &set);
	check(!sigismember(&set, SIGUSR1), "the mask is restored");

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_usr2;
	sa.sa_flags = SA_SIGINFO;
	check(sigaction(SIGUSR2, &sa, NULL) == 0, "sigaction(SA_SIGINFO)");
	kill(getpid(), SIGUSR2);
	check(last_code == SI_USER && last_pid == getpid(), "siginfo says SI_USER from this pid");
	check(sigaction(SIGUSR2, NULL, &old) == 0 && old.sa_sigaction == on_usr2 && (old.sa_flags & SA_SIGINFO),
	      "sigaction reads the handler back");

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term_once;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGTERM, &sa, NULL);
	raise(SIGTERM);
	check(reset_hits == 1, "SA_RESETHAND: the handler ran once");
	sigaction(SIGTERM, NULL, &old);
	check(old.sa_handler == SIG_DFL, "and SIGTERM is back to SIG_DFL");

	signal(SIGUSR1, SIG_IGN);
	raise(SIGUSR1);
	check(usr1_count == 3, "an ignored signal does nothing");
	signal(SIGUSR1, on_usr1);

	check_errno(sigaction(SIGKILL, &sa, NULL), EINVAL, "sigaction(SIGKILL)");
	check_errno(sigaction(0, &sa, NULL), EINVAL, "sigaction(0)");

	status = wait_for(spawn(faulting_child, NULL));
	check(WIFEXITED(status) && WEXITSTATUS(status) == 42, "a SIGSEGV handler saw SEGV_MAPERR (child %s)", describe_status(status));

	pid_t pid = spawn(waiting_child, NULL);
	sleep_ms(20);
	kill(pid, SIGUSR1);
	status = wait_for(pid);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 7, "a sleeping child's handler ran and it went on (%s)", describe_status(status));
	return finish("signals");
}
