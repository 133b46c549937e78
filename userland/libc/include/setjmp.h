/* Non-local jumps. The buffer holds the callee-saved registers, stack
 * pointer and return address (x86_64: rbx rbp r12-r15 rsp rip; riscv32:
 * ra sp s0-s11), then, for sigsetjmp, whether the mask was saved and the
 * mask itself. */
#ifndef _SETJMP_H
#define _SETJMP_H

#include <signal.h>

typedef struct {
	unsigned long __regs[__SIZEOF_LONG__ == 8 ? 8 : 14];
	int __mask_saved;
	sigset_t __mask;
} jmp_buf[1];
typedef jmp_buf sigjmp_buf;

int setjmp(jmp_buf env) __attribute__((returns_twice));
int _setjmp(jmp_buf env) __attribute__((returns_twice));
void longjmp(jmp_buf env, int value) __attribute__((noreturn));
void _longjmp(jmp_buf env, int value) __attribute__((noreturn));
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((returns_twice));
void siglongjmp(sigjmp_buf env, int value) __attribute__((noreturn));

#endif
