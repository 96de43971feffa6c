import { checkTimeout, OptionError, signalName, startTimer, type Timer } from '@sys/core';
import type { FailureReason } from './results.js';

/** Options that end a child early. */
export interface EndOptions {
  /** Milliseconds before the child (and its tree) is ended, any length. @default no limit */
  timeout?: number;
  /** Aborting it ends the child (and its tree). */
  signal?: AbortSignal;
  /** The signal that ends the child on timeout, abort or maxBuffer. @default 'SIGTERM' */
  killSignal?: NodeJS.Signals | number;
  /** Milliseconds to wait after `killSignal` before SIGKILL, any length; Infinity never sends it. @default 5000 */
  forceKillAfter?: number;
}

/** EndOptions checked: what `watch` and `endTree` take. */
export interface Ending {
  timeout: number;
  signal: AbortSignal | undefined;
  killSignal: NodeJS.Signals;
  grace: number;
}

/** Why and how a run was cut short. */
export interface Failure {
  reason: FailureReason;
  detail?: string | number;
  cause?: unknown;
}

/** Checks maxBuffer-style sizes: positive, or Infinity. */
export function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
    throw new OptionError(name, `expected a positive number of bytes, got ${value}`);
  }
  return value;
}

/** Checks the options that end a child, before anything starts: a bad one is an OptionError. */
export function ending(options: EndOptions): Ending {
  let killSignal: NodeJS.Signals;
  try {
    killSignal = signalName(options.killSignal ?? 'SIGTERM');
  } catch {
    throw new OptionError('killSignal', `unknown signal: ${String(options.killSignal)}`);
  }
  const signal = options.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal))
    throw new OptionError('signal', 'expected an AbortSignal');
  return {
    timeout: checkTimeout('timeout', options.timeout) ?? Number.POSITIVE_INFINITY,
    signal,
    killSignal,
    grace: checkTimeout('forceKillAfter', options.forceKillAfter) ?? 5000,
  };
}

/**
 * Arms the timeout and the abort signal; `end` is called once with the first failure.
 * Returns the disarm function.
 */
export function watch(ending: Ending, end: (failure: Failure) => void): () => void {
  const { timeout, signal } = ending;
  let timer: Timer | undefined;
  if (timeout !== Number.POSITIVE_INFINITY)
    timer = startTimer(timeout, () => end({ reason: 'timeout', detail: timeout }));
  const onAbort = () => end({ reason: 'aborted', cause: signal?.reason });
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  return () => {
    timer?.clear();
    signal?.removeEventListener('abort', onAbort);
  };
}
