/* setjmp/longjmp for x86_64: the System V callee-saved registers, the
 * stack pointer as the caller sees it, and the return address. */
	.text
	.globl setjmp, _setjmp, sigsetjmp, longjmp, _longjmp
	.macro SAVE_REGS
	movq %rbx, 0(%rdi)
	movq %rbp, 8(%rdi)
	movq %r12, 16(%rdi)
	movq %r13, 24(%rdi)
	movq %r14, 32(%rdi)
	movq %r15, 40(%rdi)
	leaq 8(%rsp), %rdx	/* rsp after our return */
	movq %rdx, 48(%rdi)
	movq (%rsp), %rdx	/* the return address */
	movq %rdx, 56(%rdi)
	.endm

	.type setjmp, @function
	.type _setjmp, @function
setjmp:
_setjmp:
	SAVE_REGS
	movl $0, 64(%rdi)	/* no signal mask saved */
	xorl %eax, %eax
	ret

/* sigsetjmp(env, savemask): the registers here, the mask in C; the C part
 * returns 0 straight to our caller (a tail call). */
	.type sigsetjmp, @function
sigsetjmp:
	SAVE_REGS
	jmp __sigsetjmp_tail

	.type longjmp, @function
	.type _longjmp, @function
longjmp:
_longjmp:
	movl %esi, %eax
	testl %eax, %eax	/* longjmp(env, 0) returns 1 */
	jnz 1f
	incl %eax
1:	movq 0(%rdi), %rbx
	movq 8(%rdi), %rbp
	movq 16(%rdi), %r12
	movq 24(%rdi), %r13
	movq 32(%rdi), %r14
	movq 40(%rdi), %r15
	movq 48(%rdi), %rsp
	jmpq *56(%rdi)

	.section .note.GNU-stack,"",@progbits
