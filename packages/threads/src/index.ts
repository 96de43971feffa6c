export type { WaitOptions } from '@sys/core';
export type { AcquireOptions, Held } from './acquirable.js';
export { Barrier } from './barrier.js';
export { Condition } from './condition.js';
export {
  BrokenBarrierError,
  Empty,
  Full,
  LockNotHeldError,
  LockTimeoutError,
  PoolClosedError,
  SemaphoreOverflowError,
  ShutDown,
  TaskDoneError,
  ThreadExitError,
  ThreadStateError,
  ValueTooLargeError,
} from './errors.js';
export { Event } from './event.js';
export { Lock } from './lock.js';
export { type MapOptions, type TaskOptions, ThreadPool, type ThreadPoolOptions } from './pool.js';
export { type GetOptions, LifoQueue, PriorityQueue, type PutOptions, Queue, type QueueOptions } from './queue.js';
export { RLock } from './rlock.js';
export { BoundedSemaphore, Semaphore } from './semaphore.js';
export type { Target } from './target.js';
export { startThread, Thread, type ThreadOptions } from './thread.js';
