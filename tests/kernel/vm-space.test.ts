import { PageFlags } from '../../hal/address-space';
import { FrameAllocator, PAGE_SIZE } from '../../kernel/mm/frame-allocator';
import { UserMemory } from '../../kernel/mm/user-memory';
import { PROT_EXEC, PROT_READ, PROT_WRITE, VmSpace } from '../../kernel/mm/vm-space';
import { EFAULT, KernelError } from '../../kernel/syscall/errno';
import { Bus, BusPhysicalMemory } from '../../platform/bus';
import { MapAddressSpace } from './support/fake-address-space';

const RAM = 0x10_0000;
const TOP = 0x8000_0000;

function setup() {
  const bus = new Bus(4 << 20, 'fault');
  bus.mapRam('ram', RAM, 4 << 20, 0);
  const frames = new FrameAllocator([{ base: RAM, size: 4 << 20 }]);
  const memory = new BusPhysicalMemory(bus);
  const space = new MapAddressSpace();
  const vm = new VmSpace(space, frames, memory, TOP, 0x7000_0000);
  return { bus, frames, memory, space, vm, user: new UserMemory(vm, memory) };
}

describe('virtual memory of a process', () => {
  test('a fault in an anonymous area maps a zeroed frame with the area permissions', () => {
    const { vm, space, bus, memory } = setup();
    vm.addArea(0x1000_0000, 0x1000_4000, PROT_READ | PROT_WRITE, 'mmap');
    memory.fill(RAM, 4 << 20, 0xaa); // dirty RAM: the page must come back zeroed
    expect(vm.handleFault(0x1000_2010, 'write')).toBe('mapped');
    const physical = space.translate(0x1000_2000);
    expect(bus.read32(physical + 0x10)).toBe(0);
    expect(space.flagsOf(0x1000_2000)).toBe(PageFlags.USER | PageFlags.READ | PageFlags.WRITE);
  });

  test('faults outside an area, or against its protection, are SIGSEGV', () => {
    const { vm } = setup();
    vm.addArea(0x2000_0000, 0x2000_1000, PROT_READ, 'text');
    expect(vm.handleFault(0x3000_0000, 'read')).toBe('segv');
    expect(vm.handleFault(0x2000_0000, 'write')).toBe('segv');
    expect(vm.handleFault(0x2000_0000, 'execute')).toBe('segv');
  });

  test('fork shares pages copy-on-write; the first write copies, the last sharer keeps its frame', () => {
    const { vm, frames, user, memory } = setup();
    vm.addArea(0x1000_0000, 0x1000_1000, PROT_READ | PROT_WRITE, 'data');
    user.write(0x1000_0000, Uint8Array.of(1, 2, 3));
    const childSpace = new MapAddressSpace();
    const child = vm.fork(childSpace);
    const childUser = new UserMemory(child, memory);
    const shared = childSpace.translate(0x1000_0000);
    expect(frames.refCount(shared)).toBe(2);
    expect(childSpace.flagsOf(0x1000_0000) & PageFlags.WRITE).toBe(0);
    childUser.write(0x1000_0000, Uint8Array.of(9));
    expect(childSpace.translate(0x1000_0000)).not.toBe(shared);
    expect(Array.from(user.read(0x1000_0000, 3))).toEqual([1, 2, 3]);
    expect(Array.from(childUser.read(0x1000_0000, 3))).toEqual([9, 2, 3]);
    // The parent is now the only owner: its write fault just makes it writable.
    expect(frames.refCount(shared)).toBe(1);
    user.write(0x1000_0001, Uint8Array.of(7));
    expect((vm.space as MapAddressSpace).translate(0x1000_0000)).toBe(shared);
  });

  /** A store by the user program as the MMU does it: through the page table,
   * faulting (and retrying once) when the page is absent or not writable. */
  function userStore(vm: VmSpace, address: number, value: number, bus: Bus): void {
    const space = vm.space as MapAddressSpace;
    const page = address - (address % PAGE_SIZE);
    if (space.translate(address) < 0 || (space.flagsOf(page) & PageFlags.WRITE) === 0) {
      expect(vm.handleFault(address, 'write')).toBe('mapped');
    }
    expect(space.flagsOf(page) & PageFlags.WRITE).toBe(PageFlags.WRITE);
    bus.write8(space.translate(address), value);
  }

  test.each([
    ['the child', 'child'],
    ['the parent', 'parent'],
  ] as const)('a page read-only at fork stays private when %s makes it writable and writes', (_, writer) => {
    const { vm, frames, user, memory, bus } = setup();
    vm.addArea(0x1000_0000, 0x1000_2000, PROT_READ | PROT_EXEC, 'text');
    vm.populate(0x1000_0000, Uint8Array.of(0x11, 0x22), 0);
    vm.populate(0x1000_1000, Uint8Array.of(0x33), 0);
    const childSpace = new MapAddressSpace();
    const child = vm.fork(childSpace);
    const childUser = new UserMemory(child, memory);
    const shared = childSpace.translate(0x1000_0000);
    expect(frames.refCount(shared)).toBe(2);
    const [w, wUser, other, otherUser] = writer === 'child' ? [child, childUser, vm, user] : [vm, user, child, childUser];
    w.protect(0x1000_0000, 0x1000_2000, PROT_READ | PROT_WRITE);
    // Still shared: neither mapping may write the frame directly.
    expect((w.space as MapAddressSpace).flagsOf(0x1000_0000) & PageFlags.WRITE).toBe(0);
    expect((other.space as MapAddressSpace).flagsOf(0x1000_0000) & PageFlags.WRITE).toBe(0);
    userStore(w, 0x1000_0000, 0x99, bus);
    userStore(w, 0x1000_1000, 0x98, bus);
    expect(Array.from(wUser.read(0x1000_0000, 2))).toEqual([0x99, 0x22]);
    expect(Array.from(otherUser.read(0x1000_0000, 2))).toEqual([0x11, 0x22]);
    expect(Array.from(otherUser.read(0x1000_1000, 1))).toEqual([0x33]);
    expect((other.space as MapAddressSpace).translate(0x1000_0000)).toBe(shared);
    expect(frames.refCount(shared)).toBe(1);
    // The other side, now the only holder, may take its frame over when it
    // too makes the page writable.
    other.protect(0x1000_0000, 0x1000_1000, PROT_READ | PROT_WRITE);
    userStore(other, 0x1000_0001, 0x44, bus);
    expect((other.space as MapAddressSpace).translate(0x1000_0000)).toBe(shared);
    expect(Array.from(wUser.read(0x1000_0000, 2))).toEqual([0x99, 0x22]);
  });

  test('mprotect of a page still shared with a second child never maps it writable', () => {
    const { vm, frames, memory, bus } = setup();
    vm.addArea(0x1000_0000, 0x1000_1000, PROT_READ, 'data');
    vm.populate(0x1000_0000, Uint8Array.of(5), 0);
    const first = vm.fork(new MapAddressSpace());
    const second = vm.fork(new MapAddressSpace());
    const frame = (vm.space as MapAddressSpace).translate(0x1000_0000);
    expect(frames.refCount(frame)).toBe(3);
    first.protect(0x1000_0000, 0x1000_1000, PROT_READ | PROT_WRITE);
    userStore(first, 0x1000_0000, 6, bus);
    expect(frames.refCount(frame)).toBe(2);
    second.protect(0x1000_0000, 0x1000_1000, PROT_READ | PROT_WRITE);
    expect((second.space as MapAddressSpace).flagsOf(0x1000_0000) & PageFlags.WRITE).toBe(0);
    userStore(second, 0x1000_0000, 7, bus);
    const read = (v: VmSpace) => new UserMemory(v, memory).read(0x1000_0000, 1)[0];
    expect([read(vm), read(first), read(second)]).toEqual([5, 6, 7]);
  });

  test('brk grows and shrinks the heap, refusing to run into another area', () => {
    const { vm, frames } = setup();
    vm.brkStart = vm.brk = 0x0040_0000;
    expect(vm.setBrk(0x0040_3000)).toBe(0x0040_3000);
    vm.handleFault(0x0040_2000, 'write');
    const free = frames.freeFrames;
    expect(vm.setBrk(0x0040_1000)).toBe(0x0040_1000);
    expect(frames.freeFrames).toBe(free + 1);
    vm.addArea(0x0050_0000, 0x0050_1000, PROT_READ, 'mmap');
    expect(vm.setBrk(0x0060_0000)).toBe(0x0040_1000);
    expect(vm.setBrk(0)).toBe(0x0040_1000);
  });

  test('mmap picks the highest free gap; munmap splits areas and frees pages', () => {
    const { vm, frames } = setup();
    const a = vm.findFree(3 * PAGE_SIZE);
    expect(a).toBe(0x7000_0000 - 3 * PAGE_SIZE);
    vm.addArea(a, a + 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, 'mmap');
    expect(vm.findFree(PAGE_SIZE)).toBe(a - PAGE_SIZE);
    for (let p = a; p < a + 3 * PAGE_SIZE; p += PAGE_SIZE) vm.handleFault(p, 'write');
    const free = frames.freeFrames;
    vm.removeRange(a + PAGE_SIZE, a + 2 * PAGE_SIZE);
    expect(frames.freeFrames).toBe(free + 1);
    expect(vm.areaList.map((r) => [r.start - a, r.end - a])).toEqual([
      [0, PAGE_SIZE],
      [2 * PAGE_SIZE, 3 * PAGE_SIZE],
    ]);
  });

  test('mprotect changes present pages and later faults', () => {
    const { vm, space } = setup();
    vm.addArea(0x1000_0000, 0x1000_2000, PROT_READ | PROT_WRITE, 'mmap');
    vm.handleFault(0x1000_0000, 'write');
    vm.protect(0x1000_0000, 0x1000_1000, PROT_READ);
    expect(space.flagsOf(0x1000_0000) & PageFlags.WRITE).toBe(0);
    expect(vm.handleFault(0x1000_0000, 'write')).toBe('segv');
    expect(vm.handleFault(0x1000_1000, 'write')).toBe('mapped');
  });

  test('user copies fault pages in, and give EFAULT for wild or kernel pointers', () => {
    const { vm, user } = setup();
    vm.addArea(0x1000_0000, 0x1000_2000, PROT_READ | PROT_WRITE, 'mmap');
    const text = new TextEncoder().encode('across the page boundary\0');
    user.write(0x1000_0ff0, text);
    expect(user.readString(0x1000_0ff0)).toBe('across the page boundary');
    const efault = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as KernelError).errno;
      }
      return 0;
    };
    expect(efault(() => user.read(0x0, 4))).toBe(EFAULT);
    expect(efault(() => user.read(TOP - 2, 4))).toBe(EFAULT);
    expect(efault(() => user.write(0x1000_1ffe, Uint8Array.of(1, 2, 3, 4)))).toBe(EFAULT);
    user.write(0x1000_1ffc, Uint8Array.of(0x41, 0x42, 0x43, 0x44));
    expect(efault(() => user.readString(0x1000_1ffc))).toBe(EFAULT); // runs off the area without a NUL
  });

  test('destroy returns every frame', () => {
    const { vm, frames, space } = setup();
    const before = frames.freeFrames;
    vm.addArea(0x1000_0000, 0x1000_8000, PROT_READ | PROT_WRITE, 'mmap');
    for (let p = 0x1000_0000; p < 0x1000_8000; p += PAGE_SIZE) vm.handleFault(p, 'read');
    vm.destroy();
    expect(frames.freeFrames).toBe(before);
    expect(space.destroyed).toBe(true);
  });
});
