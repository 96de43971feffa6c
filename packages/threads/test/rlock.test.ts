import { describe, expect, it } from 'vitest';
import { LockNotHeldError, RLock } from '../dist/index.js';
import { inWorker } from './_workers.js';

describe('RLock', () => {
  it('lets its owner take it again, and frees it only after as many releases', async () => {
    const lock = new RLock();
    expect(lock.acquire()).toBe(true);
    expect(lock.acquire()).toBe(true);
    lock.release();
    expect(lock.locked).toBe(true);
    // another thread cannot take it while one level is still held
    await expect(inWorker('return T.RLock.from(data).acquire({ timeout: 20 })', lock.buffer)).resolves.toBe(false);
    lock.release();
    expect(lock.locked).toBe(false);
    await expect(
      inWorker('const l = T.RLock.from(data); const ok = l.acquire(); l.release(); return ok', lock.buffer),
    ).resolves.toBe(true);
  });

  it('gives the exact total when threads nest acquisitions under contention', async () => {
    const lock = new RLock();
    const counter = new SharedArrayBuffer(8);
    const body = `
      const lock = T.RLock.from(data.lock);
      const count = new Int32Array(data.counter);
      Atomics.add(count, 1, 1);
      while (Atomics.load(count, 1) < 3) {}
      for (let i = 0; i < 10_000; i++) {
        lock.withLock(() => lock.withLock(() => {
          const v = count[0];
          for (let spin = 0; spin < 20; spin++);
          count[0] = v + 1;
        }));
      }`;
    await Promise.all([1, 2, 3].map(() => inWorker(body, { lock: lock.buffer, counter })));
    expect(new Int32Array(counter)[0]).toBe(30_000);
    expect(lock.locked).toBe(false);
  });

  it('refuses a release by a thread that does not own it', async () => {
    const lock = new RLock();
    expect(() => lock.release()).toThrow(LockNotHeldError);
    lock.acquire();
    await expect(
      inWorker(`try { T.RLock.from(data).release(); } catch (e) { return e.code; }`, lock.buffer),
    ).resolves.toBe('ERR_SYS_LOCK_NOT_HELD');
    expect(lock.owner).toBe(0); // the main thread's threadId
    lock.release();
  });

  it('acquireAsync waits for the owning worker to release every level', async () => {
    const lock = new RLock();
    const gate = new SharedArrayBuffer(4);
    const worker = inWorker(
      `const l = T.RLock.from(data.lock); l.acquire(); l.acquire();
       const g = new Int32Array(data.gate); Atomics.store(g, 0, 1);
       Atomics.wait(g, 0, 1, 30); l.release(); l.release();`,
      { lock: lock.buffer, gate },
    );
    while (Atomics.load(new Int32Array(gate), 0) === 0) await new Promise((r) => setTimeout(r, 1));
    expect(await lock.acquireAsync({ timeout: 10_000 })).toBe(true);
    await worker;
    lock.release();
  });
});
