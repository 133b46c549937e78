/** Shared mappings (MAP_SHARED): anonymous memory across fork, a file's
 * pages kept coherent with read/write, a device's own frames, next to
 * private pages that stay copy-on-write. */
import { PageFlags } from '../../hal/address-space';
import { RamFs } from '../../kernel/fs/ramfs';
import { FrameAllocator, PAGE_SIZE } from '../../kernel/mm/frame-allocator';
import { MemoryObject, PAGE_BEYOND_END } from '../../kernel/mm/memory-object';
import { SharedMemory } from '../../kernel/mm/shared-memory';
import { UserMemory } from '../../kernel/mm/user-memory';
import { PROT_READ, PROT_WRITE, VmSpace } from '../../kernel/mm/vm-space';
import { EACCES, KernelError } from '../../kernel/syscall/errno';
import { Bus, BusPhysicalMemory } from '../../platform/bus';
import { MapAddressSpace } from './support/fake-address-space';

const RAM = 0x10_0000;
const TOP = 0x8000_0000;
const AT = 0x1000_0000;
const RW = PROT_READ | PROT_WRITE;

function setup() {
  const bus = new Bus(4 << 20, 'fault');
  bus.mapRam('ram', RAM, 4 << 20, 0);
  const frames = new FrameAllocator([{ base: RAM, size: 4 << 20 }]);
  const memory = new BusPhysicalMemory(bus);
  const vm = new VmSpace(new MapAddressSpace(), frames, memory, TOP, 0x7000_0000);
  const shared = new SharedMemory(frames, memory);
  return { frames, memory, vm, shared, user: new UserMemory(vm, memory) };
}

/** A store through the page table as the MMU does it: a fault first when
 * the page is absent or not writable. */
function store(vm: VmSpace, memory: BusPhysicalMemory, address: number, value: number): void {
  const space = vm.space as MapAddressSpace;
  const page = address - (address % PAGE_SIZE);
  if (space.translate(address) < 0 || (space.flagsOf(page) & PageFlags.WRITE) === 0) expect(vm.handleFault(address, 'write')).toBe('mapped');
  memory.write(space.translate(address), Uint8Array.of(value));
}

describe('shared mappings', () => {
  test('anonymous shared memory: parent and child see each other\'s writes after fork; the last unmapping frees it', () => {
    const { frames, memory, vm, shared, user } = setup();
    const free = frames.freeFrames;
    vm.addArea(AT, AT + 2 * PAGE_SIZE, RW, 'mmap', false, { object: shared.anonymous(2), pageOffset: 0, mayWrite: true });
    vm.addArea(AT + 0x10_0000, AT + 0x10_1000, RW, 'mmap'); // a private page beside it
    store(vm, memory, AT, 1);
    store(vm, memory, AT + 0x10_0000, 5);
    const child = vm.fork(new MapAddressSpace());
    const childUser = new UserMemory(child, memory);
    store(child, memory, AT + 1, 2);
    store(vm, memory, AT + PAGE_SIZE, 3);
    store(child, memory, AT + 0x10_0000, 6); // private: copied
    expect(Array.from(user.read(AT, 2))).toEqual([1, 2]);
    expect(Array.from(childUser.read(AT, 2))).toEqual([1, 2]);
    expect(childUser.read(AT + PAGE_SIZE, 1)[0]).toBe(3);
    expect(user.read(AT + 0x10_0000, 1)[0]).toBe(5);
    expect(childUser.read(AT + 0x10_0000, 1)[0]).toBe(6);
    // The shared frame is the object's: mapped writable on both sides, counted once.
    const frame = (vm.space as MapAddressSpace).translate(AT);
    expect((child.space as MapAddressSpace).translate(AT)).toBe(frame);
    expect(frames.refCount(frame)).toBe(1);
    vm.destroy();
    expect(childUser.read(AT, 1)[0]).toBe(1); // the child still has it
    child.destroy();
    expect(frames.freeFrames).toBe(free);
  });

  test('mprotect and munmap of part of a shared area keep the rest mapped to the right pages', () => {
    const { memory, vm, shared, user } = setup();
    vm.addArea(AT, AT + 4 * PAGE_SIZE, RW, 'mmap', false, { object: shared.anonymous(4), pageOffset: 0, mayWrite: true });
    for (let i = 0; i < 4; i++) store(vm, memory, AT + i * PAGE_SIZE, 10 + i);
    const child = vm.fork(new MapAddressSpace());
    vm.protect(AT + PAGE_SIZE, AT + 2 * PAGE_SIZE, PROT_READ);
    expect(vm.handleFault(AT + PAGE_SIZE, 'write')).toBe('segv');
    vm.protect(AT + PAGE_SIZE, AT + 2 * PAGE_SIZE, RW);
    store(vm, memory, AT + PAGE_SIZE, 21); // still the shared page, not a copy
    child.removeRange(AT, AT + PAGE_SIZE);
    child.removeRange(AT + 2 * PAGE_SIZE, AT + 3 * PAGE_SIZE);
    const childUser = new UserMemory(child, memory);
    expect(childUser.read(AT + PAGE_SIZE, 1)[0]).toBe(21);
    expect(childUser.read(AT + 3 * PAGE_SIZE, 1)[0]).toBe(13);
    // Unmapped in the child, its pages come back faulted from the object in a fresh mapping of the rest.
    (child.space as MapAddressSpace).pages.clear();
    expect(child.handleFault(AT + 3 * PAGE_SIZE, 'read')).toBe('mapped');
    expect(childUser.read(AT + 3 * PAGE_SIZE, 1)[0]).toBe(13);
    expect(child.handleFault(AT, 'read')).toBe('segv');
    expect(user.read(AT + 2 * PAGE_SIZE, 1)[0]).toBe(12);
  });

  test('a file\'s pages: filled from the file, written back before read(), refreshed by write(), SIGBUS past the end', () => {
    const { frames, memory, vm, shared, user } = setup();
    const fs = new RamFs('tmpfs', () => 0, 1 << 20);
    const file = fs.addFile('/f', 0o644, new TextEncoder().encode('hello'));
    vm.addArea(AT, AT + 2 * PAGE_SIZE, RW, 'mmap', false, { object: shared.filePages(file, '/f'), pageOffset: 0, mayWrite: true });
    expect(new TextDecoder().decode(user.read(AT, 5))).toBe('hello');
    // Mapped read-only until written (the write is tracked).
    expect((vm.space as MapAddressSpace).flagsOf(AT) & PageFlags.WRITE).toBe(0);
    store(vm, memory, AT, 'J'.charCodeAt(0));
    shared.beforeAccess(file);
    const bytes = new Uint8Array(5);
    file.read(0, bytes);
    expect(new TextDecoder().decode(bytes)).toBe('Jello');
    file.write(1, Uint8Array.of(0x41));
    shared.afterWrite(file, 1, 1);
    expect(new TextDecoder().decode(user.read(AT, 5))).toBe('JAllo');
    expect(file.size).toBe(5); // writes past the end of the file stay in memory
    expect(vm.handleFault(AT + PAGE_SIZE, 'read')).toBe('sigbus');
    const other = new VmSpace(new MapAddressSpace(), frames, memory, TOP, 0x7000_0000);
    other.addArea(AT, AT + PAGE_SIZE, PROT_READ, 'mmap', false, { object: shared.filePages(file, '/f'), pageOffset: 0, mayWrite: false });
    expect(() => other.protect(AT, AT + PAGE_SIZE, RW)).toThrow(new KernelError(EACCES));
    expect(shared.mappedFiles).toBe(1);
    store(vm, memory, AT + 4, 0x21);
    vm.destroy(); // the last write reaches the file at the unmapping
    other.destroy();
    expect(shared.mappedFiles).toBe(0);
    file.read(0, bytes);
    expect(new TextDecoder().decode(bytes)).toBe('JAll!');
  });

  test('a device\'s own frames are mapped as they are, never counted or freed', () => {
    const { frames, vm, user } = setup();
    const deviceFrame = 0x200_0000; // outside the allocator's RAM
    let refs = 1;
    const device: MemoryObject = {
      name: '/dev/fb0',
      frameAt: (i) => (i < 1 ? deviceFrame : PAGE_BEYOND_END),
      retain: () => void refs++,
      release: () => void refs--,
    };
    const free = frames.freeFrames;
    vm.addArea(AT, AT + 2 * PAGE_SIZE, RW, 'mmap', false, { object: device, pageOffset: 0, mayWrite: true });
    expect(vm.handleFault(AT, 'write')).toBe('mapped');
    expect((vm.space as MapAddressSpace).translate(AT)).toBe(deviceFrame);
    expect(vm.handleFault(AT + PAGE_SIZE, 'write')).toBe('sigbus');
    const child = vm.fork(new MapAddressSpace());
    expect(refs).toBe(2);
    expect((child.space as MapAddressSpace).translate(AT)).toBe(deviceFrame);
    expect((child.space as MapAddressSpace).flagsOf(AT) & PageFlags.WRITE).toBe(PageFlags.WRITE);
    child.protect(AT, AT + PAGE_SIZE, PROT_READ);
    child.destroy();
    vm.removeRange(AT, AT + 2 * PAGE_SIZE);
    expect(refs).toBe(0);
    expect(frames.freeFrames).toBe(free); // no frame of the allocator was used
    expect(() => user.read(AT, 1)).toThrow();
  });
});
