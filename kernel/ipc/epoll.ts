/**
 * An epoll instance (Linux's fs/eventpoll.c): an interest list of open
 * files, each with the events it is watched for and 64 bits of user data.
 * Level-triggered items are reported whenever they are ready;
 * edge-triggered ones (EPOLLET) only after their file signalled a change
 * since the last report; EPOLLONESHOT items are disarmed once reported
 * until EPOLL_CTL_MOD. Each item listens on its file's readiness queue
 * (re-registering at every wake-up) and wakes the instance's waiters.
 * Items go away with EPOLL_CTL_DEL or when their file is closed for good.
 */
import { EEXIST, ENOENT, EPERM, fail } from '../syscall/errno';
import { WaitQueue } from '../sched/wait-queue';
import { POLLIN } from '../fs/inode';
import type { OpenFile } from '../fs/open-file';
import { AnonInode } from './anon-inode';
import { POLLERR, POLLHUP, readyEvents } from './readiness';

export const EPOLLET = 1 << 31;
export const EPOLLONESHOT = 1 << 30;
export const EPOLLWAKEUP = 1 << 29;
export const EPOLLEXCLUSIVE = 1 << 28;
/** The flags that are not events. */
const CONTROL_FLAGS = EPOLLET | EPOLLONESHOT | EPOLLWAKEUP | EPOLLEXCLUSIVE;

export class EpollItem {
  /** Its file signalled a change since the last report (edge-triggered). */
  triggered = true;

  constructor(
    readonly epoll: Epoll,
    readonly fd: number,
    readonly file: OpenFile,
    public events: number,
    public data: bigint,
  ) {}

  /** The file's readiness queue woke: note it, listen again, tell waiters. */
  wake(): void {
    this.triggered = true;
    if (this.epoll.items.includes(this)) this.file.inode.readiness?.add(this);
    this.epoll.readiness.wakeAll();
  }

  /** The events to report now, or 0. */
  pending(): number {
    if (this.events & EPOLLET && !this.triggered) return 0;
    return readyEvents(this.file.inode) & ((this.events & ~CONTROL_FLAGS) | POLLERR | POLLHUP);
  }
}

export interface ReadyEvent {
  events: number;
  data: bigint;
}

export class Epoll extends AnonInode {
  readonly kind = 'file' as const;
  readonly items: EpollItem[] = [];
  /** Woken when any item's file may have become ready (epoll_wait sleeps
   * on it; poll on the epoll descriptor itself too). */
  readonly readiness = new WaitQueue('epoll');

  add(fd: number, file: OpenFile, events: number, data: bigint): void {
    if (!file.inode.poll) fail(EPERM); // regular files and directories: always ready
    if (this.find(fd, file)) fail(EEXIST);
    const item = new EpollItem(this, fd, file, events, data);
    this.items.push(item);
    file.inode.readiness?.add(item);
  }

  modify(fd: number, file: OpenFile, events: number, data: bigint): void {
    const item = this.find(fd, file) ?? fail(ENOENT);
    item.events = events;
    item.data = data;
    item.triggered = true;
    file.inode.readiness?.add(item);
    this.readiness.wakeAll();
  }

  remove(fd: number, file: OpenFile): void {
    const item = this.find(fd, file) ?? fail(ENOENT);
    this.items.splice(this.items.indexOf(item), 1);
    file.inode.readiness?.remove(item);
  }

  /** Up to `max` ready items' events, reported as epoll_wait does. */
  collect(max: number): ReadyEvent[] {
    this.forgetClosed();
    const out: ReadyEvent[] = [];
    const reported: EpollItem[] = [];
    for (const item of this.items) {
      if (out.length >= max) break;
      const events = item.pending();
      if (events === 0) continue;
      out.push({ events, data: item.data });
      reported.push(item);
      item.triggered = false;
      if (item.events & EPOLLONESHOT) item.events &= CONTROL_FLAGS; // disarmed until MOD
    }
    // Level-triggered items that were reported go to the end, so that
    // others get their turn when there are more than `max` (Linux does).
    for (const item of reported) {
      this.items.splice(this.items.indexOf(item), 1);
      this.items.push(item);
    }
    return out;
  }

  poll(): number {
    this.forgetClosed();
    return this.items.some((i) => i.pending() !== 0) ? POLLIN : 0;
  }

  private find(fd: number, file: OpenFile): EpollItem | undefined {
    this.forgetClosed();
    return this.items.find((i) => i.fd === fd && i.file === file);
  }

  /** A file closed for good leaves every interest list. */
  private forgetClosed(): void {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const item = this.items[i];
      if (!item.file.isOpen) {
        this.items.splice(i, 1);
        item.file.inode.readiness?.remove(item);
      }
    }
  }
}
