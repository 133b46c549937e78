import { AT_EXECFN, AT_NULL, AT_PAGESZ, AT_PLATFORM, AT_RANDOM, buildInitialStack } from '../../kernel/proc/initial-stack';

function readWord(bytes: Uint8Array, offset: number, wordSize: 4 | 8): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return wordSize === 4 ? view.getUint32(offset, true) : view.getUint32(offset, true) + view.getUint32(offset + 4, true) * 2 ** 32;
}

function readString(bytes: Uint8Array, base: number, address: number): string {
  let end = address - base;
  while (bytes[end] !== 0) end++;
  return Buffer.from(bytes.subarray(address - base, end)).toString();
}

describe.each([4, 8] as const)('initial stack with %i-byte words', (wordSize) => {
  const top = wordSize === 8 ? 0x7fff_ffff_f000 : 0x7fff_f000;
  const random = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
  const stack = buildInitialStack({
    wordSize,
    stackTop: top,
    path: '/bin/args',
    argv: ['args', 'one', 'two words'],
    envp: ['HOME=/', 'TERM=vt100'],
    platform: wordSize === 8 ? 'x86_64' : 'riscv32',
    random,
    auxv: [[AT_PAGESZ, 4096]],
  });
  const at = (address: number) => readWord(stack.bytes, address - stack.sp, wordSize);

  test('the stack pointer is 16-byte aligned and points at argc', () => {
    expect(stack.sp % 16).toBe(0);
    expect(at(stack.sp)).toBe(3);
    expect(stack.sp + stack.bytes.length).toBe(top);
  });

  test('argv and envp are NULL-terminated pointer arrays to the strings', () => {
    const argv = [1, 2, 3].map((i) => readString(stack.bytes, stack.sp, at(stack.sp + i * wordSize)));
    expect(argv).toEqual(['args', 'one', 'two words']);
    expect(at(stack.sp + 4 * wordSize)).toBe(0);
    const envp = [5, 6].map((i) => readString(stack.bytes, stack.sp, at(stack.sp + i * wordSize)));
    expect(envp).toEqual(['HOME=/', 'TERM=vt100']);
    expect(at(stack.sp + 7 * wordSize)).toBe(0);
  });

  test('auxv carries the given entries, AT_RANDOM, AT_EXECFN, AT_PLATFORM and ends with AT_NULL', () => {
    const aux = new Map<number, number>();
    for (let p = stack.sp + 8 * wordSize; ; p += 2 * wordSize) {
      aux.set(at(p), at(p + wordSize));
      if (at(p) === AT_NULL) break;
    }
    expect(aux.get(AT_PAGESZ)).toBe(4096);
    const r = aux.get(AT_RANDOM)! - stack.sp;
    expect(Array.from(stack.bytes.subarray(r, r + 16))).toEqual(Array.from(random));
    expect(readString(stack.bytes, stack.sp, aux.get(AT_EXECFN)!)).toBe('/bin/args');
    expect(readString(stack.bytes, stack.sp, aux.get(AT_PLATFORM)!)).toBe(wordSize === 8 ? 'x86_64' : 'riscv32');
  });
});
