/** Log levels, most severe first; a logger prints its level and above. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function parseLogLevel(text: string | undefined, fallback: LogLevel): LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(text ?? '') ? (text as LogLevel) : fallback;
}

export function levelRank(level: LogLevel): number {
  return LOG_LEVELS.indexOf(level);
}
