/* POSIX message queues. */
#ifndef _MQUEUE_H
#define _MQUEUE_H

#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <sys/types.h>

typedef int mqd_t;

#ifndef SIGEV_SIGNAL
/* struct sigevent (Linux's layout): what to do when an event happens. */
union sigval {
	int sival_int;
	void *sival_ptr;
};

struct sigevent {
	union sigval sigev_value;
	int sigev_signo;
	int sigev_notify;
	int __pad[(64 - 2 * sizeof(int) - sizeof(union sigval)) / sizeof(int)];
};

#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define SIGEV_THREAD 2
#endif

struct mq_attr {
	long mq_flags;
	long mq_maxmsg;
	long mq_msgsize;
	long mq_curmsgs;
	long __reserved[4];
};

mqd_t mq_open(const char *name, int flags, ...);
int mq_close(mqd_t mq);
int mq_unlink(const char *name);
int mq_send(mqd_t mq, const char *msg, size_t len, unsigned prio);
int mq_timedsend(mqd_t mq, const char *msg, size_t len, unsigned prio,
		 const struct timespec *abs_timeout);
ssize_t mq_receive(mqd_t mq, char *msg, size_t len, unsigned *prio);
ssize_t mq_timedreceive(mqd_t mq, char *msg, size_t len, unsigned *prio,
			const struct timespec *abs_timeout);
int mq_getattr(mqd_t mq, struct mq_attr *attr);
int mq_setattr(mqd_t mq, const struct mq_attr *attr, struct mq_attr *old);
int mq_notify(mqd_t mq, const struct sigevent *event);

#endif
