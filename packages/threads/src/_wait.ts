import { threadId } from 'node:worker_threads';
import { OptionError } from '@sys/core';

/** How long to wait: a number of milliseconds, or Python's `blocking`/`timeout` pair. */
export type WaitOptions = number | { timeout?: number; blocking?: boolean };

/** This thread's id plus one, so that 0 can mean "nobody" in shared memory. */
export const SELF = threadId + 1;

/** The absolute deadline (performance.now() scale) for `options`; 0 means "do not wait". */
export function deadlineOf(options: WaitOptions | undefined): number {
  let timeout: number | undefined;
  if (typeof options === 'number') timeout = options;
  else if (options !== undefined) {
    if (options.blocking === false) return 0;
    timeout = options.timeout;
  }
  if (timeout === undefined) return Number.POSITIVE_INFINITY;
  if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout < 0) {
    throw new OptionError('timeout', `must be a number of milliseconds >= 0, got ${String(timeout)}`);
  }
  return performance.now() + timeout;
}

/** Milliseconds left until `deadline` (never negative). */
export function left(deadline: number): number {
  if (deadline === Number.POSITIVE_INFINITY) return deadline;
  return Math.max(0, deadline - performance.now());
}

/** Atomics.wait until `deadline`; false when the time ran out. */
export function waitUntil(cells: Int32Array, index: number, value: number, deadline: number): boolean {
  const ms = left(deadline);
  if (ms <= 0) return false;
  return Atomics.wait(cells, index, value, ms) !== 'timed-out';
}

/** Atomics.waitAsync until `deadline`, never blocking the event loop; false when the time ran out. */
export async function waitUntilAsync(cells: Int32Array, index: number, value: number, deadline: number) {
  const ms = left(deadline);
  if (ms <= 0) return false;
  const wait = Atomics.waitAsync(cells, index, value, ms);
  return (wait.async ? await wait.value : wait.value) !== 'timed-out';
}

/** Checks a count given by the caller: an integer within [min, max]. */
export function checkCount(name: string, value: number, min: number, max = 2 ** 31 - 1): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new OptionError(name, `must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}
