# Sv32 (privileged spec 4.3): two-level walks, superpages, A/D updates,
# R/W/X/U permissions with SUM and MXR, MPRV, reserved encodings, page
# faults with the faulting address in mtval, and sfence.vma.
#include "test.h"
  .weak mtvec_handler

#define PTE(pa, flags) ((((pa) >> 12) << 10) | (flags))
#define V 0x01
#define R 0x02
#define W 0x04
#define X 0x08
#define U 0x10
#define A 0x40
#define D 0x80
/* reg = the U-alias address of label (VA 0x00c00000 maps PA 0x80000000). */
#define LA_UALIAS(reg, label) la reg, label; li t3, 0x00c00000 - 0x80000000; add reg, reg, t3

/* Store PTE (pa_reg >> 12) << 10 | flags at table + 4 * index. */
#define SET_PTE(table, index, pa_reg, flags) \
  srli t1, pa_reg, 12; slli t1, t1, 10; ori t1, t1, flags; la t0, table + 4 * (index); sw t1, 0(t0)

/* Run `code` in S-mode, then ebreak back to M (resuming at the next line). */
#define IN_S(code...) la s11, 9f; ENTER_MODE(MPP_S, 8f); 8: code; ebreak; 9:

CODE_BEGIN
  CATCH_TRAPS
  # Identity superpage for the code and data (not U); a U alias at 0x00c00000.
  li t2, 0x80000000
  SET_PTE(root_pt, 512, t2, V | R | W | X | A | D)
  SET_PTE(root_pt, 3, t2, V | R | X | U | A)
  la t2, l0_pt
  SET_PTE(root_pt, 1, t2, V)
  li t2, 0x80001000                       # a superpage PPN with ppn[0] != 0
  SET_PTE(root_pt, 2, t2, V | R | W | A | D)
  la t2, page_a
  SET_PTE(l0_pt, 0, t2, V | R | W | U)    # A and D clear: the walk sets them
  SET_PTE(l0_pt, 1, t2, V | R | U | A)
  SET_PTE(l0_pt, 2, t2, V | X | U | A)
  SET_PTE(l0_pt, 4, t2, V | R | W | A | D)
  li t1, V | W                            # W without R is reserved
  la t0, l0_pt; sw t1, 20(t0)
  la t0, root_pt; srli t0, t0, 12; li t1, 0x80000000; or t0, t0, t1
  csrw satp, t0
  sfence.vma

  # SUM = 0: S may not touch U pages.
  li s2, 0
  IN_S(li a0, 0x00400000; lw a1, 0(a0))
  EXPECT_CAUSE(2, CAUSE_LOAD_PAGE_FAULT)
  li t0, 0x00400000; bne s3, t0, fail
  # SUM = 1: it may; the walk sets A (not D) on a load.
  li t0, MSTATUS_SUM; csrs mstatus, t0
  li a1, 0
  IN_S(li a0, 0x00400000; lw a1, 0(a0))
  EXPECT_CAUSE(3, CAUSE_BREAKPOINT)
  li t0, 0x11111111; bne a1, t0, fail
  lw t0, l0_pt; andi t1, t0, A; beqz t1, fail; andi t1, t0, D; bnez t1, fail
  # A store sets D.
  IN_S(li a0, 0x00400000; li a1, 0x55; sw a1, 4(a0))
  EXPECT_CAUSE(4, CAUSE_BREAKPOINT)
  lw t0, l0_pt; andi t1, t0, D; beqz t1, fail
  la t0, page_a; lw t1, 4(t0); li t2, 0x55; bne t1, t2, fail
  # Store to a read-only page.
  IN_S(li a0, 0x00401000; sw a0, 0(a0))
  EXPECT_CAUSE(5, CAUSE_STORE_PAGE_FAULT)
  li t0, 0x00401000; bne s3, t0, fail
  # Load from an execute-only page faults unless MXR.
  IN_S(li a0, 0x00402000; lw a1, 0(a0))
  EXPECT_CAUSE(6, CAUSE_LOAD_PAGE_FAULT)
  li t0, MSTATUS_MXR; csrs mstatus, t0
  li a1, 0
  IN_S(li a0, 0x00402000; lw a1, 0(a0))
  EXPECT_CAUSE(7, CAUSE_BREAKPOINT)
  li t0, 0x11111111; bne a1, t0, fail
  li t0, MSTATUS_MXR; csrc mstatus, t0
  # Invalid PTE: the exact faulting address is reported.
  IN_S(li a0, 0x00403008; lw a1, 0(a0))
  EXPECT_CAUSE(8, CAUSE_LOAD_PAGE_FAULT)
  li t0, 0x00403008; bne s3, t0, fail
  # A supervisor page.
  li a1, 0
  IN_S(li a0, 0x00404000; lw a1, 0(a0))
  EXPECT_CAUSE(9, CAUSE_BREAKPOINT)
  li t0, 0x11111111; bne a1, t0, fail
  # W without R, and a misaligned superpage.
  IN_S(li a0, 0x00405000; lw a1, 0(a0))
  EXPECT_CAUSE(10, CAUSE_LOAD_PAGE_FAULT)
  IN_S(li a0, 0x00800000; lw a1, 0(a0))
  EXPECT_CAUSE(11, CAUSE_LOAD_PAGE_FAULT)
  li t0, 0x00800000; bne s3, t0, fail

  # U-mode code through the U alias.
  li a1, 0
  la s11, 1f
  li t0, MSTATUS_MPP; csrc mstatus, t0
  LA_UALIAS(t0, u_code); csrw mepc, t0
  mret
1:EXPECT_CAUSE(12, CAUSE_BREAKPOINT)
  li t0, 0x11111111; bne a1, t0, fail
  # U may not load from an S page.
  la s11, 1f
  LA_UALIAS(t0, u_load_s_page); csrw mepc, t0
  mret
1:EXPECT_CAUSE(13, CAUSE_LOAD_PAGE_FAULT)
  # U may not store to a read-only page.
  la s11, 1f
  LA_UALIAS(t0, u_store_ro); csrw mepc, t0
  mret
1:EXPECT_CAUSE(14, CAUSE_STORE_PAGE_FAULT)
  # S may never execute from a U page (even with SUM).
  li s2, 0
  IN_S(LA_UALIAS(t0, u_code); jr t0)
  EXPECT_CAUSE(15, CAUSE_FETCH_PAGE_FAULT)
  LA_UALIAS(t0, u_code); bne s3, t0, fail; bne s4, t0, fail

  # MPRV: M-mode loads translate as MPP = S.
  li t0, MSTATUS_MPP; csrc mstatus, t0
  li t0, MPP_S | MSTATUS_MPRV; csrs mstatus, t0
  li a0, 0x00400000; lw a1, 0(a0)
  li t0, MSTATUS_MPRV; csrc mstatus, t0
  li TESTNUM, 16; li t0, 0x11111111; bne a1, t0, fail

  # Remap VA 0x00400000 to page_b; after sfence.vma the new mapping is used.
  la t2, page_b
  SET_PTE(l0_pt, 0, t2, V | R | W | U | A | D)
  li a1, 0
  IN_S(sfence.vma; li a0, 0x00400000; lw a1, 0(a0))
  EXPECT_CAUSE(17, CAUSE_BREAKPOINT)
  li t0, 0x33333333; bne a1, t0, fail

  csrw satp, x0
  TEST_END

  .align 2
u_code:
  li a0, 0x00400000
  lw a1, 0(a0)
  ebreak
u_load_s_page:
  li a0, 0x00404000
  lw a1, 0(a0)
  ebreak
u_store_ro:
  li a0, 0x00401000
  sw a1, 0(a0)
  ebreak
CATCH_VECTORS
CODE_END
DATA_BEGIN
  .align 12
root_pt: .fill 1024, 4, 0
l0_pt: .fill 1024, 4, 0
page_a: .word 0x11111111, 0x22222222
  .fill 1022, 4, 0
page_b: .word 0x33333333
  .fill 1023, 4, 0
DATA_END
