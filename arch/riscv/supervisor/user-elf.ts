/** The user programs the riscv32 kernel runs: 32-bit ELF for EM_RISCV,
 * below the kernel's half of the Sv32 address space. */
import type { UserElfFormat } from '../../../hal/trap';
import { KERNEL_BASE } from './sv32-space';

export const ELF_MACHINE_RISCV = 243;

export const RISCV32_USER_ELF: UserElfFormat = { elfMachine: ELF_MACHINE_RISCV, elfClass: 1, userTop: KERNEL_BASE };
