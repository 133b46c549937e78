/* Private to the libc: the atomic read-modify-write operations the locks
 * are built on, on a 32-bit int.
 *
 * x86_64 has them (lock cmpxchg, xchg, lock xadd). The esp32c3 board's
 * hart is RV32IMC, as on the chip: without the A extension there is no
 * atomic instruction, so on riscv32 they are functions (arch/riscv32/
 * atomic.c) that serialise through Lamport's bakery lock, which needs only
 * loads, stores and fences. It is correct on one hart that is preempted
 * anywhere and on several harts (qemu-riscv32 runs threads in parallel),
 * and the same bytes run on both. */
#ifndef _LIBC_ATOMIC_H
#define _LIBC_ATOMIC_H

#if defined(__riscv) && !defined(__riscv_atomic)
/* The old value; *p becomes `desired` when it was `expected`. */
int __a_cas(volatile int *p, int expected, int desired);
int __a_swap(volatile int *p, int value);
int __a_fetch_add(volatile int *p, int delta);
/* A new thread's bakery place; freed as the thread ends. */
int __a_slot_alloc(void);
void __a_slot_free(int slot);
/* In a fork child: only the calling thread exists, holding nothing. */
void __a_after_fork(int slot);
/* The process-wide lock itself, for the compiler's __atomic_* library
 * calls (atomic-lib.c): not reentrant, not async-signal-safe. */
void __a_lock(void);
void __a_unlock(void);
#else
static inline int __a_cas(volatile int *p, int expected, int desired)
{
	__atomic_compare_exchange_n(p, &expected, desired, 0, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	return expected;
}
static inline int __a_swap(volatile int *p, int value)
{
	return __atomic_exchange_n(p, value, __ATOMIC_SEQ_CST);
}
static inline int __a_fetch_add(volatile int *p, int delta)
{
	return __atomic_fetch_add(p, delta, __ATOMIC_SEQ_CST);
}
static inline int __a_slot_alloc(void) { return 0; }
static inline void __a_slot_free(int slot) { (void)slot; }
static inline void __a_after_fork(int slot) { (void)slot; }
#include <sched.h>
/* A spin lock (yielding) for objects of sizes without instructions. */
extern volatile int __a_big_lock;
static inline void __a_lock(void)
{
	while (__atomic_exchange_n(&__a_big_lock, 1, __ATOMIC_ACQUIRE))
		sched_yield();
}
static inline void __a_unlock(void)
{
	__atomic_store_n(&__a_big_lock, 0, __ATOMIC_RELEASE);
}
#endif

static inline int __a_load(volatile int *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

#endif
