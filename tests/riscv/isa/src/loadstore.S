# Loads and stores (RV32I 2.6): widths, sign/zero extension, offsets.
#include "test.h"
  .weak mtvec_handler
CODE_BEGIN
  la s0, buf
  TEST_CASE(2, a0, 0xffffff80, lb a0, 0(s0))
  TEST_CASE(3, a0, 0x00000080, lbu a0, 0(s0))
  TEST_CASE(4, a0, 0xffff8180, lh a0, 0(s0))
  TEST_CASE(5, a0, 0x00008180, lhu a0, 0(s0))
  TEST_CASE(6, a0, 0x7f828180, lw a0, 0(s0))
  TEST_CASE(7, a0, 0x0000007f, lb a0, 3(s0))
  TEST_CASE(8, a0, 0x00007f82, lh a0, 2(s0))
  TEST_CASE(9, a0, 0x7f828180, la s1, buf - 8; lw a0, 8(s1))
  TEST_CASE(10, a0, 0x7f828180, addi s1, s0, 2047; lw a0, -2047(s1))
  # Stores of each width, read back.
  TEST_CASE(11, a0, 0x000000aa, li a1, 0x123456aa; sb a1, 4(s0); lbu a0, 4(s0))
  TEST_CASE(12, a0, 0xffffbeef, li a1, 0xdeadbeef; sh a1, 6(s0); lh a0, 6(s0))
  TEST_CASE(13, a0, 0xdeadbeef, sw a1, 12(s0); lw a0, 12(s0))
  TEST_CASE(14, a0, 0xbeef00aa, lw a0, 4(s0); li a2, 0xffff00ff; and a0, a0, a2)
  # Store then load of the same word in one block.
  TEST_CASE(15, a0, 42, li a1, 42; sw a1, 16(s0); lw a0, 16(s0))
  # A load into its own base register.
  TEST_CASE(16, s2, 0x7f828180, mv s2, s0; lw s2, 0(s2))
  TEST_END
CODE_END
DATA_BEGIN
buf:
  .byte 0x80, 0x81, 0x82, 0x7f
  .word 0, 0, 0, 0, 0
DATA_END
