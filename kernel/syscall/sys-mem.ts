/** Memory system calls: brk, mmap (mmap2 on riscv32), munmap, mprotect,
 * madvise, msync, over the process's VmSpace (kernel/mm/vm-space.ts);
 * MAP_SHARED maps a shared memory object (kernel/mm/memory-object.ts). */
import type { UserContext } from '../../hal/trap';
import type { OpenFile } from '../fs/open-file';
import { alignUp, PAGE_SIZE } from '../mm/frame-allocator';
import type { SharedBacking } from '../mm/memory-object';
import { PROT_EXEC, PROT_READ, PROT_WRITE } from '../mm/vm-space';
import type { Process } from '../proc/process';
import { EACCES, EBADF, EEXIST, EINVAL, ENODEV, ENOMEM, EOVERFLOW, KernelError } from './errno';
import type { KernelServices, SyscallResult } from './services';

const MAP_SHARED = 0x01;
const MAP_PRIVATE = 0x02;
const MAP_SHARED_VALIDATE = 0x03;
const MAP_TYPE = 0x0f;
const MAP_FIXED = 0x10;
const MAP_ANONYMOUS = 0x20;
const MAP_FIXED_NOREPLACE = 0x100000;
const PROT_MASK = PROT_READ | PROT_WRITE | PROT_EXEC;

export function sysBrk(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return p.vm.setBrk(c.argWord(0));
}

export function sysMmap(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const hint = c.argWord(0);
  const length = c.argWord(1);
  const prot = c.argInt(2);
  const flags = c.argInt(3);
  const fd = c.argInt(4);
  const type = flags & MAP_TYPE;
  if (length === 0 || prot & ~PROT_MASK || (type !== MAP_SHARED && type !== MAP_PRIVATE && type !== MAP_SHARED_VALIDATE)) return -EINVAL;
  const size = alignUp(length, PAGE_SIZE);
  const offset = mmapOffset(k, c, size, (flags & MAP_ANONYMOUS) === 0);
  if (offset < 0) return offset;
  if (size > p.vm.userTop) return -ENOMEM;

  let contents: Uint8Array | null = null;
  let shared: SharedBacking | undefined;
  if (!(flags & MAP_ANONYMOUS)) {
    if (!p.fds.has(fd)) return -EBADF;
    const file = p.fds.get(fd);
    if (type === MAP_PRIVATE) {
      if (file.inode.kind !== 'file' || !file.inode.read) return -ENODEV;
      if (!file.readable) return -EACCES;
      k.sharedMemory.beforeAccess(file.inode); // what shared mappings wrote
      const bytes = new Uint8Array(Math.max(0, Math.min(size, file.inode.size - offset)));
      if (bytes.length > 0) file.inode.read(offset, bytes);
      contents = bytes;
    } else {
      const backing = sharedFileBacking(k, file, offset / PAGE_SIZE, size / PAGE_SIZE, prot);
      if (typeof backing === 'number') return backing;
      shared = backing;
    }
  } else if (type !== MAP_PRIVATE) {
    shared = { object: k.sharedMemory.anonymous(size / PAGE_SIZE), pageOffset: 0, mayWrite: true };
  }

  let address: number;
  if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
    if (hint % PAGE_SIZE !== 0 || hint + size > p.vm.userTop) return -EINVAL;
    address = hint;
    try {
      p.vm.addArea(address, address + size, prot, 'mmap', (flags & MAP_FIXED_NOREPLACE) === 0, shared);
    } catch (error) {
      if (error instanceof KernelError && error.errno === EEXIST) return -EEXIST;
      throw error;
    }
  } else {
    try {
      address = hint !== 0 && hint % PAGE_SIZE === 0 && canPlace(p, hint, size) ? hint : p.vm.findFree(size);
    } catch (error) {
      shared?.object.release();
      throw error;
    }
    p.vm.addArea(address, address + size, prot, 'mmap', false, shared);
  }
  if (contents && contents.length > 0) {
    for (let done = 0; done < contents.length; done += PAGE_SIZE) {
      p.vm.populate(address + done, contents.subarray(done, Math.min(done + PAGE_SIZE, contents.length)), 0);
    }
  }
  return address;
}

/** mmap's offset in bytes, or -errno as Linux refuses it. x86_64's mmap
 * takes bytes in a signed long: not a whole page is EINVAL (checked on the
 * low bits: 2^64 - 1 is no multiple of 4096, whatever a double says), and
 * for a file, an offset whose end passes the largest file size (2^63 - 1,
 * so every negative one) is EOVERFLOW. riscv32's mmap2 counts pages in an
 * unsigned long: its end past page 2^32 - 1 is EOVERFLOW. */
function mmapOffset(k: KernelServices, c: UserContext, size: number, file: boolean): number {
  if (k.wordSize === 4) {
    const page = c.argWord(5);
    return page + size / PAGE_SIZE > 0xffffffff ? -EOVERFLOW : page * PAGE_SIZE;
  }
  if ((c.argU32(5) & (PAGE_SIZE - 1)) !== 0) return -EINVAL;
  const offset = c.argLong(5);
  if (!file) return 0;
  return offset < 0 || offset + size >= 2 ** 63 ? -EOVERFLOW : offset;
}

/** MAP_SHARED of an open file: the device's own memory when its inode
 * offers it (a frame buffer), else the file's pages (tmpfs, ext2,
 * /dev/shm); a -errno when it cannot be mapped so. */
function sharedFileBacking(k: KernelServices, file: OpenFile, pageOffset: number, pages: number, prot: number): SharedBacking | number {
  const inode = file.inode;
  if (!file.readable) return -EACCES;
  if (prot & PROT_WRITE && !file.writable) return -EACCES;
  if (inode.mmap) {
    const object = inode.mmap(pageOffset, pages, prot);
    return typeof object === 'number' ? object : { object, pageOffset, mayWrite: file.writable };
  }
  if (inode.kind !== 'file' || !inode.read) return -ENODEV;
  return { object: k.sharedMemory.filePages(inode, file.path), pageOffset, mayWrite: file.writable };
}

function canPlace(p: Process, address: number, size: number): boolean {
  if (address + size > p.vm.mmapTop || address < p.vm.brk) return false;
  return !p.vm.areaList.some((a) => a.start < address + size && address < a.end);
}

export function sysMunmap(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const address = c.argWord(0);
  const length = c.argWord(1);
  if (address % PAGE_SIZE !== 0 || length === 0 || address + length > p.vm.userTop) return -EINVAL;
  p.vm.removeRange(address, address + alignUp(length, PAGE_SIZE));
  return 0;
}

export function sysMprotect(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const address = c.argWord(0);
  const length = c.argWord(1);
  const prot = c.argInt(2);
  if (address % PAGE_SIZE !== 0 || prot & ~PROT_MASK) return -EINVAL;
  if (length === 0) return 0;
  p.vm.protect(address, address + alignUp(length, PAGE_SIZE), prot);
  return 0;
}

const MS_ASYNC = 1;
const MS_INVALIDATE = 2;
const MS_SYNC = 4;

/** msync: shared file pages written through mappings reach the file (and
 * with MS_SYNC the file system's device, as fsync). */
export function sysMsync(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const address = c.argWord(0);
  const length = c.argWord(1);
  const flags = c.argInt(2);
  if (address % PAGE_SIZE !== 0 || flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC) || (flags & MS_ASYNC && flags & MS_SYNC)) return -EINVAL;
  const end = address + alignUp(length, PAGE_SIZE);
  if (end > p.vm.userTop) return -ENOMEM;
  p.vm.syncRange(address, end, (flags & MS_SYNC) !== 0);
  return 0;
}

/** Advice is only advice: accepted and ignored, as Linux may. */
export function sysMadvise(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return c.argWord(0) % PAGE_SIZE === 0 ? 0 : -EINVAL;
}
