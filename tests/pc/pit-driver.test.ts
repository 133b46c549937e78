import { Bus, BusPortIo } from '../../platform/bus';
import { PicPair } from '../../platform/pc/pic-pair';
import { Pit8254 } from '../../platform/pc/pit8254';
import { PitTimer } from '../../kernel/drivers/pit';
import { Pic8259Controller } from '../../kernel/drivers/pic8259';
import { FakeTime } from './harness';

function setup() {
  const time = new FakeTime();
  const pic = new PicPair();
  const pit = new Pit8254(time.clock, pic.lines[0]);
  const bus = new Bus(1 << 20, 'open-bus');
  bus.mapPorts(0x40, 4, pit);
  bus.mapPorts(0x20, 2, pic.master);
  bus.mapPorts(0xa0, 2, pic.slave);
  const io = new BusPortIo(bus);
  const timer = new PitTimer(io);
  timer.init(); // before the PIC: as the kernel's boot order does
  const controller = new Pic8259Controller(io);
  controller.init();
  controller.enable('timer');
  const service = () => {
    let n = 0;
    while (pic.pending()) {
      const s = controller.acknowledge(pic.acknowledge());
      if (s === 'timer') {
        timer.handleInterrupt();
        n++;
      }
      if (s) controller.endOfInterrupt(s);
    }
    return n;
  };
  return { time, pic, timer, service };
}

describe('PIT timer driver against the model', () => {
  test('a 1 ms tick interrupts once per period and nowNs follows virtual time', () => {
    const { time, timer, service } = setup();
    expect(service()).toBe(0);
    timer.startPeriodic(1_000_000); // mode 2 again: OUT0 stays high, no edge
    expect(service()).toBe(0);
    let ticks = 0;
    for (let i = 0; i < 20; i++) {
      time.advanceBy(1_000_000);
      ticks += service();
      expect(Math.abs(timer.nowNs() - time.now())).toBeLessThan(2_000);
    }
    expect(ticks).toBeGreaterThanOrEqual(19);
    expect(ticks).toBeLessThanOrEqual(21);
  });

  test('nowNs stays monotonic when an interrupt is not handled in time', () => {
    const { time, timer } = setup();
    timer.startPeriodic(1_000_000);
    let last = timer.nowNs();
    for (let i = 0; i < 10; i++) {
      time.advanceBy(300_000);
      const now = timer.nowNs();
      expect(now).toBeGreaterThanOrEqual(last);
      last = now;
    }
    expect(Math.abs(last - time.now())).toBeLessThan(2_000);
  });

  test('without a tick, setAlarm programs a one-shot that interrupts once', () => {
    const { time, timer, service, pic } = setup();
    timer.stopPeriodic();
    service();
    const start = time.now();
    timer.setAlarm(start + 5_000_000);
    time.advanceBy(4_900_000);
    expect(pic.pending()).toBe(false);
    time.advanceBy(200_000);
    expect(service()).toBe(1);
    time.advanceBy(50_000_000);
    expect(service()).toBe(0);
  });
});
