/**
 * The kernel's x86_64 page tables (arch/x86_64/supervisor/paging.ts) with
 * frames above 2 GiB, where a page table entry's low word has bit 31 set:
 * read back as a signed 32-bit value, such a table looked absent, so the
 * space built a new one over it and the pc board triple-faulted at its
 * first return to user mode with --memory above 2048M.
 */
import { PageFlags } from '../../hal/address-space';
import { Bus } from '../../platform/bus';
import { X86Space } from '../../arch/x86_64/supervisor/paging';

const PAGE = 4096;
const RAM = 2 ** 31 + 64 * PAGE;

/** Frames handed out from 2 GiB up. */
function framesAbove2G(bus: Bus) {
  let next = 2 ** 31;
  return {
    allocZeroed(): number {
      const frame = next;
      next += PAGE;
      bus.u8.fill(0, frame, frame + PAGE);
      return frame;
    },
    free(): void {},
  };
}

test('page tables and pages above 2 GiB map, translate and unmap', () => {
  const bus = new Bus(RAM, 'open-bus');
  bus.mapRam('ram', 0, RAM, 0);
  const frames = framesAbove2G(bus);
  const hart = { cr3: 0, loadCr3(root: number) { this.cr3 = root; }, invalidate() {} };
  const space = new X86Space(bus, frames, hart, frames.allocZeroed(), false);
  const page = 2 ** 31 + 60 * PAGE;
  space.map(0x40_0000, page, PageFlags.READ | PageFlags.WRITE | PageFlags.USER);
  space.map(0x40_1000, page + PAGE, PageFlags.READ | PageFlags.USER);
  expect(space.translate(0x40_0123)).toBe(page + 0x123);
  expect(space.translate(0x40_1fff)).toBe(page + PAGE + 0xfff);
  // The second mapping reused the tables the first one built: 1 root and
  // 3 tables, not 3 more.
  expect(frames.allocZeroed()).toBe(2 ** 31 + 4 * PAGE);
  expect(space.unmap(0x40_0000)).toBe(page);
  expect(space.translate(0x40_0000)).toBe(-1);
});
