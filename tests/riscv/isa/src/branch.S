# Conditional branches, jal and jalr (RV32I 2.5): taken and not taken,
# signed/unsigned compares, link values, jalr clearing bit 0.
#include "test.h"
  .weak mtvec_handler

#define TEST_BR_TAKEN(num, inst, a, b) \
test_##num: li TESTNUM, num; li a1, a; li a2, b; inst a1, a2, 1f; j fail; 1:

#define TEST_BR_NOT(num, inst, a, b) \
test_##num: li TESTNUM, num; li a1, a; li a2, b; inst a1, a2, fail;

CODE_BEGIN
  TEST_BR_TAKEN(2, beq, 5, 5)
  TEST_BR_NOT(3, beq, 5, 6)
  TEST_BR_TAKEN(4, bne, 0, -1)
  TEST_BR_NOT(5, bne, 7, 7)
  TEST_BR_TAKEN(6, blt, -1, 0)
  TEST_BR_NOT(7, blt, 0, -1)
  TEST_BR_NOT(8, blt, 3, 3)
  TEST_BR_TAKEN(9, bge, 3, 3)
  TEST_BR_TAKEN(10, bge, 0x7fffffff, 0x80000000)
  TEST_BR_NOT(11, bge, -2, -1)
  TEST_BR_TAKEN(12, bltu, 0, -1)
  TEST_BR_NOT(13, bltu, -1, 0)
  TEST_BR_TAKEN(14, bgeu, -1, 0)
  TEST_BR_NOT(15, bgeu, 0x7fffffff, 0x80000000)
  # Backward branch loop: count down from 10.
  TEST_CASE(16, a0, 55, li a0, 0; li a1, 10; 2: add a0, a0, a1; addi a1, a1, -1; bnez a1, 2b)
  # jal links pc+4 (norvc: a 4-byte jal).
  TEST_CASE(17, a0, 0, .option push; .option norvc; jal a2, 3f; 3: .option pop; la a1, 3b; sub a0, a2, a1)
  # jalr target is (rs1 + imm) & ~1.
  TEST_CASE(18, a3, 0, .option push; .option norvc; la a1, 4f + 1; jalr a0, a1, 0; 5: j fail; 4: .option pop; la a2, 5b; sub a3, a0, a2)
  # rd = rs1: the target uses the old rs1.
  TEST_CASE(19, a3, 0, .option push; .option norvc; la a1, 6f; jalr a1, a1, 0; 7: j fail; 6: .option pop; la a2, 7b; sub a3, a1, a2)
  # Compressed jal/jalr link pc+2.
  TEST_CASE(20, a3, 0, la a1, 8f; c.jalr a1; 9: j fail; 8: la a2, 9b; sub a3, ra, a2)
  TEST_END
CODE_END
DATA_BEGIN
DATA_END
