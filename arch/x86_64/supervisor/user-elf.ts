/** The user programs the x86_64 kernel runs: 64-bit ELF for EM_X86_64,
 * below the canonical lower half's top. */
import type { UserElfFormat } from '../../../hal/trap';
import { USER_TOP } from './paging';

export const ELF_MACHINE_X86_64 = 62;

export const X86_64_USER_ELF: UserElfFormat = { elfMachine: ELF_MACHINE_X86_64, elfClass: 2, userTop: USER_TOP };
