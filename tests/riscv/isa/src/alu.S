# Integer register-register and register-immediate instructions (RV32I 2.4),
# lui/auipc, and writes to x0.
#include "test.h"
  .weak mtvec_handler
CODE_BEGIN
  TEST_RR(2, add, 0x00000000, 0x00000000, 0x00000000)
  TEST_RR(3, add, 0x80000000, 0x7fffffff, 0x00000001)
  TEST_RR(4, add, 0xfffffffe, 0xffffffff, 0xffffffff)
  TEST_RR(5, sub, 0x80000001, 0x00000000, 0x7fffffff)
  TEST_RR(6, sub, 0x7fffffff, 0x80000000, 0x00000001)
  TEST_RR(7, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR(8, or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR(9, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR(10, sll, 0x80000000, 0x00000001, 31)
  TEST_RR(11, sll, 0x00000002, 0x00000001, 33)   # only rs2[4:0] counts
  TEST_RR(12, srl, 0x00000001, 0x80000000, 31)
  TEST_RR(13, srl, 0x7fffffff, 0xffffffff, 0xffffffe1)
  TEST_RR(14, sra, 0xffffffff, 0x80000000, 31)
  TEST_RR(15, sra, 0xc0000000, 0x80000000, 1)
  TEST_RR(16, slt, 1, 0x80000000, 0x7fffffff)
  TEST_RR(17, slt, 0, 0x7fffffff, 0x80000000)
  TEST_RR(18, sltu, 0, 0x80000000, 0x7fffffff)
  TEST_RR(19, sltu, 1, 0x00000000, 0xffffffff)
  TEST_RI(20, addi, 0x7ffff800 + 0x7ff, 0x7ffff800, 0x7ff)
  TEST_RI(21, addi, 0x7ffff800 - 0x800, 0x7ffff800, -0x800)
  TEST_RI(22, slti, 1, 0xffffffff, 0)
  TEST_RI(23, sltiu, 1, 0x00000000, -1)      # -1 compares as 0xffffffff
  TEST_RI(24, sltiu, 0, 0xffffffff, -1)
  TEST_RI(25, xori, 0x00ff0ff0 ^ 0xfffff800, 0x00ff0ff0, -0x800)
  TEST_RI(26, ori, 0xffffffff, 0x00ff0ff0, -1)
  TEST_RI(27, andi, 0x000007f0, 0x00ff0ff0, 0x7f0)
  TEST_RI(28, slli, 0xfffffffe, 0xffffffff, 1)
  TEST_RI(29, srli, 0x0001ffff, 0xffffffff, 15)
  TEST_RI(30, srai, 0xffffffff, 0x80000000, 31)
  TEST_CASE(31, a0, 0xfffff000, lui a0, 0xfffff)
  TEST_CASE(32, a0, 0x80000000, lui a0, 0x80000)
  # auipc adds to its own address.
  TEST_CASE(33, a0, 8, 1: auipc a0, 0; la a1, 1b; sub a0, a0, a1; addi a0, a0, 8)
  TEST_CASE(34, a1, 0x1000, 1: auipc a0, 1; la a1, 1b; sub a1, a0, a1)
  # x0 stays zero whatever is written to it.
  TEST_CASE(35, x0, 0, li a0, 5; add x0, a0, a0; addi x0, x0, 7; lui x0, 0x12345)
  TEST_CASE(36, a2, 0, add a2, x0, x0)
  # rd = rs: the source is read before the destination is written.
  TEST_CASE(37, a1, 24, li a1, 12; add a1, a1, a1)
  TEST_END
CODE_END
DATA_BEGIN
DATA_END
