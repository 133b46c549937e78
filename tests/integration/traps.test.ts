/**
 * Hostile instructions (userland/tests/traps.c): a system call whose return
 * address is past the end of user space (the SYSRET class: on pc the
 * kernel's sysretq would fault in ring 0), rt_sigreturn to a non-canonical
 * address, kernel segment loads, icebp, far jumps, a non-canonical stack,
 * the trap flag across syscall, arch_prctl with a non-canonical base; on
 * esp32c3 ebreak, a machine CSR, an ecall at the top of user space. Each
 * kills only its child with the signal Linux gives (the program's output
 * must be its Linux oracle's: the host CPU for pc, qemu-riscv32 for
 * esp32c3), the kernel logs no error and the machine runs on to exit 0.
 * The output differs between architectures (their own cases), so traps is
 * not one of the cross-architecture conformance programs.
 */
import { runJos } from '../support/run-jos';
import { guestPath, oracleCommand, runCommand, which } from '../userland/oracle';

const qemu = which('qemu-riscv32');
const nativeOk = process.platform === 'linux' && process.arch === 'x64';
if (!qemu) console.warn('traps: skipping the esp32c3 comparison: qemu-riscv32 not installed (apt-get install qemu-user)');
if (!nativeOk) console.warn(`traps: skipping the pc comparison: this host is ${process.platform}/${process.arch}, not linux/x64`);

const CASES = [
  { board: 'pc', vendor: 'amd', arch: 'x86_64', available: nativeOk },
  { board: 'pc', vendor: 'intel', arch: 'x86_64', available: nativeOk },
  { board: 'esp32c3', vendor: '', arch: 'riscv32', available: qemu !== null },
] as const;

describe.each(CASES)('on the $board board $vendor', ({ board, vendor, arch, available }) => {
  (available ? test : test.skip)('each hostile instruction ends its child as on Linux and the machine runs on', async () => {
    const oracle = await runCommand(oracleCommand(arch, 'traps', [], qemu ?? ''));
    expect(oracle.stdout).toMatch(/^traps: all \d+ checks passed$/m);
    const vendorArgs = vendor ? ['--cpu-vendor', vendor] : [];
    const r = runJos(['run', '--board', board, ...vendorArgs, '--log-level', 'error', '--color', 'never', '--append', 'quiet', '--timeout', '60', '--', guestPath('traps')], {
      timeoutMs: 90_000,
    });
    expect(r.stdout.replace(/\r\n/g, '\n')).toBe(oracle.stdout);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});
