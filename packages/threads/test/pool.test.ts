import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from '@sys/config/temp-dirs';
import { afterEach, describe, expect, it } from 'vitest';
// The pool starts the built worker script, so these tests use the built package (turbo builds it before the tests: tooling/config/built.js).
import { Lock, PoolClosedError, ThreadExitError, ThreadPool } from '../dist/index.js';
import { dist } from './_workers.js';

const pools: ThreadPool[] = [];
function pool(size = 2, options = {}): ThreadPool {
  const p = new ThreadPool(size, options);
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.terminate()));
});

describe('ThreadPool', () => {
  it('runs many tasks and resolves each with its own result', async () => {
    const p = pool();
    const results = await Promise.all(Array.from({ length: 20_000 }, (_, i) => p.submit((x: number) => x + 1, i)));
    expect(results).toEqual(Array.from({ length: 20_000 }, (_, i) => i + 1));
    expect(p.threads).toBeLessThanOrEqual(2);
  });

  it('runs an exported function of a module', async () => {
    const file = join(tempDir(), 'work.mjs');
    writeFileSync(file, 'export async function twice(x) { return 2 * x; }\n');
    const p = pool();
    await expect(p.submit({ module: pathToFileURL(file), export: 'twice' }, 21)).resolves.toBe(42);
  });

  it('map resolves to the results in order, as Python’s executor.map', async () => {
    const p = pool();
    await expect(p.map((x: number) => x * 2, [1, 2, 3])).resolves.toEqual([2, 4, 6]);
    await expect(p.map((x: number) => x, [])).resolves.toEqual([]);
    await expect(
      p.map(
        (x: number) => {
          if (x === 2) throw new RangeError('two');
          return x;
        },
        [1, 2, 3],
      ),
    ).rejects.toThrow('two');
  });

  it('imap yields results in order and keeps at most inFlight tasks submitted', async () => {
    const p = pool();
    let pulled = 0;
    let yielded = 0;
    let most = 0;
    function* items() {
      for (let i = 0; i < 500; i++) {
        pulled++;
        most = Math.max(most, pulled - yielded);
        yield i;
      }
    }
    const out: number[] = [];
    for await (const r of p.imap((x: number) => x * x, items(), { inFlight: 8 })) {
      out.push(r);
      yielded++;
    }
    expect(out).toEqual(Array.from({ length: 500 }, (_, i) => i * i));
    expect(most).toBeLessThanOrEqual(9); // the window, plus the item being pulled
  });

  it('rejects with the task’s error, code and stack kept, and keeps working', async () => {
    const p = pool(1);
    const error = await p
      .submit(function broken() {
        throw Object.assign(new RangeError('out of range'), { code: 'ERR_SYS_RANGE' });
      })
      .catch((e) => e);
    expect(error).toMatchObject({ name: 'RangeError', message: 'out of range', code: 'ERR_SYS_RANGE' });
    expect(error.stack).toMatch(/at broken/);
    await expect(p.submit(() => 'still here')).resolves.toBe('still here');
  });

  it('replaces a worker that crashes: its task rejects, the tasks queued behind it still run', async () => {
    const p = pool(1);
    // Settled from the start: these may finish but lose their results with the worker.
    const before = Promise.allSettled(Array.from({ length: 5 }, (_, i) => p.submit((x: number) => x, i)));
    const crash = p.submit(() => process.exit(7));
    const after = Array.from({ length: 5 }, (_, i) => p.submit((x: number) => x + 100, i));
    const error = await crash.catch((e) => e);
    expect(error).toBeInstanceOf(ThreadExitError);
    expect(error).toMatchObject({ code: 'ERR_SYS_THREAD_EXIT', exitCode: 7 });
    expect(await Promise.all(after)).toEqual([100, 101, 102, 103, 104]);
    // results of the tasks before may be lost with the worker, but each settles
    for (const r of await before) {
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ThreadExitError);
    }
  });

  it('rejects a task that runs out of its resourceLimits, and goes on with a new worker', async () => {
    const p = pool(1, { resourceLimits: { maxOldGenerationSizeMb: 16 } });
    const hog = p.submit(() => {
      const keep: number[][] = [];
      for (;;) keep.push(new Array(1e5).fill(1));
    });
    await expect(hog).rejects.toMatchObject({ code: 'ERR_WORKER_OUT_OF_MEMORY' });
    await expect(p.submit(() => 'fine')).resolves.toBe('fine');
  });

  it('aborts a queued task at once, and a running task through its signal', async () => {
    const p = pool(1);
    const gate = new SharedArrayBuffer(4);
    const blocker = p.submit((g: SharedArrayBuffer) => Atomics.wait(new Int32Array(g), 0, 0, 20_000), gate);
    const queued = new AbortController();
    const waiting = p.run(() => 'never', [], { signal: queued.signal });
    queued.abort(new Error('not needed'));
    await expect(waiting).rejects.toThrow('not needed');
    Atomics.store(new Int32Array(gate), 0, 1);
    Atomics.notify(new Int32Array(gate), 0);
    await blocker;

    const running = new AbortController();
    const box = new Int32Array(new SharedArrayBuffer(4));
    const task = p.run(
      function (this: { signal: AbortSignal }, b: SharedArrayBuffer) {
        Atomics.store(new Int32Array(b), 0, 1);
        return new Promise((_, reject) => this.signal.addEventListener('abort', () => reject(new Error('saw it'))));
      },
      [box.buffer],
      { signal: running.signal },
    );
    while (Atomics.load(box, 0) === 0) await new Promise((r) => setTimeout(r, 2));
    running.abort(new Error('stop'));
    await expect(task).rejects.toThrow('stop');
    await expect(p.submit(() => 'next')).resolves.toBe('next');
  });

  it('replaces the worker of an aborted task that ignores its signal', async () => {
    const p = pool(1, { abortGrace: 50 });
    const box = new Int32Array(new SharedArrayBuffer(4));
    const controller = new AbortController();
    const stuck = p.run(
      (b: SharedArrayBuffer) => {
        Atomics.store(new Int32Array(b), 0, 1);
        for (;;);
      },
      [box.buffer],
      { signal: controller.signal },
    );
    while (Atomics.load(box, 0) === 0) await new Promise((r) => setTimeout(r, 2));
    controller.abort();
    await expect(stuck).rejects.toMatchObject({ name: 'AbortError' });
    await expect(p.submit(() => 'new worker')).resolves.toBe('new worker');
  });

  it('ends idle workers after idleTimeout', async () => {
    const p = pool(2, { idleTimeout: 30 });
    await Promise.all([p.submit(() => 1), p.submit(() => 2)]);
    expect(p.threads).toBeGreaterThan(0);
    while (p.threads > 0) await new Promise((r) => setTimeout(r, 10));
    await expect(p.submit(() => 3)).resolves.toBe(3);
  });

  it('moves transferables instead of copying them', async () => {
    const p = pool(1);
    const bytes = new Uint8Array(1024).fill(3);
    const sum = p.run((b: Uint8Array) => b.reduce((a, x) => a + x, 0), [bytes], { transfer: [bytes.buffer] });
    await expect(sum).resolves.toBe(3072);
    expect(bytes.byteLength).toBe(0); // moved to the worker, not copied
  });

  it('shares locks passed as arguments: the total is exact', async () => {
    const p = pool(2);
    const lock = new Lock();
    const counter = new SharedArrayBuffer(4);
    const add = (l: Lock, c: SharedArrayBuffer) => {
      const cells = new Int32Array(c);
      for (let i = 0; i < 2000; i++)
        l.withLock(() => {
          const v = cells[0] as number;
          for (let spin = 0; spin < 20; spin++);
          cells[0] = v + 1;
        });
    };
    await Promise.all(Array.from({ length: 8 }, () => p.submit(add, lock, counter)));
    expect(new Int32Array(counter)[0]).toBe(16_000);
  });

  it('close() finishes queued work, then refuses more; terminate() rejects what is left', async () => {
    const p = pool(1);
    const queued = Array.from({ length: 50 }, (_, i) => p.submit((x: number) => x, i));
    const closed = p.close();
    await expect(p.submit(() => 1)).rejects.toBeInstanceOf(PoolClosedError);
    expect((await Promise.all(queued)).length).toBe(50);
    await closed;
    expect(p.threads).toBe(0);

    const q = pool(1);
    const gate = new Int32Array(new SharedArrayBuffer(8)); // [wake, started]
    const running = q.submit((g: Int32Array) => {
      Atomics.store(g, 1, 1);
      Atomics.wait(g, 0, 0, 20_000);
    }, gate);
    const waiting = q.submit(() => 'never');
    while (Atomics.load(gate, 1) === 0) await new Promise((r) => setTimeout(r, 2));
    await q.terminate();
    await expect(waiting).rejects.toBeInstanceOf(PoolClosedError);
    await expect(running).rejects.toBeInstanceOf(ThreadExitError);
  });

  it('leaves no thread behind: a program exits by itself after close(), and even without it', async () => {
    const script = (close: boolean) => `
      import { ThreadPool } from ${JSON.stringify(dist)};
      const pool = new ThreadPool(2, { idleTimeout: 60_000 });
      const r = await Promise.all([1, 2, 3, 4].map((x) => pool.submit((y) => y * 10, x)));
      ${close ? 'await pool.close();' : ''}
      console.log(r.join(','), pool.threads);`;
    const run = (close: boolean) =>
      new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['--input-type=module', '-e', script(close)], { timeout: 20_000 }, (e, out) =>
          e ? reject(e) : resolve(out),
        ),
      );
    expect(await run(true)).toBe('10,20,30,40 0\n');
    expect(await run(false)).toMatch(/^10,20,30,40 [12]\n$/);
  });
});
