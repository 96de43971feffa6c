import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { OptionError } from '@sys/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromWireTask, toWireTask } from '../dist/_wire.js';
import {
  type FindOptions,
  find,
  findEntries,
  findEntriesSync,
  findSync,
  SymlinkLoopError,
  UnreadableDirError,
  type WalkError,
} from '../dist/index.js';
import { tree } from './_tree.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A directory per name with a `.py` file in it: big enough that a walk is still going after 10 ms. */
function bigTree(dirs: number): string {
  return tree(Array.from({ length: dirs }, (_, i) => `d${i % 40}/e${i}/f${i}.py`));
}

const NAMES = ['a', 'b.py', '.h', 'c d', 'x.py', '[z]'];
const segment = fc.constantFrom(...NAMES);
/** Trees as lists of paths up to 4 deep; a trailing '/' makes an empty directory (named apart from files). */
const trees = fc.array(
  fc.tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([parts, dir]) => {
    const path = parts.map((p, i) => (i < parts.length - 1 ? `${p}.d` : p)).join('/');
    return dir ? `${path}.e/` : path;
  }),
  { minLength: 1, maxLength: 25 },
);
const findOptions: fc.Arbitrary<FindOptions> = fc.record(
  {
    type: fc.constantFrom(undefined, 'file', 'dir'),
    maxDepth: fc.constantFrom(undefined, 0, 1, 2, 3),
    prune: fc.constantFrom(undefined, ['a.d'], ['.*']),
  },
  { requiredKeys: [] },
);

describe('find on a worker thread', () => {
  it('yields exactly what the blocking walk yields, in the same order, for any tree, pattern and options', async () => {
    await fc.assert(
      fc.asyncProperty(
        trees,
        fc.constantFrom('*', '*.py', '.*', '[ab]*', '*.d'),
        findOptions,
        async (paths, pattern, options) => {
          const root = tree([...new Set(paths)]);
          const threaded = { ...options, thread: true };
          expect(await collect(find(pattern, root, threaded))).toEqual([...findSync(pattern, root, options)]);
          expect(await collect(findEntries(pattern, root, threaded))).toEqual([
            ...findEntriesSync(pattern, root, options),
          ]);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('matches globs and walks names that are not UTF-8 on the worker', async () => {
    const root = tree(['src/a.py', 'src/deep/b.py', 'c.txt']);
    const bad = Buffer.concat([Buffer.from(`${root}/`), Buffer.from([0x62, 0xff, 0x64])]);
    mkdirSync(bad);
    writeFileSync(Buffer.concat([bad, Buffer.from('/in.py')]), '');
    writeFileSync(Buffer.concat([bad, Buffer.from([0x2f, 0x78, 0xfe, 0x2e, 0x70, 0x79])]), '');
    for (const [pattern, glob] of [
      ['*.py', false],
      ['**/*.py', true],
      ['src/**', true],
    ] as const) {
      const got = await collect(find(pattern, root, { glob, thread: true }));
      expect(got).toEqual([...findSync(pattern, root, { glob })]);
      expect(got.length).toBeGreaterThan(1);
    }
  });

  it('hands a walk still going after a while to the worker, which goes on from where it stopped', async () => {
    const root = bigTree(3000);
    const expected = [...findEntriesSync('*', root)];
    const got = [];
    for await (const found of findEntries('*', root)) {
      // Paused here, the walk has read on until its backlog is full, and is handed over mid-tree.
      if (got.push(found) === 1) await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(got).toEqual(expected);
    expect(await collect(findEntries('*', root, { thread: false }))).toEqual(expected);
  });

  it('reports walk errors to onError with their class, code and path, in walk order among the matches', async () => {
    const root = tree(['a/x.py', 'a/loop -> ..', 'b/y.py', 'b/up -> ../b', 'c.py']);
    const events = (errors: WalkError[]) => (e: WalkError) => errors.push(e);
    const syncErrors: WalkError[] = [];
    const syncOrder = [...findSync('*', root, { followSymlinks: true, onError: events(syncErrors) })];
    const errors: WalkError[] = [];
    const order: string[] = [];
    for await (const path of find('*', root, { followSymlinks: true, thread: true, onError: events(errors) })) {
      order.push(path, `errors so far: ${errors.length}`);
    }
    expect(order.filter((_, i) => i % 2 === 0)).toEqual(syncOrder);
    expect(errors.map((e) => [e.constructor, e.path])).toEqual(syncErrors.map((e) => [e.constructor, e.path]));
    expect(errors.length).toBe(2);
    expect(errors[0]).toBeInstanceOf(SymlinkLoopError);

    const missing: WalkError[] = [];
    await collect(find('*', join(root, 'nowhere'), { thread: true, onError: (e) => missing.push(e) }));
    expect(
      missing.map((e) => [e instanceof UnreadableDirError, e.code, e.path, (e.cause as NodeJS.ErrnoException).code]),
    ).toEqual([[true, 'ERR_SYS_UNREADABLE_DIR', join(root, 'nowhere'), 'ENOENT']]);
    expect(missing[0]?.message).toBe(`${join(root, 'nowhere')}: no such file or directory`);
  });

  it('stops with what onError throws, after the matches before it', async () => {
    const root = tree(['a/x.py', 'b/y.py']);
    symlinkSync('..', join(root, 'b', 'loop'));
    const seen: string[] = [];
    const stop = new Error('enough');
    const walk = async () => {
      for await (const path of find('*.py', root, {
        followSymlinks: true,
        thread: true,
        onError: () => {
          throw stop;
        },
      }))
        seen.push(path);
    };
    await expect(walk()).rejects.toBe(stop);
    expect(seen).toEqual([join(root, 'a', 'x.py'), join(root, 'b', 'y.py')]);
  });

  it('stops with the abort reason when its signal aborts mid-walk', async () => {
    const root = bigTree(2000);
    const controller = new AbortController();
    const reason = new Error('called off');
    let n = 0;
    const walk = async () => {
      for await (const _ of find('*.py', root, { signal: controller.signal, thread: true })) {
        if (++n === 10) controller.abort(reason);
      }
    };
    await expect(walk()).rejects.toBe(reason);
    expect(n).toBeLessThan(2000);
  });

  it('rejects a thread option that is not true, false or auto with OptionError', async () => {
    const thread = 'yes' as unknown as FindOptions['thread'];
    await expect(find('*', '.', { thread }).next()).rejects.toThrow(OptionError);
  });

  it('hands a directory whose path is bytes to the worker as bytes', () => {
    const fsPath = Buffer.from([0x2f, 0x74, 0xff, 0x2f, 0x64]);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(toWireTask({ path: '/t\uFFFD/d', fsPath, depth: 2, chain: undefined }));
    const task = fromWireTask(receiveMessageOnPort(port2)?.message);
    port1.close();
    expect(Buffer.isBuffer(task.fsPath)).toBe(true);
    expect(task).toEqual({ path: '/t\uFFFD/d', fsPath, depth: 2, chain: undefined });
  });

  it('lets go of its worker thread when the consumer leaves early', async () => {
    const root = bigTree(4000);
    const index = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    // Threads are counted in a process of its own: the test runner's come and go.
    const script = `
      const { readdirSync } = await import('node:fs');
      const { find } = await import(${JSON.stringify(index)});
      const threads = () => readdirSync('/proc/self/task').length;
      for await (const _ of find('*', process.argv[1], { thread: false })); // the thread pool's threads are up
      const before = threads();
      const walk = find('*', process.argv[1], { thread: true });
      await walk.next();
      const during = threads();
      await walk.return();
      for (let i = 0; i < 500 && threads() > before; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      console.log(JSON.stringify({ started: during - before, left: threads() - before }));`;
    const out = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--input-type=module', '-e', script, root], { timeout: 20_000 }, (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      );
    });
    expect(JSON.parse(out)).toEqual({ started: 1, left: 0 });
  });

  /**
   * A copy of the built package, and of the @sys/core it imports, under `root`, where the
   * worker's script is `worker` (or missing); resolves with what a find in a process of its
   * own printed.
   */
  async function findInCopy(root: string, worker: string | undefined, script: string): Promise<string> {
    const code = join(root, 'code');
    cpSync(fileURLToPath(new URL('../dist', import.meta.url)), code, { recursive: true });
    if (worker === undefined) rmSync(join(code, '_find-worker.js'));
    else writeFileSync(join(code, '_find-worker.js'), worker);
    const core = fileURLToPath(new URL('../node_modules/@sys/core', import.meta.url));
    for (const part of ['package.json', 'dist']) {
      cpSync(join(core, part), join(code, 'node_modules', '@sys', 'core', part), {
        recursive: true,
        dereference: true,
      });
    }
    const program = `const { find } = await import(${JSON.stringify(join(code, 'index.js'))});\n${script}`;
    return new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--input-type=module', '-e', program, root], { timeout: 20_000 }, (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      );
    });
  }

  it('walks on the thread pool when no worker can be started', async () => {
    const root = bigTree(200);
    const out = await findInCopy(
      root,
      undefined,
      `let n = 0;
      for await (const _ of find('*.py', process.argv[1], { thread: true })) n++;
      console.log(n);`,
    );
    expect(out).toBe('200\n');
  });

  it('fails the find with a FindWorkerError when its worker stops with the walk half done', async () => {
    const root = bigTree(200);
    // A worker that says it is ready, then exits with code 3 as soon as it is given the walk.
    const dying = `import { parentPort } from 'node:worker_threads';
      parentPort.postMessage({ ready: true });
      parentPort.once('message', () => process.exit(3));`;
    const out = await findInCopy(
      root,
      dying,
      `try {
        for await (const _ of find('*.py', process.argv[1], { thread: true }));
        console.log('finished');
      } catch (error) {
        console.log(JSON.stringify({ name: error.name, code: error.code, exitCode: error.exitCode, message: error.message }));
      }`,
    );
    expect(JSON.parse(out)).toEqual({
      name: 'FindWorkerError',
      code: 'ERR_SYS_FIND_WORKER',
      exitCode: 3,
      message: "find's worker thread stopped (exit code 3) before the walk was done",
    });
  });

  it('never keeps the process alive for a consumer that left early or stopped asking', async () => {
    const root = bigTree(4000);
    const index = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const script = `
      const { find } = await import(${JSON.stringify(index)});
      const mode = process.argv[2];
      const walk = find('*', process.argv[1], { thread: true });
      if (mode === 'break') { for await (const _ of walk) break; }
      else { await walk.next(); await new Promise((resolve) => setTimeout(resolve, 200)); }
      console.log('left');`;
    for (const mode of ['break', 'abandon']) {
      const out = await new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          ['--input-type=module', '-e', script, root, mode],
          { timeout: 20_000 },
          (error, stdout) => (error ? reject(error) : resolve(stdout)),
        );
      });
      expect(out).toBe('left\n');
    }
  });
});
