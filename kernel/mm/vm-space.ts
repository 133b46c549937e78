/**
 * A process's user address space: its areas (program segments, heap, stack,
 * mmaps) and the pages actually present. Pages arrive on demand: a fault in
 * an anonymous area maps a zeroed frame; a write fault on a page shared
 * after fork copies it (copy-on-write) unless it is the last sharer's. Any
 * other fault is the process's error: the caller sends SIGSEGV.
 *
 * A shared area (MAP_SHARED) maps a memory object's frames instead
 * (kernel/mm/memory-object.ts): never copied, never counted here, the same
 * frames in every space that maps the object, fork included.
 */
import type { AddressSpace } from '../../hal/address-space';
import { PageFlags } from '../../hal/address-space';
import type { PhysicalMemory } from '../../hal/physical-memory';
import type { MemoryAccess } from '../../hal/trap';
import { EACCES, EEXIST, EINVAL, ENOMEM, fail } from '../syscall/errno';
import { FrameAllocator, PAGE_SIZE, alignDown, alignUp } from './frame-allocator';
import { PAGE_BEYOND_END, PAGE_NO_MEMORY, SharedBacking } from './memory-object';
import { kernelCounters } from '../lib/counters';

export const PROT_NONE = 0;
export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const PROT_EXEC = 4;

export interface Area {
  start: number;
  end: number;
  prot: number;
  /** What the area is for, in fault log lines: "text", "heap", "stack", "mmap". */
  name: string;
  /** MAP_SHARED: the object whose pages it maps (one reference per area). */
  shared?: SharedBacking;
}

interface Resident {
  frame: number;
  /** Mapped without write permission until the next write fault: a private
   * page shared since fork (the write copies it), or a shared page of an
   * object that tracks writes (the write marks it dirty). */
  cow: boolean;
  /** The frame is a shared object's: never copied, released or counted here. */
  shared: boolean;
}

/** 'oom': the access was allowed but no frame was left for it; 'sigbus':
 * a shared page past the end of its object (a file shorter than its mapping). */
export type FaultOutcome = 'mapped' | 'segv' | 'oom' | 'sigbus';

/** Distinct numbers for spaces (futex keys of private futexes). */

export class VmSpace {
  readonly id = kernelCounters.nextSpaceId++;
  private areas: Area[] = [];
  private readonly resident = new Map<number, Resident>();
  brkStart = 0;
  brk = 0;

  constructor(
    readonly space: AddressSpace,
    private readonly frames: FrameAllocator,
    private readonly memory: PhysicalMemory,
    readonly userTop: number,
    readonly mmapTop: number,
  ) {}

  get areaList(): readonly Area[] {
    return this.areas;
  }

  get residentPages(): number {
    return this.resident.size;
  }

  /** The area containing `address`, if any. */
  findArea(address: number): Area | null {
    for (const a of this.areas) if (address >= a.start && address < a.end) return a;
    return null;
  }

  /** Adds an area at a fixed, page-aligned range; refuses overlaps unless
   * `replace`. A shared area takes over the caller's reference to its object
   * (and drops it when it fails). */
  addArea(start: number, end: number, prot: number, name: string, replace = false, shared?: SharedBacking): void {
    try {
      if (start % PAGE_SIZE !== 0 || end % PAGE_SIZE !== 0 || end <= start || end > this.userTop) fail(EINVAL);
      if (this.overlaps(start, end)) {
        if (!replace) fail(EEXIST);
        this.removeRange(start, end);
      }
    } catch (error) {
      shared?.object.release();
      throw error;
    }
    this.areas.push(shared ? { start, end, prot, name, shared } : { start, end, prot, name });
    this.areas.sort((a, b) => a.start - b.start);
  }

  /** The highest free gap of `length` bytes below mmapTop (mmap's choice). */
  findFree(length: number): number {
    let candidate = this.mmapTop - length;
    for (let i = this.areas.length - 1; i >= 0 && candidate >= PAGE_SIZE; i--) {
      const a = this.areas[i];
      if (a.start >= candidate + length) continue;
      if (a.end <= candidate) break;
      candidate = a.start - length;
    }
    if (candidate < this.brk + PAGE_SIZE || candidate < PAGE_SIZE) fail(ENOMEM);
    return candidate;
  }

  /** munmap: removes areas and pages in [start, end). */
  removeRange(start: number, end: number): void {
    const kept: Area[] = [];
    const gone: Area[] = [];
    for (const a of this.areas) {
      if (a.end <= start || a.start >= end) {
        kept.push(a);
        continue;
      }
      const pieces: Area[] = [];
      if (a.start < start) pieces.push(slice(a, a.start, start));
      if (a.end > end) pieces.push(slice(a, end, a.end));
      kept.push(...pieces);
      if (pieces.length === 0) gone.push(a);
      else for (let i = 1; i < pieces.length; i++) a.shared?.object.retain(); // one reference per piece
    }
    this.areas = kept;
    for (let page = start; page < end; page += PAGE_SIZE) this.dropPage(page);
    // Last: a file's release writes its dirty pages back.
    for (const a of gone) a.shared?.object.release();
  }

  /** msync: the shared objects mapped in [start, end) write their dirty
   * pages back (`durable`: to the device too); ENOMEM when part of the
   * range is not mapped. */
  syncRange(start: number, end: number, durable: boolean): void {
    for (let at = start; at < end; ) {
      const a = this.findArea(at);
      if (!a) fail(ENOMEM);
      at = a.end;
    }
    for (const a of this.areas) if (a.shared && a.end > start && a.start < end) a.shared.object.sync?.(durable);
  }

  /** mprotect: new protection for [start, end), which must be fully mapped. */
  protect(start: number, end: number, prot: number): void {
    for (let at = start; at < end; ) {
      const a = this.findArea(at);
      if (!a) fail(ENOMEM);
      // A shared file mapping opened read-only may never write (VM_MAYWRITE).
      if (prot & PROT_WRITE && a.shared && !a.shared.mayWrite) fail(EACCES);
      at = a.end;
    }
    const next: Area[] = [];
    for (const a of this.areas) {
      if (a.end <= start || a.start >= end) {
        next.push(a);
        continue;
      }
      const pieces: Area[] = [];
      if (a.start < start) pieces.push(slice(a, a.start, start));
      pieces.push({ ...slice(a, Math.max(a.start, start), Math.min(a.end, end)), prot });
      if (a.end > end) pieces.push(slice(a, end, a.end));
      next.push(...pieces);
      for (let i = 1; i < pieces.length; i++) a.shared?.object.retain();
    }
    this.areas = next;
    for (let page = start; page < end; page += PAGE_SIZE) {
      const r = this.resident.get(page);
      if (!r) continue;
      // A frame another space still holds is never mapped writable: the
      // first write must fault and copy, whatever the new protection.
      // (Shared frames are the object's: they stay shared.)
      if (!r.shared && this.frames.refCount(r.frame) > 1) r.cow = true;
      this.mapPage(page, r.frame, prot, r.cow);
    }
  }

  /** A page fault at `address`; 'segv' when the access is not allowed. */
  handleFault(address: number, access: MemoryAccess): FaultOutcome {
    const area = this.findArea(address);
    if (!area || !allows(area.prot, access)) return 'segv';
    const page = alignDown(address, PAGE_SIZE);
    const r = this.resident.get(page);
    if (area.shared) return this.sharedFault(area, page, r, access);
    if (!r) {
      const frame = this.frames.alloc();
      if (frame < 0) return 'oom';
      this.memory.fill(frame, PAGE_SIZE, 0);
      try {
        this.mapPage(page, frame, area.prot, false);
      } catch {
        this.frames.release(frame); // no frame left for a page table
        return 'oom';
      }
      this.resident.set(page, { frame, cow: false, shared: false });
      return 'mapped';
    }
    if (access === 'write' && r.cow) {
      try {
        this.breakCopyOnWrite(page, r, area.prot);
      } catch {
        return 'oom'; // no frame for the copy
      }
      return 'mapped';
    }
    // Present and allowed: another CPU's stale TLB entry; map it again.
    this.mapPage(page, r.frame, area.prot, r.cow);
    return 'mapped';
  }

  /** A fault in a shared area: the object's frame, mapped as it is (a
   * write-tracking object's pages read-only until their first write). */
  private sharedFault(area: Area, page: number, r: Resident | undefined, access: MemoryAccess): FaultOutcome {
    const { object, pageOffset } = area.shared!;
    const index = pageOffset + (page - area.start) / PAGE_SIZE;
    if (!r) {
      const frame = object.frameAt(index);
      if (frame === PAGE_BEYOND_END) return 'sigbus';
      if (frame === PAGE_NO_MEMORY || frame < 0) return 'oom';
      const tracked = object.markDirty !== undefined;
      if (tracked && access === 'write') object.markDirty!(index);
      const clean = tracked && access !== 'write';
      try {
        this.mapPage(page, frame, area.prot, clean);
      } catch {
        return 'oom'; // no frame left for a page table
      }
      this.resident.set(page, { frame, cow: clean, shared: true });
      return 'mapped';
    }
    if (access === 'write' && r.cow) {
      object.markDirty?.(index);
      r.cow = false;
    }
    this.mapPage(page, r.frame, area.prot, r.cow);
    return 'mapped';
  }

  /** Makes a page present (for the kernel's own copies into user memory). */
  ensurePage(address: number, access: MemoryAccess): number {
    const page = alignDown(address, PAGE_SIZE);
    const r = this.resident.get(page);
    if (r && !(access === 'write' && r.cow)) {
      const area = this.findArea(page);
      return area && allows(area.prot, access) ? r.frame : -1;
    }
    const outcome = this.handleFault(address, access);
    if (outcome === 'oom') fail(ENOMEM);
    return outcome === 'mapped' ? this.resident.get(page)!.frame : -1; // segv, sigbus: EFAULT
  }

  /** The futex key of the word at `address` (Linux's get_futex_key): by
   * physical address in a shared area (unless `private`), so every space
   * mapping the object meets there; else by this space and the address.
   * Null when the word cannot be read. */
  futexKey(address: number, isPrivate: boolean): string | null {
    const area = this.findArea(address);
    if (!area || !allows(area.prot, 'read')) return null;
    if (isPrivate || !area.shared) return `${this.id}:${address}`;
    const frame = this.ensurePage(address, 'read');
    return frame < 0 ? null : `shared:${frame + (address % PAGE_SIZE)}`;
  }

  /** Puts bytes into a fresh page of an area (program loading). */
  populate(page: number, data: Uint8Array, offsetInPage: number): void {
    const frame = this.ensurePage(page, 'read');
    if (frame < 0) fail(ENOMEM);
    this.memory.write(frame + offsetInPage, data);
  }

  /** brk: moves the program break; returns the new break (or the old one
   * when the request cannot be met, as Linux does). */
  setBrk(requested: number): number {
    if (requested < this.brkStart) return this.brk;
    const oldEnd = alignUp(this.brk, PAGE_SIZE);
    const newEnd = alignUp(requested, PAGE_SIZE);
    if (newEnd > oldEnd) {
      if (this.overlaps(oldEnd, newEnd) || newEnd > this.mmapTop) return this.brk;
      this.growHeap(oldEnd, newEnd);
    } else if (newEnd < oldEnd) {
      this.removeRange(newEnd, oldEnd);
    }
    this.brk = requested;
    return this.brk;
  }

  /**
   * fork: a copy sharing every present page copy-on-write. Every page, not
   * only those of writable areas: a read-only page may be made writable by
   * mprotect later, in either space, and its first write must still copy.
   */
  fork(childSpace: AddressSpace): VmSpace {
    const child = new VmSpace(childSpace, this.frames, this.memory, this.userTop, this.mmapTop);
    child.areas = this.areas.map((a) => ({ ...a }));
    for (const a of child.areas) a.shared?.object.retain();
    child.brkStart = this.brkStart;
    child.brk = this.brk;
    try {
      for (const [page, r] of this.resident) {
        const area = this.findArea(page)!;
        if (r.shared) {
          // The same frame on both sides, as it is mapped here.
          child.resident.set(page, { frame: r.frame, cow: r.cow, shared: true });
          child.mapPage(page, r.frame, area.prot, r.cow);
          continue;
        }
        this.frames.retain(r.frame);
        child.resident.set(page, { frame: r.frame, cow: true, shared: false });
        if (!r.cow) {
          r.cow = true;
          this.mapPage(page, r.frame, area.prot, true);
        }
        child.mapPage(page, r.frame, area.prot, true);
      }
    } catch (error) {
      child.destroy(); // gives back the frames it took so far
      throw error;
    }
    return child;
  }

  /** exit / exec: every page and the page tables go back. */
  destroy(): void {
    for (const page of [...this.resident.keys()]) this.dropPage(page);
    const areas = this.areas;
    this.areas = [];
    this.space.destroy();
    for (const a of areas) a.shared?.object.release();
  }

  private growHeap(from: number, to: number): void {
    const heap = this.areas.find((a) => a.name === 'heap' && a.end === from);
    if (heap) heap.end = to;
    else this.addArea(from, to, PROT_READ | PROT_WRITE, 'heap');
  }

  private breakCopyOnWrite(page: number, r: Resident, prot: number): void {
    // (Shared pages never get here: sharedFault handles them.)
    if (this.frames.refCount(r.frame) > 1) {
      const copy = this.frames.alloc();
      if (copy < 0) fail(ENOMEM, 'out of memory breaking copy-on-write');
      this.memory.copy(copy, r.frame, PAGE_SIZE);
      this.frames.release(r.frame);
      r.frame = copy;
    }
    r.cow = false;
    this.mapPage(page, r.frame, prot, false);
  }

  private mapPage(page: number, frame: number, prot: number, cow: boolean): void {
    let flags = PageFlags.USER;
    if (prot & PROT_READ) flags |= PageFlags.READ;
    if (prot & PROT_WRITE && !cow) flags |= PageFlags.WRITE;
    if (prot & PROT_EXEC) flags |= PageFlags.EXECUTE;
    if (prot === PROT_NONE) {
      this.space.unmap(page);
      return;
    }
    this.space.map(page, frame, flags);
  }

  private dropPage(page: number): void {
    const r = this.resident.get(page);
    if (!r) return;
    this.space.unmap(page);
    if (!r.shared) this.frames.release(r.frame);
    this.resident.delete(page);
  }

  private overlaps(start: number, end: number): boolean {
    return this.areas.some((a) => a.start < end && start < a.end);
  }
}

/** The part [from, to) of `a`, its shared object's page offset moved along
 * (the caller accounts for the object's references). */
function slice(a: Area, from: number, to: number): Area {
  const piece: Area = { ...a, start: from, end: to };
  if (a.shared) piece.shared = { ...a.shared, pageOffset: a.shared.pageOffset + (from - a.start) / PAGE_SIZE };
  return piece;
}

function allows(prot: number, access: MemoryAccess): boolean {
  if (access === 'write') return (prot & PROT_WRITE) !== 0;
  if (access === 'execute') return (prot & PROT_EXEC) !== 0;
  return (prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) !== 0;
}
