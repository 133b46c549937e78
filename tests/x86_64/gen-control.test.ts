/**
 * The rows of gen/control.ts (jmp, call, ret, push, pop) name the
 * opcode-table rows of the handlers they describe, every such row has
 * one, and all three backends take them from there: the interpreter's
 * cases (one per kind), the JavaScript templates and the wasm lowerings.
 * What the code computes is checked against the host CPU by diff.test.ts
 * and wasm-diff.test.ts (branches, calls and the stack) and the fuzz.
 */
import { CONTROL_ROWS, controlCovers, controlRowOf } from '../../arch/x86_64/gen/control';
import { controlCases, memoryControlCases } from '../../arch/x86_64/gen/interp-control';
import { genWasmProvider } from '../../arch/x86_64/gen/wasm-families';
import { controlTemplateOf } from '../../arch/x86_64/jit/control-templates';
import { templatesForRows } from '../../arch/x86_64/jit/templates';
import { ROWS } from '../../arch/x86_64/opcode-table';
import * as control from '../../arch/x86_64/ops/control';
import * as stack from '../../arch/x86_64/ops/stack';
import { loweringsForRows } from '../../arch/x86_64/wasm/lowerings';

const HANDLER_OF: Record<string, unknown> = {
  'jmp Jb': control.jmpRel,
  'jmp Jz': control.jmpRel,
  'jmp Ev': control.jmpE,
  'call Jz': control.callRel,
  'call Ev': control.callE,
  'ret ': control.ret,
  'ret Iw': control.ret,
  'push Zv': stack.pushE,
  'pop Zv': stack.popE,
};

const keyOf = (r: (typeof ROWS)[number]): string => `${r.name} ${r.args.join(',')}`;

describe('x86_64 control rows (gen/control.ts)', () => {
  it('each row names opcode-table rows of its handler, and every near jmp/call/ret row has a control row', () => {
    const named = CONTROL_ROWS.flatMap((r) => r.rows);
    expect(new Set(named).size).toBe(named.length);
    for (const key of named) {
      const rows = ROWS.filter((r) => keyOf(r) === key);
      expect({ key, found: rows.length > 0 }).toEqual({ key, found: true });
      for (const r of rows) expect({ key, handler: r.fn === HANDLER_OF[key] }).toEqual({ key, handler: true });
    }
    const transfers = [control.jmpRel, control.jmpE, control.callRel, control.callE, control.ret];
    for (const r of ROWS.filter((r) => transfers.includes(r.fn as never))) expect({ row: keyOf(r), has: controlRowOf(r.name, r.args.join(',')) !== undefined }).toEqual({ row: keyOf(r), has: true });
  });

  it('covers 8-byte operands and ret without an immediate; the relative forms at any size', () => {
    const row = (key: string) => CONTROL_ROWS.find((r) => r.rows.includes(key))!;
    expect([controlCovers(row('ret '), 8, 0), controlCovers(row('ret Iw'), 8, 16)]).toEqual([true, false]);
    expect([controlCovers(row('push Zv'), 8, 0), controlCovers(row('push Zv'), 2, 0)]).toEqual([true, false]);
    expect([controlCovers(row('jmp Ev'), 4, 0), controlCovers(row('call Jz'), 4, 0)]).toEqual([false, true]);
  });

  it('every opcode-table row of a control row gets a JavaScript template and a wasm lowering from it', () => {
    const templates = templatesForRows();
    const lowerings = loweringsForRows();
    ROWS.forEach((r, k) => {
      const key = keyOf(r);
      if (controlRowOf(r.name, r.args.join(',')) === undefined) return;
      expect({ key, js: controlTemplateOf(r.name, r.args.join(',')) !== null, table: templates[k] !== null }).toEqual({ key, js: true, table: true });
      expect({ key, wasm: genWasmProvider(r) !== null, table: lowerings[k] !== null }).toEqual({ key, wasm: true, table: true });
    });
  });

  it("the interpreter has one case per row's kind, a transfer ending the block", () => {
    const text = `${controlCases(0)}\n${memoryControlCases(0)}`;
    const kinds = CONTROL_ROWS.flatMap((r) => [r.kinds.reg, r.kinds.mem]).filter((k): k is string => k !== null);
    for (const k of kinds) expect(text.split(`case K.${k}:`).length).toBe(2);
    // call, ret, jmp r/m: `nx = t; k++; break slots` (jmp rel: the shared tail).
    expect(text.match(/nx = t;\n {2}k\+\+;\n {2}break slots;/g)?.length).toBe(4);
    expect(text).toMatch(/case K\.JMP_REL: .*\n {2}break taken;/);
  });
});
