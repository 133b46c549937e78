/** Every board JOS can build, by name. A board's module (its core, its
 * devices, their tables) is loaded when the board is first asked for, so
 * that a run loads only its own board. */
import type { BoardDefinition } from './board';

export * from './board';

/* eslint-disable @typescript-eslint/no-require-imports */
const LOADERS: Readonly<Record<string, () => BoardDefinition>> = {
  pc: () => require('./pc').pcBoard,
  esp32c3: () => require('./esp32c3').esp32c3Board,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The boards' names, in the order `jos boards` lists them. */
export const BOARD_NAMES: readonly string[] = Object.keys(LOADERS);

export function findBoard(name: string): BoardDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(LOADERS, name) ? LOADERS[name]() : undefined;
}

/** Every board (loads them all). */
export function allBoards(): BoardDefinition[] {
  return BOARD_NAMES.map((name) => findBoard(name)!);
}
