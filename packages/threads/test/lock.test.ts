import { isSysError, OptionError } from '@sys/core';
import { describe, expect, it } from 'vitest';
import { Lock, LockNotHeldError, LockTimeoutError } from '../dist/index.js';
import { inWorker } from './_workers.js';

// Each worker adds to a shared counter with a plain read then write: only the lock makes it safe.
const adder = `
  const lock = T.Lock.from(data.lock);
  const count = new Int32Array(data.counter);
  // start together (count[1] counts the ready), or the threads might never overlap
  Atomics.add(count, 1, 1);
  while (Atomics.load(count, 1) < data.threads) {}
  for (let i = 0; i < data.times; i++) {
    lock.acquire();
    const v = count[0];
    for (let spin = 0; spin < 20; spin++);  // widen the window a missing lock would let others in
    count[0] = v + 1;
    lock.release();
  }`;

describe('Lock', () => {
  it('gives the exact total when real threads update a shared counter under it', async () => {
    const lock = new Lock();
    const counter = new SharedArrayBuffer(8);
    const data = { lock: lock.buffer, counter, times: 20_000, threads: 4 };
    await Promise.all([1, 2, 3, 4].map(() => inWorker(adder, data)));
    expect(new Int32Array(counter)[0]).toBe(80_000);
    expect(lock.locked).toBe(false);
  });

  it('is exact while the main thread takes it with acquireAsync between the workers', async () => {
    const lock = new Lock();
    const counter = new SharedArrayBuffer(8);
    const count = new Int32Array(counter);
    const data = { lock: lock.buffer, counter, times: 20_000, threads: 2 };
    const workers = Promise.all([1, 2].map(() => inWorker(adder, data)));
    for (let i = 0; i < 500; i++) {
      await lock.withLockAsync(async () => {
        const v = count[0] as number;
        await null; // the event loop turns while we hold the lock
        count[0] = v + 1;
      });
    }
    await workers;
    expect(count[0]).toBe(40_500);
  });

  it('tryAcquire fails while held and succeeds once released', () => {
    const lock = new Lock();
    expect(lock.tryAcquire()).toBe(true);
    expect(lock.locked).toBe(true);
    expect(lock.tryAcquire()).toBe(false);
    lock.release();
    expect(lock.tryAcquire()).toBe(true);
  });

  it('acquire returns false after its timeout, or at once when not blocking', async () => {
    const lock = new Lock();
    lock.acquire();
    expect(lock.acquire(20)).toBe(false);
    expect(lock.acquire({ timeout: 0 })).toBe(false);
    expect(lock.acquire({ blocking: false })).toBe(false);
    await expect(lock.acquireAsync({ timeout: 20 })).resolves.toBe(false);
    // a worker gives up too, rather than hang
    await expect(inWorker('return T.Lock.from(data).acquire({ timeout: 30 })', lock.buffer)).resolves.toBe(false);
  });

  it('acquireAsync waits for a release made by another thread, without blocking the event loop', async () => {
    const lock = new Lock();
    const holding = inWorker(
      `const lock = T.Lock.from(data); lock.acquire();
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50); lock.release();`,
      lock.buffer,
    );
    while (!lock.locked) await new Promise((r) => setTimeout(r, 1));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    expect(await lock.acquireAsync()).toBe(true);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    await holding;
    lock.release();
  });

  it('withLock and hold release on every exit path, a throw included', () => {
    const lock = new Lock();
    expect(lock.withLock(() => 42)).toBe(42);
    expect(() =>
      lock.withLock(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(lock.locked).toBe(false);
    {
      using held = lock.hold();
      expect(lock.locked).toBe(true);
      held.release(); // an early release, then the scope's release does nothing
      expect(lock.locked).toBe(false);
      lock.acquire();
    }
    expect(lock.locked).toBe(true);
    lock.release();
    try {
      using _held = lock.hold();
      throw new Error('inside');
    } catch {}
    expect(lock.locked).toBe(false);
  });

  it('withLock throws LockTimeoutError when the lock stays busy past the timeout', async () => {
    const lock = new Lock();
    lock.acquire();
    expect(() => lock.withLock(() => 1, 10)).toThrow(LockTimeoutError);
    await expect(lock.withLockAsync(() => 1, 10)).rejects.toMatchObject({ code: 'ERR_SYS_LOCK_TIMEOUT' });
  });

  it('a thread that dies holding the lock leaves it held, and owner names that thread', async () => {
    const lock = new Lock();
    const id = await inWorker<number>(
      `const { threadId } = await import('node:worker_threads'); T.Lock.from(data).acquire(); return threadId;`,
      lock.buffer,
    );
    expect(lock.locked).toBe(true);
    expect(lock.owner).toBe(id);
    lock.release(); // any thread may release a Lock, as in Python
    expect(lock.owner).toBeUndefined();
  });

  it('release of a free lock throws LockNotHeldError, a SysError with a stable code', () => {
    const error = (() => {
      try {
        new Lock().release();
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LockNotHeldError);
    expect(isSysError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ERR_SYS_LOCK_NOT_HELD' });
  });

  it.each([-2, -0.5, Number.NaN, '5', null])(
    'refuses the timeout %s with OptionError, even on a free lock',
    async (timeout) => {
      const lock = new Lock();
      expect(() => lock.acquire({ timeout: timeout as number })).toThrow(OptionError);
      expect(() => lock.acquire(timeout as number)).toThrow(OptionError);
      await expect(lock.acquireAsync({ timeout: timeout as number })).rejects.toThrow(OptionError);
      expect(lock.locked).toBe(false);
    },
  );

  it('takes timeout -1 as no timeout, as Python does', async () => {
    const lock = new Lock();
    lock.acquire();
    const waiter = inWorker<boolean>('return T.Lock.from(data).acquire({ timeout: -1 });', lock.buffer);
    // Released only once the worker sleeps on it (the state word says "contended"), so -1 is really waited on.
    const state = new Int32Array(lock.buffer);
    while (Atomics.load(state, 0) !== 2) await new Promise((r) => setTimeout(r, 5));
    lock.release();
    await expect(waiter).resolves.toBe(true);
  });

  it('lets every contending thread in: each gets 1,000 turns long before the others take 5,000,000', async () => {
    const threads = 3;
    const lock = new Lock();
    // [total, ready, threads that reached their quota, per thread...]
    const shared = new SharedArrayBuffer(4 * (threads + 3));
    const body = `
      const lock = T.Lock.from(data.lock);
      const cells = new Int32Array(data.shared);
      Atomics.add(cells, 1, 1);
      while (Atomics.load(cells, 1) < data.threads) {}
      for (;;) {
        lock.acquire();
        const total = cells[0];
        if (total >= data.cap || cells[2] === data.threads) { lock.release(); break; }
        cells[0] = total + 1;
        if (++cells[3 + data.me] === data.quota) cells[2]++;
        lock.release();
      }`;
    const cap = 5_000_000;
    const quota = 1000;
    await Promise.all(
      Array.from({ length: threads }, (_, me) =>
        inWorker(body, { lock: lock.buffer, shared, threads, cap, quota, me }),
      ),
    );
    const cells = new Int32Array(shared);
    // A lock that starved a waiter would run to the cap with one thread short of its quota.
    expect(cells[2]).toBe(threads);
    expect(cells[0]).toBeLessThan(cap);
  });

  it('wakes a sleeper that gets its turn against a thread re-taking the lock in a loop', async () => {
    const lock = new Lock();
    const cells = new SharedArrayBuffer(8); // [hog holds it, sleeper got it]
    const cap = 5_000;
    const hog = inWorker<number>(
      `const lock = T.Lock.from(data.lock); const cells = new Int32Array(data.cells);
       lock.acquire(); Atomics.store(cells, 0, 1);
       let i = 0;
       for (; i < data.cap && Atomics.load(cells, 1) === 0; i++) {
         lock.release();
         lock.acquire(); // a barging lock lets this win every time: the sleeper is still waking up
         const until = performance.now() + 0.02;
         while (performance.now() < until) {}
       }
       lock.release();
       return i;`,
      { lock: lock.buffer, cells, cap },
    );
    const sleeper = inWorker(
      `const lock = T.Lock.from(data.lock); const cells = new Int32Array(data.cells);
       while (Atomics.load(cells, 0) === 0) {}
       lock.acquire(); Atomics.store(cells, 1, 1); lock.release();`,
      { lock: lock.buffer, cells },
    );
    const [rounds] = await Promise.all([hog, sleeper]);
    expect(rounds).toBeLessThan(cap);
  });
});
