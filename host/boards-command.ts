/** `jos boards`: each board with its core, memory map and devices. */
import { assembleBoard } from '../boards/assemble';
import { allBoards } from '../boards';
import { sizeText } from '../platform/bus';

export function describeBoards(): string {
  const out: string[] = [];
  for (const board of allBoards()) {
    const { bus } = assembleBoard(board);
    out.push(`${board.name}: ${board.description}`);
    out.push(`  cpu     ${board.cpuArch} at ${board.instructionsPerSecond / 1e6} M instructions/s (virtual time)`);
    out.push(`  memory  ${sizeText(board.defaultMemoryBytes)} by default (--memory)`);
    out.push('  memory map:');
    for (const line of bus.describe()) out.push(`    ${line}`);
    out.push('  devices:');
    for (const device of board.devices) out.push(`    ${device}`);
    out.push('');
  }
  return out.join('\n');
}
