/**
 * The contract between `jos exec` (host/exec-command.ts) and each core's
 * bare-metal runner (arch/<isa>/bare-metal.ts): the image read from the
 * ELF, the run's options, and the exit statuses every runner uses.
 */
import type { CpuVendor } from './x86_64/cpu-model';
/** A loadable image, already read from the ELF. */
export interface BareMetalImage {
  readonly path: string;
  readonly machine: number;
  readonly bits: 32 | 64;
  readonly entry: number;
  /** PT_LOAD segments with their load (physical) addresses. */
  readonly segments: readonly { readonly paddr: number; readonly vaddr: number; readonly data: Uint8Array; readonly memsz: number }[];
  /** Symbol name → value (from .symtab). */
  readonly symbols: ReadonlyMap<string, number>;
}

export interface BareMetalOptions {
  readonly trace: boolean;
  /** null: unbounded. */
  readonly maxInstructions: number | null;
  /** Trace lines and guest console output go here. */
  readonly writeOut: (text: string) => void;
  readonly writeErr: (text: string) => void;
  /** Set by Ctrl-C; the runner polls it between slices. */
  readonly interrupted: () => boolean;
  /** x86_64: the vendor model (cpu-model.ts); absent: the default. */
  readonly cpuVendor?: CpuVendor;
  /** x86_64: false runs the interpreter only (`--no-jit`); jitThreshold:
   * runs of a block before it is compiled (tests use 0). */
  readonly jit?: boolean;
  readonly jitThreshold?: number;
}

/** Runs the image; resolves to the process exit status. */
export type BareMetalRunner = (image: BareMetalImage, options: BareMetalOptions) => Promise<number>;

/** An ELF the runner cannot load (its segments do not fit the harness's
 * RAM, for one): the same status on every architecture. */
export const STATUS_BAD_ELF = 2;
/** The most RAM a runner allocates for an image's segments. */
export const MAX_BARE_METAL_RAM = 1 << 30;
export const STATUS_MAX_INSTRUCTIONS = 124;
export const STATUS_INTERRUPTED = 130;
