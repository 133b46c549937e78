# The A extension (chapter 8): every AMO, LR/SC success and failure, and
# the misaligned-AMO exception.
#include "test.h"
CODE_BEGIN
  la s0, word
#define AMO(num, inst, init, operand, old, new) \
  TEST_CASE(num, a0, old, li a1, init; sw a1, 0(s0); li a2, operand; inst a0, a2, (s0)) \
  lw a3, 0(s0); li t2, new; bne a3, t2, fail;
  AMO(2, amoswap.w, 0x11, 0x22, 0x11, 0x22)
  AMO(3, amoadd.w, 0x7fffffff, 1, 0x7fffffff, 0x80000000)
  AMO(4, amoxor.w, 0xff00ff00, 0x0ff00ff0, 0xff00ff00, 0xf0f0f0f0)
  AMO(5, amoand.w, 0xff00ff00, 0x0ff00ff0, 0xff00ff00, 0x0f000f00)
  AMO(6, amoor.w, 0xff00ff00, 0x0ff00ff0, 0xff00ff00, 0xfff0fff0)
  AMO(7, amomin.w, 5, -3, 5, -3)
  AMO(8, amomax.w, 5, -3, 5, 5)
  AMO(9, amominu.w, 5, -3, 5, 5)
  AMO(10, amomaxu.w, 5, -3, 5, -3)
  AMO(11, amoadd.w.aqrl, 1, 2, 1, 3)
  # LR then SC to the same address succeeds (rd = 0) and stores.
  TEST_CASE(12, a0, 0, li a1, 7; sw a1, 0(s0); lr.w a2, (s0); addi a2, a2, 1; sc.w a0, a2, (s0))
  TEST_CASE(13, a3, 8, lw a3, 0(s0))
  # A second SC without a new LR fails (rd != 0) and does not store.
  TEST_CASE(14, a0, 1, li a2, 99; sc.w a0, a2, (s0))
  TEST_CASE(15, a3, 8, lw a3, 0(s0))
  # SC to another address than the reservation fails.
  TEST_CASE(16, a0, 1, lr.w a2, (s0); addi s1, s0, 4; sc.w a0, a2, (s1))
  # rd = rs2 for an AMO: the old value lands in rd, the operand was read first.
  TEST_CASE(17, a2, 8, li a2, 1; amoadd.w a2, a2, (s0))
  TEST_CASE(18, a3, 9, lw a3, 0(s0))
  # A misaligned AMO raises store/AMO address-misaligned (6) or access
  # fault (7); both are allowed (8.4). JOS raises 6.
  li s2, 0
test_19:
  li TESTNUM, 19; addi s1, s0, 2; amoadd.w a0, a1, (s1)
  addi s2, s2, -CAUSE_MISALIGNED_STORE; srli s2, s2, 1; bnez s2, fail
  # A misaligned LR: load address-misaligned (4) or access fault (5).
test_20:
  li TESTNUM, 20; li s2, 0; lr.w a0, (s1)
  addi s2, s2, -CAUSE_MISALIGNED_LOAD; srli s2, s2, 1; bnez s2, fail
  TEST_END

  .align 2
  .global mtvec_handler
mtvec_handler:
  csrr s2, mcause
  csrr t5, mtval
  bne t5, s1, fail
  SKIP_TRAPPING_INSN
CODE_END
DATA_BEGIN
  .align 3
word: .word 0, 0
DATA_END
