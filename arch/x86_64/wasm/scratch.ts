/** Doubles of X86Core.wasmScratch: the wasm runtime's lazy-flag block
 * (emitter.ts FF) and its i32 slots (Slot), in the core area. */
export const WASM_SCRATCH_DOUBLES = 16;
