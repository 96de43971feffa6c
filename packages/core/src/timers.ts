import { OptionError } from './errors.js';
import { safeText } from './safe-text.js';

// setTimeout takes at most 2^31-1 ms and fires at once (after 1 ms) for anything longer.
const LONGEST = 2 ** 31 - 1;

/** A running timer: clear it, or let it not keep the process alive. */
export interface Timer {
  /** Stops it; the callback will not run. */
  clear(): void;
  /** The process may exit while it runs. */
  unref(): Timer;
  /** It keeps the process alive again (the default). */
  ref(): Timer;
}

/**
 * Calls `callback` once after `ms` milliseconds, for any length: periods longer than
 * `setTimeout` allows are waited in steps, and `Infinity` never fires.
 */
export function startTimer(ms: number, callback: () => void): Timer {
  let handle: NodeJS.Timeout | undefined;
  let referenced = true;
  let left = ms;
  const step = () => {
    if (left === Number.POSITIVE_INFINITY) return;
    const wait = Math.min(left, LONGEST);
    left -= wait;
    handle = setTimeout(left > 0 ? step : callback, wait);
    if (!referenced) handle.unref();
  };
  step();
  const timer: Timer = {
    clear() {
      if (handle) clearTimeout(handle);
      handle = undefined;
      left = Number.POSITIVE_INFINITY;
    },
    unref() {
      referenced = false;
      handle?.unref();
      return timer;
    },
    ref() {
      referenced = true;
      handle?.ref();
      return timer;
    },
  };
  return timer;
}

/**
 * Checks a timeout option in milliseconds: undefined (none), `Infinity` (none), or a number
 * 0 or more. Anything else (NaN, negative, not a number) is an `OptionError` naming `option`.
 */
export function checkTimeout(option: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0)
    throw new OptionError(option, `must be a number of milliseconds, 0 or more, or Infinity, not ${describe(value)}`);
  return value;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : safeText(value);
}
