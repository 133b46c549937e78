/**
 * Architectural names and numbers: GPR indices, control-register and EFER
 * bits, MSR indices, exception vectors (SDM vol. 3, 2.5, 2.2.1, 6.3.1, and
 * vol. 4 for MSRs).
 */
export const RAX = 0;
export const RCX = 1;
export const RDX = 2;
export const RBX = 3;
export const RSP = 4;
export const RBP = 5;
export const RSI = 6;
export const RDI = 7;
export const GPR_NAMES = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];

// CR0 (SDM vol. 3, 2.5)
export const CR0_PE = 1 << 0;
export const CR0_MP = 1 << 1;
export const CR0_EM = 1 << 2;
export const CR0_TS = 1 << 3;
export const CR0_ET = 1 << 4;
export const CR0_NE = 1 << 5;
export const CR0_WP = 1 << 16;
export const CR0_PG = 1 << 31;
// CR4
export const CR4_PAE = 1 << 5;
export const CR4_PGE = 1 << 7;
export const CR4_OSFXSR = 1 << 9;
export const CR4_OSXMMEXCPT = 1 << 10;
export const CR4_FSGSBASE = 1 << 16;
// EFER (MSR C000_0080)
export const EFER_SCE = 1 << 0;
export const EFER_LME = 1 << 8;
export const EFER_LMA = 1 << 10;
export const EFER_NXE = 1 << 11;

export const MSR_TSC = 0x10;
export const MSR_APIC_BASE = 0x1b;
export const MSR_MISC_ENABLE = 0x1a0;
export const MSR_PAT = 0x277;
export const MSR_EFER = 0xc000_0080;
export const MSR_STAR = 0xc000_0081;
export const MSR_LSTAR = 0xc000_0082;
export const MSR_CSTAR = 0xc000_0083;
export const MSR_FMASK = 0xc000_0084;
export const MSR_FS_BASE = 0xc000_0100;
export const MSR_GS_BASE = 0xc000_0101;
export const MSR_KERNEL_GS_BASE = 0xc000_0102;
export const MSR_TSC_AUX = 0xc000_0103;

// Exception vectors (SDM vol. 3, table 6-1)
export const EXC_DE = 0;
export const EXC_DB = 1;
export const EXC_BP = 3;
export const EXC_OF = 4;
export const EXC_UD = 6;
export const EXC_NM = 7;
export const EXC_DF = 8;
export const EXC_TS = 10;
export const EXC_NP = 11;
export const EXC_SS = 12;
export const EXC_GP = 13;
export const EXC_PF = 14;
export const EXC_MF = 16;
export const EXC_AC = 17;
export const EXC_XM = 19;

/** Exceptions that push an error code (SDM vol. 3, table 6-1). */
export function pushesErrorCode(vector: number): boolean {
  return vector === EXC_DF || (vector >= EXC_TS && vector <= EXC_PF) || vector === EXC_AC;
}

// #PF error code bits (SDM vol. 3, 4.7)
export const PF_P = 1;
export const PF_W = 2;
export const PF_U = 4;
export const PF_RSVD = 8;
export const PF_I = 16;

/** 2^32, for joining int32 halves into a double. */
export const TWO32 = 4294967296;

/** A signed double from int32 halves; exact while |value| < 2^53. */
export function joinHalves(lo: number, hi: number): number {
  return hi * TWO32 + (lo >>> 0);
}

/** True when a 64-bit value (halves) is canonical for 48-bit addresses. */
export function isCanonicalHalves(hi: number): boolean {
  return (hi << 16) >> 16 === hi;
}

/** True when a double address is a canonical 48-bit address. */
export function isCanonical(va: number): boolean {
  return va >= -140737488355328 && va < 140737488355328;
}
