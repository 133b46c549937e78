/**
 * `--timeout SECONDS`: any positive number of wall-clock seconds, Infinity
 * included. Node's setTimeout takes at most 2^31-1 ms (about 24.8 days) and
 * fires after 1 ms for anything larger, so a long timeout is a chain of
 * shorter ones.
 */
import { UsageError } from './usage-error';

/** The longest delay setTimeout honours. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** Parses --timeout: a positive decimal number (1e400 is Infinity). */
export function parseTimeoutSeconds(text: string): number {
  const t = text.trim();
  const seconds = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) || /^\+?Infinity$/.test(t) ? Number(t) : NaN;
  if (!(seconds > 0)) throw new UsageError(`invalid --timeout "${text}" (expected a positive number of seconds, e.g. 5, 0.5 or Infinity)`);
  return seconds;
}

export interface WallTimer {
  cancel(): void;
}

/** Calls `fire` once `seconds` of wall time have passed (never for Infinity). */
export function startWallTimer(seconds: number, fire: () => void): WallTimer {
  let handle: NodeJS.Timeout | null = null;
  const deadline = Date.now() + seconds * 1000;
  const arm = () => {
    const left = deadline - Date.now();
    if (left <= 0) {
      handle = null;
      fire();
      return;
    }
    handle = setTimeout(arm, Math.min(left, MAX_DELAY_MS));
  };
  if (Number.isFinite(deadline)) arm();
  return {
    cancel() {
      if (handle !== null) clearTimeout(handle);
      handle = null;
    },
  };
}
