/**
 * The guest under `jos exec` as gdb sees it: one thread, the core itself
 * (pid 1, named after the ELF), always live whatever its privilege level;
 * memory is physical RAM (the runners identity-map it), read and written
 * through the bus so that decoded code on a written page is dropped.
 */
import type { Bus } from '../../platform/bus';
import type { CoreAdapter } from './core-adapter';
import type { DebugGuest, DebugThread } from './debug-guest';
import type { ThreadRegisters } from './register-bytes';

export class BareGuest implements DebugGuest {
  private readonly thread1: { pid: number; name: string; state: 'runnable' | 'zombie'; stopped: boolean; waitStatus: number; ppid: number };

  constructor(
    readonly core: CoreAdapter,
    private readonly bus: Bus,
    name: string,
    /** The program's exit status once it has written tohost, else null. */
    private readonly exitStatus: () => number | null,
  ) {
    this.thread1 = { pid: 1, name, state: 'runnable', stopped: false, waitStatus: 0, ppid: 0 };
  }

  private refresh(): DebugThread {
    const status = this.exitStatus();
    if (status !== null && this.thread1.state !== 'zombie') {
      this.thread1.state = 'zombie';
      this.thread1.waitStatus = (status & 0xff) << 8;
    }
    return this.thread1;
  }

  threads(): DebugThread[] {
    const t = this.refresh();
    return t.state === 'zombie' ? [] : [t];
  }

  thread(pid: number): DebugThread | null {
    return pid === 1 ? this.refresh() : null;
  }

  onCore(): DebugThread | null {
    return this.refresh();
  }

  isLive(): boolean {
    return true;
  }

  registers(): ThreadRegisters {
    return this.core.registers(null);
  }

  read(_t: DebugThread | null, address: number, length: number): Buffer {
    const out = Buffer.alloc(length);
    let n = 0;
    for (; n < length; n++) {
      const ram = address + n >= 0 ? this.bus.ramOffset(address + n) : -1;
      if (ram < 0) break;
      out[n] = this.bus.u8[ram];
    }
    return out.subarray(0, n);
  }

  write(_t: DebugThread | null, address: number, data: Uint8Array): boolean {
    for (let i = 0; i < data.length; i++) if (address + i < 0 || this.bus.ramOffset(address + i, true) < 0) return false;
    for (let i = 0; i < data.length; i++) this.bus.write(address + i, 1, data[i]);
    this.changed();
    return true;
  }

  /** Physical RAM: reading it changes nothing. */
  peek(t: DebugThread | null, address: number, length: number): Buffer | null {
    const bytes = this.read(t, address, length);
    return bytes.length === length ? bytes : null;
  }

  changed: () => void = () => {};

  /** No kernel: nothing copies memory but the program's own instructions. */
  watchCopies(): void {}
}
