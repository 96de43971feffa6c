// Benchmarks (b), (c) and (d): traffic between the main thread and workers, and a contended lock.
import { isDeepStrictEqual } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { Case } from './_measure.js';

const ROUND_TRIPS = 100_000;
const ONE_WAY = Number(process.env.BENCH_ONE_WAY ?? 1_000_000);
const ADDS = 1_000_000;
const message = { id: 7, name: 'spam', values: [1, 2, 3] };

/** A worker running `body` (module code with `T` = the built package, `data` = workerData). */
function worker(dist: string, body: string, data: unknown): Worker {
  const code = `import { parentPort, workerData as data } from 'node:worker_threads';
    import * as T from ${JSON.stringify(dist)};
    ${body}`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData: data });
}

const next = (w: Worker) => new Promise<unknown>((resolve) => w.once('message', resolve));

/** Waits for each worker's 'ready', times `work`, then waits for the workers to end. */
async function session(ws: Worker[], work: () => Promise<string> | string): Promise<{ ms: number; answer: string }> {
  const ended = ws.map((w) => new Promise((resolve) => w.once('exit', resolve)));
  await Promise.all(ws.map(next));
  const start = performance.now();
  const answer = await work();
  const ms = performance.now() - start;
  await Promise.all(ended);
  return { ms, answer };
}

function checked(last: unknown, what: string): string {
  if (!isDeepStrictEqual(last, message)) throw new Error(`wrong value: ${JSON.stringify(last)}`);
  return what;
}

/** (b) Round trips: the worker sends back what it gets. */
export function roundTripCases(dist: string): Case[] {
  const done = `${ROUND_TRIPS} round trips`;
  return [
    {
      name: 'Queue',
      run: async () => {
        const { Queue } = await import(dist);
        const to = new Queue();
        const from = new Queue();
        const w = worker(
          dist,
          `const to = T.Queue.from(data.to), from = T.Queue.from(data.from);
           parentPort.postMessage('ready');
           for (let i = 0; i < data.n; i++) from.put(to.get());`,
          { to: to.buffer, from: from.buffer, n: ROUND_TRIPS },
        );
        return session([w], () => {
          let last: unknown;
          for (let i = 0; i < ROUND_TRIPS; i++) {
            to.put(message);
            last = from.get();
          }
          return checked(last, done);
        });
      },
    },
    {
      name: 'MessagePort (postMessage)',
      run: () => {
        const w = worker(
          dist,
          `parentPort.postMessage('ready');
           let n = 0;
           parentPort.on('message', (m) => { parentPort.postMessage(m); if (++n === data.n) parentPort.close(); });`,
          { n: ROUND_TRIPS },
        );
        return session([w], async () => {
          let resolveNext: (m: unknown) => void = () => {};
          w.on('message', (m) => resolveNext(m));
          let last: unknown;
          for (let i = 0; i < ROUND_TRIPS; i++) {
            const reply = new Promise((resolve) => {
              resolveNext = resolve;
            });
            w.postMessage(message);
            last = await reply;
          }
          return checked(last, done);
        });
      },
    },
    {
      name: 'bare SAB ping-pong (floor, no data)',
      run: () => {
        const flag = new Int32Array(new SharedArrayBuffer(4));
        const w = worker(
          dist,
          `const f = new Int32Array(data.flag);
           parentPort.postMessage('ready');
           for (let i = 0; i < data.n; i++) {
             // a notify meant for the last round may wake the next one: check the value
             while (Atomics.load(f, 0) === 0) Atomics.wait(f, 0, 0);
             Atomics.store(f, 0, 0);
             Atomics.notify(f, 0);
           }`,
          { flag: flag.buffer, n: ROUND_TRIPS },
        );
        return session([w], () => {
          for (let i = 0; i < ROUND_TRIPS; i++) {
            Atomics.store(flag, 0, 1);
            Atomics.notify(flag, 0);
            while (Atomics.load(flag, 0) === 1) Atomics.wait(flag, 0, 1);
          }
          return done;
        });
      },
    },
  ];
}

/** (c) One way: the main thread sends, the worker receives all, then says so. */
export function oneWayCases(dist: string): Case[] {
  const done = `${ONE_WAY} received`;
  return [
    {
      name: 'Queue',
      run: async () => {
        const { Queue } = await import(dist);
        const q = new Queue(4096);
        const w = worker(
          dist,
          `const q = T.Queue.from(data.q);
           parentPort.postMessage('ready');
           let last;
           for (let i = 0; i < data.n; i++) last = q.get();
           parentPort.postMessage(last);`,
          { q: q.buffer, n: ONE_WAY },
        );
        return session([w], async () => {
          const received = new Promise((resolve) => w.once('message', resolve));
          for (let i = 0; i < ONE_WAY; i++) q.put(message);
          return checked(await received, done);
        });
      },
    },
    {
      name: 'MessagePort (postMessage)',
      run: () => {
        const w = worker(
          dist,
          `parentPort.postMessage('ready');
           let n = 0;
           parentPort.on('message', (m) => { if (++n === data.n) { parentPort.postMessage(m); parentPort.close(); } });`,
          { n: ONE_WAY },
        );
        return session([w], async () => {
          const received = new Promise((resolve) => w.once('message', resolve));
          for (let i = 0; i < ONE_WAY; i++) w.postMessage(message);
          return checked(await received, done);
        });
      },
    },
  ];
}

/** (d) Two workers add to one counter under a lock; both totals must be exact. */
export function lockCases(dist: string): Case[] {
  const run = (name: string, setup: string, lock: string, unlock: string, buffer: () => SharedArrayBuffer): Case => ({
    name,
    run: () => {
      const shared = { lock: buffer(), counter: new SharedArrayBuffer(8), n: ADDS };
      const go = new Int32Array(shared.counter);
      const body = `${setup}
        const c = new Int32Array(data.counter);
        parentPort.postMessage('ready');
        Atomics.wait(c, 1, 0);
        for (let i = 0; i < data.n; i++) { ${lock}; c[0] = c[0] + 1; ${unlock}; }
        parentPort.postMessage('done');`;
      const ws = [worker(dist, body, shared), worker(dist, body, shared)];
      return session(ws, async () => {
        const finished = Promise.all(ws.map(next));
        Atomics.store(go, 1, 1);
        Atomics.notify(go, 1);
        await finished;
        return `total ${go[0]}`;
      });
    },
  });
  const futex = `const s = new Int32Array(data.lock);
    function lock() {
      let c = Atomics.compareExchange(s, 0, 0, 1);
      if (c === 0) return;
      if (c !== 2) c = Atomics.exchange(s, 0, 2);
      while (c !== 0) { Atomics.wait(s, 0, 2); c = Atomics.exchange(s, 0, 2); }
    }
    function unlock() { if (Atomics.sub(s, 0, 1) !== 1) { Atomics.store(s, 0, 0); Atomics.notify(s, 0, 1); } }`;
  return [
    {
      name: 'Lock',
      run: async () => {
        const { Lock } = await import(dist);
        return run(
          'Lock',
          'const l = T.Lock.from(data.lock);',
          'l.acquire()',
          'l.release()',
          () => new Lock().buffer,
        ).run();
      },
    },
    run('bare futex mutex', futex, 'lock()', 'unlock()', () => new SharedArrayBuffer(4)),
  ];
}

/** Fairness: 3 workers take the lock in turn until 1,000,000 acquisitions in all; each one's share. */
export async function lockSpread(dist: string): Promise<number[]> {
  const { Lock } = await import(dist);
  const threads = 3;
  const shared = { lock: new Lock().buffer, cells: new SharedArrayBuffer(4 * (threads + 2)), total: 1_000_000 };
  const body = (me: number) => `const l = T.Lock.from(data.lock);
    const c = new Int32Array(data.cells);
    parentPort.postMessage('ready');
    Atomics.wait(c, 1, 0);
    for (;;) {
      l.acquire();
      if (c[0] >= data.total) { l.release(); break; }
      c[0]++; c[${2 + me}]++;
      l.release();
    }`;
  const ws = Array.from({ length: threads }, (_, me) => worker(dist, body(me), shared));
  await session(ws, () => {
    const c = new Int32Array(shared.cells);
    Atomics.store(c, 1, 1);
    Atomics.notify(c, 1);
    return '';
  });
  return [...new Int32Array(shared.cells, 8)].map((n) => n / shared.total);
}
