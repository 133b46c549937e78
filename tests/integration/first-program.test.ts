/**
 * The first program, as `jos run --board B -- PROGRAM` starts it: its exit
 * status becomes jos's, a signal gives 128 + the signal, and a program the
 * kernel cannot run is a clear error, not a crash.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, runJos, runJosInteractive, shellOnConsole } from '../support/run-jos';

const quiet = ['--log-level', 'error', '--append', 'quiet', '--timeout', '30'];

describe.each(['pc', 'esp32c3'])('on the %s board', (board) => {
  const otherArch = board === 'pc' ? 'riscv32' : 'x86_64';

  test('the first program runs with its arguments and its status is the exit status', () => {
    const r = runJos(['run', '--board', board, ...quiet, '--', 'hello']);
    expect(r.stdout).toBe('Hello, world!\r\n');
    expect(r.status).toBe(0);
  });

  test('in the shell, ^C ends the running program, not the shell; exit N is the status', async () => {
    const r = await runJosInteractive(shellOnConsole(board), [
      { after: 'jos:/$ ', send: 'cat\n' },
      // cat now waits for console input; ^C must reach it, not the shell.
      { after: 'cat', send: '\x03', delayMs: 500 },
      { after: 'jos:/$ ', send: 'exit 7\n' },
    ]);
    expect(r.stdout).toContain('^C');
    expect(r.stdout.match(/jos:\/\$ /g)?.length).toBe(2);
    expect(r.status).toBe(7);
  });

  test('Ctrl-C kills a first program that does not catch it: status 130', async () => {
    const r = await runJosInteractive(['run', '--board', board, '--log-level', 'error', '--append', 'quiet', '--timeout', '60', '--', 'cat'], [
      { after: '', send: 'typed\n' },
      { after: 'typed', send: '\x03', delayMs: 300 },
    ]);
    expect(r.stdout).toContain('typed\r\ntyped\r\n'); // the echo, then cat's copy
    expect(r.status).toBe(130);
  });

  test('--timeout ends a run that is still going with status 124', async () => {
    const r = await runJosInteractive(['run', '--board', board, '--log-level', 'error', '--append', 'quiet', '--timeout', '1', '--', 'sh'], []);
    expect(r.stdout).toContain('jos:/$ ');
    expect(r.status).toBe(124);
  });

  test('a program for the other architecture is refused with ENOEXEC and status 127', () => {
    const foreign = path.join(ROOT, 'userland', 'prebuilt', otherArch, 'bin', 'hello');
    const r = runJos(['run', '--board', board, '--log-level', 'error', '--timeout', '30', '--add', `${foreign}:/bin/foreign`, '--', 'foreign']);
    expect(r.stdout).toMatch(/cannot run \/bin\/foreign: Exec format error: ELF class \d, this CPU runs class \d$/m);
    expect(r.status).toBe(127);
  });

  test('a malformed ELF is refused with the reason, not a JavaScript error: status 127', () => {
    const arch = board === 'pc' ? 'x86_64' : 'riscv32';
    const bytes = new Uint8Array(fs.readFileSync(path.join(ROOT, 'userland', 'prebuilt', arch, 'bin', 'hello')));
    const view = new DataView(bytes.buffer);
    if (arch === 'x86_64') view.setBigUint64(32, 0xffff_ff00n, true); // e_phoff
    else view.setUint32(28, 0xffff_ff00, true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-badelf-'));
    const bad = path.join(dir, 'bad');
    fs.writeFileSync(bad, bytes, { mode: 0o755 });
    const r = runJos(['run', '--board', board, '--log-level', 'error', '--timeout', '30', '--add', `${bad}:/bin/bad`, '--', 'bad']);
    fs.rmSync(dir, { recursive: true });
    expect(r.stdout).toMatch(/cannot run \/bin\/bad: Exec format error: ELF program header table beyond end of file \(\d+ bytes at offset 0xffffff00; the file has \d+\)$/m);
    expect(r.status).toBe(127);
  });

  test('a missing program is ENOENT and status 127', () => {
    const r = runJos(['run', '--board', board, '--log-level', 'error', '--timeout', '30', '--', 'no-such-program']);
    expect(r.stdout).toMatch(/cannot run \/bin\/no-such-program: No such file or directory$/m);
    expect(r.status).toBe(127);
  });

  test('a "#!" script runs its interpreter with the script and its arguments; a missing interpreter is ENOENT', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-shebang-'));
    const script = path.join(dir, 'script');
    fs.writeFileSync(script, '#!/bin/sh\necho from a script\n', { mode: 0o755 });
    const inner = path.join(dir, 'inner');
    fs.writeFileSync(inner, '#!/usr/libexec/jos-tests/args -x\n', { mode: 0o755 });
    const lost = path.join(dir, 'lost');
    fs.writeFileSync(lost, '#!/bin/no-such-shell\n', { mode: 0o755 });
    const add = (file: string, name: string) => ['--add', `${file}:/bin/${name}`];
    const r = runJos(['run', '--board', board, '--log-level', 'error', '--timeout', '30', ...add(script, 'script'), '--', 'script']);
    expect(r.stdout).toContain('from a script');
    expect(r.status).toBe(0);
    const a = runJos(['run', '--board', board, '--log-level', 'error', '--timeout', '30', ...add(inner, 'inner'), '--', 'inner', 'one', 'two words']);
    expect(a.stdout.replace(/\r\n/g, '\n')).toContain('argv[1]="-x"\nargv[2]="/bin/inner"\nargv[3]="one"\nargv[4]="two words"');
    const l = runJos(['run', '--board', board, '--log-level', 'error', '--timeout', '30', ...add(lost, 'lost'), '--', 'lost']);
    expect(l.stdout).toMatch(/cannot run \/bin\/lost: No such file or directory/);
    expect(l.status).toBe(127);
    fs.rmSync(dir, { recursive: true });
  });

  test('an executable file that is not an ELF is ENOEXEC; a non-executable one EACCES', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-notelf-'));
    const script = path.join(dir, 'script');
    fs.writeFileSync(script, 'echo this is not an ELF\n', { mode: 0o755 });
    const text = path.join(dir, 'text');
    fs.writeFileSync(text, 'plain text\n', { mode: 0o644 });
    const r = runJos(['run', '--board', board, '--log-level', 'error', '--timeout', '30', '--add', `${script}:/bin/script`, '--', 'script']);
    expect(r.stdout).toMatch(/cannot run \/bin\/script: Exec format error: not an ELF file$/m);
    expect(r.status).toBe(127);
    const t = runJos(['run', '--board', board, '--log-level', 'error', '--timeout', '30', '--add', `${text}:/bin/text`, '--', 'text']);
    expect(t.stdout).toMatch(/cannot run \/bin\/text: Permission denied: .* not executable$/m);
    fs.rmSync(dir, { recursive: true });
  });
});
