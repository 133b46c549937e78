/**
 * Named snapshots of the core's architectural state (docs/design.md, convention
 * 10): for snapshots, record/replay, tests, and the kernel's user contexts.
 * The block cache and TLB are not state: restoring flushes them.
 */
import type { X86Core } from './core';
import { readFlags, LazyOp } from './flags';

export interface X86State {
  gpr: bigint[]; // rax..r15
  rip: number;
  rflags: number;
  cpl: number;
  selectors: number[]; // es cs ss ds fs gs
  fsBase: number;
  gsBase: number;
  kernelGsBase: number;
  cr0: number;
  cr2: number;
  cr3: number;
  cr4: number;
  cr8: number;
  efer: number;
  gdt: { base: number; limit: number };
  idt: { base: number; limit: number };
  tr: { selector: number; base: number; limit: number };
  ldtr: number;
  star: [number, number];
  lstar: number;
  cstar: number;
  fmask: number;
  tscAux: number;
  tscOffset: number;
  pat: [number, number];
  xmm: number[]; // 64 dwords
  mxcsr: number;
  halted: boolean;
  retired: number;
}

export function captureState(c: X86Core): X86State {
  const gpr: bigint[] = [];
  for (let r = 0; r < 16; r++) gpr.push(c.getGpr(r));
  return {
    gpr,
    rip: c.rip,
    rflags: readFlags(c),
    cpl: c.cpl,
    selectors: Array.from(c.sel),
    fsBase: c.fsBase,
    gsBase: c.gsBase,
    kernelGsBase: c.kernelGsBase,
    cr0: c.cr0,
    cr2: c.cr2,
    cr3: c.cr3,
    cr4: c.cr4,
    cr8: c.cr8,
    efer: c.efer,
    gdt: { base: c.gdtBase, limit: c.gdtLimit },
    idt: { base: c.idtBase, limit: c.idtLimit },
    tr: { selector: c.trSel, base: c.trBase, limit: c.trLimit },
    ldtr: c.ldtSel,
    star: [c.starLo, c.starHi],
    lstar: c.lstar,
    cstar: c.cstar,
    fmask: c.fmask,
    tscAux: c.tscAux,
    tscOffset: c.tscOffset,
    pat: [c.patLo, c.patHi],
    xmm: Array.from(c.xmm.subarray(0, 64)),
    mxcsr: c.mxcsr,
    halted: c.halted,
    retired: c.retired,
  };
}

export function restoreState(c: X86Core, s: X86State): void {
  for (let r = 0; r < 16; r++) c.setGpr(r, s.gpr[r]);
  c.rip = s.rip;
  c.flags = (s.rflags & 0x3f7fd5) | 2;
  c.fop = LazyOp.NONE;
  c.setCpl(s.cpl);
  c.sel.set(s.selectors);
  c.fsBase = s.fsBase;
  c.gsBase = s.gsBase;
  c.kernelGsBase = s.kernelGsBase;
  c.cr0 = s.cr0;
  c.cr2 = s.cr2;
  c.cr3 = s.cr3;
  c.cr4 = s.cr4;
  c.cr8 = s.cr8;
  c.efer = s.efer;
  c.gdtBase = s.gdt.base;
  c.gdtLimit = s.gdt.limit;
  c.idtBase = s.idt.base;
  c.idtLimit = s.idt.limit;
  c.trSel = s.tr.selector;
  c.trBase = s.tr.base;
  c.trLimit = s.tr.limit;
  c.ldtSel = s.ldtr;
  [c.starLo, c.starHi] = s.star;
  c.lstar = s.lstar;
  c.cstar = s.cstar;
  c.fmask = s.fmask;
  c.tscAux = s.tscAux;
  c.tscOffset = s.tscOffset;
  [c.patLo, c.patHi] = s.pat;
  c.xmm.set(s.xmm);
  c.mxcsr = s.mxcsr;
  c.halted = s.halted;
  c.retired = s.retired;
  c.mmu.flush();
  c.cache.flush();
}
