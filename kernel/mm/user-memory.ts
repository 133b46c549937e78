/**
 * The kernel's access to a process's memory for system calls: copies in
 * and out page by page, faulting pages in as the user's own access would
 * (demand-zero, copy-on-write), and EFAULT for anything the process could
 * not touch itself: unmapped, forbidden, or in the kernel's half.
 */
import type { PhysicalMemory } from '../../hal/physical-memory';
import type { MemoryAccess } from '../../hal/trap';
import { EFAULT, ENAMETOOLONG, fail } from '../syscall/errno';
import { PAGE_SIZE } from './frame-allocator';
import type { VmSpace } from './vm-space';

/** Told of each copy the kernel made to or from a process's memory: its
 * user address, its length, and whether it wrote. A debugger's read and
 * access watchpoints (host/gdb) see system calls' copies through it. */
export type UserCopyObserver = (address: number, length: number, write: boolean) => void;

export class UserMemory {
  /** The host's observer (a debugger), not the machine's state: snapshots
   * leave it out (host/snapshot/kernel-classes.ts). */
  copyObserver?: UserCopyObserver;

  constructor(
    private readonly vm: VmSpace,
    private readonly memory: PhysicalMemory,
  ) {}

  /** Reads `length` bytes at `address`, or throws EFAULT. */
  read(address: number, length: number): Uint8Array {
    this.checkRange(address, length); // before allocating `length` bytes
    const out = new Uint8Array(length);
    this.walk(address, length, 'read', (physical, offset, n) => this.memory.read(physical, out.subarray(offset, offset + n)));
    if (this.copyObserver !== undefined && length !== 0) this.copyObserver(address, length, false);
    return out;
  }

  /** Writes `data` at `address`, or throws EFAULT. */
  write(address: number, data: Uint8Array): void {
    this.walk(address, data.length, 'write', (physical, offset, n) => this.memory.write(physical, data.subarray(offset, offset + n)));
    if (this.copyObserver !== undefined && data.length !== 0) this.copyObserver(address, data.length, true);
  }

  /** Faults in [address, address+length) for writing, or throws EFAULT:
   * a read() checks its buffer before it consumes data from a pipe. */
  checkWritable(address: number, length: number): void {
    this.walk(address, length, 'write', () => {});
  }

  /** read() that answers null instead of throwing (for ioctl helpers). */
  tryRead(address: number, length: number): Uint8Array | null {
    try {
      return this.read(address, length);
    } catch {
      return null;
    }
  }

  tryWrite(address: number, data: Uint8Array): boolean {
    try {
      this.write(address, data);
      return true;
    } catch {
      return false;
    }
  }

  /** A NUL-terminated string of at most `max` bytes (without the NUL). */
  readString(address: number, max = 4096): string {
    const bytes: number[] = [];
    let at = address;
    for (;;) {
      const inPage = PAGE_SIZE - (at % PAGE_SIZE);
      const piece = this.read(at, Math.min(inPage, max + 1 - bytes.length));
      for (const b of piece) {
        if (b === 0) return new TextDecoder().decode(Uint8Array.from(bytes));
        bytes.push(b);
        if (bytes.length > max) fail(ENAMETOOLONG);
      }
      at += piece.length;
    }
  }

  /** A NULL-terminated array of string pointers (argv, envp). */
  readStringArray(address: number, wordSize: 4 | 8, maxCount = 4096): string[] {
    const out: string[] = [];
    if (address === 0) return out;
    for (let i = 0; i < maxCount; i++) {
      const pointer = this.readWord(address + i * wordSize, wordSize);
      if (pointer === 0) return out;
      out.push(this.readString(pointer));
    }
    fail(EFAULT, 'argument list too long');
  }

  readWord(address: number, wordSize: 4 | 8): number {
    const bytes = this.read(address, wordSize);
    const view = new DataView(bytes.buffer);
    return wordSize === 4 ? view.getUint32(0, true) : view.getUint32(0, true) + view.getUint32(4, true) * 0x1_0000_0000;
  }

  /** EFAULT unless [address, address + length) is inside user space. */
  private checkRange(address: number, length: number): void {
    if (length === 0) return;
    if (!Number.isSafeInteger(address) || !Number.isSafeInteger(length) || address < 0 || length < 0 || address + length > this.vm.userTop) fail(EFAULT);
  }

  private walk(address: number, length: number, access: MemoryAccess, copy: (physical: number, offset: number, n: number) => void): void {
    if (length === 0) return;
    this.checkRange(address, length);
    let offset = 0;
    while (offset < length) {
      const at = address + offset;
      const inPage = Math.min(PAGE_SIZE - (at % PAGE_SIZE), length - offset);
      const frame = this.vm.ensurePage(at, access);
      if (frame < 0) fail(EFAULT);
      copy(frame + (at % PAGE_SIZE), offset, inPage);
      offset += inPage;
    }
  }
}
