/**
 * The interpreter's warm-up program (arch/x86_64/interpreter-warmup.*):
 * the committed bytes are what its source assembles to, it runs to its
 * final #GP, and it takes every inline form the interpreter has, so V8
 * sees every case of runBlocks before optimizing it.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Bus } from '../../platform/bus/bus';
import { X86Core } from '../../arch/x86_64/core';
import { runWarmUpProgram } from '../../arch/x86_64/interpreter-warmup';
import { WARMUP_CODE_AT, WARMUP_CODE_HEX } from '../../arch/x86_64/interpreter-warmup-code';

const ROOT = join(__dirname, '..', '..');

/** name -> value of every member of fast-kinds.ts's const enum K. */
function kindsFromSource(): Map<string, number> {
  const src = readFileSync(join(ROOT, 'arch', 'x86_64', 'fast-kinds.ts'), 'utf8');
  const body = src.slice(src.indexOf('export const enum K {'));
  const members = body.slice(body.indexOf('{') + 1, body.indexOf('\n}')).replace(/\/\*\*[\s\S]*?\*\//g, '');
  const kinds = new Map<string, number>();
  let next = 0;
  for (const part of members.split(/[,\n]/)) {
    const m = /^\s*([A-Z0-9_]+)\s*(?:=\s*(\d+))?\s*$/.exec(part);
    if (!m) continue;
    const value = m[2] !== undefined ? Number(m[2]) : next;
    kinds.set(m[1], value);
    next = value + 1;
  }
  return kinds;
}

describe('x86_64 interpreter warm-up', () => {
  it('the committed bytes are what scripts/build-interpreter-warmup.sh makes of the source', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'jos-warmup-')), 'code.ts');
    execFileSync(join(ROOT, 'scripts', 'build-interpreter-warmup.sh'), [out]);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(ROOT, 'arch', 'x86_64', 'interpreter-warmup-code.ts'), 'utf8'));
  });

  it('runs to its final #GP and takes every inline form', () => {
    const c = runWarmUpProgram((bus) => new X86Core(bus, { jit: false }));
    const codeLength = WARMUP_CODE_HEX.length / 2;
    expect(c.excVector).toBe(13);
    expect(c.rip).toBe(WARMUP_CODE_AT + codeLength - 3); // mov eax, [rax]; hlt
    const seen = new Set<number>();
    for (let id = 0; id < c.cache.builds; id++) {
      const first = c.cache.blkFirst[id];
      for (let k = 0; k < c.cache.blkCount[id]; k++) seen.add(c.d.word[first + k] & 0xff);
    }
    const missing = [...kindsFromSource()].filter(([name, value]) => name !== 'FIRST_MEM' && !seen.has(value)).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('is left out with JOS_NO_WARM_UP=1 (to measure it), and runs once per process otherwise', () => {
    const saved = process.env.JOS_NO_WARM_UP;
    try {
      for (const [env, made] of [['1', 0], [undefined, 1]] as const) {
        if (env === undefined) delete process.env.JOS_NO_WARM_UP;
        else process.env.JOS_NO_WARM_UP = env;
        jest.isolateModules(() => {
          const w = require('../../arch/x86_64/interpreter-warmup') as typeof import('../../arch/x86_64/interpreter-warmup');
          const make = jest.fn((bus: Bus) => new X86Core(bus, { jit: false }));
          w.warmUpInterpreter(make);
          w.warmUpInterpreter(make);
          expect({ env, warm: w.interpreterWarm(), made: make.mock.calls.length }).toEqual({ env, warm: true, made });
        });
      }
    } finally {
      if (saved === undefined) delete process.env.JOS_NO_WARM_UP;
      else process.env.JOS_NO_WARM_UP = saved;
    }
  });
});
