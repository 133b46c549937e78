/* atomics: C11 <stdatomic.h> across threads. Four threads hammer shared
 * atomic objects of every size (1, 2, 4 and 8 bytes, and a 12-byte
 * struct) with fetch-and-op, ++, compare-exchange loops, exchange and an
 * atomic_flag spin lock; every total must come out exact, and no reader
 * may see a torn struct. On the esp32c3 board (RV32IMC, no atomic
 * instructions) each read-modify-write is a call into the libc's lock, and
 * preemption may stop a thread anywhere in it. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include "testlib.h"

#define THREADS 4
#define ROUNDS 1500

struct triple {
	int a, b, c;
};

static atomic_int counter;
static _Atomic int plus_plus;
static atomic_llong wide;
static atomic_uchar byte;
static atomic_ushort half;
static atomic_uint cas_counter;
static atomic_flag flag = ATOMIC_FLAG_INIT;
static long guarded; /* only under `flag` */
static atomic_uint bits;
static atomic_uint toggles;
static atomic_int slot;
static long long exchanged[THREADS];
static _Atomic struct triple triple;
static atomic_int torn;

static void bump_triple(void)
{
	struct triple old = atomic_load(&triple), next;

	do {
		next.a = old.a + 1;
		next.b = 2 * next.a;
		next.c = 3 * next.a;
	} while (!atomic_compare_exchange_weak(&triple, &old, next));
}

static void *worker(void *arg)
{
	int id = (int)(intptr_t)arg;

	for (int i = 0; i < ROUNDS; i++) {
		atomic_fetch_add(&counter, 1);
		plus_plus++;
		atomic_fetch_add_explicit(&wide, 0x100000001LL, memory_order_relaxed);
		atomic_fetch_add(&byte, 1);
		atomic_fetch_sub(&half, 1);
		unsigned seen = atomic_load_explicit(&cas_counter, memory_order_relaxed);
		while (!atomic_compare_exchange_weak_explicit(&cas_counter, &seen, seen + 1, memory_order_acq_rel,
							      memory_order_relaxed))
			;
		while (atomic_flag_test_and_set_explicit(&flag, memory_order_acquire))
			;
		guarded++;
		atomic_flag_clear_explicit(&flag, memory_order_release);
		atomic_fetch_xor(&toggles, 1u << id);
		exchanged[id] += atomic_exchange(&slot, id * ROUNDS + i + 1);
		if (i % 8 == 0)
			bump_triple();
		struct triple t = atomic_load(&triple);
		if (t.b != 2 * t.a || t.c != 3 * t.a)
			atomic_fetch_add(&torn, 1);
	}
	atomic_fetch_or(&bits, 1u << id);
	atomic_fetch_and(&bits, ~(0x100u << id));
	return NULL;
}

int main(void)
{
	pthread_t threads[THREADS];
	const long total = (long)THREADS * ROUNDS;

	atomic_init(&bits, 0xf00u);
	atomic_store(&half, 0);
	check(atomic_load(&counter) == 0 && atomic_load(&bits) == 0xf00u, "atomic_init and atomic_store, then atomic_load");
	check(ATOMIC_INT_LOCK_FREE == 0 || ATOMIC_INT_LOCK_FREE == 2, "ATOMIC_INT_LOCK_FREE is 0 or 2");
	check(atomic_is_lock_free(&counter) == (ATOMIC_INT_LOCK_FREE == 2), "atomic_is_lock_free agrees with ATOMIC_INT_LOCK_FREE");

	for (int i = 0; i < THREADS; i++)
		pthread_create(&threads[i], NULL, worker, (void *)(intptr_t)i);
	for (int i = 0; i < THREADS; i++)
		pthread_join(threads[i], NULL);

	check(atomic_load(&counter) == total, "%d threads x %d atomic_fetch_add: %d", THREADS, ROUNDS, atomic_load(&counter));
	check(plus_plus == total, "++ on an _Atomic int: %d", (int)plus_plus);
	long long w = atomic_load(&wide);
	check(w == total * 0x100000001LL, "8-byte fetch_add of 0x100000001: %#llx", (unsigned long long)w);
	check(atomic_load(&byte) == (unsigned char)total, "1-byte fetch_add wraps: %u", (unsigned)atomic_load(&byte));
	check(atomic_load(&half) == (unsigned short)-total, "2-byte fetch_sub wraps: %u", (unsigned)atomic_load(&half));
	check(atomic_load(&cas_counter) == (unsigned)total, "compare_exchange_weak loops: %u", atomic_load(&cas_counter));
	check(guarded == total, "an atomic_flag spin lock guards a plain counter: %ld", guarded);
	check(atomic_load(&toggles) == 0, "fetch_xor of each thread's bit an even number of times: %#x", atomic_load(&toggles));
	check(atomic_load(&bits) == 0xfu, "fetch_or and fetch_and of each thread's bits: %#x", atomic_load(&bits));

	/* Every value put in the slot was taken out exactly once, by an
	 * exchange or by this final load. */
	long long sum = atomic_load(&slot), expect = 0;
	for (int i = 0; i < THREADS; i++)
		sum += exchanged[i];
	for (long v = 1; v <= total; v++)
		expect += v;
	check(sum == expect, "atomic_exchange loses no value: %lld", sum);

	struct triple t = atomic_load(&triple);
	int bumps = THREADS * ((ROUNDS + 7) / 8);
	check(t.a == bumps && t.b == 2 * bumps && t.c == 3 * bumps, "a 12-byte struct by compare_exchange: %d %d %d", t.a, t.b,
	      t.c);
	check(atomic_load(&torn) == 0, "no torn struct read: %d", atomic_load(&torn));

	int expected = 5;
	atomic_store(&counter, 5);
	check(atomic_compare_exchange_strong(&counter, &expected, 9) && atomic_load(&counter) == 9,
	      "compare_exchange_strong succeeds on the expected value");
	check(!atomic_compare_exchange_strong(&counter, &expected, 1) && expected == 9,
	      "and fails otherwise, returning the value it found");
	atomic_thread_fence(memory_order_seq_cst);
	atomic_signal_fence(memory_order_seq_cst);
	return finish("atomics");
}
