/**
 * Job control at the terminal (kernel/tty/job-control.ts): SIGTTIN for a
 * background read, SIGTTOU for a background write under TOSTOP and for
 * tcsetattr, EIO when the signal is ignored or blocked (reads) or the
 * group is orphaned, and the call starting again after `fg`.
 *
 * userland/tests/ttyjobs.c checks it end to end on both boards, and the
 * same x86_64 ELF runs natively on Linux under `script` (a real pty):
 * all must print the same bytes. The orphaned-group rule is checked here
 * on the process table alone: on a board the first process adopts the
 * orphans, in the terminal's own session, so no group of the console's
 * session is ever orphaned there while it runs.
 */
import { spawnSync } from 'child_process';
import { FdTable } from '../../kernel/fs/open-file';
import type { Logger } from '../../kernel/log/logger';
import type { VmSpace } from '../../kernel/mm/vm-space';
import { ProcessTable } from '../../kernel/proc/process-table';
import { SIGTTIN, SIGTTOU, SIG_IGN } from '../../kernel/proc/signals';
import { Scheduler } from '../../kernel/sched/scheduler';
import { EIO } from '../../kernel/syscall/errno';
import { isOrphanedGroup, terminalAccess } from '../../kernel/tty/job-control';
import type { UserContext } from '../../hal/trap';
import { runJos } from '../support/run-jos';
import { prebuilt, which } from '../userland/oracle';

function fakeVm(): VmSpace {
  const vm = { residentPages: 0, fork: () => fakeVm(), destroy: () => undefined };
  return vm as unknown as VmSpace;
}

/** init (pid 1, the foreground group 1) with a shell child in group 2 and
 * the shell's child, a job in group 3. */
function setup() {
  const log = { debug: () => undefined, info: () => undefined, warn: () => undefined, log: () => undefined } as unknown as Logger;
  const table = new ProcessTable(new Scheduler(), { create: () => ({}) } as never, {} as never, log, { initExited: () => undefined, freeFrames: () => 1 << 20 });
  const context = {} as UserContext;
  const init = table.createInit('init', fakeVm(), context, new FdTable());
  const shell = table.fork(init, context);
  shell.pgid = shell.pid;
  const job = table.fork(shell, context);
  job.pgid = job.pid;
  const tty = { foregroundGroup: shell.pgid, session: 1, stopsBackgroundWrites: false };
  const pending = (p: typeof job, signal: number) => (p.sharedPending & (1n << BigInt(signal))) !== 0n;
  return { table, init, shell, job, tty, pending };
}

describe('terminal job control rules', () => {
  test('the foreground group reads, writes and configures; another session is not checked', () => {
    const { table, shell, job, tty } = setup();
    for (const access of ['read', 'write', 'configure'] as const) expect(terminalAccess(table, shell, tty, access)).toBe('go');
    job.sid = job.pid;
    expect(terminalAccess(table, job, tty, 'read')).toBe('go');
  });

  test('a background read sends SIGTTIN to the whole group; ignored or blocked: EIO', () => {
    const { table, shell, job, tty, pending } = setup();
    const sibling = table.fork(shell, {} as UserContext);
    sibling.pgid = job.pgid;
    expect(terminalAccess(table, job, tty, 'read')).toBe('stopped');
    expect(pending(job, SIGTTIN) && pending(sibling, SIGTTIN)).toBe(true);
    expect(pending(shell, SIGTTIN)).toBe(false);
    job.sharedPending = 0n;
    job.signalActions.set(SIGTTIN, { handler: SIG_IGN, flags: 0, restorer: 0, mask: 0n });
    expect(terminalAccess(table, job, tty, 'read')).toBe(-EIO);
    job.signalActions.delete(SIGTTIN);
    job.blockedSignals = 1n << BigInt(SIGTTIN);
    expect(terminalAccess(table, job, tty, 'read')).toBe(-EIO);
    expect(pending(job, SIGTTIN)).toBe(false);
  });

  test('writes stop only under TOSTOP, settings always; SIGTTOU ignored lets both through', () => {
    const { table, job, tty, pending } = setup();
    expect(terminalAccess(table, job, tty, 'write')).toBe('go');
    expect(terminalAccess(table, job, tty, 'configure')).toBe('stopped');
    expect(pending(job, SIGTTOU)).toBe(true);
    job.sharedPending = 0n;
    const tostop = { ...tty, stopsBackgroundWrites: true };
    expect(terminalAccess(table, job, tostop, 'write')).toBe('stopped');
    job.sharedPending = 0n;
    job.signalActions.set(SIGTTOU, { handler: SIG_IGN, flags: 0, restorer: 0, mask: 0n });
    expect(terminalAccess(table, job, tostop, 'write')).toBe('go');
    expect(terminalAccess(table, job, tostop, 'configure')).toBe('go');
    expect(pending(job, SIGTTOU)).toBe(false);
  });

  test('an orphaned group (no parent in another group of the session) gets EIO, no signal', () => {
    const { table, init, shell, job, tty, pending } = setup();
    expect(isOrphanedGroup(table, job.pgid, 1)).toBe(false); // the shell, in group 2, can continue it
    shell.pgid = job.pgid; // the shell joins the job's group: its parent, init, is in group 1
    expect(isOrphanedGroup(table, job.pgid, 1)).toBe(false);
    init.sid = 99; // init in another session: nobody in session 1 outside the group
    expect(isOrphanedGroup(table, job.pgid, 1)).toBe(true);
    tty.foregroundGroup = 1;
    expect(terminalAccess(table, job, { ...tty, stopsBackgroundWrites: true }, 'write')).toBe(-EIO);
    expect(terminalAccess(table, job, tty, 'read')).toBe(-EIO);
    expect(pending(job, SIGTTIN) || pending(job, SIGTTOU)).toBe(false);
  });
});

const nativeOk = process.platform === 'linux' && process.arch === 'x64' && which('script') !== null;

describe('ttyjobs: the same bytes natively (a pty) and on both boards', () => {
  const native = nativeOk
    ? spawnSync('script', ['-qec', prebuilt('x86_64', 'ttyjobs'), '/dev/null'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 })
    : null;
  const reference = native ? native.stdout.replace(/\r\n/g, '\n') : null;
  if (!nativeOk) console.warn('ttyjobs: not on x86_64 Linux with script(1): the boards are checked on their own');

  test('natively, every check passes', () => {
    if (!reference) return;
    expect(reference).toContain('ttyjobs: all 12 checks passed\n');
  });

  for (const board of ['pc', 'esp32c3']) {
    test(`${board}`, () => {
      const r = runJos(['run', '--board', board, '--clock', 'virtual', '--log-level', 'error', '--append', 'quiet', '--', '/usr/libexec/jos-tests/ttyjobs'], { timeoutMs: 60_000 });
      const out = r.stdout.replace(/\r\n/g, '\n');
      expect(out).toContain('ttyjobs: all 12 checks passed\n');
      if (reference) expect(out).toBe(reference);
      expect(r.status).toBe(0);
    }, 90_000);
  }
});
