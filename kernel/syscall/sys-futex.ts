/**
 * futex(2): FUTEX_WAIT / WAIT_BITSET (relative or absolute timeouts, on
 * CLOCK_MONOTONIC or with FUTEX_CLOCK_REALTIME), WAKE / WAKE_BITSET,
 * REQUEUE / CMP_REQUEUE and WAKE_OP, private or shared (kernel/proc/futexes.ts);
 * and what a thread's end does to futexes: the robust list
 * (set_robust_list) and CLONE_CHILD_CLEARTID's word. PI futexes are ENOSYS.
 */
import type { UserContext } from '../../hal/trap';
import type { Process } from '../proc/process';
import { Blocked } from '../sched/wait-queue';
import { i32Bytes, readTimespec } from './args';
import { EAGAIN, EFAULT, EINVAL, ENOSYS, ESRCH, ETIMEDOUT, fail } from './errno';
import type { KernelServices, SyscallResult } from './services';

const FUTEX_WAIT = 0;
const FUTEX_WAKE = 1;
const FUTEX_REQUEUE = 3;
const FUTEX_CMP_REQUEUE = 4;
const FUTEX_WAKE_OP = 5;
const FUTEX_WAIT_BITSET = 9;
const FUTEX_WAKE_BITSET = 10;
const FUTEX_PRIVATE_FLAG = 128;
const FUTEX_CLOCK_REALTIME = 256;
const FUTEX_CMD_MASK = ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
const MATCH_ANY = 0xffff_ffff;

// The futex word of a robust mutex (include/uapi/linux/futex.h).
const FUTEX_WAITERS = 0x8000_0000;
const FUTEX_OWNER_DIED = 0x4000_0000;
const FUTEX_TID_MASK = 0x3fff_ffff;
/** The kernel's bound on a robust list's length (ROBUST_LIST_LIMIT). */
const ROBUST_LIST_LIMIT = 2048;

function readWord32(p: Process, address: number): number {
  return new DataView(p.memory.read(address, 4).buffer).getUint32(0, true);
}

function keyOf(p: Process, address: number, isPrivate: boolean): string {
  if (address % 4 !== 0) fail(EINVAL);
  const key = p.vm.futexKey(address, isPrivate);
  if (key === null) fail(EFAULT);
  return key;
}

export function sysFutex(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const address = c.argWord(0);
  const opWord = c.argInt(1);
  const op = opWord & FUTEX_CMD_MASK;
  const isPrivate = (opWord & FUTEX_PRIVATE_FLAG) !== 0;
  const value = c.argU32(2);
  switch (op) {
    case FUTEX_WAIT:
      return wait(k, p, c, address, isPrivate, value, false, MATCH_ANY);
    case FUTEX_WAIT_BITSET: {
      const bitset = c.argU32(5);
      if (bitset === 0) return -EINVAL;
      return wait(k, p, c, address, isPrivate, value, true, bitset);
    }
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET: {
      const bitset = op === FUTEX_WAKE ? MATCH_ANY : c.argU32(5);
      if (bitset === 0) return -EINVAL;
      return k.futexes.wake(keyOf(p, address, isPrivate), wakeCount(value), bitset);
    }
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE: {
      const wakeMax = value | 0;
      const moveMax = c.argInt(3); // the timeout slot carries val2 (an int)
      if (wakeMax < 0 || moveMax < 0) return -EINVAL;
      const from = keyOf(p, address, isPrivate);
      const to = keyOf(p, c.argWord(4), isPrivate);
      if (op === FUTEX_CMP_REQUEUE && readWord32(p, address) !== c.argU32(5)) return -EAGAIN;
      return k.futexes.requeue(from, to, wakeMax, moveMax);
    }
    case FUTEX_WAKE_OP:
      return wakeOp(k, p, c, address, isPrivate, value);
    default:
      return -ENOSYS;
  }
}

/** FUTEX_WAKE's count: as Linux, a count of 0 (or less) still wakes one. */
function wakeCount(value: number): number {
  return Math.max(1, value | 0);
}

function wait(k: KernelServices, p: Process, c: UserContext, address: number, isPrivate: boolean, expected: number, absolute: boolean, bitset: number): SyscallResult {
  if (p.futexWoken) {
    // A wake took this thread off the queue: the wait is over.
    p.futexWoken = false;
    p.sleepDeadlineNs = null;
    return 0;
  }
  const key = keyOf(p, address, isPrivate);
  const restarted = p.sleepDeadlineNs !== null;
  const deadline = restarted ? p.sleepDeadlineNs : deadlineOf(k, p, c.argWord(3), absolute, (c.argInt(1) & FUTEX_CLOCK_REALTIME) !== 0);
  if (restarted && k.monotonicNs() >= deadline!) return done(p, -ETIMEDOUT);
  if (readWord32(p, address) !== expected) return done(p, -EAGAIN);
  if (deadline !== null && k.monotonicNs() >= deadline) return done(p, -ETIMEDOUT);
  p.futexBitset = bitset;
  return new Blocked(k.futexes.queue(key), deadline);
}

function done(p: Process, result: number): number {
  p.sleepDeadlineNs = null;
  return result;
}

/** The monotonic deadline of a wait's timeout argument, or null (none):
 * FUTEX_WAIT's is relative; WAIT_BITSET's absolute, on CLOCK_MONOTONIC or
 * CLOCK_REALTIME. */
function deadlineOf(k: KernelServices, p: Process, address: number, absolute: boolean, realtime: boolean): number | null {
  if (address === 0) return null;
  const { seconds, nanoseconds } = readTimespec(k, p, address);
  if (seconds < 0 || nanoseconds < 0 || nanoseconds >= 1e9) fail(EINVAL);
  const ns = seconds * 1e9 + nanoseconds;
  if (!absolute) return k.monotonicNs() + ns;
  return realtime ? k.monotonicNs() + (ns - k.realtimeNs()) : ns;
}

/** FUTEX_WAKE_OP: *uaddr2 = op(old, oparg); wake on uaddr; and, when
 * cmp(old, cmparg) holds, on uaddr2 too. */
function wakeOp(k: KernelServices, p: Process, c: UserContext, address: number, isPrivate: boolean, wakeMax: number): number {
  const address2 = c.argWord(4);
  const wakeMax2 = c.argInt(3);
  const encoded = c.argU32(5);
  const key = keyOf(p, address, isPrivate);
  const key2 = keyOf(p, address2, isPrivate);
  const opKind = (encoded >>> 28) & 7;
  const cmp = (encoded >>> 24) & 15;
  let oparg = ((encoded >>> 12) & 0xfff) << 20 >> 20; // sign-extended 12 bits
  const cmparg = (encoded & 0xfff) << 20 >> 20;
  if ((encoded >>> 28) & 8) oparg = oparg < 0 || oparg > 31 ? 0 : 1 << oparg;
  const old = readWord32(p, address2) | 0;
  const ops = [() => oparg, () => old + oparg, () => old | oparg, () => old & ~oparg, () => old ^ oparg];
  if (opKind >= ops.length) return -ENOSYS;
  p.memory.write(address2, i32Bytes(ops[opKind]() | 0));
  const compares = [old === cmparg, old !== cmparg, old < cmparg, old <= cmparg, old > cmparg, old >= cmparg];
  if (cmp >= compares.length) return -ENOSYS;
  let woken = k.futexes.wake(key, wakeCount(wakeMax));
  if (compares[cmp]) woken += k.futexes.wake(key2, wakeCount(wakeMax2));
  return woken;
}

/** struct robust_list_head: { list, futex_offset, list_op_pending }, in words. */
export function sysSetRobustList(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  if (c.argWord(1) !== 3 * k.wordSize) return -EINVAL;
  p.robustList = c.argWord(0);
  return 0;
}

export function sysGetRobustList(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const tid = c.argInt(0);
  const target = tid === 0 ? p : k.processes.get(tid);
  if (!target || target.state === 'zombie') return -ESRCH;
  const word = (v: number) => (k.wordSize === 8 ? new Uint8Array(new BigUint64Array([BigInt(v)]).buffer) : i32Bytes(v));
  p.memory.write(c.argWord(1), word(target.robustList));
  p.memory.write(c.argWord(2), word(3 * k.wordSize));
  return 0;
}

/** What the end of thread `t` does to futexes (Linux's exit_robust_list
 * and mm_release): every robust mutex it still holds is marked
 * FUTEX_OWNER_DIED and one waiter woken; its CLONE_CHILD_CLEARTID word
 * is zeroed and one waiter woken (pthread_join). Bad user memory ends the
 * walk quietly, as Linux's does. */
export function releaseThreadFutexes(k: KernelServices, t: Process): void {
  try {
    if (t.robustList !== 0) walkRobustList(k, t);
  } catch {
    // A corrupt list: nothing more to do.
  }
  if (t.clearChildTid !== 0 && t.memory.tryWrite(t.clearChildTid, i32Bytes(0))) {
    const key = t.vm.futexKey(t.clearChildTid, false);
    if (key !== null) k.futexes.wake(key, 1);
  }
}

function walkRobustList(k: KernelServices, t: Process): void {
  const w = k.wordSize;
  const word = (address: number) => t.memory.readWord(address, w);
  const head = t.robustList;
  const raw = t.memory.read(head + w, w);
  const offset = w === 8 ? Number(new DataView(raw.buffer).getBigInt64(0, true)) : new DataView(raw.buffer).getInt32(0, true);
  const pending = word(head + 2 * w);
  let entry = word(head);
  for (let n = 0; entry !== head && entry !== 0 && n < ROBUST_LIST_LIMIT; n++) {
    // Bit 0 marks a PI futex; addresses pass 2^32 on x86_64: no bitwise ops.
    const at = entry - (entry % 2);
    const next = word(at);
    if (entry !== pending) ownerDied(k, t, at + offset);
    entry = next;
  }
  if (pending !== 0) ownerDied(k, t, pending - (pending % 2) + offset);
}

function ownerDied(k: KernelServices, t: Process, address: number): void {
  if (address % 4 !== 0) return;
  const value = readWord32(t, address);
  if ((value & FUTEX_TID_MASK) !== t.pid) return;
  t.memory.write(address, i32Bytes((value & FUTEX_WAITERS) | FUTEX_OWNER_DIED));
  if (value & FUTEX_WAITERS) {
    const key = t.vm.futexKey(address, false);
    if (key !== null) k.futexes.wake(key, 1);
  }
}
