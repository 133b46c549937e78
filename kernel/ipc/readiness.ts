/**
 * Waiting on several files at once (poll, select, epoll_wait). A process
 * sleeps on one queue only, so it sleeps on a queue of its own and a
 * forwarder, registered on each file's readiness queue, wakes it when any
 * of them may have changed. The forwarder is one object per waiting queue,
 * and WaitQueue.add ignores a sleeper already there, so a program polling
 * a quiet file in a loop never piles up registrations.
 */
import type { Inode } from '../fs/inode';
import { POLLERR, POLLHUP, POLLIN, POLLOUT } from '../fs/inode';
import type { Sleeper, WaitQueue } from '../sched/wait-queue';

export { POLLERR, POLLHUP, POLLIN, POLLOUT };
export const POLLPRI = 0x002;
export const POLLNVAL = 0x020;
export const POLLRDNORM = 0x040;
export const POLLRDBAND = 0x080;
export const POLLWRNORM = 0x100;
export const POLLWRBAND = 0x200;
export const POLLRDHUP = 0x2000;

/** Wakes `target` whenever a queue it is registered on is woken. */
export class ReadinessForwarder implements Sleeper {
  constructor(readonly target: WaitQueue) {}

  wake(): void {
    this.target.wakeAll();
  }
}

/** The POLL* bits an inode reports ready now, with the *NORM aliases Linux
 * adds to readable and writable files. Inodes without poll() (regular
 * files, most devices) are always readable and writable. */
export function readyEvents(inode: Inode): number {
  const ready = inode.poll ? inode.poll() : POLLIN | POLLOUT;
  let events = ready;
  if (ready & POLLIN) events |= POLLRDNORM;
  if (ready & POLLOUT) events |= POLLWRNORM;
  return events;
}

/** What poll() reports for a file asked for `requested`: the requested
 * bits that are ready, plus the ones always reported. */
export function reportedEvents(inode: Inode, requested: number): number {
  return readyEvents(inode) & (requested | POLLERR | POLLHUP);
}
