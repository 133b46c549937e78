/**
 * The first program, as `jos run --board B -- PROGRAM` starts it: its exit
 * status becomes jos's, a signal gives 128 + the signal, and a program the
 * kernel cannot run is a clear error, not a crash.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, runJos, runJosInteractive } from '../support/run-jos';

const quiet = ['--log-level', 'error', '--append', 'quiet', '--timeout', '30'];

describe.each(['pc', 'esp32c3'])('on the %s board', (board) => {
  const otherArch = board === 'pc' ? 'riscv32' : 'x86_64';

  test('the first program runs with its arguments and its status is the exit status', () => {
    const r = runJos(['run', '--board', board, ...quiet, '--', 'hello']);
    expect(r.stdout).toBe('Hello, world!\r\n');
    expect(r.status).toBe(0);
  });

  test('Ctrl-C on the console kills the foreground program: status 130', async () => {
    // init stays up as pid 1; the ^C arrives once it has printed "idle".
    const r = await runJosInteractive(['run', '--board', board, '--log-level', 'error', '--append', 'quiet', '--timeout', '30', '--', 'init'], 'init: idle', '\x03');
    expect(r.stdout).toContain('init: idle');
    expect(r.stdout).toContain('^C');
    expect(r.status).toBe(130);
  });

  test('a program for the other architecture is refused with ENOEXEC and status 127', () => {
    const foreign = path.join(ROOT, 'userland', 'prebuilt', otherArch, 'hello');
    const r = runJos(['run', '--board', board, '--log-level', 'error', '--timeout', '30', '--add', `${foreign}:/bin/foreign`, '--', 'foreign']);
    expect(r.stdout).toMatch(/cannot run \/bin\/foreign: ELF class \d, this CPU runs class \d \(errno 8\)/);
    expect(r.status).toBe(127);
  });

  test('a missing program is ENOENT and status 127', () => {
    const r = runJos(['run', '--board', board, '--log-level', 'error', '--timeout', '30', '--', 'no-such-program']);
    expect(r.stdout).toMatch(/cannot run \/bin\/no-such-program: .*\(errno 2\)/);
    expect(r.status).toBe(127);
  });

  test('an executable file that is not an ELF is ENOEXEC; a non-executable one EACCES', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-notelf-'));
    const script = path.join(dir, 'script');
    fs.writeFileSync(script, 'echo this is not an ELF\n', { mode: 0o755 });
    const text = path.join(dir, 'text');
    fs.writeFileSync(text, 'plain text\n', { mode: 0o644 });
    const r = runJos(['run', '--board', board, '--log-level', 'error', '--timeout', '30', '--add', `${script}:/bin/script`, '--', 'script']);
    expect(r.stdout).toMatch(/cannot run \/bin\/script: not an ELF file \(errno 8\)/);
    expect(r.status).toBe(127);
    const t = runJos(['run', '--board', board, '--log-level', 'error', '--timeout', '30', '--add', `${text}:/bin/text`, '--', 'text']);
    expect(t.stdout).toMatch(/cannot run \/bin\/text: .* not executable \(errno 13\)/);
    fs.rmSync(dir, { recursive: true });
  });
});
