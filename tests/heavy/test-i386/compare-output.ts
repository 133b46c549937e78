/**
 * Line-by-line comparison of test-i386's native output with its output on
 * JOS, summarised by test section so that a failure says which instructions
 * differ, not only where the first difference is.
 *
 * test-i386 prints one line per case, starting with the mnemonic under test
 * ("shrdw      A=... B=... R=... CC=..."), or with a value for the few cases
 * that print several lines ("a=2.000000 b=..." in the float tests, hex words
 * in test_enter). A line's section is its first word up to '=', '(' or ':'
 * when that is a name; other lines belong to the section above them.
 */

export interface SectionDiff {
  section: string;
  /** Lines of this section in the native output. */
  lines: number;
  /** Lines present on both sides that differ. */
  differing: number;
  /** Native lines absent from JOS's output (it stopped early). */
  missing: number;
}

export interface Comparison {
  equal: boolean;
  nativeLines: number;
  josLines: number;
  /** 1-based number of the first differing line, 0 when equal. */
  firstDifference: number;
  sections: SectionDiff[];
  report: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*(\[\d+\])?$/;

/** The section of each line (see the file comment). */
export function sectionsOf(lines: string[]): string[] {
  let current = '(start)';
  return lines.map((line) => {
    const word = line.trimStart().split(/\s+/)[0] ?? '';
    const key = word.split(/[=(:]/)[0];
    if (key !== "" && NAME.test(key) && !/^[0-9a-f]{8,}$/.test(key)) current = key;
    return current;
  });
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function compareOutputs(native: string, jos: string, context = 5, maxShown = 20): Comparison {
  const a = splitLines(native);
  const b = splitLines(jos);
  const sectionOfLine = sectionsOf(a);
  const bySection = new Map<string, SectionDiff>();
  const order: SectionDiff[] = [];
  const shown: string[] = [];
  let firstDifference = 0;
  for (let i = 0; i < a.length; i++) {
    const name = sectionOfLine[i];
    let s = bySection.get(name);
    if (!s) {
      s = { section: name, lines: 0, differing: 0, missing: 0 };
      bySection.set(name, s);
      order.push(s);
    }
    s.lines++;
    if (i >= b.length) {
      s.missing++;
      if (firstDifference === 0) firstDifference = i + 1;
    } else if (a[i] !== b[i]) {
      s.differing++;
      if (firstDifference === 0) firstDifference = i + 1;
      if (shown.length < maxShown * 3) {
        shown.push(`line ${i + 1} [${name}]`, `  native: ${a[i]}`, `  jos:    ${b[i]}`);
      }
    }
  }
  if (firstDifference === 0 && b.length > a.length) firstDifference = a.length + 1;
  const equal = firstDifference === 0;
  const sections = order.filter((s) => s.differing > 0 || s.missing > 0);

  const out: string[] = [];
  if (!equal) {
    out.push(`outputs differ: native ${a.length} lines, jos ${b.length} lines; first difference at line ${firstDifference}`);
    const from = Math.max(0, firstDifference - 1 - context);
    out.push(`around line ${firstDifference}:`);
    for (let i = from; i < Math.min(Math.max(a.length, b.length), firstDifference + context); i++) {
      const na = i < a.length ? a[i] : '<end of output>';
      const nb = i < b.length ? b[i] : '<end of output>';
      out.push(`${na === nb ? ' ' : '!'} ${String(i + 1).padStart(5)} native: ${na}`);
      if (na !== nb) out.push(`  ${' '.repeat(5)} jos:    ${nb}`);
    }
    if (shown.length > 0) {
      out.push(`first ${shown.length / 3} differing lines:`, ...shown);
    }
    const diff = sections.filter((s) => s.differing > 0);
    if (diff.length > 0) {
      out.push('sections with differing lines:');
      for (const s of diff) out.push(`  ${s.section}: ${s.differing} of ${s.lines} lines differ`);
    }
    const gone = sections.filter((s) => s.missing > 0);
    if (gone.length > 0) {
      out.push(`jos output stops after line ${b.length}; sections missing in whole or part: ` +
        gone.map((s) => (s.missing === s.lines ? s.section : `${s.section} (${s.missing} of ${s.lines})`)).join(' '));
    }
    if (b.length > a.length) out.push(`jos printed ${b.length - a.length} extra lines, the first: ${b[a.length]}`);
  }
  return { equal, nativeLines: a.length, josLines: b.length, firstDifference, sections, report: out.join('\n') };
}
