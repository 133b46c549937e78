/**
 * The kernel command line: space-separated `key=value` words (and bare
 * flags), as a boot loader passes it. Unknown keys are kept for whoever asks.
 */
export class KernelCmdline {
  private readonly values = new Map<string, string>();

  constructor(readonly text: string) {
    for (const word of text.split(/\s+/)) {
      if (word === '') continue;
      const eq = word.indexOf('=');
      if (eq < 0) this.values.set(word, '');
      else this.values.set(word.slice(0, eq), word.slice(eq + 1));
    }
  }

  get(key: string): string | undefined {
    return this.values.get(key);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }
}
