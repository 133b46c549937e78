/**
 * The part of the WebAssembly JavaScript API (Node's global `WebAssembly`)
 * that JOS uses: the bus's RAM memory and the RISC-V wasm backend's
 * synchronous compile. The ES2022 lib and this @types/node leave it out.
 */
declare namespace WebAssembly {
  interface MemoryDescriptor {
    initial: number;
    maximum?: number;
  }
  class Memory {
    constructor(descriptor: MemoryDescriptor);
    readonly buffer: ArrayBuffer;
  }
  class Module {
    constructor(bytes: Uint8Array);
  }
  type ImportValue = ((...args: number[]) => number | void) | Memory;
  type Imports = Record<string, Record<string, ImportValue>>;
  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Record<string, unknown>;
  }
  function validate(bytes: Uint8Array): boolean;
  class CompileError extends Error {}
}
