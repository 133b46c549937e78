/** The heavy part of the libm comparison with glibc (see
 * tests/userland/libm.test.ts): 3000 arguments per function under
 * qemu-riscv32, and a sample on each JOS board (the boards are emulated:
 * every double operation on esp32c3 is soft-float code under the RISC-V
 * interpreter). Same rules: bit-identical where glibc is exact, within
 * glibc's error elsewhere, errno equal. */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../support/run-jos';
import { buildHostReference } from '../userland/host-reference';
import { checkStats, compareMathcheck, formatStats } from '../userland/libm-compare';
import { guestPath, oracleCommand, runCommand, which } from '../userland/oracle';

const RISCV_COUNT = '3000';
const BOARD_COUNT = '20';
const qemu = which('qemu-riscv32');
if (!qemu) console.warn('libm-boards: skipping riscv32 under qemu: qemu-riscv32 not installed (apt-get install qemu-user)');
const reference = buildHostReference('mathcheck');
const maybe = reference ? test : test.skip;

afterAll(() => {
  if (reference) fs.rmSync(path.dirname(reference), { recursive: true, force: true });
});

(reference && qemu ? test : test.skip)(`riscv32 under qemu: ${RISCV_COUNT} arguments per function`, async () => {
  const [want, got] = await Promise.all([runCommand([reference!, RISCV_COUNT]), runCommand(oracleCommand('riscv32', 'mathcheck', [RISCV_COUNT], qemu!), 600_000)]);
  expect(got.status).toBe(0);
  const stats = compareMathcheck(want.stdout, got.stdout);
  console.log(`libm riscv32 (qemu) vs glibc:\n${formatStats(stats)}`);
  checkStats(stats);
}, 660_000);

describe.each(['pc', 'esp32c3'])('on the %s board', (board) => {
  maybe(`${BOARD_COUNT} arguments per function`, async () => {
    const argv = [process.execPath, path.join(ROOT, 'bin', 'jos.js'), 'run', '--board', board, '--log-level', 'error',
      '--append', 'quiet', '--timeout', '600', '--', guestPath('mathcheck'), BOARD_COUNT];
    const [want, got] = await Promise.all([runCommand([reference!, BOARD_COUNT]), runCommand(argv, 650_000)]);
    const stats = compareMathcheck(want.stdout, got.stdout.replace(/\r\n/g, '\n'));
    console.log(`libm on the ${board} board vs glibc:\n${formatStats(stats)}`);
    checkStats(stats);
  }, 700_000);
});
