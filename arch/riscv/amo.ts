/** AMO kinds and their read-modify-write results (unprivileged spec 8.4). */
export const AMO_LR = 0;
export const AMO_SC = 1;
export const AMO_SWAP = 2;
export const AMO_ADD = 3;
export const AMO_XOR = 4;
export const AMO_AND = 5;
export const AMO_OR = 6;
export const AMO_MIN = 7;
export const AMO_MAX = 8;
export const AMO_MINU = 9;
export const AMO_MAXU = 10;

export function amoResult(kind: number, a: number, b: number): number {
  switch (kind) {
    case AMO_SWAP: return b;
    case AMO_ADD: return (a + b) | 0;
    case AMO_XOR: return a ^ b;
    case AMO_AND: return a & b;
    case AMO_OR: return a | b;
    case AMO_MIN: return a < b ? a : b;
    case AMO_MAX: return a > b ? a : b;
    case AMO_MINU: return (a >>> 0) < (b >>> 0) ? a : b;
    default: return (a >>> 0) > (b >>> 0) ? a : b;
  }
}

