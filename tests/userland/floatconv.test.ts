/** printf's %e %f %g %a and strtod/strtof of the JOS libc against the
 * host's glibc: userland/tests/floatconv.c, compiled for the host with
 * glibc, prints the reference; the prebuilt ELFs must print the same bytes
 * natively (x86_64), under qemu-riscv32 and on both JOS boards (a smaller
 * sample there: the boards are emulated). */
import * as fs from 'fs';
import * as path from 'path';
import { buildHostReference, firstDifference } from './host-reference';
import { guestPath, oracleCommand, runCommand, which } from './oracle';
import { ROOT } from '../support/run-jos';

const COUNT = '3000';
const BOARD_COUNT = '100';
const qemu = which('qemu-riscv32');
if (!qemu) console.warn('floatconv: skipping riscv32: qemu-riscv32 not installed (apt-get install qemu-user)');
const reference = buildHostReference('floatconv');
const maybe = reference ? test : test.skip;

afterAll(() => {
  if (reference) fs.rmSync(path.dirname(reference), { recursive: true, force: true });
});

async function expected(count: string): Promise<string> {
  const r = await runCommand([reference!, count]);
  expect(r.status).toBe(0);
  return r.stdout;
}

describe('floatconv against glibc', () => {
  maybe('x86_64 natively prints what glibc prints', async () => {
    const [want, got] = await Promise.all([expected(COUNT), runCommand(oracleCommand('x86_64', 'floatconv', [COUNT], ''))]);
    expect(want).toMatch(/^round trips: 0 failed$/m);
    expect(firstDifference(want, got.stdout)).toBeNull();
    expect(got.status).toBe(0);
  }, 60_000);

  (reference && qemu ? test : test.skip)('riscv32 under qemu prints what glibc prints', async () => {
    const [want, got] = await Promise.all([expected(COUNT), runCommand(oracleCommand('riscv32', 'floatconv', [COUNT], qemu!), 60_000)]);
    expect(firstDifference(want, got.stdout)).toBeNull();
    expect(got.status).toBe(0);
  }, 90_000);

  describe.each(['pc', 'esp32c3'])('on the %s board', (board) => {
    maybe('prints what glibc prints (smaller sample)', async () => {
      const argv = [process.execPath, path.join(ROOT, 'bin', 'jos.js'), 'run', '--board', board, '--log-level', 'error',
        '--append', 'quiet', '--timeout', '120', '--', guestPath('floatconv'), BOARD_COUNT];
      const [want, got] = await Promise.all([expected(BOARD_COUNT), runCommand(argv, 150_000)]);
      expect(firstDifference(want, got.stdout.replace(/\r\n/g, '\n'))).toBeNull();
    }, 160_000);
  });
});
