/* mqueue: POSIX message queues between processes: priorities (highest
 * first, FIFO within one), attributes, a full queue with O_NONBLOCK
 * (EAGAIN) and with a timeout (ETIMEDOUT), a receiver that sleeps until a
 * child sends, and the errors Linux gives. (mq_notify is left out:
 * qemu-riscv32, the riscv32 oracle, does not implement it.) */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "testlib.h"

static void deadline_in_ms(struct timespec *ts, long ms)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_nsec += ms * 1000000L;
	ts->tv_sec += ts->tv_nsec / 1000000000L;
	ts->tv_nsec %= 1000000000L;
}

int main(void)
{
	char name[64];
	snprintf(name, sizeof(name), "/jos-mq-%d", (int)getpid());
	struct mq_attr attr = { 0 };
	attr.mq_maxmsg = 4;
	attr.mq_msgsize = 32;
	mq_unlink(name);
	mqd_t q = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
	check(q >= 0, "mq_open(O_CREAT | O_EXCL) with 4 messages of 32 bytes");
	check(mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr) == -1 && errno == EEXIST, "again with O_EXCL is EEXIST");
	check(mq_open("no-slash", O_RDONLY) == -1 && errno == EINVAL, "a name without '/' is EINVAL");
	check(mq_open("/jos-mq-none", O_RDONLY) == -1 && errno == ENOENT, "opening a missing queue is ENOENT");

	check(mq_send(q, "low", 3, 1) == 0 && mq_send(q, "high", 4, 9) == 0 &&
	      mq_send(q, "low2", 4, 1) == 0 && mq_send(q, "mid", 3, 5) == 0, "four sends");
	struct mq_attr now;
	check(mq_getattr(q, &now) == 0 && now.mq_maxmsg == 4 && now.mq_msgsize == 32 && now.mq_curmsgs == 4 && now.mq_flags == 0,
	      "mq_getattr: 4 of 4, 32 bytes, blocking");
	char buf[64];
	unsigned prio = 0;
	const char *order[] = { "high", "mid", "low", "low2" };
	int in_order = 1;
	for (int i = 0; i < 4; i++) {
		ssize_t n = mq_receive(q, buf, sizeof(buf), &prio);
		in_order &= n == (ssize_t)strlen(order[i]) && memcmp(buf, order[i], (size_t)n) == 0;
		printf("received \"%.*s\" at priority %u\n", (int)n, buf, prio);
	}
	check(in_order, "highest priority first, in order of sending within one");
	check(mq_send(q, buf, 33, 0) == -1 && errno == EMSGSIZE, "a message longer than mq_msgsize is EMSGSIZE");
	check(mq_receive(q, buf, 16, NULL) == -1 && errno == EMSGSIZE, "a receive buffer shorter than mq_msgsize is EMSGSIZE");

	struct mq_attr nb = { 0 };
	nb.mq_flags = O_NONBLOCK;
	check(mq_setattr(q, &nb, NULL) == 0, "mq_setattr(O_NONBLOCK)");
	check(mq_receive(q, buf, sizeof(buf), NULL) == -1 && errno == EAGAIN, "an empty non-blocking queue is EAGAIN");
	for (int i = 0; i < 4; i++)
		mq_send(q, "x", 1, 0);
	check(mq_send(q, "x", 1, 0) == -1 && errno == EAGAIN, "a full non-blocking queue is EAGAIN");
	nb.mq_flags = 0;
	mq_setattr(q, &nb, NULL);
	struct timespec ts;
	deadline_in_ms(&ts, 30);
	int64_t t0 = now_ns();
	check(mq_timedsend(q, "x", 1, 0, &ts) == -1 && errno == ETIMEDOUT && now_ns() - t0 >= 20000000,
	      "a full queue: mq_timedsend times out");
	for (int i = 0; i < 4; i++)
		mq_receive(q, buf, sizeof(buf), NULL);

	/* A child sends after a while; the parent's receive sleeps until then. */
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		mqd_t cq = mq_open(name, O_WRONLY);
		sleep_ms(20);
		_exit(mq_send(cq, "from child", 10, 3) == 0 ? 0 : 1);
	}
	ssize_t n = mq_receive(q, buf, sizeof(buf), &prio);
	check(n == 10 && memcmp(buf, "from child", 10) == 0 && prio == 3, "the receive slept until the child sent");
	check(wait_for(pid) == 0, "the child sent");

	check(mq_close(q) == 0 && mq_unlink(name) == 0, "mq_close and mq_unlink");
	check(mq_unlink(name) == -1 && errno == ENOENT, "unlinking it again is ENOENT");
	return finish("mqueue");
}
