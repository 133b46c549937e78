/**
 * System instructions: cpuid, rdtsc/rdtscp, rdmsr/wrmsr, mov to/from
 * control and debug registers, lgdt/lidt/sgdt/sidt/ltr/str/lldt/sldt,
 * invlpg, swapgs, rd/wr fs/gs base, in/out, cli/sti and the flag
 * instructions, mov to/from segment registers, fences (SDM vol. 2 and 3).
 */
import type { X86Core } from '../core';
import { NO_REG } from '../decoded';
import { readDescriptor, systemDescriptorBase, descLimit, SegmentDescriptor } from '../descriptors';
import { AF, CF, DF, IF, IOPL, PF, SF, ZF, getCF, materialize, readFlags, LazyOp } from '../flags';
import { ACCESS_WRITE } from '../mmu';
import { ea, getReg, readE, readG, setReg, writeE, writeG } from '../operands';
import {
  CR0_PG, CR0_TS, CR4_FSGSBASE, EFER_LMA, EFER_LME, EFER_NXE, EFER_SCE, EXC_UD, MSR_APIC_BASE, MSR_CSTAR, MSR_EFER,
  MSR_FMASK, MSR_FS_BASE, MSR_GS_BASE, MSR_KERNEL_GS_BASE, MSR_LSTAR, MSR_MISC_ENABLE, MSR_PAT, MSR_STAR, MSR_TSC,
  MSR_TSC_AUX, RAX, RBX, RCX, RDX, TWO32, isCanonical,
} from '../registers';
import { cpuidLeaf } from '../cpuid';
import { loadSegment } from '../segment-load';

function requireCpl0(c: X86Core): void {
  if (c.cpl !== 0) c.gp(0);
}

export function cpuid(c: X86Core, _i: number): void {
  const r = cpuidLeaf(c.rl[RAX] >>> 0, c.rl[RCX] >>> 0, c.vendor);
  setReg(c, RAX, 4, r[0], 0);
  setReg(c, RBX, 4, r[1], 0);
  setReg(c, RCX, 4, r[2], 0);
  setReg(c, RDX, 4, r[3], 0);
}

/** The TSC counts retired instructions (the pc board's 1 GHz virtual
 * clock: one per nanosecond), plus what software wrote to it. */
export function readTsc(c: X86Core): number {
  return Math.floor(c.readTime()) + c.tscOffset;
}

export function rdtsc(c: X86Core, i: number): void {
  const t = readTsc(c);
  setReg(c, RAX, 4, t | 0, 0);
  setReg(c, RDX, 4, Math.floor(t / TWO32) | 0, 0);
  if (c.d.x[i] === 1) setReg(c, RCX, 4, c.tscAux, 0);
}

function addrFromHalves(c: X86Core, lo: number, hi: number): number {
  const v = hi * TWO32 + (lo >>> 0);
  if (!isCanonical(v)) c.gp(0);
  return v;
}

export function rdmsr(c: X86Core, _i: number): void {
  requireCpl0(c);
  const index = c.rl[RCX] >>> 0;
  let lo = 0;
  let hi = 0;
  const split = (v: number): void => {
    lo = v | 0;
    hi = Math.floor(v / TWO32) | 0;
  };
  switch (index) {
    case MSR_EFER:
      lo = c.efer;
      break;
    case MSR_STAR:
      lo = c.starLo;
      hi = c.starHi;
      break;
    case MSR_LSTAR:
      split(c.lstar);
      break;
    case MSR_CSTAR:
      split(c.cstar);
      break;
    case MSR_FMASK:
      lo = c.fmask;
      break;
    case MSR_FS_BASE:
      split(c.fsBase);
      break;
    case MSR_GS_BASE:
      split(c.gsBase);
      break;
    case MSR_KERNEL_GS_BASE:
      split(c.kernelGsBase);
      break;
    case MSR_TSC_AUX:
      lo = c.tscAux;
      break;
    case MSR_TSC:
      split(readTsc(c));
      break;
    case MSR_PAT:
      lo = c.patLo;
      hi = c.patHi;
      break;
    case MSR_APIC_BASE:
      lo = 0xfee0_0900 | 0; // BSP, enabled, at the architectural default
      break;
    case MSR_MISC_ENABLE:
      lo = 1; // fast strings
      break;
    default:
      c.gp(0);
  }
  setReg(c, RAX, 4, lo, 0);
  setReg(c, RDX, 4, hi, 0);
}

export function wrmsr(c: X86Core, _i: number): void {
  requireCpl0(c);
  const index = c.rl[RCX] >>> 0;
  const lo = c.rl[RAX];
  const hi = c.rl[RDX];
  switch (index) {
    case MSR_EFER: {
      const allowed = EFER_SCE | EFER_LME | EFER_NXE;
      if ((lo & ~(allowed | EFER_LMA)) !== 0 || hi !== 0) c.gp(0);
      // LMA is read-only: it follows LME once paging is on.
      let v = lo & allowed;
      if ((v & EFER_LME) !== 0 && (c.cr0 & CR0_PG) !== 0) v |= EFER_LMA;
      c.efer = v;
      c.mmu.flush();
      break;
    }
    case MSR_STAR:
      c.starLo = lo;
      c.starHi = hi;
      break;
    case MSR_LSTAR:
      c.lstar = addrFromHalves(c, lo, hi);
      break;
    case MSR_CSTAR:
      c.cstar = addrFromHalves(c, lo, hi);
      break;
    case MSR_FMASK:
      c.fmask = lo;
      break;
    case MSR_FS_BASE:
      c.fsBase = addrFromHalves(c, lo, hi);
      break;
    case MSR_GS_BASE:
      c.gsBase = addrFromHalves(c, lo, hi);
      break;
    case MSR_KERNEL_GS_BASE:
      c.kernelGsBase = addrFromHalves(c, lo, hi);
      break;
    case MSR_TSC_AUX:
      c.tscAux = lo;
      break;
    case MSR_TSC:
      c.tscOffset = hi * TWO32 + (lo >>> 0) - c.retired;
      break;
    case MSR_PAT:
      c.patLo = lo;
      c.patHi = hi;
      break;
    case MSR_APIC_BASE:
    case MSR_MISC_ENABLE:
      break;
    default:
      c.gp(0);
  }
}

/** mov r64, CRn (x = n) */
export function movFromCr(c: X86Core, i: number): void {
  requireCpl0(c);
  const n = c.d.x[i];
  let v: number;
  switch (n) {
    case 0:
      v = c.cr0 >>> 0;
      break;
    case 2:
      v = c.cr2;
      break;
    case 3:
      v = c.cr3;
      break;
    case 4:
      v = c.cr4;
      break;
    case 8:
      v = c.cr8;
      break;
    default:
      c.raise(EXC_UD);
  }
  setReg(c, c.d.rm[i], 8, v | 0, Math.floor(v / TWO32) | 0);
}

const CR4_SUPPORTED = (1 << 5) | (1 << 7) | (1 << 9) | (1 << 10) | CR4_FSGSBASE | (1 << 2) | (1 << 3);

/** mov CRn, r64 (x = n) */
export function movToCr(c: X86Core, i: number): void {
  requireCpl0(c);
  const r = c.d.rm[i];
  const lo = c.rl[r];
  const hi = c.rh[r];
  switch (c.d.x[i]) {
    case 0: {
      if (hi !== 0) c.gp(0);
      const old = c.cr0;
      c.cr0 = lo | 0x10;
      if (((old ^ c.cr0) & (CR0_PG | (1 << 16))) !== 0) c.mmu.flush();
      if ((c.cr0 & CR0_PG) !== 0 && (c.efer & EFER_LME) !== 0) c.efer |= EFER_LMA;
      else c.efer &= ~EFER_LMA;
      break;
    }
    case 2:
      c.cr2 = hi * TWO32 + (lo >>> 0);
      break;
    case 3:
      c.cr3 = (hi & 0xfffff) * TWO32 + (lo >>> 0);
      c.mmu.flush();
      break;
    case 4:
      if ((lo & ~CR4_SUPPORTED) !== 0 || hi !== 0) c.gp(0);
      c.cr4 = lo;
      c.mmu.flush();
      break;
    case 8:
      c.cr8 = lo & 0xf;
      break;
    default:
      c.raise(EXC_UD);
  }
  c.brk = true;
}

export function movFromDr(c: X86Core, i: number): void {
  requireCpl0(c);
  const v = c.dr[c.d.x[i]];
  setReg(c, c.d.rm[i], 8, v | 0, Math.floor(v / TWO32) | 0);
}

export function movToDr(c: X86Core, i: number): void {
  requireCpl0(c);
  c.dr[c.d.x[i]] = c.getGprNumber(c.d.rm[i]);
}

/** Group 7 memory forms: x = 0 sgdt, 1 sidt, 2 lgdt, 3 lidt. */
export function descriptorTable(c: X86Core, i: number): void {
  if (c.d.rm[i] !== NO_REG) c.raise(EXC_UD);
  const kind = c.d.x[i];
  const a = ea(c, i);
  if (kind >= 2) {
    requireCpl0(c);
    const limit = c.read16(a);
    const lo = c.read32(a + 2);
    const hi = c.read32(a + 6);
    const base = hi * TWO32 + (lo >>> 0);
    if (kind === 2) {
      c.gdtBase = base;
      c.gdtLimit = limit;
    } else {
      c.idtBase = base;
      c.idtLimit = limit;
    }
    return;
  }
  const base = kind === 0 ? c.gdtBase : c.idtBase;
  c.mmu.translate(a + 9, ACCESS_WRITE);
  c.write16(a, kind === 0 ? c.gdtLimit : c.idtLimit);
  c.write64(a + 2, base | 0, Math.floor(base / TWO32) | 0);
}

const tssDesc: SegmentDescriptor = { lo: 0, hi: 0 };

/** Group 6: x = 0 sldt, 1 str, 2 lldt, 3 ltr. */
export function segmentTable(c: X86Core, i: number): void {
  const kind = c.d.x[i];
  if (kind === 0 || kind === 1) {
    const v = kind === 0 ? c.ldtSel : c.trSel;
    const size = c.d.rm[i] === NO_REG ? 2 : c.d.osz[i];
    writeE(c, i, size, v, 0);
    return;
  }
  requireCpl0(c);
  const sel = readE(c, i, 2) & 0xffff;
  if (kind === 2) {
    c.ldtSel = sel;
    return;
  }
  readDescriptor(c, sel, tssDesc);
  const type = (tssDesc.hi >> 8) & 0x1f;
  if (type !== 0x09) c.gp(sel & 0xfffc); // an available 64-bit TSS
  if ((tssDesc.hi & (1 << 15)) === 0) c.raise(11, true, sel & 0xfffc);
  c.trSel = sel;
  c.trBase = systemDescriptorBase(c, sel, tssDesc);
  c.trLimit = descLimit(tssDesc);
  // Mark it busy (type 0xB), as ltr does.
  c.withSupervisor(() => c.write32(c.gdtBase + (sel & ~7) + 4, tssDesc.hi | (2 << 8)));
}

export function invlpg(c: X86Core, i: number): void {
  requireCpl0(c);
  c.mmu.flushPage(ea(c, i));
  c.brk = true;
}

export function swapgs(c: X86Core, _i: number): void {
  requireCpl0(c);
  const t = c.gsBase;
  c.gsBase = c.kernelGsBase;
  c.kernelGsBase = t;
}

/** rdfsbase/rdgsbase/wrfsbase/wrgsbase: x = 0 rdfs, 1 rdgs, 2 wrfs, 3 wrgs. */
export function fsgsBase(c: X86Core, i: number): void {
  if ((c.cr4 & CR4_FSGSBASE) === 0) c.raise(EXC_UD);
  const kind = c.d.x[i];
  const size = c.d.osz[i];
  const r = c.d.rm[i];
  if (kind < 2) {
    const v = kind === 0 ? c.fsBase : c.gsBase;
    setReg(c, r, size, v | 0, Math.floor(v / TWO32) | 0);
    return;
  }
  const v = size === 8 ? addrFromHalves(c, c.rl[r], c.rh[r]) : c.rl[r] >>> 0;
  if (kind === 2) c.fsBase = v;
  else c.gsBase = v;
}

/** I/O permission: CPL <= IOPL, or the TSS bitmap allows the port
 * (SDM vol. 1, 19.5.2). */
export function checkIoPermission(c: X86Core, port: number, size = 1): void {
  if (c.cpl <= (c.flags & IOPL) >> 12) return;
  if (c.trLimit < 0x67) c.gp(0);
  const ok = c.withSupervisor(() => {
    const bitmap = c.read16(c.trBase + 0x66);
    const byte = bitmap + (port >> 3);
    if (byte + 1 > c.trLimit) return false;
    const bits = c.read16(c.trBase + byte);
    return ((bits >> (port & 7)) & ((1 << size) - 1)) === 0;
  });
  if (!ok) c.gp(0);
}

/** in AL/AX/EAX, imm8|DX (x bit 0: port in DX). */
export function inPort(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const port = (c.d.x[i] & 1) !== 0 ? c.rl[RDX] & 0xffff : c.d.imm[i] & 0xff;
  checkIoPermission(c, port, size);
  setReg(c, RAX, size, c.bus.portIn(port, size as 1 | 2 | 4), 0);
}

export function outPort(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const port = (c.d.x[i] & 1) !== 0 ? c.rl[RDX] & 0xffff : c.d.imm[i] & 0xff;
  checkIoPermission(c, port, size);
  c.bus.portOut(port, size as 1 | 2 | 4, getReg(c, RAX, size));
}

/** Flag instructions: x = 0 clc, 1 stc, 2 cmc, 3 cld, 4 std, 5 cli, 6 sti. */
export function flagOp(c: X86Core, i: number): void {
  const kind = c.d.x[i];
  if (kind <= 2) {
    const cf = getCF(c);
    materialize(c);
    c.flags = (c.flags & ~CF) | (kind === 0 ? 0 : kind === 1 ? 1 : cf ^ 1);
    return;
  }
  if (kind === 3) c.flags &= ~DF;
  else if (kind === 4) c.flags |= DF;
  else {
    if (c.cpl > (c.flags & IOPL) >> 12) c.gp(0);
    if (kind === 5) c.flags &= ~IF;
    else if ((c.flags & IF) === 0) {
      c.flags |= IF;
      c.interruptShadowPending = true;
      c.brk = true;
    }
  }
}

/** lahf (x = 0) / sahf (x = 1). */
export function lahfSahf(c: X86Core, i: number): void {
  const bits = SF | ZF | AF | PF | CF;
  if (c.d.x[i] === 0) {
    const f = (readFlags(c) & bits) | 2;
    c.rl[RAX] = (c.rl[RAX] & ~0xff00) | (f << 8);
    return;
  }
  materialize(c);
  c.flags = (c.flags & ~bits) | ((c.rl[RAX] >> 8) & bits);
  c.fop = LazyOp.NONE;
}

/** mov Ew, Sreg (x = segment number). */
export function movFromSeg(c: X86Core, i: number): void {
  if ((c.d.reg[i] & 7) > 5) c.raise(EXC_UD);
  const size = c.d.rm[i] === NO_REG ? 2 : c.d.osz[i];
  writeE(c, i, size, c.sel[c.d.reg[i] & 7], 0);
}

/** mov Sreg, Ew (segment-load.ts has the checks). Loading SS delays
 * interrupts for one instruction. */
export function movToSeg(c: X86Core, i: number): void {
  const n = c.d.reg[i] & 7;
  if (n === 1 || n > 5) c.raise(EXC_UD);
  loadSegment(c, n, readE(c, i, 2) & 0xffff);
  if (n === 2) {
    c.interruptShadowPending = true;
    c.brk = true;
  }
}

export function clts(c: X86Core, _i: number): void {
  requireCpl0(c);
  c.cr0 &= ~CR0_TS;
}

/** wbinvd / invd: privileged no-ops (no caches are modelled). */
export function privilegedNop(c: X86Core, _i: number): void {
  requireCpl0(c);
}

export { readG, writeG };
