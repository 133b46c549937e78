/* jobctl: job-control signals. SIGSTOP and SIGTSTP stop a child (waitpid
 * WUNTRACED, waitid WSTOPPED), a stopped child does not run, SIGCONT lets it
 * go on (WCONTINUED, CLD_CONTINUED), each stop and continue is reported
 * once, SIGKILL ends a stopped child while other signals (caught or not)
 * wait for SIGCONT, a caught SIGTSTP does not stop, SIGCONT's handler runs,
 * SIGCONT discards a pending stop signal, and the parent gets SIGCHLD with
 * CLD_STOPPED / CLD_CONTINUED. SA_NOCLDSTOP is checked by
 * tests/kernel/job-control.test.ts instead: qemu-user does not pass it on to
 * the host, so the riscv32 oracle would get the SIGCHLD anyway. Only
 * outcomes are printed, never timings. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "testlib.h"

/* How long an absence is watched for, and the bound on waiting for a
 * presence (neither is printed). */
#define QUIET_MS 50
#define PATIENCE_MS 5000
/* No child outlives this many milliseconds of its own loop, even if the
 * parent died before killing it. */
#define LIFETIME_MS 30000

static int ticks[2];  /* child -> parent: a byte per tick, O_NONBLOCK */
static int ready[2];  /* child -> parent: "my handlers are installed" */
static int go[2];     /* parent -> child: "go on" */
static volatile int caught;
static volatile int chld_count, chld_code, chld_pid;

static void on_signal(int sig)
{
	(void)sig;
	caught++;
}

static void on_usr1_tick(int sig)
{
	(void)sig;
	(void)write(ticks[1], "u", 1);
}

static void on_chld(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)uc;
	chld_count++;
	chld_code = info->si_code;
	chld_pid = info->si_pid;
}

/* Every child is the leader of a new process group before it says it is
 * ready: its parent, in another group of the same session, keeps that
 * group from being orphaned, so SIGTSTP, SIGTTIN and SIGTTOU stop it even
 * when jobctl's own group is orphaned (Linux discards them there, POSIX
 * 2.4.3), as it is under a test runner whose parent went away. */
static void say_ready(void)
{
	setpgid(0, 0);
	(void)write(ready[1], "r", 1);
}

static void await_ready(void)
{
	char c;

	while (read(ready[0], &c, 1) < 0 && errno == EINTR)
		;
}

/* Writes a tick every millisecond until killed (or its lifetime ends). */
static int ticker(void *arg)
{
	(void)arg;
	say_ready();
	for (int t = 0; t < LIFETIME_MS; t++) {
		(void)write(ticks[1], "t", 1);
		sleep_ms(1);
	}
	return 9;
}

/* Sleeps until killed, a SIGUSR1 handler writing "u" to the tick pipe. */
static int sleeper(void *arg)
{
	(void)arg;
	signal(SIGUSR1, on_usr1_tick);
	say_ready();
	for (int t = 0; t < LIFETIME_MS; t += 10)
		sleep_ms(10);
	return 9;
}

/* Exits 3 once its SIGTSTP handler ran (9: it never did). */
static int tstp_catcher(void *arg)
{
	(void)arg;
	signal(SIGTSTP, on_signal);
	say_ready();
	for (int t = 0; t < LIFETIME_MS && !caught; t++)
		sleep_ms(1);
	return caught ? 3 : 9;
}

/* Exits 6 once its SIGCONT handler ran (9: it never did). */
static int cont_catcher(void *arg)
{
	(void)arg;
	signal(SIGCONT, on_signal);
	say_ready();
	for (int t = 0; t < LIFETIME_MS && !caught; t++)
		sleep_ms(1);
	return caught ? 6 : 9;
}

/* Blocks SIGTSTP, waits for the parent's go, unblocks it, exits 5 if it
 * is still running then. */
static int tstp_blocker(void *arg)
{
	sigset_t set;
	char c;

	(void)arg;
	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	say_ready();
	while (read(go[0], &c, 1) < 0 && errno == EINTR)
		;
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	return 5;
}

static pid_t start(int (*fn)(void *))
{
	pid_t pid = spawn(fn, NULL);

	await_ready();
	return pid;
}

/* Empties the tick pipe; returns how many bytes it held. */
static int drain(void)
{
	char buf[256];
	int total = 0;
	ssize_t n;

	while ((n = read(ticks[0], buf, sizeof(buf))) > 0)
		total += (int)n;
	return total;
}

/* Waits (bounded) for something in the tick pipe; 1 if it came. */
static int await_tick(void)
{
	for (int waited = 0; waited < PATIENCE_MS; waited++) {
		if (drain() > 0)
			return 1;
		sleep_ms(1);
	}
	return 0;
}

static pid_t wait_opts(pid_t pid, int *status, int options)
{
	pid_t r;

	do
		r = waitpid(pid, status, options);
	while (r < 0 && errno == EINTR);
	return r;
}

static void test_stop_and_continue(void)
{
	int status = 0;
	pid_t pid = start(ticker);

	check(await_tick(), "the ticker runs");
	kill(pid, SIGSTOP);
	check(wait_opts(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP,
	      "SIGSTOP: waitpid(WUNTRACED) sees WIFSTOPPED, WSTOPSIG SIGSTOP");
	check(!WIFEXITED(status) && !WIFSIGNALED(status) && !WIFCONTINUED(status), "and nothing else");
	drain();
	sleep_ms(QUIET_MS);
	check(drain() == 0, "a stopped child does not run");
	check(wait_opts(pid, &status, WUNTRACED | WNOHANG) == 0, "the stop is reported once");
	check(wait_opts(pid, &status, WNOHANG) == 0, "waitpid without WUNTRACED does not report it");
	kill(pid, SIGCONT);
	check(wait_opts(pid, &status, WCONTINUED) == pid && WIFCONTINUED(status) && !WIFSTOPPED(status),
	      "SIGCONT: waitpid(WCONTINUED) sees WIFCONTINUED");
	check(wait_opts(pid, &status, WCONTINUED | WNOHANG) == 0, "the continue is reported once");
	check(await_tick(), "the child runs again after SIGCONT");
	kill(pid, SIGCONT);
	check(wait_opts(pid, &status, WCONTINUED | WNOHANG) == 0, "SIGCONT to a running child reports nothing");

	kill(pid, SIGSTOP);
	check(wait_opts(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status), "stopped again");
	kill(pid, SIGKILL);
	status = wait_for(pid);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "SIGKILL ends a stopped child (%s)", describe_status(status));
}

static void test_waitid(void)
{
	siginfo_t info;
	int status = 0;
	pid_t pid = start(sleeper);

	drain(); /* the ticker's last ticks */
	kill(pid, SIGSTOP);
	memset(&info, 0, sizeof info);
	check(waitid(P_PID, pid, &info, WSTOPPED | WNOWAIT) == 0 && info.si_pid == pid &&
	      info.si_signo == SIGCHLD && info.si_code == CLD_STOPPED && info.si_status == SIGSTOP,
	      "waitid(WSTOPPED|WNOWAIT): CLD_STOPPED, si_status SIGSTOP");
	memset(&info, 0, sizeof info);
	check(waitid(P_PID, pid, &info, WSTOPPED) == 0 && info.si_pid == pid && info.si_code == CLD_STOPPED,
	      "WNOWAIT left it to report; waitid(WSTOPPED) takes it");
	memset(&info, 0, sizeof info);
	check(waitid(P_PID, pid, &info, WSTOPPED | WNOHANG) == 0 && info.si_pid == 0, "then nothing is left to report");

	kill(pid, SIGUSR1);
	sleep_ms(QUIET_MS);
	check(drain() == 0, "a caught signal's handler does not run while stopped");
	kill(pid, SIGCONT);
	memset(&info, 0, sizeof info);
	check(waitid(P_PID, pid, &info, WCONTINUED) == 0 && info.si_pid == pid && info.si_code == CLD_CONTINUED &&
	      info.si_status == SIGCONT, "waitid(WCONTINUED): CLD_CONTINUED, si_status SIGCONT");
	check(await_tick(), "the handler runs after SIGCONT");

	kill(pid, SIGSTOP);
	check(wait_opts(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status), "stopped again");
	kill(pid, SIGTERM);
	sleep_ms(QUIET_MS);
	check(wait_opts(pid, &status, WNOHANG) == 0, "SIGTERM waits while the child is stopped");
	kill(pid, SIGCONT);
	status = wait_for(pid);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "and ends it after SIGCONT (%s)", describe_status(status));
}

static void test_tstp(void)
{
	int status = 0;
	pid_t pid, r;

	caught = 0;
	pid = start(tstp_catcher);
	kill(pid, SIGTSTP);
	r = wait_opts(pid, &status, WUNTRACED);
	check(r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 3,
	      "a caught SIGTSTP runs the handler and does not stop (%s)", describe_status(status));

	pid = start(sleeper);
	kill(pid, SIGTSTP);
	check(wait_opts(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status) && WSTOPSIG(status) == SIGTSTP,
	      "SIGTSTP with the default action stops, WSTOPSIG SIGTSTP");
	kill(pid, SIGCONT);
	check(wait_opts(pid, &status, WCONTINUED) == pid && WIFCONTINUED(status), "and SIGCONT continues it");
	kill(pid, SIGTTIN);
	check(wait_opts(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status) && WSTOPSIG(status) == SIGTTIN,
	      "SIGTTIN stops too");
	kill(pid, SIGCONT);
	kill(pid, SIGTTOU);
	check(wait_opts(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status) && WSTOPSIG(status) == SIGTTOU,
	      "SIGTTOU stops too");
	kill(pid, SIGKILL);
	wait_for(pid);

	caught = 0;
	pid = start(cont_catcher);
	kill(pid, SIGSTOP);
	check(wait_opts(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status), "a child with a SIGCONT handler stops");
	kill(pid, SIGCONT);
	status = wait_for(pid);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 6, "its SIGCONT handler runs when it continues (%s)",
	      describe_status(status));

	pid = start(tstp_blocker);
	kill(pid, SIGTSTP);
	kill(pid, SIGCONT);
	(void)write(go[1], "g", 1);
	r = wait_opts(pid, &status, WUNTRACED);
	check(r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 5,
	      "SIGCONT discards a pending, blocked SIGTSTP (%s)", describe_status(status));

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGTSTP, &sa, NULL);
	raise(SIGTSTP);
	check(1, "an ignored SIGTSTP does not stop the caller");
	sa.sa_handler = SIG_DFL;
	sigaction(SIGTSTP, &sa, NULL);
	check(sigaction(SIGSTOP, &sa, NULL) < 0 && errno == EINVAL, "SIGSTOP cannot be caught or ignored");
}

static void test_sigchld(void)
{
	struct sigaction sa;
	int status = 0;
	pid_t pid = start(sleeper);

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	chld_count = 0;
	kill(pid, SIGSTOP);
	wait_opts(pid, &status, WUNTRACED);
	check(chld_count == 1 && chld_code == CLD_STOPPED && chld_pid == pid,
	      "the parent gets SIGCHLD with CLD_STOPPED for a stop");
	kill(pid, SIGCONT);
	for (int waited = 0; waited < PATIENCE_MS && chld_count < 2; waited++)
		sleep_ms(1);
	check(chld_count == 2 && chld_code == CLD_CONTINUED && chld_pid == pid,
	      "and SIGCHLD with CLD_CONTINUED for the continue");
	wait_opts(pid, &status, WCONTINUED);

	signal(SIGCHLD, SIG_DFL);
	kill(pid, SIGKILL);
	wait_for(pid);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (pipe2(ticks, O_NONBLOCK) < 0 || pipe2(ready, 0) < 0 || pipe2(go, 0) < 0) {
		printf("pipe2 failed\n");
		return 2;
	}
	test_stop_and_continue();
	test_waitid();
	test_tstp();
	test_sigchld();
	return finish("jobctl");
}
