/**
 * Real gdb-multiarch against `jos run --gdb` on both boards, in batch mode:
 * gdb-target.c (built here with -g for each architecture) is debugged with
 * its own debug info: breakpoints (the child's call of add() must not stop:
 * breakpoints belong to the debugged process), locals and arguments, step,
 * finish, a watchpoint on a global catching each writing line, Ctrl-C,
 * info threads, monitor ps, and the exit status; reverse-stepi and
 * reverse-continue (host/gdb/history.ts) against the states seen going
 * forward.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startJosWithGdb } from '../../support/rsp-client';

const SOURCE = path.join(__dirname, 'gdb-target.c');
const BOARDS = [
  { board: 'pc', cc: 'gcc', flags: ['-fno-pie', '-no-pie', '-fcf-protection=none'] },
  { board: 'esp32c3', cc: 'riscv64-unknown-elf-gcc', flags: ['-march=rv32imc', '-mabi=ilp32'] },
];

const has = (tool: string) => spawnSync('/bin/sh', ['-c', `command -v ${tool}`]).status === 0;
const GDB = 'gdb-multiarch';

/** Runs gdb in batch mode on `script`; `interruptAfterMs` sends it SIGINT
 * (what Ctrl-C at its prompt does: it interrupts the target). */
function runGdb(elf: string, script: string, interruptAfterMs?: number): Promise<string> {
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

const PRELUDE = (port: number) => ['set pagination off', 'set confirm off', 'set debuginfod enabled off', `target remote 127.0.0.1:${port}`];

const missing = [GDB, ...BOARDS.map((b) => b.cc)].filter((t) => !has(t));
const suite = missing.length === 0 ? describe : describe.skip;
if (missing.length > 0) {
  // eslint-disable-next-line no-console
  console.warn(`tests/heavy/gdb skipped: ${missing.join(', ')} not installed (Debian: gdb-multiarch gcc-riscv64-unknown-elf)`);
}

suite.each(BOARDS)('gdb-multiarch on the $board board', ({ board, cc, flags }) => {
  let dir = '';
  let elf = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `jos-gdb-${board}-`));
    elf = path.join(dir, 'gdbt');
    const built = spawnSync(cc, ['-g', '-O0', '-static', '-nostdlib', '-ffreestanding', '-fno-stack-protector', ...flags, '-o', elf, SOURCE], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`${cc} failed: ${built.stderr}`);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const start = () =>
    startJosWithGdb(['run', '--board', board, '--clock', 'virtual', '--log-level', 'error', '--append', 'quiet', '--timeout', '90', '--add', `${elf}:/bin/gdbt`, '--gdb', '0', '-S', '--', 'gdbt']);

  test('breakpoints, locals, step, finish, a watchpoint, threads, monitor and the exit status', async () => {
    const run = await start();
    const out = await runGdb(elf, [
      ...PRELUDE(run.port),
      'info threads',
      'break gdb-target.c:57',
      'break add',
      'continue',
      'info locals',
      'step',
      'info args',
      'p $sp != 0',
      'bt',
      'finish',
      'continue',
      'delete',
      'watch counter',
      'continue',
      'continue',
      'delete',
      'info threads',
      'monitor ps',
      'continue',
    ].join('\n'));
    const status = await run.exited;
    // At -S: the program's first instruction.
    expect(out).toMatch(/_start \(\) at .*gdb-target\.c/);
    // The first stop is main's line, not add() in the child forked before it.
    expect(out).toMatch(/Breakpoint 1, main \(\) at .*gdb-target\.c:57/);
    expect(out).not.toMatch(/a=100/);
    expect(out).toMatch(/total = 0/);
    expect(out).toMatch(/add \(a=0, b=1\) at .*gdb-target\.c:49/);
    expect(out).toMatch(/a = 0\nb = 1/);
    expect(out).toMatch(/\$1 = 1/); // the stack pointer is there
    expect(out).toMatch(/#1 .*main \(\) at .*gdb-target\.c:57/);
    expect(out).toMatch(/Value returned is \$2 = 1/);
    expect(out).toMatch(/Breakpoint 2, add \(a=1, b=2\)/);
    // The watchpoint stops after each store, at the line after it.
    expect(out).toMatch(/Old value = 0\nNew value = 10\nmain \(\) at .*gdb-target\.c:59/);
    expect(out).toMatch(/Old value = 10\nNew value = 11\nmain \(\) at .*gdb-target\.c:61/);
    expect(out).toMatch(/\* 1 +Thread 1 "gdbt"/);
    expect(out).toMatch(/\* +1 +0 runnable +gdbt/);
    expect(out).toMatch(/\[Inferior 1 \(Remote target\) exited with code 03\]/);
    expect(status).toBe(3);
    expect(run.stdout()).toContain('counted');
  }, 120_000);

  test('reverse-stepi and reverse-continue: the registers seen going back are those seen going forward', async () => {
    const run = await start();
    const dump = (tag: string) => [`echo <${tag}>\\n`, 'info registers', `echo </${tag}>\\n`];
    const out = await runGdb(elf, [
      ...PRELUDE(run.port),
      'break main',
      'continue',
      ...dump('F0'),
      'stepi',
      ...dump('F1'),
      'stepi',
      ...dump('F2'),
      'stepi',
      ...dump('F3'),
      'reverse-stepi',
      ...dump('B2'),
      'reverse-stepi',
      ...dump('B1'),
      'reverse-stepi',
      ...dump('B0'),
      'break add',
      'continue',
      ...dump('A1'),
      'continue',
      'info args',
      'reverse-continue',
      'info args',
      ...dump('R1'),
      'delete',
      'continue',
    ].join('\n'));
    const status = await run.exited;
    const block = (tag: string) => {
      const m = new RegExp(`<${tag}>\\n([\\s\\S]*?)</${tag}>`).exec(out);
      if (!m) throw new Error(`no ${tag} in gdb's output:\n${out}`);
      return m[1];
    };
    // Three different states going forward...
    expect(block('F1')).not.toBe(block('F0'));
    expect(block('F2')).not.toBe(block('F1'));
    // ...and the same three, register for register, going back.
    expect(block('B2')).toBe(block('F2'));
    expect(block('B1')).toBe(block('F1'));
    expect(block('B0')).toBe(block('F0'));
    // reverse-continue goes back to the earlier hit of the breakpoint.
    expect(out).toMatch(/a = 1\nb = 2\n[\s\S]*a = 0\nb = 1/);
    expect(block('R1')).toBe(block('A1'));
    // After going back, the future is the same: the same exit status.
    expect(out).toMatch(/exited with code 03/);
    expect(status).toBe(3);
    expect(run.stdout()).toContain('counted');
  }, 180_000);

  test('reverse-next and reverse-step go back by lines, into the previous call', async () => {
    const run = await start();
    const out = await runGdb(elf, [...PRELUDE(run.port), 'break add', 'continue', 'continue', 'info args', 'delete', 'break gdb-target.c:50', 'continue', 'reverse-next', 'info args', 'reverse-step', 'info args', 'delete', 'continue'].join('\n'));
    const status = await run.exited;
    // At line 50 of add(1, 2), reverse-next goes back to line 49 of the
    // same call; reverse-step from there goes back into the previous call
    // of add (its last line), as gdb steps backwards into functions.
    expect(out).toMatch(/a = 1\nb = 2\n[\s\S]*\n50\t[^\n]*\n49\t[^\n]*\na = 1\nb = 2\nadd \(a=0, b=1\) at [^\n]*:51\n51\t[^\n]*\na = 0\nb = 1\n/);
    expect(out).toMatch(/exited with code 03/);
    expect(status).toBe(3);
  }, 180_000);

  test('Ctrl-C interrupts a running program; it then runs on to its exit', async () => {
    const run = await start();
    const out = await runGdb(elf, [...PRELUDE(run.port), 'set var spin = 1', 'continue', 'p spin', 'info line *$pc', 'set var spin = 0', 'continue'].join('\n'), 3000);
    const status = await run.exited;
    expect(out).toMatch(/Program received signal SIGINT, Interrupt\./);
    expect(out).toMatch(/\$1 = 1/);
    expect(out).toMatch(/Line 61 of ".*gdb-target\.c"/);
    expect(out).toMatch(/exited with code 03/);
    expect(status).toBe(3);
  }, 120_000);
});
