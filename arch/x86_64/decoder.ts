/**
 * Instruction decoding (SDM vol. 2, ch. 2): legacy prefixes, REX, opcode
 * maps, ModRM/SIB/displacement, immediates, into one Decoded slot. Rows come
 * from opcode-table.ts. Only 64-bit mode is decoded today; the mode is an
 * explicit input (DecodeMode) so 32-bit and real mode can be added by
 * changing the default operand/address sizes and the REX/0x40-0x4F rule.
 */
import { AM_BASE, AM_BASE_INDEX, AM_GENERAL, AM_RIP, BASE_RIP, Decoded, NO_REG, PFX_ASZ, PFX_LOCK, PFX_OSZ, PFX_REP, PFX_REPNE, PFX_REX } from './decoded';
import { BY_OPCODE, OpcodeRow, ROWS } from './opcode-table';
import { UD_ROW, TOO_LONG_ROW } from './handlers';

export interface ByteSource {
  /** Byte `at` bytes after the instruction's first byte. */
  byte(at: number): number;
}

export const MODE_64 = 64;

const MAX_LENGTH = 15;

function simdPrefix(rep: number, osz: boolean): number {
  if (rep !== 0) return rep;
  return osz ? 0x66 : 0;
}

function selectRow(list: OpcodeRow[], reg: number, mod: number, modrm: number, simd: number): OpcodeRow | null {
  for (let k = 0; k < list.length; k++) {
    const r = list[k];
    if (r.ext >= 0 && r.ext !== reg) continue;
    if (r.modrm >= 0 && r.modrm !== modrm) continue;
    if (r.pfx >= 0 && r.pfx !== simd) continue;
    if (r.mod === 'mem' && mod === 3) continue;
    if (r.mod === 'reg' && mod !== 3) continue;
    if (r.modrm < 0 && r.ext < 0 && r.hasModrm === false && list.length > 1 && r.pfx < 0 && k < list.length - 1) {
      // fall through: plain rows match anything
    }
    return r;
  }
  return null;
}

/** Decodes one instruction into slot `i`; an undecodable one becomes a #UD
 * (or #GP for > 15 bytes) row that faults when executed. */
export function decodeInstruction(d: Decoded, i: number, src: ByteSource, _mode = MODE_64): void {
  let pos = 0;
  let pfx = 0;
  let seg = 0;
  let rex = 0;
  let rep = 0;
  let b = 0;
  for (;;) {
    if (pos >= MAX_LENGTH) return finish(d, i, TOO_LONG_ROW, pos);
    b = src.byte(pos);
    if (b === 0x66) pfx |= PFX_OSZ;
    else if (b === 0x67) pfx |= PFX_ASZ;
    else if (b === 0xf0) pfx |= PFX_LOCK;
    else if (b === 0xf2 || b === 0xf3) rep = b;
    else if (b === 0x64) seg = 4;
    else if (b === 0x65) seg = 5;
    else if (b === 0x26 || b === 0x2e || b === 0x36 || b === 0x3e) {
      // ES/CS/SS/DS overrides are ignored in 64-bit mode.
    } else if ((b & 0xf0) === 0x40) {
      rex = b;
      pos++;
      if (pos >= MAX_LENGTH) return finish(d, i, TOO_LONG_ROW, pos);
      b = src.byte(pos);
      if (isLegacyPrefix(b)) {
        rex = 0; // a REX not immediately before the opcode is ignored
        continue;
      }
      break;
    } else break;
    pos++;
  }
  if (rep === 0xf3) pfx |= PFX_REP;
  else if (rep === 0xf2) pfx |= PFX_REPNE;
  if (rex !== 0) pfx |= PFX_REX;
  pos++;
  let map = 0;
  if (b === 0x0f) {
    map = 1;
    b = src.byte(pos++);
    if (b === 0x38) {
      map = 2;
      b = src.byte(pos++);
    } else if (b === 0x3a) {
      map = 3;
      b = src.byte(pos++);
    }
  }
  const list = BY_OPCODE[map * 256 + b];
  if (list.length === 0) return finish(d, i, UD_ROW, pos);
  const rexW = (rex & 8) !== 0;
  const rexR = (rex & 4) << 1;
  const rexX = (rex & 2) << 2;
  const rexB = (rex & 1) << 3;
  const simd = simdPrefix(rep, (pfx & PFX_OSZ) !== 0);

  let modrm = -1;
  let mod = 0;
  let reg = 0;
  let rmField = 0;
  if (list[0].hasModrm) {
    modrm = src.byte(pos++);
    mod = modrm >> 6;
    reg = (modrm >> 3) & 7;
    rmField = modrm & 7;
  }
  const r = selectRow(list, reg, mod, modrm, simd);
  if (r === null) return finish(d, i, UD_ROW, pos);

  // Operand size (SDM vol. 2, 2.2.1.2 and table 2-4).
  const osz16 = (pfx & PFX_OSZ) !== 0 && (r.pfx !== 0x66);
  let osz: number;
  switch (r.size) {
    case 'b':
      osz = 1;
      break;
    case 'v':
      osz = rexW ? 8 : osz16 ? 2 : 4;
      break;
    case 'd64':
      osz = osz16 ? 2 : 8;
      break;
    case 'f64':
    case 'q':
      osz = 8;
      break;
    case 'w':
      osz = 2;
      break;
    case 'd':
      osz = 4;
      break;
    case 'y':
      osz = rexW ? 8 : 4;
      break;
    default:
      osz = 16;
  }

  d.reg[i] = reg | rexR;
  d.rm[i] = NO_REG;
  d.base[i] = NO_REG;
  d.index[i] = NO_REG;
  d.scale[i] = 0;
  d.disp[i] = 0;
  if (modrm >= 0) {
    if (mod === 3) {
      d.rm[i] = rmField | rexB;
    } else {
      // Memory operand.
      let base = rmField;
      if (rmField === 4) {
        const sib = src.byte(pos++);
        const scale = sib >> 6;
        const index = ((sib >> 3) & 7) | rexX;
        base = sib & 7;
        if (index !== 4) {
          d.index[i] = index;
          d.scale[i] = scale;
        }
        if (base === 5 && mod === 0) {
          d.base[i] = NO_REG;
          d.disp[i] = disp32(src, pos);
          pos += 4;
        } else d.base[i] = base | rexB;
      } else if (rmField === 5 && mod === 0) {
        d.base[i] = BASE_RIP;
        d.disp[i] = disp32(src, pos);
        pos += 4;
      } else d.base[i] = base | rexB;
      if (mod === 1) {
        d.disp[i] = (src.byte(pos++) << 24) >> 24;
      } else if (mod === 2) {
        d.disp[i] = disp32(src, pos);
        pos += 4;
      }
    }
  }
  if (r.opReg >= 0) d.rm[i] = r.opReg | rexB;

  // Byte registers without REX: 4..7 are AH, CH, DH, BH.
  const args = r.args;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (rex === 0) {
      if ((a === 'Eb' || a === 'Zb') && d.rm[i] !== NO_REG && d.rm[i] >= 4 && d.rm[i] < 8) d.rm[i] += 12;
      else if (a === 'Gb' && d.reg[i] >= 4 && d.reg[i] < 8) d.reg[i] += 12;
    }
    if ((a === 'AL' || a === 'rAX' || a === 'eAX') && k === 0 && modrm < 0 && r.opReg < 0) d.rm[i] = 0;
  }

  // Immediates.
  let imm = r.imm ?? 0;
  let immHi = imm < 0 ? -1 : 0;
  let second = -1;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    let v: number | null = null;
    switch (a) {
      case 'Ib':
        v = src.byte(pos++);
        break;
      case 'Ibs':
      case 'Jb':
        v = (src.byte(pos++) << 24) >> 24;
        break;
      case 'Iw':
        v = src.byte(pos) | (src.byte(pos + 1) << 8);
        pos += 2;
        break;
      case 'Iz':
        if (osz === 2) {
          v = ((src.byte(pos) | (src.byte(pos + 1) << 8)) << 16) >> 16;
          pos += 2;
        } else {
          v = disp32(src, pos);
          pos += 4;
        }
        break;
      case 'Jz':
        v = disp32(src, pos);
        pos += 4;
        break;
      case 'Iv':
        if (osz === 8) {
          imm = disp32(src, pos);
          immHi = disp32(src, pos + 4);
          pos += 8;
          continue;
        }
        if (osz === 2) {
          v = src.byte(pos) | (src.byte(pos + 1) << 8);
          pos += 2;
        } else {
          v = disp32(src, pos);
          pos += 4;
        }
        break;
      case 'Ob':
      case 'Ov':
        if ((pfx & PFX_ASZ) !== 0) {
          imm = disp32(src, pos);
          immHi = 0;
          pos += 4;
        } else {
          imm = disp32(src, pos);
          immHi = disp32(src, pos + 4);
          pos += 8;
        }
        continue;
      default:
        continue;
    }
    if (second < 0 && v !== null && k > 0 && args[0] === 'Iw') {
      second = v; // enter Iw, Ib: the nesting level
      continue;
    }
    imm = v;
    immHi = v < 0 ? -1 : 0;
  }
  if (pos > MAX_LENGTH) return finish(d, i, TOO_LONG_ROW, pos);
  d.imm[i] = imm;
  d.immHi[i] = immHi;
  if (second >= 0) d.disp[i] = second;
  d.osz[i] = osz;
  d.seg[i] = seg;
  d.pfx[i] = pfx;
  let am = AM_GENERAL;
  if (seg === 0 && (pfx & PFX_ASZ) === 0 && d.rm[i] === NO_REG) {
    const base = d.base[i];
    if (base === BASE_RIP) am = AM_RIP;
    else if (base !== NO_REG) am = d.index[i] === NO_REG ? AM_BASE : AM_BASE_INDEX;
  }
  d.amode[i] = am;
  d.x[i] = r.x ?? 0;
  finish(d, i, r, pos);
  if (r.spec) d.op[i] = handlerFor(r.index, osz, r.hasModrm && d.rm[i] === NO_REG);
}

function finish(d: Decoded, i: number, r: OpcodeRow, len: number): void {
  d.op[i] = HANDLER_INDEX[r.index];
  d.entry[i] = r.index;
  d.len[i] = len > 15 ? 15 : len;
}

function disp32(src: ByteSource, pos: number): number {
  return src.byte(pos) | (src.byte(pos + 1) << 8) | (src.byte(pos + 2) << 16) | (src.byte(pos + 3) << 24);
}

function isLegacyPrefix(b: number): boolean {
  return (
    b === 0x66 || b === 0x67 || b === 0xf0 || b === 0xf2 || b === 0xf3 ||
    b === 0x26 || b === 0x2e || b === 0x36 || b === 0x3e || b === 0x64 || b === 0x65
  );
}

import { HANDLER_INDEX, handlerFor } from './handlers';
export { ROWS };
