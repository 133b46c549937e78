# Trap entry and return (privileged spec 3.1.6.1, 3.3): ecall from each
# mode, ebreak, illegal instruction, mret/sret effects on mstatus,
# delegation through medeleg, and the TSR/TW/TVM traps.
#include "test.h"
  .weak mtvec_handler
CODE_BEGIN
  CATCH_TRAPS
  S_CATCH_TRAPS
  # ecall from M, U and S: causes 11, 8, 9; mepc = the ecall.
  la s11, 1f
m_ecall:
  ecall
  j fail
1:EXPECT_CAUSE(2, CAUSE_MACHINE_ECALL)
  la t0, m_ecall; bne s4, t0, fail; bnez s3, fail
  la s11, 1f
  ENTER_MODE(MPP_U, 2f)
2:ecall
  j fail
1:EXPECT_CAUSE(3, CAUSE_USER_ECALL)
  # The handler's mret (to M) left MPP = U, the least-privileged mode.
  li TESTNUM, 4; csrr a0, mstatus; li t0, MSTATUS_MPP; and a0, a0, t0; bnez a0, fail
  la s11, 1f
  ENTER_MODE(MPP_S, 2f)
2:ecall
  j fail
1:EXPECT_CAUSE(5, CAUSE_SUPERVISOR_ECALL)
  # ebreak: cause 3.
  la s11, 1f
m_ebreak:
  ebreak
  j fail
1:EXPECT_CAUSE(6, CAUSE_BREAKPOINT)
  la t0, m_ebreak; bne s4, t0, fail
  # An all-zero word is illegal; mtval holds its (compressed) bits: 0.
  la s11, 1f
  .word 0
  j fail
1:EXPECT_CAUSE(7, CAUSE_ILLEGAL)
  bnez s3, fail
  # mret and sret below their mode are illegal.
  la s11, 1f
  ENTER_MODE(MPP_U, 2f)
2:mret
  j fail
1:EXPECT_CAUSE(8, CAUSE_ILLEGAL)
  la s11, 1f
  ENTER_MODE(MPP_U, 2f)
2:sret
  j fail
1:EXPECT_CAUSE(9, CAUSE_ILLEGAL)
  # Trap entry: MPIE = MIE, MIE = 0, MPP = M. (Nothing is pending: mie = 0.)
  csrsi mstatus, MSTATUS_MIE
  la s11, 1f
  ecall
1:li TESTNUM, 10; andi a1, s8, MSTATUS_MIE; bnez a1, fail; andi a1, s8, MSTATUS_MPIE; beqz a1, fail
  li t0, MSTATUS_MPP; and a1, s8, t0; bne a1, t0, fail
  # mret: MIE = MPIE, MPIE = 1, MPP = U (the least-privileged mode).
  li t0, MSTATUS_MPIE; csrs mstatus, t0; csrci mstatus, MSTATUS_MIE
  li t0, MSTATUS_MPP; csrs mstatus, t0
  la t0, 1f; csrw mepc, t0
  mret
1:li TESTNUM, 11; csrr a0, mstatus; andi a1, a0, MSTATUS_MIE; beqz a1, fail; li t0, MSTATUS_MPP; and a1, a0, t0; bnez a1, fail
  csrci mstatus, MSTATUS_MIE

  # Delegation: U ecall goes to S (stvec) with scause 8, SPP = U.
  li t0, 1 << CAUSE_USER_ECALL; csrw medeleg, t0
  li s5, 0
  la s11, 1f
  ENTER_MODE(MPP_U, 2f)
u_ecall:
2:ecall
  j fail
1:li TESTNUM, 12; li t0, CAUSE_USER_ECALL; bne s5, t0, fail
  la t0, u_ecall; bne s7, t0, fail
  EXPECT_CAUSE(13, CAUSE_BREAKPOINT)      # the S handler's ebreak reached M
  li TESTNUM, 14; csrr a0, mstatus; andi a0, a0, MSTATUS_SPP; bnez a0, fail
  # S ecall is not delegated: it goes to M.
  li s5, 0
  la s11, 1f
  ENTER_MODE(MPP_S, 2f)
2:ecall
  j fail
1:EXPECT_CAUSE(15, CAUSE_SUPERVISOR_ECALL)
  li TESTNUM, 16; bnez s5, fail
  # A delegated exception raised in M stays in M.
  li t0, 1 << CAUSE_ILLEGAL; csrw medeleg, t0
  li s5, 0
  la s11, 1f
  .word 0
1:EXPECT_CAUSE(17, CAUSE_ILLEGAL)
  li TESTNUM, 18; bnez s5, fail
  # ...and from S it goes to S, with SPP = S.
  la s11, 1f
  ENTER_MODE(MPP_S, 2f)
2:.word 0
  j fail
1:li TESTNUM, 19; li t0, CAUSE_ILLEGAL; bne s5, t0, fail
  csrr a0, mstatus; andi a0, a0, MSTATUS_SPP; beqz a0, fail
  csrw medeleg, x0

  # sret: back to SPP with SIE = SPIE.
  la s11, 1f
  ENTER_MODE(MPP_S, 2f)
2:li t0, MSTATUS_SPP | MSTATUS_SPIE; csrs sstatus, t0; csrci sstatus, MSTATUS_SIE
  la t0, 3f; csrw sepc, t0
  sret
3:csrr a0, sstatus        # still S-mode: sstatus is readable
  ebreak
1:li TESTNUM, 20; andi a1, a0, MSTATUS_SIE; beqz a1, fail; andi a1, a0, MSTATUS_SPP; bnez a1, fail
  # TSR: sret in S traps.
  li t0, MSTATUS_TSR; csrs mstatus, t0
  la s11, 1f
  ENTER_MODE(MPP_S, 2f)
2:sret
  j fail
1:EXPECT_CAUSE(21, CAUSE_ILLEGAL)
  li t0, MSTATUS_TSR; csrc mstatus, t0
  # TW: wfi in S traps; wfi in U always traps when S exists.
  li t0, MSTATUS_TW; csrs mstatus, t0
  la s11, 1f
  ENTER_MODE(MPP_S, 2f)
2:wfi
  j fail
1:EXPECT_CAUSE(22, CAUSE_ILLEGAL)
  li t0, MSTATUS_TW; csrc mstatus, t0
  la s11, 1f
  ENTER_MODE(MPP_U, 2f)
2:wfi
  j fail
1:EXPECT_CAUSE(23, CAUSE_ILLEGAL)
  # TVM: satp and sfence.vma in S trap.
  li t0, MSTATUS_TVM; csrs mstatus, t0
  la s11, 1f
  ENTER_MODE(MPP_S, 2f)
2:csrr a0, satp
  j fail
1:EXPECT_CAUSE(24, CAUSE_ILLEGAL)
  la s11, 1f
  ENTER_MODE(MPP_S, 2f)
2:sfence.vma
  j fail
1:EXPECT_CAUSE(25, CAUSE_ILLEGAL)
  li t0, MSTATUS_TVM; csrc mstatus, t0
  # sfence.vma in U is illegal.
  la s11, 1f
  ENTER_MODE(MPP_U, 2f)
2:sfence.vma
  j fail
1:EXPECT_CAUSE(26, CAUSE_ILLEGAL)
  # Vectored mtvec: exceptions still go to the base.
  la t0, catch_vector; ori t0, t0, 1; csrw mtvec, t0
  la s11, 1f
  ecall
1:EXPECT_CAUSE(27, CAUSE_MACHINE_ECALL)

  TEST_END
CATCH_VECTORS
CODE_END
DATA_BEGIN
DATA_END
