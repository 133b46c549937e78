/**
 * execve's work outside the process: find the file, read it, check the ELF
 * (as host work, while virtual time stands still), and build the new
 * address space. A script starting with
 * "#!" runs its interpreter instead (shebang.ts), up to 4 levels deep as
 * Linux allows. The caller learns the outcome through a callback: a
 * loaded program or the errno to report.
 */
import type { AddressSpaceFactory } from '../../hal/address-space';
import type { HostWork } from '../../hal/host-work';
import type { Vfs } from '../fs/vfs';
import { EACCES, ELOOP, ENOEXEC, ENOMEM, KernelError } from '../syscall/errno';
import { readElfImage } from './elf-image';
import { ExecEnvironment, LoadedProgram, ProgramArgs, loadProgram } from './exec';
import { interpreterArgv, parseShebang } from './shebang';

/** Interpreters that are scripts themselves: Linux's limit. */
const MAX_INTERPRETER_DEPTH = 4;

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
  load(args: ProgramArgs, done: (outcome: LoadOutcome) => void, depth = 0): void {
    const inode = this.vfs.lookup(args.path);
    if (inode.kind !== 'file' || !inode.read) throw new KernelError(EACCES, `${args.path} is not a regular file`);
    if ((inode.permissions & 0o111) === 0) throw new KernelError(EACCES, `${args.path} is not executable`);
    const bytes = new Uint8Array(inode.size);
    inode.read(0, bytes);
    const script = parseShebang(bytes, args.path);
    if (script) {
      if (depth === MAX_INTERPRETER_DEPTH) throw new KernelError(ELOOP, `${args.path}: too many levels of #! interpreters`);
      const argv = interpreterArgv(script, args.path, args.argv);
      this.load({ path: script.interpreter, argv, envp: args.envp, execfn: args.execfn ?? args.path }, done, depth + 1);
      return;
    }
    const trap = this.env.trapHost;
    this.hostWork.run(readElfImage(bytes, trap), (image) => {
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
