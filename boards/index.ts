/** Every board JOS can build, by name. */
import type { BoardDefinition } from './board';
import { esp32c3Board } from './esp32c3';
import { pcBoard } from './pc';

export * from './board';

export const BOARDS: readonly BoardDefinition[] = [pcBoard, esp32c3Board];

export function findBoard(name: string): BoardDefinition | undefined {
  return BOARDS.find((b) => b.name === name);
}
