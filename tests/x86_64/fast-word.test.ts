/**
 * fastWord (fast-kinds.ts) classifies a decoded instruction once per form
 * (opcode-table row, register or memory operand, operand size, the
 * rep/repne, lock, 66h and 67h prefixes) and packs each slot's own
 * operands into the word: two instructions of one form share the kind and
 * differ in their registers; a prefix or operand form that changes the
 * classification is never served from another form's entry.
 */
import { Decoded } from '../../arch/x86_64/decoded';
import { decodeInstruction } from '../../arch/x86_64/decoder';
import { fastWord } from '../../arch/x86_64/fast-kinds';

/** The packed word of one instruction given as hex bytes. */
function wordOf(hex: string): number {
  const bytes = Buffer.from(hex.replace(/ /g, ''), 'hex');
  const d = new Decoded(1);
  decodeInstruction(d, 0, { byte: (at) => bytes[at] });
  expect(d.len[0]).toBe(bytes.length);
  return fastWord(d, 0);
}

const kind = (word: number): number => word & 0xff;
/** Bits 8-12 and 13-17: the destination and source registers. */
const dst = (word: number): number => (word >>> 8) & 31;
const src = (word: number): number => (word >>> 13) & 31;

describe('x86_64 fastWord', () => {
  it('one form, other registers: the same kind, each slot its own operands', () => {
    const a = wordOf('01 d8'); // add eax, ebx
    const b = wordOf('01 ca'); // add edx, ecx
    expect(kind(a)).not.toBe(0);
    expect(kind(b)).toBe(kind(a));
    expect([dst(a), src(a)]).toEqual([0, 3]);
    expect([dst(b), src(b)]).toEqual([2, 1]);
    // G,E order: mov ebx, eax (8b d8) writes reg
    const g = wordOf('8b d8');
    expect([dst(g), src(g)]).toEqual([3, 0]);
  });

  it('memory and register operands of one row are different forms', () => {
    const reg = wordOf('01 d8'); // add eax, ebx
    const mem = wordOf('03 18'); // add ebx, [rax]
    expect(kind(mem)).not.toBe(0);
    expect(kind(mem)).not.toBe(kind(reg));
    // the address form (bits 28-30): base only
    expect((mem >>> 28) & 7).toBe(1);
    expect(wordOf('03 18')).toBe(mem); // the memoized entry packs the same word
  });

  it('lock, rep and 66h change the classification', () => {
    expect(kind(wordOf('03 18'))).not.toBe(0);
    expect(wordOf('f0 03 18')).toBe(0); // lock add ebx, [rax]: the handler (#UD)
    expect(kind(wordOf('03 18'))).not.toBe(0); // and not the other way round
    expect(kind(wordOf('74 05'))).not.toBe(0); // je rel8
    expect(wordOf('66 74 05')).toBe(0); // 66h on a branch
    expect(wordOf('f3 01 d8')).toBe(0); // rep on a one-byte-map form
    expect(kind(wordOf('48 01 d8'))).not.toBe(kind(wordOf('01 d8'))); // 64-bit add
  });

  it('lea: base and base+index inline, other address forms not, in any order', () => {
    const base = wordOf('48 8d 43 08'); // lea rax, [rbx + 8]
    expect(kind(base)).not.toBe(0);
    expect(wordOf('48 8d 05 00 10 00 00')).toBe(0); // lea rax, [rip + 0x1000]
    expect(kind(wordOf('48 8d 44 4b 01'))).toBe(kind(base)); // lea rax, [rbx + rcx*2 + 1]
    expect(wordOf('67 48 8d 43 08')).toBe(0); // 0x67: 32-bit address
    expect(kind(wordOf('48 8d 43 08'))).toBe(kind(base));
  });
});
