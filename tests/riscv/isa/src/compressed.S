# Every RV32C form (unprivileged spec chapter 16) against its expansion.
#include "test.h"
  .weak mtvec_handler
CODE_BEGIN
  la sp, stack_top
  TEST_CASE(2, a0, 17, c.li a0, 17)
  TEST_CASE(3, a0, -15, c.li a0, 17; c.addi a0, -32)
  TEST_CASE(4, a0, 0x1f000, c.lui a0, 0x1f)
  TEST_CASE(5, a0, 0xfffe0000, c.lui a0, 0xfffe0)
  TEST_CASE(6, a0, 496, mv s1, sp; c.addi16sp sp, 496; sub a0, sp, s1; mv sp, s1)
  TEST_CASE(7, a0, -512, mv s1, sp; c.addi16sp sp, -512; sub a0, sp, s1; mv sp, s1)
  TEST_CASE(8, a0, 1020, c.addi4spn a0, sp, 1020; sub a0, a0, sp)
  TEST_CASE(9, s0, 0x80000000, c.li s0, 1; c.slli s0, 31)
  TEST_CASE(10, s0, 1, c.srli s0, 31)
  TEST_CASE(11, s0, 0xfffffff0, c.li s0, -1; c.slli s0, 4)
  TEST_CASE(12, s0, 0xffffffff, c.srai s0, 31)
  TEST_CASE(13, s0, 0x0000000a, c.li s0, 0x1a; c.andi s0, 0xa)
  TEST_CASE(14, s0, 0xffffffe0, c.li s0, -1; c.andi s0, -32)
  TEST_CASE(15, s0, 3, c.li s0, 10; c.li s1, 7; c.sub s0, s1)
  TEST_CASE(16, s0, 13, c.li s0, 10; c.xor s0, s1)
  TEST_CASE(17, s0, 15, c.li s0, 10; c.or s0, s1)
  TEST_CASE(18, s0, 2, c.li s0, 10; c.and s0, s1)
  TEST_CASE(19, a0, 7, c.mv a0, s1)
  TEST_CASE(20, a0, 14, c.add a0, s1)
  TEST_CASE(21, a1, 0x12345678, li a0, 0x12345678; mv s0, sp; c.sw a0, 8(s0); c.lw a1, 8(s0))
  TEST_CASE(22, a1, 0x12345678, c.swsp a0, 252(sp); c.lwsp a1, 252(sp))
  TEST_CASE(23, a1, 1, li a1, 0; c.j 1f; j fail; 1: li a1, 1)
  TEST_CASE(24, a1, 0, c.jal 1f; 2: j fail; 1: la a1, 2b; sub a1, ra, a1)
  TEST_CASE(25, a1, 2, la a0, 1f; c.jr a0; j fail; 1: li a1, 2)
  TEST_CASE(26, a1, 0, la a0, 1f; c.jalr a0; 2: j fail; 1: la a1, 2b; sub a1, ra, a1)
  TEST_CASE(27, a1, 3, c.li s0, 0; li a1, 3; c.beqz s0, 1f; li a1, 0; 1:)
  TEST_CASE(28, a1, 3, c.bnez s0, fail)
  TEST_CASE(29, a1, 4, c.li s0, 5; li a1, 4; c.bnez s0, 1f; li a1, 0; 1:)
  TEST_CASE(30, a1, 4, c.beqz s0, fail)
  TEST_CASE(31, a0, 0, c.nop; li a0, 0)
  TEST_END
CODE_END
DATA_BEGIN
  .align 4
stack: .fill 256, 4, 0
stack_top:
  .fill 256, 4, 0
DATA_END
