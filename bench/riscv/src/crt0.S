# Start-up for the bench programs: a stack, then main(); exit(status)
# writes tohost (ends a bare-metal run: jos exec, Spike) and then makes the
# Linux exit system call (ends a qemu-riscv32 user-mode run), so the very
# same ELF runs on both.
  .section .text.start, "ax"
  .globl _start
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  la sp, stack_top
  call main
  j exit

  .globl exit
exit:
  slli t0, a0, 1
  ori t0, t0, 1
  la t1, tohost
  sw t0, 0(t1)
  sw zero, 4(t1)
  li a7, 93
  ecall
1:j 1b

  .bss
  .align 4
  .space 65536
stack_top:

  .section .tohost, "aw", @progbits
  .align 3
  .globl tohost
  .type tohost, @object
  .size tohost, 8
tohost: .dword 0
  .globl fromhost
  .type fromhost, @object
  .size fromhost, 8
fromhost: .dword 0
