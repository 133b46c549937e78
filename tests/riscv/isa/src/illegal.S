# Illegal instructions (privileged spec 3.1.16): reserved and unimplemented
# encodings trap with cause 2 and mtval = the instruction's bits; a
# 16-bit one reports only its 16 bits.
#include "test.h"
  .weak mtvec_handler

#define EXPECT_ILLEGAL(num, bits, insn...) \
  li s2, 0; la s11, 9f; insn; j fail; 9: \
  EXPECT_CAUSE(num, CAUSE_ILLEGAL); li t0, bits; bne s3, t0, fail

CODE_BEGIN
  CATCH_TRAPS
  EXPECT_ILLEGAL(2, 0, .half 0)                         # all-zero halfword
  EXPECT_ILLEGAL(3, 0xffffffff, .word 0xffffffff)       # > 32-bit encoding space
  EXPECT_ILLEGAL(4, 0x0000007b, .word 0x0000007b)       # custom-3 major opcode
  EXPECT_ILLEGAL(5, 0x02008053, .word 0x02008053)       # fadd.d: no F/D
  EXPECT_ILLEGAL(6, 0x6001, .half 0x6001)               # c.lui x0? no: c.lui with nzimm 0 is reserved
  EXPECT_ILLEGAL(7, 0x8002, .half 0x8002)               # c.jr x0 is reserved
  EXPECT_ILLEGAL(8, 0x4002, .half 0x4002)               # c.lwsp x0 is reserved
  EXPECT_ILLEGAL(9, 0x0200101b, .word 0x0200101b)       # slliw: RV64 only
  EXPECT_ILLEGAL(10, 0x02001013, .word 0x02001013)      # slli with shamt[5] = 1 on RV32
  EXPECT_ILLEGAL(11, 0x9c21, .half 0x9c21)              # c.subw: RV64 only
  EXPECT_ILLEGAL(12, 0x2002, .half 0x2002)              # c.fldsp: no D
  EXPECT_ILLEGAL(13, 0x0000c0f3, .word 0x0000c0f3)      # SYSTEM funct3 = 4 is reserved
  EXPECT_ILLEGAL(14, 0x7b200073, .word 0x7b200073)      # dret outside debug mode
  RESTORE_TRAPS
  TEST_END
CATCH_VECTORS
CODE_END
DATA_BEGIN
DATA_END
