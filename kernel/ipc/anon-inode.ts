/**
 * The fields every kernel object reached through a descriptor but living in
 * no file system shares (Linux's anon_inode: eventfd, epoll, sockets):
 * no name, no size, owner-only permissions.
 */
import type { InodeKind } from '../fs/inode';
import { kernelCounters } from '../lib/counters';


export abstract class AnonInode {
  readonly ino = kernelCounters.nextAnonIno++;
  abstract readonly kind: InodeKind;
  readonly permissions = 0o600;
  readonly size = 0;
  readonly nlink = 1;
  readonly rdev = 0;
  readonly mtimeNs = 0;
  /** st_dev of Linux's anonymous inode file system. */
  readonly dev = 0x000e;
}
