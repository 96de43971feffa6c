// Python's queue.Empty and queue.Full: one pair for every @sys queue.
export { Empty, Full } from '@sys/core';

import { registerErrorClass, StateError, SysError, type SysErrorOptions } from '@sys/core';

/** Releasing a lock this thread does not hold (Python's RuntimeError for `release()`). */
export class LockNotHeldError extends SysError {
  constructor(what = 'release() called on an unlocked lock', options: SysErrorOptions = {}) {
    super('ERR_SYS_LOCK_NOT_HELD', what, options);
  }
}

/** A scoped form (`withLock`, `hold`) gave up after its timeout without taking the lock. */
export class LockTimeoutError extends SysError {
  constructor(
    readonly timeout: number,
    options: SysErrorOptions = {},
  ) {
    super('ERR_SYS_LOCK_TIMEOUT', `not acquired within ${timeout} ms`, options);
  }
}

/** A `BoundedSemaphore` released more times than it was acquired (Python's ValueError). */
export class SemaphoreOverflowError extends SysError {
  constructor(
    readonly bound: number,
    options: SysErrorOptions = {},
  ) {
    super('ERR_SYS_SEMAPHORE_OVERFLOW', `semaphore released too many times (bound ${bound})`, options);
  }
}

/** A `Barrier` was aborted, reset or timed out while a thread waited on it. */
export class BrokenBarrierError extends SysError {
  constructor(options: SysErrorOptions = {}) {
    super('ERR_SYS_BARRIER_BROKEN', 'the barrier is broken', options);
  }
}

/** `put()` or `get()` on a queue that was shut down: Python 3.13's `queue.ShutDown`. */
export class ShutDown extends SysError {
  constructor(options: SysErrorOptions = {}) {
    super('ERR_SYS_QUEUE_SHUTDOWN', 'the queue is shut down', options);
  }
}

/** A value too large for the queue's memory ceiling (`maxBytes`). */
export class ValueTooLargeError extends SysError {
  constructor(
    readonly size: number,
    readonly limit: number,
    options: SysErrorOptions = {},
  ) {
    super(
      'ERR_SYS_QUEUE_VALUE_TOO_LARGE',
      `a value of ${size} bytes does not fit in a queue of at most ${limit}`,
      options,
    );
  }
}

/** A thread used out of order: started twice, joined before start (Python's RuntimeError). */
export class ThreadStateError extends StateError {
  constructor(message: string, options: SysErrorOptions = {}) {
    super('ERR_SYS_THREAD_STATE', message, options);
  }
}

/** A thread or pool worker ended without a result: it exited, was terminated or crashed. */
export class ThreadExitError extends SysError {
  constructor(
    message: string,
    /** The worker's exit code. */
    readonly exitCode: number,
    options: SysErrorOptions = {},
  ) {
    super('ERR_SYS_THREAD_EXIT', message, options);
  }
}

/** Work submitted to a pool after `close()` or `terminate()`. */
export class PoolClosedError extends StateError {
  constructor(options: SysErrorOptions = {}) {
    super('ERR_SYS_POOL_CLOSED', 'the pool is closed', options);
  }
}

/** `taskDone()` called more times than items were put (Python's ValueError). */
export class TaskDoneError extends SysError {
  constructor(options: SysErrorOptions = {}) {
    super('ERR_SYS_QUEUE_TASK_DONE', 'taskDone() called more times than there were items', options);
  }
}

// Errors thrown in a thread or a pool task come back through core's codec as their own class.
registerErrorClass('ERR_SYS_LOCK_NOT_HELD', LockNotHeldError);
registerErrorClass('ERR_SYS_LOCK_TIMEOUT', LockTimeoutError);
registerErrorClass('ERR_SYS_SEMAPHORE_OVERFLOW', SemaphoreOverflowError);
registerErrorClass('ERR_SYS_BARRIER_BROKEN', BrokenBarrierError);
registerErrorClass('ERR_SYS_QUEUE_SHUTDOWN', ShutDown);
registerErrorClass('ERR_SYS_QUEUE_VALUE_TOO_LARGE', ValueTooLargeError);
registerErrorClass('ERR_SYS_THREAD_STATE', ThreadStateError);
registerErrorClass('ERR_SYS_THREAD_EXIT', ThreadExitError);
registerErrorClass('ERR_SYS_POOL_CLOSED', PoolClosedError);
registerErrorClass('ERR_SYS_QUEUE_TASK_DONE', TaskDoneError);
