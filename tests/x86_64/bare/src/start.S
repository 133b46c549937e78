/* Entry of the bare-metal x86_64 tests: the firmware of `jos exec` enters
 * here in 64-bit ring 0 with a stack; main()'s return value is the result
 * (0 = pass) reported through tohost. */
    .text
    .globl _start
_start:
    and $-16, %rsp
    call main
    mov %eax, %edi
    call rt_exit
1:  hlt
    jmp 1b

    .section .tohost, "aw", @progbits
    .align 4096
    .globl tohost
tohost: .quad 0
    .globl fromhost
fromhost: .quad 0
    .align 4096
