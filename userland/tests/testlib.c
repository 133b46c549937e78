/* Shared helpers for the conformance programs (see testlib.h). */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "testlib.h"

static int nchecks, nfailed;

int check(int cond, const char *what, ...)
{
	va_list ap;

	nchecks++;
	nfailed += !cond;
	printf("%s %d - ", cond ? "ok" : "FAIL", nchecks);
	va_start(ap, what);
	vprintf(what, ap);
	va_end(ap);
	putchar('\n');
	return cond;
}

int check_errno(long ret, int err, const char *what)
{
	int got = errno;

	if (ret == -1 && got == err)
		return check(1, "%s -> %s", what, strerrorname(err));
	return check(0, "%s -> %s (wanted -1/%s, got %ld/%s)", what,
		     strerrorname(got), strerrorname(err), ret,
		     strerrorname(got));
}

int finish(const char *program)
{
	if (nfailed) {
		printf("%s: %d of %d checks FAILED\n", program, nfailed, nchecks);
		return 1;
	}
	printf("%s: all %d checks passed\n", program, nchecks);
	return 0;
}

static const char *const signames[] = {
	[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT",
	[SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
	[SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
	[SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
	[SIGCHLD] = "SIGCHLD",
};

const char *signame(int sig)
{
	if (sig > 0 && sig < (int)(sizeof(signames) / sizeof(signames[0])) &&
	    signames[sig])
		return signames[sig];
	return "SIG?";
}

const char *describe_status(int status)
{
	static char buf[64];

	if (WIFEXITED(status))
		snprintf(buf, sizeof(buf), "exited with status %d",
			 WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, sizeof(buf), "killed by signal %d (%s)",
			 WTERMSIG(status), signame(WTERMSIG(status)));
	else
		snprintf(buf, sizeof(buf), "status 0x%x", status);
	return buf;
}

uint32_t crc32(uint32_t crc, const void *p, size_t n)
{
	const unsigned char *b = p;

	crc = ~crc;
	while (n--) {
		crc ^= *b++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

pid_t spawn(int (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid < 0) {
		printf("fork failed: %s\n", strerrorname(errno));
		exit(2);
	}
	if (pid == 0)
		exit(fn(arg));
	return pid;
}

int wait_for(pid_t pid)
{
	int status;
	pid_t r;

	do
		r = waitpid(pid, &status, 0);
	while (r < 0 && errno == EINTR);
	return r == pid ? status : -1;
}

int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void sleep_ms(long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000,
			       .tv_nsec = (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}
