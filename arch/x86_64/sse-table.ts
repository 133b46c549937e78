/**
 * SSE/SSE2 rows of the opcode table (kept apart to keep opcode-table.ts
 * readable): [encoding, mnemonic, operands, handler, options].
 */
import type { Handler, RowOptions } from './opcode-table';

export const SSE_ROWS: [string, string, string, Handler, RowOptions?][] = [];
