import { Clock } from '../../../platform/clock';
import { LatchedIrqLine } from '../../../platform/irq';
import * as R from '../../../platform/pc/uart16550';
import { CollectingSerialHost } from '../../../platform/serial-wire';

function setup() {
  const clock = new Clock(1e9);
  const core = { retired: 0 };
  clock.attach(core);
  const irq = new LatchedIrqLine();
  const uart = new R.Uart16550('com1', irq, clock);
  const host = new CollectingSerialHost();
  uart.attachHost(host);
  const advance = (ns: number) => {
    core.retired += ns;
    clock.fireDue();
  };
  return { uart, irq, host, clock, advance };
}

describe('16550 UART', () => {
  test('THR writes reach the wire; LSR shows THRE and TEMT', () => {
    const { uart, host } = setup();
    expect(uart.in(R.LSR, 1) & (R.LSR_THRE | R.LSR_TEMT)).toBe(R.LSR_THRE | R.LSR_TEMT);
    for (const c of 'JOS') uart.out(R.RBR_THR_DLL, 1, c.charCodeAt(0));
    expect(host.text()).toBe('JOS');
  });

  test('DLAB switches offsets 0 and 1 to the divisor latch', () => {
    const { uart, host } = setup();
    uart.out(R.LCR, 1, R.LCR_DLAB | 3);
    uart.out(R.RBR_THR_DLL, 1, 1);
    uart.out(R.IER_DLM, 1, 0);
    expect(uart.baud).toBe(115200);
    expect(host.text()).toBe(''); // a divisor write is not a transmission
    uart.out(R.LCR, 1, 3);
    expect(uart.in(R.IER_DLM, 1)).toBe(0);
  });

  test('received bytes set DR and raise the IRQ only with IER and OUT2', () => {
    const { uart, irq } = setup();
    uart.receive(0x41);
    expect(uart.in(R.LSR, 1) & R.LSR_DR).toBe(R.LSR_DR);
    expect(irq.level).toBe(false);
    uart.out(R.IER_DLM, 1, R.IER_ERBFI);
    expect(irq.level).toBe(false); // OUT2 still low: the PC gates the line
    uart.out(R.MCR, 1, R.MCR_OUT2);
    expect(irq.level).toBe(true);
    expect(uart.in(R.IIR_FCR, 1)).toBe(R.IIR_RX_DATA);
    expect(uart.in(R.RBR_THR_DLL, 1)).toBe(0x41);
    expect(irq.level).toBe(false);
    expect(uart.in(R.IIR_FCR, 1)).toBe(R.IIR_NONE);
  });

  test('without FIFOs a second byte overruns; OE reads once', () => {
    const { uart } = setup();
    expect(uart.receive(1)).toBe(true);
    expect(uart.receive(2)).toBe(false);
    expect(uart.in(R.LSR, 1) & R.LSR_OE).toBe(R.LSR_OE);
    expect(uart.in(R.LSR, 1) & R.LSR_OE).toBe(0);
  });

  test('the FIFO holds 16 bytes and reports FIFOs enabled in IIR', () => {
    const { uart } = setup();
    uart.out(R.IIR_FCR, 1, R.FCR_ENABLE);
    for (let i = 0; i < 16; i++) expect(uart.receive(i)).toBe(true);
    expect(uart.receive(99)).toBe(false);
    expect(uart.in(R.IIR_FCR, 1) & R.IIR_FIFOS_ENABLED).toBe(R.IIR_FIFOS_ENABLED);
    const got = Array.from({ length: 16 }, () => uart.in(R.RBR_THR_DLL, 1));
    expect(got).toEqual(Array.from({ length: 16 }, (_, i) => i));
  });

  test('below the trigger level, the character timeout raises IIR 0x0C after four character times', () => {
    const { uart, irq, advance } = setup();
    uart.out(R.LCR, 1, R.LCR_DLAB | 3);
    uart.out(R.RBR_THR_DLL, 1, 1); // 115200 baud: 86.8 us per character
    uart.out(R.LCR, 1, 3);
    uart.out(R.IIR_FCR, 1, R.FCR_ENABLE | 0xc0); // trigger at 14
    uart.out(R.IER_DLM, 1, R.IER_ERBFI);
    uart.out(R.MCR, 1, R.MCR_OUT2);
    uart.receive(0x61);
    expect(irq.level).toBe(false);
    advance(300_000);
    expect(irq.level).toBe(false);
    advance(100_000);
    expect(irq.level).toBe(true);
    expect(uart.in(R.IIR_FCR, 1) & 0x0f).toBe(R.IIR_RX_TIMEOUT);
    uart.in(R.RBR_THR_DLL, 1);
    expect(irq.level).toBe(false);
  });

  test('THRE interrupt: raised when enabled, acknowledged by reading IIR', () => {
    const { uart, irq } = setup();
    uart.out(R.MCR, 1, R.MCR_OUT2);
    uart.out(R.IER_DLM, 1, R.IER_ETBEI);
    expect(irq.level).toBe(true);
    expect(uart.in(R.IIR_FCR, 1)).toBe(R.IIR_THR_EMPTY);
    expect(irq.level).toBe(false);
    uart.out(R.RBR_THR_DLL, 1, 0x21);
    expect(irq.level).toBe(true);
  });

  test('received data outranks THR empty in IIR', () => {
    const { uart } = setup();
    uart.out(R.IER_DLM, 1, R.IER_ETBEI | R.IER_ERBFI);
    uart.receive(5);
    expect(uart.in(R.IIR_FCR, 1)).toBe(R.IIR_RX_DATA);
  });

  test('loopback sends THR to RBR and wires MCR to MSR', () => {
    const { uart, host } = setup();
    uart.out(R.MCR, 1, R.MCR_LOOP | R.MCR_RTS | R.MCR_DTR);
    uart.out(R.RBR_THR_DLL, 1, 0x5a);
    expect(host.text()).toBe('');
    expect(uart.in(R.RBR_THR_DLL, 1)).toBe(0x5a);
    expect(uart.in(R.MSR, 1) & 0x30).toBe(0x30); // CTS and DSR follow RTS and DTR
    expect(uart.receive(1)).toBe(false); // the outside world is disconnected
  });

  test('the scratch register keeps its value', () => {
    const { uart } = setup();
    uart.out(R.SCR, 1, 0xa5);
    expect(uart.in(R.SCR, 1)).toBe(0xa5);
  });
});
