/* Atomic read-modify-write without the A extension (see src/atomic.h):
 * every operation runs inside one process-wide Lamport bakery lock. Each
 * thread owns a place (struct __pthread's slot; the first thread has 0):
 * it takes a ticket one above every ticket it sees, then waits until no
 * place with a smaller (ticket, place) pair is waiting. Only loads and
 * stores, each fenced, so it holds on RVWMO harts running in parallel as
 * well as on one preempted hart. Waiting yields the CPU: on one hart the
 * holder must run for the waiter to get in. */
#include <sched.h>
#include "../../src/atomic.h"
#include "../../src/thread.h"

#define PLACES 256

static volatile unsigned char choosing[PLACES];
static volatile unsigned tickets[PLACES];
static volatile unsigned char taken[PLACES] = { 1 }; /* 0: the first thread */
static volatile int places = 1; /* scan [0, places): grows, never shrinks */

static void fence(void) { __asm__ volatile("fence rw, rw" ::: "memory"); }

static void enter(int me)
{
	unsigned max = 0;
	int n;

	choosing[me] = 1;
	fence();
	n = places;
	for (int j = 0; j < n; j++)
		if (tickets[j] > max)
			max = tickets[j];
	tickets[me] = max + 1;
	fence();
	choosing[me] = 0;
	fence();
	for (int j = 0; j < n; j++) {
		unsigned t;

		if (j == me)
			continue;
		while (choosing[j])
			sched_yield();
		fence();
		while ((t = tickets[j]) != 0 &&
		       (t < max + 1 || (t == max + 1 && j < me)))
			sched_yield();
		fence();
	}
}

static void leave(int me)
{
	fence();
	tickets[me] = 0;
	fence();
}

void __a_lock(void)
{
	enter(__pthread_self()->slot);
}

void __a_unlock(void)
{
	leave(__pthread_self()->slot);
}

int __a_cas(volatile int *p, int expected, int desired)
{
	int me = __pthread_self()->slot, old;

	enter(me);
	old = *p;
	if (old == expected)
		*p = desired;
	leave(me);
	return old;
}

int __a_swap(volatile int *p, int value)
{
	int me = __pthread_self()->slot, old;

	enter(me);
	old = *p;
	*p = value;
	leave(me);
	return old;
}

int __a_fetch_add(volatile int *p, int delta)
{
	int me = __pthread_self()->slot, old;

	enter(me);
	old = *p;
	*p = old + delta;
	leave(me);
	return old;
}

/* A place for a thread about to be created, or -1 when all are taken. */
int __a_slot_alloc(void)
{
	int me = __pthread_self()->slot, got = -1;

	enter(me);
	for (int j = 0; j < PLACES; j++) {
		if (!taken[j]) {
			taken[j] = 1;
			tickets[j] = 0;
			choosing[j] = 0;
			if (j >= places)
				places = j + 1;
			got = j;
			break;
		}
	}
	leave(me);
	return got;
}

/* The thread in `slot` has done its last atomic operation. */
void __a_slot_free(int slot)
{
	fence();
	taken[slot] = 0;
	fence();
}

void __a_after_fork(int slot)
{
	for (int j = 0; j < PLACES; j++) {
		choosing[j] = 0;
		tickets[j] = 0;
		taken[j] = j == slot;
	}
	fence();
}
