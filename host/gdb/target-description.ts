/**
 * Target descriptions (gdb manual, appendix G "Target Descriptions"): the
 * XML gdb reads through qXfer:features:read:target.xml to learn the
 * architecture and the registers. The remote register numbers (p/P, and the
 * order of the g packet) are the positions in the register list below.
 *
 * Feature and register names are the ones gdb's i386/amd64 and RISC-V code
 * look for; the type definitions are written here.
 */

export interface RegisterDef {
  readonly name: string;
  readonly bits: number;
  readonly type: string;
  readonly group?: string;
  /** The feature this register belongs to. */
  readonly feature: string;
}

export interface TargetDescription {
  /** gdb's architecture name. */
  readonly architecture: string;
  readonly registers: readonly RegisterDef[];
  /** How many leading registers the `g` packet carries (the rest: `p`). */
  readonly gCount: number;
  /** Extra <vector>/<union>/<flags> definitions, per feature. */
  readonly types: Readonly<Record<string, string>>;
}

/** Renders the description as the single target.xml document. */
export function renderTargetXml(d: TargetDescription): string {
  const features: string[] = [];
  for (const reg of d.registers) if (!features.includes(reg.feature)) features.push(reg.feature);
  const parts = ['<?xml version="1.0"?>', '<!DOCTYPE target SYSTEM "gdb-target.dtd">', '<target version="1.0">', `<architecture>${d.architecture}</architecture>`];
  for (const feature of features) {
    parts.push(`<feature name="${feature}">`);
    if (d.types[feature]) parts.push(d.types[feature]);
    d.registers.forEach((reg, regnum) => {
      if (reg.feature !== feature) return;
      const group = reg.group ? ` group="${reg.group}"` : '';
      parts.push(`<reg name="${reg.name}" bitsize="${reg.bits}" type="${reg.type}" regnum="${regnum}"${group}/>`);
    });
    parts.push('</feature>');
  }
  parts.push('</target>');
  return parts.join('\n');
}

// ---- x86_64 ----

const X86_CORE = 'org.gnu.gdb.i386.core';
const X86_SSE = 'org.gnu.gdb.i386.sse';
const X86_SEGMENTS = 'org.gnu.gdb.i386.segments';

/** The GPRs in gdb's amd64 order (not the encoding's). */
export const X86_GPR_NAMES = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
/** The encoding's register number of each gdb GPR above. */
export const X86_GPR_ENCODING = [0, 3, 1, 2, 6, 7, 5, 4, 8, 9, 10, 11, 12, 13, 14, 15];
export const X86_SEGMENT_NAMES = ['cs', 'ss', 'ds', 'es', 'fs', 'gs'];
export const X86_FPU_CONTROL_NAMES = ['fctrl', 'fstat', 'ftag', 'fiseg', 'fioff', 'foseg', 'fooff', 'fop'];

const X86_TYPES: Record<string, string> = {
  [X86_CORE]: [
    '<flags id="x86_eflags" size="4">',
    ...[['CF', 0], ['PF', 2], ['AF', 4], ['ZF', 6], ['SF', 7], ['TF', 8], ['IF', 9], ['DF', 10], ['OF', 11], ['NT', 14], ['RF', 16], ['VM', 17], ['AC', 18], ['VIF', 19], ['VIP', 20], ['ID', 21]]
      .map(([name, bit]) => `<field name="${name}" start="${bit}" end="${bit}"/>`),
    '</flags>',
  ].join(''),
  [X86_SSE]: [
    '<vector id="x86_v4f" type="ieee_single" count="4"/>',
    '<vector id="x86_v2d" type="ieee_double" count="2"/>',
    '<vector id="x86_v16i8" type="int8" count="16"/>',
    '<vector id="x86_v8i16" type="int16" count="8"/>',
    '<vector id="x86_v4i32" type="int32" count="4"/>',
    '<vector id="x86_v2i64" type="int64" count="2"/>',
    '<union id="x86_vec128">',
    '<field name="v4_float" type="x86_v4f"/><field name="v2_double" type="x86_v2d"/>',
    '<field name="v16_int8" type="x86_v16i8"/><field name="v8_int16" type="x86_v8i16"/>',
    '<field name="v4_int32" type="x86_v4i32"/><field name="v2_int64" type="x86_v2i64"/>',
    '<field name="uint128" type="uint128"/>',
    '</union>',
  ].join(''),
};

export const X86_64_DESCRIPTION: TargetDescription = {
  architecture: 'i386:x86-64',
  types: X86_TYPES,
  registers: [
    ...X86_GPR_NAMES.map((name) => ({ name, bits: 64, type: name === 'rsp' || name === 'rbp' ? 'data_ptr' : 'int64', feature: X86_CORE })),
    { name: 'rip', bits: 64, type: 'code_ptr', feature: X86_CORE },
    { name: 'eflags', bits: 32, type: 'x86_eflags', feature: X86_CORE },
    ...X86_SEGMENT_NAMES.map((name) => ({ name, bits: 32, type: 'int32', feature: X86_CORE })),
    ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ name: `st${i}`, bits: 80, type: 'i387_ext', feature: X86_CORE })),
    ...X86_FPU_CONTROL_NAMES.map((name) => ({ name, bits: 32, type: 'int', group: 'float', feature: X86_CORE })),
    ...Array.from({ length: 16 }, (_, i) => ({ name: `xmm${i}`, bits: 128, type: 'x86_vec128', feature: X86_SSE })),
    { name: 'mxcsr', bits: 32, type: 'int', group: 'vector', feature: X86_SSE },
    { name: 'fs_base', bits: 64, type: 'int', feature: X86_SEGMENTS },
    { name: 'gs_base', bits: 64, type: 'int', feature: X86_SEGMENTS },
  ],
  // Everything up to mxcsr, as gdbserver sends it.
  gCount: 16 + 2 + 6 + 8 + 8 + 16 + 1,
};

// ---- riscv32 ----

const RV_CPU = 'org.gnu.gdb.riscv.cpu';
const RV_CSR = 'org.gnu.gdb.riscv.csr';
const RV_VIRTUAL = 'org.gnu.gdb.riscv.virtual';

export const RV_GPR_NAMES = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 'fp', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
];

/** A CSR gdb shows, by its name in the privileged spec, and its number. */
export interface CsrDef {
  readonly name: string;
  readonly number: number;
}

/** The riscv32 description for a hart implementing `csrs`. */
export function riscv32Description(csrs: readonly CsrDef[]): TargetDescription {
  return {
    architecture: 'riscv:rv32',
    types: {},
    registers: [
      ...RV_GPR_NAMES.map((name) => ({ name, bits: 32, type: name === 'sp' || name === 'fp' ? 'data_ptr' : 'int', feature: RV_CPU })),
      { name: 'pc', bits: 32, type: 'code_ptr', feature: RV_CPU },
      ...csrs.map((c) => ({ name: c.name, bits: 32, type: 'int', group: 'csr', feature: RV_CSR })),
      { name: 'priv', bits: 8, type: 'int', group: 'general', feature: RV_VIRTUAL },
    ],
    gCount: 33,
  };
}
