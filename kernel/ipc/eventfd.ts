/**
 * eventfd: a 64-bit counter behind a descriptor (Linux's fs/eventfd.c).
 * write adds to it (blocking while the sum would pass 2^64 - 2), read
 * takes all of it, or one with EFD_SEMAPHORE (blocking while it is zero);
 * both move exactly 8 bytes. Readable while non-zero, writable while
 * below the maximum.
 */
import { EINVAL, fail } from '../syscall/errno';
import { Blocked, MaybeBlocked, WaitQueue } from '../sched/wait-queue';
import { POLLIN, POLLOUT } from '../fs/inode';
import { AnonInode } from './anon-inode';

export const EFD_SEMAPHORE = 1;
const MAX_COUNT = 0xffff_ffff_ffff_fffen;

export class EventFd extends AnonInode {
  readonly kind = 'file' as const;
  counter: bigint;
  readonly readiness = new WaitQueue('eventfd');

  constructor(
    initial: number,
    readonly semaphore: boolean,
  ) {
    super();
    this.counter = BigInt(initial >>> 0);
  }

  read(_offset: number, into: Uint8Array): MaybeBlocked<number> {
    if (into.length < 8) fail(EINVAL);
    if (this.counter === 0n) return new Blocked(this.readiness);
    const value = this.semaphore ? 1n : this.counter;
    this.counter -= value;
    new DataView(into.buffer, into.byteOffset, 8).setBigUint64(0, value, true);
    this.readiness.wakeAll();
    return 8;
  }

  write(_offset: number, from: Uint8Array): MaybeBlocked<number> {
    if (from.length < 8) fail(EINVAL);
    const value = new DataView(from.buffer, from.byteOffset, 8).getBigUint64(0, true);
    if (value === 0xffff_ffff_ffff_ffffn) fail(EINVAL);
    if (this.counter + value > MAX_COUNT) return new Blocked(this.readiness);
    this.counter += value;
    if (value !== 0n) this.readiness.wakeAll();
    return 8;
  }

  poll(): number {
    return (this.counter > 0n ? POLLIN : 0) | (this.counter < MAX_COUNT ? POLLOUT : 0);
  }
}
