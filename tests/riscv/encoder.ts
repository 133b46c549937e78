/**
 * Instruction encoders for tests: the 32-bit formats are arch/riscv's
 * (shared with the interpreter's warm-up); the RV32C ones (chapter 16) are
 * here.
 */
export * from '../../arch/riscv/encoder';

// ---- RV32C (quadrant, funct3 and field placement per table 16.5-16.7) ----

/** c.addi / c.li / c.andi style CI: funct3, rd, 6-bit signed imm, quadrant 1. */
export function ci(funct3: number, rd: number, imm: number, quadrant = 1): number {
  return (funct3 << 13) | (((imm >> 5) & 1) << 12) | (rd << 7) | ((imm & 0x1f) << 2) | quadrant;
}

/** c.srli/c.srai/c.andi: funct2 selects; rd' = 8 + rdp. */
export function cb2(funct2: number, rdp: number, imm: number): number {
  return (4 << 13) | (((imm >> 5) & 1) << 12) | (funct2 << 10) | (rdp << 7) | ((imm & 0x1f) << 2) | 1;
}

/** c.sub/xor/or/and: funct2 (0..3) with rd', rs2'. */
export function ca(funct2: number, rdp: number, rs2p: number): number {
  return (0x8c01 | (rdp << 7) | (funct2 << 5) | (rs2p << 2)) & 0xffff;
}

/** c.mv (add = false) / c.add (add = true). */
export function cr(add: boolean, rd: number, rs2: number): number {
  return (4 << 13) | ((add ? 1 : 0) << 12) | (rd << 7) | (rs2 << 2) | 2;
}

/** c.lw / c.sw with rd'/rs2' and rs1', word offset 0..124 (multiple of 4). */
export function clw(rdp: number, rs1p: number, off: number): number {
  return (2 << 13) | (((off >> 3) & 7) << 10) | (rs1p << 7) | (((off >> 2) & 1) << 6) | (((off >> 6) & 1) << 5) | (rdp << 2);
}
export function csw(rs2p: number, rs1p: number, off: number): number {
  return clw(rs2p, rs1p, off) | (4 << 13);
}

/** c.lwsp rd, off(sp) / c.swsp rs2, off(sp); off multiple of 4, < 256. */
export function clwsp(rd: number, off: number): number {
  return (2 << 13) | (((off >> 5) & 1) << 12) | (rd << 7) | (((off >> 2) & 7) << 4) | (((off >> 6) & 3) << 2) | 2;
}
export function cswsp(rs2: number, off: number): number {
  return (6 << 13) | (((off >> 2) & 0xf) << 9) | (((off >> 6) & 3) << 7) | (rs2 << 2) | 2;
}

/** c.slli rd, shamt (1..31). */
export function cslli(rd: number, shamt: number): number {
  return (rd << 7) | ((shamt & 0x1f) << 2) | 2;
}

/** c.beqz / c.bnez rs1', forward offset (even, < 256). */
export function cbz(nonzero: boolean, rs1p: number, off: number): number {
  const v = (((off >> 8) & 1) << 12) | (((off >> 3) & 3) << 10) | (((off >> 6) & 3) << 5) | (((off >> 1) & 3) << 3) | (((off >> 5) & 1) << 2);
  return ((nonzero ? 7 : 6) << 13) | v | (rs1p << 7) | 1;
}

/** c.j forward offset (even, small). */
export function cj(off: number): number {
  const v = (((off >> 11) & 1) << 12) | (((off >> 4) & 1) << 11) | (((off >> 8) & 3) << 9) | (((off >> 10) & 1) << 8) |
    (((off >> 6) & 1) << 7) | (((off >> 7) & 1) << 6) | (((off >> 1) & 7) << 3) | (((off >> 5) & 1) << 2);
  return (5 << 13) | v | 1;
}
