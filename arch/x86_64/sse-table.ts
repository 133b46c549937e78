/**
 * SSE/SSE2 rows of the opcode table (kept apart to keep opcode-table.ts
 * readable): [encoding, mnemonic, operands, handler, options]. V is the xmm
 * register of ModRM.reg, W an xmm register or memory, U an xmm register.
 */
import type { Handler, RowOptions } from './opcode-table';
import * as mv from './ops/sse-move';
import * as pi from './ops/sse-int';
import * as fl from './ops/sse-float';

export const SSE_ROWS: [string, string, string, Handler, RowOptions?][] = [];
const X: RowOptions = { size: 'x' };
function r(enc: string, name: string, args: string, fn: Handler, opts: RowOptions = {}): void {
  SSE_ROWS.push([enc, name, args, fn, { size: 'x', ...opts }]);
}

// Moves.
r('0F 10', 'movups', 'V,W', mv.movLoad128, { x: 0 });
r('66 0F 10', 'movupd', 'V,W', mv.movLoad128, { x: 0 });
r('F3 0F 10', 'movss', 'V,W', mv.movScalarLoad, { x: 4 });
r('F2 0F 10', 'movsd', 'V,W', mv.movScalarLoad, { x: 8 });
r('0F 11', 'movups', 'W,V', mv.movStore128, { x: 0 });
r('66 0F 11', 'movupd', 'W,V', mv.movStore128, { x: 0 });
r('F3 0F 11', 'movss', 'W,V', mv.movScalarStore, { x: 4 });
r('F2 0F 11', 'movsd', 'W,V', mv.movScalarStore, { x: 8 });
r('0F 28', 'movaps', 'V,W', mv.movLoad128, { x: 1 });
r('66 0F 28', 'movapd', 'V,W', mv.movLoad128, { x: 1 });
r('0F 29', 'movaps', 'W,V', mv.movStore128, { x: 1 });
r('66 0F 29', 'movapd', 'W,V', mv.movStore128, { x: 1 });
r('66 0F 6F', 'movdqa', 'V,W', mv.movLoad128, { x: 1 });
r('F3 0F 6F', 'movdqu', 'V,W', mv.movLoad128, { x: 0 });
r('66 0F 7F', 'movdqa', 'W,V', mv.movStore128, { x: 1 });
r('F3 0F 7F', 'movdqu', 'W,V', mv.movStore128, { x: 0 });
r('0F 2B', 'movntps', 'M,V', mv.movStore128, { x: 1, mod: 'mem' });
r('66 0F 2B', 'movntpd', 'M,V', mv.movStore128, { x: 1, mod: 'mem' });
r('66 0F E7', 'movntdq', 'M,V', mv.movStore128, { x: 1, mod: 'mem' });
r('0F C3', 'movnti', 'My,Gy', mv.movnti, { size: 'y', mod: 'mem' });
r('66 0F 6E', 'movd', 'V,Ey', mv.movdToXmm, { size: 'y' });
r('66 0F 7E', 'movd', 'Ey,V', mv.movdFromXmm, { size: 'y' });
r('F3 0F 7E', 'movq', 'V,W', mv.movqLoad);
r('66 0F D6', 'movq', 'W,V', mv.movqStore);
r('0F 12', 'movlps', 'V,W', mv.movHalfLoad, { x: 0 }); // movhlps with a register
r('66 0F 12', 'movlpd', 'V,M', mv.movHalfLoad, { x: 0, mod: 'mem' });
r('0F 16', 'movhps', 'V,W', mv.movHalfLoad, { x: 1 }); // movlhps with a register
r('66 0F 16', 'movhpd', 'V,M', mv.movHalfLoad, { x: 1, mod: 'mem' });
r('0F 13', 'movlps', 'M,V', mv.movHalfStore, { x: 0, mod: 'mem' });
r('66 0F 13', 'movlpd', 'M,V', mv.movHalfStore, { x: 0, mod: 'mem' });
r('0F 17', 'movhps', 'M,V', mv.movHalfStore, { x: 1, mod: 'mem' });
r('66 0F 17', 'movhpd', 'M,V', mv.movHalfStore, { x: 1, mod: 'mem' });
r('66 0F D7', 'pmovmskb', 'Gd,U', mv.moveMask, { x: 1, mod: 'reg' });
r('0F 50', 'movmskps', 'Gd,U', mv.moveMask, { x: 4, mod: 'reg' });
r('66 0F 50', 'movmskpd', 'Gd,U', mv.moveMask, { x: 8, mod: 'reg' });

// Logic.
const LOGIC: [number, string][] = [[0x54, 'and'], [0x55, 'andn'], [0x56, 'or'], [0x57, 'xor']];
LOGIC.forEach(([code, name], k) => {
  const h = code.toString(16).toUpperCase();
  r(`0F ${h}`, `${name}ps`, 'V,W', mv.logic128, { x: k });
  r(`66 0F ${h}`, `${name}pd`, 'V,W', mv.logic128, { x: k });
});
r('66 0F DB', 'pand', 'V,W', mv.logic128, { x: 0 });
r('66 0F DF', 'pandn', 'V,W', mv.logic128, { x: 1 });
r('66 0F EB', 'por', 'V,W', mv.logic128, { x: 2 });
r('66 0F EF', 'pxor', 'V,W', mv.logic128, { x: 3 });

// Packed integer arithmetic (x = operation number in sse-int.ts).
const PARITH: [string, string][] = [
  ['FC', 'paddb'], ['FD', 'paddw'], ['FE', 'paddd'], ['D4', 'paddq'],
  ['F8', 'psubb'], ['F9', 'psubw'], ['FA', 'psubd'], ['FB', 'psubq'],
  ['EC', 'paddsb'], ['ED', 'paddsw'], ['E8', 'psubsb'], ['E9', 'psubsw'],
  ['DC', 'paddusb'], ['DD', 'paddusw'], ['D8', 'psubusb'], ['D9', 'psubusw'],
  ['DA', 'pminub'], ['DE', 'pmaxub'], ['EA', 'pminsw'], ['EE', 'pmaxsw'],
  ['E0', 'pavgb'], ['E3', 'pavgw'],
  ['74', 'pcmpeqb'], ['75', 'pcmpeqw'], ['76', 'pcmpeqd'], ['64', 'pcmpgtb'], ['65', 'pcmpgtw'], ['66', 'pcmpgtd'],
  ['D5', 'pmullw'], ['E5', 'pmulhw'], ['E4', 'pmulhuw'], ['F4', 'pmuludq'], ['F5', 'pmaddwd'], ['F6', 'psadbw'],
];
PARITH.forEach(([code, name], k) => r(`66 0F ${code}`, name, 'V,W', pi.packedArith, { x: k }));
const PSHUF: [string, string][] = [
  ['60', 'punpcklbw'], ['61', 'punpcklwd'], ['62', 'punpckldq'], ['6C', 'punpcklqdq'],
  ['68', 'punpckhbw'], ['69', 'punpckhwd'], ['6A', 'punpckhdq'], ['6D', 'punpckhqdq'],
  ['63', 'packsswb'], ['6B', 'packssdw'], ['67', 'packuswb'],
];
PSHUF.forEach(([code, name], k) => r(`66 0F ${code}`, name, 'V,W', pi.packedShuffle, { x: k }));
const PSHIFT: [string, string, number][] = [
  ['D1', 'psrlw', 0], ['D2', 'psrld', 1], ['D3', 'psrlq', 2], ['E1', 'psraw', 3], ['E2', 'psrad', 4],
  ['F1', 'psllw', 5], ['F2', 'pslld', 6], ['F3', 'psllq', 7],
];
PSHIFT.forEach(([code, name, k]) => r(`66 0F ${code}`, name, 'V,W', pi.packedShiftXmm, { x: k }));
const PSHIFTI: [string, string, number][] = [
  ['71 /2', 'psrlw', 0], ['71 /4', 'psraw', 3], ['71 /6', 'psllw', 5],
  ['72 /2', 'psrld', 1], ['72 /4', 'psrad', 4], ['72 /6', 'pslld', 6],
  ['73 /2', 'psrlq', 2], ['73 /3', 'psrldq', 8], ['73 /6', 'psllq', 7], ['73 /7', 'pslldq', 9],
];
PSHIFTI.forEach(([code, name, k]) => r(`66 0F ${code}`, name, 'U,Ib', pi.packedShiftImm, { x: k, mod: 'reg' }));
r('66 0F 70', 'pshufd', 'V,W,Ib', pi.pshuf, { x: 0 });
r('F3 0F 70', 'pshufhw', 'V,W,Ib', pi.pshuf, { x: 1 });
r('F2 0F 70', 'pshuflw', 'V,W,Ib', pi.pshuf, { x: 2 });
r('66 0F C5', 'pextrw', 'Gd,U,Ib', pi.pextrw, { mod: 'reg' });
r('66 0F C4', 'pinsrw', 'V,Ew,Ib', pi.pinsrw);

// Floating point arithmetic: x = op | form << 4 (0 ps, 1 pd, 2 ss, 3 sd).
const FP: [string, string, number][] = [
  ['58', 'add', 0], ['5C', 'sub', 1], ['59', 'mul', 2], ['5E', 'div', 3], ['51', 'sqrt', 4], ['5D', 'min', 5], ['5F', 'max', 6],
];
const FORMS: [string, string, number][] = [['', 'ps', 0], ['66 ', 'pd', 1], ['F3 ', 'ss', 2], ['F2 ', 'sd', 3]];
for (const [code, name, op] of FP) {
  for (const [p, suffix, form] of FORMS) r(`${p}0F ${code}`, name + suffix, 'V,W', fl.fpArith, { x: op | (form << 4) });
}
for (const [p, suffix, form] of FORMS) r(`${p}0F C2`, 'cmp' + suffix, 'V,W,Ib', fl.fpCompare, { x: form << 4 });
r('0F 2E', 'ucomiss', 'V,W', fl.fpComi, { x: 0 });
r('66 0F 2E', 'ucomisd', 'V,W', fl.fpComi, { x: 2 });
r('0F 2F', 'comiss', 'V,W', fl.fpComi, { x: 1 });
r('66 0F 2F', 'comisd', 'V,W', fl.fpComi, { x: 3 });

// Conversions.
r('F3 0F 2A', 'cvtsi2ss', 'V,Ey', fl.cvtSiTo, { x: 0, size: 'y' });
r('F2 0F 2A', 'cvtsi2sd', 'V,Ey', fl.cvtSiTo, { x: 1, size: 'y' });
r('F3 0F 2C', 'cvttss2si', 'Gy,W', fl.cvtToSi, { x: 1, size: 'y' });
r('F2 0F 2C', 'cvttsd2si', 'Gy,W', fl.cvtToSi, { x: 3, size: 'y' });
r('F3 0F 2D', 'cvtss2si', 'Gy,W', fl.cvtToSi, { x: 0, size: 'y' });
r('F2 0F 2D', 'cvtsd2si', 'Gy,W', fl.cvtToSi, { x: 2, size: 'y' });
r('F3 0F 5A', 'cvtss2sd', 'V,W', fl.cvtFloat, { x: 0 });
r('F2 0F 5A', 'cvtsd2ss', 'V,W', fl.cvtFloat, { x: 1 });
r('0F 5A', 'cvtps2pd', 'V,W', fl.cvtFloat, { x: 2 });
r('66 0F 5A', 'cvtpd2ps', 'V,W', fl.cvtFloat, { x: 3 });
r('0F 5B', 'cvtdq2ps', 'V,W', fl.cvtPacked, { x: 0 });
r('66 0F 5B', 'cvtps2dq', 'V,W', fl.cvtPacked, { x: 1 });
r('F3 0F 5B', 'cvttps2dq', 'V,W', fl.cvtPacked, { x: 2 });
r('F3 0F E6', 'cvtdq2pd', 'V,W', fl.cvtPacked, { x: 3 });
r('F2 0F E6', 'cvtpd2dq', 'V,W', fl.cvtPacked, { x: 4 });
r('66 0F E6', 'cvttpd2dq', 'V,W', fl.cvtPacked, { x: 5 });

// Shuffles and unpacks of floats.
r('0F C6', 'shufps', 'V,W,Ib', fl.shufp, { x: 0 });
r('66 0F C6', 'shufpd', 'V,W,Ib', fl.shufp, { x: 1 });
r('0F 14', 'unpcklps', 'V,W', fl.unpckp, { x: 0 });
r('0F 15', 'unpckhps', 'V,W', fl.unpckp, { x: 1 });
r('66 0F 14', 'unpcklpd', 'V,W', fl.unpckp, { x: 2 });
r('66 0F 15', 'unpckhpd', 'V,W', fl.unpckp, { x: 3 });

// State.
r('0F AE /0', 'fxsave', 'M', fl.fxsaveRestore, { x: 0, mod: 'mem', size: 'v', noDiff: true });
r('0F AE /1', 'fxrstor', 'M', fl.fxsaveRestore, { x: 1, mod: 'mem', size: 'v', noDiff: true });
r('0F AE /2', 'ldmxcsr', 'Md', fl.mxcsrOp, { x: 0, mod: 'mem', size: 'v', noDiff: true });
r('0F AE /3', 'stmxcsr', 'Md', fl.mxcsrOp, { x: 1, mod: 'mem', size: 'v', noDiff: true });

void X;
