/**
 * The guest under `jos run` as gdb sees it: processes as threads (pid =
 * thread id), which one is on the core, and memory through a process's own
 * page tables. It reads the kernel's process table and scheduler from the
 * host side (the kernel itself knows nothing of the debugger).
 */
import type { Bus } from '../../platform/bus';
import type { Kernel } from '../../kernel/kernel';
import type { Process } from '../../kernel/proc/process';
import type { UserMemory } from '../../kernel/mm/user-memory';
import { PROT_EXEC, PROT_READ, PROT_WRITE } from '../../kernel/mm/vm-space';
import type { CoreAdapter } from './core-adapter';
import type { ThreadRegisters } from './register-bytes';
import type { CopyObserver, DebugGuest, DebugThread } from './debug-guest';

const PAGE = 4096;

export class KernelGuest implements DebugGuest {
  changed: () => void = () => {};
  /** The process memory whose copies are watched (watchCopies). */
  private copyWatched: UserMemory | null = null;

  constructor(
    private readonly kernel: Kernel,
    private readonly bus: Bus,
    readonly core: CoreAdapter,
  ) {}

  threads(): Process[] {
    const services = this.kernel.services;
    if (services === null) return [];
    return services.processes.all().filter((p) => p.state !== 'zombie').sort((a, b) => a.pid - b.pid);
  }

  thread(pid: number): Process | null {
    return this.kernel.services?.processes.get(pid) ?? null;
  }

  /** The process whose user code is on the core now, or null (kernel, idle). */
  onCore(): Process | null {
    const current = this.kernel.services?.scheduler.current ?? null;
    return current !== null && this.core.inUserMode() ? current : null;
  }

  /** True when `p`'s user code is what the core runs. */
  isLive(p: DebugThread): boolean {
    return this.core.inUserMode() && this.kernel.services?.scheduler.current === p;
  }

  /** `p`'s registers: the core's while it runs, else its saved context.
   * With no process (before the first exists): the core's. */
  registers(t: DebugThread | null): ThreadRegisters {
    const p = t as Process | null;
    return this.core.registers(p === null || this.isLive(p) ? null : p.context);
  }

  /** Reads guest memory as `p` sees it (kernel half included). A private
   * page not yet resident reads as the zeros it will hold, and stays
   * untouched: reading does not change the machine. A shared object's page
   * (a mapped file) is faulted in as the process's own read would. Returns
   * the bytes read before the first that cannot be (possibly none). */
  read(t: DebugThread | null, address: number, length: number): Buffer {
    return this.readPages(t as Process | null, address, length, true);
  }

  peek(t: DebugThread | null, address: number, length: number): Buffer | null {
    const bytes = this.readPages(t as Process | null, address, length, false);
    return bytes.length === length ? bytes : null;
  }

  private readPages(p: Process | null, address: number, length: number, mayFault: boolean): Buffer {
    const out = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const at = address + done;
      const n = Math.min(length - done, PAGE - (at % PAGE));
      const ram = this.ramAt(p, at);
      if (ram >= 0) {
        out.set(this.bus.u8.subarray(ram, ram + n), done);
      } else if (p !== null && this.untouchedPrivate(p, at)) {
        // Demand-zero: zeros (already in `out`).
      } else {
        const bytes = mayFault ? (p?.memory.tryRead(at, n) ?? null) : null;
        if (bytes === null) break;
        this.changed(); // the page was faulted in
        out.set(bytes, done);
      }
      done += n;
    }
    return out.subarray(0, done);
  }

  /** The kernel's copies to and from `t`'s memory (its UserMemory, which
   * execve replaces and a restore makes anew: looked up on every call). */
  watchCopies(t: DebugThread | null, observer: CopyObserver | null): void {
    const memory = t === null || observer === null ? null : (t as Process).memory;
    if (memory === this.copyWatched && (memory === null || memory.copyObserver === observer)) return;
    if (this.copyWatched !== null) this.copyWatched.copyObserver = undefined;
    if (memory !== null) memory.copyObserver = observer!;
    this.copyWatched = memory;
  }

  /** Writes through the kernel's copy to `p`'s memory (copy-on-write
   * honoured, read-only pages refused); false when any byte cannot be. */
  write(t: DebugThread | null, address: number, data: Uint8Array): boolean {
    const p = t as Process | null;
    if (p === null) return false;
    const written = p.memory.tryWrite(address, data);
    if (written) this.changed();
    return written;
  }

  /** A readable private page not yet resident (one unmapped in its page
   * tables: a single core has no stale mappings): demand-zero. */
  private untouchedPrivate(p: Process, address: number): boolean {
    const area = p.vm.findArea(address);
    return area !== null && area.shared === undefined && (area.prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) !== 0;
  }

  /** RAM offset of `address` in `p`'s page tables (the active ones when
   * `p` is null), or -1: unmapped, or a device rather than RAM. */
  private ramAt(p: Process | null, address: number): number {
    if (p === null) return -1;
    const physical = p.vm.space.translate(address);
    if (physical < 0) return -1;
    return this.bus.ramOffset(physical);
  }
}
