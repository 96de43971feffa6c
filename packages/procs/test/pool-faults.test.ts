import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tempDir } from '@sys/config/temp-dirs';
import { describe, expect, it } from 'vitest';
// Workers run the built runner: Pool comes from dist/, as a user's does.
import { ChildStartError, Pool, TaskTimeoutError } from '../dist/index.js';
import { tsxArgv as execArgv } from './fixtures/tasks.js';

const module = new URL('./fixtures/tasks.ts', import.meta.url);
const plain = new URL('./fixtures/plain.mjs', import.meta.url);
const dist = pathToFileURL(fileURLToPath(new URL('../dist/index.js', import.meta.url))).href;

describe('Pool tasks that time out or are aborted alone', () => {
  it('a stuck task rejects at its timeout, its worker is replaced, the others go on', async () => {
    const pool = new Pool(2, { module, execArgv });
    const before = pool.pids;
    const stuck = [1, 2].map(() => pool.apply('sleepForever', [], { timeout: 500 }).catch((e) => e));
    for (const error of await Promise.all(stuck)) {
      expect(error).toBeInstanceOf(TaskTimeoutError);
      expect(error).toMatchObject({ code: 'ERR_SYS_TASK_TIMEOUT', timeout: 500 });
    }
    expect(await pool.map('square', [1, 2, 3], { chunksize: 1 })).toEqual([1, 4, 9]);
    expect(pool.pids.filter((p) => before.includes(p))).toEqual([]);
    // Two stuck tasks no longer hold the pool for good: close() and join() return.
    pool.close();
    await pool.join();
  });

  it('an aborted task rejects with the reason; a queued one leaves the queue', async () => {
    const pool = new Pool(1, { module, execArgv });
    const abort = new AbortController();
    const running = pool.apply('sleepForever', [], { signal: abort.signal }).catch((e) => e);
    const queued = pool.apply('square', [3], { signal: abort.signal }).catch((e) => e);
    const after = pool.apply('square', [4]);
    setTimeout(() => abort.abort(new Error('no longer wanted')), 300);
    expect(await running).toMatchObject({ message: 'no longer wanted' });
    expect(await queued).toMatchObject({ message: 'no longer wanted' });
    expect(await after).toBe(16);
    await expect(pool.apply('square', [1], { signal: abort.signal })).rejects.toThrow('no longer wanted');
    pool.terminate();
    await pool.join();
  });

  it('map and imap take a timeout for each chunk', async () => {
    // No TypeScript loader: workers start fast, so the timeout is the long task's alone.
    const pool = new Pool(2, { module: plain });
    await expect(pool.map('sleepFor', [50, 60_000], { chunksize: 1, timeout: 3000 })).rejects.toBeInstanceOf(
      TaskTimeoutError,
    );
    const seen: number[] = [];
    const iterate = async () => {
      for await (const v of pool.imap<number>('sleepFor', [10, 60_000, 10], { timeout: 3000 })) seen.push(v);
    };
    await expect(iterate()).rejects.toBeInstanceOf(TaskTimeoutError);
    expect(seen).toEqual([10]);
    pool.terminate();
    await pool.join();
  });
});

describe('Pool workers that cannot start', () => {
  it('fail the task naming why, then the pool stops trying and rejects what is queued', async () => {
    const pool = new Pool(2, { module: plain, execArgv: ['--no-such-node-flag'] });
    const tasks = Array.from(
      { length: 6 },
      (_, i) => pool.apply('twice', [i]).catch((e: ChildStartError) => e) as Promise<ChildStartError>,
    );
    const errors = await Promise.all(tasks);
    for (const error of errors) {
      expect(error).toBeInstanceOf(ChildStartError);
      expect(error).toMatchObject({ code: 'ERR_SYS_CHILD_START', exitCode: 9 });
      expect(error.message).toMatch(/--no-such-node-flag/);
    }
    expect(errors.some((e) => /stopped starting workers/.test(e.message))).toBe(true);
    // No start loop: nothing is left running and later tasks fail at once.
    await new Promise((r) => setTimeout(r, 500));
    expect(pool.pids).toEqual([]);
    await expect(pool.apply('twice', [1])).rejects.toThrow(/stopped starting workers/);
    pool.terminate();
    await pool.join();
  });

  it('never crash the parent with EPIPE when tasks are sent to workers that just died', async () => {
    // A program of its own: an unhandled 'error' would kill it. Pools of failing workers,
    // round after round, send to children that died a moment before their exit is seen.
    const code = `import { Pool } from ${JSON.stringify(dist)};
      for (let round = 0; round < 15; round++) {
        const pool = new Pool(4, { module: ${JSON.stringify(fileURLToPath(plain))}, execArgv: ['--no-such-node-flag'] });
        await Promise.all(Array.from({ length: 40 }, (_, i) => pool.apply('twice', [i]).catch(() => 0)));
        pool.terminate();
        await pool.join();
      }
      console.log('no crash');`;
    const out = await new Promise<{ stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, ['--input-type=module', '-e', code], { timeout: 60_000 }, (_error, stdout, stderr) =>
        resolve({ stdout, stderr }),
      ),
    );
    expect(out.stderr).not.toMatch(/EPIPE/);
    expect(out.stdout.trim()).toBe('no crash');
  });

  it('an --import that throws is named by its last stderr line', async () => {
    const dir = tempDir('sys-procs-');
    const bad = join(dir, 'bad.mjs');
    writeFileSync(bad, 'throw new Error("this preload is broken");\n');
    const pool = new Pool(1, { module: plain, execArgv: ['--import', pathToFileURL(bad).href] });
    const error = (await pool.apply('twice', [1]).catch((e) => e)) as ChildStartError;
    expect(error).toBeInstanceOf(ChildStartError);
    expect(error.stderr).toMatch(/this preload is broken/);
    pool.terminate();
    await pool.join();
  });
});

describe('a Pool never closed', () => {
  it('lets the program exit once its tasks are done (idle workers hold nothing open)', async () => {
    // A program of its own: vitest keeps its own event loop alive.
    const code = `import { Pool } from ${JSON.stringify(dist)};
      const pool = new Pool(2, { module: ${JSON.stringify(fileURLToPath(plain))} });
      console.log(await pool.apply('twice', [21]));`;
    const started = Date.now();
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--input-type=module', '-e', code], { timeout: 20_000 }, (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      ),
    );
    expect(out.trim()).toBe('42');
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
