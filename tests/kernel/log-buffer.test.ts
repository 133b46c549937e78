/** The kernel log that syslog(2) (dmesg) reads. */
import { LogBuffer } from '../../kernel/log/log-buffer';
import { Logger } from '../../kernel/log/logger';

const sink = { written: '', write(bytes: Uint8Array) { this.written += new TextDecoder().decode(bytes); } };

describe('the kernel log buffer', () => {
  test('keeps info and above in syslog form whatever the console level; not debug', () => {
    sink.written = '';
    const log = new Logger(sink as never, { nowNs: () => 1_500_000_000 }, 'error', false);
    log.info('boot', 'hello');
    log.warn('mem', 'low');
    log.debug('x', 'hidden');
    log.error('panic', 'oops');
    expect(log.history.tail(1 << 16)).toBe('<6>[    1.500000] boot: hello\n<4>[    1.500000] mem: low\n<3>[    1.500000] panic: oops\n');
    expect(sink.written).toBe('[    1.500000] error panic: oops\r\n');
  });

  test('drops the oldest lines past its capacity; tail(n) is the last n bytes', () => {
    const b = new LogBuffer();
    const line = `${'x'.repeat(99)}\n`;
    for (let i = 0; i < 1000; i++) b.append(line);
    expect(b.bytes).toBeLessThanOrEqual(LogBuffer.CAPACITY);
    expect(b.bytes).toBeGreaterThan(LogBuffer.CAPACITY - 100);
    expect(b.tail(150)).toBe(line.slice(50) + line);
    b.clear();
    expect(b.tail(10)).toBe('');
  });
});
