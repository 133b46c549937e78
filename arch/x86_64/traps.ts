/**
 * Event delivery in IA-32e mode (SDM vol. 3, 6.14): interrupt and trap
 * gates from the IDT, the TSS.RSP0-2 / IST stack switch, the 64-bit frame
 * (SS, RSP, RFLAGS, CS, RIP, error code), iretq, syscall and sysretq
 * (SDM vol. 2, SYSCALL/SYSRET). Faults during delivery escalate to #DF, and
 * a fault while delivering #DF is a triple fault (an error on the host).
 */
import type { X86Core } from './core';
import { FAULT } from './fault';
import { readDescriptor, descPresent, descDpl, descIsCode, descLong, SegmentDescriptor } from './descriptors';
import { AC, IF, IOPL, NT, RF, TF, readFlags, WRITABLE, LazyOp } from './flags';
import { EFER_SCE, EXC_DF, EXC_GP, EXC_NP, EXC_PF, EXC_UD, RCX, RSP, TWO32, isCanonical } from './registers';

export class TripleFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TripleFault';
  }
}

const CS = 1;
const SS = 2;
const scratch: SegmentDescriptor = { lo: 0, hi: 0 };

function ripText(v: number): string {
  return '0x' + (v < 0 ? (BigInt(v) & 0xffffffffffffffffn).toString(16) : v.toString(16));
}

function contributory(v: number): boolean {
  return v === 0 || (v >= 10 && v <= 13);
}

/** Delivers vector through the IDT. `software` marks int n / int3 (gate DPL
 * is checked); returnRip is the RIP pushed in the frame. */
export function deliverEvent(c: X86Core, vector: number, hasCode: boolean, code: number, software: boolean, returnRip: number): void {
  try {
    deliver(c, vector, hasCode, code, software, returnRip);
  } catch (e) {
    if (e !== FAULT) throw e;
    // A fault while starting int n / int3 is reported at that instruction.
    if (software) throw e;
    const second = c.excVector;
    if (vector === EXC_DF) {
      throw new TripleFault(`triple fault: exception ${second} while delivering #DF (first event: vector ${vector} at rip ${ripText(c.rip)})`);
    }
    const escalate =
      !software &&
      ((contributory(vector) && contributory(second)) || (vector === EXC_PF && (contributory(second) || second === EXC_PF)));
    if (escalate) deliverEvent(c, EXC_DF, true, 0, false, returnRip);
    else deliverEvent(c, second, c.excHasCode, c.excCode, false, returnRip);
  }
}

function deliver(c: X86Core, vector: number, hasCode: boolean, code: number, software: boolean, returnRip: number): void {
  const ext = software ? 0 : 1;
  if (vector * 16 + 15 > c.idtLimit) c.gp(vector * 8 + 2 + ext);
  const gateAddr = c.idtBase + vector * 16;
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  c.withSupervisor(() => {
    w0 = c.read32(gateAddr);
    w1 = c.read32(gateAddr + 4);
    w2 = c.read32(gateAddr + 8);
  });
  const type = (w1 >> 8) & 0xf;
  if (type !== 0xe && type !== 0xf) c.gp(vector * 8 + 2 + ext);
  if (software && ((w1 >> 13) & 3) < c.cpl) c.gp(vector * 8 + 2);
  if ((w1 & (1 << 15)) === 0) c.raise(EXC_NP, true, vector * 8 + 2 + ext);
  const selector = (w0 >>> 16) & 0xffff;
  const target = w2 * TWO32 + (((w1 & 0xffff0000) | (w0 & 0xffff)) >>> 0);
  const ist = w1 & 7;
  readDescriptor(c, selector, scratch);
  if (!descIsCode(scratch) || !descLong(scratch)) c.gp(selector & 0xfffc);
  if (!descPresent(scratch)) c.raise(EXC_NP, true, selector & 0xfffc);
  const newCpl = descDpl(scratch);
  if (newCpl > c.cpl) c.gp(selector & 0xfffc);
  if (!isCanonical(target)) c.gp(0);

  const oldRsp = c.getGprNumber(RSP);
  const oldSs = c.sel[SS];
  let rsp = oldRsp;
  let ss = oldSs;
  if (newCpl < c.cpl || ist !== 0) {
    const off = ist !== 0 ? 0x24 + 8 * (ist - 1) : 4 + 8 * newCpl;
    rsp = c.withSupervisor(() => {
      const lo = c.read32(c.trBase + off);
      const hi = c.read32(c.trBase + off + 4);
      return hi * TWO32 + (lo >>> 0);
    });
    if (newCpl < c.cpl) ss = newCpl; // a null selector with RPL = new CPL
  }
  rsp = Math.floor(rsp / 16) * 16; // aligned down to 16 (SDM vol. 3, 6.14.2)
  const flags = readFlags(c);
  const oldCpl = c.cpl;
  c.setCpl(newCpl);
  try {
    c.withSupervisor(() => {
      rsp = push8(c, rsp, oldSs, 0);
      rsp = push8(c, rsp, oldRsp | 0, Math.floor(oldRsp / TWO32) | 0);
      rsp = push8(c, rsp, flags, 0);
      rsp = push8(c, rsp, c.sel[CS], 0);
      rsp = push8(c, rsp, returnRip | 0, Math.floor(returnRip / TWO32) | 0);
      if (hasCode) rsp = push8(c, rsp, code, 0);
    });
  } catch (e) {
    c.setCpl(oldCpl);
    throw e;
  }
  c.setGprNumber(RSP, rsp);
  c.sel[CS] = (selector & 0xfffc) | newCpl;
  c.sel[SS] = ss;
  let f = flags & ~(TF | NT | RF | (1 << 17));
  if (type === 0xe) f &= ~IF;
  c.flags = f;
  c.fop = LazyOp.NONE;
  c.rip = target;
  c.halted = false;
  c.brk = true;
}

function push8(c: X86Core, rsp: number, lo: number, hi: number): number {
  const a = rsp - 8;
  c.write64(a, lo, hi);
  return a;
}

/** iret (x = operand size 8 for iretq, 4 for iretd). */
export function iret(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  let rsp = c.getGprNumber(RSP);
  const rd = (): number => {
    const v = size === 8 ? c.read64(rsp) : c.read32(rsp) >>> 0;
    const value = size === 8 ? c.hi * TWO32 + (v >>> 0) : v;
    rsp += size;
    return value;
  };
  const newRip = rd();
  const cs = rd() & 0xffff;
  const flags = rd();
  const newRsp = rd();
  const ss = rd() & 0xffff;
  const rpl = cs & 3;
  if (rpl < c.cpl) c.gp(cs & 0xfffc);
  readDescriptor(c, cs, scratch);
  if (!descIsCode(scratch)) c.gp(cs & 0xfffc);
  if (!descLong(scratch)) throw new Error('iret to compatibility mode is not supported by this core');
  if (!descPresent(scratch)) c.raise(EXC_NP, true, cs & 0xfffc);
  if (!isCanonical(newRip)) c.gp(0);
  if (rpl === 3 && (ss & 3) !== 3) c.gp(ss & 0xfffc);
  // Which flags iret may change (SDM vol. 2, IRET: IOPL at CPL 0 only, IF
  // when CPL <= IOPL).
  let writable = WRITABLE | (1 << 19) | (1 << 20);
  if (c.cpl > 0) writable &= ~IOPL;
  if (c.cpl > ((c.flags & IOPL) >> 12)) writable &= ~IF;
  const old = readFlags(c);
  c.flags = (old & ~writable) | (flags & writable) | 2;
  c.fop = LazyOp.NONE;
  c.setCpl(rpl);
  c.sel[CS] = cs;
  c.sel[SS] = ss;
  c.setGprNumber(RSP, newRsp);
  c.nextRip = newRip;
  c.brk = true;
  if ((c.flags & TF) !== 0) c.requestStop(); // single-step from the next instruction
  void AC;
}

const MSR_STAR_SYSCALL_CS_SHIFT = 0; // STAR[47:32] is starHi & 0xffff
const RFLAGS_SYSRET_MASK = 0x3c7fd7;

/** syscall (SDM vol. 2, SYSCALL). */
export function syscall(c: X86Core, _i: number): void {
  if ((c.efer & EFER_SCE) === 0) c.raise(EXC_UD);
  const ret = c.nextRip;
  c.rl[RCX] = ret | 0;
  c.rh[RCX] = Math.floor(ret / TWO32) | 0;
  const flags = readFlags(c) & ~RF;
  c.rl[11] = flags;
  c.rh[11] = 0;
  c.flags = (flags & ~c.fmask & ~RF) | 2;
  c.fop = LazyOp.NONE;
  const cs = (c.starHi >>> MSR_STAR_SYSCALL_CS_SHIFT) & 0xffff;
  c.sel[CS] = cs & 0xfffc;
  c.sel[SS] = (cs + 8) & 0xfffc;
  c.setCpl(0);
  c.nextRip = c.lstar;
  c.brk = true;
}

/** sysret (REX.W: to 64-bit mode). */
export function sysret(c: X86Core, i: number): void {
  if ((c.efer & EFER_SCE) === 0) c.raise(EXC_UD);
  if (c.cpl !== 0) c.gp(0);
  if (c.d.osz[i] !== 8) throw new Error('sysret to compatibility mode is not supported by this core');
  const target = c.getGprNumber(RCX);
  if (!isCanonical(target)) c.gp(0);
  const base = (c.starHi >>> 16) & 0xffff;
  c.sel[CS] = ((base + 16) & 0xfffc) | 3;
  c.sel[SS] = ((base + 8) & 0xfffc) | 3;
  c.flags = (c.rl[11] & RFLAGS_SYSRET_MASK) | 2;
  c.fop = LazyOp.NONE;
  c.setCpl(3);
  c.nextRip = target;
  c.brk = true;
  if ((c.flags & TF) !== 0) c.requestStop(); // single-step from the next instruction
}

export { EXC_GP };
