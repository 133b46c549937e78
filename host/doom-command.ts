/**
 * `jos doom`: Doom on a board. The Doom binary `npm run doom:build` made for
 * the board's architecture (build/doom/<arch>/doom) and an IWAD (Debian's
 * freedoom1.wad by default) go into the initramfs; the game runs as the
 * first process with /dev/fb0 and /dev/input/event0, and the run ends
 * with it. Everything else is `jos run`'s (display, keyboard, clock...).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { BoardDefinition } from '../boards/board';
import { projectRoot } from './initramfs';
import { RunOptions, runBoard } from './run-command';
import { UsageError } from './usage-error';

import { DEFAULT_IWAD, DOOM_MEMORY } from './doom-defaults';
const ARCH_DIRS = { x86_64: 'x86_64', riscv32: 'riscv32' } as const;

export interface DoomOptions extends RunOptions {
  iwad?: string;
}

/** The Doom binary for a board: build/doom/<arch>/doom of this checkout. */
export function doomBinary(board: BoardDefinition): string {
  return path.join(projectRoot(), 'build', 'doom', ARCH_DIRS[board.cpuArch as keyof typeof ARCH_DIRS] ?? board.cpuArch, 'doom');
}

export async function runDoom(board: BoardDefinition, options: DoomOptions, doomArgs: string[]): Promise<number> {
  const binary = doomBinary(board);
  if (!fs.existsSync(binary)) throw new UsageError(`no Doom built for ${board.name} (${binary}): run "npm run doom:build" first (docs/doom.md)`);
  const iwad = options.iwad ?? DEFAULT_IWAD;
  if (!fs.existsSync(iwad)) throw new UsageError(`no IWAD at ${iwad}: install Debian's freedoom package (apt-get install freedoom) or give --iwad FILE`);
  const guestWad = `/doom/${path.basename(iwad)}`;
  // Key events go to the board's keyboard device (PS/2 on pc, the keyboard
  // UART on esp32c3), where /dev/input/event0 takes them.
  const keyboard = options.keyboard ?? 'device';
  // On a terminal the game is shown in it unless asked otherwise.
  const display = options.display ?? (options.screenshot ? 'png' : process.stdout.isTTY ? 'term' : 'none');
  return runBoard(board, {
    ...options,
    display,
    memory: options.memory ?? DOOM_MEMORY,
    keyboard,
    add: [...(options.add ?? []), `${binary}:/bin/doom`, `${iwad}:${guestWad}`],
    program: ['/bin/doom', '-iwad', guestWad, ...doomArgs],
  });
}
