/**
 * x86_64 registers for gdb (target-description.ts order), read from and
 * written to either the running core (the thread is on the CPU in ring 3)
 * or a thread's saved context (it is not).
 */
import type { X86Core } from '../../arch/x86_64/core';
import { X87 } from '../../arch/x86_64/ops/x87-state';
import type { X86UserContext } from '../../arch/x86_64/supervisor/user-context';
import { ThreadRegisters, addressToU64, fromLeBytes, leBytes, u64ToAddress } from './register-bytes';
import { X86_64_DESCRIPTION, X86_GPR_ENCODING } from './target-description';

const RIP = 16;
const EFLAGS = 17;
const SEG0 = 18;
const ST0 = 24;
const FCTRL = 32;
const XMM0 = 40;
const MXCSR = 56;
const FS_BASE = 57;
const GS_BASE = 58;
/** The user selectors every JOS process runs with (GDT layout of the
 * x86_64 supervisor): cs, ss, ds, es, fs, gs. */
const USER_SELECTORS = [0x23, 0x1b, 0x1b, 0x1b, 0x1b, 0x1b];

/** What both the core and a saved context hold, in the core's layout. */
interface X86State {
  rl: Int32Array;
  rh: Int32Array;
  xmm: Int32Array;
  mxcsr: number;
}

export class X86Registers implements ThreadRegisters {
  /** `context` null: the live core. */
  constructor(
    private readonly core: X86Core,
    private readonly context: X86UserContext | null,
  ) {}

  private get state(): X86State {
    return this.context ?? this.core;
  }

  private get fpu(): X87 {
    const f = (this.context ? this.context.fpu : this.core.fpu) as X87 | null;
    return f ?? new X87();
  }

  read(n: number): Buffer | null {
    const s = this.state;
    const c = this.context;
    if (n < 16) {
      const r = X86_GPR_ENCODING[n];
      return leBytes((BigInt(s.rh[r] >>> 0) << 32n) | BigInt(s.rl[r] >>> 0), 64);
    }
    if (n === RIP) return leBytes(addressToU64(c ? c.rip : this.core.rip), 64);
    if (n === EFLAGS) return leBytes(BigInt(c ? c.rflags : this.core.getRflags()), 32);
    if (n < ST0) return leBytes(BigInt(c ? USER_SELECTORS[n - SEG0] : this.core.sel[segmentIndex(n - SEG0)]), 32);
    if (n < FCTRL) {
      const f = this.fpu;
      const p = (f.top + n - ST0) & 7;
      const out = Buffer.alloc(10);
      out.writeInt32LE(f.lo[p], 0);
      out.writeInt32LE(f.hi[p], 4);
      out.writeUInt16LE(f.se[p] & 0xffff, 8);
      return out;
    }
    if (n < XMM0) return leBytes(BigInt(this.fpuControl(n - FCTRL)), 32);
    if (n < MXCSR) {
      const out = Buffer.alloc(16);
      for (let i = 0; i < 4; i++) out.writeInt32LE(s.xmm[(n - XMM0) * 4 + i], i * 4);
      return out;
    }
    if (n === MXCSR) return leBytes(BigInt(s.mxcsr), 32);
    if (n === FS_BASE) return leBytes(addressToU64(c ? c.fsBase : this.core.fsBase), 64);
    if (n === GS_BASE) return leBytes(addressToU64(c ? 0 : this.core.gsBase), 64);
    return null;
  }

  write(n: number, bytes: Uint8Array): boolean {
    const def = X86_64_DESCRIPTION.registers[n];
    if (def === undefined || bytes.length !== def.bits / 8) return false;
    const s = this.state;
    const c = this.context;
    const v = fromLeBytes(bytes);
    if (n < 16) {
      const r = X86_GPR_ENCODING[n];
      s.rl[r] = Number(v & 0xffffffffn) | 0;
      s.rh[r] = Number(v >> 32n) | 0;
    } else if (n === RIP) {
      if (c) c.rip = u64ToAddress(v);
      else this.core.rip = u64ToAddress(v);
    } else if (n === EFLAGS) {
      if (c) c.rflags = Number(v);
      else this.core.setRflags(Number(v));
    } else if (n < ST0) {
      return false; // segment registers are the kernel's business
    } else if (n < FCTRL) {
      const f = (c ? c.fpu : this.core.fpu) as X87 | null;
      if (f === null) return false;
      const p = (f.top + n - ST0) & 7;
      const b = Buffer.from(bytes);
      f.lo[p] = b.readInt32LE(0);
      f.hi[p] = b.readInt32LE(4);
      f.se[p] = b.readUInt16LE(8);
    } else if (n < XMM0) {
      const f = (c ? c.fpu : this.core.fpu) as X87 | null;
      if (f === null) return false;
      const value = Number(v);
      if (n === FCTRL) f.cw = value & 0xffff;
      else if (n === FCTRL + 1) {
        f.top = (value >>> 11) & 7;
        f.sw = value & 0xffff & ~(7 << 11);
      } else return false;
    } else if (n < MXCSR) {
      const b = Buffer.from(bytes);
      for (let i = 0; i < 4; i++) s.xmm[(n - XMM0) * 4 + i] = b.readInt32LE(i * 4);
    } else if (n === MXCSR) {
      s.mxcsr = Number(v) & 0xffff;
    } else if (n === FS_BASE) {
      if (c) c.fsBase = u64ToAddress(v);
      else this.core.fsBase = u64ToAddress(v);
    } else return false;
    return true;
  }

  /** fctrl fstat ftag fiseg fioff foseg fooff fop. */
  private fpuControl(i: number): number {
    const f = this.fpu;
    switch (i) {
      case 0:
        return f.cw;
      case 1:
        return f.statusWord();
      case 2:
        return f.tagWord();
      case 3:
        return f.fcs;
      case 4:
        return f.fip >>> 0;
      case 5:
        return f.fds;
      case 6:
        return f.fdp >>> 0;
      default:
        return f.fop;
    }
  }
}

/** gdb's cs ss ds es fs gs to the core's ES CS SS DS FS GS slots. */
function segmentIndex(gdbIndex: number): number {
  return [1, 2, 3, 0, 4, 5][gdbIndex];
}
