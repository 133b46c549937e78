/**
 * Reverse execution during a replay (`jos run --replay FILE --gdb PORT`,
 * host/replay/replay-gdb.ts) with real gdb-multiarch on both boards:
 * replay-target.c reads two lines typed one after the other (recorded with
 * --record), and gdb goes back and forth through the replayed run:
 * reverse-stepi gives back the registers seen going forward,
 * reverse-continue stops at the earlier hit of a breakpoint (before the
 * second line was read) and at the last write of a watched global, and the
 * replay still ends as recorded (same status, no divergence, the output
 * printed once).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startJosWithGdb } from '../../support/rsp-client';
import { ROOT } from '../../support/run-jos';
import { BOARDS, PRELUDE, buildTarget, dumpRegisters, missingTools, registerBlock, runGdb } from './gdb-batch';

const suite = missingTools().length === 0 ? describe : describe.skip;

/** Records a run of the program that gets "hello\n", then (once the
 * first line has been echoed) "world\n", then the end of its input. */
function record(board: string, elf: string, file: string): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const args = ['run', '--board', board, '--clock', 'virtual', '--log-level', 'error', '--append', 'quiet', '--timeout', '60', '--record', file, '--add', `${elf}:/bin/rt`, '--', 'rt'];
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'jos.js'), ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let second = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (t: string) => {
      stdout += t;
      if (!second && stdout.includes('hello')) {
        second = true;
        child.stdin.end('world\n');
      }
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout }));
    child.stdin.write('hello\n');
  });
}

suite.each(BOARDS)('reverse execution in a replay on the $board board', (target) => {
  const { board } = target;
  let dir = '';
  let elf = '';
  let recording = '';
  let recorded: { status: number | null; stdout: string };
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `jos-gdb-replay-${board}-`));
    elf = path.join(dir, 'rt');
    buildTarget('replay-target.c', elf, target);
    recording = path.join(dir, 'rt.jsonl');
    recorded = await record(board, elf, recording);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('stepping back gives the registers seen forward; reverse-continue stops at an earlier breakpoint and at a watchpoint in the past', async () => {
    // The recording: two reads, the sum of the folded lines as the status.
    expect(recorded.stdout).toContain('folded');
    expect(recorded.status).not.toBe(0);
    const run = await startJosWithGdb(['run', '--replay', recording, '--gdb', '0', '-S']);
    const out = await runGdb(elf, [
      ...PRELUDE(run.port),
      'break fold',
      'continue',
      'info args',
      ...dumpRegisters('A1'),
      'stepi',
      ...dumpRegisters('F1'),
      'stepi',
      ...dumpRegisters('F2'),
      'reverse-stepi',
      ...dumpRegisters('B1'),
      'reverse-stepi',
      ...dumpRegisters('B0'),
      'continue',
      'info args',
      'reverse-continue',
      'info args',
      ...dumpRegisters('R1'),
      'delete',
      'watch total',
      'continue',
      'continue',
      'reverse-continue',
      'p chunks',
      'delete',
      'continue',
    ].join('\n'));
    const status = await run.exited;
    const block = (tag: string) => registerBlock(out, tag);
    // The first call folds the first line, the second the second.
    expect(out).toMatch(/Breakpoint 1, fold \(text=[^\n]*"hello\\n[^\n]*n=6\)/);
    expect(out).toMatch(/text = [^\n]*"world\\n[^\n]*\nn = 6\n/);
    expect(block('F1')).not.toBe(block('A1'));
    expect(block('F2')).not.toBe(block('F1'));
    expect(block('B1')).toBe(block('F1'));
    expect(block('B0')).toBe(block('A1'));
    // reverse-continue from the second call: back at the first one, before
    // the second line was read, with every register as it was.
    expect(out).toMatch(/"world\\n[\s\S]*\nn = 6\n[\s\S]*text = [^\n]*"hello\\n[^\n]*\nn = 6\n/);
    expect(block('R1')).toBe(block('A1'));
    // The watchpoint going forward, then back to the last write.
    const first = /Old value = 0\nNew value = (-?\d+)\n/.exec(out);
    expect(first).not.toBeNull();
    const second = new RegExp(`Old value = ${first![1]}\\nNew value = (-?\\d+)\\n`).exec(out);
    expect(second).not.toBeNull();
    expect(out).toMatch(new RegExp(`Old value = ${second![1]}\\nNew value = ${first![1]}\\n[^\\n]*main \\(\\) at [^\\n]*replay-target\\.c:22\\n`));
    expect(out).toMatch(/\$1 = 1\n/);
    // The run then ends as recorded: its status, its output once.
    expect(out).toMatch(new RegExp(`exited with code 0?${(recorded.status! & 0xff).toString(8)}\\]`));
    expect(status).toBe(recorded.status);
    expect(run.stdout().split('folded').length - 1).toBe(1);
    expect(run.stderr()).toMatch(/replay: \d+ recorded events reproduced/);
  }, 180_000);
});
