import * as M from '../../platform/esp32c3/intmatrix';

function setup() {
  const matrix = new M.InterruptMatrix();
  let notifications = 0;
  matrix.connect({ interruptLevelChanged: () => notifications++ });
  const w = (offset: number, value: number) => matrix.write(offset, 4, value);
  const r = (offset: number) => matrix.read(offset, 4);
  const prio = (line: number, p: number) => w(M.INTERRUPT_CORE0_CPU_INT_PRI_0 + 4 * line, p);
  return { matrix, w, r, prio, notified: () => notifications };
}

describe('ESP32-C3 interrupt matrix', () => {
  test('a mapped, enabled source above the threshold reaches its line', () => {
    const { matrix, w, r, prio } = setup();
    w(4 * M.ETS_UART0_INTR_SOURCE, 5);
    prio(5, 3);
    matrix.source(M.ETS_UART0_INTR_SOURCE).set(true);
    expect(r(M.INTERRUPT_CORE0_CPU_INT_EIP_STATUS)).toBe(1 << 5); // pending even while disabled
    expect(matrix.highestPendingLine()).toBe(0);
    w(M.INTERRUPT_CORE0_CPU_INT_ENABLE, 1 << 5);
    expect(matrix.highestPendingLine()).toBe(5);
    matrix.source(M.ETS_UART0_INTR_SOURCE).set(false);
    expect(matrix.highestPendingLine()).toBe(0);
    expect(r(M.INTERRUPT_CORE0_CPU_INT_EIP_STATUS)).toBe(0);
  });

  test('map value 0 leaves a source unconnected; INTR_STATUS still shows it', () => {
    const { matrix, w, r } = setup();
    w(M.INTERRUPT_CORE0_CPU_INT_ENABLE, 0xfffffffe);
    matrix.source(M.ETS_DMA_CH0_INTR_SOURCE).set(true);
    expect(r(M.INTERRUPT_CORE0_CPU_INT_EIP_STATUS)).toBe(0);
    expect(r(M.INTERRUPT_CORE0_INTR_STATUS_1)).toBe(1 << (M.ETS_DMA_CH0_INTR_SOURCE - 32));
    expect(r(4 * M.ETS_DMA_CH0_INTR_SOURCE)).toBe(0);
  });

  test('the highest priority wins; equal priorities go to the lower line', () => {
    const { matrix, w, prio } = setup();
    w(4 * M.ETS_GPIO_INTR_SOURCE, 3);
    w(4 * M.ETS_UART0_INTR_SOURCE, 7);
    w(4 * M.ETS_UART1_INTR_SOURCE, 9);
    prio(3, 2);
    prio(7, 6);
    prio(9, 6);
    w(M.INTERRUPT_CORE0_CPU_INT_ENABLE, (1 << 3) | (1 << 7) | (1 << 9));
    matrix.source(M.ETS_GPIO_INTR_SOURCE).set(true);
    expect(matrix.highestPendingLine()).toBe(3);
    matrix.source(M.ETS_UART1_INTR_SOURCE).set(true);
    expect(matrix.highestPendingLine()).toBe(9);
    matrix.source(M.ETS_UART0_INTR_SOURCE).set(true);
    expect(matrix.highestPendingLine()).toBe(7);
  });

  test('a line is taken only when its priority is above the threshold; priority 0 never', () => {
    const { matrix, w, prio } = setup();
    w(4 * M.ETS_GPIO_INTR_SOURCE, 4);
    w(M.INTERRUPT_CORE0_CPU_INT_ENABLE, 1 << 4);
    matrix.source(M.ETS_GPIO_INTR_SOURCE).set(true);
    expect(matrix.highestPendingLine()).toBe(0); // priority 0
    prio(4, 5);
    expect(matrix.highestPendingLine()).toBe(4);
    w(M.INTERRUPT_CORE0_CPU_INT_THRESH, 5);
    expect(matrix.highestPendingLine()).toBe(0);
    w(M.INTERRUPT_CORE0_CPU_INT_THRESH, 4);
    expect(matrix.highestPendingLine()).toBe(4);
  });

  test('several sources on one level line: the line stays up until all drop', () => {
    const { matrix, w, prio } = setup();
    w(4 * M.ETS_SYSTIMER_TARGET0_EDGE_INTR_SOURCE, 1);
    w(4 * M.ETS_SYSTIMER_TARGET1_EDGE_INTR_SOURCE, 1);
    prio(1, 1);
    w(M.INTERRUPT_CORE0_CPU_INT_ENABLE, 2);
    matrix.source(37).set(true);
    matrix.source(38).set(true);
    matrix.source(37).set(false);
    expect(matrix.highestPendingLine()).toBe(1);
    matrix.source(38).set(false);
    expect(matrix.highestPendingLine()).toBe(0);
  });

  test('edge lines latch a rising edge until CPU_INT_CLEAR', () => {
    const { matrix, w, r, prio } = setup();
    w(4 * M.ETS_GPIO_INTR_SOURCE, 6);
    prio(6, 1);
    w(M.INTERRUPT_CORE0_CPU_INT_TYPE, 1 << 6);
    w(M.INTERRUPT_CORE0_CPU_INT_ENABLE, 1 << 6);
    const gpio = matrix.source(M.ETS_GPIO_INTR_SOURCE);
    gpio.set(true);
    gpio.set(false);
    expect(matrix.highestPendingLine()).toBe(6); // latched after the pulse
    w(M.INTERRUPT_CORE0_CPU_INT_CLEAR, 1 << 6);
    expect(matrix.highestPendingLine()).toBe(0);
    gpio.set(true); // held clear while the CLEAR bit is set
    expect(matrix.highestPendingLine()).toBe(0);
    w(M.INTERRUPT_CORE0_CPU_INT_CLEAR, 0);
    expect(matrix.highestPendingLine()).toBe(0); // no new edge: still high
    gpio.set(false);
    gpio.set(true);
    expect(r(M.INTERRUPT_CORE0_CPU_INT_EIP_STATUS)).toBe(1 << 6);
  });

  test('the core is notified when the deliverable line changes', () => {
    const { matrix, w, prio, notified } = setup();
    w(4 * M.ETS_UART0_INTR_SOURCE, 2);
    prio(2, 1);
    w(M.INTERRUPT_CORE0_CPU_INT_ENABLE, 4);
    const before = notified();
    matrix.source(M.ETS_UART0_INTR_SOURCE).set(true);
    expect(notified()).toBe(before + 1);
    w(M.INTERRUPT_CORE0_CPU_INT_THRESH, 1);
    expect(notified()).toBe(before + 2);
  });

  test('registers read back with their field widths', () => {
    const { w, r, prio } = setup();
    w(4 * 10, 0xffffffff);
    expect(r(4 * 10)).toBe(0x1f);
    prio(3, 0xff);
    expect(r(M.INTERRUPT_CORE0_CPU_INT_PRI_0 + 12)).toBe(0xf);
    w(M.INTERRUPT_CORE0_CPU_INT_ENABLE, 0xffffffff);
    expect(r(M.INTERRUPT_CORE0_CPU_INT_ENABLE)).toBe(0xfffffffe); // there is no line 0
  });

  test('unmodelled registers are reported once each', () => {
    const messages: string[] = [];
    const matrix = new M.InterruptMatrix((m) => messages.push(m));
    matrix.write(0x1a0, 4, 1);
    matrix.read(0x1a0, 4);
    matrix.read(0x1a4, 4);
    expect(messages).toEqual(['intmatrix: write of unmodelled register +0x1a0', 'intmatrix: read of unmodelled register +0x1a4']);
    expect(matrix.unmodelled.seen).toEqual([0x1a0, 0x1a4]);
  });
});
