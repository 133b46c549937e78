/** JOS's libm against the host's glibc: userland/tests/mathcheck.c runs
 * every <math.h> function on the same pseudo-random and special arguments
 * compiled with glibc (the reference) and as the prebuilt JOS ELFs
 * (natively on x86_64, under qemu-riscv32). The functions glibc computes
 * exactly must agree bit for bit, the others within 1 ulp (JOS's are
 * correctly rounded: where they differ by one ulp, glibc is the one that
 * misrounds); errno and integer results must agree everywhere. The board
 * runs and a bigger riscv32 sample are in tests/heavy/libm-boards.test.ts
 * (npm run test:heavy). */
import * as fs from 'fs';
import * as path from 'path';
import { buildHostReference } from './host-reference';
import { checkStats, compareMathcheck, formatStats } from './libm-compare';
import { oracleCommand, runCommand, which } from './oracle';

const X86_COUNT = '3000';
const RISCV_COUNT = '300';
const qemu = which('qemu-riscv32');
if (!qemu) console.warn('libm: skipping riscv32: qemu-riscv32 not installed (apt-get install qemu-user)');
const reference = buildHostReference('mathcheck');
const maybe = reference ? test : test.skip;

afterAll(() => {
  if (reference) fs.rmSync(path.dirname(reference), { recursive: true, force: true });
});

describe('libm against glibc', () => {
  maybe(`x86_64 natively: ${X86_COUNT} arguments per function`, async () => {
    const [want, got] = await Promise.all([runCommand([reference!, X86_COUNT]), runCommand(oracleCommand('x86_64', 'mathcheck', [X86_COUNT], ''))]);
    expect(got.status).toBe(0);
    const stats = compareMathcheck(want.stdout, got.stdout);
    console.log(`libm x86_64 vs glibc:\n${formatStats(stats)}`);
    checkStats(stats);
  }, 60_000);

  (reference && qemu ? test : test.skip)(`riscv32 under qemu: ${RISCV_COUNT} arguments per function`, async () => {
    const [want, got] = await Promise.all([runCommand([reference!, RISCV_COUNT]), runCommand(oracleCommand('riscv32', 'mathcheck', [RISCV_COUNT], qemu!), 60_000)]);
    expect(got.status).toBe(0);
    const stats = compareMathcheck(want.stdout, got.stdout);
    console.log(`libm riscv32 vs glibc:\n${formatStats(stats)}`);
    checkStats(stats);
  }, 90_000);
});
