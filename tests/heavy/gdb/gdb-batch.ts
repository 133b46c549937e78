/**
 * What the gdb-multiarch tests share: the boards and their compilers, a
 * test program built with -g for a board, gdb run in batch mode on a
 * script, and the script's first lines.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const GDB = 'gdb-multiarch';

export const BOARDS = [
  { board: 'pc', cc: 'gcc', flags: ['-fno-pie', '-no-pie', '-fcf-protection=none'] },
  { board: 'esp32c3', cc: 'riscv64-unknown-elf-gcc', flags: ['-march=rv32imc', '-mabi=ilp32'] },
];

const has = (tool: string) => spawnSync('/bin/sh', ['-c', `command -v ${tool}`]).status === 0;

/** The tools that are not installed (the suite is skipped, saying so). */
export function missingTools(): string[] {
  return [GDB, ...BOARDS.map((b) => b.cc)].filter((t) => !has(t));
}

/** Builds tests/heavy/gdb/SOURCE for a board, freestanding, with -g -O0. */
export function buildTarget(source: string, out: string, board: (typeof BOARDS)[number]): void {
  const built = spawnSync(board.cc, ['-g', '-O0', '-static', '-nostdlib', '-ffreestanding', '-fno-stack-protector', ...board.flags, '-o', out, path.join(__dirname, source)], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`${board.cc} failed: ${built.stderr}`);
}

/** Runs gdb in batch mode on `script`; `interruptAfterMs` sends it SIGINT
 * (what Ctrl-C at its prompt does: it interrupts the target). */
export function runGdb(elf: string, script: string, interruptAfterMs?: number): Promise<string> {
  const file = path.join(path.dirname(elf), `script-${Math.random().toString(36).slice(2)}.gdb`);
  fs.writeFileSync(file, script);
  return new Promise((resolve) => {
    const child = spawn(GDB, ['-nx', '-batch', '-x', file, elf], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (t) => (out += t));
    child.stderr.on('data', (t) => (out += t));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const interrupter = interruptAfterMs === undefined ? null : setTimeout(() => child.kill('SIGINT'), interruptAfterMs);
    child.on('close', () => {
      clearTimeout(killer);
      if (interrupter) clearTimeout(interrupter);
      resolve(out);
    });
  });
}

export const PRELUDE = (port: number) => ['set pagination off', 'set confirm off', 'set debuginfod enabled off', `target remote 127.0.0.1:${port}`];

/** gdb commands printing all registers between <tag> and </tag>. */
export const dumpRegisters = (tag: string) => [`echo <${tag}>\\n`, 'info registers', `echo </${tag}>\\n`];

/** The registers a dumpRegisters(tag) printed in `out`. */
export function registerBlock(out: string, tag: string): string {
  const m = new RegExp(`<${tag}>\\n([\\s\\S]*?)</${tag}>`).exec(out);
  if (!m) throw new Error(`no ${tag} in gdb's output:\n${out}`);
  return m[1];
}
