/**
 * The clock model at an interactive terminal (docs/clock.md): `jos run` on
 * a pseudo-terminal (util-linux `script`), idle at the shell's prompt, lets
 * the host sleep (under 5 % of a core), and the guest's time keeps to the
 * wall clock's pace while idle: it neither runs ahead (it used to, 435
 * times over) nor stands still.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import { BIN, ROOT, childrenOf, cpuSeconds, haveScript } from '../support/host-io';

jest.setTimeout(120_000);

const IDLE_SECONDS = 6;
const STAMP = /\[ *(\d+\.\d{6})\] /;

/** The jos process under `script` (script -> its shell -> node). */
function findJos(root: number): number | null {
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('jos.js')) return pid;
    } catch {
      continue;
    }
    queue.push(...childrenOf(pid));
  }
  return null;
}

const maybe = haveScript() ? describe : describe.skip;
if (!haveScript()) console.warn('idle-terminal: skipped, util-linux `script` is not installed');

maybe.each(['pc', 'esp32c3'])('idle at a prompt on a terminal, %s board', (board) => {
  test('the host sleeps and idle virtual time follows the wall clock', async () => {
    const command = `exec ${process.execPath} ${BIN} run --board ${board} --log-level debug --color never --append quiet --timeout 60 -- sh`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const seen = (text: string | RegExp): Promise<number> =>
      new Promise((resolve) => {
        const check = () => {
          if (typeof text === 'string' ? out.includes(text) : text.test(out)) {
            child.stdout.off('data', check);
            resolve(performance.now());
          }
        };
        child.stdout.on('data', check);
        check();
      });
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    try {
      const promptAt = await seen('$ ');
      const initLine = /\[ *(\d+\.\d{6})\] info  init: pid 1: \/bin\/sh/.exec(out);
      expect(initLine).not.toBeNull();
      const pid = findJos(child.pid!);
      expect(pid).not.toBeNull();
      const cpu0 = cpuSeconds(pid!);
      const wall0 = performance.now();
      await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
      const cpuShare = (cpuSeconds(pid!) - cpu0) / ((performance.now() - wall0) / 1000);
      expect(cpuShare).toBeLessThan(0.05);

      const sentAt = performance.now();
      child.stdin.write('/usr/libexec/jos-tests/nap 0\r');
      await seen(/debug exec: pid \d+ runs \/usr\/libexec\/jos-tests\/nap/);
      const execLine = new RegExp(STAMP.source + 'debug exec: pid \\d+ runs /usr/libexec/jos-tests/nap').exec(out)!;
      const virtualIdle = Number(execLine[1]) - Number(initLine![1]);
      const wallIdle = (sentAt - promptAt) / 1000;
      expect(Math.abs(virtualIdle - wallIdle)).toBeLessThan(1);
      child.stdin.write('exit\r');
    } finally {
      await new Promise((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.on('close', () => {
          clearTimeout(timer);
          resolve(null);
        });
      });
    }
  });
});
