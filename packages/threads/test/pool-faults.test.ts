import { describe, expect, it } from 'vitest';
// The pool starts the built worker script (turbo builds it before the tests: tooling/config/built.js).
import { ThreadExitError, ThreadPool } from '../dist/index.js';

describe('ThreadPool under faults: one crash fails one task', () => {
  it('10,000 tasks, 1% throwing and 1% calling process.exit: only those fail, each with its own reason', async () => {
    const pool = new ThreadPool(2);
    try {
      const kind = (i: number) => (i % 100 === 7 ? 'throw' : i % 100 === 42 ? 'exit' : 'ok');
      const task = (i: number, k: string) => {
        if (k === 'throw') throw new RangeError(`bad ${i}`);
        if (k === 'exit') process.exit(9);
        return i * 2;
      };
      const results = await Promise.allSettled(Array.from({ length: 10_000 }, (_, i) => pool.submit(task, i, kind(i))));
      const wrong: string[] = [];
      results.forEach((r, i) => {
        const k = kind(i);
        if (k === 'ok' && !(r.status === 'fulfilled' && r.value === i * 2)) wrong.push(`${i}: ${JSON.stringify(r)}`);
        if (
          k === 'throw' &&
          !(r.status === 'rejected' && r.reason instanceof RangeError && r.reason.message === `bad ${i}`)
        )
          wrong.push(`${i}: ${String((r as PromiseRejectedResult).reason)}`);
        if (
          k === 'exit' &&
          !(r.status === 'rejected' && r.reason instanceof ThreadExitError && r.reason.exitCode === 9)
        )
          wrong.push(`${i}: ${String((r as PromiseRejectedResult).reason)}`);
      });
      expect(wrong.slice(0, 5)).toEqual([]);
      expect(wrong).toHaveLength(0);
    } finally {
      await pool.terminate();
    }
  }, 120_000);

  it('a result that cannot be cloned fails that task alone, saying what could not be copied', async () => {
    const pool = new ThreadPool(1);
    try {
      const tasks = Array.from({ length: 20 }, (_, i) => pool.submit((n: number) => (n === 5 ? { f: () => n } : n), i));
      const results = await Promise.allSettled(tasks);
      results.forEach((r, i) => {
        if (i !== 5) expect(r).toEqual({ status: 'fulfilled', value: i });
      });
      const failed = results[5] as PromiseRejectedResult;
      expect(failed.status).toBe('rejected');
      expect(failed.reason).toBeInstanceOf(Error);
      expect(failed.reason.name).toBe('DataCloneError');
      expect(failed.reason.message).toMatch(/cannot be copied.*could not be cloned/);
      await expect(pool.submit(() => 'still here')).resolves.toBe('still here');
    } finally {
      await pool.terminate();
    }
  });

  it('an argument that cannot be cloned fails that task alone', async () => {
    const pool = new ThreadPool(1);
    try {
      const ok = pool.submit((x: number) => x, 1);
      const bad = pool.submit(
        (x: unknown) => x,
        () => 1,
      );
      await expect(bad).rejects.toMatchObject({ name: 'DataCloneError' });
      await expect(ok).resolves.toBe(1);
    } finally {
      await pool.terminate();
    }
  });

  it('run(…, { signal }) removes its abort listener when the task settles', async () => {
    const pool = new ThreadPool(1);
    const controller = new AbortController();
    const { signal } = controller;
    let listeners = 0;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => {
      listeners++;
      add(...args);
    }) as typeof add;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      listeners--;
      remove(...args);
    }) as typeof remove;
    try {
      await Promise.all(Array.from({ length: 50 }, (_, i) => pool.run((x: number) => x, [i], { signal })));
      await pool
        .run(
          () => {
            throw new Error('fails');
          },
          [],
          { signal },
        )
        .catch(() => {});
      expect(listeners).toBe(0);
    } finally {
      await pool.terminate();
    }
  });
});
