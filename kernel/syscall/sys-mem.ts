/** Memory system calls: brk, mmap (mmap2 on riscv32), munmap, mprotect,
 * madvise, over the process's VmSpace (kernel/mm/vm-space.ts). */
import type { UserContext } from '../../hal/trap';
import { alignUp, PAGE_SIZE } from '../mm/frame-allocator';
import { PROT_EXEC, PROT_READ, PROT_WRITE } from '../mm/vm-space';
import type { Process } from '../proc/process';
import { EACCES, EBADF, EEXIST, EINVAL, ENODEV, ENOMEM, KernelError } from './errno';
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
  // mmap2 (riscv32) counts the offset in 4096-byte units.
  const offset = k.wordSize === 4 ? c.argWord(5) * PAGE_SIZE : c.argWord(5);
  const type = flags & MAP_TYPE;
  if (length === 0 || prot & ~PROT_MASK || (type !== MAP_SHARED && type !== MAP_PRIVATE && type !== MAP_SHARED_VALIDATE)) return -EINVAL;
  if (offset % PAGE_SIZE !== 0) return -EINVAL;
  const size = alignUp(length, PAGE_SIZE);
  if (size > p.vm.userTop) return -ENOMEM;

  let contents: Uint8Array | null = null;
  if (!(flags & MAP_ANONYMOUS)) {
    if (!p.fds.has(fd)) return -EBADF;
    const file = p.fds.get(fd);
    if (file.inode.kind !== 'file' || !file.inode.read) return -ENODEV;
    if (!file.readable) return -EACCES;
    // Shared writable file mappings would need write-back: not offered.
    if (type !== MAP_PRIVATE && prot & PROT_WRITE) return -ENODEV;
    const bytes = new Uint8Array(Math.max(0, Math.min(size, file.inode.size - offset)));
    if (bytes.length > 0) file.inode.read(offset, bytes);
    contents = bytes;
  }

  let address: number;
  if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
    if (hint % PAGE_SIZE !== 0 || hint + size > p.vm.userTop) return -EINVAL;
    address = hint;
    try {
      p.vm.addArea(address, address + size, prot, 'mmap', (flags & MAP_FIXED_NOREPLACE) === 0);
    } catch (error) {
      if (error instanceof KernelError && error.errno === EEXIST) return -EEXIST;
      throw error;
    }
  } else {
    address = hint !== 0 && hint % PAGE_SIZE === 0 && canPlace(p, hint, size) ? hint : p.vm.findFree(size);
    p.vm.addArea(address, address + size, prot, 'mmap');
  }
  if (contents && contents.length > 0) {
    for (let done = 0; done < contents.length; done += PAGE_SIZE) {
      p.vm.populate(address + done, contents.subarray(done, Math.min(done + PAGE_SIZE, contents.length)), 0);
    }
  }
  return address;
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

/** Advice is only advice: accepted and ignored, as Linux may. */
export function sysMadvise(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return c.argWord(0) % PAGE_SIZE === 0 ? 0 : -EINVAL;
}
