/* Threads: pthread_create (one mapping per thread: guard page, stack, TLS
 * block and control block, in that order upwards), join, detach, exit and
 * the thread's identity. A thread's end clears its tid word and wakes it
 * (CLONE_CHILD_CLEARTID): join sleeps on that word, and the mapping of a
 * detached thread is unmapped by a later pthread_create once it is 0. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "atomic.h"
#include "internal.h"
#include "thread.h"

#define CLONE_VM 0x100
#define CLONE_FS 0x200
#define CLONE_FILES 0x400
#define CLONE_SIGHAND 0x800
#define CLONE_THREAD 0x10000
#define CLONE_SYSVSEM 0x40000
#define CLONE_SETTLS 0x80000
#define CLONE_PARENT_SETTID 0x100000
#define CLONE_CHILD_CLEARTID 0x200000

#define PAGE 4096UL
#define DEFAULT_STACK (256 * 1024UL)

long __thread_clone(int (*fn)(void *), void *stack, unsigned long flags,
		    void *arg, volatile int *ptid, void *tls,
		    volatile int *ctid);

static volatile int threads = 1; /* running; the last one calls exit(0) */
static volatile int dead_lock;
static struct __pthread *dead; /* detached, ended or ending: to unmap */

static size_t round_up(size_t n, size_t a) { return (n + a - 1) & ~(a - 1); }

/* Unmaps the detached threads whose end the kernel has reported. */
static void reap(void)
{
	struct __pthread **p, *t;

	__lock(&dead_lock);
	for (p = &dead; (t = *p);) {
		if (__a_load(&t->tid) == 0) {
			*p = t->next_dead;
			munmap(t->map, t->map_size);
		} else {
			p = &t->next_dead;
		}
	}
	__unlock(&dead_lock);
}

/* In a fork child (proc.c): the caller is the one thread; the others'
 * mappings are the child's copies, left mapped. */
void __pthread_after_fork(void)
{
	threads = 1;
	dead = NULL;
	dead_lock = 0;
}

static int thread_start(void *arg)
{
	struct __pthread *t = arg;

	pthread_sigmask(SIG_SETMASK, &t->start_mask, NULL);
	pthread_exit(t->start(t->arg));
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
		   void *(*start)(void *), void *arg)
{
	size_t stack = attr && attr->__stacksize ? attr->__stacksize : DEFAULT_STACK;
	size_t guard = attr ? round_up(attr->__guardsize, PAGE) : PAGE;
	size_t tls = round_up(__libc_tls_area_size(), 64);
	size_t size = guard + round_up(stack, PAGE) + round_up(tls, PAGE);
	unsigned long flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
			      CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS |
			      CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
	struct __pthread *t;
	char *map, *area;
	sigset_t all;
	int slot;
	long r;

	reap();
	map = mmap(NULL, size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		return EAGAIN;
	if (guard && mprotect(map, guard, PROT_NONE) < 0) {
		munmap(map, size);
		return EAGAIN;
	}
	slot = __a_slot_alloc();
	if (slot < 0) {
		munmap(map, size);
		return EAGAIN;
	}
	/* The TLS area at the top; the stack grows down from just below it. */
	area = map + size - tls;
	t = __libc_tls_install(area);
	t->start = start;
	t->arg = arg;
	t->map = map;
	t->map_size = size;
	t->slot = slot;
	t->state = attr && attr->__detach ? THREAD_DETACHED : THREAD_JOINABLE;
	__libc_threaded = 1;
	__a_fetch_add(&threads, 1);
	/* The new thread starts with every signal blocked, so no handler runs
	 * on it before it is set up, then takes the creator's mask. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &t->start_mask);
	r = __thread_clone(thread_start, area, flags, t, &t->tid,
			   __libc_thread_pointer(t), &t->tid);
	pthread_sigmask(SIG_SETMASK, &t->start_mask, NULL);
	if (r < 0) {
		__a_fetch_add(&threads, -1);
		__a_slot_free(slot);
		munmap(map, size);
		return (int)-r == ENOMEM ? EAGAIN : (int)-r;
	}
	*thread = (pthread_t)t;
	return 0;
}

/* Runs the cleanup handlers and key destructors, then ends the thread (the
 * process, with exit(0), when it is the last). */
void pthread_exit(void *result)
{
	struct __pthread *self = __pthread_self();

	self->result = result;
	while (self->cleanup) {
		struct __pthread_cleanup_frame *f = self->cleanup;

		self->cleanup = f->__prev;
		f->__fn(f->__arg);
	}
	__pthread_run_key_destructors(self);
	if (__a_fetch_add(&threads, -1) == 1)
		exit(0);
	if (__a_cas(&self->state, THREAD_JOINABLE, THREAD_EXITED) ==
		    THREAD_DETACHED &&
	    self->map) {
		__lock(&dead_lock);
		self->next_dead = dead;
		dead = self;
		__unlock(&dead_lock);
	}
	if (self->slot)
		__a_slot_free(self->slot);
	for (;;)
		__syscall1(SYS_exit, 0);
}

int pthread_join(pthread_t thread, void **result)
{
	struct __pthread *t = (struct __pthread *)thread, *self = __pthread_self();
	int tid;

	if (t == self)
		return EDEADLK;
	if (__a_load(&t->state) == THREAD_DETACHED)
		return EINVAL;
	while ((tid = __a_load(&t->tid)) != 0)
		__futex_wait(&t->tid, tid, NULL, 0, 1);
	if (result)
		*result = t->result;
	if (t->map)
		munmap(t->map, t->map_size);
	return 0;
}

int pthread_detach(pthread_t thread)
{
	struct __pthread *t = (struct __pthread *)thread;
	int old = __a_cas(&t->state, THREAD_JOINABLE, THREAD_DETACHED);

	if (old == THREAD_DETACHED)
		return EINVAL;
	if (old == THREAD_EXITED) /* ended already: nobody else will free it */
		return pthread_join(thread, NULL);
	return 0;
}

pthread_t pthread_self(void)
{
	return (pthread_t)__pthread_self();
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

int pthread_kill(pthread_t thread, int sig)
{
	struct __pthread *t = (struct __pthread *)thread;
	int tid = __a_load(&t->tid);
	long r;

	if (tid == 0)
		return ESRCH;
	r = __syscall3(SYS_tgkill, getpid(), tid, sig);
	return r < 0 ? (int)-r : 0;
}

int pthread_sigmask(int how, const sigset_t *set, sigset_t *old)
{
	int saved = errno, r = sigprocmask(how, set, old) < 0 ? errno : 0;

	errno = saved;
	return r;
}

/* No cancellation: the state is recorded and reported, nothing more. */
int pthread_setcancelstate(int state, int *old)
{
	struct __pthread *self = __pthread_self();

	if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE)
		return EINVAL;
	if (old)
		*old = self->cancel_disabled;
	self->cancel_disabled = state;
	return 0;
}

void __pthread_cleanup_push(struct __pthread_cleanup_frame *f,
			    void (*fn)(void *), void *arg)
{
	struct __pthread *self = __pthread_self();

	f->__fn = fn;
	f->__arg = arg;
	f->__prev = self->cleanup;
	self->cleanup = f;
}

void __pthread_cleanup_pop(struct __pthread_cleanup_frame *f, int execute)
{
	__pthread_self()->cleanup = f->__prev;
	if (execute)
		f->__fn(f->__arg);
}
