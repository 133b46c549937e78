/**
 * Addresses in the kernel's log lines, as unsigned hexadecimal. A 64-bit
 * core hands the kernel its register values as JavaScript numbers, and an
 * address at or above 2^63 (the x86_64 kernel's higher half, a
 * non-canonical pointer) arrives negative, as two's complement: printed
 * with toString(16) it would read "0x-800000000000" instead of
 * 0xffff800000000000.
 */
const TWO_TO_64 = 1n << 64n;

export function hexAddress(value: number): string {
  if (value >= 0 || !Number.isSafeInteger(value)) return '0x' + value.toString(16);
  return '0x' + (BigInt(value) + TWO_TO_64).toString(16);
}
