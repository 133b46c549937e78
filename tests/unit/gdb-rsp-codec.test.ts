/**
 * The gdb remote protocol's framing (host/gdb/rsp-codec.ts): packets split
 * anywhere, checksums, escapes, interrupts and acknowledgements.
 */
import { RspDecoder, encodePacket, fromHex, unescapeBinary } from '../../host/gdb/rsp-codec';

function checksum(text: string): string {
  let sum = 0;
  for (const b of Buffer.from(text, 'latin1')) sum += b;
  return (sum & 0xff).toString(16).padStart(2, '0');
}

describe('RSP framing', () => {
  test('encodes $payload#checksum with the modulo-256 sum', () => {
    expect(encodePacket('OK').toString('latin1')).toBe(`$OK#${checksum('OK')}`);
    expect(encodePacket('').toString('latin1')).toBe('$#00');
  });

  test('escapes # $ } * as } then the byte xor 0x20, and the checksum covers the escapes', () => {
    const framed = encodePacket(Buffer.from([0x23, 0x24, 0x7d, 0x2a, 0x41])).toString('latin1');
    expect(framed.slice(0, 10)).toBe('$}\x03}\x04}]}\x0aA');
    expect(framed.slice(-2)).toBe(checksum('}\x03}\x04}]}\x0aA'));
  });

  test('decodes a packet however the bytes are split, with acks and Ctrl-C between', () => {
    const wire = Buffer.from(`+${encodePacket('qSupported:swbreak+').toString('latin1')}\x03-`, 'latin1');
    for (let cut = 0; cut <= wire.length; cut++) {
      const d = new RspDecoder();
      const events = [...d.push(wire.subarray(0, cut)), ...d.push(wire.subarray(cut))];
      expect(events.map((e) => e.kind)).toEqual(['ack', 'packet', 'interrupt', 'nack']);
      const packet = events[1];
      expect(packet.kind === 'packet' && packet.payload.toString('latin1')).toBe('qSupported:swbreak+');
    }
  });

  test('a wrong or malformed checksum is reported as corrupt, and decoding goes on', () => {
    const d = new RspDecoder();
    const events = d.push(Buffer.from(`$g#00$g#zz${encodePacket('m0,4').toString('latin1')}`, 'latin1'));
    expect(events.map((e) => e.kind)).toEqual(['corrupt', 'corrupt', 'packet']);
  });

  test('binary payloads round-trip through escaping', () => {
    const data = Buffer.from([0, 0x23, 0x24, 0x7d, 0x2a, 0xff, 0x03]);
    const framed = encodePacket(Buffer.concat([Buffer.from('X10,7:'), data]));
    const [event] = new RspDecoder().push(framed);
    expect(event.kind).toBe('packet');
    if (event.kind !== 'packet') return;
    expect(unescapeBinary(event.payload.subarray(6))).toEqual(data);
  });

  test('hex helpers refuse odd lengths and non-hex', () => {
    expect(fromHex('0aFf')).toEqual(Buffer.from([0x0a, 0xff]));
    expect(fromHex('abc')).toBeNull();
    expect(fromHex('zz')).toBeNull();
  });
});
