# Physical memory protection (privileged spec 3.7): NA4, NAPOT and TOR
# regions, priority by entry number, partial matches, S/U accesses that
# match nothing, and locked entries binding M-mode.
#include "test.h"
  .weak mtvec_handler

#define PMP_R 0x01
#define PMP_W 0x02
#define PMP_X 0x04
#define PMP_TOR 0x08
#define PMP_NA4 0x10
#define PMP_NAPOT 0x18
#define PMP_L 0x80

/* Run `code` in U-mode, then ebreak back to M. */
#define IN_U(code...) la s11, 9f; ENTER_MODE(MPP_U, 8f); 8: code; ebreak; 9:

CODE_BEGIN
  CATCH_TRAPS
  # 0: NA4 on guard (no access); 1: NAPOT on ro_page (R);
  # 2-3: TOR [tor_lo, tor_hi) (X only); 4: NAPOT everything (RWX).
  la t0, guard; srli t0, t0, 2; csrw pmpaddr0, t0
  la t0, ro_page; srli t0, t0, 2; ori t0, t0, (4096 / 8 - 1); csrw pmpaddr1, t0
  la t0, tor_lo; srli t0, t0, 2; csrw pmpaddr2, t0
  la t0, tor_hi; srli t0, t0, 2; csrw pmpaddr3, t0
  li t0, -1; csrw pmpaddr4, t0
  li t0, (PMP_NA4) | ((PMP_NAPOT | PMP_R) << 8) | ((PMP_TOR | PMP_X) << 24)
  csrw pmpcfg0, t0
  li t0, PMP_NAPOT | PMP_R | PMP_W | PMP_X; csrw pmpcfg1, t0
  li TESTNUM, 2; csrr a0, pmpcfg0; li t0, (PMP_NA4) | ((PMP_NAPOT | PMP_R) << 8) | ((PMP_TOR | PMP_X) << 24); bne a0, t0, fail

  # The NA4 word is closed to U; the next word is not.
  li s2, 0
  IN_U(la a0, guard; lw a1, 0(a0))
  EXPECT_CAUSE(3, CAUSE_LOAD_ACCESS)
  la t0, guard; bne s3, t0, fail
  IN_U(la a0, guard; lw a1, 4(a0))
  EXPECT_CAUSE(4, CAUSE_BREAKPOINT)
  # M ignores unlocked entries.
  TEST_CASE(5, a1, 0x600df00d, la a0, guard; lw a1, 0(a0))
  # Read-only NAPOT page: loads pass, stores fault.
  IN_U(la a0, ro_page; lw a1, 8(a0))
  EXPECT_CAUSE(6, CAUSE_BREAKPOINT)
  IN_U(la a0, ro_page; sw a1, 8(a0))
  EXPECT_CAUSE(7, CAUSE_STORE_ACCESS)
  la t0, ro_page + 8; bne s3, t0, fail
  # TOR, execute-only: loads fault.
  IN_U(la a0, tor_lo; lw a1, 0(a0))
  EXPECT_CAUSE(8, CAUSE_LOAD_ACCESS)
  # The TOR top is exclusive: the word there is the RWX fallback's.
  IN_U(la a0, tor_hi; sw a1, 0(a0))
  EXPECT_CAUSE(9, CAUSE_BREAKPOINT)
  # A misaligned access half in the NA4 word matches partially: it fails.
  IN_U(la a0, guard; lw a1, -2(a0))
  EXPECT_CAUSE(10, CAUSE_LOAD_ACCESS)
  # With the fallback off, U matches nothing: even fetches fail.
  csrw pmpcfg1, x0
  la s11, 1f
  ENTER_MODE(MPP_U, 2f)
2:nop
  j fail
1:EXPECT_CAUSE(11, CAUSE_FETCH_ACCESS)
  li t0, PMP_NAPOT | PMP_R | PMP_W | PMP_X; csrw pmpcfg1, t0
  # Lock entry 0: now M is bound too, and the entry ignores writes.
  li t0, PMP_NA4 | PMP_L; csrs pmpcfg0, t0
  li s2, 0
  la s11, 1f
  la a0, guard; lw a1, 0(a0)
  j fail
1:EXPECT_CAUSE(12, CAUSE_LOAD_ACCESS)
  li TESTNUM, 13; csrr a0, pmpaddr0; li t0, -1; csrw pmpaddr0, t0; csrr a1, pmpaddr0; bne a0, a1, fail
  li TESTNUM, 14; li t0, 0xff; csrc pmpcfg0, t0; csrr a0, pmpcfg0; andi a0, a0, 0xff; li t0, PMP_NA4 | PMP_L; bne a0, t0, fail
  TEST_END
CATCH_VECTORS
CODE_END
DATA_BEGIN
  .align 4
  .word 0
guard: .word 0x600df00d, 0x12345678
  .align 12
ro_page: .fill 1024, 4, 0x5a5a5a5a
tor_lo: .fill 16, 4, 0
tor_hi: .word 0
DATA_END
