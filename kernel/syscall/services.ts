/**
 * What system call handlers work with: the kernel's subsystems, passed to
 * every handler together with the calling process and its registers.
 */
import type { BlockDevice } from '../../hal/block-device';
import type { KeyEvent, Keyboard } from '../../hal/keyboard';
import type { TrapHost, UserContext } from '../../hal/trap';
import type { FileSystemTypes } from '../fs/fs-types';
import type { Vfs } from '../fs/vfs';
import type { KernelRandom } from '../lib/random';
import type { Logger } from '../log/logger';
import type { SocketFamilies } from '../net/socket';
import type { MessageQueues } from '../ipc/message-queue';
import type { SharedMemory } from '../mm/shared-memory';
import type { Futexes } from '../proc/futexes';
import type { ProgramLoader } from '../proc/program-loader';
import type { ProcessTable } from '../proc/process-table';
import type { Process } from '../proc/process';
import type { Scheduler } from '../sched/scheduler';
import type { Blocked } from '../sched/wait-queue';
import type { Tty } from '../tty/tty';
import type { SyscallAbi } from './numbers';
import type { TrapDispatcher } from '../trap/trap-dispatch';

export interface KernelServices {
  readonly abi: SyscallAbi;
  /** Every trap's entry, once user space has started: kept here so that
   * all of the kernel's state is reachable from its services (snapshots
   * save what fields reach, docs/snapshots.md). */
  traps?: TrapDispatcher;
  readonly wordSize: 4 | 8;
  readonly log: Logger;
  readonly vfs: Vfs;
  /** What mount(2) can mount. */
  readonly filesystems: FileSystemTypes;
  readonly scheduler: Scheduler;
  readonly processes: ProcessTable;
  readonly random: KernelRandom;
  /** The protocol families socket(2) can create (kernel/net/). */
  readonly sockets: SocketFamilies;
  /** POSIX message queues by name (mq_open). */
  readonly messageQueues: MessageQueues;
  /** MAP_SHARED's memory objects: anonymous, and mapped files' pages. */
  readonly sharedMemory: SharedMemory;
  /** Futex wait queues (futex(2), pthread_join's tid word). */
  readonly futexes: Futexes;
  readonly tty: Tty;
  /** The board's keyboard, if it has one: typed characters go to the tty. */
  readonly keyboard: Keyboard | null;
  /** /dev/input/event0: takes key events while a program has it open
   * (deliver returns true), else they go to the tty. */
  readonly keyEvents?: { deliver(event: KeyEvent): boolean } | null;
  /** The board's disk (ATA / SPI flash), once it answered at boot. */
  readonly disk: BlockDevice | null;
  readonly trapHost: TrapHost;
  readonly loader: ProgramLoader;
  /** uname's machine field: x86_64 or riscv32. */
  readonly machineName: string;
  /** Turns the machine off (reboot's power-off); status as `jos run` exits. */
  powerOff(status: number): void;
  /** CLOCK_MONOTONIC: nanoseconds since boot. */
  monotonicNs(): number;
  /** CLOCK_REALTIME: nanoseconds since the epoch. */
  realtimeNs(): number;
}

/** A handler that has already arranged the return (execve's new image, a
 * sleeping exec): the dispatcher must not touch the registers. */
export const NO_RETURN_VALUE = Symbol('no return value');

/** A handler's answer: a value for the return register (negative: -errno),
 * Blocked: the process sleeps and the call runs again when it wakes; or
 * NO_RETURN_VALUE. */
export type SyscallResult = number | Blocked | typeof NO_RETURN_VALUE;

export type SyscallHandler = (k: KernelServices, p: Process, c: UserContext) => SyscallResult;

