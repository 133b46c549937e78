/**
 * The TypeScript "firmware" that puts a bare core straight into 64-bit mode
 * (what a boot loader does after the real-mode/protected-mode steps; SDM
 * vol. 3, 10.8.5): identity page tables over RAM with 2 MiB pages, a GDT
 * with 64-bit kernel and user segments and a TSS, EFER.LME/LMA/SCE/NXE,
 * CR0.PG/PE/WP, CR4.PAE, STAR for syscall/sysret. The IDT is left empty
 * (limit 0): a test installs its own.
 *
 * Layout of the firmware area (FIRMWARE_SIZE bytes at the top of RAM):
 *   +0x0000 PML4, +0x1000 PDPT, +0x2000.. page directories (one per GiB),
 *   +0x7000 GDT, +0x7100 TSS, +0x8000..end: the ring-0 stack of TSS.RSP0.
 */
import type { X86Core } from '../core';
import { LazyOp } from '../flags';
import {
  CR0_ET, CR0_MP, CR0_NE, CR0_PE, CR0_PG, CR0_WP, CR4_OSFXSR, CR4_OSXMMEXCPT, CR4_PAE, EFER_LMA, EFER_LME, EFER_NXE,
  EFER_SCE, RSP,
} from '../registers';

export const FIRMWARE_SIZE = 0x10000;
export const KERNEL_CS = 0x08;
export const KERNEL_DS = 0x10;
export const USER_DS = 0x18 | 3;
export const USER_CS = 0x20 | 3;
export const TSS_SEL = 0x28;

const GDT_OFF = 0x7000;
const TSS_OFF = 0x7100;
const TSS_LIMIT = 0x67;

// Descriptor images (SDM vol. 3, 3.4.5): flat 64-bit code (L=1), flat data.
const GDT_ENTRIES: [number, number][] = [
  [0, 0],
  [0x0000ffff, 0x00af9a00], // 0x08 kernel code, DPL 0, L
  [0x0000ffff, 0x00cf9200], // 0x10 kernel data
  [0x0000ffff, 0x00cff200], // 0x18 user data, DPL 3
  [0x0000ffff, 0x00affa00], // 0x20 user code, DPL 3, L
];

/** Writes the tables into RAM (the bus buffer from physical 0) and sets
 * the core's registers. `ramSize` bytes are identity mapped. */
export function enterLongMode(core: X86Core, ramSize: number, entry: number): void {
  const u8 = core.bus.u8;
  const view = core.bus.view;
  const area = ramSize - FIRMWARE_SIZE;
  u8.fill(0, area, ramSize);
  const pml4 = area;
  const pdpt = area + 0x1000;
  const gib = Math.ceil(ramSize / (1 << 30));
  if (gib > 4) throw new Error('the bare-metal firmware maps at most 4 GiB');
  view.setUint32(pml4, (pdpt | 0x7) >>> 0, true);
  for (let g = 0; g < gib; g++) {
    const pd = area + 0x2000 + g * 0x1000;
    view.setUint32(pdpt + g * 8, (pd | 0x7) >>> 0, true);
    for (let k = 0; k < 512; k++) {
      const phys = g * (1 << 30) + k * (1 << 21);
      if (phys >= ramSize) break;
      // Present, writable, user, 2 MiB page (PS).
      view.setUint32(pd + k * 8, (phys | 0x87) >>> 0, true);
      view.setUint32(pd + k * 8 + 4, Math.floor(phys / 2 ** 32), true);
    }
  }
  const gdt = area + GDT_OFF;
  GDT_ENTRIES.forEach(([lo, hi], k) => {
    view.setUint32(gdt + k * 8, lo >>> 0, true);
    view.setUint32(gdt + k * 8 + 4, hi >>> 0, true);
  });
  // 64-bit TSS descriptor (16 bytes), busy after ltr.
  const tss = area + TSS_OFF;
  const tssDesc = gdt + TSS_SEL;
  view.setUint32(tssDesc, ((tss & 0xffff) << 16) | TSS_LIMIT, true);
  view.setUint32(tssDesc + 4, (((tss >>> 24) << 24) | 0x8b00 | ((tss >>> 16) & 0xff)) >>> 0, true);
  view.setUint32(tssDesc + 8, Math.floor(tss / 2 ** 32), true);
  // TSS.RSP0 = top of RAM; the I/O map base points past the limit (no bitmap).
  view.setUint32(tss + 4, ramSize >>> 0, true);
  view.setUint32(tss + 8, Math.floor(ramSize / 2 ** 32), true);
  view.setUint16(tss + 0x66, TSS_LIMIT + 1, true);
  core.bus.noteRamWrite(area, FIRMWARE_SIZE);

  core.cr3 = pml4;
  core.cr4 = CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT;
  core.efer = EFER_LME | EFER_LMA | EFER_SCE | EFER_NXE;
  core.cr0 = (CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG) | 0;
  core.gdtBase = gdt;
  core.gdtLimit = GDT_ENTRIES.length * 8 + 16 - 1;
  core.idtBase = 0;
  core.idtLimit = 0;
  core.trSel = TSS_SEL;
  core.trBase = tss;
  core.trLimit = TSS_LIMIT;
  core.sel.set([KERNEL_DS, KERNEL_CS, KERNEL_DS, KERNEL_DS, 0, 0]);
  core.starLo = 0;
  core.starHi = (KERNEL_DS << 16) | KERNEL_CS; // sysret base 0x10, syscall CS 0x08
  core.setCpl(0);
  core.mmu.flush();
  core.flags = 0x2;
  core.fop = LazyOp.NONE;
  core.setGprNumber(RSP, area);
  core.rip = entry;
  core.halted = false;
}
