/**
 * CPUID (SDM vol. 2, CPUID): an honest list of what this core implements.
 * A feature bit is set only when its instructions and state are emulated.
 */

import { CpuVendor, VENDOR_ID } from './cpu-model';

/** Features implemented; each maps to a CPUID bit below. */
export const FEATURES = {
  fpu: true, // x87 (ops/x87*.ts)
  sse: true,
  sse2: true,
  fxsr: true,
};

const BRAND = 'JOS emulated x86-64 core';

function str4(s: string, at: number): number {
  let v = 0;
  for (let k = 3; k >= 0; k--) v = (v << 8) | (s.charCodeAt(at + k) || 0);
  return v | 0;
}

/** Leaf `leaf` (subleaf `_sub`) as EAX, EBX, ECX, EDX for a core of `vendor`. */
export function cpuidLeaf(leaf: number, _sub: number, vendor: CpuVendor): [number, number, number, number] {
  switch (leaf) {
    case 0:
      // The vendor whose undefined results the core follows (cpu-model.ts);
      // the brand string (leaves 0x80000002-4) says it is JOS's core.
      return [7, str4(VENDOR_ID[vendor], 0), str4(VENDOR_ID[vendor], 8), str4(VENDOR_ID[vendor], 4)];
    case 1: {
      // Family 6, model 0, stepping 1; CLFLUSH line 8 qwords; one logical CPU.
      const eax = 0x0000_0601;
      const ebx = (8 << 8) | (1 << 16);
      const ecx = (1 << 13) /* CX16 */ | (1 << 23) /* POPCNT */;
      let edx =
        (1 << 4) /* TSC */ | (1 << 5) /* MSR */ | (1 << 6) /* PAE */ | (1 << 8) /* CX8 */ |
        (1 << 13) /* PGE */ | (1 << 15) /* CMOV */ | (1 << 16) /* PAT */ | (1 << 19) /* CLFSH */;
      if (FEATURES.fpu) edx |= 1 << 0;
      if (FEATURES.fxsr) edx |= 1 << 24;
      if (FEATURES.sse) edx |= 1 << 25;
      if (FEATURES.sse2) edx |= 1 << 26;
      return [eax, ebx, ecx, edx];
    }
    case 7:
      return [0, 1 << 0 /* FSGSBASE */, 0, 0];
    case 0x8000_0000:
      return [0x8000_0008 | 0, 0, 0, 0];
    case 0x8000_0001:
      return [
        0,
        0,
        (1 << 0) /* LAHF/SAHF */ | (1 << 5) /* LZCNT */,
        (1 << 11) /* SYSCALL */ | (1 << 20) /* NX */ | (1 << 26) /* 1 GiB pages */ | (1 << 27) /* RDTSCP */ | (1 << 29) /* LM */,
      ];
    case 0x8000_0002:
    case 0x8000_0003:
    case 0x8000_0004: {
      const at = (leaf - 0x8000_0002) * 16;
      const b = BRAND.padEnd(48, '\0');
      return [str4(b, at), str4(b, at + 4), str4(b, at + 8), str4(b, at + 12)];
    }
    case 0x8000_0008:
      return [40 | (48 << 8), 0, 0, 0];
    default:
      return [0, 0, 0, 0];
  }
}
