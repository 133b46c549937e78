# Zicsr and the machine/supervisor CSRs: read/write/set/clear, misa,
# counters (including writes and the carry into the high half), WARL
# fields, and illegal instruction for missing, read-only or privileged CSRs.
#include "test.h"
  .weak mtvec_handler
CODE_BEGIN
  CATCH_TRAPS
  # misa: MXL=1, A C I M S U.
  TEST_CASE(2, a0, 0x40141105, csrr a0, misa)
  TEST_CASE(3, a0, 0, csrr a0, mhartid)
  TEST_CASE(4, a0, 0x12345678, li a1, 0x12345678; csrw mscratch, a1; li a1, 0x0f0f; csrrw a0, mscratch, a1)
  TEST_CASE(5, a0, 0x0f0f, csrr a0, mscratch)
  TEST_CASE(6, a0, 0x0fff, li a1, 0xf0f0; csrrs a0, mscratch, a1; csrr a0, mscratch; li a1, 0xf000; csrrc x0, mscratch, a1; csrr a0, mscratch)
  TEST_CASE(7, a0, 0x1f, csrrwi x0, mscratch, 0x10; csrrsi x0, mscratch, 0xf; csrr a0, mscratch)
  TEST_CASE(8, a0, 0x1c, csrrci a0, mscratch, 3; csrr a0, mscratch)

  # Writing a read-only CSR is illegal; mtval holds the instruction.
  li s2, 0
  la s11, 1f
bad_write:
  csrw mhartid, a0
  j fail
1:EXPECT_CAUSE(9, CAUSE_ILLEGAL)
  la t0, bad_write; bne s4, t0, fail
  lw t0, bad_write; bne s3, t0, fail
  # ...but reading it with csrrs x0 as source writes nothing: allowed.
  TEST_CASE(10, a0, 0, csrrs a0, mhartid, x0)
  # A CSR that does not exist.
  li s2, 0
  la s11, 1f
  csrr a0, 0x7c0
  j fail
1:EXPECT_CAUSE(11, CAUSE_ILLEGAL)

  # minstret counts retired instructions; a write is what the next one reads.
  TEST_CASE(12, a0, 3, csrr a1, minstret; nop; nop; csrr a0, minstret; sub a0, a0, a1)
  TEST_CASE(13, a0, 100, li a1, 100; csrw minstret, a1; csrr a0, minstret)
  TEST_CASE(14, a0, 1, csrw minstreth, x0; li a1, -1; csrw minstret, a1; nop; csrr a0, minstreth)
  TEST_CASE(15, a0, 1, csrw mcycleh, x0; li a1, -1; csrw mcycle, a1; nop; nop; csrr a0, mcycleh)
  TEST_CASE(16, a0, 1, rdcycle a1; rdinstret a2; rdtime a3; rdcycle a4; sltu a0, a1, a4)

  # WARL fields.
  TEST_CASE(17, a0, 0x80000001, li a1, 0x80000003; csrw mtvec, a1; csrr a0, mtvec; CATCH_TRAPS)
  TEST_CASE(18, a0, 0x80000002, li a1, 0x80000003; csrw mepc, a1; csrr a0, mepc)
  TEST_CASE(19, a0, 0xb3ff, li a1, -1; csrw medeleg, a1; csrr a0, medeleg; csrw medeleg, x0)
  TEST_CASE(20, a0, 0x222, li a1, -1; csrw mideleg, a1; csrr a0, mideleg; csrw mideleg, x0)
  TEST_CASE(21, a0, 0, csrw mstatus, x0; li a1, -1; csrw sstatus, a1; csrr a0, mstatus; li a1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP; and a0, a0, a1)
  TEST_CASE(22, a0, 0x000c0122, csrr a0, sstatus)
  # MPP = 2 is reserved: the write leaves MPP alone.
  TEST_CASE(23, a0, MPP_S, li a1, MSTATUS_MPP; csrc mstatus, a1; li a1, MPP_S; csrs mstatus, a1; csrr a2, mstatus; li a1, ~MSTATUS_MPP; and a2, a2, a1; li a1, 0x1000; or a2, a2, a1; csrw mstatus, a2; csrr a0, mstatus; li a1, MSTATUS_MPP; and a0, a0, a1)
  csrw mstatus, x0
  # No triggers: tdata1 reads type 0.
  TEST_CASE(24, a0, 0, csrw tselect, x0; csrr a0, tdata1)

  # U-mode: counters need mcounteren and scounteren; M CSRs are illegal.
  csrw mcounteren, x0
  li s2, 0
  la s11, 1f
  ENTER_MODE(MPP_U, 2f)
2:rdcycle a0
  j fail
1:EXPECT_CAUSE(25, CAUSE_ILLEGAL)
  li t0, 7; csrw mcounteren, t0; csrw scounteren, t0
  li s2, 0
  la s11, 1f
  ENTER_MODE(MPP_U, 2f)
2:rdcycle a0
  rdinstret a0
  rdtime a0
  ebreak
1:EXPECT_CAUSE(26, CAUSE_BREAKPOINT)
  li s2, 0
  la s11, 1f
  ENTER_MODE(MPP_U, 2f)
2:csrr a0, mscratch
  j fail
1:EXPECT_CAUSE(27, CAUSE_ILLEGAL)
  li s2, 0
  la s11, 1f
  ENTER_MODE(MPP_U, 2f)
2:csrr a0, sscratch
  j fail
1:EXPECT_CAUSE(28, CAUSE_ILLEGAL)
  # S-mode: sstatus and sscratch are fine, mstatus is not.
  li s2, 0
  la s11, 1f
  ENTER_MODE(MPP_S, 2f)
2:csrw sscratch, a0
  csrr a0, sstatus
  csrr a0, mstatus
  j fail
1:EXPECT_CAUSE(29, CAUSE_ILLEGAL)
  # S-mode counters need only mcounteren.
  csrw scounteren, x0
  li s2, 0
  la s11, 1f
  ENTER_MODE(MPP_S, 2f)
2:rdcycle a0
  ebreak
1:EXPECT_CAUSE(30, CAUSE_BREAKPOINT)

  RESTORE_TRAPS
  TEST_END
CATCH_VECTORS
CODE_END
DATA_BEGIN
DATA_END
