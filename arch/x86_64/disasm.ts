/**
 * The --trace disassembler: renders a decoded slot from its opcode-table row
 * (mnemonic and SDM operand codes), Intel syntax.
 */
import { BASE_RIP, Decoded, NO_REG, PFX_REP, PFX_REPNE, PFX_LOCK } from './decoded';
import { ByteSource, decodeInstruction } from './decoder';
import { ROWS } from './opcode-table';
import { GPR_NAMES } from './registers';

const R32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi'];
const R16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di'];
const R8 = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil'];
const R8H = ['ah', 'ch', 'dh', 'bh'];

export function regName(r: number, size: number): string {
  if (size === 1) {
    if (r >= 16) return R8H[r - 16];
    return r < 8 ? R8[r] : `r${r}b`;
  }
  if (size === 2) return r < 8 ? R16[r] : `r${r}w`;
  if (size === 4) return r < 8 ? R32[r] : `r${r}d`;
  if (size === 16) return `xmm${r}`;
  return GPR_NAMES[r];
}

function hexs(v: number): string {
  return v < 0 ? '-0x' + (-v).toString(16) : '0x' + v.toString(16);
}

function memText(d: Decoded, i: number, nextRip: number, size: number): string {
  const parts: string[] = [];
  const b = d.base[i];
  if (b === BASE_RIP) return `${ptr(size)}[rip${d.disp[i] >= 0 ? '+' : ''}${hexs(d.disp[i])}] ; ${hexs(nextRip + d.disp[i])}`;
  if (b !== NO_REG) parts.push(GPR_NAMES[b]);
  if (d.index[i] !== NO_REG) parts.push(`${GPR_NAMES[d.index[i]]}*${1 << d.scale[i]}`);
  let text = parts.join('+');
  if (d.disp[i] !== 0 || text === '') text += (text && d.disp[i] >= 0 ? '+' : '') + hexs(d.disp[i]);
  const seg = d.seg[i] === 4 ? 'fs:' : d.seg[i] === 5 ? 'gs:' : '';
  return `${ptr(size)}${seg}[${text}]`;
}

function ptr(size: number): string {
  return size === 1 ? 'byte ' : size === 2 ? 'word ' : size === 4 ? 'dword ' : size === 8 ? 'qword ' : size === 16 ? 'xmmword ' : '';
}

function argSize(a: string, osz: number): number {
  const s = a.slice(1);
  if (s === 'b') return 1;
  if (s === 'w') return 2;
  if (s === 'd') return 4;
  if (s === 'q') return 8;
  if (s === 'x' || s === 'ps' || s === 'pd' || s === 'ss' || s === 'sd') return 16;
  return osz;
}

/** Text of slot i, executed at virtual address `rip`. */
export function formatSlot(d: Decoded, i: number, rip: number): string {
  const row = ROWS[d.entry[i]];
  const osz = d.osz[i];
  const next = rip + d.len[i];
  const ops: string[] = [];
  for (const a of row.args) {
    const k = a[0];
    if (a === 'AL') ops.push('al');
    else if (a === 'rAX' || a === 'eAX') ops.push(regName(0, osz === 1 ? 1 : osz));
    else if (a === 'CL' || a === 'DX' || a === '1' || a === 'FS' || a === 'GS') ops.push(a.toLowerCase());
    else if (/^C\d/.test(a)) ops.push('cr' + a.slice(1));
    else if (/^D\d/.test(a)) ops.push('dr' + a.slice(1));
    else if (k === 'E' || k === 'M' || k === 'W' || k === 'R' || k === 'U') {
      const size = k === 'W' || k === 'U' ? 16 : argSize(a, osz);
      if (d.rm[i] !== NO_REG) ops.push(regName(d.rm[i], size === 16 && k === 'E' ? osz : size));
      else ops.push(memText(d, i, next, a === 'M' ? 0 : size));
    } else if (k === 'G') ops.push(regName(d.reg[i], argSize(a, osz)));
    else if (k === 'V') ops.push(`xmm${d.reg[i]}`);
    else if (k === 'S') ops.push(['es', 'cs', 'ss', 'ds', 'fs', 'gs', '?', '?'][d.reg[i] & 7]);
    else if (k === 'Z') ops.push(regName(d.rm[i], argSize(a, osz)));
    else if (k === 'J') ops.push(hexs(next + d.imm[i]));
    else if (k === 'O') ops.push(`[${hexs(d.immHi[i] * 4294967296 + (d.imm[i] >>> 0))}]`);
    else if (a === 'Ib' && row.args[0] === 'Iw') ops.push(hexs(d.disp[i]));
    else if (k === 'I') {
      ops.push(d.immHi[i] !== 0 && d.immHi[i] !== -1 ? '0x' + ((BigInt(d.immHi[i] >>> 0) << 32n) | BigInt(d.imm[i] >>> 0)).toString(16) : hexs(d.imm[i]));
    } else ops.push(a);
  }
  let prefix = '';
  if (d.pfx[i] & PFX_LOCK) prefix += 'lock ';
  if (row.pfx < 0 && d.pfx[i] & PFX_REP) prefix += 'rep ';
  if (row.pfx < 0 && d.pfx[i] & PFX_REPNE) prefix += 'repne ';
  return `${prefix}${row.name}${ops.length ? ' ' + ops.join(', ') : ''}`;
}

class ArrayBytes implements ByteSource {
  constructor(private readonly bytes: Uint8Array, public start: number) {}
  byte(at: number): number {
    const k = this.start + at;
    if (k >= this.bytes.length) throw new Error('truncated instruction');
    return this.bytes[k];
  }
}

/** Disassembles a byte array placed at `address`. */
export function disassembleBytes(bytes: Uint8Array, address: number): string[] {
  const d = new Decoded(1);
  const out: string[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    decodeInstruction(d, 0, new ArrayBytes(bytes, pos));
    out.push(formatSlot(d, 0, address + pos));
    pos += d.len[0];
  }
  return out;
}
