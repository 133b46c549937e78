/**
 * The kernel's classes, by name: objects a snapshot finds that were made
 * after boot (processes, open files, pipes, inodes...) are created again
 * with their class's prototype (docs/snapshots.md). A kernel class that
 * is missing here makes a save fail with its name and path, never a
 * wrong restore: add it.
 */
import { KernelCmdline } from '../../kernel/boot/cmdline';
import { ScreenConsole } from '../../kernel/console/screen-console';
import { VtParser } from '../../kernel/console/vt-parser';
import { AtaDisk } from '../../kernel/drivers/ata';
import { ByteRing } from '../../kernel/drivers/byte-ring';
import { CmosRtcClock } from '../../kernel/drivers/cmos-rtc';
import { Esp32c3Keyboard } from '../../kernel/drivers/esp32c3-keyboard';
import { Esp32c3UartConsole } from '../../kernel/drivers/esp32c3-uart';
import { HpetTimer } from '../../kernel/drivers/hpet';
import { InterruptMatrixController } from '../../kernel/drivers/intmatrix';
import { Pic8259Controller } from '../../kernel/drivers/pic8259';
import { PitTimer } from '../../kernel/drivers/pit';
import { PowerControllerDriver } from '../../kernel/drivers/power-controller';
import { Ps2KeyboardDriver } from '../../kernel/drivers/ps2-keyboard';
import { SpiFlashBlockDevice } from '../../kernel/drivers/spi-flash';
import { St7789Display } from '../../kernel/drivers/st7789-lcd';
import { St7789Link } from '../../kernel/drivers/st7789-link';
import { SystimerTimer } from '../../kernel/drivers/systimer';
import { Uart16550Console } from '../../kernel/drivers/uart16550';
import { VgaDisplay } from '../../kernel/drivers/vga';
import { BlockDeviceNode } from '../../kernel/fs/block/block-device-node';
import { BlockIoError } from '../../kernel/fs/block/block-io';
import { BufferCache } from '../../kernel/fs/block/buffer-cache';
import { MemoryBlockIo } from '../../kernel/fs/block/memory-block-io';
import { PolledBlockIo } from '../../kernel/fs/block/polled-block-io';
import { DeviceDirectory } from '../../kernel/fs/dev/device-directory';
import { EvdevDevice } from '../../kernel/fs/dev/evdev';
import { FramebufferDevice, FramebufferMemory } from '../../kernel/fs/dev/fbdev';
import { DeviceNode, NullDevice, ZeroDevice, RandomDevice, ConsoleDevice, DevFs } from '../../kernel/fs/devfs';
import { Ext2Fs } from '../../kernel/fs/ext2/ext2-fs';
import { Ext2Node } from '../../kernel/fs/ext2/ext2-node';
import { FileSystemTypes } from '../../kernel/fs/fs-types';
import { OpenFile, FdTable } from '../../kernel/fs/open-file';
import { PipeBuffer, PipeEnd } from '../../kernel/fs/pipe';
import { LoadAverage } from '../../kernel/fs/procfs/load-average';
import { ProcNode, ProcFile, ProcLink, ProcDirectory } from '../../kernel/fs/procfs/proc-nodes';
import { ProcFs } from '../../kernel/fs/procfs/procfs';
import { RamFs, RamNode } from '../../kernel/fs/ramfs';
import { Vfs } from '../../kernel/fs/vfs';
import { AnonInode } from '../../kernel/ipc/anon-inode';
import { EpollItem, Epoll } from '../../kernel/ipc/epoll';
import { EventFd } from '../../kernel/ipc/eventfd';
import { MessageQueue, MessageQueues } from '../../kernel/ipc/message-queue';
import { ReadinessForwarder } from '../../kernel/ipc/readiness';
import { Kernel } from '../../kernel/kernel';
import { KernelRandom } from '../../kernel/lib/random';
import { LogBuffer } from '../../kernel/log/log-buffer';
import { Logger } from '../../kernel/log/logger';
import { AnonymousMemory } from '../../kernel/mm/anonymous-memory';
import { FilePages } from '../../kernel/mm/file-pages';
import { FrameAllocator } from '../../kernel/mm/frame-allocator';
import { SharedMemory } from '../../kernel/mm/shared-memory';
import { UserMemory } from '../../kernel/mm/user-memory';
import { VmSpace } from '../../kernel/mm/vm-space';
import { Socket, SocketFamilies } from '../../kernel/net/socket';
import { UnixNames } from '../../kernel/net/unix-names';
import { UnixSocket, UnixFamily } from '../../kernel/net/unix-socket';
import { ElfFormatError, ElfReader } from '../../kernel/proc/elf-file';
import { Futexes } from '../../kernel/proc/futexes';
import { ProcessTable } from '../../kernel/proc/process-table';
import { Process } from '../../kernel/proc/process';
import { ProgramLoader } from '../../kernel/proc/program-loader';
import { CpuStats } from '../../kernel/sched/cpu-stats';
import { Scheduler } from '../../kernel/sched/scheduler';
import { WaitQueue, Blocked } from '../../kernel/sched/wait-queue';
import { SyscallDispatcher } from '../../kernel/syscall/dispatcher';
import { KernelError } from '../../kernel/syscall/errno';
import { TrapDispatcher } from '../../kernel/trap/trap-dispatch';
import { Tty } from '../../kernel/tty/tty';

export const KERNEL_CLASSES = [
  KernelCmdline,
  ScreenConsole,
  VtParser,
  AtaDisk,
  ByteRing,
  CmosRtcClock,
  Esp32c3Keyboard,
  Esp32c3UartConsole,
  HpetTimer,
  InterruptMatrixController,
  Pic8259Controller,
  PitTimer,
  PowerControllerDriver,
  Ps2KeyboardDriver,
  SpiFlashBlockDevice,
  St7789Display,
  St7789Link,
  SystimerTimer,
  Uart16550Console,
  VgaDisplay,
  BlockDeviceNode,
  BlockIoError,
  BufferCache,
  MemoryBlockIo,
  PolledBlockIo,
  DeviceDirectory,
  EvdevDevice,
  FramebufferDevice,
  FramebufferMemory,
  DeviceNode,
  NullDevice,
  ZeroDevice,
  RandomDevice,
  ConsoleDevice,
  DevFs,
  Ext2Fs,
  Ext2Node,
  FileSystemTypes,
  OpenFile,
  FdTable,
  PipeBuffer,
  PipeEnd,
  LoadAverage,
  ProcNode,
  ProcFile,
  ProcLink,
  ProcDirectory,
  ProcFs,
  RamFs,
  RamNode,
  Vfs,
  AnonInode,
  EpollItem,
  Epoll,
  EventFd,
  MessageQueue,
  MessageQueues,
  ReadinessForwarder,
  Kernel,
  KernelRandom,
  LogBuffer,
  Logger,
  AnonymousMemory,
  FilePages,
  FrameAllocator,
  SharedMemory,
  UserMemory,
  VmSpace,
  Socket,
  SocketFamilies,
  UnixNames,
  UnixSocket,
  UnixFamily,
  ElfFormatError,
  ElfReader,
  Futexes,
  ProcessTable,
  Process,
  ProgramLoader,
  CpuStats,
  Scheduler,
  WaitQueue,
  Blocked,
  SyscallDispatcher,
  KernelError,
  TrapDispatcher,
  Tty,

];
