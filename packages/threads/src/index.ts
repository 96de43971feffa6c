export type { Held } from './_acquirable.js';
export type { Target } from './_job.js';
export type { WaitOptions } from './_wait.js';
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
export { type PoolOptions, type RunOptions, ThreadPool } from './pool.js';
export { LifoQueue, PriorityQueue, Queue, type QueueOptions, type QueueWait } from './queue.js';
export { RLock } from './rlock.js';
export { BoundedSemaphore, Semaphore } from './semaphore.js';
export { startThread, Thread, type ThreadOptions } from './thread.js';
