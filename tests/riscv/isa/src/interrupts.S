# Interrupts in the standard model (privileged spec 3.1.9, 3.3.3) through
# the CLINT at 0x0200_0000: software and timer interrupts, MIE gating, wfi
# waking with and without a trap, an M interrupt taken in S regardless of
# MIE, a delegated S interrupt, and vectored mtvec.
#include "test.h"
  .weak mtvec_handler

#define CLINT_MSIP 0x02000000
#define CLINT_MTIMECMP 0x02004000
#define CLINT_MTIME 0x0200bff8
#define MIE_MSIE 0x08
#define MIE_MTIE 0x80
#define MIP_STIP 0x20

/* mtimecmp = mtime + delta (hi word written last, 0). */
#define TIMER_IN(delta) \
  li t0, CLINT_MTIME; lw t1, 0(t0); addi t1, t1, delta; \
  li t0, CLINT_MTIMECMP; li t2, -1; sw t2, 4(t0); sw t1, 0(t0); sw zero, 4(t0)

CODE_BEGIN
  CATCH_TRAPS
  li s9, 0
  la t0, irq_vector; csrw mtvec, t0
  # Software interrupt: pending but masked by MIE = 0.
  li t0, MIE_MSIE; csrw mie, t0
  li t0, CLINT_MSIP; li t1, 1; sw t1, 0(t0)
  nop
  li TESTNUM, 2; bnez s9, fail
  csrr a0, mip; andi a0, a0, MIE_MSIE; beqz a0, fail
  # Setting MIE takes it.
  csrsi mstatus, MSTATUS_MIE
  nop
  li TESTNUM, 3; li t0, 1; bne s9, t0, fail; li t0, 0x80000003; bne s2, t0, fail
  csrci mstatus, MSTATUS_MIE

  # Timer interrupt wakes wfi and is taken.
  li t0, MIE_MTIE; csrw mie, t0
  TIMER_IN(50)
  csrsi mstatus, MSTATUS_MIE
  wfi
  nop
  li TESTNUM, 4; li t0, 2; bne s9, t0, fail; li t0, 0x80000007; bne s2, t0, fail
  csrci mstatus, MSTATUS_MIE
  # With MIE = 0, wfi still wakes, without a trap.
  TIMER_IN(50)
  wfi
  li TESTNUM, 5; li t0, 2; bne s9, t0, fail
  csrr a0, mip; andi a0, a0, MIE_MTIE; beqz a0, fail
  li t0, CLINT_MTIMECMP; li t1, -1; sw t1, 0(t0); sw t1, 4(t0)
  csrr a0, mip; andi a0, a0, MIE_MTIE; bnez a0, fail

  # An M interrupt is taken in S even with MIE = 0.
  li t0, MIE_MSIE; csrw mie, t0
  li t0, CLINT_MSIP; li t1, 1; sw t1, 0(t0)
  li a3, 0
  la s11, 1f
  ENTER_MODE(MPP_S, 2f)
2:li a3, 1
  ebreak
1:li TESTNUM, 6; li t0, 3; bne s9, t0, fail; li t0, 0x80000003; bne a4, t0, fail
  li t0, 1; bne a3, t0, fail

  # A delegated supervisor timer interrupt: never taken in M, taken in S
  # once SIE is set.
  li t0, MIP_STIP; csrw mideleg, t0; csrw mie, t0
  la t0, s_irq_vector; csrw stvec, t0
  li t0, MIP_STIP; csrs mip, t0
  csrsi mstatus, MSTATUS_MIE
  nop
  li TESTNUM, 7; li t0, 3; bne s9, t0, fail
  li s5, 0
  li a3, -1
  la s11, 1f
  ENTER_MODE(MPP_S, 2f)
2:mv a3, s5
  csrsi sstatus, MSTATUS_SIE
  nop
  j fail
1:li TESTNUM, 8; bnez a3, fail; li t0, 0x80000005; bne s5, t0, fail
  li t0, MIP_STIP; csrc mip, t0; csrw mideleg, x0
  csrci mstatus, MSTATUS_MIE

  # Vectored mtvec: interrupt n goes to base + 4n.
  la t0, vector_table; ori t0, t0, 1; csrw mtvec, t0
  li t0, MIE_MSIE; csrw mie, t0
  li s10, 0
  li t0, CLINT_MSIP; li t1, 1; sw t1, 0(t0)
  csrsi mstatus, MSTATUS_MIE
  nop
  li TESTNUM, 9; li t0, 3; bne s10, t0, fail
  csrci mstatus, MSTATUS_MIE
  csrw mie, x0
  TEST_END

  .align 2
irq_vector:
  csrr s2, mcause
  bgez s2, catch_vector            # exceptions: the usual catch
  mv a4, s2                        # the last interrupt's cause
  csrr s4, mepc
  addi s9, s9, 1
  li t5, CLINT_MSIP; sw zero, 0(t5)
  li t5, CLINT_MTIMECMP; li t6, -1; sw t6, 0(t5); sw t6, 4(t5)
  mret
  .align 2
s_irq_vector:
  csrr s5, scause
  ebreak
  .align 6
  .option push
  .option norvc
vector_table:
  j irq_vector                     # 0: exceptions
  j fail
  j fail
  j 1f                             # 3: machine software interrupt
1:li s10, 3
  j irq_vector
  .option pop
CATCH_VECTORS
CODE_END
DATA_BEGIN
DATA_END
