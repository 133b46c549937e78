/**
 * The recording file of `jos run --record` (docs/record-replay.md): JSON
 * lines. The first line says what machine ran (board, memory, command line,
 * programs, the initramfs's hash, the clock at power-on); each further line
 * is one event at a *point* of the run: the instructions retired and the
 * virtual time in ns, which together name a turn boundary of the machine
 * loop exactly (both only grow, and a turn in which neither moves changes
 * nothing). The last line is the end.
 *
 * Events:
 * - ["in", retired, ns, phase, byte, sum]: a console byte reached the UART,
 *   at the turn's start ("turn", typed input) or its input point ("point");
 * - ["move", retired, ns, toNs, fire, sum]: the host moved virtual time while
 *   the core idled (the wall clock's doing in --clock auto and realtime);
 *   fire: the move was to the next device event, which then fired;
 * - ["sum", retired, ns, sum]: a periodic checksum of the core's registers;
 * - ["key", retired, ns, how, ...what, sum]: a key from the host terminal
 *   reached the keyboard side of the machine (host/keyboard) between two
 *   turns: "press", key, modifiers ("c", "s", "a" letters), bytes (hex): a
 *   typed key, to a board device (--keyboard device|keypad); "event", key,
 *   type ("press", "repeat", "release"), modifiers: what a terminal with
 *   the kitty keyboard protocol reported; "bytes", hex: bytes to the console UART (--display
 *   term --keyboard serial). (Version 2.)
 * - ["end", retired, ns, sum, how, ram]: the run ended ("power-off" or
 *   "stopped"), with a hash of all of RAM.
 */

export const RECORDING_FORMAT = 'jos-recording';
export const RECORDING_VERSION = 2;
/** Versions this jos replays: version 1 had no key events. */
const READABLE_VERSIONS: readonly number[] = [1, 2];

export interface RecordingHeader {
  format: typeof RECORDING_FORMAT;
  version: number;
  board: string;
  memoryBytes: number;
  cmdline: string;
  initArgv: string[];
  initEnvp: string[];
  rtc: string;
  bootEpochSeconds: number;
  cpuVendor: string | null;
  jit: boolean;
  initrdSha256: string;
  /** The --add specs (HOST:/GUEST) the boot archive was built with. */
  add: string[];
  /** Instructions per machine-loop turn (host/run-loop.ts). */
  turnInstructions: number;
  /** --disk: the image as it was when the recording started, copied next
   * to the recording (the run changes the image itself). */
  disk?: RecordedDisk | null;
  /** --keyboard as the run had it, when keys went anywhere but the serial
   * console's own terminal (version 2): where key events go. */
  keyboard?: 'serial' | 'device' | 'keypad' | null;
  /** --display term: the run drew the screen in its terminal, which a
   * replay on a terminal does again (absent in older files: none). */
  display?: 'term' | null;
}

export interface RecordedDisk {
  /** The copy's file name, in the recording's directory. */
  copy: string;
  bytes: number;
  sha256: string;
  readOnly: boolean;
}

/** What a key event gave the machine (host/keyboard/key-log.ts). */
export type KeyAction =
  | { how: 'press'; key: string; ctrl: boolean; shift: boolean; alt: boolean; bytes: Uint8Array }
  | { how: 'event'; key: string; type: 'press' | 'repeat' | 'release'; ctrl: boolean; shift: boolean; alt: boolean }
  | { how: 'bytes'; bytes: Uint8Array };

export type RecordedEvent =
  | { kind: 'in'; retired: number; ns: number; phase: 'turn' | 'point'; byte: number; sum: string }
  | { kind: 'move'; retired: number; ns: number; toNs: number; fire: boolean; sum: string }
  | { kind: 'sum'; retired: number; ns: number; sum: string }
  | { kind: 'key'; retired: number; ns: number; action: KeyAction; sum: string }
  | { kind: 'end'; retired: number; ns: number; sum: string; how: 'power-off' | 'stopped'; ram: string };

export function eventLine(e: RecordedEvent): string {
  switch (e.kind) {
    case 'in':
      return JSON.stringify(['in', e.retired, e.ns, e.phase, e.byte, e.sum]);
    case 'move':
      return JSON.stringify(['move', e.retired, e.ns, e.toNs, e.fire, e.sum]);
    case 'sum':
      return JSON.stringify(['sum', e.retired, e.ns, e.sum]);
    case 'end':
      return JSON.stringify(['end', e.retired, e.ns, e.sum, e.how, e.ram]);
    case 'key':
      return JSON.stringify(['key', e.retired, e.ns, ...keyFields(e.action), e.sum]);
  }
}

function keyFields(a: KeyAction): unknown[] {
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
  if (a.how === 'press') return ['press', a.key, modifiers(a), hex(a.bytes)];
  if (a.how === 'event') return ['event', a.key, a.type, modifiers(a)];
  return ['bytes', hex(a.bytes)];
}

function modifiers(a: { ctrl: boolean; shift: boolean; alt: boolean }): string {
  return `${a.ctrl ? 'c' : ''}${a.shift ? 's' : ''}${a.alt ? 'a' : ''}`;
}

/** ["key", r, ns, ...fields, sum]'s fields, or null if malformed. */
function parseKeyAction(f: unknown[]): KeyAction | null {
  const bytes = (v: unknown) => (typeof v === 'string' && /^([0-9a-f]{2})*$/.test(v) ? Uint8Array.from(Buffer.from(v, 'hex')) : null);
  if (f[0] === 'press' && f.length === 4 && typeof f[1] === 'string' && typeof f[2] === 'string' && /^c?s?a?$/.test(f[2])) {
    const b = bytes(f[3]);
    return b === null ? null : { how: 'press', key: f[1], ctrl: f[2].includes('c'), shift: f[2].includes('s'), alt: f[2].includes('a'), bytes: b };
  }
  if (f[0] === 'event' && f.length === 4 && typeof f[1] === 'string' && (f[2] === 'press' || f[2] === 'repeat' || f[2] === 'release') && typeof f[3] === 'string' && /^c?s?a?$/.test(f[3])) {
    return { how: 'event', key: f[1], type: f[2], ctrl: f[3].includes('c'), shift: f[3].includes('s'), alt: f[3].includes('a') };
  }
  if (f[0] === 'bytes' && f.length === 2) {
    const b = bytes(f[1]);
    return b === null || b.length === 0 ? null : { how: 'bytes', bytes: b };
  }
  return null;
}

/** A recording that cannot be replayed: what is wrong, and where. */
export class RecordingError extends Error {}

export interface Recording {
  header: RecordingHeader;
  events: RecordedEvent[];
}

/** Parses and checks a whole recording; throws RecordingError. */
export function parseRecording(text: string, name: string): Recording {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new RecordingError(`${name} is empty, not a JOS recording`);
  const header = parseHeader(lines[0], name);
  const events: RecordedEvent[] = [];
  for (let i = 1; i < lines.length; i++) {
    const event = parseEvent(lines[i]);
    if (event === null) throw new RecordingError(`${name}, line ${i + 1}: not a recorded event (the file is damaged)`);
    const last = events[events.length - 1];
    if (last !== undefined && (event.retired < last.retired || event.ns < last.ns)) {
      throw new RecordingError(`${name}, line ${i + 1}: the event goes back in time (the file is damaged)`);
    }
    if (last?.kind === 'end') throw new RecordingError(`${name}, line ${i + 1}: events after the end (the file is damaged)`);
    events.push(event);
  }
  if (events.length === 0 || events[events.length - 1].kind !== 'end') {
    throw new RecordingError(`${name} is truncated: it has no end record (was the recording run killed?)`);
  }
  return { header, events };
}

function parseHeader(line: string, name: string): RecordingHeader {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new RecordingError(`${name} is not a JOS recording (its first line is not a recording header)`);
  }
  const h = value as Partial<RecordingHeader>;
  if (typeof h !== 'object' || h === null || h.format !== RECORDING_FORMAT) {
    throw new RecordingError(`${name} is not a JOS recording (its first line is not a recording header)`);
  }
  if (!READABLE_VERSIONS.includes(h.version as number)) throw new RecordingError(`${name}: recording format version ${String(h.version)}; this jos reads versions ${READABLE_VERSIONS.join(' and ')}`);
  const ok =
    typeof h.board === 'string' && isCount(h.memoryBytes) && typeof h.cmdline === 'string' && isStrings(h.initArgv) &&
    isStrings(h.initEnvp) && typeof h.rtc === 'string' && Number.isFinite(h.bootEpochSeconds) &&
    (h.cpuVendor === null || typeof h.cpuVendor === 'string') && typeof h.jit === 'boolean' &&
    typeof h.initrdSha256 === 'string' && isStrings(h.add) && isCount(h.turnInstructions) && h.turnInstructions! > 0 &&
    (h.keyboard === undefined || h.keyboard === null || h.keyboard === 'serial' || h.keyboard === 'device' || h.keyboard === 'keypad') &&
    (h.display === undefined || h.display === null || h.display === 'term') &&
    (h.disk === undefined || h.disk === null || (typeof h.disk.copy === 'string' && !h.disk.copy.includes('/') && isCount(h.disk.bytes) && typeof h.disk.sha256 === 'string' && typeof h.disk.readOnly === 'boolean'));
  if (!ok) throw new RecordingError(`${name}: the recording header is incomplete or damaged`);
  return h as RecordingHeader;
}

function parseEvent(line: string): RecordedEvent | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (!Array.isArray(v) || !isCount(v[1]) || !(typeof v[2] === 'number' && v[2] >= 0)) return null;
  const [kind, retired, ns] = v as [string, number, number];
  switch (kind) {
    case 'in':
      if (v.length !== 6 || (v[3] !== 'turn' && v[3] !== 'point') || !(Number.isInteger(v[4]) && v[4] >= 0 && v[4] <= 255) || !isSum(v[5])) return null;
      return { kind, retired, ns, phase: v[3], byte: v[4], sum: v[5] };
    case 'move':
      if (v.length !== 6 || !(typeof v[3] === 'number' && v[3] >= ns) || typeof v[4] !== 'boolean' || !isSum(v[5])) return null;
      return { kind, retired, ns, toNs: v[3], fire: v[4], sum: v[5] };
    case 'sum':
      if (v.length !== 4 || !isSum(v[3])) return null;
      return { kind, retired, ns, sum: v[3] };
    case 'key': {
      const action = v.length >= 5 ? parseKeyAction(v.slice(3, -1)) : null;
      if (action === null || !isSum(v[v.length - 1])) return null;
      return { kind, retired, ns, action, sum: v[v.length - 1] };
    }
    case 'end':
      if (v.length !== 6 || !isSum(v[3]) || (v[4] !== 'power-off' && v[4] !== 'stopped') || typeof v[5] !== 'string') return null;
      return { kind, retired, ns, sum: v[3], how: v[4], ram: v[5] };
    default:
      return null;
  }
}

function isCount(v: unknown): v is number {
  return Number.isSafeInteger(v) && (v as number) >= 0;
}

function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

function isSum(v: unknown): v is string {
  return typeof v === 'string' && /^[0-9a-f]{8}$/.test(v);
}
