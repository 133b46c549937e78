/* Start-up for the x86_64 bench programs (the C sources are bench/riscv's):
 * a stack, main(), then exit(status): write tohost (ends a `jos exec` run)
 * and make the Linux exit system call (ends a native run on the host), so
 * the very same ELF runs on the core and natively. */
    .text
    .globl _start
_start:
    lea stack_top(%rip), %rsp
    call main
    mov %eax, %edi
    .globl exit
exit:
    lea 1(,%rdi,2), %rax
    mov %rax, tohost(%rip)
    mov $60, %eax
    syscall
1:  jmp 1b

    .bss
    .align 16
    .space 65536
stack_top:

    .section .tohost, "aw", @progbits
    .align 4096
    .globl tohost
tohost: .quad 0
    .globl fromhost
fromhost: .quad 0
    .align 4096
