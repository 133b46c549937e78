/** Shared set-up for the esp32c3 device tests: a clock driven by a fake
 * instruction counter that tests advance by nanoseconds. */
import { Clock } from '../../platform/clock';

export function testClock() {
  const clock = new Clock(160e6);
  const core = { retired: 0 };
  clock.attach(core);
  const advanceNs = (ns: number) => {
    const target = clock.nowNs() + ns;
    // Step event by event so that callbacks see their own time.
    for (;;) {
      const next = clock.nextEventNs();
      const stop = Math.min(next, target);
      const steps = Math.ceil((stop - clock.nowNs()) / clock.nsPerInstruction);
      if (steps > 0) core.retired += steps;
      clock.fireDue();
      if (next > target || next === Infinity) break;
    }
  };
  return { clock, core, advanceNs };
}
