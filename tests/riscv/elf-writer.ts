/** Test helper: a minimal static little-endian ELF32 for RISC-V with one
 * RWX PT_LOAD segment (enough for qemu-riscv32 and jos exec). */
export function writeElf32(base: number, image: Uint8Array, entry: number): Uint8Array {
  const EHDR = 52;
  const PHDR = 32;
  const offset = 0x1000;
  const out = new Uint8Array(offset + image.length);
  const v = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0], 0); // ELFCLASS32, LSB, version 1
  v.setUint16(16, 2, true); // ET_EXEC
  v.setUint16(18, 243, true); // EM_RISCV
  v.setUint32(20, 1, true);
  v.setUint32(24, entry, true);
  v.setUint32(28, EHDR, true); // e_phoff
  v.setUint32(32, 0, true); // e_shoff
  v.setUint32(36, 0x0004, true); // e_flags: EF_RISCV_FLOAT_ABI_SOFT | RVC (0x1)
  v.setUint32(36, 0x1, true);
  v.setUint16(40, EHDR, true);
  v.setUint16(42, PHDR, true);
  v.setUint16(44, 1, true);
  v.setUint16(46, 40, true);
  v.setUint16(48, 0, true);
  v.setUint16(50, 0, true);
  const p = EHDR;
  v.setUint32(p + 0, 1, true); // PT_LOAD
  v.setUint32(p + 4, offset, true);
  v.setUint32(p + 8, base, true);
  v.setUint32(p + 12, base, true);
  v.setUint32(p + 16, image.length, true);
  v.setUint32(p + 20, image.length, true);
  v.setUint32(p + 24, 7, true); // RWX
  v.setUint32(p + 28, 0x1000, true);
  out.set(image, offset);
  return out;
}
