/* Private to the libc: a thread's control block, the futex calls and the
 * small internal lock the pthreads and the rest of the library build on.
 *
 * Each thread's thread pointer (x86_64's FS base, riscv32's tp) locates its
 * control block and its copy of the program's TLS segment (PT_TLS):
 *   x86_64 (TLS variant II):  [ TLS block ][ struct __pthread ]   tp = &self
 *   riscv32 (variant I):      [ struct __pthread ][ TLS block ]   tp = block
 * x86_64 code reads %fs:0 for the thread pointer's value, so the control
 * block starts with a pointer to itself. */
#ifndef _LIBC_THREAD_H
#define _LIBC_THREAD_H

#include <pthread.h>
#include <signal.h>
#include <stddef.h>

struct __pthread_cleanup_frame;

struct __pthread {
	struct __pthread *self; /* x86_64: %fs:0 */
	/* The kernel writes the tid here at clone and zeroes it (and wakes a
	 * futex on it) when the thread has ended: what join waits on. */
	volatile int tid;
	/* JOINABLE, DETACHED or EXITED: who frees the thread's memory. */
	volatile int state;
	void *(*start)(void *);
	void *arg;
	void *result;
	void *map; /* the mapping holding stack, TLS and this block (0: main) */
	size_t map_size;
	struct __pthread_cleanup_frame *cleanup;
	int slot; /* riscv32: its place in the atomics lock (atomic.h) */
	struct __pthread *next_dead; /* on the reap list once detached and ended */
	void *specific[PTHREAD_KEYS_MAX];
	unsigned specific_seq[PTHREAD_KEYS_MAX]; /* the key's creation it belongs to */
	unsigned specific_used; /* a value was set: destructors may be due */
	int cancel_disabled;
	sigset_t start_mask; /* the creator's signal mask, the thread's at start */
};

enum { THREAD_JOINABLE, THREAD_DETACHED, THREAD_EXITED };

/* tls.c: set up at start-up; the size of one thread's TLS area (block and
 * control block, aligned) and how to lay one out in memory at `area`. */
void __libc_tls_init(void);
size_t __libc_tls_area_size(void);
struct __pthread *__libc_tls_install(void *area);
void *__libc_thread_pointer(struct __pthread *t);
struct __pthread *__pthread_self(void);

/* Set once a second thread has been created: from then on the library
 * locks what it shares (stdio, malloc); before, locking is skipped. */
extern volatile int __libc_threaded;

/* futex(2) on a 32-bit word; `private` unless shared across processes. */
long __futex_wait(volatile int *addr, int value, const struct timespec *abs,
		  int clock_realtime, int shared);
void __futex_wake(volatile int *addr, int count, int shared);

/* A lock word: 0 free, 1 held, 2 held with waiters (Drepper's mutex). */
void __lock(volatile int *l);
int __trylock(volatile int *l);
void __unlock(volatile int *l);

/* stdio-file.c: a stream's lock, taken only once threads exist; returns
 * what __stdio_unlock wants back. */
typedef struct FILE FILE;
int __stdio_lock(FILE *f);
void __stdio_unlock(FILE *f, int locked);

/* malloc.c: the heap's lock (taken only once threads exist). */
void __malloc_lock(void);
void __malloc_unlock(void);

/* pthread-create.c, when linked: a fork child's thread count back to 1. */
void __pthread_after_fork(void) __attribute__((weak));

void __pthread_run_key_destructors(struct __pthread *self);

#endif
