/** The line comparison and section summary used by test-i386.test.ts. */
import { compareOutputs, sectionsOf } from './compare-output';

const NATIVE = [
  'shrdw      A=1 B=2 C=0000000000000013 R=87a6 CC=0084',
  'shrdw      A=1 B=2 C=0000000000000014 R=43d3 CC=0000',
  'loopnzl    ECX=0000000100000000 ZF=1 r=0',
  'a=2.000000 b=3.000000 a+b=5.000000',
  'a=2.000000 b=3.000000 a-b=-1.000000',
  'fcom(0.000000, 0.000000) eflags=0044',
  'esp_val=0000000000000008',
  '0000000000000000',
  '0000000000000001',
  '',
].join('\n');

test('lines belong to the mnemonic (or name) that starts them, or to the section above', () => {
  expect(sectionsOf(NATIVE.split('\n').slice(0, 9))).toEqual([
    'shrdw', 'shrdw', 'loopnzl', 'a', 'a', 'fcom', 'esp_val', 'esp_val', 'esp_val',
  ]);
});

test('equal outputs compare equal', () => {
  const c = compareOutputs(NATIVE, NATIVE);
  expect(c.equal).toBe(true);
  expect(c.firstDifference).toBe(0);
  expect(c.report).toBe('');
});

test('a differing line and a truncated run are both reported by section', () => {
  const lines = NATIVE.split('\n');
  lines[1] = lines[1].replace('43d3', '83d3');
  const jos = lines.slice(0, 4).join('\n') + '\n';
  const c = compareOutputs(NATIVE, jos);
  expect(c.equal).toBe(false);
  expect(c.firstDifference).toBe(2);
  expect(c.josLines).toBe(4);
  expect(c.sections).toEqual([
    { section: 'shrdw', lines: 2, differing: 1, missing: 0 },
    { section: 'a', lines: 2, differing: 0, missing: 1 },
    { section: 'fcom', lines: 1, differing: 0, missing: 1 },
    { section: 'esp_val', lines: 3, differing: 0, missing: 3 },
  ]);
  expect(c.report).toContain('shrdw: 1 of 2 lines differ');
  expect(c.report).toContain('jos output stops after line 4; sections missing in whole or part: a (1 of 2) fcom esp_val');
});

test('extra output from jos is a difference', () => {
  const c = compareOutputs(NATIVE, NATIVE + 'kernel: oops\n');
  expect(c.equal).toBe(false);
  expect(c.report).toContain('jos printed 1 extra lines, the first: kernel: oops');
});
