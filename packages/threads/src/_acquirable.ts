import type { WaitOptions } from './_wait.js';
import { LockTimeoutError } from './errors.js';

/** What `hold()` returns: release it by hand, or let `using` release it at the end of the block. */
export interface Held extends Disposable {
  /** Releases what `hold()` took (once; later calls do nothing). */
  release(): void;
}

function timeoutOf(options: WaitOptions | undefined): number {
  return typeof options === 'number' ? options : (options?.timeout ?? 0);
}

/**
 * The scoped forms shared by every lock-like object: `withLock(fn)`, `withLockAsync(fn)`, and
 * `hold()` for `using`. Each releases on every exit path, a throw included.
 */
export abstract class Acquirable {
  /** Blocks this thread until acquired or the timeout passes; true when acquired. */
  abstract acquire(options?: WaitOptions): boolean;
  /** Waits without blocking the event loop; resolves true when acquired. */
  abstract acquireAsync(options?: WaitOptions): Promise<boolean>;
  /** Releases what `acquire` took. */
  abstract release(): void;

  /** Runs `fn` holding this (blocking to acquire) and releases on every exit path. */
  withLock<T>(fn: () => T, options?: WaitOptions): T {
    if (!this.acquire(options)) throw new LockTimeoutError(timeoutOf(options));
    try {
      return fn();
    } finally {
      this.release();
    }
  }

  /** Awaits the acquisition (event loop free), runs `fn`, awaits it, and always releases. */
  async withLockAsync<T>(fn: () => T | Promise<T>, options?: WaitOptions): Promise<T> {
    if (!(await this.acquireAsync(options))) throw new LockTimeoutError(timeoutOf(options));
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  /** Acquires (blocking) and returns a handle for `using held = lock.hold()`. */
  hold(options?: WaitOptions): Held {
    if (!this.acquire(options)) throw new LockTimeoutError(timeoutOf(options));
    return this.#held();
  }

  /** Acquires without blocking the event loop and returns a handle for `using`. */
  async holdAsync(options?: WaitOptions): Promise<Held> {
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
