/**
 * The gdb stub over a raw socket (host/gdb): what gdb's first exchange
 * needs, registers and memory of the stopped program, breakpoints that
 * stop it, garbage answered with errors while the machine runs on to the
 * program's exit status. (tests/heavy/gdb drives the real gdb-multiarch.)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RspClient, startJosWithGdb } from '../support/rsp-client';
import { runJos } from '../support/run-jos';

const BOARDS = [
  { board: 'pc', arch: 'i386:x86-64', gBytes: (16 * 8 + 8 + 4 + 6 * 4 + 8 * 10 + 8 * 4 + 16 * 16 + 4), pcReg: 16, pcBytes: 8 },
  { board: 'esp32c3', arch: 'riscv:rv32', gBytes: 33 * 4, pcReg: 32, pcBytes: 4 },
];

function littleEndian(hex: string): number {
  return Number(BigInt('0x' + (hex.match(/../g) ?? []).reverse().join('')));
}

describe.each(BOARDS)('the gdb stub on the $board board', ({ board, arch, gBytes, pcReg, pcBytes }) => {
  test('-S stops at the first instruction; registers, memory, a step, garbage, then the exit status', async () => {
    const run = await startJosWithGdb(['run', '--board', board, '--clock', 'virtual', '--log-level', 'error', '--append', 'quiet', '--timeout', '60', '--gdb', '0', '-S', '--', 'hello']);
    const gdb = await RspClient.connect(run.port);
    try {
      expect(await gdb.request('qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386')).toContain('qXfer:features:read+');
      expect(await gdb.request('?')).toBe('T05thread:1;');
      const xml = await gdb.request('qXfer:features:read:target.xml:0,fffff');
      expect(xml[0]).toBe('l');
      expect(xml).toContain(`<architecture>${arch}</architecture>`);
      expect(await gdb.request('qAttached')).toBe('1');
      expect(await gdb.request('qXfer:threads:read::0,fff')).toMatch(/<thread id="1" name="hello">/);

      // Stopped at the program's entry: pc as g and p see it, the code there readable.
      const g = await gdb.request('g');
      expect(g).toMatch(/^[0-9a-f]+$/);
      expect(g.length).toBe(gBytes * 2);
      const pcHex = await gdb.request(`p${pcReg.toString(16)}`);
      expect(pcHex.length).toBe(pcBytes * 2);
      const pc = littleEndian(pcHex);
      expect(pc).toBeGreaterThan(0);
      const code = await gdb.request(`m${pc.toString(16)},10`);
      expect(code).toMatch(/^[0-9a-f]{32}$/);

      // Garbage: a bad checksum is nacked, malformed packets get errors,
      // unknown ones the empty reply; nothing stops the machine.
      gdb.raw('$g#00');
      gdb.raw('noise between packets');
      expect(await gdb.request('mzz,4')).toBe('E01');
      expect(await gdb.request('Z0,notanaddress,1')).toBe('E01');
      expect(await gdb.request('Pffff=00')).toBe('E02');
      expect(await gdb.request('qNoSuchQuery')).toBe('');
      expect(await gdb.request('vCont;x')).toBe('E01');
      expect(await gdb.request('m0,4')).toBe('E14');
      expect(gdb.acks).toContain('-');

      // A breakpoint one instruction-sequence ahead: step once, break at the new pc.
      gdb.send('vCont;s:1');
      expect(await gdb.reply()).toBe('T05thread:1;');
      const next = littleEndian(await gdb.request(`p${pcReg.toString(16)}`));
      expect(next).not.toBe(pc);

      // Continue: hello prints and exits 0, reported as W00.
      gdb.send('vCont;c');
      expect(await gdb.reply()).toBe('W00');
    } finally {
      gdb.close();
    }
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('Hello, world!');
  }, 90_000);

  test('monitor savesnapshot: a run restored from it goes on as the debugged run did', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `jos-gdb-snapshot-${board}-`));
    const file = path.join(dir, 'stopped.snap');
    const monitor = async (gdb: RspClient, command: string) => Buffer.from(await gdb.request(`qRcmd,${Buffer.from(command).toString('hex')}`), 'hex').toString();
    try {
      const run = await startJosWithGdb(['run', '--board', board, '--clock', 'virtual', '--log-level', 'error', '--append', 'quiet', '--timeout', '60', '--gdb', '0', '-S', '--', 'hello']);
      const gdb = await RspClient.connect(run.port);
      try {
        expect(await gdb.request('?')).toBe('T05thread:1;');
        // (Saved while stepping: the core in precise mode.)
        gdb.send('vCont;s:1');
        expect(await gdb.reply()).toBe('T05thread:1;');
        expect(await monitor(gdb, 'savesnapshot')).toMatch(/^usage: monitor savesnapshot FILE/);
        expect(await monitor(gdb, `savesnapshot ${dir}/no/such/dir/x.snap`)).toMatch(/^cannot save: cannot write/);
        expect(await monitor(gdb, `savesnapshot ${file}`)).toMatch(new RegExp(`^snapshot saved to ${file} at instruction \\d+\n$`));
        gdb.send('vCont;c');
        expect(await gdb.reply()).toBe('W00');
      } finally {
        gdb.close();
      }
      expect(await run.exited).toBe(0);
      // The restored machine runs at full speed (no precise mode saved)
      // and ends as the debugged run did.
      const restored = runJos(['run', '--restore', file, '--timeout', '60'], { timeoutMs: 90_000 });
      expect(restored.stderr).not.toMatch(/error/i);
      expect(restored.stdout).toContain('Hello, world!');
      expect(restored.status).toBe(0);
      // And under gdb again: the snapshot and --gdb go together.
      const again = await startJosWithGdb(['run', '--restore', file, '--timeout', '60', '--gdb', '0', '-S']);
      const gdb2 = await RspClient.connect(again.port);
      try {
        expect(await gdb2.request('?')).toBe('T05thread:1;');
        gdb2.send('vCont;c');
        expect(await gdb2.reply()).toBe('W00');
      } finally {
        gdb2.close();
      }
      expect(await again.exited).toBe(0);
      expect(again.stdout()).toContain('Hello, world!');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('jos exec --gdb', () => {
  test.each([
    ['riscv32', 'tests/riscv/isa/prebuilt/alu.elf', 32, 4],
    ['x86_64', 'tests/x86_64/bare/prebuilt/traps.elf', 16, 8],
  ])('a bare-metal %s program: stopped at its entry point, stepped, run to its tohost status', async (_arch, elf, pcReg, pcBytes) => {
    const run = await startJosWithGdb(['exec', elf, '--gdb', '0', '-S']);
    const gdb = await RspClient.connect(run.port);
    try {
      expect(await gdb.request('?')).toBe('T05thread:1;');
      expect(await gdb.request('qfThreadInfo')).toBe('m1');
      const entry = littleEndian(await gdb.request(`p${pcReg.toString(16)}`));
      expect((await gdb.request(`p${pcReg.toString(16)}`)).length).toBe(pcBytes * 2);
      gdb.send('vCont;s:1');
      expect(await gdb.reply()).toBe('T05thread:1;');
      expect(littleEndian(await gdb.request(`p${pcReg.toString(16)}`))).not.toBe(entry);
      gdb.send('vCont;c');
      expect(await gdb.reply()).toBe('W00');
    } finally {
      gdb.close();
    }
    expect(await run.exited).toBe(0);
  }, 60_000);
});

test('a breakpoint on the kernel trap vector (esp32c3 mtvec) stops in M-mode before the kernel runs, then goes on', async () => {
  const run = await startJosWithGdb(['run', '--board', 'esp32c3', '--clock', 'virtual', '--log-level', 'error', '--append', 'quiet', '--timeout', '60', '--gdb', '0', '-S', '--', 'hello']);
  const gdb = await RspClient.connect(run.port);
  try {
    expect(await gdb.request('?')).toBe('T05thread:1;');
    const xml = await gdb.request('qXfer:features:read:target.xml:0,fffff');
    const regnum = (name: string) => Number(new RegExp(`name="${name}"[^>]*regnum="(\\d+)"`).exec(xml)![1]);
    const mtvec = littleEndian(await gdb.request(`p${regnum('mtvec').toString(16)}`));
    const vector = (mtvec & ~3) >>> 0; // exceptions (ecall from U) go to the base
    expect(await gdb.request(`Z0,${vector.toString(16)},2`)).toBe('OK');
    gdb.send('vCont;c');
    expect(await gdb.reply()).toBe('T05thread:1;swbreak:;');
    expect(littleEndian(await gdb.request(`p${(32).toString(16)}`))).toBe(vector);
    expect(littleEndian(await gdb.request(`p${regnum('priv').toString(16)}`))).toBe(3);
    expect(littleEndian(await gdb.request(`p${regnum('mcause').toString(16)}`))).toBe(8); // ecall from U-mode
    expect(await gdb.request(`z0,${vector.toString(16)},2`)).toBe('OK');
    gdb.send('vCont;c');
    expect(await gdb.reply()).toBe('W00');
  } finally {
    gdb.close();
  }
  expect(await run.exited).toBe(0);
  expect(run.stdout()).toContain('Hello, world!');
}, 60_000);
