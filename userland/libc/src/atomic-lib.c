/* The __atomic_* functions gcc calls where it has no instruction for an
 * atomic operation (libatomic's interface): on riscv32 without the A
 * extension every read-modify-write and every 8-byte access; on both
 * architectures objects of other sizes (an _Atomic struct). Each runs
 * inside the process-wide lock of atomic.h (the bakery lock on riscv32),
 * which orders it with every other one as seq_cst: the memory-order
 * arguments can only be weaker. Loads and stores of up to 4 bytes that gcc
 * compiles inline stay plain accesses; <stdatomic.h>'s atomic_store takes
 * the lock on riscv32 so that it cannot fall inside another thread's
 * read-modify-write. */
#include <stdint.h>
#include <string.h>
#include "atomic.h"

#if !(defined(__riscv) && !defined(__riscv_atomic))
volatile int __a_big_lock;
#endif

/* gcc knows these names as built-ins with their own prototypes: the
 * functions are defined under other names and take theirs as asm labels. */
#define LIB(name) __asm__("__atomic_" #name)

void generic_load(size_t size, const volatile void *from, void *to, int order) LIB(load);
void generic_load(size_t size, const volatile void *from, void *to, int order)
{
	(void)order;
	__a_lock();
	memcpy(to, (const void *)from, size);
	__a_unlock();
}

void generic_store(size_t size, volatile void *to, void *from, int order) LIB(store);
void generic_store(size_t size, volatile void *to, void *from, int order)
{
	(void)order;
	__a_lock();
	memcpy((void *)to, from, size);
	__a_unlock();
}

void generic_exchange(size_t size, volatile void *p, void *value, void *old, int order) LIB(exchange);
void generic_exchange(size_t size, volatile void *p, void *value, void *old, int order)
{
	unsigned char scratch[256];
	int direct = (const void *)value != (const void *)old;

	(void)order;
	__a_lock();
	if (direct) {
		memcpy(old, (void *)p, size);
		memcpy((void *)p, value, size);
	} else {
		/* value and old are one buffer: through scratch, a piece at a time. */
		for (size_t at = 0; at < size; at += sizeof scratch) {
			size_t n = size - at < sizeof scratch ? size - at : sizeof scratch;

			memcpy(scratch, (unsigned char *)p + at, n);
			memcpy((unsigned char *)p + at, (unsigned char *)value + at, n);
			memcpy((unsigned char *)old + at, scratch, n);
		}
	}
	__a_unlock();
}

_Bool generic_compare_exchange(size_t size, volatile void *p, void *expected, void *desired, int success, int failure)
	LIB(compare_exchange);
_Bool generic_compare_exchange(size_t size, volatile void *p, void *expected, void *desired, int success, int failure)
{
	_Bool equal;

	(void)success;
	(void)failure;
	__a_lock();
	equal = memcmp((void *)p, expected, size) == 0;
	if (equal)
		memcpy((void *)p, desired, size);
	else
		memcpy(expected, (void *)p, size);
	__a_unlock();
	return equal;
}

_Bool is_lock_free(size_t size, const volatile void *p) LIB(is_lock_free);
_Bool is_lock_free(size_t size, const volatile void *p)
{
#if defined(__riscv) && !defined(__riscv_atomic)
	(void)size;
	(void)p;
	return 0;
#else
	uintptr_t at = (uintptr_t)p;

	return (size == 1 || size == 2 || size == 4 || size == 8) && (at & (size - 1)) == 0;
#endif
}

#if defined(__riscv) && !defined(__riscv_atomic)
/* The operations on 1, 2, 4 and 8 bytes, each under the lock. */
#define OP(name, T, N, expr, result) \
	T name##_##N(volatile void *p, T value, int order) LIB(name##_##N); \
	T name##_##N(volatile void *p, T value, int order) \
	{ \
		volatile T *at = p; \
		T old; \
		(void)order; \
		__a_lock(); \
		old = *at; \
		*at = (expr); \
		__a_unlock(); \
		return (result); \
	}

#define SIZED(T, N) \
	T load_##N(const volatile void *p, int order) LIB(load_##N); \
	T load_##N(const volatile void *p, int order) \
	{ \
		T value; \
		(void)order; \
		__a_lock(); \
		value = *(const volatile T *)p; \
		__a_unlock(); \
		return value; \
	} \
	void store_##N(volatile void *p, T value, int order) LIB(store_##N); \
	void store_##N(volatile void *p, T value, int order) \
	{ \
		(void)order; \
		__a_lock(); \
		*(volatile T *)p = value; \
		__a_unlock(); \
	} \
	_Bool compare_exchange_##N(volatile void *p, void *expected, T desired, _Bool weak, int success, int failure) \
		LIB(compare_exchange_##N); \
	_Bool compare_exchange_##N(volatile void *p, void *expected, T desired, _Bool weak, int success, int failure) \
	{ \
		volatile T *at = p; \
		T *want = expected; \
		_Bool equal; \
		(void)weak; \
		(void)success; \
		(void)failure; \
		__a_lock(); \
		equal = *at == *want; \
		if (equal) \
			*at = desired; \
		else \
			*want = *at; \
		__a_unlock(); \
		return equal; \
	} \
	OP(exchange, T, N, value, old) \
	OP(fetch_add, T, N, old + value, old) \
	OP(fetch_sub, T, N, old - value, old) \
	OP(fetch_and, T, N, old & value, old) \
	OP(fetch_or, T, N, old | value, old) \
	OP(fetch_xor, T, N, old ^ value, old) \
	OP(fetch_nand, T, N, ~(old & value), old) \
	OP(add_fetch, T, N, old + value, (T)(old + value)) \
	OP(sub_fetch, T, N, old - value, (T)(old - value)) \
	OP(and_fetch, T, N, old & value, (T)(old & value)) \
	OP(or_fetch, T, N, old | value, (T)(old | value)) \
	OP(xor_fetch, T, N, old ^ value, (T)(old ^ value)) \
	OP(nand_fetch, T, N, ~(old & value), (T)~(old & value))

SIZED(uint8_t, 1)
SIZED(uint16_t, 2)
SIZED(uint32_t, 4)
SIZED(uint64_t, 8)
#endif
