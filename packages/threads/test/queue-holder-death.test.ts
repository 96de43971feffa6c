import { describe, expect, it } from 'vitest';
// Threads start the built worker script (turbo builds it before the tests: tooling/config/built.js).
import { LifoQueue, PriorityQueue, Queue, Thread, ThreadPool } from '../dist/index.js';

type AnyQueue = Queue<unknown>;
const kinds: [string, () => AnyQueue][] = [
  ['Queue', () => new Queue()],
  ['LifoQueue', () => new LifoQueue()],
  ['PriorityQueue', () => new PriorityQueue()],
];

// A value a worker puts: [n, { text }] where text is `size` copies of one letter (checkable whole).
function check(value: unknown, size: number): void {
  const [n, { text }] = value as [number, { text: string }];
  expect(typeof n).toBe('number');
  expect(text).toHaveLength(size);
  expect(text).toBe(text[0]?.repeat(size));
}

// Puts and gets in a loop, so that a terminate() lands inside the queue's critical section.
const churn = (q: Queue<unknown>, size: number) => {
  for (let n = 0; ; n++) {
    q.put([n % 7, { text: String.fromCharCode(97 + (n % 26)).repeat(size) }]);
    if (n % 2 === 1) q.get();
  }
};

async function killInside(q: AnyQueue, size: number, after: number): Promise<void> {
  const t = new Thread({ target: churn, args: [q, size] }).start();
  while (q.qsize() === 0) await new Promise((r) => setTimeout(r, 1));
  await new Promise((r) => setTimeout(r, after));
  // Ended the moment the queue's internal lock (its first cell) is seen held, to land inside.
  const lockWord = new Int32Array(q.buffer, 0, 1);
  const until = performance.now() + 1000;
  while (Atomics.load(lockWord, 0) === 0 && performance.now() < until) {}
  await t.terminate();
  await t.join().catch(() => {});
}

// After the thread died (perhaps holding the queue's lock): every item left is whole, and the
// queue still takes and gives within a timeout instead of hanging.
async function usable(q: AnyQueue, size: number): Promise<void> {
  const left = q.qsize();
  for (let i = 0; i < left; i++) check(await q.getAsync({ timeout: 2000 }), size);
  expect(q.qsize()).toBe(0);
  await q.putAsync([1, { text: 'z'.repeat(size) }], { timeout: 2000 });
  q.putNowait([2, { text: 'y'.repeat(size) }]);
  check(q.get({ timeout: 2000 }), size);
  check(await q.getAsync({ timeout: 2000 }), size);
}

describe("a queue's internal lock survives the death of a thread inside it", () => {
  it.each(kinds)(
    '%s: threads terminated while putting and getting 10 MB values',
    async (_, make) => {
      const size = 10 * 1024 * 1024;
      for (let run = 0; run < 3; run++) {
        const q = make();
        await killInside(q, size, 5 + run * 7);
        await usable(q, size);
      }
    },
    120_000,
  );

  it.each(kinds)(
    '%s: threads terminated while putting and getting small values',
    async (_, make) => {
      for (let run = 0; run < 10; run++) {
        const q = make();
        await killInside(q, 16, run % 5);
        await usable(q, 16);
      }
    },
    120_000,
  );

  it('a ThreadPool worker ended while its task uses a queue frees the queue too', async () => {
    const pool = new ThreadPool(1, { abortGrace: 0 });
    try {
      for (let run = 0; run < 5; run++) {
        const q = new Queue<unknown>();
        const controller = new AbortController();
        const task = pool.run(churn, [q, 1024], { signal: controller.signal });
        while (q.qsize() === 0) await new Promise((r) => setTimeout(r, 1));
        await new Promise((r) => setTimeout(r, run));
        controller.abort();
        await task.catch(() => {});
        // The worker is replaced once the task ignored its abort: wait until it is gone.
        await expect(pool.submit(() => 'next worker')).resolves.toBe('next worker');
        await usable(q, 1024);
      }
    } finally {
      await pool.terminate();
    }
  }, 120_000);
});
