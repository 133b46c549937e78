/** libm's two phases agree: a sample for npm test (the heavy suite sweeps
 * 10 and 16 times as many arguments: tests/heavy/libm-phases.test.ts). */
import { describePhases } from './libm-phases';

describePhases({ native: 200_000, qemu: 3_000 });
