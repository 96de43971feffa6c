import { describe, expect, it } from 'vitest';
import { Condition, Lock, LockNotHeldError } from '../dist/index.js';
import { inWorker } from './_workers.js';

// A worker waits on the condition until the shared counter in `box` reaches `want`, then
// counts itself as woken; it returns whether its wait ended before the timeout.
const waiter = `
  const cond = T.Condition.from(data.cond);
  const box = new Int32Array(data.box);
  cond.acquire();
  Atomics.add(box, 1, 1); // waiting (counted under the lock, so notify sees us)
  const ok = cond.waitFor(() => box[0] >= data.want, { timeout: data.timeout });
  Atomics.add(box, 2, 1); // woken
  cond.release();
  return ok;`;

async function untilWaiting(box: Int32Array, n: number): Promise<void> {
  while (Atomics.load(box, 1) < n) await new Promise((r) => setTimeout(r, 2));
}

describe('Condition', () => {
  it('notify(n) wakes exactly n of many waiting threads, notifyAll the rest', async () => {
    const cond = new Condition();
    const box = new Int32Array(new SharedArrayBuffer(12)); // [go, waiting, woken]
    const data = { cond: cond.buffer, box: box.buffer, want: 1, timeout: 20_000 };
    const waiters = Array.from({ length: 6 }, () => inWorker<boolean>(waiter, data));
    await untilWaiting(box, 6);
    // wait() returns true only when notified, so a plain wait shows the count exactly
    const plain = Array.from({ length: 3 }, () =>
      inWorker<boolean>(
        `const c = T.Condition.from(data.cond); const box = new Int32Array(data.box);
         c.acquire(); Atomics.add(box, 1, 1); const ok = c.wait(); c.release(); Atomics.add(box, 0, 100); return ok;`,
        data,
      ),
    );
    await untilWaiting(box, 9);
    await cond.withLockAsync(() => {
      box[0] = 1; // the predicate is now true for every waitFor waiter
      cond.notify(2);
    });
    // two threads woke (which ones is up to the scheduler); the others sleep on
    while (Atomics.load(box, 2) + Math.floor(Atomics.load(box, 0) / 100) < 2)
      await new Promise((r) => setTimeout(r, 2));
    await new Promise((r) => setTimeout(r, 30));
    expect(Atomics.load(box, 2) + Math.floor(Atomics.load(box, 0) / 100)).toBe(2);
    await cond.withLockAsync(() => cond.notifyAll());
    expect(await Promise.all([...waiters, ...plain])).toEqual(Array(9).fill(true));
  });

  it('wait returns false after its timeout, with the lock held again', async () => {
    const cond = new Condition();
    cond.acquire();
    expect(cond.wait(20)).toBe(false);
    expect(cond.lock.locked).toBe(true);
    expect(await cond.waitAsync({ timeout: 20 })).toBe(false);
    cond.release();
    const box = new SharedArrayBuffer(12);
    await expect(inWorker(waiter, { cond: cond.buffer, box, want: 1, timeout: 20 })).resolves.toBe(false);
  });

  it('waitAsync on the main thread is woken by a worker, and takes the reentrant lock back at its depth', async () => {
    const cond = new Condition();
    const box = new Int32Array(new SharedArrayBuffer(12));
    await cond.acquireAsync();
    await cond.acquireAsync(); // twice: wait must release both levels, then restore both
    const notifier = inWorker(
      `const c = T.Condition.from(data.cond); const box = new Int32Array(data.box);
       c.withLock(() => { box[0] = 1; c.notify(); });`,
      { cond: cond.buffer, box: box.buffer },
    );
    expect(await cond.waitForAsync(() => box[0] === 1, 20_000)).toBe(true);
    await notifier;
    cond.release();
    expect(cond.lock.locked).toBe(true);
    cond.release();
    expect(cond.lock.locked).toBe(false);
  });

  it('works over a Lock given to it, rebuilt with Condition.from(buffer, lock)', async () => {
    const lock = new Lock();
    const cond = new Condition(lock);
    const box = new Int32Array(new SharedArrayBuffer(12));
    const worker = inWorker(
      `const c = T.Condition.from(data.cond, T.Lock.from(data.lock)); const box = new Int32Array(data.box);
       c.acquire(); Atomics.store(box, 1, 1); const ok = c.waitFor(() => box[0] === 1, 20000); c.release(); return ok;`,
      { cond: cond.buffer, lock: lock.buffer, box: box.buffer },
    );
    await untilWaiting(box, 1);
    await lock.withLockAsync(() => {
      box[0] = 1;
      cond.notify();
    });
    await expect(worker).resolves.toBe(true);
    expect(() => Condition.from(cond.buffer)).toThrow(/separate lock/);
  });

  it('refuses wait and notify without the lock held', () => {
    const cond = new Condition();
    expect(() => cond.wait(1)).toThrow(LockNotHeldError);
    expect(() => cond.notify()).toThrow(LockNotHeldError);
  });
});
