/* setjmp/longjmp for riscv32 (ilp32, soft-float: no FP registers to keep):
 * ra, sp and s0-s11. */
	.text
	.globl setjmp, _setjmp, sigsetjmp, longjmp, _longjmp
	.macro SAVE_REGS
	sw ra, 0(a0)
	sw sp, 4(a0)
	sw s0, 8(a0)
	sw s1, 12(a0)
	sw s2, 16(a0)
	sw s3, 20(a0)
	sw s4, 24(a0)
	sw s5, 28(a0)
	sw s6, 32(a0)
	sw s7, 36(a0)
	sw s8, 40(a0)
	sw s9, 44(a0)
	sw s10, 48(a0)
	sw s11, 52(a0)
	.endm

	.type setjmp, @function
	.type _setjmp, @function
setjmp:
_setjmp:
	SAVE_REGS
	sw zero, 56(a0)	/* no signal mask saved */
	li a0, 0
	ret

/* sigsetjmp(env, savemask): the registers here, the mask in C; the C part
 * returns 0 straight to our caller (a tail call). */
	.type sigsetjmp, @function
sigsetjmp:
	SAVE_REGS
	tail __sigsetjmp_tail

	.type longjmp, @function
	.type _longjmp, @function
longjmp:
_longjmp:
	lw ra, 0(a0)
	lw sp, 4(a0)
	lw s0, 8(a0)
	lw s1, 12(a0)
	lw s2, 16(a0)
	lw s3, 20(a0)
	lw s4, 24(a0)
	lw s5, 28(a0)
	lw s6, 32(a0)
	lw s7, 36(a0)
	lw s8, 40(a0)
	lw s9, 44(a0)
	lw s10, 48(a0)
	lw s11, 52(a0)
	seqz a0, a1	/* longjmp(env, 0) returns 1 */
	add a0, a0, a1
	ret
