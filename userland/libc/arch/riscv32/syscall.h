/* riscv32 raw system calls: `ecall` with the number in a7 and arguments in
 * a0..a5; the result, or -errno, comes back in a0. Nothing else is
 * clobbered (the kernel saves every register). */
#ifndef _ARCH_SYSCALL_H
#define _ARCH_SYSCALL_H

#include <bits/sysnum.h>

#define __SC_REGS(n)                         \
	register long a7 __asm__("a7") = (n);

static inline long __syscall0(long n)
{
	__SC_REGS(n)
	register long a0 __asm__("a0");
	__asm__ volatile("ecall" : "=r"(a0) : "r"(a7) : "memory");
	return a0;
}

static inline long __syscall1(long n, long a)
{
	__SC_REGS(n)
	register long a0 __asm__("a0") = a;
	__asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
	return a0;
}

static inline long __syscall2(long n, long a, long b)
{
	__SC_REGS(n)
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	__asm__ volatile("ecall" : "+r"(a0) : "r"(a7), "r"(a1) : "memory");
	return a0;
}

static inline long __syscall3(long n, long a, long b, long c)
{
	__SC_REGS(n)
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	register long a2 __asm__("a2") = c;
	__asm__ volatile("ecall" : "+r"(a0) : "r"(a7), "r"(a1), "r"(a2)
			 : "memory");
	return a0;
}

static inline long __syscall4(long n, long a, long b, long c, long d)
{
	__SC_REGS(n)
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	register long a2 __asm__("a2") = c;
	register long a3 __asm__("a3") = d;
	__asm__ volatile("ecall" : "+r"(a0)
			 : "r"(a7), "r"(a1), "r"(a2), "r"(a3) : "memory");
	return a0;
}

static inline long __syscall5(long n, long a, long b, long c, long d, long e)
{
	__SC_REGS(n)
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	register long a2 __asm__("a2") = c;
	register long a3 __asm__("a3") = d;
	register long a4 __asm__("a4") = e;
	__asm__ volatile("ecall" : "+r"(a0)
			 : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4)
			 : "memory");
	return a0;
}

static inline long __syscall6(long n, long a, long b, long c, long d, long e,
			      long f)
{
	__SC_REGS(n)
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	register long a2 __asm__("a2") = c;
	register long a3 __asm__("a3") = d;
	register long a4 __asm__("a4") = e;
	register long a5 __asm__("a5") = f;
	__asm__ volatile("ecall" : "+r"(a0)
			 : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
			 : "memory");
	return a0;
}

#endif
