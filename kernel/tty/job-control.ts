/**
 * Job control at the terminal, as POSIX's "General Terminal Interface"
 * describes and Linux's tty_check_change and n_tty do: a process of the
 * terminal's session that is not in its foreground process group
 *
 * - reading it: its process group gets SIGTTIN (and so stops), unless the
 *   reader ignores or blocks SIGTTIN, or its group is orphaned: then the
 *   read fails with EIO;
 * - writing it, when the terminal's TOSTOP flag is set: its group gets
 *   SIGTTOU, unless the writer ignores or blocks SIGTTOU (the write then
 *   goes through), or the group is orphaned (EIO);
 * - changing its settings or its foreground group (tcsetattr,
 *   tcsetpgrp), TOSTOP or not: the same as a write. A shell ignores
 *   SIGTTOU so that it can take the terminal back.
 *
 * A call that sent the signal starts again once the process continues
 * (Linux's ERESTARTSYS): `fg` makes the stopped reader read. A process
 * with a handler for the signal runs it first, and the call fails with
 * EINTR unless the handler was installed with SA_RESTART.
 *
 * The console is the controlling terminal of session 1, the session of
 * the first process and of every process that has not called setsid().
 */
import type { Process } from '../proc/process';
import { SIGTTIN, SIGTTOU, SIG_IGN } from '../proc/signals';
import { EIO } from '../syscall/errno';

/** What job control needs to know of a terminal. */
export interface JobControlTerminal {
  readonly foregroundGroup: number;
  /** The session whose controlling terminal it is. */
  readonly session: number;
  /** TOSTOP: background writes stop their writer. */
  readonly stopsBackgroundWrites: boolean;
}

export type TerminalAccess = 'read' | 'write' | 'configure';

/** The processes job control signals and inspects. */
export interface JobControlProcesses {
  /** Every process (thread group leaders). */
  all(): Iterable<Process>;
  kill(target: Process, signal: number): void;
}

/** 'go': the access proceeds; 'stopped': the caller's process group was
 * sent SIGTTIN or SIGTTOU and the call is to run again when the caller
 * continues; or -EIO. */
export type AccessVerdict = 'go' | 'stopped' | number;

/** A process group is orphaned when no member has a parent in another
 * group of the same session (nobody left to continue it with `fg`). */
export function isOrphanedGroup(processes: JobControlProcesses, pgid: number, sid: number): boolean {
  for (const p of processes.all()) {
    if (p.pgid !== pgid || p.state === 'zombie') continue;
    const parent = p.parent;
    if (parent && parent.state !== 'zombie' && parent.pgid !== pgid && parent.sid === sid) return false;
  }
  return true;
}

export function terminalAccess(processes: JobControlProcesses, p: Process, tty: JobControlTerminal, access: TerminalAccess): AccessVerdict {
  if (p.sid !== tty.session || p.pgid === tty.foregroundGroup) return 'go';
  if (access === 'write' && !tty.stopsBackgroundWrites) return 'go';
  const signal = access === 'read' ? SIGTTIN : SIGTTOU;
  const ignored = p.actionFor(signal).handler === SIG_IGN || (p.blockedSignals & (1n << BigInt(signal))) !== 0n;
  if (ignored) return access === 'read' ? -EIO : 'go';
  if (isOrphanedGroup(processes, p.pgid, p.sid)) return -EIO;
  for (const member of [...processes.all()]) if (member.pgid === p.pgid) processes.kill(member, signal);
  return 'stopped';
}
