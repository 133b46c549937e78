/**
 * Which vendor's CPU the core models. The SDM and the APM agree on every
 * defined result; where both leave a result undefined, real CPUs still
 * produce one, and Intel's and AMD's differ. Programs that print such
 * results (QEMU's test-i386 prints the flags of every operation) match the
 * hardware only when the core follows the same vendor, so the vendor is a
 * machine option, like QEMU's -cpu, and CPUID reports it (leaf 0).
 *
 * Modelled differences (docs/cores/x86_64.md, "Vendor behaviour"):
 * - 16-bit SHLD/SHRD with a masked count of 17..31 (ops/shift.ts).
 * Every other undefined result follows what the differential tests measured
 * on the reference host, an AMD EPYC.
 */
export type CpuVendor = 'amd' | 'intel';

export const CPU_VENDORS: readonly CpuVendor[] = ['amd', 'intel'];

/** The vendor of the host the differential tests were measured on. */
export const DEFAULT_CPU_VENDOR: CpuVendor = 'amd';

/** CPUID leaf 0's 12-byte vendor identification (EBX, EDX, ECX). */
export const VENDOR_ID: Record<CpuVendor, string> = {
  amd: 'AuthenticAMD',
  intel: 'GenuineIntel',
};

export function isCpuVendor(s: string): s is CpuVendor {
  return (CPU_VENDORS as readonly string[]).includes(s);
}
