import { OptionError } from '@sys/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedSemaphore, Semaphore, SemaphoreOverflowError } from '../dist/index.js';
import { inWorker } from './_workers.js';

describe('Semaphore', () => {
  it('never lets more than its value in at once, across real threads', async () => {
    const sem = new Semaphore(2);
    const cells = new SharedArrayBuffer(16); // [inside now, most inside seen, passes, ready]
    const body = `
      const sem = T.Semaphore.from(data.sem);
      const c = new Int32Array(data.cells);
      Atomics.add(c, 3, 1);
      while (Atomics.load(c, 3) < 4) {}
      for (let i = 0; i < 2000; i++) {
        sem.acquire();
        const inside = Atomics.add(c, 0, 1) + 1;
        for (let m = Atomics.load(c, 1); inside > m; m = Atomics.load(c, 1)) Atomics.compareExchange(c, 1, m, inside);
        for (let spin = 0; spin < 50; spin++);
        Atomics.sub(c, 0, 1);
        Atomics.add(c, 2, 1);
        sem.release();
      }`;
    await Promise.all([1, 2, 3, 4].map(() => inWorker(body, { sem: sem.buffer, cells })));
    const c = new Int32Array(cells);
    expect(c[2]).toBe(8000);
    expect(c[1]).toBeLessThanOrEqual(2);
    expect(sem.value).toBe(2);
  });

  it('acquire returns false after its timeout when no unit is left', async () => {
    const sem = new Semaphore(1);
    expect(sem.acquire()).toBe(true);
    expect(sem.acquire(15)).toBe(false);
    expect(sem.acquire({ blocking: false })).toBe(false);
    await expect(sem.acquireAsync(15)).resolves.toBe(false);
    await expect(inWorker('return T.Semaphore.from(data).acquire({ timeout: 20 })', sem.buffer)).resolves.toBe(false);
  });

  it('release(n) wakes n waiting threads', async () => {
    const sem = new Semaphore(0);
    const waiting = [1, 2, 3].map(() =>
      inWorker('return T.Semaphore.from(data).acquire({ timeout: 20000 })', sem.buffer),
    );
    sem.release(3);
    await expect(Promise.all(waiting)).resolves.toEqual([true, true, true]);
    expect(sem.value).toBe(0);
  });

  it('matches a model count under any sequence of acquire and release', () => {
    fc.assert(
      fc.property(fc.nat(5), fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }))), (start, ops) => {
        const sem = new Semaphore(start);
        let model = start;
        for (const op of ops) {
          if (op === 0) {
            expect(sem.acquire({ blocking: false })).toBe(model > 0);
            if (model > 0) model--;
          } else {
            sem.release(op);
            model += op;
          }
          expect(sem.value).toBe(model);
        }
      }),
    );
  });

  it('rejects a negative value and a bad release count with OptionError', () => {
    expect(() => new Semaphore(-1)).toThrow(OptionError);
    expect(() => new Semaphore(1).release(0)).toThrow(OptionError);
  });
});

describe('BoundedSemaphore', () => {
  it('refuses to be released above its initial value, in any thread', async () => {
    const sem = new BoundedSemaphore(2);
    expect(() => sem.release()).toThrow(SemaphoreOverflowError);
    sem.acquire();
    sem.release();
    expect(sem.value).toBe(2);
    await expect(
      inWorker('try { T.BoundedSemaphore.from(data).release(); } catch (e) { return e.code; }', sem.buffer),
    ).resolves.toBe('ERR_SYS_SEMAPHORE_OVERFLOW');
  });
});
