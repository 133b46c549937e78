/**
 * host/gdb/output-once.ts: console bytes written again after going back
 * in time are not printed twice; a different byte starts a new future.
 */
import { OutputOnce } from '../../host/gdb/output-once';
import { CollectingSerialHost, SerialDevice, SerialHost } from '../../platform/serial-wire';

const write = (once: OutputOnce, text: string, printed: number[]) => {
  for (const byte of Buffer.from(text)) once.byte(byte, (b) => printed.push(b));
};
const text = (bytes: number[]) => Buffer.from(bytes).toString();

describe('OutputOnce', () => {
  test('bytes written again from an earlier position are not printed again', () => {
    const once = new OutputOnce();
    const printed: number[] = [];
    write(once, 'hello ', printed);
    const checkpoint = once.position();
    write(once, 'world\n', printed);
    once.seek(checkpoint); // back in time
    write(once, 'world\n', printed); // the past recomputed
    expect(text(printed)).toBe('hello world\n');
    write(once, 'more', printed); // then new output
    expect(text(printed)).toBe('hello world\nmore');
    expect(once.position()).toBe(16);
  });

  test('a byte that differs is a new future: printed, and what followed is forgotten', () => {
    const once = new OutputOnce();
    const printed: number[] = [];
    write(once, 'a=1\nb=2\n', printed);
    once.seek(2);
    write(once, '7\nb=2\n', printed); // gdb changed a: everything after differs
    expect(text(printed)).toBe('a=1\nb=2\n7\nb=2\n');
    once.seek(0);
    write(once, 'a=7\nb=2\nc', printed); // the new future is the one remembered
    expect(text(printed)).toBe('a=1\nb=2\n7\nb=2\nc');
  });

  test('grows past its first buffer', () => {
    const once = new OutputOnce();
    const printed: number[] = [];
    const long = 'x'.repeat(10_000) + 'y';
    write(once, long, printed);
    once.seek(5000);
    write(once, long.slice(5000), printed);
    expect(printed.length).toBe(long.length);
  });

  test('device(): the host end attached through it sees each byte once; input passes through', () => {
    let host: SerialHost | null = null;
    const received: number[] = [];
    const uart: SerialDevice = {
      name: 'uart0',
      attachHost: (h) => (host = h),
      canReceive: () => true,
      receive: (b) => received.push(b) > 0,
    };
    const once = new OutputOnce();
    const terminal = new CollectingSerialHost();
    const device = once.device(uart);
    device.attachHost(terminal);
    expect(device.name).toBe('uart0');
    for (const b of Buffer.from('ab')) host!.transmit(b);
    once.seek(0);
    for (const b of Buffer.from('abc')) host!.transmit(b);
    expect(terminal.text()).toBe('abc');
    expect(device.canReceive()).toBe(true);
    device.receive(0x41);
    expect(received).toEqual([0x41]);
  });
});
