/**
 * execve's work outside the process: find the file, read it, check the ELF
 * (elfinfo is asynchronous, so it runs as host work while virtual time
 * stands still), and build the new address space. The caller learns the
 * outcome through a callback: a loaded program or the errno to report.
 */
import type { AddressSpaceFactory } from '../../hal/address-space';
import type { HostWork } from '../../hal/host-work';
import type { Vfs } from '../fs/vfs';
import { EACCES, ENOEXEC, ENOMEM, KernelError } from '../syscall/errno';
import { readElfImage } from './elf-image';
import { ExecEnvironment, LoadedProgram, ProgramArgs, loadProgram } from './exec';

export type LoadOutcome = LoadedProgram | KernelError;

export class ProgramLoader {
  constructor(
    private readonly vfs: Vfs,
    private readonly hostWork: HostWork,
    private readonly env: ExecEnvironment,
    private readonly spaces: AddressSpaceFactory,
  ) {}

  /** Throws a KernelError at once for a missing or non-executable file;
   * otherwise calls `done` later. */
  load(args: ProgramArgs, done: (outcome: LoadOutcome) => void): void {
    const inode = this.vfs.lookup(args.path);
    if (inode.kind !== 'file' || !inode.read) throw new KernelError(EACCES, `${args.path} is not a regular file`);
    if ((inode.permissions & 0o111) === 0) throw new KernelError(EACCES, `${args.path} is not executable`);
    const bytes = new Uint8Array(inode.size);
    inode.read(0, bytes);
    const trap = this.env.trapHost;
    const expectation = { machine: trap.elfMachine, elfClass: trap.elfClass, userTop: trap.userTop };
    this.hostWork.run(readElfImage(bytes, expectation), (image) => {
      if (image instanceof Error) {
        done(image instanceof KernelError ? image : new KernelError(ENOEXEC, image.message));
        return;
      }
      try {
        done(loadProgram(this.env, this.spaces.create(), bytes, image, args));
      } catch (error) {
        done(error instanceof KernelError ? error : new KernelError(ENOMEM, (error as Error).message));
      }
    });
  }
}
