/*
 * JOS's own ISA-test environment, following the riscv-tests "p" conventions
 * (physical addresses, M-mode start, a single hart): TESTNUM lives in gp;
 * PASS sets gp = 1 and does ecall; FAIL sets gp = (TESTNUM << 1) | 1 and
 * does ecall; the trap vector writes gp to `tohost`, which ends the run
 * (exit status = failing test number). A test that expects traps defines
 * `mtvec_handler`; other traps fail with code 1337.
 */
#ifndef JOS_TEST_H
#define JOS_TEST_H

#define TESTNUM gp

#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS 1
#define CAUSE_ILLEGAL 2
#define CAUSE_BREAKPOINT 3
#define CAUSE_MISALIGNED_LOAD 4
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS 7
#define CAUSE_USER_ECALL 8
#define CAUSE_SUPERVISOR_ECALL 9
#define CAUSE_MACHINE_ECALL 11
#define CAUSE_FETCH_PAGE_FAULT 12
#define CAUSE_LOAD_PAGE_FAULT 13
#define CAUSE_STORE_PAGE_FAULT 15

#define MSTATUS_SIE 0x2
#define MSTATUS_MIE 0x8
#define MSTATUS_SPIE 0x20
#define MSTATUS_MPIE 0x80
#define MSTATUS_SPP 0x100
#define MSTATUS_MPP 0x1800
#define MSTATUS_MPRV 0x20000
#define MSTATUS_SUM 0x40000
#define MSTATUS_MXR 0x80000
#define MSTATUS_TVM 0x100000
#define MSTATUS_TW 0x200000
#define MSTATUS_TSR 0x400000

#define CODE_BEGIN                                   \
  .section .text.init, "ax";                         \
  .align 6;                                          \
  .globl _start;                                     \
_start:                                              \
  j reset;                                           \
  .align 2;                                          \
trap_vector:                                         \
  csrr t5, mcause;                                   \
  li t6, CAUSE_USER_ECALL;                           \
  beq t5, t6, write_tohost;                          \
  li t6, CAUSE_SUPERVISOR_ECALL;                     \
  beq t5, t6, write_tohost;                          \
  li t6, CAUSE_MACHINE_ECALL;                        \
  beq t5, t6, write_tohost;                          \
  la t5, mtvec_handler;                              \
  beqz t5, 1f;                                       \
  jr t5;                                             \
1:li gp, (1337 << 1) | 1;                            \
write_tohost:                                        \
  sw gp, tohost, t5;                                 \
  sw zero, tohost + 4, t5;                           \
  j write_tohost;                                    \
reset:                                               \
  li x1, 0; li x2, 0; li x4, 0; li x5, 0;            \
  li x6, 0; li x7, 0; li x8, 0; li x9, 0;            \
  la t0, trap_vector;                                \
  csrw mtvec, t0;                                    \
  /* PMP: whole address space RWX for S/U (3.7). */  \
  li t0, -1;                                         \
  csrw pmpaddr0, t0;                                 \
  li t0, 0x1f;                                       \
  csrw pmpcfg0, t0;                                  \
  csrwi medeleg, 0;                                  \
  csrwi mie, 0;                                      \
  li TESTNUM, 0;                                     \
  j test_start;                                      \
  .align 2;                                          \
test_start:

#define CODE_END unimp

#define PASS        \
  fence;            \
  li TESTNUM, 1;    \
  ecall

#define FAIL                    \
  fence;                        \
1:beqz TESTNUM, 1b;             \
  sll TESTNUM, TESTNUM, 1;      \
  or TESTNUM, TESTNUM, 1;       \
  ecall

#define DATA_BEGIN                          \
  .pushsection .tohost, "aw", @progbits;    \
  .align 6; .globl tohost; .type tohost, @object; .size tohost, 8; tohost: .dword 0; \
  .align 6; .globl fromhost; .type fromhost, @object; .size fromhost, 8; fromhost: .dword 0; \
  .popsection;                              \
  .data; .align 4;

#define DATA_END

/* --- test-case helpers (own naming; same spirit as riscv-tests) --- */

/* Run `code`, then compare `reg` with `expected`. */
#define TEST_CASE(num, reg, expected, code...) \
test_##num:                                    \
  li TESTNUM, num;                             \
  code;                                        \
  li t2, expected;                             \
  bne reg, t2, fail;

#define TEST_RR(num, inst, expected, a, b) \
  TEST_CASE(num, a4, expected, li a1, a; li a2, b; inst a4, a1, a2)

#define TEST_RI(num, inst, expected, a, imm) \
  TEST_CASE(num, a4, expected, li a1, a; inst a4, a1, imm)

#define TEST_END     \
  bne x0, TESTNUM, pass; \
fail:                \
  la t0, trap_vector; csrw mtvec, t0; \
  FAIL;              \
pass:                \
  la t0, trap_vector; csrw mtvec, t0; \
  PASS;

#endif

#ifndef JOS_TEST_H_MODES
#define JOS_TEST_H_MODES
#define MPP_U 0x0000
#define MPP_S 0x0800
#define MPP_M 0x1800

/* mret to `label` in the mode given by mpp (MPP_U, MPP_S or MPP_M). */
#define ENTER_MODE(mpp, label) \
  li t0, MSTATUS_MPP;          \
  csrc mstatus, t0;            \
  li t0, mpp;                  \
  csrs mstatus, t0;            \
  la t0, label;                \
  csrw mepc, t0;               \
  mret

/* In a trap handler: resume after the (4-byte) trapping instruction. */
#define SKIP_TRAPPING_INSN \
  csrr t5, mepc;           \
  addi t5, t5, 4;          \
  csrw mepc, t5;           \
  mret
#endif

#ifndef JOS_TEST_H_CATCH
#define JOS_TEST_H_CATCH
/*
 * Trap catching for privileged tests: CATCH_TRAPS points mtvec at
 * catch_vector, which records mcause/mtval/mepc in s2/s3/s4 and resumes in
 * M-mode at s11 (mstatus at entry in s8). S_CATCH_TRAPS points stvec at s_catch_vector, which
 * records scause/stval/sepc in s5/s6/s7 and then does ebreak (caught by
 * catch_vector, so breakpoints must not be delegated).
 * RESTORE_TRAPS puts the environment's vector back (needed for PASS/FAIL).
 */
#define CATCH_TRAPS la t0, catch_vector; csrw mtvec, t0
#define S_CATCH_TRAPS la t0, s_catch_vector; csrw stvec, t0
#define RESTORE_TRAPS la t0, trap_vector; csrw mtvec, t0

#define CATCH_VECTORS            \
  .align 2;                      \
catch_vector:                    \
  csrr s2, mcause;               \
  csrr s3, mtval;                \
  csrr s4, mepc;                 \
  csrr s8, mstatus;              \
  li t5, MSTATUS_MPP;            \
  csrs mstatus, t5;              \
  csrw mepc, s11;                \
  mret;                          \
  .align 2;                      \
s_catch_vector:                  \
  csrr s5, scause;               \
  csrr s6, stval;                \
  csrr s7, sepc;                 \
  ebreak;

/* Expect the last trap caught in M to have cause `cause`. */
#define EXPECT_CAUSE(num, cause) \
  li TESTNUM, num; li t2, cause; bne s2, t2, fail
#endif
