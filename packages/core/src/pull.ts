import { OptionError } from './errors.js';
import { Fifo } from './fifo.js';

/** What a producer is handed: where to put items and how to say it is done. */
export interface PushSink<T> {
  /**
   * Queues an item for the consumer. Returns false when the consumer is behind (or gone): the
   * producer should pause until its `resume()` is called. Items pushed anyway are kept.
   */
  push(item: T): boolean;
  /** Ends the stream, with an error to throw to the consumer after the queued items. */
  end(error?: unknown): void;
}

/** How the bridge steers a producer; both are optional. */
export interface ProducerControl {
  /** The consumer has caught up: go on pushing. */
  resume?(): void;
  /** The consumer left early (break, return, throw): stop for good and let go of resources. */
  stop?(): void;
}

/** Options of `pull`. */
export interface PullOptions {
  /** How many items may wait for the consumer before `push` asks the producer to pause. @default 1 */
  backlog?: number;
}

/**
 * Turns a producer driven by callbacks into an async iterator with backpressure: `start` runs
 * at the first `next()`, pushes items to the sink, pauses when `push` returns false until
 * `resume()`, and ends with `end()`. A consumer that leaves early calls `stop()`, so the
 * producer never runs on for nobody. Items come out in the order pushed; an error given to
 * `end` is thrown after them.
 */
export async function* pull<T>(
  start: (sink: PushSink<T>) => ProducerControl | undefined,
  options: PullOptions = {},
): AsyncGenerator<T, void, undefined> {
  const backlog = options.backlog ?? 1;
  if (!(Number.isInteger(backlog) && backlog >= 1))
    throw new OptionError('backlog', `must be a whole number 1 or more, not ${backlog}`);
  const queue = new Fifo<T>();
  let over = false;
  let gone = false;
  let paused = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const sink: PushSink<T> = {
    push(item) {
      if (gone || over) return false;
      queue.push(item);
      wake?.();
      paused = queue.length >= backlog;
      return !paused;
    },
    end(error) {
      if (over) return;
      over = true;
      if (error !== undefined) failure = { error };
      wake?.();
    },
  };
  const control = start(sink) ?? {};
  try {
    for (;;) {
      if (queue.length > 0) {
        const item = queue.shift() as T;
        yield item;
        if (paused && !over && queue.length < backlog) {
          paused = false;
          control.resume?.();
        }
      } else if (over) {
        if (failure) throw failure.error;
        return;
      } else {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    }
  } finally {
    gone = true;
    if (!over) control.stop?.();
  }
}
