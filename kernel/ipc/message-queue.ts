/**
 * POSIX message queues (Linux's ipc/mqueue.c): named queues of messages
 * with priorities, reached through descriptors. A receive takes the
 * oldest message of the highest priority; a send blocks while the queue
 * is full and a receive while it is empty. mq_notify registers one process
 * to get a signal when a message arrives in an empty queue that nobody is
 * waiting on. The queue is readable (POLLIN) with messages and writable
 * (POLLOUT) with room; read(2) gives Linux's one-line description.
 */
import { POLLIN, POLLOUT } from '../fs/inode';
import { EINVAL, fail } from '../syscall/errno';
import { Blocked, MaybeBlocked, WaitQueue } from '../sched/wait-queue';
import { AnonInode } from './anon-inode';

/** Linux's defaults (fs.mqueue.msg_default, msgsize_default) and the
 * hard limits a privileged process may go up to. */
export const DEFAULT_MAX_MESSAGES = 10;
export const DEFAULT_MESSAGE_SIZE = 8192;
export const HARD_MAX_MESSAGES = 65536;
export const HARD_MESSAGE_SIZE = 16 * 1024 * 1024;
export const PRIORITY_LIMIT = 32768; // MQ_PRIO_MAX

interface Message {
  data: Uint8Array;
  priority: number;
}

/** Who mq_notify registered, and with which signal (0: SIGEV_NONE). */
export interface Notification {
  pid: number;
  signal: number;
}

export class MessageQueue extends AnonInode {
  readonly kind = 'file' as const;
  readonly readiness = new WaitQueue('message queue');
  private readonly messages: Message[] = [];
  private bytes = 0;
  notification: Notification | null = null;

  constructor(
    readonly name: string,
    readonly maxMessages: number,
    readonly messageSize: number,
    readonly mode: number,
  ) {
    super();
  }

  get count(): number {
    return this.messages.length;
  }

  /** Queues `data`; Blocked when full. Returns the notification to send
   * (it is used up), if this message made it due. */
  send(data: Uint8Array, priority: number): MaybeBlocked<Notification | null> {
    if (this.messages.length >= this.maxMessages) return new Blocked(this.readiness);
    const wasEmpty = this.messages.length === 0;
    // After every message of higher or equal priority: FIFO within one.
    let at = this.messages.length;
    while (at > 0 && this.messages[at - 1].priority < priority) at--;
    this.messages.splice(at, 0, { data: data.slice(), priority });
    this.bytes += data.length;
    this.readiness.wakeAll();
    if (wasEmpty && this.notification) {
      const due = this.notification;
      this.notification = null;
      return due;
    }
    return null;
  }

  /** The next message, or Blocked when empty. */
  receive(): MaybeBlocked<Message> {
    const message = this.messages.shift();
    if (!message) return new Blocked(this.readiness);
    this.bytes -= message.data.length;
    this.readiness.wakeAll();
    return message;
  }

  poll(): number {
    return (this.messages.length > 0 ? POLLIN : 0) | (this.messages.length < this.maxMessages ? POLLOUT : 0);
  }

  /** read(2): "QSIZE:n NOTIFY:s SIGNO:s NOTIFY_PID:p", as Linux's mqueue fs. */
  read(offset: number, into: Uint8Array): number {
    const n = this.notification;
    const text = `QSIZE:${String(this.bytes).padEnd(10)} NOTIFY:${String(n ? (n.signal === 0 ? 1 : 0) : 0).padEnd(5)} SIGNO:${String(n ? n.signal : 0).padEnd(5)} NOTIFY_PID:${String(n ? n.pid : 0).padEnd(6)}\n`;
    const bytes = new TextEncoder().encode(text).subarray(offset);
    const k = Math.min(bytes.length, into.length);
    into.set(bytes.subarray(0, k));
    return k;
  }

  write(): number {
    fail(EINVAL);
  }
}

/** The queues by name (one namespace per kernel, as Linux's ipc ns). */
export class MessageQueues {
  private readonly byName = new Map<string, MessageQueue>();

  find(name: string): MessageQueue | undefined {
    return this.byName.get(name);
  }

  add(queue: MessageQueue): void {
    this.byName.set(queue.name, queue);
  }

  /** mq_unlink: the name goes; open descriptors keep the queue. */
  remove(name: string): boolean {
    return this.byName.delete(name);
  }
}
