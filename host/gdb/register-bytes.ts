/**
 * Little-endian register images, as the g/p packets carry them.
 */

/** `bits` of `value` (a bigint, taken modulo 2^bits) as little-endian bytes. */
export function leBytes(value: bigint, bits: number): Buffer {
  const out = Buffer.alloc(bits / 8);
  let v = BigInt.asUintN(bits, value);
  for (let i = 0; i < out.length; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Little-endian bytes as an unsigned bigint. */
export function fromLeBytes(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  return v;
}

/** A signed double address (the x86 core's form) as an unsigned 64-bit value. */
export function addressToU64(value: number): bigint {
  return BigInt.asUintN(64, BigInt(Math.round(value)));
}

/** An unsigned 64-bit value as the x86 core's signed double address. */
export function u64ToAddress(value: bigint): number {
  return Number(BigInt.asIntN(64, value));
}

/** The register set of one thread, by remote register number. */
export interface ThreadRegisters {
  /** The register's bytes, or null for a number the target does not have. */
  read(regnum: number): Buffer | null;
  /** Writes the register; false for an unknown number or a wrong size. */
  write(regnum: number, bytes: Uint8Array): boolean;
}
