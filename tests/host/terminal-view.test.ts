import { SerialPane } from '../../host/display/serial-pane';
import { TerminalView } from '../../host/display/terminal-view';
import type { ScreenSnapshot } from '../../platform/screen';

function pixels(color: number[]): ScreenSnapshot {
  const rgba = new Uint8Array(8 * 4 * 4);
  for (let p = 0; p < 32; p++) rgba.set([...color, 255], p * 4);
  return { kind: 'pixels', width: 8, height: 4, rgba };
}

class FakeTerminal {
  columns = 20;
  rows = 12;
  writes: string[] = [];
  write(text: string): void {
    this.writes.push(text);
  }
}

describe('terminal view', () => {
  it('enters the alternate screen, redraws only on change, and restores the terminal', () => {
    let snapshot = pixels([10, 20, 30]);
    const term = new FakeTerminal();
    const view = new TerminalView({ snapshot: () => snapshot }, term, null, { fps: 1000 });
    view.start();
    view.close(); // stop the timer; drive redraws by hand below
    expect(term.writes[0]).toContain('\x1b[?1049h');
    expect(term.writes[1]).toContain('\x1b[38;2;10;20;30;48;2;10;20;30m');
    expect(view.redraw()).toBe(false); // same picture: nothing written
    snapshot = pixels([200, 0, 0]);
    expect(view.redraw()).toBe(true);
    expect(term.writes[term.writes.length - 1]).toContain('\x1b[38;2;200;0;0;48;2;200;0;0m');
    expect(view.redraw()).toBe(false);
    term.columns = 30; // a resize redraws everything, centred anew
    expect(view.redraw()).toBe(true);
    expect(term.writes[term.writes.length - 1]).toContain('\x1b[2J');
    expect(term.writes[2]).toContain('\x1b[?1049l');
  });

  it('draws only the cells a new frame changed, and the whole picture every 30th drawing', () => {
    let snapshot = pixels([10, 20, 30]);
    const term = new FakeTerminal();
    const view = new TerminalView({ snapshot: () => snapshot }, term, null, { fps: 1000 });
    view.start();
    view.close();
    const cells = (text: string) => text.split('\u2580').length - 1;
    expect(cells(term.writes[1])).toBe(16); // 8x4 pixels: 8x2 cells
    const frames: string[] = [];
    for (let i = 0; i < 30; i++) {
      const next = pixels([10, 20, 30]);
      (next as { rgba: Uint8Array }).rgba.set([i, 0, 0, 255], 0); // the top-left pixel changes
      snapshot = next;
      expect(view.redraw()).toBe(true);
      frames.push(term.writes[term.writes.length - 1]);
    }
    expect(frames.slice(0, 29).map(cells)).toEqual(Array(29).fill(1));
    expect(cells(frames[29])).toBe(16);
  });

  it('shows the last console lines in a pane under the picture, with escapes stripped', () => {
    const term = new FakeTerminal();
    const pane = new SerialPane();
    const view = new TerminalView({ snapshot: () => pixels([0, 0, 0]) }, term, pane, { title: 'JOS test' });
    view.redraw();
    for (const b of Buffer.from('\x1b[32mhello\x1b[0m\r\nworld\n')) pane.transmit(b);
    expect(view.redraw()).toBe(true);
    const out = term.writes[term.writes.length - 1];
    expect(out).toContain('hello');
    expect(out).toContain('world');
    expect(out).not.toContain('\x1b[32m');
    expect(view.redraw()).toBe(false);
  });

  it('skips a frame while the terminal still has output queued', () => {
    const term = Object.assign(new FakeTerminal(), { busy: true });
    const view = new TerminalView({ snapshot: () => pixels([1, 2, 3]) }, term, null);
    expect(view.redraw()).toBe(false);
    term.busy = false;
    expect(view.redraw()).toBe(true);
  });

  it('reports a broken snapshot on the status line instead of crashing', () => {
    const term = new FakeTerminal();
    term.columns = 80;
    const view = new TerminalView({ snapshot: () => ({ kind: 'pixels', width: 8, height: 8, rgba: new Uint8Array(3) }) }, term, new SerialPane());
    expect(view.redraw()).toBe(true);
    expect(term.writes.join('')).toMatch(/screen: pixel snapshot of 8x8 has 3 bytes/);
  });
});

describe('serial pane', () => {
  const feed = (pane: SerialPane, text: string) => {
    for (const b of Buffer.from(text, 'utf8')) pane.transmit(b);
  };
  it('handles CR, LF, backspace, tabs and UTF-8', () => {
    const pane = new SerialPane();
    feed(pane, 'abc\rX\nab\bC\n\tT\nnaïve ☺');
    expect(pane.tail(4)).toEqual(['Xbc', 'aC', '        T', 'naïve ☺']);
  });
  it('drops CSI sequences and keeps a bounded history', () => {
    const pane = new SerialPane();
    feed(pane, '\x1b[1;31mred\x1b[0m\n');
    for (let i = 0; i < 600; i++) feed(pane, `${i}\n`);
    expect(pane.tail(600).length).toBeLessThanOrEqual(500);
    expect(pane.tail(2)).toEqual(['599', '']);
  });
});
