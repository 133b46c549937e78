import { CONSOLE, Console } from '../../hal/console';
import { INTERRUPT_CONTROLLER, InterruptController } from '../../hal/interrupts';
import { TIMER, Timer } from '../../hal/timer';
import { MMIO, Mmio } from '../../hal/io';
import { InterruptMatrixController } from '../../kernel/drivers/intmatrix';
import { GPIO_BASE, INTERRUPT_MATRIX_BASE } from '../../boards/esp32c3';
import { esp32c3 } from './board-harness';

function setup() {
  const b = esp32c3();
  const ic = b.get<InterruptController>(INTERRUPT_CONTROLLER);
  const timer = b.get<Timer>(TIMER);
  ic.init();
  timer.init();
  return { ...b, ic, timer };
}

describe('esp32c3 interrupt matrix driver + SYSTIMER driver', () => {
  test('the periodic tick reaches CPU line 1 and is acknowledged as the timer', () => {
    const { ic, timer, matrix, advanceNs } = setup();
    expect(ic.enable('timer')).toBe(true);
    timer.startPeriodic(10_000_000); // 100 Hz
    advanceNs(9_900_000);
    expect(matrix.highestPendingLine()).toBe(0);
    advanceNs(100_000);
    const line = matrix.highestPendingLine();
    expect(line).toBe(1);
    expect(ic.acknowledge(line)).toBe('timer');
    timer.handleInterrupt();
    ic.endOfInterrupt('timer');
    expect(matrix.highestPendingLine()).toBe(0);
    expect(ic.acknowledge(line)).toBeNull(); // the level dropped: spurious now
    let ticks = 0;
    for (let i = 0; i < 100; i++) {
      advanceNs(1_000_000);
      if (matrix.highestPendingLine() === 1) {
        ticks++;
        timer.handleInterrupt();
      }
    }
    expect(ticks).toBe(10);
  });

  test('a one-shot alarm: in the past fires at once, in the future at its time', () => {
    const { ic, timer, matrix, advanceNs } = setup();
    ic.enable('timer');
    advanceNs(5_000_000);
    timer.setAlarm(timer.nowNs() - 1_000);
    expect(matrix.highestPendingLine()).toBe(1);
    timer.handleInterrupt();
    expect(matrix.highestPendingLine()).toBe(0);
    const at = timer.nowNs() + 250_000;
    timer.setAlarm(at);
    // Programming the alarm took the driver's register accesses (docs/clock.md).
    advanceNs(240_000);
    expect(matrix.highestPendingLine()).toBe(0);
    advanceNs(10_000);
    expect(matrix.highestPendingLine()).toBe(1);
    expect(timer.nowNs()).toBeGreaterThanOrEqual(at);
    timer.handleInterrupt();
    advanceNs(10_000_000); // one-shot: nothing more
    expect(matrix.highestPendingLine()).toBe(0);
  });

  test('masked sources stay pending in the matrix but are not delivered', () => {
    const { ic, timer, matrix } = setup();
    timer.setAlarm(0);
    expect(matrix.highestPendingLine()).toBe(0);
    ic.enable('timer');
    expect(matrix.highestPendingLine()).toBe(1);
    ic.disable('timer');
    expect(matrix.highestPendingLine()).toBe(0);
  });

  test('the console UART interrupts on line 2 when a byte arrives', () => {
    const b = setup();
    const console = b.get<Console>(CONSOLE);
    console.init();
    b.ic.enable('serial');
    b.consoleUart.receive(0x41);
    expect(b.matrix.highestPendingLine()).toBe(2);
    expect(b.ic.acknowledge(2)).toBe('serial');
    console.handleInterrupt();
    expect(console.readByte()).toBe(0x41);
    expect(b.matrix.highestPendingLine()).toBe(0);
  });

  test('the timer outranks the console when both are pending', () => {
    const b = setup();
    b.get<Console>(CONSOLE).init();
    b.ic.enable('serial');
    b.ic.enable('timer');
    b.consoleUart.receive(0x41);
    b.timer.setAlarm(0);
    expect(b.matrix.highestPendingLine()).toBe(1);
  });

  test('sources the board does not have are refused', () => {
    const { ic } = setup();
    expect(ic.enable('net')).toBe(false);
    expect(ic.enable('disk')).toBe(false);
    expect(ic.acknowledge(17)).toBeNull();
  });

  test('a tick period outside the 26-bit field is a clear error', () => {
    const { timer } = setup();
    expect(() => timer.startPeriodic(5e9)).toThrow(/outside/);
    expect(() => timer.startPeriodic(10)).toThrow(/outside/);
  });

  test('an edge-routed source latches, and endOfInterrupt clears the latch', () => {
    const b = esp32c3();
    const mmio = b.get<Mmio>(MMIO);
    const ic = new InterruptMatrixController(mmio, INTERRUPT_MATRIX_BASE, {
      gpio: { sources: [16], line: 7, priority: 3, edge: true },
    });
    ic.init();
    ic.enable('gpio');
    // GPIO4: rising-edge interrupt to the CPU; a short pulse from the host.
    mmio.write32(GPIO_BASE + 0x74 + 4 * 4, (1 << 7) | (1 << 13));
    b.keypad.setKey('ArrowRight', true);
    mmio.write32(GPIO_BASE + 0x4c, 1 << 4); // the handler clears the GPIO status
    expect(b.matrix.highestPendingLine()).toBe(0); // a press pulls the pad low: no rising edge yet
    b.keypad.setKey('ArrowRight', false); // rising edge
    mmio.write32(GPIO_BASE + 0x4c, 1 << 4); // source drops at once
    expect(b.matrix.highestPendingLine()).toBe(7); // but the edge is latched
    expect(ic.acknowledge(7)).toBe('gpio');
    ic.endOfInterrupt('gpio');
    expect(b.matrix.highestPendingLine()).toBe(0);
    expect(() => new InterruptMatrixController(mmio, INTERRUPT_MATRIX_BASE, { gpio: { sources: [16], line: 0, priority: 1, edge: false } })).toThrow(/1\.\.31/);
  });
});
