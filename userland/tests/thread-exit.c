/* thread-exit: how threads end, and signals aimed at one thread. Each case
 * runs in a child process whose wait status is printed: exit() in a thread
 * ends every thread with its status; main returning ends the blocked
 * threads; main's pthread_exit leaves the process running until its last
 * thread ends (status 0), in a fork child of a threaded process too; a fault or an unhandled signal in one thread
 * kills the process. Then, in this process: pthread_kill and tgkill run the
 * handler on the thread they name; a process-directed kill goes to the
 * thread that does not block the signal; a signal a thread blocks stays
 * pending for that thread alone until it unblocks it. */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "testlib.h"

static sem_t never; /* never posted: a thread waiting on it blocks for good */

static void *block_forever(void *arg)
{
	(void)arg;
	for (;;)
		sem_wait(&never);
	return NULL;
}

static void *exit_3(void *arg)
{
	(void)arg;
	exit(3);
}

static int thread_exits(void *arg)
{
	pthread_t t, b;

	(void)arg;
	pthread_create(&b, NULL, block_forever, NULL);
	pthread_create(&t, NULL, exit_3, NULL);
	pthread_join(t, NULL);
	return 100; /* not reached: exit(3) ended this thread too */
}

static int main_returns(void *arg)
{
	pthread_t t;

	(void)arg;
	for (int i = 0; i < 3; i++)
		pthread_create(&t, NULL, block_forever, NULL);
	return 5;
}

static int late_fd;

static void *late_writer(void *arg)
{
	(void)arg;
	sleep_ms(20);
	write(late_fd, "the last thread ran on", 22);
	return NULL;
}

static int main_pthread_exits(void *arg)
{
	pthread_t t;

	late_fd = *(int *)arg;
	pthread_create(&t, NULL, late_writer, NULL);
	pthread_exit(NULL);
}

static void *fault(void *arg)
{
	*(volatile int *)arg = 1;
	return NULL;
}

static int thread_faults(void *arg)
{
	pthread_t t;

	(void)arg;
	pthread_create(&t, NULL, fault, NULL);
	pthread_join(t, NULL);
	return 100;
}

static int thread_gets_sigterm(void *arg)
{
	pthread_t t;

	(void)arg;
	pthread_create(&t, NULL, block_forever, NULL);
	pthread_kill(t, SIGTERM);
	pthread_join(t, NULL);
	return 100;
}

/* A child forked while this process has a second thread: it is alone, so
 * its pthread_exit is the last thread's, which exit()s (and flushes). */
static int fork_child_pthread_exits(void *arg)
{
	FILE *f = fdopen(*(int *)arg, "w");

	fprintf(f, "flushed by exit"); /* fully buffered until then */
	pthread_exit(NULL);
}

static void fork_of_threaded(void)
{
	pthread_t blocker;
	int fds[2], status;
	char buf[64] = "";

	sigset_t all, old;

	/* The blocker takes no signal: the ones below are for other threads. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	pthread_create(&blocker, NULL, block_forever, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pipe(fds);
	status = wait_for(spawn(fork_child_pthread_exits, &fds[1]));
	close(fds[1]);
	read(fds[0], buf, sizeof(buf) - 1);
	close(fds[0]);
	printf("a fork child of a threaded process calls pthread_exit: \"%s\", %s\n",
	       buf, describe_status(status));
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	      !strcmp(buf, "flushed by exit"), "the child is one thread: its pthread_exit ends it with exit(0)");
}

static void ends(void)
{
	int fds[2];
	char buf[64] = "";
	int status;

	status = wait_for(spawn(thread_exits, NULL));
	printf("a thread calls exit(3) while main joins it: %s\n", describe_status(status));
	check(WIFEXITED(status) && WEXITSTATUS(status) == 3, "exit() in a thread ends the process");
	status = wait_for(spawn(main_returns, NULL));
	printf("main returns 5 with three threads blocked: %s\n", describe_status(status));
	check(WIFEXITED(status) && WEXITSTATUS(status) == 5, "returning from main ends every thread");
	pipe(fds);
	status = wait_for(spawn(main_pthread_exits, &fds[1]));
	close(fds[1]);
	read(fds[0], buf, sizeof(buf) - 1);
	close(fds[0]);
	printf("main calls pthread_exit: \"%s\", %s\n", buf, describe_status(status));
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0 && strlen(buf) == 22,
	      "the process outlives main's pthread_exit, then exits 0");
	status = wait_for(spawn(thread_faults, NULL));
	printf("a thread writes to address 0: %s\n", describe_status(status));
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "a fault in a thread kills the process");
	status = wait_for(spawn(thread_gets_sigterm, NULL));
	printf("pthread_kill(SIGTERM) with no handler: %s\n", describe_status(status));
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "its default action kills the process");
}

static volatile pthread_t ran_on;
static volatile int ran_sig;
static sem_t handled;

static void handler(int sig)
{
	ran_on = pthread_self();
	ran_sig = sig;
	sem_post(&handled);
}

struct target {
	pthread_t id;
	volatile pid_t tid;
	sem_t ready, go;
	int block; /* a signal it blocks until told to go on */
	int pending_seen;
};

static void *target_thread(void *arg)
{
	struct target *t = arg;
	sigset_t set, pending;

	t->tid = gettid();
	if (t->block) {
		sigemptyset(&set);
		sigaddset(&set, t->block);
		pthread_sigmask(SIG_BLOCK, &set, NULL);
	}
	sem_post(&t->ready);
	while (sem_wait(&t->go) < 0 && errno == EINTR)
		;
	if (t->block) {
		sigpending(&pending);
		t->pending_seen = sigismember(&pending, t->block);
		pthread_sigmask(SIG_UNBLOCK, &set, NULL); /* runs the handler here */
	}
	return NULL;
}

static void start_target(struct target *t, int block)
{
	memset(t, 0, sizeof(*t));
	t->block = block;
	sem_init(&t->ready, 0, 0);
	sem_init(&t->go, 0, 0);
	pthread_create(&t->id, NULL, target_thread, t);
	sem_wait(&t->ready);
}

static void wait_handled(void)
{
	while (sem_wait(&handled) < 0 && errno == EINTR)
		;
}

static void stop_target(struct target *t)
{
	sem_post(&t->go);
	pthread_join(t->id, NULL);
}

static void directed(void)
{
	struct sigaction sa;
	struct target t;
	sigset_t usr2, pending;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sem_init(&handled, 0, 0);

	start_target(&t, 0);
	pthread_kill(t.id, SIGUSR1);
	wait_handled();
	check(ran_sig == SIGUSR1 && pthread_equal(ran_on, t.id),
	      "pthread_kill: the handler runs on the named thread");
	stop_target(&t);

	start_target(&t, 0);
	tgkill(getpid(), t.tid, SIGUSR2);
	wait_handled();
	check(ran_sig == SIGUSR2 && pthread_equal(ran_on, t.id),
	      "tgkill: the handler runs on the named thread");
	stop_target(&t);

	/* main blocks SIGUSR2, the target does not: a signal to the process
	 * goes to the target. */
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	start_target(&t, 0);
	pthread_sigmask(SIG_BLOCK, &usr2, NULL);
	kill(getpid(), SIGUSR2);
	wait_handled();
	check(pthread_equal(ran_on, t.id),
	      "kill(getpid()): the thread not blocking the signal takes it");
	pthread_sigmask(SIG_UNBLOCK, &usr2, NULL);
	stop_target(&t);

	/* The target blocks SIGUSR1: pthread_kill leaves it pending for the
	 * target only; its handler runs there once the target unblocks it. */
	start_target(&t, SIGUSR1);
	ran_on = 0;
	pthread_kill(t.id, SIGUSR1);
	sigpending(&pending);
	check(!sigismember(&pending, SIGUSR1), "main does not see the target's pending signal");
	check(ran_on == 0, "the blocked signal waits");
	stop_target(&t);
	check(t.pending_seen, "the target sees it pending");
	wait_handled();
	check(pthread_equal(ran_on, t.id), "and takes it when it unblocks it");
	printf("signals to threads: pthread_kill, tgkill, kill and a blocked signal\n");
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	ends();
	fork_of_threaded();
	directed();
	return finish("thread-exit");
}
