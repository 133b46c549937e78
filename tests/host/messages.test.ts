/**
 * The wording of errors a user reads: errno descriptions instead of
 * numbers, addresses as unsigned hex, `jos exec` on a Linux program.
 */
import * as fs from 'fs';
import * as path from 'path';
import { hexAddress } from '../../kernel/lib/hex';
import { errnoText } from '../../kernel/syscall/errno-text';
import { ENOENT, ENOEXEC } from '../../kernel/syscall/errno';
import { systemErrorText } from '../../host/system-error';
import { ROOT, runJos } from '../support/run-jos';

describe('message helpers', () => {
  test('addresses at or above 2^63 (negative as the core hands them over) print unsigned', () => {
    expect(hexAddress(-0x8000_0000_0000)).toBe('0xffff800000000000');
    expect(hexAddress(-1)).toBe('0xffffffffffffffff');
    expect(hexAddress(-0x8000_0000)).toBe('0xffffffff80000000');
    expect(hexAddress(0x401000)).toBe('0x401000');
    expect(hexAddress(0)).toBe('0x0');
  });

  test('errnos read as strerror does; an unknown one keeps its number', () => {
    expect(errnoText(ENOENT)).toBe('No such file or directory');
    expect(errnoText(ENOEXEC)).toBe('Exec format error');
    expect(errnoText(4095)).toBe('errno 4095');
  });

  test("a host system error is its description, not Node's code", () => {
    let error: unknown;
    try {
      fs.readFileSync('/nonexistent/jos-file');
    } catch (e) {
      error = e;
    }
    expect(systemErrorText(error)).toBe('No such file or directory');
    expect(systemErrorText(new Error('plain'))).toBe('plain');
  });
});

describe('messages through the CLI', () => {
  test.each([
    ['x86_64', 'pc'],
    ['riscv32', 'esp32c3'],
  ])('jos exec on a %s Linux program says how to run it on the %s board', (arch, board) => {
    const hello = path.join(ROOT, 'userland', 'prebuilt', arch, 'bin', 'hello');
    const r = runJos(['exec', hello]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is a Linux program');
    expect(r.stderr).toContain(`jos run --board ${board} --add ${hello}:/bin/hello -- hello`);
    expect(r.stderr).not.toMatch(/triple fault|stuck/);
  });

  test('a missing first program names the errno', () => {
    const r = runJos(['run', '--board', 'esp32c3', '--log-level', 'error', '--timeout', '30', '--', 'no-such-program']);
    expect(r.stdout).toMatch(/cannot run \/bin\/no-such-program: No such file or directory$/m);
    expect(r.status).toBe(127);
  });

  test('--add of a missing host file names the errno', () => {
    const r = runJos(['run', '--board', 'pc', '--add', '/nonexistent/jos-file:/bin/x', '--timeout', '5']);
    expect(r.stderr).toMatch(/cannot read \/nonexistent\/jos-file: No such file or directory/);
    expect(r.status).toBe(2);
  });

  test('fault logs print higher-half addresses as unsigned hex', () => {
    const segv = ['/usr/libexec/jos-tests/segv', '/bin/segv'].find((p) => fs.existsSync(path.join(ROOT, 'userland', 'prebuilt', 'x86_64', p)))!;
    const r = runJos(['run', '--board', 'pc', '--log-level', 'debug', '--timeout', '60', '--', segv]);
    expect(r.stdout).toMatch(/segmentation fault: read at 0xffff800000000000 by the instruction at 0x[0-9a-f]+$/m);
    expect(r.stdout).not.toMatch(/0x-/);
  });
});
