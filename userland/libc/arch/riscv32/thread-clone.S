/* long __thread_clone(int (*fn)(void *), void *stack, unsigned long flags,
 *                     void *arg, int *ptid, void *tls, int *ctid)
 * clone(2) for a new thread: the child starts on `stack` and calls fn(arg),
 * then exits with its result (thread only). The parent gets the tid or
 * -errno. riscv's order: clone(flags, stack, ptid, tls, ctid). gp is the
 * same in both (the clone copies every register but sp, tp and a0). */
	.text
	.globl __thread_clone
	.type __thread_clone, @function
__thread_clone:
	andi	a1, a1, -16		/* fn and arg at the top of the new stack */
	addi	a1, a1, -16
	sw	a0, 0(a1)
	sw	a3, 4(a1)
	mv	a0, a2			/* flags */
	mv	a2, a4			/* ptid */
	mv	a3, a5			/* tls */
	mv	a4, a6			/* ctid */
	li	a7, 220			/* SYS_clone */
	ecall
	beqz	a0, 1f
	ret				/* the parent: tid or -errno */
1:	lw	a1, 0(sp)		/* the child, on its own stack */
	lw	a0, 4(sp)
	jalr	a1
	li	a7, 93			/* SYS_exit: this thread only */
	ecall
	unimp
	.size __thread_clone, .-__thread_clone
