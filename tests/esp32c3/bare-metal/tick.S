# Bare-metal ESP32-C3 test: SYSTIMER alarm 0 in period mode (1 ms) routed
# through the interrupt matrix to CPU line 1; the handler counts ticks.
    .section .text
    .globl _start
_start:
    la   t0, vectors
    ori  t0, t0, 1          # vectored mode
    csrw mtvec, t0
    li   a0, 0x600C2000     # interrupt matrix
    li   t1, 1
    sw   t1, 37*4(a0)       # source 37 (SYSTIMER target 0) -> line 1
    li   t1, 5
    sw   t1, 0x118(a0)      # priority of line 1
    li   t1, 1
    sw   t1, 0x194(a0)      # threshold 1
    li   t1, 2
    sw   t1, 0x104(a0)      # enable line 1
    li   a1, 0x60023000     # SYSTIMER
    lw   t1, 0(a1)
    li   t2, 0xC0000000     # CLK_EN | UNIT0_WORK_EN
    or   t1, t1, t2
    sw   t1, 0(a1)
    li   t1, 0x40003E80     # period mode, 16000 ticks = 1 ms
    sw   t1, 0x34(a1)
    li   t1, 1
    sw   t1, 0x50(a1)       # COMP0_LOAD
    sw   t1, 0x64(a1)       # INT_ENA target 0
    lw   t1, 0(a1)
    li   t2, 0x01000000     # TARGET0_WORK_EN
    or   t1, t1, t2
    sw   t1, 0(a1)
    csrsi mstatus, 8        # MIE
    li   t3, 0x3FC90000     # count
    li   t5, 5
loop:
    wfi
    lw   t4, 0(t3)
    blt  t4, t5, loop
    li   t4, 0x600D
    sw   t4, 4(t3)          # done
hang:
    wfi
    j    hang

    .balign 256
    .option push
    .option norvc           # one 4-byte jump per vector slot
vectors:
    j    exception          # base + 0: exceptions
    j    tick               # base + 4: line 1
    .option pop
exception:
    li   s0, 0xBAD
    li   s1, 0x3FC90000
    sw   s0, 4(s1)
    j    exception
tick:
    li   s0, 0x60023000
    li   s1, 1
    sw   s1, 0x6C(s0)       # INT_CLR target 0
    li   s0, 0x3FC90000
    lw   s1, 0(s0)
    addi s1, s1, 1
    sw   s1, 0(s0)
    mret
