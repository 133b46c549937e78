/* x86_64 program entry. Linux (and JOS) start a process with rsp pointing at
 * argc, then argv[], NULL, envp[], NULL, auxv pairs, AT_NULL. rsp is 16-byte
 * aligned here; we hand its value to C, which parses the block and calls
 * main. rbp = 0 ends frame-pointer backtraces. */
	.text
	.globl _start
	.type _start, @function
_start:
	xorl	%ebp, %ebp
	movq	%rsp, %rdi		/* __libc_start(long *initial_sp) */
	andq	$-16, %rsp		/* the ABI wants 16 bytes at each call */
	call	__libc_start
	hlt				/* never returns; fault loudly if it does */
	.size _start, .-_start

	.section .note.GNU-stack, "", @progbits
