/**
 * The part of the WebAssembly JavaScript API (Node's global `WebAssembly`)
 * that JOS uses: the bus's RAM memory, the RISC-V wasm backend's
 * synchronous compile and the table its regions link through. The ES2022 lib and this @types/node leave it out.
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
  interface TableDescriptor {
    initial: number;
    maximum?: number;
    element: 'anyfunc';
  }
  /** A table of functions (exported wasm functions, or null). */
  class Table {
    constructor(descriptor: TableDescriptor);
    readonly length: number;
    get(index: number): unknown;
    set(index: number, value: unknown): void;
    grow(delta: number): number;
  }
  class Module {
    constructor(bytes: Uint8Array);
  }
  type ImportValue = ((...args: number[]) => number | void) | Memory | Table;
  type Imports = Record<string, Record<string, ImportValue>>;
  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Record<string, unknown>;
  }
  function validate(bytes: Uint8Array): boolean;
  class CompileError extends Error {}
}
