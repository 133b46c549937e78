/* POSIX threads, on clone(2) and futex(2): threads, mutexes (normal,
 * recursive, errorcheck), condition variables, rwlocks, barriers, spin
 * locks, once and thread-specific keys. The numbers (mutex types, detach
 * states, PTHREAD_KEYS_MAX...) are glibc's. Every object is usable by the
 * threads of one process; PTHREAD_PROCESS_SHARED is accepted where glibc
 * accepts it, and uses shared futexes (an object in MAP_SHARED memory). */
#ifndef _PTHREAD_H
#define _PTHREAD_H

#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <sys/types.h>
#include <time.h>

typedef struct {
	int __detach;
	size_t __stacksize;
	size_t __guardsize;
} pthread_attr_t;

typedef struct {
	volatile int __lock; /* 0 free, 1 held, 2 held with waiters */
	int __type;
	volatile int __owner; /* tid, for recursive and errorcheck */
	int __count;
	int __pshared;
} pthread_mutex_t;
typedef struct {
	int __type;
	int __pshared;
} pthread_mutexattr_t;

typedef struct {
	volatile int __seq; /* bumped by each signal and broadcast */
	int __clock;
	int __pshared;
} pthread_cond_t;
typedef struct {
	int __clock;
	int __pshared;
} pthread_condattr_t;

typedef struct {
	volatile int __lock;
	volatile int __readers; /* holding it to read */
	volatile int __writer;  /* a writer holds it */
	volatile int __wwait;   /* writers waiting (they go first) */
	volatile int __seq;     /* bumped at each release: what waiters sleep on */
	int __pshared;
} pthread_rwlock_t;
typedef struct {
	int __pshared;
} pthread_rwlockattr_t;

typedef struct {
	volatile int __lock;
	unsigned __count;   /* threads per round */
	unsigned __arrived; /* in this round so far */
	volatile int __seq; /* the round */
	int __pshared;
} pthread_barrier_t;
typedef struct {
	int __pshared;
} pthread_barrierattr_t;

typedef volatile int pthread_spinlock_t;
typedef volatile int pthread_once_t;
typedef unsigned pthread_key_t;

#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1

#define PTHREAD_MUTEX_NORMAL     0
#define PTHREAD_MUTEX_RECURSIVE  1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_DEFAULT    PTHREAD_MUTEX_NORMAL
#define PTHREAD_MUTEX_TIMED_NP      PTHREAD_MUTEX_NORMAL
#define PTHREAD_MUTEX_RECURSIVE_NP  PTHREAD_MUTEX_RECURSIVE
#define PTHREAD_MUTEX_ERRORCHECK_NP PTHREAD_MUTEX_ERRORCHECK

#define PTHREAD_PROCESS_PRIVATE 0
#define PTHREAD_PROCESS_SHARED  1

#define PTHREAD_CANCEL_ENABLE  0
#define PTHREAD_CANCEL_DISABLE 1
#define PTHREAD_CANCELED ((void *)-1)

#define PTHREAD_BARRIER_SERIAL_THREAD (-1)

#define PTHREAD_MUTEX_INITIALIZER { 0, 0, 0, 0, 0 }
#define PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP \
	{ 0, PTHREAD_MUTEX_RECURSIVE, 0, 0, 0 }
#define PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP \
	{ 0, PTHREAD_MUTEX_ERRORCHECK, 0, 0, 0 }
#define PTHREAD_COND_INITIALIZER { 0, 0, 0 }
#define PTHREAD_RWLOCK_INITIALIZER { 0, 0, 0, 0, 0, 0 }
#define PTHREAD_ONCE_INIT 0

int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
		   void *(*start)(void *), void *arg);
int pthread_join(pthread_t thread, void **result);
int pthread_detach(pthread_t thread);
void pthread_exit(void *result) __attribute__((noreturn));
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);
int pthread_setcancelstate(int state, int *old);
int pthread_getattr_np(pthread_t thread, pthread_attr_t *attr);

int pthread_attr_init(pthread_attr_t *attr);
int pthread_attr_destroy(pthread_attr_t *attr);
int pthread_attr_setdetachstate(pthread_attr_t *attr, int state);
int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state);
int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size);
int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size);
int pthread_attr_setguardsize(pthread_attr_t *attr, size_t size);
int pthread_attr_getguardsize(const pthread_attr_t *attr, size_t *size);

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr);
int pthread_mutex_destroy(pthread_mutex_t *m);
int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abs);
int pthread_mutex_unlock(pthread_mutex_t *m);
int pthread_mutexattr_init(pthread_mutexattr_t *attr);
int pthread_mutexattr_destroy(pthread_mutexattr_t *attr);
int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type);
int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *type);
int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared);
int pthread_mutexattr_getpshared(const pthread_mutexattr_t *attr, int *pshared);

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr);
int pthread_cond_destroy(pthread_cond_t *c);
int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m);
int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
			   const struct timespec *abs);
int pthread_cond_signal(pthread_cond_t *c);
int pthread_cond_broadcast(pthread_cond_t *c);
int pthread_condattr_init(pthread_condattr_t *attr);
int pthread_condattr_destroy(pthread_condattr_t *attr);
int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock);
int pthread_condattr_getclock(const pthread_condattr_t *attr, clockid_t *clock);
int pthread_condattr_setpshared(pthread_condattr_t *attr, int pshared);
int pthread_condattr_getpshared(const pthread_condattr_t *attr, int *pshared);

int pthread_rwlock_init(pthread_rwlock_t *l, const pthread_rwlockattr_t *attr);
int pthread_rwlock_destroy(pthread_rwlock_t *l);
int pthread_rwlock_rdlock(pthread_rwlock_t *l);
int pthread_rwlock_tryrdlock(pthread_rwlock_t *l);
int pthread_rwlock_wrlock(pthread_rwlock_t *l);
int pthread_rwlock_trywrlock(pthread_rwlock_t *l);
int pthread_rwlock_unlock(pthread_rwlock_t *l);
int pthread_rwlockattr_init(pthread_rwlockattr_t *attr);
int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr);

int pthread_barrier_init(pthread_barrier_t *b, const pthread_barrierattr_t *attr,
			 unsigned count);
int pthread_barrier_destroy(pthread_barrier_t *b);
int pthread_barrier_wait(pthread_barrier_t *b);
int pthread_barrierattr_init(pthread_barrierattr_t *attr);
int pthread_barrierattr_destroy(pthread_barrierattr_t *attr);

int pthread_spin_init(pthread_spinlock_t *s, int pshared);
int pthread_spin_destroy(pthread_spinlock_t *s);
int pthread_spin_lock(pthread_spinlock_t *s);
int pthread_spin_trylock(pthread_spinlock_t *s);
int pthread_spin_unlock(pthread_spinlock_t *s);

int pthread_once(pthread_once_t *once, void (*fn)(void));
int pthread_key_create(pthread_key_t *key, void (*destructor)(void *));
int pthread_key_delete(pthread_key_t key);
void *pthread_getspecific(pthread_key_t key);
int pthread_setspecific(pthread_key_t key, const void *value);

/* Cleanup handlers: run by pthread_exit, or by pop(1), latest first. */
struct __pthread_cleanup_frame {
	void (*__fn)(void *);
	void *__arg;
	struct __pthread_cleanup_frame *__prev;
};
void __pthread_cleanup_push(struct __pthread_cleanup_frame *f,
			    void (*fn)(void *), void *arg);
void __pthread_cleanup_pop(struct __pthread_cleanup_frame *f, int execute);
#define pthread_cleanup_push(fn, arg)                 \
	do {                                          \
		struct __pthread_cleanup_frame __cf;  \
		__pthread_cleanup_push(&__cf, (fn), (arg));
#define pthread_cleanup_pop(execute)                  \
		__pthread_cleanup_pop(&__cf, (execute)); \
	} while (0)

#endif
