/** Doubles of X86Core.wasmScratch: the wasm runtime's lazy-flag block
 * (emitter.ts FF) and its i32 slots (Slot), in the core area. */
export const WASM_SCRATCH_DOUBLES = 24;

/** Doubles of X86Core.wasmLinks: the index of the links between wasm
 * regions (links.ts: LINK_SLOTS entries of 16 bytes). */
export const WASM_LINK_DOUBLES = 2 * 4096;
