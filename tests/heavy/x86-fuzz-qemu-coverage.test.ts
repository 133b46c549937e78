/**
 * Every instruction QEMU's tests/tcg/i386/test-i386.c uses (compiled for
 * x86_64 with the host gcc and disassembled with objdump) must decode, and
 * must be one the differential harness generates (per-row cases or
 * templates). Needs Debian's qemu source: scripts/fetch-qemu-tests.sh (into
 * ~/.cache/jos/qemu-src), `cd /tmp && apt-get source qemu`, or
 * QEMU_SRC=<dir with tests/tcg/i386>.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync } from 'fs';
import { homedir, tmpdir } from 'os';
import { join } from 'path';
import { Decoded } from '../../arch/x86_64/decoded';
import { decodeInstruction } from '../../arch/x86_64/decoder';
import { ROWS } from '../../arch/x86_64/opcode-table';
import { diffRows } from '../x86_64/gen/generate';
import { TEMPLATE_ROWS } from '../x86_64/gen/templates';

const BARE_METAL_COVERED = /^(int Ib|cli |sti |hlt |in AL,DX|out DX,AL|iret |syscall |sysret |lret |insb |outsb )/;
// x87 control-word loads and environment save/restore: covered by the sequences of tests/x86_64/x87.test.ts.
const X87_SEQUENCE_COVERED = /^(fldcw|fnstenv|fldenv|fnsave|frstor) /;

function findSource(): string | null {
  const cache = join(process.env.JOS_CACHE ?? join(homedir(), '.cache', 'jos'), 'qemu-src');
  const candidates = [process.env.QEMU_SRC ?? '', cache];
  for (const dir of ['/tmp', '/tmp/qsrc']) {
    if (!existsSync(dir)) continue;
    for (const d of readdirSync(dir)) if (d.startsWith('qemu-')) candidates.push(join(dir, d));
  }
  return candidates.find((c) => c && existsSync(join(c, 'tests/tcg/i386/test-i386.c'))) ?? null;
}

describe('QEMU test-i386.c instruction coverage', () => {
  it('decodes every instruction and covers it differentially', () => {
    const src = findSource();
    if (src === null) {
      process.stderr.write('qemu source not found (scripts/fetch-qemu-tests.sh, apt-get source qemu in /tmp, or QEMU_SRC): skipped\n');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'jos-qemu-i386-'));
    const obj = join(dir, 'test-i386.o');
    execFileSync('gcc', ['-m64', '-O2', '-c', '-fno-stack-protector', '-fno-pie', '-o', obj, join(src, 'tests/tcg/i386/test-i386.c')], { stdio: 'pipe' });
    const dump = execFileSync('objdump', ['-d', '-w', obj], { maxBuffer: 1 << 28 }).toString();
    const covered = new Set([...diffRows(), ...TEMPLATE_ROWS]);
    const d = new Decoded(1);
    const undecoded = new Map<string, string>();
    const uncovered = new Map<string, string>();
    for (const line of dump.split('\n')) {
      const parts = line.split('\t');
      if (parts.length < 3) continue;
      let bytes = parts[1].trim().split(/\s+/).map((h) => parseInt(h, 16));
      const text = parts[2].trim();
      // objdump folds fwait (9B) into the waiting forms (fstsw = 9B DF E0);
      // the core runs them as two instructions: check both.
      if (bytes[0] === 0x9b && bytes.length > 1) {
        decodeInstruction(d, 0, { byte: (k: number) => (k === 0 ? 0x9b : 0) });
        if (!covered.has(ROWS[d.entry[0]])) uncovered.set('fwait', text);
        bytes = bytes.slice(1);
      }
      decodeInstruction(d, 0, { byte: (k: number) => bytes[k] ?? 0 });
      const row = ROWS[d.entry[0]];
      const mnemonic = text.split(/\s+/)[0];
      if (row.name === '(bad)' || d.len[0] !== bytes.length) undecoded.set(mnemonic, text);
      else if (!covered.has(row)) uncovered.set(`${row.name} ${row.args.join(',')}`, text);
    }
    // Privileged and I/O instructions are checked by the bare-metal tests
    // (tests/x86_64/bare: traps, user, irq), not against ring-3 native code.
    for (const k of [...uncovered.keys()]) if (BARE_METAL_COVERED.test(k) || X87_SEQUENCE_COVERED.test(k)) uncovered.delete(k);
    const report = [
      undecoded.size ? `not decoded: ${[...undecoded.keys()].join(' ')}` : '',
      uncovered.size ? `decoded but not in the differential tests: ${[...uncovered.keys()].join('; ')}` : '',
    ].filter(Boolean);
    if (report.length) throw new Error(report.join('\n'));
  });
});
