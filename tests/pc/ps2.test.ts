import { Bus, BusPortIo } from '../../platform/bus';
import { LatchedIrqLine } from '../../platform/irq';
import { Ps2Controller } from '../../platform/pc/ps2-controller';
import { Ps2Keyboard } from '../../platform/pc/ps2-keyboard';
import { KEY_NAMES, keyForChar, scancodesFor } from '../../platform/pc/scancodes';
import { Ps2KeyboardDriver } from '../../kernel/drivers/ps2-keyboard';
import { SET1_EXTENDED_KEYS, SET1_KEYS } from '../../kernel/drivers/scancode-set1';

function setup() {
  const irq = new LatchedIrqLine();
  const keyboard = new Ps2Keyboard();
  const ps2 = new Ps2Controller(keyboard, irq);
  const bus = new Bus(1 << 20, 'open-bus');
  bus.mapPorts(0x60, 1, ps2);
  bus.mapPorts(0x64, 1, ps2.statusPort);
  const drain = () => {
    const out: number[] = [];
    while (bus.in8(0x64) & 1) out.push(bus.in8(0x60));
    return out;
  };
  return { irq, keyboard, ps2, bus, drain };
}

describe('scancode set 1 table', () => {
  test('make/break, extended prefixes, print screen and pause', () => {
    expect(scancodesFor('a', true)).toEqual([0x1e]);
    expect(scancodesFor('a', false)).toEqual([0x9e]);
    expect(scancodesFor('ArrowUp', true)).toEqual([0xe0, 0x48]);
    expect(scancodesFor('ArrowUp', false)).toEqual([0xe0, 0xc8]);
    expect(scancodesFor('PrintScreen', true)).toEqual([0xe0, 0x2a, 0xe0, 0x37]);
    expect(scancodesFor('Pause', true)).toEqual([0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5]);
    expect(scancodesFor('NoSuchKey', true)).toBeNull();
    expect(keyForChar('A')).toEqual({ key: 'a', shift: true });
    expect(keyForChar('?')).toEqual({ key: '/', shift: true });
  });

  test('the kernel decoding table is the inverse of the board table for every key', () => {
    for (const key of KEY_NAMES) {
      if (key === 'PrintScreen' || key === 'Pause') continue;
      const codes = scancodesFor(key, true)!;
      const decoded = codes.length === 1 ? SET1_KEYS[codes[0]] : SET1_EXTENDED_KEYS[codes[1]];
      expect(decoded).toBe(key);
    }
  });
});

describe('8042 controller model', () => {
  test('status: empty after reset, A2 tracks command writes, config read/write', () => {
    const { bus } = setup();
    expect(bus.in8(0x64) & 0x01).toBe(0);
    bus.out8(0x64, 0x20);
    expect(bus.in8(0x64) & 0x09).toBe(0x09);
    const config = bus.in8(0x60);
    expect(config & 0x40).toBe(0x40);
    bus.out8(0x64, 0x60);
    bus.out8(0x60, 0x05);
    expect(bus.in8(0x64) & 0x08).toBe(0);
    bus.out8(0x64, 0x20);
    expect(bus.in8(0x60)).toBe(0x05);
  });

  test('self test, port test, disabling the keyboard holds its bytes back', () => {
    const { bus, ps2, drain } = setup();
    bus.out8(0x64, 0xaa);
    expect(drain()).toEqual([0x55]);
    bus.out8(0x64, 0xab);
    expect(drain()).toEqual([0x00]);
    ps2.key('a', true);
    bus.out8(0x64, 0xad);
    expect(drain()).toEqual([0x1e]); // already in the output buffer
    expect(ps2.key('b', true)).toBe(true); // buffered in the keyboard
    expect(drain()).toEqual([]);
    bus.out8(0x64, 0xae);
    expect(drain()).toEqual([0x30]);
    ps2.sendScancodes([0xe0, 0x48]);
    expect(drain()).toEqual([0xe0, 0x48]);
  });

  test('keyboard commands: reset, identify, echo, LEDs, disable/enable scanning', () => {
    const { bus, ps2, keyboard, drain } = setup();
    bus.out8(0x60, 0xff);
    expect(drain()).toEqual([0xfa, 0xaa]);
    bus.out8(0x60, 0xf2);
    expect(drain()).toEqual([0xfa, 0xab, 0x41]);
    bus.out8(0x60, 0xee);
    expect(drain()).toEqual([0xee]);
    bus.out8(0x60, 0xed);
    bus.out8(0x60, 0x04);
    expect(drain()).toEqual([0xfa, 0xfa]);
    expect(keyboard.leds).toBe(4);
    bus.out8(0x60, 0xf5);
    expect(drain()).toEqual([0xfa]);
    ps2.key('a', true);
    expect(drain()).toEqual([]);
    bus.out8(0x60, 0xf4);
    ps2.key('a', true);
    expect(drain()).toEqual([0xfa, 0x1e]);
    bus.out8(0x60, 0x12);
    expect(drain()).toEqual([0xfe]);
  });

  test('IRQ 1 follows a full output buffer when enabled; each byte gives a new edge', () => {
    const { bus, ps2, irq } = setup();
    let edges = 0;
    const counted = new LatchedIrqLine((l) => l && edges++);
    const ps2b = new Ps2Controller(new Ps2Keyboard(), counted);
    ps2b.key('ArrowLeft', true);
    expect(counted.level).toBe(true);
    ps2b.in(0, 1);
    expect(counted.level).toBe(true); // the 0x4B moved in behind the 0xE0
    ps2b.in(0, 1);
    expect(counted.level).toBe(false);
    expect(edges).toBe(2);
    // With IRQ 1 disabled in the configuration byte: no interrupt.
    bus.out8(0x64, 0x60);
    bus.out8(0x60, 0x44);
    ps2.key('z', true);
    expect(irq.level).toBe(false);
    expect(bus.in8(0x64) & 1).toBe(1);
  });

  test('the 16-byte buffer overflows with the overrun code', () => {
    const { ps2, drain, bus } = setup();
    bus.out8(0x64, 0xad); // hold bytes in the keyboard
    let accepted = 0;
    bus.out8(0x64, 0xae);
    // Fill without reading: the first byte sits in the controller.
    for (let i = 0; i < 20; i++) if (ps2.key('x', i % 2 === 0)) accepted++;
    const bytes = drain();
    expect(accepted).toBe(17);
    expect(bytes[bytes.length - 1]).toBe(0xff);
  });
});

describe('keyboard driver against the model', () => {
  function driverSetup() {
    const t = setup();
    const driver = new Ps2KeyboardDriver(new BusPortIo(t.bus));
    driver.init();
    return { ...t, driver };
  }

  test('init leaves IRQ 1 and translation on, the keyboard scanning and the buffer empty', () => {
    const { bus, irq, ps2 } = driverSetup();
    expect(ps2.configByte & 0x41).toBe(0x41);
    expect(bus.in8(0x64) & 1).toBe(0);
    ps2.key('q', true);
    expect(irq.level).toBe(true);
  });

  test('decodes make/break with characters, shift, caps lock and control', () => {
    const { ps2, driver } = driverSetup();
    ps2.key('h', true);
    ps2.key('h', false);
    expect(driver.handleInterrupt()).toEqual([
      { key: 'h', pressed: true, char: 'h' },
      { key: 'h', pressed: false },
    ]);
    ps2.key('Shift', true);
    ps2.key('1', true);
    ps2.key('Shift', false);
    const shifted = driver.handleInterrupt();
    expect(shifted[1]).toEqual({ key: '1', pressed: true, char: '!' });
    ps2.key('CapsLock', true);
    ps2.key('CapsLock', false);
    driver.handleInterrupt(); // the LED ACKs arrive later
    ps2.key('a', true);
    const caps = driver.handleInterrupt();
    expect(caps).toEqual([{ key: 'a', pressed: true, char: 'A' }]);
    expect(driver.leds).toBe(4);
    ps2.key('ControlRight', true);
    ps2.key('c', true);
    const ctrl = driver.handleInterrupt();
    expect(ctrl[0]).toEqual({ key: 'ControlRight', pressed: true });
    expect(ctrl[1].char).toBe('\x03');
  });

  test('extended keys, fake shifts of print screen, pause', () => {
    const { ps2, driver } = driverSetup();
    ps2.key('ArrowDown', true);
    ps2.key('ArrowDown', false);
    ps2.key('NumpadEnter', true);
    ps2.key('PrintScreen', true);
    ps2.key('Pause', true);
    expect(driver.handleInterrupt()).toEqual([
      { key: 'ArrowDown', pressed: true },
      { key: 'ArrowDown', pressed: false },
      { key: 'NumpadEnter', pressed: true, char: '\n' },
      { key: 'PrintScreen', pressed: true },
      { key: 'Pause', pressed: true },
    ]);
  });
});
