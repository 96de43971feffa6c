import { OptionError } from '@sys/core';
import type { FailureReason } from './errors.js';

/** Options that end a child early. */
export interface EndOptions {
  /** Milliseconds before the child (and its group) is ended. @default no limit */
  timeout?: number;
  /** Aborting it ends the child (and its group). */
  signal?: AbortSignal;
  /** The signal that ends the child on timeout, abort or maxBuffer. @default 'SIGTERM' */
  killSignal?: NodeJS.Signals | number;
  /** Milliseconds to wait after `killSignal` before SIGKILL; Infinity never sends it. @default 5000 */
  forceKillAfter?: number;
}

/** Why and how a run was cut short. */
export interface Failure {
  reason: FailureReason;
  detail?: string | number;
  cause?: unknown;
}

/** Checks timeout/maxBuffer-style numbers: positive, or Infinity. */
export function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
    throw new OptionError(name, `expected a positive number of ${name === 'maxBuffer' ? 'bytes' : 'ms'}, got ${value}`);
  }
  return value;
}

/**
 * Arms the timeout and the abort signal; `end` is called once with the first failure.
 * Returns the disarm function.
 */
export function watch(options: EndOptions, end: (failure: Failure) => void): () => void {
  const timeout = positive('timeout', options.timeout, Number.POSITIVE_INFINITY);
  let timer: NodeJS.Timeout | undefined;
  if (Number.isFinite(timeout)) timer = setTimeout(() => end({ reason: 'timeout', detail: timeout }), timeout);
  const signal = options.signal;
  const onAbort = () => end({ reason: 'aborted', cause: signal?.reason });
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  return () => {
    if (timer) clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  };
}
