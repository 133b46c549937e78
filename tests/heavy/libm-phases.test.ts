/** libm's two phases agree on 2,000,000 arguments per function natively
 * and 50,000 under qemu-riscv32 (tests/userland/libm-phases.ts). */
import { describePhases } from '../userland/libm-phases';

describePhases({ native: 2_000_000, qemu: 50_000 });
