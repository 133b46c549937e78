/* ipcbench: one phase of the IPC bench (bench/ipc.ts) per run.
 *
 *   ipcbench none          nothing: the runner's fixed cost (start-up)
 *   ipcbench yield N       two threads call sched_yield N times each: on
 *                          one CPU each call switches to the other thread
 *   ipcbench pipe N        N one-byte round trips between two processes
 *                          over a pair of pipes
 *   ipcbench unix N        the same over a UNIX stream socketpair
 *   ipcbench futex N       N round trips between two threads of one
 *                          process, each waking the other through a
 *                          semaphore (futex wait and wake)
 *
 * It prints what it did (the same on every runner), so a run that did
 * something else shows as different output. Timing is done from outside. */
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static long rounds;

static void *yielder(void *arg)
{
	for (long i = 0; i < rounds; i++)
		sched_yield();
	return arg;
}

static int yield_phase(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, yielder, NULL) != 0)
		return 1;
	yielder(NULL);
	pthread_join(t, NULL);
	printf("ipcbench: 2 threads x %ld sched_yield calls\n", rounds);
	return 0;
}

static int full_read(int fd, char *c)
{
	return read(fd, c, 1) == 1 ? 0 : -1;
}

/* Round trips between this process and a child over two descriptor pairs:
 * to[1] -> to[0] (the child reads), back[1] -> back[0] (we read). */
static int ping_pong(int to[2], int back[2], const char *what)
{
	char c = 'x';
	long sum = 0;
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return 1;
	if (pid == 0) {
		for (long i = 0; i < rounds; i++) {
			if (full_read(to[0], &c) < 0)
				_exit(2);
			c++;
			if (write(back[1], &c, 1) != 1)
				_exit(3);
		}
		_exit(0);
	}
	for (long i = 0; i < rounds; i++) {
		c = (char)('a' + i % 16);
		if (write(to[1], &c, 1) != 1 || full_read(back[0], &c) < 0)
			return 1;
		sum += c;
	}
	waitpid(pid, &status, 0);
	printf("ipcbench: %ld round trips over %s, sum %ld, child %d\n", rounds,
	       what, sum, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}

static int pipe_phase(void)
{
	int to[2], back[2];

	if (pipe(to) || pipe(back))
		return 1;
	return ping_pong(to, back, "pipes");
}

static int unix_phase(void)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 1;
	/* One socket each way: sv[0] is ours, sv[1] the child's. */
	int to[2] = { sv[1], sv[0] }, back[2] = { sv[0], sv[1] };
	return ping_pong(to, back, "a UNIX socketpair");
}

static sem_t ping, pong;

static void *ponger(void *arg)
{
	for (long i = 0; i < rounds; i++) {
		sem_wait(&ping);
		sem_post(&pong);
	}
	return arg;
}

static int futex_phase(void)
{
	pthread_t t;

	sem_init(&ping, 0, 0);
	sem_init(&pong, 0, 0);
	if (pthread_create(&t, NULL, ponger, NULL) != 0)
		return 1;
	for (long i = 0; i < rounds; i++) {
		sem_post(&ping);
		sem_wait(&pong);
	}
	pthread_join(t, NULL);
	printf("ipcbench: %ld round trips between 2 threads over futexes\n", rounds);
	return 0;
}

int main(int argc, char **argv)
{
	const char *phase = argc > 1 ? argv[1] : "none";

	rounds = argc > 2 ? atol(argv[2]) : 1000;
	if (!strcmp(phase, "none"))
		return 0;
	if (!strcmp(phase, "yield"))
		return yield_phase();
	if (!strcmp(phase, "pipe"))
		return pipe_phase();
	if (!strcmp(phase, "unix"))
		return unix_phase();
	if (!strcmp(phase, "futex"))
		return futex_phase();
	fprintf(stderr, "ipcbench: unknown phase %s (none, yield, pipe, unix, futex)\n", phase);
	return 2;
}
