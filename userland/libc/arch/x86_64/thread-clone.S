/* long __thread_clone(int (*fn)(void *), void *stack, unsigned long flags,
 *                     void *arg, int *ptid, void *tls, int *ctid)
 * clone(2) for a new thread: the child starts on `stack` and calls fn(arg),
 * then exits with its result (thread only). The parent gets the tid or
 * -errno. Linux's x86_64 order: clone(flags, stack, ptid, ctid, tls). */
	.text
	.globl __thread_clone
	.type __thread_clone, @function
__thread_clone:
	andq	$-16, %rsi		/* fn and arg at the top of the new stack */
	subq	$16, %rsi
	movq	%rdi, 0(%rsi)
	movq	%rcx, 8(%rsi)
	movq	%rdx, %rdi		/* flags */
	movq	%r8, %rdx		/* ptid */
	movq	8(%rsp), %r10		/* ctid */
	movq	%r9, %r8		/* tls */
	movl	$56, %eax		/* SYS_clone */
	syscall
	testq	%rax, %rax
	jz	1f
	ret				/* the parent: tid or -errno */
1:	xorl	%ebp, %ebp		/* the child, on its own stack */
	popq	%rax			/* fn */
	popq	%rdi			/* arg; rsp is 16-byte aligned again */
	call	*%rax
	movl	%eax, %edi
	movl	$60, %eax		/* SYS_exit: this thread only */
	syscall
	hlt
	.size __thread_clone, .-__thread_clone

	.section .note.GNU-stack, "", @progbits
