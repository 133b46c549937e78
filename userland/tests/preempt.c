/* preempt: two children spin forever without a system call; the parent
 * must still get the CPU (the timer interrupt has to preempt them) to
 * print, sleep, and finally kill them. On a kernel without preemption this
 * program hangs after "spinners running". */
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
#include "testlib.h"

#define SPINNERS 2

static int spin(void *arg)
{
	int *fds = arg;
	volatile unsigned long counter = 0;

	write(fds[1], "r", 1); /* tell the parent we are on the CPU */
	for (;;)
		counter++;
	return 0;
}

int main(void)
{
	int fds[2], got = 0;
	pid_t pids[SPINNERS];
	char c;

	pipe(fds);
	for (int i = 0; i < SPINNERS; i++)
		pids[i] = spawn(spin, fds);
	for (int i = 0; i < SPINNERS && read(fds[0], &c, 1) == 1; i++)
		got++;
	check(got == SPINNERS, "%d spinners running", got);
	for (int tick = 1; tick <= 3; tick++) {
		int64_t t0 = now_ns();

		sleep_ms(20);
		check(now_ns() - t0 >= 20000000,
		      "parent tick %d: slept 20 ms while the spinners ran", tick);
	}
	check(sched_yield() == 0, "sched_yield with busy siblings");
	for (int i = 0; i < SPINNERS; i++) {
		int status;

		kill(pids[i], SIGKILL);
		status = wait_for(pids[i]);
		check(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		      "spinner %d %s", i, describe_status(status));
	}
	return finish("preempt");
}
