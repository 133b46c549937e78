/**
 * What the gdb stub sees of the machine, whatever runs on it: threads (the
 * kernel's processes under `jos run`; the one core under `jos exec`), which
 * one is on the core, their registers and their memory.
 */
import type { CoreAdapter } from './core-adapter';
import type { ThreadRegisters } from './register-bytes';

/** A kernel's copy of `length` bytes at `address` of a thread's memory. */
export type CopyObserver = (address: number, length: number, write: boolean) => void;

/** A gdb thread: a process (jos run) or the bare machine (jos exec). */
export interface DebugThread {
  readonly pid: number;
  readonly name: string;
  readonly state: 'runnable' | 'sleeping' | 'zombie';
  readonly stopped: boolean;
  /** wait4's status once a zombie. */
  readonly waitStatus: number;
  readonly ppid: number;
}

export interface DebugGuest {
  readonly core: CoreAdapter;
  /** Live threads (zombies excluded), by pid. */
  threads(): DebugThread[];
  /** A thread by pid (zombies included while known), or null. */
  thread(pid: number): DebugThread | null;
  /** The thread whose code is on the core now, or null (kernel, idle). */
  onCore(): DebugThread | null;
  /** True when `t`'s code is what the core runs. */
  isLive(t: DebugThread): boolean;
  /** `t`'s registers (the core's while it runs, else its saved ones). */
  registers(t: DebugThread | null): ThreadRegisters;
  /** Memory as `t` sees it: the bytes read before the first that cannot be. */
  read(t: DebugThread | null, address: number, length: number): Buffer;
  /** False when any byte cannot be written. */
  write(t: DebugThread | null, address: number, data: Uint8Array): boolean;
  /** Memory as `t` sees it, only where it is resident: null rather than
   * change anything (no page faulted in). Reverse execution's searches. */
  peek(t: DebugThread | null, address: number, length: number): Buffer | null;
  /** Tells `observer` of the copies the kernel makes to or from `t`'s
   * memory (a write() from a buffer, a read() into one), until called
   * again; null: nobody's. Cheap when nothing changed (called often). */
  watchCopies(t: DebugThread | null, observer: CopyObserver | null): void;
  /** Told when the debugger changed the machine between two turns (wrote
   * memory or a register, or a read faulted a page in): the run's history
   * (history.ts) must not replay the turns after it without the change. */
  changed: () => void;
}
