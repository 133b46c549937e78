/**
 * Snapshots: a program interrupted mid-way, captured, run to the end,
 * restored and run again gives the same result and state.
 */
import { readImage } from '../../host/exec-command';
import { buildX86BareMetal } from '../../arch/x86_64/bare-metal';
import { captureState, restoreState } from '../../arch/x86_64/state';
import { join } from 'path';

describe('x86_64 state snapshots', () => {
  it('restoring a snapshot replays the rest of a run identically', async () => {
    const { image } = await readImage(join(__dirname, '../../bench/x86_64/prebuilt/crc32.elf'));
    const m = buildX86BareMetal(image);
    m.core.run(2_000_000);
    const snap = captureState(m.core);
    const ram = m.bus.u8.slice();
    expect(snap.gpr).toHaveLength(16);
    m.core.run(3_000_000);
    const after = captureState(m.core);
    // Back to the snapshot (memory too) and run the same budget again.
    m.bus.u8.set(ram);
    restoreState(m.core, snap);
    expect(captureState(m.core)).toEqual(snap);
    m.core.run(3_000_000);
    expect(captureState(m.core)).toEqual(after);
  });
});
