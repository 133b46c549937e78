import { Bus } from '../../platform/bus';
import { Clock } from '../../platform/clock';
import { LatchedIrqLine } from '../../platform/irq';
import { Pit8254, PIT_FREQUENCY_HZ } from '../../platform/pc/pit8254';

/** A fake core: time advances as we set `retired` (1 ns per instruction). */
function setup() {
  const clock = new Clock(1e9);
  const core = { retired: 0 };
  clock.attach(core);
  const edges: number[] = [];
  const irq = new LatchedIrqLine((level) => {
    if (level) edges.push(clock.nowNs());
  });
  const pit = new Pit8254(clock, irq);
  const bus = new Bus(1 << 20, 'open-bus');
  bus.mapPorts(0x40, 4, pit);
  bus.mapPorts(0x61, 1, pit.systemControl);
  const advanceTo = (ns: number) => {
    // Step through events like the machine loop does.
    for (;;) {
      const next = clock.nextEventNs();
      if (next > ns) break;
      core.retired = Math.max(core.retired, Math.ceil(next));
      clock.fireDue();
    }
    core.retired = ns;
    clock.fireDue();
  };
  return { clock, core, pit, bus, irq, edges, advanceTo };
}

const tickNs = 1e9 / PIT_FREQUENCY_HZ;

describe('8254 PIT model', () => {
  test('mode 2 rate generator: one IRQ0 rising edge per period, counter counts down', () => {
    const { bus, irq, edges, advanceTo } = setup();
    bus.out8(0x43, 0x34); // ch0, lo/hi, mode 2
    bus.out8(0x40, 1000 & 0xff);
    bus.out8(0x40, 1000 >> 8);
    expect(irq.level).toBe(true); // the control word sets OUT high in mode 2
    edges.length = 0;
    advanceTo(Math.round(100 * tickNs) + 1);
    bus.out8(0x43, 0x00); // latch channel 0
    const lo = bus.in8(0x40);
    const hi = bus.in8(0x40);
    expect(lo | (hi << 8)).toBe(900);
    advanceTo(Math.round(5000 * tickNs) + 10);
    // Edges at the end of each period: ~1000, 2000, 3000, 4000, 5000 ticks.
    expect(edges.length).toBe(5);
    const period = edges[1] - edges[0];
    expect(Math.abs(period - 1000 * tickNs)).toBeLessThan(2);
  });

  test('mode 3 square wave: OUT high half the period, low the other half', () => {
    const { bus, pit, edges, advanceTo } = setup();
    bus.out8(0x43, 0x36); // ch0, lo/hi, mode 3
    bus.out8(0x40, 0x00);
    bus.out8(0x40, 0x00); // 65536
    edges.length = 0;
    advanceTo(Math.round(10000 * tickNs));
    expect(pit.output(0)).toBe(true);
    advanceTo(Math.round(40000 * tickNs));
    expect(pit.output(0)).toBe(false);
    advanceTo(Math.round(3 * 65536 * tickNs) + 5);
    expect(edges.length).toBe(3);
    // The counter decrements by two.
    bus.out8(0x43, 0x00);
    const a = bus.in8(0x40) | (bus.in8(0x40) << 8);
    expect(a % 2).toBe(0);
  });

  test('mode 0 interrupt on terminal count: OUT low until the count expires, once', () => {
    const { bus, pit, edges, advanceTo } = setup();
    bus.out8(0x43, 0x30); // ch0, lo/hi, mode 0
    expect(pit.output(0)).toBe(false);
    bus.out8(0x40, 100);
    bus.out8(0x40, 0);
    advanceTo(Math.round(99 * tickNs));
    expect(pit.output(0)).toBe(false);
    advanceTo(Math.round(101 * tickNs));
    expect(pit.output(0)).toBe(true);
    advanceTo(Math.round(100000 * tickNs));
    expect(edges.length).toBe(1);
  });

  test('lobyte-only access and reading the live counter', () => {
    const { bus, advanceTo } = setup();
    bus.out8(0x43, 0x14); // ch0, lobyte, mode 2
    bus.out8(0x40, 200);
    advanceTo(Math.round(50 * tickNs) + 1);
    expect(bus.in8(0x40)).toBe(150);
  });

  test('latch command freezes the value until both bytes are read', () => {
    const { bus, advanceTo } = setup();
    bus.out8(0x43, 0x34);
    bus.out8(0x40, 0x00);
    bus.out8(0x40, 0x10); // 4096
    advanceTo(Math.round(96 * tickNs) + 1);
    bus.out8(0x43, 0x00);
    advanceTo(Math.round(500 * tickNs));
    const lo = bus.in8(0x40);
    const hi = bus.in8(0x40);
    expect(lo | (hi << 8)).toBe(4000);
  });

  test('read-back status reports OUT, null count and the control word', () => {
    const { bus } = setup();
    bus.out8(0x43, 0x34);
    bus.out8(0x43, 0xe2); // read-back status of ch0 only
    expect(bus.in8(0x40)).toBe(0x80 | 0x40 | 0x34);
    bus.out8(0x40, 10);
    bus.out8(0x40, 0);
    bus.out8(0x43, 0xe2);
    expect(bus.in8(0x40) & 0x40).toBe(0);
  });

  test('channel 2 gated by port 0x61, OUT2 readable at bit 5', () => {
    const { bus, advanceTo } = setup();
    bus.out8(0x43, 0xb0); // ch2, lo/hi, mode 0
    bus.out8(0x42, 50);
    bus.out8(0x42, 0);
    advanceTo(Math.round(1000 * tickNs));
    expect(bus.in8(0x61) & 0x20).toBe(0); // gate low: not counting
    bus.out8(0x61, 0x01);
    advanceTo(Math.round(1040 * tickNs));
    expect(bus.in8(0x61) & 0x20).toBe(0);
    advanceTo(Math.round(1052 * tickNs));
    expect(bus.in8(0x61) & 0x20).toBe(0x20);
  });

  test('a new mode 2 count takes effect at the end of the current period', () => {
    const { bus, edges, advanceTo } = setup();
    bus.out8(0x43, 0x34);
    bus.out8(0x40, 0xe8);
    bus.out8(0x40, 0x03); // 1000
    edges.length = 0;
    advanceTo(Math.round(500 * tickNs));
    bus.out8(0x40, 100);
    bus.out8(0x40, 0);
    advanceTo(Math.round(1350 * tickNs));
    // Edges at 1000 then 1100, 1200, 1300 ticks.
    expect(edges.length).toBe(4);
  });

  test('mode 4 strobe: OUT low for one tick at terminal count', () => {
    const { bus, pit, edges, advanceTo } = setup();
    bus.out8(0x43, 0x38); // ch0, lo/hi, mode 4
    bus.out8(0x40, 50);
    bus.out8(0x40, 0);
    edges.length = 0;
    advanceTo(Math.round(49.5 * tickNs));
    expect(pit.output(0)).toBe(true);
    advanceTo(Math.round(50.5 * tickNs));
    expect(pit.output(0)).toBe(false);
    advanceTo(Math.round(52 * tickNs));
    expect(pit.output(0)).toBe(true);
    expect(edges.length).toBe(1); // the rising edge after the strobe
  });

  test('mode 1 one-shot on channel 2 waits for a gate trigger', () => {
    const { bus, advanceTo } = setup();
    bus.out8(0x43, 0xb2); // ch2, lo/hi, mode 1
    bus.out8(0x42, 100);
    bus.out8(0x42, 0);
    advanceTo(Math.round(1000 * tickNs));
    expect(bus.in8(0x61) & 0x20).toBe(0x20); // not triggered: OUT high
    bus.out8(0x61, 0x01); // gate rising edge: trigger
    advanceTo(Math.round(1050 * tickNs));
    expect(bus.in8(0x61) & 0x20).toBe(0); // counting: OUT low
    advanceTo(Math.round(1101 * tickNs));
    expect(bus.in8(0x61) & 0x20).toBe(0x20);
  });
});
