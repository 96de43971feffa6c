import { OptionError } from './errors.js';

/**
 * Starts `start(item)` for items as they come, at most `inFlight` at a time, and yields the
 * results in the items' order as each is ready; the first failure (in order, the iterable's
 * own after the items it gave) is thrown. A consumer that leaves early starts nothing more,
 * and failures it will not see stay quiet.
 */
export async function* ordered<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  start: (item: T) => Promise<R>,
  inFlight: number,
): AsyncGenerator<Awaited<R>, void, undefined> {
  if (!(Number.isInteger(inFlight) && inFlight >= 1))
    throw new OptionError('inFlight', `must be a whole number 1 or more, not ${String(inFlight)}`);
  const window: Promise<R>[] = [];
  let next = 0;
  // The iterable's own failure comes after the items it gave: their results are yielded first.
  let failure: { error: unknown } | undefined;
  const source = (async function* () {
    try {
      yield* items;
    } catch (error) {
      failure = { error };
    }
  })();
  try {
    for await (const item of source) {
      let task: Promise<R>;
      try {
        task = Promise.resolve(start(item));
      } catch (error) {
        task = Promise.reject(error); // thrown, not rejected: still its failure in its place in order
      }
      task.catch(() => {}); // awaited in order below, or left with the consumer
      window.push(task);
      if (window.length - next >= inFlight) yield await take();
    }
    while (next < window.length) yield await take();
    if (failure) throw failure.error;
  } finally {
    window.length = 0;
  }

  function take(): Promise<R> {
    const task = window[next] as Promise<R>;
    window[next++] = undefined as never;
    if (next >= 1024 && next * 2 >= window.length) {
      window.splice(0, next);
      next = 0;
    }
    return task;
  }
}
