import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from '@sys/config/temp-dirs';
import { isSysError, OptionError } from '@sys/core';
import { describe, expect, it } from 'vitest';
// Threads start the built worker script, so these tests use the built package (turbo builds it before the tests: tooling/config/built.js).
import { Lock, startThread, Thread, ThreadExitError, ThreadStateError } from '../dist/index.js';
import { dist } from './_workers.js';

describe('Thread', () => {
  it('runs a self-contained function with its arguments and join() resolves with its result', async () => {
    const t = new Thread({ target: (a: number, b: { n: number }) => a + b.n, args: [2, { n: 40 }] });
    expect(t.isAlive).toBe(false);
    expect(t.ident).toBeUndefined();
    t.start();
    expect(t.isAlive).toBe(true);
    expect(typeof t.ident).toBe('number');
    expect(t.name).toMatch(/^Thread-\d+$/);
    await expect(t.join()).resolves.toBe(42);
    expect(t.isAlive).toBe(false);
  });

  it('awaits an async target, which may import modules', async () => {
    // Written with new Function because vitest rewrites import() in test files; users need not.
    const digest = new Function(
      'text',
      "return import('node:crypto').then(({ createHash }) => createHash('sha1').update(text).digest('hex'))",
    ) as (text: string) => Promise<string>;
    const t = new Thread({ name: 'hasher', target: digest, args: ['spam'] }).start();
    expect(t.name).toBe('hasher');
    await expect(t.join()).resolves.toBe('ded982e702e07bb7b6effafdc353db3fe172c83f');
  });

  it("carries a thrown error back with its class name, message, code and the thread's stack", async () => {
    const t = new Thread({
      target: function failing() {
        const e = new TypeError('bad spam');
        Object.assign(e, { code: 'ERR_SYS_SPAM', detail: { n: 1 } });
        throw e;
      },
    }).start();
    const error = (await t.join().catch((e) => e)) as Error & { code: string; detail: unknown };
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ name: 'TypeError', message: 'bad spam', code: 'ERR_SYS_SPAM', detail: { n: 1 } });
    expect(error.stack).toMatch(/at failing/);
    // A TypeError with an ERR_SYS_ code is still not a SysError: the class is the TypeError's.
    expect(isSysError(error)).toBe(false);
  });

  it('rejects join() with ThreadExitError when the thread exits without returning', async () => {
    const t = new Thread({ target: () => process.exit(3) }).start();
    const error = await t.join().catch((e) => e);
    expect(error).toBeInstanceOf(ThreadExitError);
    expect(error).toMatchObject({ code: 'ERR_SYS_THREAD_EXIT', exitCode: 3 });
  });

  it('runs an exported function of a module, found from a file URL', async () => {
    const dir = tempDir();
    const file = join(dir, 'mod.mjs');
    writeFileSync(file, 'export function add(a, b) { return a + b; }\nexport default () => "default";\n');
    const url = pathToFileURL(file);
    await expect(new Thread({ target: { module: url, export: 'add' }, args: [1, 2] }).start().join()).resolves.toBe(3);
    await expect(new Thread({ target: { module: url } }).start().join()).resolves.toBe('default');
    const missing = new Thread({ target: { module: url, export: 'nope' } }).start();
    await expect(missing.join()).rejects.toMatchObject({ code: 'ERR_SYS_OPTION' });
  });

  it('runs the subclass form: run() and its helper methods see the instance data, locks shared', async () => {
    class Adder extends Thread {
      constructor(
        readonly times: number,
        readonly counter: SharedArrayBuffer,
        readonly mutex: Lock,
      ) {
        super();
      }
      add(cells: Int32Array): void {
        this.mutex.withLock(() => {
          const v = cells[0] as number;
          for (let spin = 0; spin < 20; spin++);
          cells[0] = v + 1;
        });
      }
      override run(): string {
        const cells = new Int32Array(this.counter);
        for (let i = 0; i < this.times; i++) this.add(cells);
        return `${this.name} done`;
      }
    }
    const counter = new SharedArrayBuffer(4);
    const mutex = new Lock();
    const threads = [1, 2, 3, 4].map(() => new Adder(5000, counter, mutex).start());
    const results = await Promise.all(threads.map((t) => t.join()));
    expect(results).toEqual(threads.map((t) => `${t.name} done`));
    expect(new Int32Array(counter)[0]).toBe(20_000);
  });

  it('can be started only once, and joined only once started', async () => {
    const t = new Thread({ target: () => 1 });
    await expect(t.join()).rejects.toBeInstanceOf(ThreadStateError);
    t.start();
    expect(() => t.start()).toThrow(ThreadStateError);
    await t.join();
  });

  it('refuses what cannot travel as source, and a bare package specifier as a module', () => {
    expect(() => new Thread({ target: Math.max }).start()).toThrow(OptionError);
    expect(() => new Thread({ target: { module: 'some-package' } }).start()).toThrow(OptionError);
    expect(() => new Thread({}).start()).toThrow(OptionError);
  });

  it('runs functions compiled by esbuild with keepNames (tsx), which call a __name helper', async () => {
    // what tsx makes of `() => { const f = () => 1; return f.name; }`
    const compiled = new Function('return __name(() => 1, "f").name') as () => string;
    await expect(new Thread({ target: compiled }).start().join()).resolves.toBe('f');
  });

  it('startThread runs fn(...args) at once, the chapter’s start_new_thread', async () => {
    await expect(startThread((a: number, b: number) => a * b, 6, 7).join()).resolves.toBe(42);
  });

  it('lets the process exit while a daemon thread still runs, but waits for other threads', async () => {
    const script = (daemon: boolean) => `
      import { Thread } from ${JSON.stringify(dist)};
      new Thread({ daemon: ${daemon}, target: () => {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${daemon ? 60_000 : 100});
        console.log('thread done');
      } }).start();
      console.log('main done');`;
    const run = (daemon: boolean) =>
      new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['--input-type=module', '-e', script(daemon)], { timeout: 20_000 }, (e, out) =>
          e ? reject(e) : resolve(out),
        ),
      );
    expect(await run(true)).toBe('main done\n');
    expect(await run(false)).toBe('main done\nthread done\n');
  });

  it('join(timeout) resolves whether the thread ended, and join() then gives its result', async () => {
    const gate = new Int32Array(new SharedArrayBuffer(4));
    const t = new Thread({
      target: (g: Int32Array) => {
        Atomics.wait(g, 0, 0, 20_000);
        return 'out';
      },
      args: [gate],
    }).start();
    const started = performance.now();
    await expect(t.join(100)).resolves.toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect(t.isAlive).toBe(true);
    const aborted = new AbortController();
    const joining = t.join({ signal: aborted.signal });
    aborted.abort(new Error('stop waiting'));
    await expect(joining).rejects.toThrow('stop waiting');
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    await expect(t.join({ timeout: 20_000 })).resolves.toBe(true);
    await expect(t.join()).resolves.toBe('out');
    await expect(t.join(0)).resolves.toBe(true);
    await expect(t.join(-5)).rejects.toThrow(OptionError);
  });

  it('keeps ident after the thread has ended, so a dead owner of a lock can be recognised', async () => {
    const lock = new Lock();
    const t = new Thread({ target: (l: Lock) => l.acquire(), args: [lock] }).start();
    const ident = t.ident;
    await t.join();
    expect(t.ident).toBe(ident);
    expect(lock.owner).toBe(t.ident);
  });
});

describe('errors that cross from a thread', () => {
  it("come back as this package's own classes", async () => {
    const { LockNotHeldError } = await import('../dist/index.js');
    const t = new Thread({
      target: (l: Lock) => {
        try {
          l.release();
        } catch (e) {
          return Promise.reject(e);
        }
      },
      args: [new Lock()],
    }).start();
    const error = await t.join().catch((e) => e);
    expect(error).toBeInstanceOf(LockNotHeldError);
    expect(error).toMatchObject({ code: 'ERR_SYS_LOCK_NOT_HELD' });
  });
});
