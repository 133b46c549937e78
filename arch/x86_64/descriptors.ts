/**
 * Segment descriptors from the GDT (SDM vol. 3, 3.4.5 and 7.2.3): what the
 * core needs in 64-bit mode: presence, type, DPL, the L bit, and 16-byte
 * system descriptors (TSS).
 */
import type { X86Core } from './core';
import { TWO32 } from './registers';

export interface SegmentDescriptor {
  lo: number;
  hi: number;
}

/** Reads the 8-byte descriptor for `sel` (supervisor access); #GP(sel) when
 * the selector is null or beyond the GDT limit. */
export function readDescriptor(c: X86Core, sel: number, out: SegmentDescriptor): void {
  const index = sel & ~7;
  if (index === 0 || (sel & 4) !== 0 || index + 7 > c.gdtLimit) c.gp(sel & 0xfffc);
  c.withSupervisor(() => {
    out.lo = c.read32(c.gdtBase + index);
    out.hi = c.read32(c.gdtBase + index + 4);
  });
}

export function descPresent(d: SegmentDescriptor): boolean {
  return (d.hi & (1 << 15)) !== 0;
}

export function descDpl(d: SegmentDescriptor): number {
  return (d.hi >> 13) & 3;
}

/** A code segment: S = 1 and type bit 3 (executable). */
export function descIsCode(d: SegmentDescriptor): boolean {
  return (d.hi & (1 << 12)) !== 0 && (d.hi & (1 << 11)) !== 0;
}

export function descLong(d: SegmentDescriptor): boolean {
  return (d.hi & (1 << 21)) !== 0;
}

/** Base of a 16-byte system descriptor (TSS/LDT) in 64-bit mode. */
export function systemDescriptorBase(c: X86Core, sel: number, d: SegmentDescriptor): number {
  const index = sel & ~7;
  const upper = c.withSupervisor(() => c.read32(c.gdtBase + index + 8));
  const base32 = ((d.lo >>> 16) | ((d.hi & 0xff) << 16) | (d.hi & 0xff000000)) >>> 0;
  return upper * TWO32 + base32;
}

export function descLimit(d: SegmentDescriptor): number {
  const raw = (d.lo & 0xffff) | (d.hi & 0xf0000);
  return (d.hi & (1 << 23)) !== 0 ? raw * 4096 + 4095 : raw;
}
