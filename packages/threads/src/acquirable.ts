import type { WaitOptions } from '@sys/core';
import { LockTimeoutError } from './errors.js';

/** How `acquire` waits: core's `{ timeout, signal }`, and Python's `blocking`. */
export interface AcquireOptions extends WaitOptions {
  /** false: take it now or return false at once (Python's `blocking=False`). @default true */
  blocking?: boolean;
}

/** What `hold()` returns: release it by hand, or let `using` release it at the end of the block. */
export interface Held extends Disposable {
  /** Releases what `hold()` took (once; later calls do nothing). */
  release(): void;
}

function timeoutOf(options: number | AcquireOptions | undefined): number {
  return typeof options === 'number' ? options : (options?.timeout ?? 0);
}

/**
 * The scoped forms shared by every lock-like object: `withLock(fn)`, `withLockAsync(fn)`, and
 * `hold()` for `using`. Each releases on every exit path, a throw included.
 */
export abstract class Acquirable {
  /** Blocks this thread until acquired or the timeout (ms) passes; true when acquired. */
  abstract acquire(options?: number | AcquireOptions): boolean;
  /** Waits without blocking the event loop; resolves true when acquired. */
  abstract acquireAsync(options?: number | AcquireOptions): Promise<boolean>;
  /** Releases what `acquire` took. */
  abstract release(): void;

  /** Runs `fn` holding this (blocking to acquire) and releases on every exit path. */
  withLock<T>(fn: () => T, options?: number | AcquireOptions): T {
    if (!this.acquire(options)) throw new LockTimeoutError(timeoutOf(options));
    try {
      return fn();
    } finally {
      this.release();
    }
  }

  /** Awaits the acquisition (event loop free), runs `fn`, awaits it, and always releases. */
  async withLockAsync<T>(fn: () => T | Promise<T>, options?: number | AcquireOptions): Promise<T> {
    if (!(await this.acquireAsync(options))) throw new LockTimeoutError(timeoutOf(options));
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  /** Acquires (blocking) and returns a handle for `using held = lock.hold()`. */
  hold(options?: number | AcquireOptions): Held {
    if (!this.acquire(options)) throw new LockTimeoutError(timeoutOf(options));
    return this.#held();
  }

  /** Acquires without blocking the event loop and returns a handle for `using`. */
  async holdAsync(options?: number | AcquireOptions): Promise<Held> {
    if (!(await this.acquireAsync(options))) throw new LockTimeoutError(timeoutOf(options));
    return this.#held();
  }

  #held(): Held {
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      this.release();
    };
    return { release, [Symbol.dispose]: release };
  }
}
