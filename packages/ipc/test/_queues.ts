// Queues a test makes, closed after each test together with the children it started.
import { afterEach } from 'vitest';
import { Queue } from '../dist/index.js';
import { killChildren } from './_child.js';

const queues: Queue[] = [];
afterEach(async () => {
  killChildren();
  await Promise.all(queues.splice(0).map((q) => q.close()));
});

/** A new queue owned by this process, closed after the test. */
export async function make<T>(options = {}): Promise<Queue<T>> {
  const queue = await Queue.create<T>(options);
  queues.push(queue as Queue);
  return queue;
}

/** Closes `queue` after the test too (a client, say). */
export function closeAfter<T>(queue: Queue<T>): Queue<T> {
  queues.push(queue as Queue);
  return queue;
}
