/* riscv32 program entry. sp points at argc, then argv[], NULL, envp[], NULL,
 * auxv pairs, AT_NULL (Linux's initial stack). gp must be loaded before any
 * C code, because the linker relaxes accesses to small data against it; the
 * load itself must not be relaxed (gp is not set yet). */
	.text
	.globl _start
	.type _start, @function
_start:
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	mv	a0, sp			/* __libc_start(long *initial_sp) */
	andi	sp, sp, -16		/* the psABI keeps sp 16-byte aligned */
	call	__libc_start
	unimp				/* never returns; trap if it does */
	.size _start, .-_start
