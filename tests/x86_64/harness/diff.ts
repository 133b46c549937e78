/**
 * The differential harness: the same generated cases run natively (runner.c,
 * compiled with the host gcc into a temp dir) and on the X86Core; general
 * registers, defined RFLAGS bits, XMM registers, MXCSR and the data block
 * are compared. Faults are compared by class (SIGFPE ~ #DE, SIGILL ~ #UD,
 * SIGSEGV/SIGBUS ~ #GP/#SS/#PF/#AC).
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { X86Core, X86CoreOptions } from '../../../arch/x86_64/core';
import { hostCpuVendor } from '../../../host/host-cpu';
import { Bus } from '../../../platform/bus/bus';
import { AF, CF, OF, PF, SF, ZF } from '../../../arch/x86_64/flags';
import { CODE_ADDR, DATA_ADDR, DATA_SIZE, STATE_SIZE, TestCase, X87_AT } from '../gen/generate';
import { fpu } from '../../../arch/x86_64/ops/x87-state';
import { disassembleBytes } from '../../../arch/x86_64/disasm';

const SIGILL = 4;
const SIGTRAP = 5;
const SIGBUS = 7;
const SIGFPE = 8;
const SIGSEGV = 11;

let runnerPath: string | null = null;

export function compileRunner(): string {
  if (runnerPath) return runnerPath;
  const dir = mkdtempSync(join(tmpdir(), 'jos-x86-diff-'));
  const out = join(dir, 'runner');
  execFileSync('gcc', ['-O1', '-no-pie', '-o', out, join(__dirname, 'runner.c')], { stdio: 'pipe' });
  runnerPath = out;
  return out;
}

export interface Outcome {
  state: Uint8Array;
  data: Uint8Array;
  /** 0, or a signal number (native) / 100 + vector (core). */
  status: number;
}

export function runNative(cases: TestCase[]): Outcome[] {
  const runner = compileRunner();
  const chunks: Buffer[] = [];
  for (const c of cases) {
    const len = Buffer.alloc(4);
    len.writeUInt32LE(c.code.length);
    chunks.push(len, Buffer.from(c.code), Buffer.from(c.state), Buffer.from(c.data));
  }
  const res = spawnSync(runner, [], { input: Buffer.concat(chunks), maxBuffer: 1 << 30 });
  if (res.status !== 0) throw new Error(`native runner failed: status ${res.status} ${res.stderr?.toString()}`);
  const out = res.stdout;
  const per = STATE_SIZE + DATA_SIZE;
  if (out.length !== per * cases.length) throw new Error(`native runner returned ${out.length} bytes, expected ${per * cases.length}`);
  const result: Outcome[] = [];
  for (let k = 0; k < cases.length; k++) {
    const state = new Uint8Array(out.subarray(k * per, k * per + STATE_SIZE));
    const data = new Uint8Array(out.subarray(k * per + STATE_SIZE, (k + 1) * per));
    result.push({ state, data, status: Number(Buffer.from(state).readBigUInt64LE(136)) });
  }
  return result;
}

/** Core options of the two runs every differential test makes: the
 * interpreter alone, and the JIT compiling each block at its first run. */
export const INTERPRETER: X86CoreOptions = { jit: false };
export const JIT_AT_FIRST_RUN: X86CoreOptions = { jit: true, jitThreshold: 0, jitBackend: 'js' };
/** The JIT's wasm backend, compiling each block at its first run. */
export const WASM_AT_FIRST_RUN: X86CoreOptions = { jit: true, jitThreshold: 0, jitBackend: 'wasm' };

/** A core on a 4 MiB flat bus, reused across cases. */
export class CoreRunner {
  readonly bus = new Bus(4 << 20, 'open-bus');
  readonly core: X86Core;
  private vector = -1;

  constructor(options: X86CoreOptions = INTERPRETER) {
    this.bus.mapRam('ram', 0, 4 << 20, 0);
    this.core = new X86Core(this.bus, options);
    // Undefined results (16-bit shld/shrd by 17..31) follow the host's vendor.
    this.core.vendor = hostCpuVendor() ?? this.core.vendor;
    this.core.cr4 |= 1 << 9; // CR4.OSFXSR: SSE enabled
    this.core.onException = (v) => {
      this.vector = v;
      return true;
    };
  }

  run(c: TestCase): Outcome {
    const core = this.core;
    const bus = this.bus;
    bus.u8.set(c.code, CODE_ADDR);
    bus.u8[CODE_ADDR + c.code.length] = 0xf4; // hlt
    bus.noteRamWrite(CODE_ADDR, c.code.length + 1);
    bus.u8.set(c.data, DATA_ADDR);
    bus.noteRamWrite(DATA_ADDR, DATA_SIZE);
    const view = new DataView(c.state.buffer, c.state.byteOffset, STATE_SIZE);
    for (let r = 0; r < 16; r++) core.setGpr(r, view.getBigUint64(r * 8, true));
    core.setRflags(Number(view.getBigUint64(128, true) & 0xffffffffn));
    for (let k = 0; k < 64; k++) core.xmm[k] = view.getInt32(160 + k * 4, true);
    core.mxcsr = view.getUint32(416, true);
    // x87 state as frstor would load it (32-bit layout, SDM vol. 1, figure 8-9).
    const f = fpu(core);
    f.cw = (view.getUint16(X87_AT, true) & 0x1f7f) | 0x40;
    f.sw = view.getUint16(X87_AT + 4, true) & ~0x3800;
    f.top = (view.getUint16(X87_AT + 4, true) >>> 11) & 7;
    f.setTagWord(view.getUint16(X87_AT + 8, true));
    for (let k = 0; k < 8; k++) {
      const p = (f.top + k) & 7;
      f.lo[p] = view.getInt32(X87_AT + 28 + k * 10, true);
      f.hi[p] = view.getInt32(X87_AT + 32 + k * 10, true);
      f.se[p] = view.getUint16(X87_AT + 36 + k * 10, true);
    }
    core.rip = CODE_ADDR;
    core.halted = false;
    this.vector = -1;
    core.run(1000);
    const state = new Uint8Array(STATE_SIZE);
    const out = new DataView(state.buffer);
    for (let r = 0; r < 16; r++) out.setBigUint64(r * 8, core.getGpr(r), true);
    out.setBigUint64(128, BigInt(core.getRflags() >>> 0), true);
    for (let k = 0; k < 64; k++) out.setInt32(160 + k * 4, core.xmm[k], true);
    out.setUint32(416, core.mxcsr, true);
    const g = fpu(core);
    out.setUint16(X87_AT, g.cw, true);
    out.setUint16(X87_AT + 4, g.statusWord(), true);
    out.setUint16(X87_AT + 8, g.tagWord(), true);
    for (let k = 0; k < 8; k++) {
      const p = (g.top + k) & 7;
      out.setInt32(X87_AT + 28 + k * 10, g.lo[p], true);
      out.setInt32(X87_AT + 32 + k * 10, g.hi[p], true);
      out.setUint16(X87_AT + 36 + k * 10, g.se[p], true);
    }
    let status = this.vector >= 0 ? 100 + this.vector : 0;
    if (status === 0 && !core.halted) status = 99; // did not reach the end
    return { state, data: bus.u8.slice(DATA_ADDR, DATA_ADDR + DATA_SIZE), status };
  }
}

function faultClass(status: number): string {
  if (status === 0) return 'none';
  if (status === SIGFPE || status === 100) return '#DE';
  if (status === SIGILL || status === 106) return '#UD';
  if (status === SIGTRAP || status === 103 || status === 101) return '#BP';
  if (status === SIGSEGV || status === SIGBUS || status === 113 || status === 112 || status === 114 || status === 117) return '#GP';
  return `status ${status}`;
}

const ARITH = CF | PF | AF | ZF | SF | OF;

/** Compares one case; returns a description of the differences or null. */
export function compare(c: TestCase, native: Outcome, emu: Outcome): string | null {
  const diffs: string[] = [];
  const nf = faultClass(native.status);
  const ef = faultClass(emu.status);
  if (nf !== ef) diffs.push(`fault: native ${nf}, core ${ef}`);
  if (nf !== 'none' || ef !== 'none') return diffs.length ? describe(c, diffs) : null;
  const n = new DataView(native.state.buffer, native.state.byteOffset, STATE_SIZE);
  const e = new DataView(emu.state.buffer, emu.state.byteOffset, STATE_SIZE);
  const names = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
  for (let r = 0; r < 16; r++) {
    const a = n.getBigUint64(r * 8, true);
    const b = e.getBigUint64(r * 8, true);
    if (a !== b) diffs.push(`${names[r]}: native ${hex(a)} core ${hex(b)}`);
  }
  const mask = ARITH & ~c.undefFlags;
  const fa = Number(n.getBigUint64(128, true)) & mask;
  const fb = Number(e.getBigUint64(128, true)) & mask;
  if (fa !== fb) diffs.push(`rflags&${mask.toString(16)}: native ${fa.toString(16)} core ${fb.toString(16)}`);
  for (let x = 0; x < 16; x++) {
    for (let k = 0; k < 4; k++) {
      const off = 160 + x * 16 + k * 4;
      if (n.getUint32(off, true) !== e.getUint32(off, true)) {
        diffs.push(`xmm${x}: native ${xmmHex(native.state, x)} core ${xmmHex(emu.state, x)}`);
        break;
      }
    }
  }
  if (n.getUint32(416, true) !== e.getUint32(416, true)) {
    diffs.push(`mxcsr: native ${n.getUint32(416, true).toString(16)} core ${e.getUint32(416, true).toString(16)}`);
  }
  // x87: control, status and tag words, and the non-empty registers (empty ones hold stale bits).
  for (const [name, off] of [['fcw', 0], ['fsw', 4], ['ftw', 8]] as const) {
    const a = n.getUint16(X87_AT + off, true);
    const b = e.getUint16(X87_AT + off, true);
    if (a !== b) diffs.push(`${name}: native ${a.toString(16)} core ${b.toString(16)}`);
  }
  const ntw = n.getUint16(X87_AT + 8, true);
  const ntop = (n.getUint16(X87_AT + 4, true) >>> 11) & 7;
  for (let k = 0; k < 8; k++) {
    if (((ntw >>> (((ntop + k) & 7) * 2)) & 3) === 3) continue;
    const o = X87_AT + 28 + k * 10;
    const hexOf = (s: Uint8Array): string => Buffer.from(s.subarray(o, o + 10)).reverse().toString('hex');
    if (hexOf(native.state) !== hexOf(emu.state)) diffs.push(`st(${k}): native ${hexOf(native.state)} core ${hexOf(emu.state)}`);
  }
  for (let k = 0; k < DATA_SIZE; k++) {
    if (native.data[k] !== emu.data[k]) {
      diffs.push(`data+${k}: native ${native.data[k].toString(16)} core ${emu.data[k].toString(16)}`);
      break;
    }
  }
  return diffs.length ? describe(c, diffs) : null;
}

function xmmHex(s: Uint8Array, x: number): string {
  return Buffer.from(s.subarray(160 + x * 16, 176 + x * 16)).reverse().toString('hex');
}

function hex(v: bigint): string {
  return '0x' + v.toString(16);
}

function describe(c: TestCase, diffs: string[]): string {
  const bytes = Buffer.from(c.code).toString('hex');
  let dis = '';
  try {
    dis = disassembleBytes(c.code, CODE_ADDR).join('; ');
  } catch (err) {
    dis = `(disassembly failed: ${(err as Error).message})`;
  }
  const view = new DataView(c.state.buffer, c.state.byteOffset, STATE_SIZE);
  const regs: string[] = [];
  for (let r = 0; r < 16; r++) regs.push(view.getBigUint64(r * 8, true).toString(16));
  return `${dis}  [${bytes}]\n  in: ${regs.join(' ')} fl=${view.getBigUint64(128, true).toString(16)}\n  ${diffs.join('\n  ')}`;
}

/** Runs `cases` both ways; returns the failure descriptions. */
export function runDifferential(cases: TestCase[], core = new CoreRunner()): string[] {
  const native = runNative(cases);
  const failures: string[] = [];
  for (let k = 0; k < cases.length; k++) {
    const emu = core.run(cases[k]);
    const d = compare(cases[k], native[k], emu);
    if (d) failures.push(d);
  }
  return failures;
}
