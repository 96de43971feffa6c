import { describe, expect, it } from 'vitest';
// Objects passed to Thread travel by their buffer and are rebuilt in the worker (the built package).
import { BoundedSemaphore, Condition, Lock, Semaphore, Thread } from '../dist/index.js';

// Runs `n` threads of `target` with `args` and waits for all.
async function threads(n: number, target: (...args: never[]) => unknown, args: unknown[]): Promise<unknown[]> {
  const started = Array.from({ length: n }, () => new Thread({ target, args }).start());
  return Promise.all(started.map((t) => t.join()));
}

describe('sync objects passed to threads are the same object there', () => {
  it.each([
    ['Semaphore', () => new Semaphore(2)],
    ['BoundedSemaphore', () => new BoundedSemaphore(2)],
  ])('a %s passed to threads bounds them all together', async (_, make) => {
    const sem = make();
    // [inside now, most inside at once]
    const cells = new Int32Array(new SharedArrayBuffer(8));
    const body = (s: Semaphore, c: Int32Array) => {
      for (let i = 0; i < 20; i++) {
        s.withLock(() => {
          const inside = Atomics.add(c, 0, 1) + 1;
          for (let most = Atomics.load(c, 1); inside > most; most = Atomics.load(c, 1)) {
            if (Atomics.compareExchange(c, 1, most, inside) === most) break;
          }
          const until = performance.now() + 1;
          while (performance.now() < until) {}
          Atomics.sub(c, 0, 1);
        });
      }
      return s.value;
    };
    await threads(4, body, [sem, cells]);
    expect(Atomics.load(cells, 1)).toBeGreaterThanOrEqual(1);
    expect(Atomics.load(cells, 1)).toBeLessThanOrEqual(2);
    expect(sem.value).toBe(2);
  });

  it("a Condition's own lock excludes threads from each other, and wait/notify pass between them", async () => {
    const cond = new Condition();
    // [counter, turn]
    const cells = new Int32Array(new SharedArrayBuffer(8));
    const adder = (c: Condition, box: Int32Array) => {
      for (let i = 0; i < 300; i++) {
        c.withLock(() => {
          const v = box[0] as number;
          const until = performance.now() + 0.01;
          while (performance.now() < until) {}
          box[0] = v + 1;
        });
      }
    };
    await threads(4, adder, [cond, cells]);
    expect(cells[0]).toBe(1200);

    // Ping-pong: each thread waits for its turn on the shared condition and hands it on.
    const player = (c: Condition, box: Int32Array, me: number) => {
      for (let round = 0; round < 50; round++) {
        c.withLock(() => {
          if (!c.waitFor(() => box[1] === me, 20_000)) throw new Error('no turn');
          box[1] = 1 - me;
          c.notifyAll();
        });
      }
      return me;
    };
    const both = [0, 1].map((me) => new Thread({ target: player, args: [cond, cells, me] }).start());
    await expect(Promise.all(both.map((t) => t.join()))).resolves.toEqual([0, 1]);
  });
});

describe('Lock starvation hand-off', () => {
  it('a sleeper that waited more than 2 ms gets the lock at the next release, against a thread that re-takes it at once', async () => {
    const lock = new Lock();
    // [hog holds it, sleeper got it, releases before the sleeper got it]
    const cells = new Int32Array(new SharedArrayBuffer(12));
    const hog = new Thread({
      target: (l: Lock, c: Int32Array) => {
        l.acquire();
        Atomics.store(c, 0, 1);
        // Counted from when the sleeper sleeps on the lock: its state word reads "contended".
        const state = new Int32Array(l.buffer);
        while (Atomics.load(state, 0) !== 2) {}
        for (let releases = 1; releases <= 40; releases++) {
          const until = performance.now() + 20;
          while (performance.now() < until) {}
          l.release();
          l.acquire(); // a barging lock lets this win every time
          if (Atomics.load(c, 1) === 1) {
            Atomics.store(c, 2, releases);
            break;
          }
        }
        l.release();
      },
      args: [lock, cells],
    }).start();
    // The sleeper is the main thread, kept busy but for a moment every 30 ms: its wake-ups wait
    // for those moments, so the hog's compare-and-swap wins every race. Only the hand-off (the
    // sleeper, starving after its first failed wake-up, is given the lock) lets it in.
    while (Atomics.load(cells, 0) === 0) await new Promise((r) => setTimeout(r, 1));
    let got = false;
    const taking = lock.acquireAsync().then(() => {
      Atomics.store(cells, 1, 1);
      got = true;
      lock.release();
    });
    while (!got && Atomics.load(cells, 2) === 0 && hog.isAlive) {
      const until = performance.now() + 30;
      while (performance.now() < until) {}
      await new Promise((r) => setImmediate(r));
    }
    await taking;
    await hog.join();
    expect(Atomics.load(cells, 2)).toBeGreaterThanOrEqual(1);
    expect(Atomics.load(cells, 2)).toBeLessThanOrEqual(6);
  });
});
