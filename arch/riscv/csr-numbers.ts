/**
 * CSR numbers and bit fields (privileged spec 1.12, tables 2.2–2.5 and
 * chapters 3–4). Names as in the manual.
 */

// Unprivileged counters (Zicntr).
export const CYCLE = 0xc00;
export const TIME = 0xc01;
export const INSTRET = 0xc02;
export const HPMCOUNTER3 = 0xc03;
export const HPMCOUNTER31 = 0xc1f;
export const CYCLEH = 0xc80;
export const TIMEH = 0xc81;
export const INSTRETH = 0xc82;
export const HPMCOUNTER3H = 0xc83;
export const HPMCOUNTER31H = 0xc9f;

// Supervisor.
export const SSTATUS = 0x100;
export const SIE = 0x104;
export const STVEC = 0x105;
export const SCOUNTEREN = 0x106;
export const SENVCFG = 0x10a;
export const SSCRATCH = 0x140;
export const SEPC = 0x141;
export const SCAUSE = 0x142;
export const STVAL = 0x143;
export const SIP = 0x144;
export const SATP = 0x180;

// Machine.
export const MVENDORID = 0xf11;
export const MARCHID = 0xf12;
export const MIMPID = 0xf13;
export const MHARTID = 0xf14;
export const MCONFIGPTR = 0xf15;
export const MSTATUS = 0x300;
export const MISA = 0x301;
export const MEDELEG = 0x302;
export const MIDELEG = 0x303;
export const MIE = 0x304;
export const MTVEC = 0x305;
export const MCOUNTEREN = 0x306;
export const MENVCFG = 0x30a;
export const MSTATUSH = 0x310;
export const MENVCFGH = 0x31a;
export const MCOUNTINHIBIT = 0x320;
export const MHPMEVENT3 = 0x323;
export const MHPMEVENT31 = 0x33f;
export const MSCRATCH = 0x340;
export const MEPC = 0x341;
export const MCAUSE = 0x342;
export const MTVAL = 0x343;
export const MIP = 0x344;
export const PMPCFG0 = 0x3a0;
export const PMPCFG15 = 0x3af;
export const PMPADDR0 = 0x3b0;
export const PMPADDR63 = 0x3ef;
export const MCYCLE = 0xb00;
export const MINSTRET = 0xb02;
export const MHPMCOUNTER3 = 0xb03;
export const MHPMCOUNTER31 = 0xb1f;
export const MCYCLEH = 0xb80;
export const MINSTRETH = 0xb82;
export const MHPMCOUNTER3H = 0xb83;
export const MHPMCOUNTER31H = 0xb9f;
// Debug trigger module (debug spec 0.13.2, 5.2): present with zero triggers.
export const TSELECT = 0x7a0;
export const TDATA1 = 0x7a1;
export const TDATA2 = 0x7a2;
export const TDATA3 = 0x7a3;

// mstatus fields (3.1.6).
export const MSTATUS_SIE = 1 << 1;
export const MSTATUS_MIE = 1 << 3;
export const MSTATUS_SPIE = 1 << 5;
export const MSTATUS_MPIE = 1 << 7;
export const MSTATUS_SPP = 1 << 8;
export const MSTATUS_MPP_SHIFT = 11;
export const MSTATUS_MPP = 3 << MSTATUS_MPP_SHIFT;
export const MSTATUS_MPRV = 1 << 17;
export const MSTATUS_SUM = 1 << 18;
export const MSTATUS_MXR = 1 << 19;
export const MSTATUS_TVM = 1 << 20;
export const MSTATUS_TW = 1 << 21;
export const MSTATUS_TSR = 1 << 22;
/** The fields sstatus shows (4.1.1). */
export const SSTATUS_MASK = MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR;

// Interrupt bits of mip/mie (3.1.9) = interrupt cause codes.
export const IRQ_SSI = 1;
export const IRQ_MSI = 3;
export const IRQ_STI = 5;
export const IRQ_MTI = 7;
export const IRQ_SEI = 9;
export const IRQ_MEI = 11;
export const MIP_SSIP = 1 << IRQ_SSI;
export const MIP_MSIP = 1 << IRQ_MSI;
export const MIP_STIP = 1 << IRQ_STI;
export const MIP_MTIP = 1 << IRQ_MTI;
export const MIP_SEIP = 1 << IRQ_SEI;
export const MIP_MEIP = 1 << IRQ_MEI;
export const S_INTERRUPTS = MIP_SSIP | MIP_STIP | MIP_SEIP;
export const M_INTERRUPTS = MIP_MSIP | MIP_MTIP | MIP_MEIP;

// Exception causes (3.1.15, table 3.6).
export const CAUSE_MISALIGNED_FETCH = 0;
export const CAUSE_FETCH_ACCESS = 1;
export const CAUSE_ILLEGAL_INSTRUCTION = 2;
export const CAUSE_BREAKPOINT = 3;
export const CAUSE_MISALIGNED_LOAD = 4;
export const CAUSE_LOAD_ACCESS = 5;
export const CAUSE_MISALIGNED_STORE = 6;
export const CAUSE_STORE_ACCESS = 7;
export const CAUSE_USER_ECALL = 8;
export const CAUSE_SUPERVISOR_ECALL = 9;
export const CAUSE_MACHINE_ECALL = 11;
export const CAUSE_FETCH_PAGE_FAULT = 12;
export const CAUSE_LOAD_PAGE_FAULT = 13;
export const CAUSE_STORE_PAGE_FAULT = 15;
export const INTERRUPT_FLAG = 0x80000000;
/** Exceptions medeleg may delegate: all defined ones but M-mode ecall (3.1.8). */
export const DELEGABLE_EXCEPTIONS = 0xb3ff;

// Privilege levels.
export const PRIV_U = 0;
export const PRIV_S = 1;
export const PRIV_M = 3;

// satp (4.1.11): MODE (31), ASID (30:22), PPN (21:0).
export const SATP_MODE_SV32 = 0x80000000;
export const SATP_ASID_MASK = 0x7fc00000;
export const SATP_PPN_MASK = 0x003fffff;
