/**
 * The assembled pc board: every driver bound to its HAL token brings its
 * device up through the bus, and each device's interrupt reaches the PIC's
 * INTR with the vector the kernel expects.
 */
import { assembleBoard } from '../../boards/assemble';
import { findBoard } from '../../boards';
import { ATA, PIC, PS2 } from '../../boards/pc';
import { BLOCK_DEVICE, BlockDevice } from '../../hal/block-device';
import { DISPLAY, Display } from '../../hal/display';
import { INTERRUPT_CONTROLLER, InterruptController } from '../../hal/interrupts';
import { KEYBOARD, Keyboard } from '../../hal/keyboard';
import { RTC, WallClock } from '../../hal/rtc';
import { TIMER, Timer } from '../../hal/timer';
import type { AtaChannel } from '../../platform/pc/ata';
import type { PicPair } from '../../platform/pc/pic-pair';
import type { Ps2Controller } from '../../platform/pc/ps2-controller';
import { memoryMedium } from '../../platform/pc/sector-store';
import { SCREEN, ScreenSource } from '../../platform/screen';

function board() {
  const b = assembleBoard(findBoard('pc')!, { rtc: '2026-01-01T00:00:00' });
  const c = b.container;
  const pic = c.get<PicPair>(PIC);
  const interrupts = c.get<InterruptController>(INTERRUPT_CONTROLLER);
  const timer = c.get<Timer>(TIMER);
  interrupts.init();
  timer.init();
  /** Advances virtual time with no core, as the machine loop does when idle. */
  const idleUntil = (ns: number) => {
    while (b.clock.nextEventNs() <= ns) b.machine.jumpToNextEvent();
  };
  /** Takes every pending interrupt, as the trap dispatch does. */
  const take = (): string[] => {
    const seen: string[] = [];
    while (pic.pending()) {
      const source = interrupts.acknowledge(pic.acknowledge());
      if (source === null) continue;
      seen.push(source);
      if (source === 'timer') timer.handleInterrupt();
      interrupts.endOfInterrupt(source);
    }
    return seen;
  };
  return { b, c, pic, interrupts, timer, idleUntil, take };
}

describe('pc board', () => {
  test('the HPET tick arrives on IRQ 0 through the PIC; the PIT is cut off in legacy mode', () => {
    const { interrupts, timer, idleUntil, take, b } = board();
    interrupts.enable('timer');
    timer.startPeriodic(10_000_000);
    let ticks = 0;
    // The driver's own register accesses take virtual time (docs/clock.md):
    // the ticks come some microseconds after each 10 ms.
    for (let i = 1; i <= 5; i++) {
      idleUntil(i * 10_000_000 + 1_000_000);
      ticks += take().filter((s) => s === 'timer').length;
    }
    expect(ticks).toBe(5);
    // Program the PIT for a fast rate: with legacy replacement on, IRQ 0 stays the HPET's.
    b.bus.out8(0x43, 0x34);
    b.bus.out8(0x40, 100);
    b.bus.out8(0x40, 0);
    idleUntil(61_000_000);
    expect(take().length).toBe(1);
  });

  test('an alarm on comparator 1 arrives as a timer interrupt (IRQ 8)', () => {
    const { interrupts, timer, idleUntil, take } = board();
    interrupts.enable('timer');
    timer.setAlarm(3_000_000);
    idleUntil(2_999_000);
    expect(take()).toEqual([]);
    idleUntil(3_100_000); // the drivers' register accesses took some µs
    expect(take()).toEqual(['timer']);
  });

  test('keyboard: a host key becomes IRQ 1 and a key event', () => {
    const { c, interrupts, pic } = board();
    const keyboard = c.get<Keyboard>(KEYBOARD);
    keyboard.init();
    interrupts.enable('keyboard');
    c.get<Ps2Controller>(PS2).key('Enter', true);
    expect(pic.pending()).toBe(true);
    expect(interrupts.acknowledge(pic.acknowledge())).toBe('keyboard');
    expect(keyboard.handleInterrupt()).toEqual([{ key: 'Enter', pressed: true, char: '\n' }]);
    interrupts.endOfInterrupt('keyboard');
    expect(pic.pending()).toBe(false);
  });

  test('disk: IDENTIFY at init, a read completing on IRQ 14', () => {
    const { c, interrupts, pic } = board();
    const data = new Uint8Array(64 * 512);
    data[5 * 512] = 0x77;
    c.get<AtaChannel>(ATA).insert(memoryMedium(data));
    const disk = c.get<BlockDevice>(BLOCK_DEVICE);
    disk.init();
    interrupts.enable('disk');
    expect(disk.sectorCount).toBe(64);
    const into = new Uint8Array(512);
    let result: string | null | undefined;
    disk.read(5, 1, into, (e) => (result = e));
    expect(pic.pending()).toBe(true);
    expect(interrupts.acknowledge(pic.acknowledge())).toBe('disk');
    disk.handleInterrupt!();
    interrupts.endOfInterrupt('disk');
    expect(result).toBeNull();
    expect(into[0]).toBe(0x77);
  });

  test('the wall clock starts at --rtc and follows virtual time', () => {
    const { c, idleUntil, timer } = board();
    const clock = c.get<WallClock>(RTC);
    const start = Date.UTC(2026, 0, 1) / 1000;
    expect(clock.nowSeconds()).toBe(start);
    timer.setAlarm(5e9);
    idleUntil(5e9 + 100_000);
    expect(clock.nowSeconds()).toBe(start + 5);
  });

  test('the display switches to mode 13h and back', () => {
    const { c } = board();
    const display = c.get<Display>(DISPLAY);
    display.init();
    const screen = c.get<ScreenSource>(SCREEN);
    display.setMode('graphics');
    const g = screen.snapshot();
    expect(g.kind === 'pixels' && [g.width, g.height]).toEqual([320, 200]);
    display.setMode('text');
    display.putCell(0, 0, 0x41, 0x1e);
    const t = screen.snapshot();
    expect(t.kind === 'text' && t.cells[0]).toBe(0x1e41);
  });
});
