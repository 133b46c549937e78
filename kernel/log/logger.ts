/**
 * The kernel's leveled logger. Each line carries the time since boot from
 * the Timer HAL, the level and the subsystem:
 *
 *   [    0.000123] info  boot: JOS 0.1.0 on pc (x86_64)
 *
 * and goes out through the Console HAL as bytes. Colors are ANSI SGR and
 * only when the command line says `color=1`.
 */
import type { Console } from '../../hal/console';
import { BOLD, DIM, RESET, fg256 } from './ansi';
import { LogLevel, levelRank } from './levels';
import { LogBuffer } from './log-buffer';

/** syslog priorities (<3> error ... <7> debug), as dmesg reads them. */
const PRIORITY: Record<LogLevel, number> = { error: 3, warn: 4, info: 6, debug: 7, trace: 7 };

const LEVEL_COLORS: Record<LogLevel, string> = {
  error: BOLD + fg256(196),
  warn: fg256(214),
  info: fg256(40),
  debug: fg256(39),
  trace: fg256(245),
};

export interface LogClock {
  nowNs(): number;
}

export class Logger {
  private readonly encoder = new TextEncoder();
  /** What syslog(2) reads: every line at info and above. */
  readonly history = new LogBuffer();

  constructor(
    private readonly console: Console,
    private readonly clock: LogClock,
    /** The console's level; a debugger may change it (gdb: monitor log). */
    public level: LogLevel,
    readonly color: boolean,
  ) {}

  enabled(level: LogLevel): boolean {
    return levelRank(level) <= levelRank(this.level);
  }

  error(subsystem: string, message: string): void {
    this.log('error', subsystem, message);
  }
  warn(subsystem: string, message: string): void {
    this.log('warn', subsystem, message);
  }
  info(subsystem: string, message: string): void {
    this.log('info', subsystem, message);
  }
  debug(subsystem: string, message: string): void {
    this.log('debug', subsystem, message);
  }
  trace(subsystem: string, message: string): void {
    this.log('trace', subsystem, message);
  }

  log(level: LogLevel, subsystem: string, message: string): void {
    const kept = levelRank(level) <= levelRank('info');
    if (!kept && !this.enabled(level)) return;
    const stamp = `[${formatSeconds(this.clock.nowNs())}]`;
    if (kept) this.history.append(`<${PRIORITY[level]}>${stamp} ${subsystem}: ${message}\n`);
    if (!this.enabled(level)) return;
    const tag = level.padEnd(5);
    const line = this.color
      ? `${DIM}${stamp}${RESET} ${LEVEL_COLORS[level]}${tag}${RESET} ${BOLD}${subsystem}:${RESET} ${message}\r\n`
      : `${stamp} ${tag} ${subsystem}: ${message}\r\n`;
    this.console.write(this.encoder.encode(line));
  }

  /** Raw text straight to the console (the logo, program output). */
  print(text: string): void {
    this.console.write(this.encoder.encode(text));
  }
}

/** Seconds with microseconds, right-aligned like Linux's printk time. */
export function formatSeconds(ns: number): string {
  const micros = Math.floor(ns / 1000);
  const seconds = Math.floor(micros / 1e6);
  const fraction = String(micros % 1e6).padStart(6, '0');
  return `${String(seconds).padStart(5)}.${fraction}`;
}
