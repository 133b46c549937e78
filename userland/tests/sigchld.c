/* sigchld: a parent hears of its children's ends. SIGCHLD arrives with
 * si_code, si_pid and si_status; a waitpid that a SIGCHLD handler
 * interrupts finds the zombie first and returns its pid (no EINTR, even
 * without SA_RESTART); a parent ignoring SIGCHLD (SIG_IGN) leaves no
 * zombies, so wait reports ECHILD. (SA_NOCLDWAIT and SA_NOCLDSTOP are
 * left out: qemu-riscv32, the riscv32 oracle, does not honour them.) */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "testlib.h"

static volatile int chld_count;
static volatile int last_code, last_pid, last_status;

static void on_chld(int sig, siginfo_t *info, void *context)
{
	(void)sig;
	(void)context;
	chld_count++;
	last_code = info->si_code;
	last_pid = info->si_pid;
	last_status = info->si_status;
}

static int exit_with(void *arg)
{
	return (int)(long)arg;
}

static int die_by_signal(void *arg)
{
	(void)arg;
	kill(getpid(), SIGTERM);
	return 99;
}

static int sleep_then_exit(void *arg)
{
	sleep_ms(30);
	return (int)(long)arg;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO; /* no SA_RESTART: an interrupted call would be EINTR */
	check(sigaction(SIGCHLD, &sa, NULL) == 0, "a SIGCHLD handler with SA_SIGINFO");

	pid_t pid = spawn(exit_with, (void *)7L);
	int status = wait_for(pid);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 7, "the child exited with 7");
	check(chld_count == 1 && last_code == CLD_EXITED && last_pid == pid && last_status == 7,
	      "SIGCHLD said CLD_EXITED, its pid and status 7");

	pid = spawn(die_by_signal, NULL);
	status = wait_for(pid);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "the child was killed by SIGTERM");
	check(chld_count == 2 && last_code == CLD_KILLED && last_pid == pid && last_status == SIGTERM,
	      "SIGCHLD said CLD_KILLED, its pid and SIGTERM");

	/* The parent sleeps in waitpid; the child's exit both wakes it and
	 * sends SIGCHLD: waitpid returns the child, then the handler runs. */
	pid = spawn(sleep_then_exit, (void *)3L);
	errno = 0;
	pid_t got = waitpid(pid, &status, 0);
	check(got == pid && WEXITSTATUS(status) == 3 && errno == 0,
	      "a waitpid interrupted by SIGCHLD returns the child, not EINTR");
	check(chld_count == 3 && last_pid == pid, "and the handler ran for it");

	signal(SIGCHLD, SIG_IGN);
	pid = spawn(exit_with, (void *)1L);
	errno = 0;
	check(waitpid(pid, &status, 0) == -1 && errno == ECHILD, "SIGCHLD ignored: no zombie, waitpid is ECHILD");
	check(chld_count == 3, "and no handler ran");

	return finish("sigchld");
}
