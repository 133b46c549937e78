/**
 * A host event pending on the virtual clock (Clock.schedule: a key tap, a
 * screenshot timer) holds a host callback, which a snapshot cannot save:
 * the save says so in those words, not with the serializer's path, and
 * succeeds once the event has fired. A device's named event saves.
 */
import { Clock } from '../../../platform/clock';
import { BootIndex } from '../../../host/snapshot/boot-index';
import { saveGraph } from '../../../host/snapshot/object-graph';
import { SnapshotPolicy } from '../../../host/snapshot/policy';

class Device {
  ticks = 0;
  tick(): void {
    this.ticks++;
  }
}

test('a pending host event refuses the save clearly; once fired, the machine saves', () => {
  const clock = new Clock(100_000_000);
  const device = new Device();
  const policy = new SnapshotPolicy().register(Device);
  const roots = { machine: { clock, device } };
  const boot = BootIndex.build(roots, policy);
  clock.scheduleCall(500, device, 'tick');
  let fired = false;
  clock.schedule(1000, () => (fired = true));
  expect(() => saveGraph(roots, boot, policy)).toThrow(/a host event is pending on the virtual clock \(a key tap of --keyboard device\|keypad, a --screenshot-every timer\)/);
  clock.jumpTo(2000);
  clock.fireDue();
  expect(fired).toBe(true);
  expect(device.ticks).toBe(1);
  clock.scheduleCall(3000, device, 'tick');
  expect(() => saveGraph(roots, boot, policy)).not.toThrow();
});
