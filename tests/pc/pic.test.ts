import { Bus, BusPortIo } from '../../platform/bus';
import { PicPair, PIC_MASTER_PORT, PIC_SLAVE_PORT } from '../../platform/pc/pic-pair';
import { Pic8259Controller, PIC_MASTER_VECTOR, PIC_SLAVE_VECTOR } from '../../kernel/drivers/pic8259';

function setup() {
  const bus = new Bus(1 << 20, 'open-bus');
  const pair = new PicPair();
  bus.mapPorts(PIC_MASTER_PORT, 2, pair.master);
  bus.mapPorts(PIC_SLAVE_PORT, 2, pair.slave);
  let changes = 0;
  pair.connect({ interruptLevelChanged: () => changes++ });
  return { bus, pair, changes: () => changes };
}

/** The classic remap, written register by register. */
function initPair(bus: Bus, masterMask = 0, slaveMask = 0) {
  bus.out8(0x20, 0x11);
  bus.out8(0xa0, 0x11);
  bus.out8(0x21, 0x20);
  bus.out8(0xa1, 0x28);
  bus.out8(0x21, 0x04);
  bus.out8(0xa1, 0x02);
  bus.out8(0x21, 0x01);
  bus.out8(0xa1, 0x01);
  bus.out8(0x21, masterMask);
  bus.out8(0xa1, slaveMask);
}

describe('8259A pair model', () => {
  test('ICW sequence sets vector bases; a rising edge raises INTR and INTA returns the vector', () => {
    const { bus, pair, changes } = setup();
    initPair(bus);
    expect(pair.pending()).toBe(false);
    pair.lines[1].set(true);
    expect(pair.pending()).toBe(true);
    expect(changes()).toBe(1);
    expect(pair.acknowledge()).toBe(0x21);
    expect(pair.pending()).toBe(false);
    // ISR bit 1 is set; read it with OCW3.
    bus.out8(0x20, 0x0b);
    expect(bus.in8(0x20)).toBe(0x02);
    bus.out8(0x20, 0x0a);
    expect(bus.in8(0x20)).toBe(0); // IRR: the acknowledge cleared the edge latch
  });

  test('edge triggering: a held line does not re-request after EOI; a new edge does', () => {
    const { bus, pair } = setup();
    initPair(bus);
    pair.lines[0].set(true);
    expect(pair.acknowledge()).toBe(0x20);
    bus.out8(0x20, 0x20); // non-specific EOI
    expect(pair.pending()).toBe(false);
    pair.lines[0].set(false);
    pair.lines[0].set(true);
    expect(pair.pending()).toBe(true);
  });

  test('masking holds a request back until unmasked', () => {
    const { bus, pair } = setup();
    initPair(bus, 0x02);
    pair.lines[1].set(true);
    expect(pair.pending()).toBe(false);
    bus.out8(0x20, 0x0a);
    expect(bus.in8(0x20) & 0x02).toBe(0x02); // in IRR even though masked
    expect(bus.in8(0x21)).toBe(0x02); // OCW1 reads back
    bus.out8(0x21, 0x00);
    expect(pair.pending()).toBe(true);
    expect(pair.acknowledge()).toBe(0x21);
  });

  test('priority: a lower-priority request waits for the EOI of a higher one; a higher one nests', () => {
    const { bus, pair } = setup();
    initPair(bus);
    pair.lines[3].set(true);
    expect(pair.acknowledge()).toBe(0x23);
    pair.lines[5].set(true);
    expect(pair.pending()).toBe(false); // IR5 < IR3 in priority
    pair.lines[1].set(true);
    expect(pair.pending()).toBe(true); // IR1 nests
    expect(pair.acknowledge()).toBe(0x21);
    bus.out8(0x20, 0x61); // specific EOI IR1
    expect(pair.pending()).toBe(false); // IR3 still in service
    bus.out8(0x20, 0x63); // specific EOI IR3
    expect(pair.pending()).toBe(true);
    expect(pair.acknowledge()).toBe(0x25);
  });

  test('spurious IRQ 7: the request goes away before INTA', () => {
    const { bus, pair } = setup();
    initPair(bus);
    pair.lines[4].set(true);
    expect(pair.pending()).toBe(true);
    pair.lines[4].set(false);
    expect(pair.acknowledge()).toBe(0x27);
    bus.out8(0x20, 0x0b);
    expect(bus.in8(0x20)).toBe(0); // no ISR bit for the spurious IR7
  });

  test('cascade: slave IRQs come in through master IR2 with the slave vector; spurious IRQ 15', () => {
    const { bus, pair } = setup();
    initPair(bus);
    pair.lines[14].set(true);
    expect(pair.pending()).toBe(true);
    expect(pair.acknowledge()).toBe(0x2e);
    bus.out8(0xa0, 0x0b);
    expect(bus.in8(0xa0)).toBe(0x40);
    bus.out8(0x20, 0x0b);
    expect(bus.in8(0x20)).toBe(0x04);
    bus.out8(0xa0, 0x20);
    bus.out8(0x20, 0x20);
    expect(bus.in8(0x20)).toBe(0);
    pair.lines[14].set(false);
    // A slave request that vanishes before INTA takes the cascade edge with it.
    pair.lines[9].set(true);
    expect(pair.pending()).toBe(true);
    pair.lines[9].set(false);
    expect(pair.acknowledge()).toBe(0x27);
  });

  test('spurious IRQ 15 when the slave request vanishes after the master latched IR2', () => {
    const { bus, pair } = setup();
    initPair(bus);
    bus.out8(0x21, 0x00);
    // Hold the master's IR2 high with a second slave request masked later.
    pair.lines[12].set(true);
    bus.out8(0xa1, 0x10); // mask IRQ 12 at the slave: slave INT drops
    expect(pair.pending()).toBe(false);
    bus.out8(0xa1, 0x00);
    expect(pair.pending()).toBe(true);
    // Mask at the slave only after the master resolved: emulate by masking between resolve and INTA.
    const ir = pair.master.acknowledgeIr();
    expect(ir).toBe(2);
    bus.out8(0xa1, 0x10);
    expect(pair.slave.vectorFor(pair.slave.acknowledgeIr())).toBe(0x2f);
    bus.out8(0xa0, 0x0b);
    expect(bus.in8(0xa0)).toBe(0);
    bus.out8(0x20, 0x0b);
    expect(bus.in8(0x20)).toBe(0x04); // master IR2 in service: needs an EOI
  });

  test('level-triggered mode (LTIM) re-requests while the line stays high', () => {
    const { bus, pair } = setup();
    bus.out8(0x20, 0x19); // ICW1 with LTIM, ICW4
    bus.out8(0x21, 0x40);
    bus.out8(0x21, 0x01); // ICW3... cascade mode
    bus.out8(0x21, 0x01);
    bus.out8(0x21, 0x00);
    pair.lines[6].set(true);
    expect(pair.acknowledge()).toBe(0x46);
    bus.out8(0x20, 0x20);
    expect(pair.pending()).toBe(true);
  });

  test('ELCR makes single IRs level-triggered; IRQ 0/1/2/8/13 stay edge', () => {
    const { bus, pair } = setup();
    bus.mapPorts(0x4d0, 2, pair.elcr);
    initPair(bus);
    bus.out8(0x4d0, 0xff);
    bus.out8(0x4d1, 0xff);
    expect(bus.in8(0x4d0)).toBe(0xf8);
    expect(bus.in8(0x4d1)).toBe(0xde);
    pair.lines[11].set(true); // level: re-requests after EOI while held
    expect(pair.acknowledge()).toBe(0x2b);
    bus.out8(0xa0, 0x20);
    bus.out8(0x20, 0x20);
    expect(pair.pending()).toBe(true);
    pair.lines[11].set(false);
    pair.lines[1].set(true); // still edge
    expect(pair.acknowledge()).toBe(0x21);
    bus.out8(0x20, 0x20);
    expect(pair.pending()).toBe(false);
  });

  test('auto EOI leaves no ISR bit; poll command returns the IR', () => {
    const { bus, pair } = setup();
    bus.out8(0x20, 0x13); // single, ICW4
    bus.out8(0x21, 0x30);
    bus.out8(0x21, 0x03); // 8086 + AEOI
    bus.out8(0x21, 0x00);
    pair.lines[5].set(true);
    expect(pair.acknowledge()).toBe(0x35);
    bus.out8(0x20, 0x0b);
    expect(bus.in8(0x20)).toBe(0);
    pair.lines[3].set(true);
    bus.out8(0x20, 0x0c); // poll
    expect(bus.in8(0x20)).toBe(0x83);
    bus.out8(0x20, 0x0c);
    expect(bus.in8(0x20)).toBe(0); // nothing left
  });

  test('rotation: rotate on non-specific EOI makes the serviced IR lowest', () => {
    const { bus, pair } = setup();
    initPair(bus);
    pair.lines[1].set(true);
    pair.lines[6].set(true);
    expect(pair.acknowledge()).toBe(0x21);
    bus.out8(0x20, 0xa0); // rotate on non-specific EOI: IR1 lowest, IR2 highest
    pair.lines[1].set(false);
    pair.lines[1].set(true);
    expect(pair.acknowledge()).toBe(0x26); // IR6 now beats IR1
  });
});

describe('PIC driver against the model', () => {
  test('init remaps and masks everything; enable unmasks the source line (and the cascade)', () => {
    const { bus, pair } = setup();
    const pic = new Pic8259Controller(new BusPortIo(bus));
    pic.init();
    expect(bus.in8(0x21)).toBe(0xff);
    expect(bus.in8(0xa1)).toBe(0xff);
    pair.lines[1].set(true);
    expect(pair.pending()).toBe(false);
    expect(pic.enable('keyboard')).toBe(true);
    expect(pair.pending()).toBe(true);
    expect(pair.acknowledge()).toBe(PIC_MASTER_VECTOR + 1);
    expect(pic.acknowledge(PIC_MASTER_VECTOR + 1)).toBe('keyboard');
    pic.endOfInterrupt('keyboard');
    bus.out8(0x20, 0x0b);
    expect(bus.in8(0x20)).toBe(0);
    expect(pic.enable('display')).toBe(false);
    pic.enable('disk');
    expect(bus.in8(0x21) & 0x04).toBe(0);
    expect(bus.in8(0xa1)).toBe(0xbf);
    pic.disable('disk');
    expect(bus.in8(0xa1)).toBe(0xff);
    expect(bus.in8(0x21) & 0x04).toBe(0x04);
  });

  test('slave source: vector 0x2E maps to disk and EOI reaches both chips', () => {
    const { bus, pair } = setup();
    const pic = new Pic8259Controller(new BusPortIo(bus));
    pic.init();
    pic.enable('disk');
    pair.lines[14].set(true);
    const vector = pair.acknowledge();
    expect(vector).toBe(PIC_SLAVE_VECTOR + 6);
    expect(pic.acknowledge(vector)).toBe('disk');
    pic.endOfInterrupt('disk');
    bus.out8(0x20, 0x0b);
    bus.out8(0xa0, 0x0b);
    expect(bus.in8(0x20)).toBe(0);
    expect(bus.in8(0xa0)).toBe(0);
  });

  test('spurious IRQ 7 is reported as null and needs no EOI', () => {
    const { bus, pair } = setup();
    const pic = new Pic8259Controller(new BusPortIo(bus));
    pic.init();
    pic.enable('serial');
    pair.lines[4].set(true);
    pair.lines[4].set(false);
    const vector = pair.acknowledge();
    expect(vector).toBe(PIC_MASTER_VECTOR + 7);
    expect(pic.acknowledge(vector)).toBeNull();
  });

  test('spurious IRQ 15 is null and the driver retires the master cascade IR', () => {
    const { bus, pair } = setup();
    const pic = new Pic8259Controller(new BusPortIo(bus));
    pic.init();
    pic.enable('disk');
    pair.lines[14].set(true);
    expect(pair.master.acknowledgeIr()).toBe(2);
    pair.lines[14].set(false);
    const vector = pair.slave.vectorFor(pair.slave.acknowledgeIr());
    expect(vector).toBe(PIC_SLAVE_VECTOR + 7);
    expect(pic.acknowledge(vector)).toBeNull();
    bus.out8(0x20, 0x0b);
    expect(bus.in8(0x20)).toBe(0);
  });

  test('the two timer lines: endOfInterrupt retires the one acknowledged', () => {
    const { bus, pair } = setup();
    const pic = new Pic8259Controller(new BusPortIo(bus));
    pic.init();
    pic.enable('timer');
    pair.lines[8].set(true);
    const v = pair.acknowledge();
    expect(pic.acknowledge(v)).toBe('timer');
    pic.endOfInterrupt('timer');
    bus.out8(0xa0, 0x0b);
    expect(bus.in8(0xa0)).toBe(0);
  });
});
