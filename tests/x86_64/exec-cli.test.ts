/**
 * `jos exec` on x86_64 ELFs through the built CLI: exit status from tohost,
 * --trace (one disassembled line per instruction, stopping exactly at
 * --max-instructions, status 124), and a clear error for a guest that
 * triple-faults.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { runJos } from '../support/run-jos';

const PREBUILT = path.join(__dirname, 'bare', 'prebuilt');

describe('jos exec on x86_64', () => {
  it('runs a bare-metal ELF to its tohost exit status', () => {
    const r = runJos(['exec', path.join(PREBUILT, 'traps.elf')]);
    expect(r.stdout).toBe('PASS\n');
    expect(r.status).toBe(0);
  });

  it('--trace prints each instruction and --max-instructions stops exactly', () => {
    const r = runJos(['exec', path.join(PREBUILT, 'user.elf'), '--trace', '--max-instructions', '4']);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\s*0x[0-9a-f]+: and rsp, -0x10$/);
    expect(lines[1]).toMatch(/: call 0x[0-9a-f]+$/);
    expect(r.stderr).toContain('stopped after 4 instructions');
    expect(r.status).toBe(124);
  });

  it('reports a triple fault (no IDT) with a clear error', () => {
    let hasGcc = true;
    try {
      execFileSync('gcc', ['--version'], { stdio: 'pipe' });
    } catch {
      hasGcc = false;
    }
    if (!hasGcc) return;
    const dir = mkdtempSync(path.join(tmpdir(), 'jos-x86-exec-'));
    const src = path.join(dir, 'ud.S');
    writeFileSync(src, '.globl _start\n_start: ud2\n');
    const elf = path.join(dir, 'ud.elf');
    execFileSync('gcc', ['-nostdlib', '-static', '-no-pie', '-o', elf, src], { stdio: 'pipe' });
    const r = runJos(['exec', elf]);
    expect(r.stderr).toMatch(/triple fault/);
    expect(r.status).toBe(3);
  });
});
