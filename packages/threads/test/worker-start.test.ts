import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '@sys/config/temp-dirs';
import { describe, expect, it } from 'vitest';
import { runFile, runNode } from './_child.js';
import { dist } from './_workers.js';

// A Thread and a pool task, started from a program run under some Node flag.
const program = (from: string) => `
  import { Thread, ThreadPool } from ${JSON.stringify(from)};
  const t = await new Thread({ target: (a, b) => a * b, args: [6, 7] }).start().join();
  const pool = new ThreadPool(1);
  const p = await pool.submit((x) => x + 1, 41);
  await pool.close();
  console.log(t, p);`;

describe('Thread and ThreadPool start their workers under the parent’s flags', () => {
  const flags = [
    '--max-old-space-size=256',
    '--expose-gc',
    '--title=sys-threads-test',
    '--abort-on-uncaught-exception',
  ];

  it.each(flags)('from node %s --input-type=module -e', async (flag) => {
    const ran = await runNode([flag], program(dist));
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toBe('42 42\n');
    expect(ran.code).toBe(0);
  });

  it.each(flags)('from a file run by node %s', async (flag) => {
    const file = join(tempDir(), 'main.mjs');
    writeFileSync(file, program(dist));
    const ran = await runFile([flag], file);
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toBe('42 42\n');
  });
});

describe('ThreadPool workers that cannot start', () => {
  // Each program prints one line per task: how it settled. It must end by itself, quickly.
  const settle = `
    const out = await Promise.allSettled(tasks);
    for (const r of out) console.log(r.status, r.reason?.code ?? '', r.reason?.cause?.code ?? '', r.reason?.message ?? '');`;

  it('fail the task with the reason, and after a few failed starts in a row fail what is queued', async () => {
    // 4 MB: enough for V8 to make the isolate (Node 22 and 24 abort the whole process below
    // about 2 MB), too little for the worker to start.
    const started = Date.now();
    const ran = await runNode(
      [],
      `import { ThreadPool } from ${JSON.stringify(dist)};
       const pool = new ThreadPool(1, { resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 } });
       const tasks = Array.from({ length: 20 }, (_, i) => pool.submit((x) => x, i));
       ${settle}`,
      30_000,
    );
    expect(ran.code).toBe(0);
    const lines = ran.stdout.trim().split('\n');
    expect(lines).toHaveLength(20);
    for (const line of lines) {
      expect(line).toMatch(
        /^rejected ERR_SYS_THREAD_EXIT ERR_WORKER_OUT_OF_MEMORY a pool worker could not start: .*memory/,
      );
    }
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('fail with the reason when the worker script is missing (an app bundled without it)', async () => {
    // A copy of the package without its pool worker script, resolving @sys/core as an app would.
    const app = tempDir();
    const pkg = join(app, 'node_modules', '@sys', 'threads');
    mkdirSync(join(app, 'node_modules', '@sys'), { recursive: true });
    cpSync(fileURLToPath(new URL('../dist', import.meta.url)), join(pkg, 'dist'), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ type: 'module', exports: './dist/index.js' }));
    rmSync(join(pkg, 'dist', '_pool-worker.js'));
    symlinkSync(fileURLToPath(new URL('../../core', import.meta.url)), join(app, 'node_modules', '@sys', 'core'));
    const main = join(app, 'main.mjs');
    writeFileSync(
      main,
      `import { ThreadPool } from '@sys/threads';
       const pool = new ThreadPool(2);
       const tasks = Array.from({ length: 10 }, (_, i) => pool.submit((x) => x, i));
       ${settle}`,
    );
    const ran = await runFile([], main, 30_000);
    expect(ran.code).toBe(0);
    const lines = ran.stdout.trim().split('\n');
    expect(lines).toHaveLength(10);
    for (const line of lines)
      expect(line).toMatch(/^rejected ERR_SYS_THREAD_EXIT \S* a pool worker could not start: .*_pool-worker/);
  });

  it('fail with the reason, never crashing the process, when new Worker() throws (no thread can be made)', async () => {
    // A 1 PB stack is more than the address space: the thread is never made, and new Worker()
    // throws ERR_WORKER_INIT_FAILED (EAGAIN) at once, on Node 20, 22 and 24.
    const ran = await runNode(
      [],
      `const { ThreadPool } = await import(${JSON.stringify(dist)});
       const pool = new ThreadPool(1, { resourceLimits: { stackSizeMb: 2 ** 30 } });
       const tasks = Array.from({ length: 5 }, (_, i) => pool.submit((x) => x, i));
       ${settle}`,
      30_000,
    );
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const lines = ran.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    for (const line of lines)
      expect(line).toMatch(/^rejected ERR_SYS_THREAD_EXIT ERR_WORKER_INIT_FAILED a pool worker could not start/);
  });
});
