import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
// Workers run the built runner: Pool comes from dist/, as a user's does.
import { ChildExitError, Pool, PoolClosedError, PoolStateError } from '../dist/index.js';
import { tsxArgv as execArgv } from './fixtures/tasks.js';

const module = new URL('./fixtures/tasks.ts', import.meta.url);

describe('Pool', () => {
  const pool = new Pool(2, { module, execArgv });
  afterAll(async () => {
    pool.terminate();
    await pool.join();
  });

  it('applies a function in a worker', async () => {
    expect(await pool.apply('square', [7])).toBe(49);
    expect(await pool.apply({ module, export: 'whoami' }, ['w'])).toMatch(/^w: pid \d+$/);
  });

  it('maps in order, in chunks, whatever the items and the chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 60 }),
        fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
        async (xs, chunksize) => {
          expect(await pool.map('square', xs, { chunksize })).toEqual(xs.map((x) => x * x));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('spreads the work over its workers', async () => {
    const who = await pool.map<string>(
      'whoami',
      Array.from({ length: 40 }, (_, i) => `t${i}`),
      { chunksize: 1 },
    );
    expect(new Set(who.map((w) => w.split('pid ')[1])).size).toBe(2);
  });

  it('imap yields results in order as they come, from a lazy iterable, bounded in flight', async () => {
    let pulled = 0;
    function* items() {
      for (let i = 0; i < 20; i++) {
        pulled++;
        yield i;
      }
    }
    const seen: number[] = [];
    for await (const v of pool.imap<number>('slowSquare', items(), { inFlight: 3 })) {
      // Never more than inFlight items taken ahead of what was yielded.
      expect(pulled - seen.length).toBeLessThanOrEqual(3 + 1);
      seen.push(v);
    }
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i * i));
  });

  it('carries a task’s error back as its class, with stack and code; the pool goes on', async () => {
    const error = (await pool.apply('fail', ['nope']).catch((e) => e)) as RangeError;
    expect(error).toBeInstanceOf(RangeError);
    expect(error).toMatchObject({ code: 'E_TASK', message: 'nope' });
    expect(error.stack).toMatch(/tasks\.ts/);
    expect(await pool.apply('square', [3])).toBe(9);
  });

  it('fails the task of a worker that calls process.exit or is killed, and replaces the worker', async () => {
    const before = pool.pids;
    await expect(pool.apply('exitNow', [4])).rejects.toMatchObject({ code: 'ERR_SYS_CHILD_EXIT', exitCode: 4 });
    const killed = (await pool.apply('killSelf').catch((e) => e)) as ChildExitError;
    expect(killed).toBeInstanceOf(ChildExitError);
    expect(killed.signal).toBe('SIGKILL');
    expect(await pool.map('square', [1, 2, 3, 4], { chunksize: 1 })).toEqual([1, 4, 9, 16]);
    expect(pool.pids).toHaveLength(2);
    expect(pool.pids.filter((p) => before.includes(p)).length).toBeLessThan(2);
  });

  it('keeps a task error’s cause chain (errno, path) and a thrown value', async () => {
    const error = (await pool.apply('failWithCause').catch((e) => e)) as TypeError;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.cause).toMatchObject({ code: 'ENOENT', errno: -2, path: '/nonexistent-sys-procs/x' });
    await expect(pool.apply('throwValue')).rejects.toEqual({ answer: 42, list: [1, 2] });
  });

  it('refuses a chunksize that is not a whole number 1 or more', async () => {
    for (const chunksize of [0, -1, 1.5, Number.NaN]) {
      await expect(pool.map('square', [1, 2], { chunksize })).rejects.toMatchObject({
        code: 'ERR_SYS_OPTION',
        option: 'chunksize',
      });
    }
    await expect(pool.imap('square', [1], { chunksize: 0 }).next()).rejects.toMatchObject({ option: 'chunksize' });
  });

  it('refuses arguments that cannot be sent, with an OptionError', async () => {
    await expect(pool.map('square', [() => 1])).rejects.toMatchObject({ code: 'ERR_SYS_OPTION' });
    expect(await pool.apply('square', [5])).toBe(25);
  });

  it('fails only the chunk a crash hit in a map', async () => {
    await expect(pool.map('crashOn', [1, 2, 3, 4], { chunksize: 1 })).rejects.toMatchObject({ exitCode: 7 });
    expect(await pool.map('crashOn', [1, 2, 4], { chunksize: 1 })).toEqual([1, 2, 4]);
  });
});

describe('Pool lifecycle', () => {
  it('close() finishes the queued tasks, refuses new ones, and join() waits for the workers', async () => {
    const pool = new Pool(2, { module, execArgv });
    const pids = pool.pids;
    const work = pool.map('slowSquare', [1, 2, 3, 4, 5], { chunksize: 1 });
    pool.close();
    await expect(pool.apply('square', [1])).rejects.toBeInstanceOf(PoolClosedError);
    expect(await work).toEqual([1, 4, 9, 16, 25]);
    await pool.join();
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });

  it('terminate() ends the workers at once and fails what was running or queued', async () => {
    const pool = new Pool(1, { module, execArgv });
    const running = pool.apply('sleepForever');
    const queued = pool.apply('square', [2]);
    const outcomes = Promise.allSettled([running, queued]);
    await new Promise((r) => setTimeout(r, 200));
    pool.terminate();
    const [a, b] = await outcomes;
    expect(a).toMatchObject({ status: 'rejected', reason: expect.any(ChildExitError) });
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'ERR_SYS_POOL_CLOSED' } });
    await pool.join();
    expect(() => pool.join()).not.toThrow();
  });

  it('await using terminates the workers and waits for them', async () => {
    let pids: number[] = [];
    {
      await using pool = new Pool(2, { module, execArgv });
      pids = pool.pids;
      expect(await pool.apply('square', [3])).toBe(9);
    }
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });

  it('refuses a bad size and join() before close', () => {
    expect(() => new Pool(0)).toThrow(expect.objectContaining({ code: 'ERR_SYS_OPTION' }));
    const pool = new Pool(1, { module, execArgv });
    expect(() => pool.join()).toThrow(PoolStateError);
    pool.terminate();
  });
});
