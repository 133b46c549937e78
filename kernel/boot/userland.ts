/**
 * Bringing up user space: physical memory, the kernel's address space and
 * trap vectors, the file systems, the process machinery, and the first
 * program, /bin/init or what the command line asked for. When that program
 * ends, the machine powers off with its exit status (128 + signal if killed).
 */
import type { AddressSpaceFactory, FrameSource } from '../../hal/address-space';
import type { BootInfo, MemoryRange } from '../../hal/boot-info';
import type { Console } from '../../hal/console';
import type { WorkMeter } from '../../hal/work-meter';
import type { HostWork } from '../../hal/host-work';
import type { BlockDevice } from '../../hal/block-device';
import type { Display } from '../../hal/display';
import type { Keyboard } from '../../hal/keyboard';
import type { WallClock } from '../../hal/rtc';
import type { InterruptController } from '../../hal/interrupts';
import type { PhysicalMemory } from '../../hal/physical-memory';
import type { Power } from '../../hal/power';
import type { Timer } from '../../hal/timer';
import type { TrapHost } from '../../hal/trap';
import { DevFs } from '../fs/devfs';
import { DeviceDirectory } from '../fs/dev/device-directory';
import { EvdevDevice } from '../fs/dev/evdev';
import { FramebufferDevice } from '../fs/dev/fbdev';
import { SharedMemory } from '../mm/shared-memory';
import { Futexes } from '../proc/futexes';
import { FileSystemTypes } from '../fs/fs-types';
import type { FileSystem } from '../fs/file-system';
import { ProcFs } from '../fs/procfs/procfs';
import { newProcContext } from './proc-context';
import { diskNode, ensureMountPoint, mountDiskAtMnt, registerExt2, rootFromDiskCmdline } from './storage';
import { unpackInitramfs } from '../fs/initramfs';
import { OpenFile, O_RDWR } from '../fs/open-file';
import { RamFs } from '../fs/ramfs';
import { Vfs } from '../fs/vfs';
import { KernelRandom } from '../lib/random';
import type { Logger } from '../log/logger';
import { FrameAllocator, PAGE_SIZE, alignDown, alignUp } from '../mm/frame-allocator';
import { FdTable } from '../fs/open-file';
import { ProcessTable } from '../proc/process-table';
import { ProgramLoader } from '../proc/program-loader';
import { shellStatus, signalName } from '../proc/signals';
import { QUANTUM_NS, Scheduler } from '../sched/scheduler';
import { SyscallDispatcher } from '../syscall/dispatcher';
import { KernelError } from '../syscall/errno';
import type { SyscallAbi } from '../syscall/numbers';
import type { KernelServices } from '../syscall/services';
import { createSocketFamilies } from '../net/families';
import { MessageQueues } from '../ipc/message-queue';
import { TrapDispatcher } from '../trap/trap-dispatch';
import { Tty } from '../tty/tty';
import type { ScreenConsole } from '../console/screen-console';
import type { KernelCmdline } from './cmdline';
import { errnoText } from '../syscall/errno-text';

export interface UserlandDevices {
  bootInfo: BootInfo;
  cmdline: KernelCmdline;
  console: Console;
  timer: Timer;
  interrupts: InterruptController;
  trapHost: TrapHost;
  spaces: AddressSpaceFactory;
  physical: PhysicalMemory;
  hostWork: HostWork;
  power: Power | null;
  log: Logger;
  /** The screen console, mirroring the terminal's output, if any. */
  screen: ScreenConsole | null;
  keyboard: Keyboard | null;
  /** The screen, for /dev/fb0 (the text console is `screen`). */
  display?: Display | null;
  disk: BlockDevice | null;
  /** The battery-backed clock, if the board has one (CMOS RTC on pc). */
  rtc: WallClock | null;
  /** Where kernel work is charged in virtual time, if the board meters it. */
  work?: WorkMeter | null;
}

/** Virtual time charged for each entry into the kernel (a system call, an
 * interrupt, an exception): the trap, the register save and restore, the
 * return, as a small kernel takes on a core of this class (docs/clock.md). */
export const KERNEL_ENTRY_NS = 500;

/** Inode numbers of the devices added here (devfs's own are 1-6). */
const FB0_INO = 20;
const INPUT_DIR_INO = 21;
const EVENT0_INO = 22;

const INIT_ENV = ['HOME=/', 'PATH=/bin', 'TERM=linux'];
const MOUNT_POINTS = ['/dev', '/tmp', '/proc', '/mnt'];

export function startUserland(d: UserlandDevices): KernelServices {
  const { log } = d;
  const reserved: MemoryRange[] = d.bootInfo.initrd ? [pageRange(d.bootInfo.initrd)] : [];
  const frames = new FrameAllocator(d.bootInfo.ram, reserved);
  log.info('mem', `${frames.freeFrames} free frames of ${PAGE_SIZE} bytes (${Math.round((frames.freeFrames * PAGE_SIZE) / 1024)} KiB)`);
  const frameSource: FrameSource = {
    allocZeroed: () => {
      const frame = frames.alloc();
      if (frame >= 0) d.physical.fill(frame, PAGE_SIZE, 0);
      return frame;
    },
    free: (address) => frames.release(address),
  };
  const kernelSpace = d.spaces.init(frameSource);

  const clockNs = () => d.timer.nowNs();
  const epochNs = wallClockAtBoot(d) - clockNs();
  const realtimeNs = () => epochNs + clockNs();
  const initramfs = mountRoot(d, frames, realtimeNs);
  const disk = probeDisk(d);
  const diskDevice = disk ? diskNode(disk, log) : null;
  const diskRoot = diskDevice && disk ? rootFromDiskCmdline(d.cmdline.get('root'), d.cmdline.has('ro'), initProgramPath(d), diskDevice, `/dev/${disk.name}`, realtimeNs, log) : null;
  const random = new KernelRandom(Number(d.cmdline.get('seed') ?? '1'));
  const scheduler = new Scheduler();
  let processes: ProcessTable;
  const screen = d.screen;
  const tty = new Tty(
    d.console,
    {
      signalForeground: (signal) => {
        for (const p of processes.all()) if (p.pgid === tty.foregroundGroup) processes.kill(p, signal);
      },
    },
    screen ? (text) => screen.write(text) : null,
  );
  const vfs = diskRoot && disk ? new Vfs(diskRoot, `/dev/${disk.name}`) : new Vfs(initramfs, 'rootfs');
  // On a disk root the mount points are the disk's (made if missing).
  const mountOn = (path: string, fs: FileSystem, source: string) => {
    if (diskRoot && !ensureMountPoint(diskRoot.root, path.slice(1), !diskRoot.readOnly)) {
      log.warn('fs', `${path} is not a directory on the root file system: ${source} not mounted`);
      return;
    }
    vfs.mount(path, fs, source);
  };
  const devfs = new DevFs(tty, random, () => vfs.lookup('/'));
  if (disk && diskDevice) devfs.add(disk.name, diskDevice);
  const wordSize = d.trapHost.wordSize;
  const keyEvents = d.keyboard ? addEventDevice(devfs, wordSize, realtimeNs, clockNs) : null;
  if (d.display) devfs.add('fb0', new FramebufferDevice(FB0_INO, d.display, d.screen, d.physical, frames, wordSize));
  mountOn('/dev', devfs, 'devtmpfs');
  // Half of RAM, as Linux's tmpfs by default.
  const tmpCapacity = Math.floor((frames.totalFrames * PAGE_SIZE) / 2);
  mountOn('/tmp', new RamFs('tmpfs', realtimeNs, tmpCapacity), 'tmpfs');
  // POSIX shared memory (shm_open) is files in a tmpfs at /dev/shm.
  const shm = new RamFs('tmpfs', realtimeNs, tmpCapacity);
  shm.root.permissions = 0o1777;
  devfs.add('shm', shm.root);
  // Inside devfs (never a directory made on a disk root).
  if (vfs.isMountPoint('/dev')) vfs.mount('/dev/shm', shm, 'tmpfs');
  log.debug('fs', `/tmp holds up to ${Math.round(tmpCapacity / 1024)} KiB`);
  const filesystems = new FileSystemTypes();
  filesystems.register('tmpfs', false, () => new RamFs('tmpfs', realtimeNs, tmpCapacity));
  registerExt2(filesystems, realtimeNs, log);
  // Power-off writes every cache back first, whoever asks for it.
  const powerOff = (status: number) => {
    try {
      vfs.syncAll();
    } catch (error) {
      log.error('fs', `writing the caches back at power-off failed: ${(error as Error).message}`);
    }
    d.power?.powerOff(status);
  };

  processes = new ProcessTable(scheduler, d.spaces, d.physical, log, {
    initExited: (status) => {
      const code = shellStatus(status);
      const how = status & 0x7f ? `was killed by ${signalName(status & 0x7f)}` : `exited with status ${code}`;
      log.info('init', `the first process ${how}; powering off`);
      powerOff(code);
    },
    freeFrames: () => frames.freeFrames,
  });
  const abi: SyscallAbi = d.trapHost.wordSize === 8 ? 'x86_64' : 'riscv32';
  const procContext = newProcContext({ processes, scheduler, vfs, filesystems, abi, frames, clockNs, realtimeNs, tty, caches: () => (diskDevice?.mounted ? diskDevice.mounted.cache : null) });
  filesystems.register('proc', false, () => new ProcFs(procContext, () => vfs.lookup('/')));
  mountOn('/proc', new ProcFs(procContext, () => vfs.lookup('/')), 'proc');
  if (diskDevice && disk && !diskRoot) mountDiskAtMnt(diskDevice, `/dev/${disk.name}`, vfs, realtimeNs, log);
  // Host work completes outside any trap: afterwards an idle core looks
  // for what became runnable (the tick that used to find it stops when
  // idle).
  let dispatcher: TrapDispatcher | null = null;
  const hostWork: HostWork = {
    run: (work, done) =>
      d.hostWork.run(work, (result) => {
        done(result);
        dispatcher?.kick();
      }),
  };
  const loader = new ProgramLoader(vfs, hostWork, { trapHost: d.trapHost, frames, memory: d.physical, random, platform: abi }, d.spaces);
  const k: KernelServices = {
    abi,
    wordSize: d.trapHost.wordSize,
    log,
    vfs,
    filesystems,
    scheduler,
    processes,
    random,
    sockets: createSocketFamilies(),
    messageQueues: new MessageQueues(),
    sharedMemory: new SharedMemory(frames, d.physical),
    futexes: new Futexes(),
    tty,
    keyboard: d.keyboard,
    keyEvents,
    disk,
    trapHost: d.trapHost,
    loader,
    machineName: abi,
    powerOff,
    monotonicNs: clockNs,
    realtimeNs,
  };
  const traps = new TrapDispatcher(k, new SyscallDispatcher(k), d.interrupts, d.timer, (message) => {
    log.error('panic', message);
    d.power?.powerOff(255);
  });
  dispatcher = traps;
  k.traps = traps;
  const work = d.work ?? null;
  d.trapHost.install(kernelSpace, (trap) => {
    if (work) work.charge(KERNEL_ENTRY_NS);
    traps.handle(trap);
  });
  enableDevices(d, log);
  if (k.disk) {
    if (!d.interrupts.enable('disk')) log.debug('irq', 'the disk completes without interrupts');
    readFirstSector(k.disk, log, clockNs);
  }
  if (d.keyboard) {
    d.keyboard.init();
    if (!d.interrupts.enable('keyboard')) log.warn('irq', 'no keyboard interrupt on this board');
  }
  launchInit(d, k, devfs, traps);
  return k;
}

/** /dev/input/event0, the keyboard's event device. */
function addEventDevice(devfs: DevFs, wordSize: 4 | 8, realtimeNs: () => number, monotonicNs: () => number): EvdevDevice {
  const input = new DeviceDirectory(INPUT_DIR_INO, devfs);
  const events = new EvdevDevice(EVENT0_INO, wordSize, realtimeNs, monotonicNs);
  input.add('event0', events);
  devfs.add('input', input);
  return events;
}

/** CLOCK_REALTIME's origin: the RTC read once at boot (as Linux reads the
 * CMOS clock), else the time the boot loader was given. */
function wallClockAtBoot(d: UserlandDevices): number {
  if (d.rtc) {
    try {
      const seconds = d.rtc.nowSeconds();
      d.log.info('time', `real-time clock: ${new Date(seconds * 1000).toISOString()}`);
      return seconds * 1e9;
    } catch (error) {
      d.log.warn('time', `the real-time clock did not answer (${(error as Error).message}); using the boot loader's time`);
    }
  }
  return d.bootInfo.bootEpochSeconds * 1e9;
}

/** The disk, if the board has one and it answers. */
function probeDisk(d: UserlandDevices): BlockDevice | null {
  if (!d.disk) return null;
  try {
    d.disk.init();
  } catch (error) {
    d.log.info('disk', `no disk: ${(error as Error).message}`);
    return null;
  }
  const bytes = d.disk.sectorCount * d.disk.sectorSize;
  d.log.info('disk', `${d.disk.sectorCount} sectors of ${d.disk.sectorSize} bytes (${Math.round(bytes / 1024)} KiB)`);
  return d.disk;
}

/** Reads sector 0 once interrupts run: the driver's request path end to end. */
function readFirstSector(disk: BlockDevice, log: Logger, clockNs: () => number): void {
  if (disk.sectorCount === 0) return;
  const sector = new Uint8Array(disk.sectorSize);
  const start = clockNs();
  disk.read(0, 1, sector, (error) => {
    if (error) log.warn('disk', `reading sector 0 failed: ${error}`);
    else log.debug('disk', `sector 0 read in ${Math.round((clockNs() - start) / 1000)} us; it starts ${Array.from(sector.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ')}`);
  });
}

function pageRange(r: MemoryRange): MemoryRange {
  const base = alignDown(r.base, PAGE_SIZE);
  return { base, size: alignUp(r.base + r.size, PAGE_SIZE) - base };
}

function mountRoot(d: UserlandDevices, frames: FrameAllocator, clock: () => number): RamFs {
  const initrd = d.bootInfo.initrd;
  if (!initrd) {
    d.log.warn('fs', 'no initramfs: the root file system is empty');
    const empty = new RamFs('rootfs', clock);
    for (const dir of MOUNT_POINTS) empty.ensureDirectory([dir.slice(1)]);
    return empty;
  }
  const archive = new Uint8Array(initrd.size);
  d.physical.read(initrd.base, archive);
  const fs = unpackInitramfs(archive, clock, MOUNT_POINTS);
  // The archive's frames are free once unpacked.
  const range = pageRange(initrd);
  frames.releaseRange(range.base, range.size);
  d.log.info('fs', `initramfs: ${initrd.size} bytes unpacked at /, read-only; /dev and /tmp mounted`);
  return fs;
}

function enableDevices(d: UserlandDevices, log: Logger): void {
  d.interrupts.init();
  d.timer.startPeriodic(QUANTUM_NS);
  for (const source of ['timer', 'serial'] as const) {
    if (!d.interrupts.enable(source)) log.warn('irq', `no ${source} interrupt on this board`);
  }
  log.info('sched', `preemptive round robin, ${QUANTUM_NS / 1e6} ms tick`);
}

/** The first program's path: /bin/init, or the program the command line names. */
function initProgramPath(d: UserlandDevices): string {
  const first = d.bootInfo.initArgv.length > 0 ? d.bootInfo.initArgv[0] : '/bin/init';
  // A bare name is a program in /bin; argv[0] becomes its path, as Linux's
  // init= gives it (so a program can execve its own argv[0]).
  return first.includes('/') ? first : `/bin/${first}`;
}

function launchInit(d: UserlandDevices, k: KernelServices, devfs: DevFs, traps: TrapDispatcher): void {
  const argv = d.bootInfo.initArgv.length > 0 ? [...d.bootInfo.initArgv] : ['/bin/init'];
  const path = initProgramPath(d);
  argv[0] = path;
  const consoleFile = new OpenFile(devfs.lookup('console')!, O_RDWR, '/dev/console');
  const envp = d.bootInfo.initEnvp.length > 0 ? d.bootInfo.initEnvp : INIT_ENV;
  try {
    k.loader.load({ path, argv, envp }, (outcome) => {
      if (outcome instanceof KernelError) {
        k.log.error('init', `cannot run ${path}: ${describeKernelError(outcome)}`);
        d.power?.powerOff(127);
        return;
      }
      const fds = new FdTable();
      fds.install(consoleFile);
      fds.install(consoleFile.retain());
      fds.install(consoleFile.retain());
      const init = k.processes.createInit(path.slice(path.lastIndexOf('/') + 1), outcome.vm, outcome.context, fds);
      init.image = { path, argv, envp };
      k.log.info('init', `pid ${init.pid}: ${argv.join(' ')}`);
      traps.leave();
    });
  } catch (error) {
    const message = error instanceof KernelError ? describeKernelError(error) : (error as Error).message;
    k.log.error('init', `cannot run ${path}: ${message}`);
    d.power?.powerOff(127);
  }
}

/** "No such file or directory", or "Exec format error: segment 1 ..." when
 * the error carries its own detail. */
function describeKernelError(error: KernelError): string {
  const text = errnoText(error.errno);
  return error.message === `errno ${error.errno}` || error.message === text ? text : `${text}: ${error.message}`;
}
