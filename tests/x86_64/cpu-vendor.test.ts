/**
 * The vendor model (arch/x86_64/cpu-model.ts): CPUID leaf 0 names the
 * vendor, and 16-bit SHLD/SHRD with a count above 16 (undefined in the
 * manuals) gives that vendor's result. The AMD rule is also checked against
 * the host CPU by the differential tests (tests/heavy/x86-fuzz) on AMD hosts.
 */
import { X86Core } from '../../arch/x86_64/core';
import { CpuVendor } from '../../arch/x86_64/cpu-model';
import { enterLongMode } from '../../arch/x86_64/harness/firmware';
import { RAX, RBX, RCX, RDX } from '../../arch/x86_64/registers';
import { Bus } from '../../platform/bus/bus';
import { hostCpuVendor } from '../../host/host-cpu';

const RAM = 4 << 20;
const CODE = 0x10000;

/** Runs `code` (ending in hlt) in ring 0 long mode; returns the core. */
function run(vendor: CpuVendor, code: number[], setup: (c: X86Core) => void = () => {}): X86Core {
  const bus = new Bus(RAM, 'open-bus');
  bus.mapRam('ram', 0, RAM, 0);
  const core = new X86Core(bus);
  core.vendor = vendor;
  bus.u8.set(code, CODE);
  enterLongMode(core, RAM, CODE);
  setup(core);
  core.run(1000);
  expect(core.halted).toBe(true);
  return core;
}

function ascii(...words: number[]): string {
  return Buffer.from(new Uint32Array(words.map((w) => w >>> 0)).buffer).toString('latin1');
}

const HLT = 0xf4;

describe('x86_64 vendor model', () => {
  it.each([
    ['amd', 'AuthenticAMD'],
    ['intel', 'GenuineIntel'],
  ] as const)('CPUID leaf 0 of the %s model names %s', (vendor, id) => {
    const c = run(vendor, [0x31, 0xc0, 0x0f, 0xa2, HLT]); // xor eax,eax; cpuid
    expect(ascii(c.rl[RBX], c.rl[RDX], c.rl[RCX])).toBe(id);
    expect(c.rl[RAX]).toBeGreaterThanOrEqual(1);
  });

  // shld ax, bx, 20 and shrd ax, bx, 20 with ax = 0x1234, bx = 0x5678.
  // Intel shifts dest:src:dest = 0x1234_5678_1234; AMD shifts dest:src:src
  // (shld) or src:src:dest (shrd). The result is 16 bits of the 48-bit value:
  // shld: bits 27..12 (top 16 after a left shift by 20); shrd: bits 35..20.
  const shldAxBx20 = [0x66, 0x0f, 0xa4, 0xd8, 20, HLT];
  const shrdAxBx20 = [0x66, 0x0f, 0xac, 0xd8, 20, HLT];
  const operands = (c: X86Core) => {
    c.rl[RAX] = 0x1234;
    c.rl[RBX] = 0x5678;
  };
  it.each([
    ['intel', shldAxBx20, Math.floor(0x1234_5678_1234 / 2 ** 12) & 0xffff],
    ['amd', shldAxBx20, Math.floor(0x1234_5678_5678 / 2 ** 12) & 0xffff],
    ['intel', shrdAxBx20, Math.floor(0x1234_5678_1234 / 2 ** 20) & 0xffff],
    ['amd', shrdAxBx20, Math.floor(0x5678_5678_1234 / 2 ** 20) & 0xffff],
  ] as const)('16-bit shld/shrd by 20 follows the %s rule', (vendor, code, expected) => {
    const c = run(vendor, [...code], operands);
    expect(c.rl[RAX] & 0xffff).toBe(expected);
  });

  it('reads the host vendor from /proc/cpuinfo', () => {
    const v = hostCpuVendor();
    if (process.arch === 'x64' && process.platform === 'linux') expect(['amd', 'intel']).toContain(v);
    else expect(v).toBeNull();
  });
});
