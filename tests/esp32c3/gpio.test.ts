import { LatchedIrqLine } from '../../platform/irq';
import * as G from '../../platform/esp32c3/gpio';

function setup() {
  const irq = new LatchedIrqLine();
  const gpio = new G.Esp32c3Gpio(irq);
  const w = (offset: number, value: number) => gpio.write(offset, 4, value);
  const r = (offset: number) => gpio.read(offset, 4);
  const pinInt = (pin: number, type: number, cpu = true) =>
    w(G.GPIO_PIN0 + 4 * pin, (type << G.GPIO_PIN_INT_TYPE_S) | (cpu ? G.GPIO_PIN_INT_ENA_CPU : 0));
  return { gpio, irq, w, r, pinInt };
}

describe('ESP32-C3 GPIO', () => {
  test('OUT with W1TS/W1TC drives output-enabled pads; IN reads them back', () => {
    const { gpio, w, r } = setup();
    w(G.GPIO_ENABLE_W1TS, 1 << 2);
    w(G.GPIO_OUT_W1TS, (1 << 2) | (1 << 3));
    expect(r(G.GPIO_OUT)).toBe(0b1100);
    expect(r(G.GPIO_IN) & 0b1100).toBe(0b0100); // pad 3 is an input: not driven
    expect(gpio.level(2)).toBe(true);
    w(G.GPIO_OUT_W1TC, 1 << 2);
    expect(gpio.level(2)).toBe(false);
  });

  test('inputs follow the host; an output-enabled pad ignores the outside', () => {
    const { gpio, w, r } = setup();
    gpio.setInput(5, true);
    expect(r(G.GPIO_IN) & (1 << 5)).toBe(1 << 5);
    w(G.GPIO_ENABLE_W1TS, 1 << 5);
    expect(r(G.GPIO_IN) & (1 << 5)).toBe(0);
  });

  test('falling-edge interrupt: STATUS latches, W1TC clears, source line follows', () => {
    const { gpio, irq, w, r, pinInt } = setup();
    gpio.setInput(9, true);
    pinInt(9, G.GPIO_INTR_NEGEDGE);
    expect(irq.level).toBe(false);
    gpio.setInput(9, false);
    expect(r(G.GPIO_STATUS)).toBe(1 << 9);
    expect(r(G.GPIO_PCPU_INT)).toBe(1 << 9);
    expect(irq.level).toBe(true);
    gpio.setInput(9, true); // a rising edge does not clear it
    expect(irq.level).toBe(true);
    w(G.GPIO_STATUS_W1TC, 1 << 9);
    expect(irq.level).toBe(false);
  });

  test('any-edge catches both; rising ignores falls', () => {
    const { gpio, w, r, pinInt } = setup();
    pinInt(1, G.GPIO_INTR_ANYEDGE);
    pinInt(4, G.GPIO_INTR_POSEDGE);
    gpio.setInput(1, true);
    w(G.GPIO_STATUS_W1TC, 0xffffffff);
    gpio.setInput(1, false);
    expect(r(G.GPIO_STATUS)).toBe(1 << 1);
    gpio.setInput(4, true);
    w(G.GPIO_STATUS_W1TC, 0xffffffff);
    gpio.setInput(4, false);
    expect(r(G.GPIO_STATUS)).toBe(0);
  });

  test('level interrupts re-assert STATUS while the level holds', () => {
    const { gpio, irq, w, pinInt } = setup();
    pinInt(0, G.GPIO_INTR_LOW_LEVEL);
    expect(irq.level).toBe(true); // pad 0 reads low
    w(G.GPIO_STATUS_W1TC, 1);
    expect(irq.level).toBe(true);
    gpio.setInput(0, true);
    w(G.GPIO_STATUS_W1TC, 1);
    expect(irq.level).toBe(false);
  });

  test('STATUS without INT_ENA to the CPU does not interrupt', () => {
    const { gpio, irq, r, pinInt } = setup();
    pinInt(3, G.GPIO_INTR_POSEDGE, false);
    gpio.setInput(3, true);
    expect(r(G.GPIO_STATUS)).toBe(1 << 3);
    expect(r(G.GPIO_PCPU_INT)).toBe(0);
    expect(irq.level).toBe(false);
  });

  test('output listeners see the D/C-style pin change; bad pins are errors', () => {
    const { gpio, w } = setup();
    const seen: string[] = [];
    gpio.onOutputChange((pin, level) => seen.push(`${pin}=${level ? 1 : 0}`));
    w(G.GPIO_ENABLE_W1TS, 1 << 2);
    w(G.GPIO_OUT_W1TS, 1 << 2);
    w(G.GPIO_OUT_W1TC, 1 << 2);
    expect(seen).toEqual(['2=1', '2=0']);
    expect(() => gpio.setInput(22, true)).toThrow(/GPIO22/);
  });
});
