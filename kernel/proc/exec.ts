/**
 * Building a program's address space from an ELF image: its segments as
 * areas (a page shared by two segments gets both permissions), the file's
 * bytes copied in, bss left to demand-zero paging, the heap's start after
 * the last segment, and an 8 MiB stack holding Linux's initial stack.
 */
import type { AddressSpace } from '../../hal/address-space';
import type { PhysicalMemory } from '../../hal/physical-memory';
import type { TrapHost, UserContext } from '../../hal/trap';
import type { KernelRandom } from '../lib/random';
import { FrameAllocator, PAGE_SIZE, alignDown, alignUp } from '../mm/frame-allocator';
import { PROT_EXEC, PROT_READ, PROT_WRITE, VmSpace } from '../mm/vm-space';
import type { ElfImage } from './elf-image';
import { AT_BASE, AT_CLKTCK, AT_EGID, AT_ENTRY, AT_EUID, AT_FLAGS, AT_GID, AT_HWCAP, AT_PAGESZ, AT_PHDR, AT_PHENT, AT_PHNUM, AT_SECURE, AT_UID, buildInitialStack } from './initial-stack';

export const STACK_SIZE = 8 << 20;
/** Room between the stack and the highest mmap, as Linux's stack gap. */
const STACK_GAP = 1 << 20;

export interface ProgramArgs {
  path: string;
  argv: readonly string[];
  envp: readonly string[];
  /** What execve was asked to run, when that was a script (AT_EXECFN). */
  execfn?: string;
}

export interface LoadedProgram {
  vm: VmSpace;
  context: UserContext;
}

export interface ExecEnvironment {
  trapHost: TrapHost;
  frames: FrameAllocator;
  memory: PhysicalMemory;
  random: KernelRandom;
  platform: string;
}

/** Loads `image` (the bytes of `file`) into the fresh address space `space`. */
export function loadProgram(env: ExecEnvironment, space: AddressSpace, file: Uint8Array, image: ElfImage, args: ProgramArgs): LoadedProgram {
  const userTop = env.trapHost.userTop;
  const stackTop = alignDown(userTop - PAGE_SIZE, PAGE_SIZE);
  const stackBottom = stackTop - STACK_SIZE;
  const vm = new VmSpace(space, env.frames, env.memory, userTop, stackBottom - STACK_GAP);
  try {
    mapSegments(vm, file, image);
    vm.addArea(stackBottom, stackTop, PROT_READ | PROT_WRITE, 'stack');
    mapSignalTrampoline(vm, env.trapHost);
    const random = new Uint8Array(16);
    env.random.fill(random);
    const stack = buildInitialStack({
      wordSize: env.trapHost.wordSize,
      stackTop,
      path: args.execfn ?? args.path,
      argv: args.argv,
      envp: args.envp,
      platform: env.platform,
      random,
      auxv: [
        [AT_HWCAP, env.trapHost.hwcap],
        [AT_PAGESZ, PAGE_SIZE],
        [AT_CLKTCK, 100],
        [AT_PHDR, image.phdrAddress],
        [AT_PHENT, image.phent],
        [AT_PHNUM, image.phnum],
        [AT_BASE, 0],
        [AT_FLAGS, 0],
        [AT_ENTRY, image.entry],
        [AT_UID, 0],
        [AT_EUID, 0],
        [AT_GID, 0],
        [AT_EGID, 0],
        [AT_SECURE, 0],
      ],
    });
    if (stack.bytes.length > STACK_SIZE / 4) throw new RangeError('arguments and environment exceed a quarter of the stack');
    writeBytes(vm, stack.sp, stack.bytes);
    return { vm, context: env.trapHost.createContext(image.entry, stack.sp) };
  } catch (error) {
    vm.destroy();
    throw error;
  }
}

function mapSegments(vm: VmSpace, file: Uint8Array, image: ElfImage): void {
  // Page by page protection: a page two segments share gets both.
  const pageProt = new Map<number, number>();
  let end = 0;
  for (const s of image.segments) {
    const prot = (s.readable ? PROT_READ : 0) | (s.writable ? PROT_WRITE : 0) | (s.executable ? PROT_EXEC : 0);
    for (let page = alignDown(s.vaddr, PAGE_SIZE); page < s.vaddr + s.memsz; page += PAGE_SIZE) {
      pageProt.set(page, (pageProt.get(page) ?? 0) | prot);
    }
    end = Math.max(end, s.vaddr + s.memsz);
  }
  const pages = [...pageProt.keys()].sort((a, b) => a - b);
  let runStart = -1;
  for (let i = 0; i <= pages.length; i++) {
    const page = pages[i];
    const prev = pages[i - 1];
    const continues = i > 0 && i < pages.length && page === prev + PAGE_SIZE && pageProt.get(page) === pageProt.get(prev);
    if (continues) continue;
    if (runStart >= 0) vm.addArea(runStart, prev + PAGE_SIZE, pageProt.get(prev)!, pageProt.get(prev)! & PROT_EXEC ? 'text' : 'data');
    runStart = page;
  }
  for (const s of image.segments) writeBytes(vm, s.vaddr, file.subarray(s.offset, s.offset + s.filesz));
  vm.brkStart = vm.brk = alignUp(end, PAGE_SIZE);
}

/** The page signal handlers return through (what Linux's vDSO offers):
 * the architecture's rt_sigreturn trampoline, read and execute only. */
function mapSignalTrampoline(vm: VmSpace, trapHost: TrapHost): void {
  const { trampolineAddress, trampolineCode } = trapHost.signals;
  vm.addArea(trampolineAddress, trampolineAddress + PAGE_SIZE, PROT_READ | PROT_EXEC, 'sigreturn');
  vm.populate(trampolineAddress, trampolineCode, 0);
}

/** Copies into the new program's pages, whatever their final protection. */
function writeBytes(vm: VmSpace, address: number, data: Uint8Array): void {
  let done = 0;
  while (done < data.length) {
    const at = address + done;
    const n = Math.min(PAGE_SIZE - (at % PAGE_SIZE), data.length - done);
    vm.populate(alignDown(at, PAGE_SIZE), data.subarray(done, done + n), at % PAGE_SIZE);
    done += n;
  }
}
