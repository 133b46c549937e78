import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runJos } from '../support/run-jos';

const LOG_LINE = /^\[ *\d+\.\d{6}\] (error|warn |info |debug|trace) [a-z]+: .+$/;

describe.each(['pc', 'esp32c3'])('booting the %s board', (board) => {
  test('prints the logo and the boot log on its serial console; init starts the shell, which ends at end of input and powers off', () => {
    const r = runJos(['run', '--board', board, '--timeout', '60', '--color', 'never']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/jos:\/\$ \r\ninit: the shell exited with status 0\r\ninit: powering off\r\n/);
    const lines = r.stdout.split('\r\n');
    expect(lines.some((l) => l.includes('██║ ██╔═══██╗'))).toBe(true);
    const log = lines.filter((l) => l.startsWith('['));
    expect(log.length).toBeGreaterThanOrEqual(3);
    for (const line of log) expect(line).toMatch(LOG_LINE);
    expect(r.stdout).toMatch(new RegExp(`info  boot: JOS \\S+ on ${board} \\((x86_64|riscv32)\\)`));
    expect(r.stdout).toMatch(/boot: (.*; )?boot complete/);
  });

  test('the machine powers off when the console shell ends, with its status: exit N, or the last status at end of input', () => {
    const exit3 = runJos(['run', '--board', board, '--timeout', '60', '--log-level', 'error', '--append', 'quiet'], { input: 'no-such-command\nexit 3\n' });
    expect(exit3.stdout).toMatch(/init: the shell exited with status 3\r\ninit: powering off\r\n$/);
    expect(exit3.status).toBe(3);
    const eof = runJos(['run', '--board', board, '--timeout', '60', '--log-level', 'error', '--append', 'quiet'], { input: 'no-such-command\n' });
    expect(eof.stdout).toMatch(/init: the shell exited with status 127\r\ninit: powering off\r\n$/);
    expect(eof.status).toBe(127);
  });

  test('init names the error when it cannot start the shell, and stays up as PID 1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-nosh-'));
    const fake = path.join(dir, 'sh');
    fs.writeFileSync(fake, 'not a program\n', { mode: 0o755 });
    const r = runJos(['run', '--board', board, '--timeout', '3', '--log-level', 'error', '--append', 'quiet', '--add', `${fake}:/bin/sh`]);
    expect(r.stdout).toContain('init: cannot run /bin/sh: Exec format error\r\ninit: idle\r\n');
    expect(r.status).toBe(124);
    fs.rmSync(dir, { recursive: true });
  });

  test('--color always colors the levels; --log-level debug shows debug lines', () => {
    const r = runJos(['run', '--board', board, '--timeout', '60', '--color', 'always', '--log-level', 'debug', '--', 'hello']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\x1b[38;5;40minfo \x1b[0m');
    expect(r.stdout).toMatch(/debug.*time:/);
    const plain = runJos(['run', '--board', board, '--timeout', '60', '--color', 'never', '--log-level', 'warn', '--', 'hello']);
    expect(plain.stdout).not.toContain('\x1b[');
    expect(plain.stdout).not.toMatch(/info /);
  });

  test('--serial file:PATH sends the console to a file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-serial-'));
    const file = path.join(dir, 'console.txt');
    const r = runJos(['run', '--board', board, '--timeout', '60', '--serial', `file:${file}`, '--', 'hello']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(fs.readFileSync(file, 'latin1')).toMatch(/boot complete/);
    fs.rmSync(dir, { recursive: true });
  });

  test('--trace-bus shows the driver programming the UART', () => {
    const r = runJos(['run', '--board', board, '--timeout', '30', '--trace-bus', '--serial', 'none', '--', 'hello']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(board === 'pc' ? /\[bus\] out8 com1\+0x3 <- 0x80/ : /\[bus\] mmio write32 uart0\+0x14 <- /);
  });
});

test('on pc the kernel reads the CMOS real-time clock at boot; --rtc fixes it', () => {
  const r = runJos(['run', '--board', 'pc', '--rtc', '2026-01-01T12:34:56', '--color', 'never', '--timeout', '30', '--', 'hello']);
  expect(r.stdout).toContain('time: real-time clock: 2026-01-01T12:34:56.000Z');
  expect(r.status).toBe(0);
});
