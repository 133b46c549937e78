/**
 * The `jos` command line (commander). Every mistake on the command line
 * prints a clear error naming the valid choices and exits with status 2.
 */
import 'reflect-metadata';
import { Command, CommanderError, Option } from 'commander';
import { CPU_VENDORS } from '../arch/x86_64/cpu-model';
import { BOARD_NAMES, findBoard } from '../boards';
import { LOG_LEVELS } from '../kernel/log/levels';
import { KERNEL_RELEASE } from '../kernel/version';
import { DEFAULT_IWAD, DOOM_MEMORY } from './doom-defaults';
import type { DoomOptions } from './doom-command';
import { registerDiskCommand } from './disk/disk-command';
import type { ElfCliOptions } from './elf-command';
import type { ExecCliOptions } from './exec-command';
import type { RunOptions } from './run-command';
import type { RustBuildOptions } from './sdk/rust-build';
import { UsageError } from './usage-error';

/* eslint-disable @typescript-eslint/no-require-imports */
/** Each command's code is loaded when that command runs: `jos run` does not
 * evaluate the modules of Doom, gdb, replay, the SDK or the ELF tools
 * (start-up time, docs/bench.md). */
const load = {
  run: () => require('./run-command') as typeof import('./run-command'),
  doom: () => require('./doom-command') as typeof import('./doom-command'),
  boards: () => require('./boards-command') as typeof import('./boards-command'),
  exec: () => require('./exec-command') as typeof import('./exec-command'),
  elf: () => require('./elf-command') as typeof import('./elf-command'),
  cc: () => require('./sdk/c-build') as typeof import('./sdk/c-build'),
  rustc: () => require('./sdk/rust-build') as typeof import('./sdk/rust-build'),
  replay: () => require('./replay/replay-run') as typeof import('./replay/replay-run'),
  snapshot: () => require('./snapshot/snapshot-session') as typeof import('./snapshot/snapshot-session'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export const USAGE_STATUS = 2;

export function buildProgram(): Command {
  const program = new Command('jos')
    .description('JOS: one kernel, two emulated machines (x86_64 pc, ESP32-C3-like esp32c3)')
    .version(KERNEL_RELEASE, '-V, --version')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('run')
    .description('boot a board and run it until power-off, --timeout, or Ctrl-A X on a terminal (Ctrl-C otherwise)')
    .addOption(new Option('-b, --board <name>', 'the board to boot (not with --replay: the recording says)').choices([...BOARD_NAMES]))
    .option('-m, --memory <size>', 'main RAM, e.g. 64M (default per board: see "jos boards")')
    .option('--serial <where>', 'console UART: stdio, none or file:PATH', 'stdio')
    .addOption(new Option('--log-level <level>', 'kernel log level').choices([...LOG_LEVELS]).default('info'))
    .addOption(new Option('--color <when>', 'ANSI colors in the kernel log').choices(['auto', 'always', 'never']).default('auto'))
    .addOption(new Option('--clock <mode>', 'auto: instructions define time while the CPU runs, and while it is idle time follows the wall clock (the host sleeps); virtual: idle time jumps ahead at once (fast; tests); realtime: as auto, and never ahead of the wall clock while running. Input from a pipe or file arrives at the same instruction counts in every mode: see docs/clock.md').choices(['auto', 'virtual', 'realtime']).default('auto'))
    .option('--timeout <seconds>', 'stop after this many wall-clock seconds')
    .option('--trace-bus', 'log MMIO, port I/O and unmapped bus accesses to stderr')
    .option('--append <cmdline>', 'extra kernel command line words')
    .option('--add <host:guest>', 'add HOSTFILE to the initramfs at /GUEST/PATH (repeatable)', (spec: string, list: string[]) => [...list, spec], [] as string[])
    .option('--env <name=value>', "the first program's environment instead of the default HOME=/ PATH=/bin TERM=linux (repeatable)", (spec: string, list: string[]) => [...list, spec], [] as string[])
    .argument('[program...]', 'after --: the first program and its arguments (default /bin/init); jos exits with its status')
    .addOption(new Option('--display <mode>', 'the screen: none, png (with --screenshot) or term (live, in the terminal)').choices(['none', 'png', 'term']))
    .option('--screenshot <file>', 'write the screen to this PNG file at exit')
    .option('--screenshot-every <seconds>', 'also write FILE-0001.png, FILE-0002.png, ... every this many seconds of virtual time')
    .addOption(new Option('--keyboard <target>', 'where host keys go: serial (the console UART), device (pc: PS/2; esp32c3: its keyboard UART; default with --display term) or keypad (esp32c3: arrows, Enter, Escape, Space press GPIO buttons)').choices(['serial', 'device', 'keypad']))
    .option('--disk <image>', 'disk image for the block device (/dev/hda, /dev/mtdblock0): IMAGE (read-write) or IMAGE,ro (never modified); ext2 on it is mounted at /mnt, or is / with --append root=/dev/hda')
    .option('--rtc <time>', 'the real-time clock at power-on, ISO 8601 (UTC unless a zone is given), e.g. 2026-01-01T00:00:00; default: the host clock')
    .addOption(new Option('--cpu-vendor <vendor>', "pc: whose undefined results the x86_64 core reproduces, and CPUID's vendor (host: this machine's)").choices([...CPU_VENDORS, 'host']))
    .option('--no-jit', 'the CPU core interprets only (no JIT tier, on either board)')
    .addOption(new Option('--jit-backend <backend>', "what the JIT tier compiles hot code to: wasm (WebAssembly modules) or js (JavaScript functions); default: wasm on both boards; see docs/cores/riscv.md and docs/cores/x86_64.md").choices(['js', 'wasm']))
    .option('--gdb <port>', 'serve the gdb remote protocol on 127.0.0.1:PORT (0: any free port, printed): gdb-multiarch -ex "target remote :PORT"; see docs/debugging.md')
    .option('-S, --wait-gdb', 'with --gdb: stop at the first instruction of the first program (pid 1) until gdb continues it')
    .option('--record <file>', 'record every outside input (console bytes, the clock at power-on, the wall clock while idle) with where it arrived, for --replay; see docs/record-replay.md')
    .option('--replay <file>', 'run a recording again, without input: the same output and exit status, or a report of where the run departs from it (status 1)')
    .option('--save-snapshot <file>', 'save the whole machine to FILE when the run ends and on Ctrl-A S; see docs/snapshots.md')
    .option('--snapshot-at <instructions>', 'with --save-snapshot: end the run, saving it, at the first turn boundary after this many instructions')
    .option('--restore <file>', 'resume the machine a snapshot saved (its board, memory, programs and disk image come from it)')
    .exitOverride()
    .action(async (program: string[], options: RunOptions & { board?: string; replay?: string; restore?: string }) => {
      if (options.replay !== undefined) {
        if (options.record !== undefined || program.length > 0) throw new UsageError('--replay takes everything from the recording: no --record and no program');
        // Its timer would end turns where the recorded run's did not.
        if (options.screenshotEvery !== undefined) throw new UsageError('--screenshot-every cannot be used with --replay (--screenshot FILE saves the last screen)');
        process.exitCode = await load.replay().replayRecording(options.replay, (line) => process.stderr.write(`jos: ${line}\n`), { gdb: options.gdb, waitGdb: options.waitGdb, display: options.display, screenshot: options.screenshot });
        return;
      }
      if (options.restore !== undefined) {
        const contents = load.snapshot().readSnapshot(options.restore);
        checkRestoreOptions(options, program, contents.header.board);
        const board = findBoard(contents.header.board);
        if (!board) throw new UsageError(`--restore: ${options.restore} was saved on a board this jos does not have ("${contents.header.board}")`);
        process.exitCode = await load.run().runBoard(board, { ...options, restoreFrom: { path: options.restore, contents } });
        return;
      }
      if (options.board === undefined) throw new UsageError("required option '-b, --board <name>' not specified");
      const board = findBoard(options.board)!;
      process.exitCode = await load.run().runBoard(board, { ...options, program });
    });

  program
    .command('doom')
    .description('play Doom on a board (build it first: npm run doom:build); arguments after -- go to Doom (e.g. -timedemo demo1, -warp 1 2)')
    .addOption(new Option('-b, --board <name>', 'the board to play on').choices([...BOARD_NAMES]).makeOptionMandatory())
    .option('--iwad <file>', `the game data (default ${DEFAULT_IWAD})`)
    .option('-m, --memory <size>', `main RAM (default ${DOOM_MEMORY}: the IWAD is in the initramfs)`)
    .addOption(new Option('--display <mode>', 'the screen: term (live in the terminal; the default on a terminal), png (with --screenshot) or none').choices(['none', 'png', 'term']))
    .option('--screenshot <file>', 'write the screen to this PNG file at exit')
    .option('--screenshot-every <seconds>', 'also write FILE-0001.png, ... every this many seconds of virtual time')
    .addOption(new Option('--keyboard <target>', 'where host keys go (default device: the board keyboard that /dev/input/event0 reads)').choices(['serial', 'device', 'keypad']))
    .addOption(new Option('--clock <mode>', 'auto, virtual or realtime (see jos run --help)').choices(['auto', 'virtual', 'realtime']).default('auto'))
    .option('--serial <where>', 'console UART: stdio, none or file:PATH', 'stdio')
    .addOption(new Option('--log-level <level>', 'kernel log level').choices([...LOG_LEVELS]).default('warn'))
    .addOption(new Option('--color <when>', 'ANSI colors in the kernel log').choices(['auto', 'always', 'never']).default('auto'))
    .option('--timeout <seconds>', 'stop after this many wall-clock seconds')
    .option('--no-jit', 'the CPU core interprets only (no JIT tier, on either board)')
    .option('--record <file>', 'record the session (keys, the clock) for jos run --replay FILE; see docs/record-replay.md')
    .argument('[doom-args...]', 'after --: arguments for Doom')
    .exitOverride()
    .action(async (doomArgs: string[], options: DoomOptions & { board: string }) => {
      const board = findBoard(options.board)!;
      process.exitCode = await load.doom().runDoom(board, options, doomArgs);
    });

  program
    .command('boards')
    .description('list the boards with their memory maps and devices')
    .exitOverride()
    .action(() => {
      process.stdout.write(load.boards().describeBoards() + '\n');
    });

  program
    .command('exec')
    .description('run a bare-metal ELF on a bare core (architecture from the ELF header); tohost ends the run')
    .argument('<file>', 'the ELF to run')
    .option('--trace', 'print every instruction: pc, mnemonic, registers written')
    .option('--max-instructions <n>', 'stop after n instructions (exit status 124)')
    .addOption(new Option('--cpu-vendor <vendor>', "x86_64: whose undefined results the core reproduces, and CPUID's vendor (host: this machine's)").choices([...CPU_VENDORS, 'host']))
    .option('--no-jit', 'x86_64: interpret only (no compiled blocks)')
    .option('--gdb <port>', 'serve the gdb remote protocol on 127.0.0.1:PORT (docs/debugging.md)')
    .option('-S, --wait-gdb', 'with --gdb: stop at the entry point until gdb continues')
    .exitOverride()
    .action(async (file: string, options: ExecCliOptions) => {
      process.exitCode = await load.exec().execElf(file, options);
    });

  program
    .command('elf')
    .description('describe an ELF file (elfinfo: headers, segments, sections, symbols) and whether each board runs it (status 0 runs, 1 runs nowhere, 2 unreadable)')
    .argument('<file>', 'the ELF to describe')
    .option('--symbols', 'list every symbol')
    .exitOverride()
    .action(async (file: string, options: ElfCliOptions) => {
      // `jos elf x | head`: a reader that leaves early is no error.
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
      });
      process.exitCode = await load.elf().describeElf(file, options, (t) => process.stdout.write(t), (t) => process.stderr.write(t));
    });

  program
    .command('cc')
    .description("compile and link a hosted C program for a board, against JOS's headers, crt0 and libc (a gcc wrapper: other options go to gcc)")
    .addOption(new Option('-b, --board <name>', 'the board to build for').choices([...BOARD_NAMES]).makeOptionMandatory())
    .argument('<gcc-args...>', 'gcc options and files, e.g. -O2 prog.c -o prog (-lm is in libc)')
    .allowUnknownOption()
    .exitOverride()
    .action((gccArgs: string[], options: { board: string }) => {
      process.exitCode = load.cc().compileForBoard(options.board, gccArgs);
    });

  program
    .command('rustc')
    .description("build a Rust program (no_std + the jos runtime crate) for a board's architecture")
    .addOption(new Option('-b, --board <name>', 'the board to build for').choices([...BOARD_NAMES]).makeOptionMandatory())
    .option('-o, --output <file>', 'the ELF to write (default: the source name without .rs)')
    .argument('<file.rs>', 'the program: #![no_std] #![no_main], jos::entry!(main)')
    .exitOverride()
    .action((file: string, options: RustBuildOptions) => {
      process.exitCode = load.rustc().buildRustProgram(file, options);
    });

  registerDiskCommand(program);

  return program;
}

/** A restored machine is the snapshot's: what would change it is refused. */
function checkRestoreOptions(options: RunOptions & { board?: string; replay?: string }, program: string[], savedBoard: string): void {
  if (options.board !== undefined && options.board !== savedBoard) throw new UsageError(`--restore: the snapshot is of the ${savedBoard} board, not ${options.board}`);
  const fixed: [string, boolean][] = [
    ['--replay', options.replay !== undefined],
    ['--record', options.record !== undefined],
    ['--memory', options.memory !== undefined],
    ['--append', options.append !== undefined],
    ['--add', (options.add ?? []).length > 0],
    ['--env', (options.env ?? []).length > 0],
    ['--rtc', options.rtc !== undefined],
    ['--cpu-vendor', options.cpuVendor !== undefined],
    ['a program', program.length > 0],
  ];
  const given = fixed.filter(([, present]) => present).map(([name]) => name);
  if (given.length > 0) throw new UsageError(`--restore: the snapshot fixes the machine; ${given.join(', ')} cannot be given with it`);
}

/** What bin/jos.js offers the CLI. */
export interface LauncherHooks {
  /** Names the code path a run takes ("run:pc", "exec"...): the code
   * cache (bin/load-cli.js) keeps the code of every path it has seen. */
  codePath?: (name: string) => void;
}

export async function main(argv: string[], hooks: LauncherHooks = {}): Promise<void> {
  const program = buildProgram();
  program.hook('preAction', (_program, command) => {
    const board = (command.opts() as { board?: unknown }).board;
    hooks.codePath?.(typeof board === 'string' ? `${command.name()}:${board}` : command.name());
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version "errors" carry status 0; the rest are usage errors.
      process.exitCode = error.exitCode === 0 ? 0 : USAGE_STATUS;
      return;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`jos: ${error.message}\n`);
      process.exitCode = USAGE_STATUS;
      return;
    }
    process.stderr.write(`jos: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
