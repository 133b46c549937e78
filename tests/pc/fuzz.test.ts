/**
 * Robustness: random register traffic on every pc device — any port, any
 * value, any width, with time moving — never throws on the host, and the
 * screen snapshot stays well formed (docs/design.md, principle 7: bad input gives a clear
 * error or a defined result, never a host crash). Seeded, so a failure
 * reproduces.
 */
import { assembleBoard } from '../../boards/assemble';
import { findBoard } from '../../boards';
import { ATA, PS2 } from '../../boards/pc';
import type { AtaChannel } from '../../platform/pc/ata';
import type { Ps2Controller } from '../../platform/pc/ps2-controller';
import { memoryMedium } from '../../platform/pc/sector-store';
import { SCREEN, ScreenSource } from '../../platform/screen';

/** xorshift32: a small deterministic generator. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

const PORT_RANGES: [number, number][] = [
  [0x20, 2], [0xa0, 2], [0x40, 4], [0x61, 1], [0x60, 1], [0x64, 1], [0x70, 2],
  [0x1f0, 8], [0x3f6, 1], [0x3b0, 0x30], [0x3f8, 8],
];
const SIZES = [1, 2, 4] as const;

test.each([1, 2, 3])('random port and MMIO traffic never throws (seed %i)', (seed) => {
  const random = rng(seed * 7919);
  const board = assembleBoard(findBoard('pc')!, { memoryBytes: 4 << 20, rtc: '2026-01-01T00:00:00' });
  board.container.get<AtaChannel>(ATA).insert(memoryMedium(new Uint8Array(64 * 512)));
  const ps2 = board.container.get<Ps2Controller>(PS2);
  const screen = board.container.get<ScreenSource>(SCREEN);
  const { bus, machine, clock } = board;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  for (let i = 0; i < 30_000; i++) {
    const what = random();
    const size = pick(SIZES);
    const value = Math.floor(random() * 0x1_0000_0000);
    if (what < 0.6) {
      const [first, count] = pick(PORT_RANGES);
      const port = first + Math.floor(random() * count);
      if (random() < 0.5) bus.portOut(port, size, value);
      else bus.portIn(port, size);
    } else if (what < 0.8) {
      // HPET registers and the VGA window.
      const address = random() < 0.5 ? 0xfed0_0000 + (Math.floor(random() * 0x140) & ~3) : 0xa_0000 + Math.floor(random() * 0x2_0000);
      if (random() < 0.5) bus.write(address, 4, value);
      else bus.read(address, 4);
    } else if (what < 0.9) {
      ps2.key(pick(['a', 'Enter', 'ArrowUp', 'Pause', 'PrintScreen', 'F12']), random() < 0.5);
    } else {
      // Let virtual time pass (bounded, so a storm of device events cannot hang the test).
      const until = clock.nowNs() + random() * 2e6;
      for (let n = 0; n < 10_000 && clock.nextEventNs() <= until; n++) machine.jumpToNextEvent();
    }
    if (i % 5_000 === 0) {
      const s = screen.snapshot();
      if (s.kind === 'text') expect(s.cells.length).toBe(s.columns * s.rows);
      else expect(s.rgba.length).toBe(s.width * s.height * 4);
    }
  }
});
