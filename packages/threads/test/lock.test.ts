import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { Lock, LockNotHeldError } from '../src/index.js';

// Workers load the built package: the same code a user gets.
const dist = pathToFileURL(fileURLToPath(new URL('../dist/index.js', import.meta.url))).href;

function adder(lock: SharedArrayBuffer, counter: SharedArrayBuffer, times: number): Promise<void> {
  const code = `
    import { workerData } from 'node:worker_threads';
    import { Lock } from ${JSON.stringify(dist)};
    const lock = Lock.from(workerData.lock);
    const count = new Int32Array(workerData.counter);
    for (let i = 0; i < workerData.times; i++) {
      lock.acquire();
      const v = count[0];       // a plain read then write: only the lock makes it safe
      count[0] = v + 1;
      lock.release();
    }`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), {
    workerData: { lock, counter, times },
  });
  return new Promise((resolve, reject) => {
    worker.on('error', reject);
    worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))));
  });
}

describe('Lock', () => {
  it('gives the exact total when real threads update a shared counter under it', async () => {
    const lock = new Lock();
    const counter = new SharedArrayBuffer(4);
    await Promise.all([1, 2, 3, 4].map(() => adder(lock.buffer, counter, 20_000)));
    expect(new Int32Array(counter)[0]).toBe(80_000);
  });

  it('tryAcquire fails while held and succeeds once released', () => {
    const lock = new Lock();
    expect(lock.tryAcquire()).toBe(true);
    expect(lock.locked).toBe(true);
    expect(lock.tryAcquire()).toBe(false);
    lock.release();
    expect(lock.tryAcquire()).toBe(true);
  });

  it('acquire gives up after its timeout', () => {
    const lock = new Lock();
    lock.acquire();
    expect(lock.acquire(20)).toBe(false);
  });

  it('acquireAsync waits for a release without blocking the event loop', async () => {
    const lock = new Lock();
    lock.acquire();
    const waiting = lock.acquireAsync();
    setTimeout(() => lock.release(), 10);
    await expect(waiting).resolves.toBe(true);
    expect(lock.locked).toBe(true);
  });

  it('release of a free lock throws LockNotHeldError', () => {
    expect(() => new Lock().release()).toThrow(LockNotHeldError);
  });
});
