import { runJos } from '../support/run-jos';

describe('jos CLI', () => {
  test('--version and --help answer with status 0', () => {
    const version = runJos(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = runJos(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/run \[options\]/);
    expect(help.stdout).toMatch(/boards/);
  });

  test('boards lists both boards with memory maps and devices', () => {
    const r = runJos(['boards']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^pc: /m);
    expect(r.stdout).toMatch(/^esp32c3: /m);
    expect(r.stdout).toMatch(/port 0x03f8-0x03ff {2}io {4}com1/);
    expect(r.stdout).toMatch(/0x60000000-0x60000fff {2}mmio {2}uart0/);
  });

  test('an unknown board is a usage error that lists the boards', () => {
    const r = runJos(['run', '--board', 'vax']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are pc, esp32c3/);
  });

  test('an unknown flag is a usage error that shows the valid options', () => {
    const r = runJos(['run', '--board', 'pc', '--frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--frobnicate'/);
    expect(r.stderr).toMatch(/--log-level <level>/);
  });

  test('an unknown command is a usage error', () => {
    const r = runJos(['fly']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'fly'/);
  });

  test('bad option values are usage errors', () => {
    expect(runJos(['run', '--board', 'pc', '--memory', 'lots', '--timeout', '0.1']).status).toBe(2);
    expect(runJos(['run', '--board', 'pc', '--serial', 'tcp:1', '--timeout', '0.1']).status).toBe(2);
    expect(runJos(['run', '--board', 'pc', '--timeout', 'soon']).status).toBe(2);
    expect(runJos(['run', '--board', 'pc', '--log-level', 'loud']).status).toBe(2);
    expect(runJos(['run', '--board', 'pc', '--cpu-vendor', 'via']).status).toBe(2);
  });

  test('--cpu-vendor applies to x86_64 boards only', () => {
    const r = runJos(['run', '--board', 'esp32c3', '--cpu-vendor', 'amd', '--timeout', '0.1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--cpu-vendor applies to x86_64 boards, not esp32c3/);
  });
});
