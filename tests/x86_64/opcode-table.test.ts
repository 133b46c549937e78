/**
 * The opcode table's rows as objects: every row has every field, in one
 * order, so that all 1008 share one V8 object shape (building them with
 * each row's own options spread in made 32, which cost every pc start
 * about 45 M host instructions: docs/bench.md, "Session 15"). What the rows
 * say is checked by the decoder's, the generators' and the fuzz's tests.
 */
import { BY_OPCODE, ROWS } from '../../arch/x86_64/opcode-table';
import * as control from '../../arch/x86_64/ops/control';

describe('the opcode table rows', () => {
  test('all have the same fields in the same order', () => {
    const layouts = new Set(ROWS.map((r) => Object.keys(r).join(',')));
    expect([...layouts]).toEqual([
      'map,code,ext,modrm,pfx,name,args,fn,size,hasModrm,opReg,index,x,end,mod,undef,ofCount1,imm,noDiff,spec',
    ]);
  });

  test('an option a row gives is kept; one it does not give is undefined', () => {
    const jz = ROWS.find((r) => r.map === 0 && r.code === 0x74)!;
    expect(jz.name).toBe('je');
    expect(jz.fn).toBe(control.jcc);
    expect(jz).toMatchObject({ x: 4, size: 'f64', end: true, noDiff: true, args: ['Jb'], ext: -1, modrm: -1, pfx: -1, hasModrm: false, opReg: -1 });
    expect(typeof jz.spec).toBe('function');
    expect(jz.undef).toBeUndefined();
    expect(jz.imm).toBeUndefined();
    expect(jz.mod).toBeUndefined();
    const movZ = ROWS.filter((r) => r.map === 0 && r.code >= 0xb8 && r.code <= 0xbf);
    expect(movZ.map((r) => r.opReg)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(movZ.every((r) => r.end === undefined && r.x === undefined && r.spec === undefined)).toBe(true);
  });

  test('each row is listed under its opcode, at its own index', () => {
    ROWS.forEach((r, i) => expect(r.index).toBe(i));
    for (const r of ROWS) expect(BY_OPCODE[r.map * 256 + r.code]).toContain(r);
  });
});
