import { threadId } from 'node:worker_threads';
import { checkTimeout, OptionError, type WaitOptions } from '@sys/core';
import { holdLoop, releaseLoop } from './_keep-alive.js';

/** How long a wait may take: milliseconds, or core's `{ timeout, signal }`. */
export type Wait = number | WaitOptions;
/** An acquire's wait: also Python's `blocking: false` (take it now or never) and `timeout: -1`. */
export type AcquireWait = number | (WaitOptions & { blocking?: boolean });

/** This thread's id plus one, so that 0 can mean "nobody" in shared memory. */
export const SELF = threadId + 1;

/** A wait's deadline (performance.now() scale; 0: do not wait) and signal, checked before anything waits. */
export interface Deadline {
  at: number;
  signal: AbortSignal | undefined;
}

const FOREVER: Deadline = { at: Number.POSITIVE_INFINITY, signal: undefined };

/**
 * Checks a wait's options and turns them into a deadline. `acquire` passes `minusOne`: there,
 * as in Python, a timeout of -1 means none. An aborted signal throws its reason at once.
 */
export function deadlineOf(options: AcquireWait | undefined, minusOne = false): Deadline {
  if (options === undefined) return FOREVER;
  let timeout: unknown = options;
  let signal: AbortSignal | undefined;
  if (typeof options === 'object' && options !== null) {
    ({ timeout, signal } = options);
    if (signal !== undefined && !(signal instanceof AbortSignal))
      throw new OptionError('signal', 'must be an AbortSignal');
  } else if (typeof options !== 'number')
    throw new OptionError('timeout', `must be a number of milliseconds, not ${typeof options}`);
  if (minusOne && timeout === -1) timeout = undefined;
  const ms = checkTimeout('timeout', timeout);
  signal?.throwIfAborted();
  if (typeof options === 'object' && options.blocking === false) return { at: 0, signal };
  return { at: ms === undefined ? Number.POSITIVE_INFINITY : performance.now() + ms, signal };
}

/** Milliseconds left until `deadline` (never negative). */
export function left(deadline: Deadline): number {
  if (deadline.at === Number.POSITIVE_INFINITY) return deadline.at;
  return Math.max(0, deadline.at - performance.now());
}

/** Atomics.wait until `deadline`; false when the time ran out. */
export function waitUntil(cells: Int32Array, index: number, value: number, deadline: Deadline): boolean {
  const ms = left(deadline);
  if (ms <= 0) return false;
  return Atomics.wait(cells, index, value, ms) !== 'timed-out';
}

/**
 * Atomics.waitAsync until `deadline`, never blocking the event loop and keeping the process
 * alive meanwhile; false when the time ran out. An abort throws the signal's reason, after
 * waking every waiter on the word: the abandoned wait must not swallow a wake-up meant for
 * another (each of them checks again and sleeps on if it has nothing to do).
 */
export async function waitUntilAsync(cells: Int32Array, index: number, value: number, deadline: Deadline) {
  const ms = left(deadline);
  if (ms <= 0) return false;
  const wait = Atomics.waitAsync(cells, index, value, ms);
  if (!wait.async) return wait.value !== 'timed-out';
  holdLoop();
  try {
    const { signal } = deadline;
    if (signal === undefined) return (await wait.value) !== 'timed-out';
    let onAbort!: () => void;
    const aborted = new Promise<'aborted'>((resolve) => {
      onAbort = () => resolve('aborted');
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const outcome = await Promise.race([wait.value, aborted]);
      if (outcome === 'aborted') {
        Atomics.notify(cells, index);
        throw signal.reason;
      }
      return outcome !== 'timed-out';
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  } finally {
    releaseLoop();
  }
}

/** Checks a count given by the caller: an integer within [min, max]. */
export function checkCount(name: string, value: number, min: number, max = 2 ** 31 - 1): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new OptionError(name, `must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}
