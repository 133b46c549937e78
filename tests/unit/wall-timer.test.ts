/** --timeout's parsing and its timer: any positive number of seconds,
 * longer than setTimeout's 2^31-1 ms too, and nothing else. */
import { parseTimeoutSeconds, startWallTimer } from '../../host/wall-timer';
import { UsageError } from '../../host/usage-error';

describe('--timeout', () => {
  test.each([
    ['5', 5],
    ['0.5', 0.5],
    ['.25', 0.25],
    ['3000000', 3_000_000],
    ['1e400', Infinity],
    ['Infinity', Infinity],
  ])('accepts %s', (text, seconds) => {
    expect(parseTimeoutSeconds(text)).toBe(seconds);
  });

  test.each(['abc', '', '0', '-1', '0x10', '5s', 'NaN', '-Infinity', '1e-400'])('refuses "%s" with a usage error', (text) => {
    expect(() => parseTimeoutSeconds(text)).toThrow(UsageError);
    expect(() => parseTimeoutSeconds(text)).toThrow(/expected a positive number of seconds/);
  });

  test('a timeout past setTimeout\'s limit fires at its time, not after 1 ms', () => {
    jest.useFakeTimers({ now: 0 });
    try {
      let fired = 0;
      const seconds = 3_000_000; // 34.7 days: more than 2^31-1 ms
      startWallTimer(seconds, () => fired++);
      jest.advanceTimersByTime(2 ** 31);
      expect(fired).toBe(0);
      jest.advanceTimersByTime(seconds * 1000 - 2 ** 31 - 1);
      expect(fired).toBe(0);
      jest.advanceTimersByTime(1);
      expect(fired).toBe(1);
      const never = startWallTimer(Infinity, () => fired++);
      jest.advanceTimersByTime(10 * 2 ** 31);
      expect(fired).toBe(1);
      never.cancel();
    } finally {
      jest.useRealTimers();
    }
  });
});
