/**
 * Job control in the process table, below the system calls: a stop signal's
 * default action stops the process (not scheduled until SIGCONT), SIGKILL
 * still reaches it, other signals wait, SIGCONT and stop signals discard
 * each other when sent, each stop/continue is reported once, and the
 * parent's SIGCHLD for them honours SA_NOCLDSTOP (which the userland jobctl
 * program cannot check against qemu-user, which does not pass it on).
 */
import type { SignalFrames } from '../../hal/signal-frames';
import type { UserContext } from '../../hal/trap';
import { FdTable } from '../../kernel/fs/open-file';
import type { Logger } from '../../kernel/log/logger';
import type { VmSpace } from '../../kernel/mm/vm-space';
import type { Process } from '../../kernel/proc/process';
import { ProcessTable } from '../../kernel/proc/process-table';
import {
  CLD_CONTINUED, CLD_STOPPED, SA_NOCLDSTOP, SIGCHLD, SIGCONT, SIGKILL, SIGSTOP, SIGTERM, SIGTSTP, stoppedStatus,
} from '../../kernel/proc/signals';
import { Scheduler } from '../../kernel/sched/scheduler';

const ALL = { exited: true, stopped: true, continued: true };

function fakeVm(): VmSpace {
  const vm = { residentPages: 0, fork: () => fakeVm(), destroy: () => undefined };
  return vm as unknown as VmSpace;
}

function setup() {
  const scheduler = new Scheduler();
  const log = { debug: () => undefined, info: () => undefined, warn: () => undefined, log: () => undefined } as unknown as Logger;
  const table = new ProcessTable(scheduler, { create: () => ({}) } as never, {} as never, log, {
    initExited: () => undefined,
    freeFrames: () => 1 << 20,
  });
  const context = {} as UserContext;
  const parent = table.createInit('parent', fakeVm(), context, new FdTable());
  const child = table.fork(parent, context);
  const frames = {} as SignalFrames; // default actions never build a frame
  /** The child's next return to user mode: its signals act. */
  const deliver = (p: Process) => table.deliverSignals(p, frames);
  return { scheduler, table, parent, child, deliver };
}

function chldCode(p: Process): number | null {
  return p.sharedPending & (1n << BigInt(SIGCHLD)) ? p.sharedInfo.get(SIGCHLD)!.code : null;
}

describe('job control in the process table', () => {
  test('SIGSTOP stops: not scheduled, one WUNTRACED report, SIGCHLD CLD_STOPPED to the parent', () => {
    const { scheduler, table, parent, child, deliver } = setup();
    parent.signalActions.set(SIGCHLD, { handler: 0x1000, flags: 0, restorer: 0, mask: 0n });
    table.kill(child, SIGSTOP);
    expect(table.waitEvent(parent, -1, ALL)).toBeNull(); // not stopped until it acts
    deliver(child);
    expect(child.stopped).toBe(true);
    expect(child.state).toBe('sleeping');
    expect(chldCode(parent)).toBe(CLD_STOPPED);
    for (let t = 0; t < 5; t++) {
      scheduler.yield();
      expect(scheduler.pick(t)).not.toBe(child);
    }
    expect(table.waitEvent(parent, child.pid, { exited: true, stopped: false, continued: true })).toBeNull();
    expect(table.waitEvent(parent, child.pid, ALL, true)).toMatchObject({ kind: 'stopped', status: stoppedStatus(SIGSTOP) });
    expect(table.waitEvent(parent, child.pid, ALL)).toMatchObject({ kind: 'stopped', status: 0x137f });
    expect(table.waitEvent(parent, child.pid, ALL)).toBeNull(); // reported once

    parent.sharedPending = 0n;
    table.kill(child, SIGCONT);
    expect(child.stopped).toBe(false);
    expect(child.state).toBe('runnable');
    expect(chldCode(parent)).toBe(CLD_CONTINUED);
    expect(table.waitEvent(parent, child.pid, ALL)).toMatchObject({ kind: 'continued', status: 0xffff });
    expect(table.waitEvent(parent, child.pid, ALL)).toBeNull();
  });

  test('SA_NOCLDSTOP: no SIGCHLD for a stop or a continue, but the waits still see them', () => {
    const { table, parent, child, deliver } = setup();
    parent.signalActions.set(SIGCHLD, { handler: 0x1000, flags: SA_NOCLDSTOP, restorer: 0, mask: 0n });
    table.kill(child, SIGTSTP);
    deliver(child);
    expect(child.stopped).toBe(true);
    expect(chldCode(parent)).toBeNull();
    expect(table.waitEvent(parent, -1, ALL)).toMatchObject({ kind: 'stopped', status: stoppedStatus(SIGTSTP) });
    table.kill(child, SIGCONT);
    expect(chldCode(parent)).toBeNull();
    expect(table.waitEvent(parent, -1, ALL)).toMatchObject({ kind: 'continued' });
  });

  test('a stopped process: SIGTERM waits for SIGCONT, SIGKILL ends it at once', () => {
    const { table, parent, child, deliver } = setup();
    table.kill(child, SIGSTOP);
    deliver(child);
    table.kill(child, SIGTERM);
    expect(child.state).toBe('sleeping');
    expect(child.stopped).toBe(true);
    table.kill(child, SIGKILL);
    expect(child.state).toBe('runnable');
    deliver(child);
    expect(child.state).toBe('zombie');
    expect(table.waitEvent(parent, -1, ALL)).toMatchObject({ kind: 'exited', status: SIGKILL });
  });

  test('SIGCONT discards a pending stop signal; a stop signal discards a pending SIGCONT', () => {
    const { table, child } = setup();
    child.signalActions.set(SIGCONT, { handler: 0x2000, flags: 0, restorer: 0, mask: 0n });
    child.blockedSignals = (1n << BigInt(SIGTSTP)) | (1n << BigInt(SIGCONT));
    table.kill(child, SIGTSTP);
    expect(child.sharedPending).toBe(1n << BigInt(SIGTSTP));
    table.kill(child, SIGCONT);
    expect(child.sharedPending).toBe(1n << BigInt(SIGCONT));
    table.kill(child, SIGTSTP);
    expect(child.sharedPending).toBe(1n << BigInt(SIGTSTP));
  });

  test('the first process is not stopped (nothing could continue it)', () => {
    const { table, parent, deliver } = setup();
    table.kill(parent, SIGTSTP);
    deliver(parent);
    expect(parent.stopped).toBe(false);
    expect(parent.state).toBe('runnable');
  });
});
