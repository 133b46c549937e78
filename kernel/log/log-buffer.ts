/**
 * The kernel log as syslog(2) and dmesg read it: the last lines at level
 * info and above, whatever the console shows (as Linux's printk buffer
 * keeps messages the console's loglevel hides). Each line is kept in
 * syslog's form, "<PRIORITY>[seconds] subsystem: message\n"; the oldest
 * lines go once the buffer holds more than CAPACITY bytes.
 */
export class LogBuffer {
  static readonly CAPACITY = 64 * 1024;
  /** Oldest first; plain data (strings) so that it can be saved. */
  lines: string[] = [];
  bytes = 0;

  append(line: string): void {
    this.lines.push(line);
    this.bytes += line.length;
    while (this.bytes > LogBuffer.CAPACITY && this.lines.length > 1) this.bytes -= this.lines.shift()!.length;
  }

  /** The last `max` bytes of the log (whole text when it fits). */
  tail(max: number): string {
    const text = this.lines.join('');
    return text.length <= max ? text : text.slice(text.length - max);
  }

  clear(): void {
    this.lines = [];
    this.bytes = 0;
  }
}
