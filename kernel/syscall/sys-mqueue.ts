/**
 * POSIX message queue calls: mq_open, mq_unlink, mq_timedsend,
 * mq_timedreceive, mq_notify, mq_getsetattr (kernel/ipc/message-queue.ts).
 * The C library passes names without their leading slash, as Linux
 * expects. Timeouts are absolute CLOCK_REALTIME times; a blocked send or
 * receive keeps its deadline across restarts, as poll does.
 */
import type { UserContext } from '../../hal/trap';
import { O_ACCMODE, O_CLOEXEC, O_CREAT, O_EXCL, O_NONBLOCK, O_RDONLY, O_WRONLY, OpenFile } from '../fs/open-file';
import { DEFAULT_MAX_MESSAGES, DEFAULT_MESSAGE_SIZE, HARD_MAX_MESSAGES, HARD_MESSAGE_SIZE, MessageQueue, PRIORITY_LIMIT } from '../ipc/message-queue';
import { EMSGSIZE } from '../net/errno';
import type { Process } from '../proc/process';
import { Blocked } from '../sched/wait-queue';
import { readTimespec, u64Bytes, wordBytes } from './args';
import { EACCES, EAGAIN, EBADF, EBUSY, EEXIST, EINVAL, ENAMETOOLONG, ENOENT, ETIMEDOUT, fail } from './errno';
import type { KernelServices, SyscallResult } from './services';
import { attempt, finish } from './sys-poll';

const SIGEV_SIGNAL = 0;
const SIGEV_NONE = 1;
const SI_MESGQ = -3;
const MAX_SIGNAL = 64;

function queueName(p: Process, address: number): string {
  const name = p.memory.readString(address, 4096);
  if (name.length > 255) fail(ENAMETOOLONG);
  if (name === '' || name.includes('/') || name === '.' || name === '..') fail(EACCES);
  return name;
}

/** struct mq_attr: longs (mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs). */
function readAttr(k: KernelServices, p: Process, address: number): number[] {
  const w = k.wordSize;
  const view = new DataView(p.memory.read(address, 4 * w).buffer);
  return [0, 1, 2, 3].map((i) => (w === 4 ? view.getInt32(i * w, true) : Number(view.getBigInt64(i * w, true))));
}

function attrBytes(k: KernelServices, fields: number[]): Uint8Array {
  const w = k.wordSize;
  const out = new Uint8Array(8 * w); // four fields and four reserved longs
  fields.forEach((v, i) => out.set(w === 8 ? u64Bytes(v) : wordBytes(v, 4), i * w));
  return out;
}

function queueOf(p: Process, fd: number): { file: OpenFile; queue: MessageQueue } {
  const file = p.fds.has(fd) ? p.fds.get(fd) : fail(EBADF);
  if (!(file.inode instanceof MessageQueue)) fail(EBADF);
  return { file, queue: file.inode };
}

export function sysMqOpen(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const name = queueName(p, c.argWord(0));
  const flags = c.argInt(1);
  let queue = k.messageQueues.find(name);
  if (queue && flags & O_CREAT && flags & O_EXCL) return -EEXIST;
  if (!queue) {
    if (!(flags & O_CREAT)) return -ENOENT;
    let [maxMessages, messageSize] = [DEFAULT_MAX_MESSAGES, DEFAULT_MESSAGE_SIZE];
    if (c.argWord(3) !== 0) {
      [, maxMessages, messageSize] = readAttr(k, p, c.argWord(3));
      if (maxMessages <= 0 || messageSize <= 0 || maxMessages > HARD_MAX_MESSAGES || messageSize > HARD_MESSAGE_SIZE) return -EINVAL;
    }
    queue = new MessageQueue(name, maxMessages, messageSize, c.argInt(2) & 0o777 & ~p.umask);
    k.messageQueues.add(queue);
  }
  if ((flags & O_ACCMODE) === O_ACCMODE) return -EINVAL;
  const file = new OpenFile(queue, flags & (O_ACCMODE | O_NONBLOCK), `/dev/mqueue/${name}`);
  return p.fds.install(file, (flags & O_CLOEXEC) !== 0);
}

export function sysMqUnlink(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return k.messageQueues.remove(queueName(p, c.argWord(0))) ? 0 : -ENOENT;
}

/** The monotonic deadline of an absolute CLOCK_REALTIME timeout, or null
 * (no timeout); kept in the process across restarts. */
function deadline(k: KernelServices, p: Process, address: number): number | null {
  if (p.sleepDeadlineNs !== null) return p.sleepDeadlineNs;
  if (address === 0) return null;
  const { seconds, nanoseconds } = readTimespec(k, p, address);
  if (nanoseconds < 0 || nanoseconds >= 1e9 || seconds < 0) fail(EINVAL);
  p.sleepDeadlineNs = k.monotonicNs() + Math.max(0, seconds * 1e9 + nanoseconds - k.realtimeNs());
  return p.sleepDeadlineNs;
}

function wait(k: KernelServices, p: Process, file: OpenFile, blocked: Blocked, timeoutAddress: number): SyscallResult {
  if (file.flags & O_NONBLOCK) return finish(p, -EAGAIN);
  const until = deadline(k, p, timeoutAddress);
  if (until !== null && k.monotonicNs() >= until) return finish(p, -ETIMEDOUT);
  return new Blocked(blocked.queue, until, true);
}

export function sysMqTimedsend(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return attempt(p, () => {
    const { file, queue } = queueOf(p, c.argInt(0));
    if ((file.flags & O_ACCMODE) === O_RDONLY) return finish(p, -EBADF);
    const length = c.argWord(2);
    const priority = c.argU32(3);
    if (priority >= PRIORITY_LIMIT) return finish(p, -EINVAL);
    if (length > queue.messageSize) return finish(p, -EMSGSIZE);
    const data = p.memory.read(c.argWord(1), length);
    const r = queue.send(data, priority);
    if (r instanceof Blocked) return wait(k, p, file, r, c.argWord(4));
    if (r && r.signal !== 0) {
      const target = k.processes.get(r.pid);
      if (target) k.processes.kill(target, r.signal, { code: SI_MESGQ, pid: p.pid, uid: 0 });
    }
    return finish(p, 0);
  });
}

export function sysMqTimedreceive(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return attempt(p, () => {
    const { file, queue } = queueOf(p, c.argInt(0));
    if ((file.flags & O_ACCMODE) === O_WRONLY) return finish(p, -EBADF);
    if (c.argWord(2) < queue.messageSize) return finish(p, -EMSGSIZE);
    p.memory.checkWritable(c.argWord(1), queue.messageSize);
    const r = queue.receive();
    if (r instanceof Blocked) return wait(k, p, file, r, c.argWord(4));
    p.memory.write(c.argWord(1), r.data);
    if (c.argWord(3) !== 0) p.memory.write(c.argWord(3), wordBytes(r.priority, 4));
    return finish(p, r.data.length);
  });
}

export function sysMqNotify(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const { queue } = queueOf(p, c.argInt(0));
  if (c.argWord(1) === 0) {
    if (queue.notification?.pid === p.pid) queue.notification = null;
    return 0;
  }
  // struct sigevent: a sigval (one word), then int signo, int notify.
  const w = k.wordSize;
  const view = new DataView(p.memory.read(c.argWord(1), w + 8).buffer);
  const signal = view.getInt32(w, true);
  const notify = view.getInt32(w + 4, true);
  if (notify !== SIGEV_SIGNAL && notify !== SIGEV_NONE) return -EINVAL;
  if (notify === SIGEV_SIGNAL && (signal < 1 || signal > MAX_SIGNAL)) return -EINVAL;
  // One registration per queue, even for the process that holds it
  // (Linux's EBUSY); a registration whose process is gone is free again.
  const owner = queue.notification ? k.processes.get(queue.notification.pid) : undefined;
  if (owner && owner.state !== 'zombie') return -EBUSY;
  queue.notification = { pid: p.pid, signal: notify === SIGEV_SIGNAL ? signal : 0 };
  return 0;
}

export function sysMqGetsetattr(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const { file, queue } = queueOf(p, c.argInt(0));
  const old = attrBytes(k, [file.flags & O_NONBLOCK, queue.maxMessages, queue.messageSize, queue.count]);
  if (c.argWord(1) !== 0) {
    const [flags] = readAttr(k, p, c.argWord(1));
    if (flags & ~O_NONBLOCK) return -EINVAL;
    file.flags = (file.flags & ~O_NONBLOCK) | (flags & O_NONBLOCK);
  }
  if (c.argWord(2) !== 0) p.memory.write(c.argWord(2), old);
  return 0;
}
