/**
 * kernel/fs/dev/evdev.ts on its own: the events a program reads for key
 * presses, releases and repeats, on both ABIs' layouts, and how releases
 * made up by a driver whose source reports presses only are held back
 * until the program has seen the key down.
 */
import { EV_KEY, EV_SYN, EvdevDevice, HOLD_NS, SYN_REPORT } from '../../kernel/fs/dev/evdev';
import { Blocked } from '../../kernel/sched/wait-queue';

function device(wordSize: 4 | 8, clock: { now: number }): EvdevDevice {
  const d = new EvdevDevice(22, wordSize, () => 1_700_000_000_123_456_789 + clock.now, () => clock.now);
  d.beforeOpen();
  return d;
}

/** [type, code, value] of each event in what read() gave. */
function events(bytes: Uint8Array, n: number, wordSize: 4 | 8): number[][] {
  const size = 2 * wordSize + 8;
  const v = new DataView(bytes.buffer, bytes.byteOffset, n);
  const out: number[][] = [];
  for (let at = 0; at < n; at += size) out.push([v.getUint16(at + 2 * wordSize, true), v.getUint16(at + 2 * wordSize + 2, true), v.getInt32(at + 2 * wordSize + 4, true)]);
  return out;
}

function readAll(d: EvdevDevice, wordSize: 4 | 8): number[][] | Blocked {
  const buffer = new Uint8Array(64 * (2 * wordSize + 8));
  const n = d.read(0, buffer);
  return n instanceof Blocked ? n : events(buffer, n, wordSize).filter(([type]) => type === EV_KEY);
}

describe.each([4, 8] as const)('evdev with %i-byte longs', (wordSize) => {
  it('gives press, repeat and release with a SYN_REPORT after each, and the time', () => {
    const clock = { now: 0 };
    const d = device(wordSize, clock);
    d.deliver({ key: 'a', pressed: true });
    d.deliver({ key: 'a', pressed: true });
    d.deliver({ key: 'a', pressed: false });
    const buffer = new Uint8Array(6 * (2 * wordSize + 8));
    const n = d.read(0, buffer) as number;
    expect(events(buffer, n, wordSize)).toEqual([[EV_KEY, 30, 1], [EV_SYN, SYN_REPORT, 0], [EV_KEY, 30, 2], [EV_SYN, SYN_REPORT, 0], [EV_KEY, 30, 0], [EV_SYN, SYN_REPORT, 0]]);
    const seconds = wordSize === 8 ? Number(new DataView(buffer.buffer).getBigInt64(0, true)) : new DataView(buffer.buffer).getInt32(0, true);
    expect(seconds).toBe(1_700_000_000);
    expect(d.read(0, buffer)).toBeInstanceOf(Blocked);
  });

  it('holds a made-up release until HOLD_NS after the press was read', () => {
    const clock = { now: 1000 };
    const d = device(wordSize, clock);
    d.deliver({ key: 'ArrowUp', pressed: true });
    d.deliver({ key: 'ArrowUp', pressed: false, synthetic: true });
    expect(readAll(d, wordSize)).toEqual([[EV_KEY, 103, 1]]);
    clock.now += 10_000_000; // a frame later: still down
    const blocked = readAll(d, wordSize) as Blocked;
    expect(blocked).toBeInstanceOf(Blocked);
    expect(blocked.deadlineNs).toBe(1000 + HOLD_NS);
    clock.now = 1000 + HOLD_NS;
    expect(readAll(d, wordSize)).toEqual([[EV_KEY, 103, 0]]);
  });

  it('turns a press during a held release into a repeat (a terminal auto-repeating)', () => {
    const clock = { now: 0 };
    const d = device(wordSize, clock);
    for (let i = 0; i < 3; i++) {
      d.deliver({ key: 'ArrowUp', pressed: true });
      d.deliver({ key: 'ArrowUp', pressed: false, synthetic: true });
      clock.now += 30_000_000;
    }
    expect(readAll(d, wordSize)).toEqual([[EV_KEY, 103, 1], [EV_KEY, 103, 2], [EV_KEY, 103, 2]]);
    clock.now += HOLD_NS;
    expect(readAll(d, wordSize)).toEqual([[EV_KEY, 103, 0]]);
  });

  it('refuses a second opener and short reads, and forgets everything at close', () => {
    const d = device(wordSize, { now: 0 });
    expect(() => d.beforeOpen()).toThrow();
    expect(() => d.read(0, new Uint8Array(2 * wordSize + 7))).toThrow();
    d.deliver({ key: 'b', pressed: true });
    d.closed();
    expect(d.deliver({ key: 'b', pressed: false })).toBe(false); // nobody has it: the console's
    d.beforeOpen();
    expect(d.poll()).toBe(0);
  });
});
