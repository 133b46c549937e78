/**
 * JOS_WASM_PROFILE=1: what the wasm backend's regions call out for, to
 * choose the next lowerings by profile. Counted by the runtime's imports
 * (one branch each when off), printed to stderr when the process exits:
 * region calls (from the runtime's loop), slow reads and writes, ea()
 * calls, between-block checks, conditions from the flag fields, links
 * between regions inside wasm, why regions returned to the runtime's loop
 * (and how often it linked them on), and handler calls per opcode-table row
 * and operand size, most frequent first.
 */
import { ROWS } from '../opcode-table';

export interface WasmProfile {
  /** calls, read, write, ea, mayLoop, cond, links, then the runtime
   * loop's exits and links (IMPORT_NAMES). */
  imports: Float64Array;
  /** Per row * 4 + sizeCode(operand size). */
  handlers: Float64Array;
}

const IMPORT_NAMES = [
  'region calls', 'slow reads', 'slow writes', 'ea() calls', 'between-block checks', 'conditions from fields',
  'links inside wasm', 'exits: checks failed', 'exits: RIP not cached or not in the TLB',
  'exits: block not compiled (interpreted)', 'links from the runtime (the index missed)',
  'instructions retired in regions',
];

/** 1, 2, 4 bytes: 1, 2, 3; anything else (8, 16): 0. */
export function sizeCode(osz: number): number {
  return osz === 1 ? 1 : osz === 2 ? 2 : osz === 4 ? 3 : 0;
}

let printer = false;
const profiles: WasmProfile[] = [];

export function newProfile(): WasmProfile {
  const p = { imports: new Float64Array(IMPORT_NAMES.length), handlers: new Float64Array(ROWS.length * 4 + 64) };
  profiles.push(p);
  if (!printer) {
    printer = true;
    process.on('exit', () => process.stderr.write(formatProfiles()));
  }
  return p;
}

/** The profiles so far as text. */
export function formatProfiles(top = 30): string {
  const lines: string[] = [];
  for (const p of profiles) {
    lines.push('wasm profile:');
    IMPORT_NAMES.forEach((name, k) => lines.push(`  ${name}: ${p.imports[k]}`));
    const rows: Array<[string, number]> = [];
    p.handlers.forEach((n, k) => {
      if (n === 0 || (k >> 2) >= ROWS.length) return;
      const r = ROWS[k >> 2];
      rows.push([`${r.name} ${r.args.join(',')} (size ${['8+', '1', '2', '4'][k & 3]})`, n]);
    });
    rows.sort((a, b) => b[1] - a[1]);
    for (const [name, n] of rows.slice(0, top)) lines.push(`  handler ${name}: ${n}`);
  }
  return lines.join('\n') + '\n';
}
