import { Bus, BusPortIo } from '../../platform/bus';
import { LatchedIrqLine } from '../../platform/irq';
import { CmosRtc, parseRtcSeed } from '../../platform/pc/cmos-rtc';
import { CmosRtcClock } from '../../kernel/drivers/cmos-rtc';
import { FakeTime } from './harness';

const SEED = '2026-01-01T23:59:58';

function setup(seed = SEED) {
  const time = new FakeTime();
  const irq = new LatchedIrqLine();
  const rtc = new CmosRtc(time.clock, irq, parseRtcSeed(seed));
  const bus = new Bus(1 << 20, 'open-bus');
  bus.mapPorts(0x70, 2, rtc);
  const reg = (r: number) => (bus.out8(0x70, r), bus.in8(0x71));
  const set = (r: number, v: number) => (bus.out8(0x70, r), bus.out8(0x71, v));
  return { time, irq, rtc, bus, reg, set };
}

describe('CMOS RTC model', () => {
  test('BCD, 24-hour by default; the date rolls over with virtual time', () => {
    const { time, reg } = setup();
    expect(reg(0x00)).toBe(0x58);
    expect(reg(0x02)).toBe(0x59);
    expect(reg(0x04)).toBe(0x23);
    expect(reg(0x07)).toBe(0x01);
    expect(reg(0x08)).toBe(0x01);
    expect(reg(0x09)).toBe(0x26);
    expect(reg(0x32)).toBe(0x20);
    expect(reg(0x06)).toBe(5); // 2026-01-01 is a Thursday: Sunday = 1
    time.advanceBy(2.5e9);
    expect(reg(0x00)).toBe(0x00);
    expect(reg(0x04)).toBe(0x00);
    expect(reg(0x07)).toBe(0x02);
  });

  test('binary mode and 12-hour mode with the PM bit', () => {
    const { reg, set } = setup('2030-06-15T13:05:09');
    set(0x0b, 0x04); // binary, 12-hour
    expect(reg(0x00)).toBe(9);
    expect(reg(0x04)).toBe(0x80 | 1);
    expect(reg(0x09)).toBe(30);
    set(0x0b, 0x00); // BCD, 12-hour
    expect(reg(0x04)).toBe(0x81);
    set(0x0b, 0x02);
    expect(reg(0x04)).toBe(0x13);
  });

  test('SET freezes the clock; written fields take effect; clearing SET resumes', () => {
    const { time, reg, set } = setup();
    set(0x0b, 0x82); // SET, 24h, BCD
    set(0x04, 0x10);
    set(0x02, 0x30);
    set(0x00, 0x00);
    time.advanceBy(5e9);
    expect(reg(0x00)).toBe(0x00);
    set(0x0b, 0x02);
    time.advanceBy(3e9);
    expect(reg(0x00)).toBe(0x03);
    expect(reg(0x02)).toBe(0x30);
    expect(reg(0x04)).toBe(0x10);
  });

  test('UIP is set in the 244 us before each update', () => {
    const { time, reg } = setup();
    time.advanceTo(1e9 - 300_000);
    expect(reg(0x0a) & 0x80).toBe(0);
    time.advanceTo(1e9 - 100_000);
    expect(reg(0x0a) & 0x80).toBe(0x80);
    time.advanceTo(1e9 + 1000);
    expect(reg(0x0a) & 0x80).toBe(0);
  });

  test('update-ended interrupt raises IRQ 8 until status C is read', () => {
    const { time, irq, reg, set } = setup();
    set(0x0b, 0x12); // UIE
    expect(irq.level).toBe(false);
    time.advanceTo(1e9 + 10);
    expect(irq.level).toBe(true);
    const c = reg(0x0c);
    expect(c & 0x90).toBe(0x90);
    expect(irq.level).toBe(false);
    expect(reg(0x0c)).toBe(0);
  });

  test('alarm with a don\'t-care hour fires at the matching minute and second', () => {
    const { time, irq, reg, set } = setup('2026-01-01T10:00:00');
    set(0x01, 0x30);
    set(0x03, 0x01);
    set(0x05, 0xc0);
    set(0x0b, 0x22); // AIE
    time.advanceTo(89e9);
    expect(irq.level).toBe(false);
    time.advanceTo(90e9 + 1);
    expect(irq.level).toBe(true);
    expect(reg(0x0c) & 0x20).toBe(0x20);
  });

  test('periodic interrupt at the status A rate', () => {
    const { time, irq, reg, set } = setup();
    set(0x0a, 0x2f); // 2 Hz
    set(0x0b, 0x42); // PIE
    let count = 0;
    for (let t = 0; t < 10; t++) {
      time.advanceBy(500e6);
      if (irq.level) {
        count++;
        reg(0x0c);
      }
    }
    expect(count).toBe(10);
  });

  test('memory sizes in CMOS RAM with the 0x10-0x2D checksum', () => {
    const { rtc, reg } = setup();
    rtc.recordMemory(640, 64 << 20);
    expect(reg(0x15) | (reg(0x16) << 8)).toBe(640);
    expect(reg(0x17) | (reg(0x18) << 8)).toBe(63 * 1024);
    expect(reg(0x30) | (reg(0x31) << 8)).toBe(63 * 1024);
    expect(reg(0x34) | (reg(0x35) << 8)).toBe(48 * 16);
    let sum = 0;
    for (let r = 0x10; r <= 0x2d; r++) sum += reg(r);
    expect((reg(0x2e) << 8) | reg(0x2f)).toBe(sum);
  });

  test('rejects a malformed seed', () => {
    expect(() => parseRtcSeed('tomorrow')).toThrow(/invalid RTC time/);
  });
});

describe('CMOS RTC driver', () => {
  test('reads the seeded time in BCD and in binary 12-hour mode', () => {
    const { time, bus, set } = setup('2026-03-04T05:06:07');
    const clock = new CmosRtcClock(new BusPortIo(bus));
    const expected = Date.UTC(2026, 2, 4, 5, 6, 7) / 1000;
    expect(clock.nowSeconds()).toBe(expected);
    time.advanceBy(61e9);
    expect(clock.nowSeconds()).toBe(expected + 61);
    set(0x0b, 0x04);
    time.advanceBy(12 * 3600e9);
    expect(clock.nowSeconds()).toBe(expected + 61 + 12 * 3600);
  });
});
