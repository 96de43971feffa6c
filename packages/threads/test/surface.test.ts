import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// The built package: what a user imports (turbo builds it before the tests: tooling/config/built.js).
import * as T from '../dist/index.js';

describe('the public surface', () => {
  it('has no underscore methods: what Condition needs from a lock is behind module symbols', () => {
    for (const [name, value] of Object.entries(T)) {
      if (typeof value !== 'function' || !value.prototype) continue;
      for (let proto = value.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
        const underscored = Object.getOwnPropertyNames(proto).filter((key) => key.startsWith('_'));
        expect(underscored, name).toEqual([]);
      }
    }
  });

  it('constructors take no buffer: sharing goes through X.from(buffer)', () => {
    const lock = new T.Lock();
    // An extra argument is not a buffer to build on: the lock has memory of its own.
    const other = new (T.Lock as unknown as new (b: SharedArrayBuffer) => T.Lock)(lock.buffer);
    expect(other.buffer).not.toBe(lock.buffer);
    expect(T.Lock.from(lock.buffer).buffer).toBe(lock.buffer);
    expect(() => T.Lock.from({} as SharedArrayBuffer)).toThrow(/buffer/);
  });

  it('ThreadPool, Thread and every Queue close through Symbol.asyncDispose, for await using', async () => {
    const pool = new T.ThreadPool(1);
    const task = pool.submit((x: number) => x * 2, 21);
    await pool[Symbol.asyncDispose]();
    await expect(task).resolves.toBe(42);
    await expect(pool.submit(() => 1)).rejects.toBeInstanceOf(T.PoolClosedError);

    const thread = new T.Thread({ target: () => 'done' }).start();
    await thread[Symbol.asyncDispose]();
    expect(thread.isAlive).toBe(false);
    await expect(thread.join()).resolves.toBe('done');

    for (const Q of [T.Queue, T.LifoQueue, T.PriorityQueue]) {
      const q = new Q<number>();
      q.put(1);
      await q[Symbol.asyncDispose]();
      await q[Symbol.asyncDispose](); // idempotent
      expect(() => q.put(2)).toThrow(T.ShutDown);
      expect(q.get()).toBe(1);
      expect(() => q.get()).toThrow(T.ShutDown);
    }
  });

  it('ships no type that the newest @types/node removed (TransferListItem: Transferable instead)', () => {
    const dist = new URL('../dist/', import.meta.url);
    const types = readdirSync(dist).filter((f) => f.endsWith('.d.ts'));
    expect(types.length).toBeGreaterThan(10);
    for (const file of types) expect(readFileSync(new URL(file, dist), 'utf8'), file).not.toContain('TransferListItem');
  });
});
