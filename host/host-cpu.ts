/**
 * The host's CPU vendor, for `--cpu-vendor host`: the x86_64 core then
 * reproduces the undefined results of the CPU it runs on, so programs that
 * print them (QEMU's test-i386) can be compared with a native run.
 */
import * as fs from 'fs';
import { CPU_VENDORS, CpuVendor, isCpuVendor } from '../arch/x86_64/cpu-model';
import { UsageError } from './usage-error';

const VENDOR_OF_ID: Record<string, CpuVendor> = {
  AuthenticAMD: 'amd',
  HygonGenuine: 'amd', // Hygon's cores are AMD's Zen
  GenuineIntel: 'intel',
};

/** The vendor named by /proc/cpuinfo, or null on a non-x86 or unknown host. */
export function hostCpuVendor(cpuinfoPath = '/proc/cpuinfo'): CpuVendor | null {
  if (process.arch !== 'x64') return null;
  let text: string;
  try {
    text = fs.readFileSync(cpuinfoPath, 'utf8');
  } catch {
    return null;
  }
  const m = /^vendor_id\s*:\s*(\S+)/m.exec(text);
  return m ? (VENDOR_OF_ID[m[1]] ?? null) : null;
}

/** The vendor a `--cpu-vendor` value names ('host': this machine's). */
export function resolveCpuVendor(choice: string | undefined): CpuVendor | undefined {
  if (choice === undefined) return undefined;
  if (choice !== 'host') {
    if (!isCpuVendor(choice)) throw new UsageError(`unknown --cpu-vendor "${choice}" (expected ${CPU_VENDORS.join(', ')} or host)`);
    return choice;
  }
  const vendor = hostCpuVendor();
  if (vendor === null) throw new UsageError('--cpu-vendor host: this machine is not an Intel or AMD x86_64 (see /proc/cpuinfo)');
  return vendor;
}
