/* C11 atomics (<stdatomic.h>) over the compiler's __atomic built-ins.
 *
 * On x86_64 every operation on 1, 2, 4 and 8 bytes is an instruction
 * (lock-prefixed, xchg, or a plain load or store). The esp32c3 board's hart
 * is RV32IMC, without the A extension: gcc compiles loads and stores of up
 * to 4 bytes as fenced lw/sw, and every read-modify-write (and any access
 * to 8 bytes) as a call to the library's __atomic_* functions
 * (libc/src/atomic-lib.c), which run inside one process-wide lock. So that
 * an atomic_store cannot land in the middle of another thread's locked
 * read-modify-write, atomic_store goes through the lock there too; a plain
 * assignment `x = v` to an _Atomic object does not (docs/pthreads.md).
 * Objects of other sizes use the lock on both architectures. */
#ifndef _STDATOMIC_H
#define _STDATOMIC_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
	memory_order_relaxed = __ATOMIC_RELAXED,
	memory_order_consume = __ATOMIC_CONSUME,
	memory_order_acquire = __ATOMIC_ACQUIRE,
	memory_order_release = __ATOMIC_RELEASE,
	memory_order_acq_rel = __ATOMIC_ACQ_REL,
	memory_order_seq_cst = __ATOMIC_SEQ_CST,
} memory_order;

typedef _Atomic _Bool atomic_bool;
typedef _Atomic char atomic_char;
typedef _Atomic signed char atomic_schar;
typedef _Atomic unsigned char atomic_uchar;
typedef _Atomic short atomic_short;
typedef _Atomic unsigned short atomic_ushort;
typedef _Atomic int atomic_int;
typedef _Atomic unsigned int atomic_uint;
typedef _Atomic long atomic_long;
typedef _Atomic unsigned long atomic_ulong;
typedef _Atomic long long atomic_llong;
typedef _Atomic unsigned long long atomic_ullong;
typedef _Atomic __CHAR16_TYPE__ atomic_char16_t;
typedef _Atomic __CHAR32_TYPE__ atomic_char32_t;
typedef _Atomic __WCHAR_TYPE__ atomic_wchar_t;
typedef _Atomic int_least8_t atomic_int_least8_t;
typedef _Atomic uint_least8_t atomic_uint_least8_t;
typedef _Atomic int_least16_t atomic_int_least16_t;
typedef _Atomic uint_least16_t atomic_uint_least16_t;
typedef _Atomic int_least32_t atomic_int_least32_t;
typedef _Atomic uint_least32_t atomic_uint_least32_t;
typedef _Atomic int_least64_t atomic_int_least64_t;
typedef _Atomic uint_least64_t atomic_uint_least64_t;
typedef _Atomic int_fast8_t atomic_int_fast8_t;
typedef _Atomic uint_fast8_t atomic_uint_fast8_t;
typedef _Atomic int_fast16_t atomic_int_fast16_t;
typedef _Atomic uint_fast16_t atomic_uint_fast16_t;
typedef _Atomic int_fast32_t atomic_int_fast32_t;
typedef _Atomic uint_fast32_t atomic_uint_fast32_t;
typedef _Atomic int_fast64_t atomic_int_fast64_t;
typedef _Atomic uint_fast64_t atomic_uint_fast64_t;
typedef _Atomic intptr_t atomic_intptr_t;
typedef _Atomic uintptr_t atomic_uintptr_t;
typedef _Atomic size_t atomic_size_t;
typedef _Atomic ptrdiff_t atomic_ptrdiff_t;
typedef _Atomic intmax_t atomic_intmax_t;
typedef _Atomic uintmax_t atomic_uintmax_t;

/* Lock-free: 2 always, 1 sometimes, 0 never (riscv32 without A: its
 * read-modify-writes take a lock). */
#if defined(__riscv) && !defined(__riscv_atomic)
#define __STDATOMIC_LOCK_FREE 0
#else
#define __STDATOMIC_LOCK_FREE 2
#endif
#define ATOMIC_BOOL_LOCK_FREE __STDATOMIC_LOCK_FREE
#define ATOMIC_CHAR_LOCK_FREE __STDATOMIC_LOCK_FREE
#define ATOMIC_CHAR16_T_LOCK_FREE __STDATOMIC_LOCK_FREE
#define ATOMIC_CHAR32_T_LOCK_FREE __STDATOMIC_LOCK_FREE
#define ATOMIC_WCHAR_T_LOCK_FREE __STDATOMIC_LOCK_FREE
#define ATOMIC_SHORT_LOCK_FREE __STDATOMIC_LOCK_FREE
#define ATOMIC_INT_LOCK_FREE __STDATOMIC_LOCK_FREE
#define ATOMIC_LONG_LOCK_FREE __STDATOMIC_LOCK_FREE
#define ATOMIC_LLONG_LOCK_FREE __STDATOMIC_LOCK_FREE
#define ATOMIC_POINTER_LOCK_FREE __STDATOMIC_LOCK_FREE

#define ATOMIC_VAR_INIT(value) (value)
#define atomic_init(obj, value) atomic_store_explicit((obj), (value), memory_order_relaxed)
#define kill_dependency(y) (y)

#define atomic_thread_fence(order) __atomic_thread_fence(order)
#define atomic_signal_fence(order) __atomic_signal_fence(order)
#define atomic_is_lock_free(obj) __atomic_is_lock_free(sizeof(*(obj)), (obj))

/* The value type of an atomic object: `(void)0, *obj` is an rvalue, which
 * drops the _Atomic qualifier. */
#define __atomic_value_type(obj) __typeof__((void)0, *(obj))

#define atomic_load_explicit(obj, order) \
	__extension__({ \
		__atomic_value_type(obj) __value; \
		__atomic_load((obj), &__value, (order)); \
		__value; \
	})

#if defined(__riscv) && !defined(__riscv_atomic)
/* Through the lock: an exchange whose old value is dropped. */
#define atomic_store_explicit(obj, desired, order) \
	__extension__({ \
		__atomic_value_type(obj) __new = (desired), __old; \
		__atomic_exchange((obj), &__new, &__old, (order)); \
		(void)0; \
	})
#else
#define atomic_store_explicit(obj, desired, order) \
	__extension__({ \
		__atomic_value_type(obj) __new = (desired); \
		__atomic_store((obj), &__new, (order)); \
		(void)0; \
	})
#endif

#define atomic_exchange_explicit(obj, desired, order) \
	__extension__({ \
		__atomic_value_type(obj) __new = (desired), __old; \
		__atomic_exchange((obj), &__new, &__old, (order)); \
		__old; \
	})

#define atomic_compare_exchange_strong_explicit(obj, expected, desired, success, failure) \
	__extension__({ \
		__atomic_value_type(obj) __new = (desired); \
		__atomic_compare_exchange((obj), (expected), &__new, 0, (success), (failure)); \
	})
#define atomic_compare_exchange_weak_explicit(obj, expected, desired, success, failure) \
	__extension__({ \
		__atomic_value_type(obj) __new = (desired); \
		__atomic_compare_exchange((obj), (expected), &__new, 1, (success), (failure)); \
	})

/* On an atomic pointer these add and subtract bytes, as gcc's built-ins
 * do, not elements. */
#define atomic_fetch_add_explicit(obj, arg, order) __atomic_fetch_add((obj), (arg), (order))
#define atomic_fetch_sub_explicit(obj, arg, order) __atomic_fetch_sub((obj), (arg), (order))
#define atomic_fetch_or_explicit(obj, arg, order) __atomic_fetch_or((obj), (arg), (order))
#define atomic_fetch_xor_explicit(obj, arg, order) __atomic_fetch_xor((obj), (arg), (order))
#define atomic_fetch_and_explicit(obj, arg, order) __atomic_fetch_and((obj), (arg), (order))

#define atomic_load(obj) atomic_load_explicit((obj), memory_order_seq_cst)
#define atomic_store(obj, desired) atomic_store_explicit((obj), (desired), memory_order_seq_cst)
#define atomic_exchange(obj, desired) atomic_exchange_explicit((obj), (desired), memory_order_seq_cst)
#define atomic_compare_exchange_strong(obj, expected, desired) \
	atomic_compare_exchange_strong_explicit((obj), (expected), (desired), memory_order_seq_cst, memory_order_seq_cst)
#define atomic_compare_exchange_weak(obj, expected, desired) \
	atomic_compare_exchange_weak_explicit((obj), (expected), (desired), memory_order_seq_cst, memory_order_seq_cst)
#define atomic_fetch_add(obj, arg) atomic_fetch_add_explicit((obj), (arg), memory_order_seq_cst)
#define atomic_fetch_sub(obj, arg) atomic_fetch_sub_explicit((obj), (arg), memory_order_seq_cst)
#define atomic_fetch_or(obj, arg) atomic_fetch_or_explicit((obj), (arg), memory_order_seq_cst)
#define atomic_fetch_xor(obj, arg) atomic_fetch_xor_explicit((obj), (arg), memory_order_seq_cst)
#define atomic_fetch_and(obj, arg) atomic_fetch_and_explicit((obj), (arg), memory_order_seq_cst)

/* atomic_flag: a byte set by exchange (gcc's __atomic_test_and_set is a
 * plain load and store on a hart without atomics). */
typedef struct {
	_Atomic unsigned char __set;
} atomic_flag;

#define ATOMIC_FLAG_INIT { 0 }
#define atomic_flag_test_and_set_explicit(flag, order) ((_Bool)__atomic_exchange_n(&(flag)->__set, 1, (order)))
#define atomic_flag_clear_explicit(flag, order) atomic_store_explicit(&(flag)->__set, 0, (order))
#define atomic_flag_test_and_set(flag) atomic_flag_test_and_set_explicit((flag), memory_order_seq_cst)
#define atomic_flag_clear(flag) atomic_flag_clear_explicit((flag), memory_order_seq_cst)

#endif
