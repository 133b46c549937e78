/* x87 and SSE state belong to each process and survive signal handlers:
 * two processes compute long double and double series while they take
 * turns on the CPU, and a handler that does float work of its own runs in
 * the middle of the parent's series. */
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile double handler_result;

static void on_usr1(int sig)
{
	long double x = 0;
	for (int i = 1; i <= 50; i++)
		x += 1.0L / (i * (long double)sig);
	handler_result = (double)x;
}

static void series(char *line, size_t size, const char *who, int scale)
{
	long double acc = 0;
	double d = 0;
	for (int i = 1; i <= 20000; i++) {
		acc += 1.0L / ((long double)i * i * scale);
		d += sqrt((double)i) / (i + scale);
		if (i % 2000 == 0) {
			sched_yield();
			if (scale == 1 && i == 10000)
				raise(SIGUSR1);
		}
	}
	snprintf(line, size, "%s: %.15Lf %.12f", who, acc, d);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	fflush(stdout);
	char line[128];
	pid_t pid = fork();
	if (pid == 0) {
		series(line, sizeof line, "child", 3);
		printf("%s\n", line);
		return 0;
	}
	series(line, sizeof line, "parent", 1);
	int status;
	waitpid(pid, &status, 0); /* the child's line first, on every system */
	printf("%s\n", line);
	printf("handler %.12f, child status %d\n", handler_result, WEXITSTATUS(status));
	return 0;
}
