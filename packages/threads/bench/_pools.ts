// Benchmark (a): the same 100,000 tiny tasks through each pool of 2 workers.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Case } from './_measure.js';

const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);

/** The floor: 2 workers, one postMessage per task, round-robin, no queueing logic. */
class HandPool {
  readonly #workers: Worker[];
  readonly #waiting = new Map<number, (v: number) => void>();
  #next = 0;
  constructor(file: string) {
    this.#workers = [0, 1].map(() => {
      const w = new Worker(file);
      w.on('message', (m: [number, number]) => {
        const resolve = this.#waiting.get(m[0]);
        this.#waiting.delete(m[0]);
        resolve?.(m[1]);
      });
      return w;
    });
  }
  run(x: number): Promise<number> {
    const id = this.#next++;
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      (this.#workers[id & 1] as Worker).postMessage([id, x]);
    });
  }
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}

async function timed(run: (x: number) => Promise<number>): Promise<{ ms: number; answer: string }> {
  const start = performance.now();
  const results = await Promise.all(Array.from({ length: TASKS }, (_, i) => run(i)));
  const ms = performance.now() - start;
  return { ms, answer: String(results.reduce((s, v) => s + v, 0)) };
}

/** Starts every pool (2 workers each, warmed up by the first round) and returns the cases. */
export async function poolCases(dir: string, dist: string): Promise<{ cases: Case[]; close: () => Promise<void> }> {
  const require = createRequire(join(dir, 'package.json'));
  // require.resolve finds the CommonJS entry where there is one: its exports come as `default`.
  const load = (name: string) => import(pathToFileURL(require.resolve(name)).href);
  const piscinaModule = await load('piscina');
  const Piscina = piscinaModule.Piscina ?? piscinaModule.default;
  const { Tinypool } = await load('tinypool');
  const workerpool = (await load('workerpool')).default;
  const { ThreadPool } = await import(dist);
  const inc = join(dir, 'inc.mjs');
  const piscina = new Piscina({ filename: pathToFileURL(inc).href, minThreads: 2, maxThreads: 2 });
  const tinypool = new Tinypool({ filename: pathToFileURL(inc).href, minThreads: 2, maxThreads: 2 });
  const wp = workerpool.pool(join(dir, 'inc-workerpool.mjs'), { minWorkers: 2, maxWorkers: 2, workerType: 'thread' });
  const ours = new ThreadPool(2, { idleTimeout: Number.POSITIVE_INFINITY });
  const hand = new HandPool(join(dir, 'hand-pool-worker.mjs'));
  const cases: Case[] = [
    { name: 'ThreadPool', run: () => timed((x) => ours.submit((y: number) => y + 1, x)) },
    { name: 'hand-rolled postMessage pool', run: () => timed((x) => hand.run(x)) },
    { name: 'piscina', run: () => timed((x) => piscina.run(x)) },
    { name: 'tinypool', run: () => timed((x) => tinypool.run(x)) },
    { name: 'workerpool', run: () => timed((x) => wp.exec('inc', [x])) },
  ];
  const close = async () => {
    await Promise.all([ours.close(), hand.close(), piscina.destroy(), tinypool.destroy(), wp.terminate()]);
  };
  return { cases, close };
}
